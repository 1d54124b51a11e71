/*
 * ner bounds: spans a reader accepts.  A model decides per character or
 * per token, so it can end a name inside a word (반도 of 반도체), take one
 * letter of "AI" for a person, or keep the title after a name (황 CEO).
 * These rules put every span's ends where a reader puts them:
 *
 *  - a Latin or digit token is never split: a span that starts inside
 *    one takes it whole (38GWh, not 38G); one that ends inside one gives
 *    it back when the span holds other words before it (황 C of 황 CEO);
 *    a number takes its Korean units (5만, not 5);
 *  - a span starts at a word's start and ends at a word's end or before
 *    the particle or suffix that follows it (삼성전자는: 삼성전자; 11시쯤:
 *    11시); a name may also be one noun of a compound, both parts two
 *    syllables or more (일본|프로야구); a span that does not is dropped;
 *  - a title after a name is not part of it (젠슨 황 CEO: 젠슨 황), and a
 *    title alone is no name;
 *  - no entity is one Latin letter, but for the letter that stands for a
 *    person in Korean news (A씨, B양);
 *  - a span starts and ends at no space and holds a letter or digit;
 *    whatever cuts its end (a particle, a token given back, a title) and
 *    leaves nothing drops it.
 */
#include <string.h>

#include "core/utf8.h"
#include "ner/internal.h"

/* The code point that ends before byte 'b' of valid text 's' (b > 0). */
static int32_t
cp_before(const char *s, size_t b, size_t *len)
{
	size_t a = b - 1;
	int32_t c;

	while (a > 0 && ((unsigned char)s[a] & 0xc0) == 0x80)
		a--;
	utf8_decode(s + a, b - a, &c);
	*len = b - a;
	return c;
}

static int32_t
cp_at(const char *s, size_t len, size_t b, size_t *n)
{
	int32_t c;

	*n = (size_t)utf8_decode(s + b, len - b, &c);
	return c;
}

/* The Hangul syllables of s[a..b), or 0 when something else is there. */
static size_t
syllables(const char *s, size_t a, size_t b)
{
	size_t n = 0;
	int32_t c;

	while (a < b) {
		c = utf8_next(s, b, &a);
		if (!utf8_is_hangul_syllable(c))
			return 0;
		n++;
	}
	return n;
}

/* The units of Korean numbers: 5만, 3억 2천만. */
static int
is_unit(int32_t c)
{
	return c == 0xc2ed || c == 0xbc31 || c == 0xcc9c || c == 0xb9cc ||
	    c == 0xc5b5 || c == 0xc870;	/* 십 백 천 만 억 조 */
}

/* What a number's text ends with before a unit: a digit or a unit. */
static int
is_numeral_end(int32_t c)
{
	return (c >= '0' && c <= '9') || is_unit(c);
}

/* Letters and digits of the tokens Latin text is cut into. */
static int
latin_or_digit(int32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') || (c >= 0xc0 && c <= 0x24f && c != 0xd7 &&
	    c != 0xf7);
}

/* Whether s[a..b) is all Latin letters and digits. */
static int
all_latin(const char *s, size_t a, size_t b)
{
	while (a < b)
		if (!latin_or_digit(utf8_next(s, b, &a)))
			return 0;
	return 1;
}

static int
is_latin_letter(int32_t c)
{
	return latin_or_digit(c) && !(c >= '0' && c <= '9');
}

/* What a word is made of: letters and digits of any script. */
int
ner_word_cp(int32_t c)
{
	if (c < 0x80)
		return latin_or_digit(c);
	/* bare jamo are no letters of a word: ᄏᄏ and ᅲᅲ are laughter and
	   tears written after it (심형래ᄏᄏ) */
	return latin_or_digit(c) || utf8_is_hangul_syllable(c) ||
	    (c >= 0x3400 && c <= 0x9fff) || (c >= 0x370 && c <= 0x52f);
}

/*
 * Titles that follow a name and are no part of it; a span whose last word
 * is one of these loses that word (and the space before it).
 */
static const char *const titles[] = {
	"CEO", "CFO", "CTO", "COO", "CSO", "CIO", "CMO", "Chairman", "President", "Minister",
	"Senator", "Governor", "Director",
	"대통령", "총리", "장관", "차관", "의원", "대표", "회장", "부회장", "사장",
	"부사장", "위원장", "교수", "감독", "선수", "기자", "씨", "님", "박사",
	"원장", "청장", "지사", "후보", "여사", "전무", "상무", "부장", "이사",
	"총장", "단장", "코치", "의장", "대변인", "특파원", "변호사", "판사",
	"검사", "작가", "대사", NULL
};

static int
is_title(const char *w, size_t n)
{
	size_t k;

	for (k = 0; titles[k]; k++)
		if (strlen(titles[k]) == n && memcmp(titles[k], w, n) == 0)
			return 1;
	return 0;
}

/* After a letter that stands for a person: 씨, 양, 군, 모, or "(age)". */
static int
anonymous(const char *s, size_t len, size_t b)
{
	static const char *const after[] = { "씨", "양", "군", "모", "(", NULL };
	size_t k, n;

	while (b < len && s[b] == ' ')
		b++;
	for (k = 0; after[k]; k++) {
		n = strlen(after[k]);
		if (len - b >= n && memcmp(s + b, after[k], n) == 0)
			return 1;
	}
	return 0;
}

static int
is_space_byte(char c)
{
	return c == ' ' || c == '\t';
}

/*
 * End span 'v' at byte 'b' of 's' (b <= v->bend), before the spaces that
 * come before 'b'.  Every cut of a span's end goes through here; 0 when
 * nothing is left, and the span is then to be dropped.
 */
static int
cut_end(struct ner_span *v, const char *s, size_t b)
{
	while (b > v->bstart && is_space_byte(s[b - 1]))
		b--;
	v->end -= utf8_count(s + b, v->bend - b);
	v->bend = b;
	return v->bend > v->bstart;
}

/* Whether s[a..b) holds a letter or digit of any script. */
static int
has_word(const char *s, size_t a, size_t b)
{
	while (a < b)
		if (ner_word_cp(utf8_next(s, b, &a)))
			return 1;
	return 0;
}

/*
 * Fix span 'v' of text 's' (len bytes) in place; 0 when it is to be
 * dropped.  'names': apply the word-boundary rules (persons, places and
 * organizations; dates and quantities end inside words: 3일께, 5km쯤).
 */
static int
fix_span(struct ner_span *v, const char *s, size_t len, int names)
{
	size_t n, m, b, e;
	int32_t c;

	/*
	 * What the steps before left of the span (a particle or a first word
	 * cut off) starts and ends at no space, and holds a word: a span of
	 * spaces or punctuation alone is no entity.
	 */
	while (v->bstart < v->bend && is_space_byte(s[v->bstart])) {
		v->bstart++;
		v->start++;
	}
	if (!cut_end(v, s, v->bend) || !has_word(s, v->bstart, v->bend))
		return 0;
	/*
	 * A name that is a piece of one Latin token (A of AI, WP of NWP) is
	 * no name: the model saw letters, not the word.
	 */
	if (names && all_latin(s, v->bstart, v->bend) &&
	    ((v->bstart > 0 && latin_or_digit(cp_before(s, v->bstart, &n))) ||
	    (v->bend < len && latin_or_digit(cp_at(s, len, v->bend, &m)))))
		return 0;
	/* a Latin or digit token split at the start: take it whole */
	while (v->bstart > 0 && latin_or_digit(cp_at(s, len, v->bstart, &m)) &&
	    latin_or_digit(cp_before(s, v->bstart, &n))) {
		v->bstart -= n;
		v->start--;
	}
	/* ... and at the end */
	if (v->bend < len && latin_or_digit(cp_at(s, len, v->bend, &m)) &&
	    latin_or_digit(cp_before(s, v->bend, &n))) {
		for (b = v->bend; b > v->bstart &&
		    latin_or_digit(cp_before(s, b, &n)); b -= n)
			;
		if (b > v->bstart && is_space_byte(s[b - 1])) {
			/* 황 C|EO: give the token back, and the space */
			if (!cut_end(v, s, b))
				return 0;
		} else {
			while (v->bend < len &&
			    latin_or_digit(cp_at(s, len, v->bend, &m))) {
				v->bend += m;
				v->end++;
			}
		}
	}
	/* a number goes on through its Korean units: 5|만 is 5만, 1|조2000억 */
	while (!names && v->bend < len && (is_unit(cp_at(s, len, v->bend, &m)) ||
	    ((c = cp_at(s, len, v->bend, &m)) >= '0' && c <= '9')) &&
	    is_numeral_end(cp_before(s, v->bend, &n))) {
		v->bend += m;
		v->end++;
	}
	/* a span starts at a word's start... */
	if (v->bstart > 0 && ner_word_cp(cp_before(s, v->bstart, &n)) &&
	    ner_word_cp(cp_at(s, len, v->bstart, &m))) {
		/* ...or, for a name, at the seam of a compound (강원|도청) */
		for (b = v->bstart; b > 0 &&
		    ner_word_cp(cp_before(s, b, &n)); b -= n)
			;
		if (!names || syllables(s, b, v->bstart) < 2 ||
		    syllables(s, v->bstart, v->bend) < 2)
			return 0;
	}
	/* ...and ends at its end, before a particle or suffix, or a seam */
	if (v->bend < len && ner_word_cp(cp_at(s, len, v->bend, &m)) &&
	    ner_word_cp(cp_before(s, v->bend, &n))) {
		for (e = v->bend; e < len &&
		    ner_word_cp(cp_at(s, len, e, &m)); e += m)
			;
		if (names ? !ner_after_name(s + v->bend, e - v->bend) &&
		    (syllables(s, v->bend, e) < 2 ||
		    syllables(s, v->bstart, v->bend) < 2) &&
		    /* 이모(63)씨, 임모 씨: 모 stands for the given name */
		    !(v->type == NER_PS && e - v->bend == 3 &&
		    memcmp(s + v->bend, "모", 3) == 0) :
		    !ner_is_num_suffix(s + v->bend, e - v->bend))
			return 0;
	}
	if (names) {
		/* a title alone is no name (CEO, 대통령) */
		if (is_title(s + v->bstart, v->bend - v->bstart))
			return 0;
		/* a title after a name is not part of it */
		for (b = v->bend; b > v->bstart && !is_space_byte(s[b - 1]); b--)
			;
		if (b > v->bstart && is_title(s + b, v->bend - b) &&
		    !cut_end(v, s, b))
			return 0;	/* a title and nothing else */
	}
	/*
	 * No entity of one Latin letter, but for the letters Korean news
	 * writes for people it does not name: A씨, B양, A(12)군.
	 */
	c = cp_at(s, len, v->bstart, &m);
	if (v->bend - v->bstart == m && is_latin_letter(c) &&
	    !(v->type == NER_PS && anonymous(s, len, v->bend)))
		return 0;
	return 1;
}

void
ner_fix_bounds(struct ner_spans *sp, const char *s, size_t len)
{
	size_t i, k;

	for (i = k = 0; i < sp->n; i++) {
		struct ner_span v = sp->v[i];

		/* a span that grew into the one before it goes */
		if (fix_span(&v, s, len, v.type <= NER_OG) &&
		    (k == 0 || sp->v[k - 1].bend <= v.bstart))
			sp->v[k++] = v;
	}
	sp->n = k;
}
