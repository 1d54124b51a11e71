/* layout: tell article text from page furniture by the shape of lines. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "core/utf8.h"
#include "core/util.h"
#include "strip/internal.h"

/*
 * The thresholds.  Lengths are in code points of the trimmed line; a
 * Korean syllable carries about as much as two or three Latin letters,
 * hence the shorter Korean lengths.  Densities are fractions of the words.
 */
#define EN_SHORT 70		/* shorter lines are judged by context */
#define EN_LONG 200		/* wrapped prose: long enough without a stop */
#define EN_NOSTOP_NEAR 150	/* no stop words to go by: long is prose-ish */
#define KO_GOOD 40		/* a sentence this long is body */
#define KO_NEAR 12
#define KO_SHORT 80		/* no sentence end: shorter is heading-like */
#define DOC_STOP_MIN_WORDS 30	/* words in long lines to judge the language */
#define HEADING_REACH 200	/* body must follow a heading within this */
#define HEADING_LINES 5		/* heading lines kept above the main block */
#define SCAN_LINES 64		/* bound on look-ahead, to stay linear */
#define JUNK_TOKEN 40		/* a "word" this long is a URL, hash or blob */

/* Function words of English, for the stop-word density of a line. */
static const char *const en_stop[] = {
	"a", "about", "above", "after", "again", "against", "all", "also",
	"am", "an", "and", "any", "are", "as", "at", "be", "because", "been",
	"before", "being", "below", "between", "both", "but", "by", "can",
	"can't", "could", "did", "didn't", "do", "does", "doing", "don't",
	"down", "during", "each", "few", "for", "from", "further", "had",
	"has", "have", "having", "he", "he's", "her", "here", "hers",
	"herself", "him", "himself", "his", "how", "i", "i'm", "i've", "if",
	"in", "into", "is", "isn't", "it", "it's", "its", "itself", "just",
	"may", "me", "might", "more", "most", "must", "my", "myself", "no",
	"nor", "not", "now", "of", "off", "on", "once", "one", "only", "or",
	"other", "our", "ours", "ourselves", "out", "over", "own", "said",
	"same", "says", "shall", "she", "she's", "should", "so", "some",
	"such", "than", "that", "that's", "the", "their", "theirs", "them",
	"themselves", "then", "there", "there's", "these", "they", "they're",
	"this", "those", "through", "to", "too", "under", "until", "up",
	"very", "was", "wasn't", "we", "we're", "we've", "were", "what",
	"when", "where", "which", "while", "who", "whom", "why", "will",
	"with", "won't", "would", "you", "you're", "your", "yours",
	"yourself", "yourselves"
};

#define STOP_SLOTS 512
#define STOP_WORD_MAX 12
static const char *stop_table[STOP_SLOTS];
static unsigned char stop_len[STOP_SLOTS];
static int stop_ready;

static uint32_t
word_hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static void ko_endings_init(void);
static void ascii_class_init(void);

static void
stop_init(void)
{
	size_t i;

	for (i = 0; i < sizeof en_stop / sizeof en_stop[0]; i++) {
		uint32_t h = word_hash(en_stop[i], strlen(en_stop[i]));

		while (stop_table[h % STOP_SLOTS] != NULL)
			h++;
		stop_table[h % STOP_SLOTS] = en_stop[i];
		stop_len[h % STOP_SLOTS] = (unsigned char)strlen(en_stop[i]);
	}
	ko_endings_init();
	ascii_class_init();
	stop_ready = 1;
}

static int
is_stop(const char *w, size_t len)
{
	uint32_t h = word_hash(w, len);
	const char *e;

	while ((e = stop_table[h % STOP_SLOTS]) != NULL) {
		if (stop_len[h % STOP_SLOTS] == len && memcmp(e, w, len) == 0)
			return 1;
		h++;
	}
	return 0;
}

/*
 * The last syllables of Korean words that end in a particle (은 는 이 가
 * 을 를 에 의 로 와 과 도 만...) or a verb ending (다 요 고 며 면 지...):
 * running text has many, headlines and menus few.  Sorted.
 */
static const int32_t ko_endings[] = {
	0xAC00, 0xAC8C, 0xACE0, 0xACFC, 0xAE4C, 0xAED8, 0xB098, 0xB294,
	0xB2C8, 0xB2E4, 0xB358, 0xB370, 0xB3C4, 0xB41C, 0xB420, 0xB791,
	0xB85C, 0xB97C, 0xB9CC, 0xBA70, 0xBA74, 0xC11C, 0xC57C, 0xC5D0,
	0xC5D4, 0xC640, 0xC694, 0xC740, 0xC744, 0xC758, 0xC774, 0xC8E0,
	0xC9C0, 0xD55C, 0xD574
};

/* ko_endings as a bit set over the Hangul syllables, built once. */
static uint64_t ko_ending_bits[(UTF8_HANGUL_COUNT + 63) / 64];

static void
ko_endings_init(void)
{
	size_t i;

	for (i = 0; i < sizeof ko_endings / sizeof ko_endings[0]; i++) {
		unsigned k = (unsigned)(ko_endings[i] - UTF8_HANGUL_FIRST);

		ko_ending_bits[k / 64] |= (uint64_t)1 << (k % 64);
	}
}

static int
is_ko_ending(int32_t cp)
{
	unsigned k = (unsigned)(cp - UTF8_HANGUL_FIRST);

	return utf8_is_hangul_syllable(cp) &&
	    (ko_ending_bits[k / 64] >> (k % 64) & 1);
}

/* The code point ending at byte 'end' of valid UTF-8 's'; its start. */
static size_t
prev_cp(const char *s, size_t end, int32_t *cp)
{
	size_t start = end;

	if (end == 0) {
		*cp = -1;
		return 0;
	}
	do
		start--;
	while (start > 0 && ((unsigned char)s[start] & 0xC0) == 0x80);
	utf8_decode(s + start, end - start, cp);
	return start;
}

/* Punctuation stripped from around a word before the stop-word test. */
static int
is_word_punct(int32_t cp)
{
	switch (cp) {
	case '.': case ',': case ';': case ':': case '!': case '?': case '"':
	case '\'': case '(': case ')': case '[': case ']': case '{': case '}':
	case '-': case '*':
	case 0x201C: case 0x201D: case 0x2018: case 0x2019: case 0x00AB:
	case 0x00BB: case 0x2026: case 0x2014: case 0x2013: case 0x00B7:
		return 1;
	}
	return 0;
}

static int
is_letter(int32_t cp)
{
	if (cp < 0x80)
		return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
	{
		utf8proc_category_t cat = utf8proc_category(cp);

		return cat >= UTF8PROC_CATEGORY_LU &&
		    cat <= UTF8PROC_CATEGORY_LO;
	}
}

static int
isalnum_ascii(unsigned char c)
{
	return (unsigned)((c | 0x20) - 'a') < 26u || (unsigned)(c - '0') < 10u;
}

/* Whether the word s[0..len) counts toward the line's density. */
static int
word_counts(const char *s, size_t len, int lang)
{
	int32_t cp;
	size_t start = 0, end = len, k;

	/*
	 * Fast path: an English word of ASCII bytes, maybe with ASCII
	 * punctuation around it, the common case: no decoding.
	 */
	if (lang != LAYOUT_KO) {
		const unsigned char *u = (const unsigned char *)s;
		char w[STOP_WORD_MAX];
		size_t n = 0, i;

		while (start < end && u[start] < 0x80 && !isalnum_ascii(u[start]))
			start++;
		while (end > start && u[end - 1] < 0x80 &&
		    !isalnum_ascii(u[end - 1]))
			end--;
		if (end - start > STOP_WORD_MAX)
			return 0;
		for (i = start; i < end && u[i] < 0x80; i++)
			w[n++] = (char)(u[i] >= 'A' && u[i] <= 'Z' ? u[i] + 32 :
			    u[i]);
		if (i == end)
			return n > 0 && is_stop(w, n);
		start = 0;	/* not ASCII (it’s): the full path */
		end = len;
	}
	/* Trim punctuation at both ends. */
	while (end > start) {
		k = prev_cp(s, end, &cp);
		if (!is_word_punct(cp))
			break;
		end = k;
	}
	if (lang == LAYOUT_KO) {
		if (end == start)
			return 0;
		prev_cp(s, end, &cp);
		return is_ko_ending(cp);
	}
	while (start < end) {
		int n = utf8_decode(s + start, end - start, &cp);

		if (!is_word_punct(cp))
			break;
		start += (size_t)n;
	}
	{
		char w[STOP_WORD_MAX];
		size_t n = 0, i;

		for (i = start; i < end; i++) {
			unsigned char c = (unsigned char)s[i];

			if (n == STOP_WORD_MAX)
				return 0;
			if (c == 0xE2 && i + 2 < end &&
			    (unsigned char)s[i + 1] == 0x80 &&
			    (unsigned char)s[i + 2] == 0x99) {
				w[n++] = '\'';	/* it’s: it's */
				i += 2;
				continue;
			}
			if (c >= 0x80)
				return 0;
			w[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
		}
		return n > 0 && is_stop(w, n);
	}
}

static int
is_closer(int32_t cp)
{
	return cp == '"' || cp == '\'' || cp == ')' || cp == ']' ||
	    cp == 0x201D || cp == 0x2019 || cp == 0x00BB;
}

static int
is_terminal(int32_t cp)
{
	return cp == '.' || cp == '!' || cp == '?' || cp == 0x3002 ||
	    cp == 0xFF01 || cp == 0xFF1F;
}

/*
 * Whether the line ends like a sentence: . ! ? (or their CJK forms), maybe
 * inside closing quotes or brackets, but not an ellipsis ("...", "…"), which
 * marks a truncated teaser.  In English a closing quotation mark after a
 * word ends a quote paragraph too; Korean headlines end in quotes often.
 */
static int
ends_sentence(const char *s, size_t len, int lang)
{
	int32_t cp, before;
	size_t end = len, k;

	k = prev_cp(s, end, &cp);
	if (lang != LAYOUT_KO && (cp == '"' || cp == 0x201D || cp == 0x2019)) {
		prev_cp(s, k, &before);
		if (before != '.' && before != 0x2026 && before != -1)
			return 1;
	}
	while (end > 0) {
		k = prev_cp(s, end, &cp);
		if (!is_closer(cp))
			break;
		end = k;
	}
	if (end == 0 || !is_terminal(cp))
		return 0;
	prev_cp(s, k, &before);
	return before != '.' && before != 0x2026;
}

/* What an ASCII byte is, for layout_measure: one table lookup. */
enum { A_LETTER = 1, A_DIGIT = 2, A_PIPE = 4, A_PUNCT = 8, A_SPACE = 16 };
static unsigned char ascii_class[128];

static void
ascii_class_init(void)
{
	const char *p;
	int c;

	for (c = 0; c < 128; c++) {
		if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
			ascii_class[c] = A_LETTER;
		else if (c >= '0' && c <= '9')
			ascii_class[c] = A_DIGIT;
	}
	ascii_class['|'] = A_PIPE;
	for (p = ",.\"'?!:("; *p; p++)
		ascii_class[(unsigned char)*p] = A_PUNCT;
	ascii_class[' '] = ascii_class['\t'] = A_SPACE;
}

/*
 * Whether the Korean word ending at s[end] ends in a particle or a verb
 * ending, once trailing punctuation is set aside.  Fast path: a word that
 * ends in a Hangul syllable, which is nearly all of them.
 */
static int
ko_word_counts(const char *s, size_t start, size_t end)
{
	int32_t h;

	if (end - start >= 3 && (h = utf8_hangul_at(s + end - 3, 3)) >= 0)
		return is_ko_ending(UTF8_HANGUL_FIRST + h);
	return word_counts(s + start, end - start, LAYOUT_KO);
}

void
layout_measure(struct layout_line *l, const char *s, size_t len, int lang)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t nchars = 0, letters = 0, spaces = 0, nwords = 0, nstop = 0;
	uint32_t wchars = 0, longest = 0, punct = 0, pipes = 0, digits = 0;
	size_t i = 0, wstart = 0;
	int inword = 0;

	if (!stop_ready)
		stop_init();
	while (i < len) {
		unsigned char c = u[i];
		int k = 1, letter;

		if (c < 0x80) {
			unsigned a = ascii_class[c];

			letter = a & A_LETTER;
			digits += (a >> 1) & 1;
			pipes += (a >> 2) & 1;
			punct += (a >> 3) & 1;
			if (a & A_SPACE) {
				spaces++;
				nchars++;
				if (inword) {
					nstop += (uint32_t)(lang == LAYOUT_KO ?
					    ko_word_counts(s, wstart, i) :
					    word_counts(s + wstart, i - wstart,
					    lang));
					inword = 0;
				}
				i++;
				continue;
			}
		} else if (c >= 0xEA && c <= 0xED && i + 2 < len) {
			/*
			 * U+A000..U+D7FF: Hangul syllables (and Yi), letters;
			 * the lead byte says so without decoding.
			 */
			letter = 1;
			k = 3;
		} else {
			size_t next = i;
			int32_t cp = utf8_next(s, len, &next);

			k = (int)(next - i);
			letter = is_letter(cp);
			punct += cp == 0x2026 || (cp >= 0x2018 && cp <= 0x201D) ||
			    cp == 0x00AB || cp == 0x00BB || cp == 0x3001 ||
			    cp == 0x3002;
		}
		nchars++;
		if (!inword) {
			inword = 1;
			wstart = i;
			wchars = 0;
			nwords++;
		}
		if (++wchars > longest)
			longest = wchars;
		letters += (uint32_t)letter;
		i += (size_t)k;
	}
	if (inword)
		nstop += (uint32_t)(lang == LAYOUT_KO ?
		    ko_word_counts(s, wstart, len) :
		    word_counts(s + wstart, len - wstart, lang));
	l->nchars = nchars;
	l->nwords = nwords;
	l->nstop = nstop;
	l->flags = 0;
	if (len > 0 && ends_sentence(s, len, lang))
		l->flags |= LAYOUT_END;
	/* Mostly symbols and digits, or one huge token: junk. */
	if (nchars >= 10 && (2 * letters < nchars - spaces ||
	    (longest >= JUNK_TOKEN && 3 * longest > nchars)))
		l->flags |= LAYOUT_JUNK;
	/*
	 * A menu: words in a row, without punctuation, digits or function
	 * words ("산업 금융 증권 부동산 국제", "World Business Markets"), or
	 * items between pipes.  Such a line above an article is no headline.
	 */
	if (pipes >= 2 || (nwords >= (lang == LAYOUT_KO ? 4u : 3u) &&
	    5 * nstop < nwords && punct == 0 && digits == 0 &&
	    (lang != LAYOUT_KO || nchars - spaces <= 4 * nwords)))
		l->flags |= LAYOUT_MENU;
	if (nchars > 0 && 12 * spaces >= nchars)
		l->flags |= LAYOUT_SPACED;
}

int
layout_stopwords_apply(const struct layout_line *v, size_t n)
{
	uint64_t words = 0, stops = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (v[i].cls == LAYOUT_BLANK || v[i].nchars < EN_SHORT)
			continue;
		words += v[i].nwords;
		stops += v[i].nstop;
	}
	/* English prose runs at 0.4 and more; other languages near 0. */
	return words >= DOC_STOP_MIN_WORDS && 100 * stops >= 12 * words;
}

void
layout_classify(struct layout_line *l, int lang, int stopwords)
{
	uint32_t n = l->nchars, w = l->nwords, st = l->nstop;
	int end = (l->flags & LAYOUT_END) != 0;

	l->why = LAYOUT_KEPT;
	if (l->flags & LAYOUT_JUNK) {
		l->cls = LAYOUT_BAD;
		l->why = LAYOUT_WHY_JUNK;
		return;
	}
	if (lang == LAYOUT_KO) {
		if (end)
			l->cls = n >= KO_GOOD ? LAYOUT_GOOD : n >= KO_NEAR ?
			    LAYOUT_NEAR : LAYOUT_SHORT;
		else if (n < KO_SHORT)
			l->cls = LAYOUT_SHORT;
		else
			l->cls = 20 * st >= 9 * w ? LAYOUT_NEAR : LAYOUT_BAD;
	} else if (n < EN_SHORT) {
		l->cls = LAYOUT_SHORT;
	} else if (stopwords && (l->flags & LAYOUT_SPACED)) {
		if (end)
			l->cls = 5 * st >= w ? LAYOUT_GOOD : LAYOUT_NEAR;
		else if (20 * st >= 7 * w)
			l->cls = n >= EN_LONG ? LAYOUT_GOOD : LAYOUT_NEAR;
		else
			l->cls = LAYOUT_BAD;
	} else if (end) {
		l->cls = LAYOUT_GOOD;
	} else {
		l->cls = n >= EN_NOSTOP_NEAR ? LAYOUT_NEAR : LAYOUT_BAD;
	}
	if (l->cls == LAYOUT_BAD)
		l->why = LAYOUT_WHY_SHAPE;
}

struct layout {
	unsigned char *c;	/* classes being revised */
	unsigned char *c2;
	unsigned char *prev, *next;	/* neighbour classes, two skip sets */
	unsigned char *prev2, *next2;
	unsigned char *seg;	/* in the main block */
	long *score;
	size_t cap;
	int lang;
};

struct layout *
layout_new(void)
{
	return xcalloc(1, sizeof(struct layout));
}

void
layout_free(struct layout *ly)
{
	if (ly == NULL)
		return;
	free(ly->c);
	free(ly->c2);
	free(ly->prev);
	free(ly->next);
	free(ly->prev2);
	free(ly->next2);
	free(ly->seg);
	free(ly->score);
	free(ly);
}

static void
layout_reserve(struct layout *ly, size_t n)
{
	if (n <= ly->cap)
		return;
	ly->score = xreserve(ly->score, &ly->cap, n, sizeof *ly->score);
	ly->c = xreallocarray(ly->c, ly->cap, 1);
	ly->c2 = xreallocarray(ly->c2, ly->cap, 1);
	ly->prev = xreallocarray(ly->prev, ly->cap, 1);
	ly->next = xreallocarray(ly->next, ly->cap, 1);
	ly->prev2 = xreallocarray(ly->prev2, ly->cap, 1);
	ly->next2 = xreallocarray(ly->next2, ly->cap, 1);
	ly->seg = xreallocarray(ly->seg, ly->cap, 1);
}

#define BIT(cls) (1u << (cls))

/*
 * For each line, the class of the nearest line before (prev) and after
 * (next) it whose class is not in 'skip' (a set of BIT(class)); the edges
 * of the document count as LAYOUT_BAD.
 */
static void
neighbours(const unsigned char *c, size_t n, unsigned skip,
    unsigned char *prev, unsigned char *next)
{
	unsigned char last = LAYOUT_BAD;
	size_t i;

	for (i = 0; i < n; i++) {
		prev[i] = last;
		if (!(skip & BIT(c[i])))
			last = c[i];
	}
	last = LAYOUT_BAD;
	for (i = n; i-- > 0;) {
		next[i] = last;
		if (!(skip & BIT(c[i])))
			last = c[i];
	}
}

#define SKIP_UNSURE (BIT(LAYOUT_BLANK) | BIT(LAYOUT_RULE) | \
	BIT(LAYOUT_SHORT) | BIT(LAYOUT_NEAR))
#define SKIP_SHORT (BIT(LAYOUT_BLANK) | BIT(LAYOUT_RULE) | BIT(LAYOUT_SHORT))

/* jusText's context-sensitive pass, revising ly->c in place. */
static void
revise_context(struct layout *ly, const struct layout_line *v, size_t n)
{
	unsigned char *c = ly->c, *c2 = ly->c2;
	size_t i, j;

	/* A short line with body text close below it may be a heading. */
	for (i = 0; i < n; i++) {
		uint32_t dist = 0;

		if (c[i] != LAYOUT_SHORT || (v[i].flags & LAYOUT_MENU))
			continue;
		for (j = i + 1; j < n && j <= i + SCAN_LINES &&
		    dist <= HEADING_REACH; j++) {
			if (c[j] == LAYOUT_GOOD) {
				c[i] = LAYOUT_NEAR;
				break;
			}
			if (c[j] != LAYOUT_RULE)
				dist += v[j].nchars;
		}
	}
	/*
	 * A short line between body and body is body, between boilerplate
	 * and boilerplate is boilerplate; between the two it is body only if,
	 * on the boilerplate side, a near-good line comes first.
	 */
	memcpy(c2, c, n);
	neighbours(c, n, SKIP_UNSURE, ly->prev, ly->next);
	neighbours(c, n, SKIP_SHORT, ly->prev2, ly->next2);
	for (i = 0; i < n; i++) {
		unsigned char a = ly->prev[i], b = ly->next[i], side;

		if (c[i] != LAYOUT_SHORT)
			continue;
		if (a == b) {
			c2[i] = a;
			continue;
		}
		side = a == LAYOUT_BAD ? ly->prev2[i] : ly->next2[i];
		c2[i] = side == LAYOUT_NEAR ? LAYOUT_GOOD : LAYOUT_BAD;
	}
	/* A near-good line is body unless boilerplate surrounds it. */
	memcpy(c, c2, n);
	neighbours(c2, n, SKIP_UNSURE, ly->prev, ly->next);
	for (i = 0; i < n; i++)
		if (c2[i] == LAYOUT_NEAR)
			c[i] = ly->prev[i] == LAYOUT_BAD &&
			    ly->next[i] == LAYOUT_BAD ? LAYOUT_BAD : LAYOUT_GOOD;
}

/*
 * What a line adds to the main block, in half characters: long body
 * paragraphs most, near-good lines half, and every other line takes away,
 * so that a long run of menus or teasers parts the article from comments
 * and footers below it.
 */
#define BLOCK_BASE 40		/* a paragraph counts beyond this length */
#define BLOCK_SHORT 60		/* a short line takes away 30 characters */
#define BLOCK_RULE 40		/* a line a rule removed, 20 */

static long
block_score(const struct layout_line *l, int lang)
{
	/* Korean says in one syllable what English says in two letters. */
	long n = (long)l->nchars * (lang == LAYOUT_KO ? 2 : 1);

	switch (l->cls) {
	case LAYOUT_GOOD:
		return 2 * (n - BLOCK_BASE);
	case LAYOUT_NEAR:
		return n - BLOCK_BASE;
	case LAYOUT_SHORT:
		return -BLOCK_SHORT;
	case LAYOUT_BAD:
		return -2 * (n > BLOCK_BASE ? n : BLOCK_BASE);
	case LAYOUT_RULE:
		return -BLOCK_RULE;
	}
	return 0;
}

/*
 * Mark in ly->seg the main block: the run of lines with the largest total
 * score (Kadane).  A body line with no prose on either side counts half:
 * article paragraphs come in runs, teaser blurbs and comments one at a
 * time between names, dates and links.
 */
static void
find_block(struct layout *ly, const struct layout_line *v, size_t n)
{
	long best = 0, cur = 0;
	size_t i, start = 0, a = 0, b = 0;

	for (i = 0; i < n; i++)
		ly->c2[i] = v[i].cls;
	neighbours(ly->c2, n, BIT(LAYOUT_BLANK) | BIT(LAYOUT_RULE),
	    ly->prev, ly->next);
	for (i = 0; i < n; i++) {
		long sc = block_score(&v[i], ly->lang);

		if (v[i].cls == LAYOUT_GOOD && sc > 0 &&
		    ly->prev[i] != LAYOUT_GOOD && ly->prev[i] != LAYOUT_NEAR &&
		    ly->next[i] != LAYOUT_GOOD && ly->next[i] != LAYOUT_NEAR)
			sc /= 2;
		ly->score[i] = sc;
	}
	for (i = 0; i < n; i++) {
		if (cur <= 0) {
			cur = 0;
			start = i;
		}
		cur += ly->score[i];
		if (cur > best) {
			best = cur;
			a = start;
			b = i + 1;
		}
	}
	memset(ly->seg, 0, n);
	if (best > 0)
		memset(ly->seg + a, 1, b - a);
}

/*
 * Whether line i, outside the main block, is one of the few short lines
 * right above it (blank lines and rule-removed lines between): a headline
 * or subhead of the article.  A headline has words (a menu item has one
 * or two) and is no list item.
 */
static int
heads_block(const struct layout *ly, const struct layout_line *v, size_t n,
    size_t i)
{
	size_t j, lines = 0, steps = 0;
	uint32_t dist = 0;

	for (j = i; j < n && !ly->seg[j]; j++) {
		if (++steps > SCAN_LINES)
			return 0;
		if (v[j].cls == LAYOUT_BLANK || v[j].cls == LAYOUT_RULE)
			continue;
		if (v[j].cls != LAYOUT_SHORT && v[j].cls != LAYOUT_NEAR)
			return 0;
		if ((v[j].flags & (LAYOUT_BULLET | LAYOUT_MENU)) || v[j].nwords <
		    (ly->lang == LAYOUT_KO ? 2u : 3u))
			return 0;
		dist += v[j].nchars;
		if (++lines > HEADING_LINES || dist > HEADING_REACH)
			return 0;
	}
	return j < n;
}

void
layout_revise(struct layout *ly, struct layout_line *v, size_t n, int lang)
{
	size_t i, lines = 0, good = 0;

	layout_reserve(ly, n);
	ly->lang = lang;
	for (i = 0; i < n; i++) {
		if (v[i].cls != LAYOUT_BLANK && v[i].cls != LAYOUT_RULE)
			lines++;
		if (v[i].cls == LAYOUT_GOOD)
			good++;
	}
	/*
	 * Without body text to measure the rest against, or with too few
	 * lines to have a context, layout cannot tell: keep all but junk.
	 */
	if (good == 0 || lines < 3) {
		for (i = 0; i < n; i++) {
			v[i].place = 0;
			v[i].final = v[i].cls;
			if (v[i].cls != LAYOUT_BLANK && v[i].cls != LAYOUT_RULE)
				v[i].final = v[i].why == LAYOUT_WHY_JUNK ?
				    LAYOUT_BAD : LAYOUT_GOOD;
		}
		return;
	}
	for (i = 0; i < n; i++)
		ly->c[i] = v[i].cls;
	revise_context(ly, v, n);
	/* revise_context leaves its result in ly->c; find_block reuses c2 */
	find_block(ly, v, n);
	for (i = 0; i < n; i++) {
		struct layout_line *l = &v[i];

		l->place = ly->seg[i] ? LAYOUT_IN_BLOCK : 0;
		if (l->cls == LAYOUT_BLANK || l->cls == LAYOUT_RULE) {
			l->final = l->cls;
		} else if (ly->c[i] == LAYOUT_GOOD) {
			l->final = LAYOUT_GOOD;
			if (!ly->seg[i] && !heads_block(ly, v, n, i)) {
				l->final = LAYOUT_BAD;
				l->why = LAYOUT_WHY_OUTSIDE;
			} else if (!ly->seg[i]) {
				l->place = LAYOUT_HEADING;
			}
		} else {
			l->final = LAYOUT_BAD;
			if (l->why == LAYOUT_KEPT)
				l->why = LAYOUT_WHY_CONTEXT;
		}
	}
}

const char *
layout_why_name(int why)
{
	switch (why) {
	case LAYOUT_WHY_JUNK:
		return "junk";
	case LAYOUT_WHY_SHAPE:
		return "layout";
	case LAYOUT_WHY_CONTEXT:
		return "context";
	case LAYOUT_WHY_OUTSIDE:
		return "outside";
	}
	return "kept";
}
