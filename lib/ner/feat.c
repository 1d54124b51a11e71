/* ner features: units and hashed features for the entity tagger. */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>
#include <xxhash.h>

#include "core/utf8.h"
#include "core/util.h"
#include "ner/internal.h"

/* Character classes; the values are hashed, so only append. */
enum {
	C_BOS, C_EOS, C_SPACE, C_HANGUL, C_JAMO, C_DIGIT, C_UPPER, C_LOWER,
	C_HANJA, C_OPEN, C_CLOSE, C_QUOTE, C_STOP, C_COMMA, C_DASH, C_SYM,
	C_OTHER
};

/* Feature templates; the values are hashed, so only append. */
enum {
	T_BIAS = 1, T_U, T_URAW = T_U + 5, T_B, T_T = T_B + 4, T_CLS5 = T_T + 3,
	T_CLS3, T_CHO, T_JUNG, T_JONG, T_CHOJUNG, T_POS, T_REST, T_SUF,
	T_JOSA, T_NEXTW, T_NEXTW2, T_NUMU,
	T_NUMLEN, T_AFTERNUM, T_GAZ, T_GAZL, T_GAZSTART, T_DICT,
	/* English */
	E_W, E_WRAW, E_SHAPE, E_LSHAPE, E_PRE, E_SUF, E_WCTX, E_SCTX, E_S3,
	E_BI, E_CAP, E_CASE, E_LEN, E_WSHAPE,
	/* version 2: the heads of names */
	T_HEAD1, T_HEAD2, T_HEADCLS, E_ORGHEAD
};

/*
 * The last words of Korean organization and place names: a word whose
 * stem ends in one is likely one, whatever comes before (…전자, …은행,
 * …위원회; …시, …구, …공항).  A feature, weighed by training: 부, 시 and
 * 구 end plenty of common words too.  Longest first within each length.
 */
static const struct {
	const char *head;
	int type;
} ko_heads[] = {
	{ "위원회", NER_OG }, { "대학교", NER_OG }, { "연구원", NER_OG },
	{ "연구소", NER_OG }, { "경찰서", NER_OG }, { "경찰청", NER_OG },
	{ "검찰청", NER_OG }, { "중공업", NER_OG }, { "자동차", NER_OG },
	{ "공사", NER_OG }, { "공단", NER_OG }, { "재단", NER_OG },
	{ "협회", NER_OG }, { "연합", NER_OG }, { "연맹", NER_OG },
	{ "전자", NER_OG }, { "은행", NER_OG }, { "그룹", NER_OG },
	{ "증권", NER_OG }, { "보험", NER_OG }, { "카드", NER_OG },
	{ "건설", NER_OG }, { "항공", NER_OG }, { "통신", NER_OG },
	{ "제약", NER_OG }, { "화학", NER_OG }, { "물산", NER_OG },
	{ "상사", NER_OG }, { "대학", NER_OG }, { "학교", NER_OG },
	{ "병원", NER_OG }, { "법원", NER_OG }, { "지검", NER_OG },
	{ "일보", NER_OG }, { "신문", NER_OG }, { "방송", NER_OG },
	{ "구단", NER_OG }, { "정당", NER_OG }, { "본부", NER_OG },
	{ "청", NER_OG }, { "부", NER_OG }, { "처", NER_OG }, { "당", NER_OG },
	{ "고속도로", NER_LC }, { "광장", NER_LC }, { "공원", NER_LC },
	{ "대교", NER_LC }, { "터널", NER_LC }, { "공항", NER_LC },
	{ "시", NER_LC }, { "도", NER_LC }, { "군", NER_LC }, { "구", NER_LC },
	{ "동", NER_LC }, { "읍", NER_LC }, { "면", NER_LC }, { "리", NER_LC },
	{ "역", NER_LC }, { "항", NER_LC }, { "산", NER_LC }, { "강", NER_LC },
	{ "섬", NER_LC }, { "주", NER_LC },
	{ NULL, 0 }
};

/* The head of ko_heads that cp[a..b) ends with (index + 1), or 0. */
static int
ko_head(const int32_t *cp, size_t a, size_t b)
{
	/* the heads' last syllables, to turn most words away at once */
	static uint8_t last[UTF8_HANGUL_COUNT / 8 + 1];
	static int ready;
	char buf[64];
	size_t len = 0, i, k, n;
	int32_t c = cp[b - 1] - UTF8_HANGUL_FIRST;

	if (!ready) {
		for (k = 0; ko_heads[k].head; k++) {
			int32_t h;

			n = strlen(ko_heads[k].head);
			utf8_decode(ko_heads[k].head + n - 3, 3, &h);
			h -= UTF8_HANGUL_FIRST;
			last[h / 8] |= (uint8_t)(1u << (h % 8));
		}
		ready = 1;
	}
	if (c < 0 || c >= UTF8_HANGUL_COUNT || !(last[c / 8] & (1u << (c % 8))))
		return 0;
	if (b - a > 8)
		a = b - 8;
	for (i = a; i < b; i++)
		len += (size_t)utf8_encode(cp[i], buf + len);
	for (k = 0; ko_heads[k].head; k++) {
		n = strlen(ko_heads[k].head);
		/* the head and at least one syllable before it */
		if (n + 3 <= len &&
		    memcmp(buf + len - n, ko_heads[k].head, n) == 0)
			return (int)k + 1;
	}
	return 0;
}

#define BOS_CP (-1)
#define EOS_CP (-2)

/*
 * Feature hashing: one multiply and a fold per value.  The high bits pick
 * the model's bucket and the low bits its fingerprint, and the fold makes
 * the low bits depend on the whole product.
 */
static inline uint64_t
hadd(uint64_t h, int64_t x)
{
	h = (h ^ (uint64_t)x) * 0x9e3779b97f4a7c15ULL;
	return h ^ (h >> 32);
}

static inline uint64_t
hstart(unsigned tmpl)
{
	return hadd(0x243f6a8885a308d3ULL, (int64_t)tmpl);
}

static inline int
is_space(int32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	    c == 0xa0 || c == 0x3000 || (c >= 0x2000 && c <= 0x200b);
}

static int
cclass(int32_t c)
{
	const char *open = "([{<", *close = ")]}>";

	if (c < 0)
		return c == BOS_CP ? C_BOS : C_EOS;
	if (c < 0x80) {
		if (c >= '0' && c <= '9')
			return C_DIGIT;
		if (c >= 'A' && c <= 'Z')
			return C_UPPER;
		if (c >= 'a' && c <= 'z')
			return C_LOWER;
		if (is_space(c) || c < 0x20)
			return C_SPACE;
		if (strchr(open, c))
			return C_OPEN;
		if (strchr(close, c))
			return C_CLOSE;
		if (c == '"' || c == '\'' || c == '`')
			return C_QUOTE;
		if (c == '.' || c == '!' || c == '?')
			return C_STOP;
		if (c == ',' || c == ';' || c == ':')
			return C_COMMA;
		if (c == '-' || c == '~')
			return C_DASH;
		return C_SYM;
	}
	if (utf8_is_hangul_syllable(c))
		return C_HANGUL;
	if (utf8_is_hangul_jamo(c))
		return C_JAMO;
	if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) ||
	    (c >= 0xf900 && c <= 0xfaff))
		return C_HANJA;
	if (is_space(c))
		return C_SPACE;
	switch (c) {
	case 0x2018: case 0x2019: case 0x201c: case 0x201d: case 0xab:
	case 0xbb:
		return C_QUOTE;
	case 0x300c: case 0x300e: case 0x3010: case 0x3008: case 0x300a:
	case 0xff08:
		return C_OPEN;
	case 0x300d: case 0x300f: case 0x3011: case 0x3009: case 0x300b:
	case 0xff09:
		return C_CLOSE;
	case 0xb7: case 0x318d: case 0x30fb: case 0xff0c:
		return C_COMMA;
	case 0x2026: case 0x3002:
		return C_STOP;
	case 0x223c: case 0xff5e: case 0x2013: case 0x2014:
		return C_DASH;
	}
	switch (utf8proc_category(c)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LT:
		return C_UPPER;
	case UTF8PROC_CATEGORY_LL:
		return C_LOWER;
	case UTF8PROC_CATEGORY_ND:
		return C_DIGIT;
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_LM:
		return C_OTHER;
	default:
		return C_SYM;
	}
}

static int
is_josa(const int32_t *cp, size_t n)
{
	char b[64];
	size_t len = 0, i;

	/* the longest particle run in the list has 4 syllables */
	if (n == 0 || n > 4 || !utf8_is_hangul_syllable(cp[0]))
		return 0;
	for (i = 0; i < n; i++)
		len += (size_t)utf8_encode(cp[i], b + len);
	return ner_is_josa(b, len);
}

/* Room for 'n' more features in 'd'. */
static void
feat_room(struct nerfeat_doc *d, size_t at, size_t n)
{
	d->feat = xreserve(d->feat, &d->fcap, at + n, sizeof *d->feat);
}

static void
doc_room(struct nerfeat_doc *d, size_t n)
{
	if (n + 1 > d->cap) {
		d->ub = xreserve(d->ub, &d->cap, n + 1, sizeof *d->ub);
		d->ue = xreallocarray(d->ue, d->cap, sizeof *d->ue);
		d->cb = xreallocarray(d->cb, d->cap, sizeof *d->cb);
		d->ce = xreallocarray(d->ce, d->cap, sizeof *d->ce);
		d->off = xreallocarray(d->off, d->cap, sizeof *d->off);
	}
}

static void *
scratch(struct nerfeat_doc *d, size_t bytes)
{
	d->scratch = xreserve(d->scratch, &d->scap, bytes, 1);
	return d->scratch;
}

static void
decode(struct nerfeat_doc *d, const char *s, size_t len)
{
	size_t at = 0, n = 0;
	int32_t c;

	if (len + 1 > d->cpcap) {
		d->cp = xreserve(d->cp, &d->cpcap, len + 1, sizeof *d->cp);
		d->cpbyte = xreallocarray(d->cpbyte, d->cpcap,
		    sizeof *d->cpbyte);
	}
	while (at < len) {
		d->cpbyte[n] = at;
		c = utf8_next(s, len, &at);
		d->cp[n++] = c < 0 ? UTF8_REPLACEMENT : c;
	}
	d->cpbyte[n] = len;
	d->ncp = n;
}

void
nerfeat_doc_release(struct nerfeat_doc *d)
{
	free(d->ub);
	free(d->ue);
	free(d->cb);
	free(d->ce);
	free(d->feat);
	free(d->off);
	free(d->cp);
	free(d->cpbyte);
	free(d->scratch);
	memset(d, 0, sizeof *d);
}

/*
 * English tokens: words (letters, digits and marks, with inner apostrophes,
 * hyphens, periods and ampersands), numbers with their separators, and
 * single punctuation marks; "'s" is split off as the CoNLL data does.
 */
static int
wordish(int32_t c)
{
	int k = cclass(c);

	return k == C_UPPER || k == C_LOWER || k == C_DIGIT || k == C_OTHER ||
	    k == C_HANGUL || k == C_HANJA || k == C_JAMO ||
	    (c >= 0x300 && c <= 0x36f);
}

static int
inner_joiner(int32_t c)
{
	return c == '\'' || c == 0x2019 || c == '-' || c == '.' || c == '&' ||
	    c == ',' || c == ':' || c == '/';
}

static void
tokenize_en(struct nerfeat_doc *d)
{
	const int32_t *cp = d->cp;
	size_t n = d->ncp, i = 0, j, nt = 0;

	doc_room(d, n);
	while (i < n) {
		if (is_space(cp[i]) || cp[i] < 0x20) {
			i++;
			continue;
		}
		j = i + 1;
		if (wordish(cp[i])) {
			int digits = cclass(cp[i]) == C_DIGIT;

			for (;;) {
				while (j < n && wordish(cp[j]))
					j++;
				/* , : / join only numbers: 1,000 10:30 1/2 */
				if (j + 1 < n && inner_joiner(cp[j]) &&
				    wordish(cp[j + 1]) &&
				    (digits || (cp[j] != ',' && cp[j] != ':' &&
				    cp[j] != '/')) &&
				    (!digits || cclass(cp[j + 1]) == C_DIGIT ||
				    cp[j] == '-' || cp[j] == '.')) {
					j += 2;
					continue;
				}
				break;
			}
			/* Abbreviations keep their final period: U.S. Mr. */
			if (j < n && cp[j] == '.' && j - i <= 4 &&
			    cclass(cp[i]) == C_UPPER) {
				size_t k;
				int inner_dot = 0;

				for (k = i; k < j; k++)
					inner_dot |= cp[k] == '.';
				if (inner_dot || j - i == 1 || (j - i <= 3 &&
				    cclass(cp[j - 1]) == C_LOWER))
					j++;
			}
			/* Split the possessive 's. */
			if (j - i > 2 && (cp[j - 2] == '\'' ||
			    cp[j - 2] == 0x2019) && (cp[j - 1] == 's' ||
			    cp[j - 1] == 'S')) {
				d->cb[nt] = i;
				d->ce[nt++] = j - 2;
				i = j - 2;
			}
		} else {
			while (j < n && cp[j] == cp[i])
				j++;
		}
		d->cb[nt] = i;
		d->ce[nt++] = j;
		i = j;
	}
	d->n = nt;
}

void
nerfeat_units(struct nerfeat_doc *d, int lang, const char *s, size_t len)
{
	size_t i;

	decode(d, s, len);
	if (lang == NER_KO) {
		doc_room(d, d->ncp);
		for (i = 0; i < d->ncp; i++) {
			d->cb[i] = i;
			d->ce[i] = i + 1;
		}
		d->n = d->ncp;
	} else {
		tokenize_en(d);
	}
	for (i = 0; i < d->n; i++) {
		d->ub[i] = d->cpbyte[d->cb[i]];
		d->ue[i] = d->cpbyte[d->ce[i]];
	}
}

void
nerfeat_set_units(struct nerfeat_doc *d, const char *s, size_t len,
    const size_t *ub, const size_t *ue, size_t n)
{
	size_t i, k = 0;

	decode(d, s, len);
	doc_room(d, n);
	for (i = 0; i < n; i++) {
		d->ub[i] = ub[i];
		d->ue[i] = ue[i];
		while (k < d->ncp && d->cpbyte[k] < ub[i])
			k++;
		d->cb[i] = k;
		while (k < d->ncp && d->cpbyte[k] < ue[i])
			k++;
		d->ce[i] = k;
	}
	d->n = n;
}

/* The hash of code points cp[a..b), at most 'max' of them, under 'tmpl'. */
static uint64_t
hcps(unsigned tmpl, const int32_t *cp, size_t a, size_t b, size_t max)
{
	uint64_t h = hstart(tmpl);
	size_t i;

	if (b - a > max) {
		b = a + max;
		h = hadd(h, -3);
	}
	for (i = a; i < b; i++)
		h = hadd(h, cp[i]);
	return h;
}

/*
 * Gazetteer marks per unit: the type mask and place (B, I, E, S) of the
 * match covering it in a greedy longest-first reading, and the length of
 * a match starting at it, wherever the greedy reading went.
 */
struct gazmark {
	uint8_t types, place, len, aligned, start_types, start_len;
};

enum { P_B = 1, P_I, P_E, P_S };

static void
gaz_marks(struct nerfeat_doc *d, const struct gaz *g, struct gazmark *m,
    const uint8_t *end_ok, const uint8_t *start_ok, const uint8_t *wstart)
{
	size_t u, cover_end = 0, cover_start = 0, k, len, endu;
	unsigned types, cover_types = 0;

	memset(m, 0, d->n * sizeof *m);
	for (u = 0; u < d->n; u++) {
		if (!start_ok[d->cb[u]])
			continue;
		len = gaz_match(g, d->cp, d->ncp, d->cb[u], end_ok, NER_TYPE_MASK,
		    &types);
		if (len == 0)
			continue;
		/* the unit where the match ends */
		for (endu = u; endu < d->n && d->ce[endu] < d->cb[u] + len;
		    endu++)
			;
		m[u].start_types = (uint8_t)types;
		m[u].start_len = (uint8_t)(endu - u + 1);
		if (u < cover_end)
			continue;
		cover_start = u;
		cover_end = endu + 1;
		cover_types = types;
		for (k = cover_start; k < cover_end && k < d->n; k++) {
			m[k].aligned = wstart[cover_start];
			m[k].types = (uint8_t)cover_types;
			m[k].len = (uint8_t)(cover_end - cover_start);
			m[k].place = cover_end - cover_start == 1 ? P_S :
			    k == cover_start ? P_B : k + 1 == cover_end ? P_E :
			    P_I;
		}
	}
}

static size_t
emit_gaz(uint64_t *f, size_t nf, const struct gazmark *m)
{
	int t;
	unsigned lb;

	for (t = 0; t < NER_NTYPES; t++) {
		if (m->types & (1u << t)) {
			lb = m->len > 4 ? 4 : m->len;
			f[nf++] = hadd(hadd(hstart(T_GAZ), t), m->place);
			f[nf++] = hadd(hadd(hadd(hadd(hstart(T_GAZL), t),
			    m->place), lb), m->aligned);
		}
		if (m->start_types & (1u << t) && m->start_len != m->len)
			f[nf++] = hadd(hadd(hstart(T_GAZSTART), t),
			    m->start_len > 4 ? 4 : m->start_len);
	}
	return nf;
}

#define KO_MAXFEAT (64 + 3 * NER_NTYPES)

static inline int32_t
norm_cp(int32_t c)
{
	if (c >= '0' && c <= '9')
		return '0';
	if (c >= 0xff10 && c <= 0xff19)
		return '0';
	if (is_space(c))
		return ' ';
	return c;
}

/* Carve aligned arrays out of the document's scratch block. */
struct carve {
	char *p;
	size_t at;
};

static void *
carve(struct carve *c, size_t bytes)
{
	void *r = c->p + c->at;

	c->at += (bytes + 15) & ~(size_t)15;
	return r;
}

static void
feat_ko(struct nerfeat_doc *d, const struct gaz *g)
{
	size_t n = d->ncp, i, j, nf = 0;
	size_t need = 2 * ((n + 5) * sizeof(int32_t) + 16) +
	    4 * (n * sizeof(size_t) + 16) + n * sizeof(struct gazmark) +
	    4 * (n + 1) + 64;
	struct carve sc = { scratch(d, need), 0 };
	/* The last bigram window reaches three past a unit: three EOS. */
	int32_t *nc = (int32_t *)carve(&sc, (n + 5) * sizeof *nc) + 2;
	int32_t *cl = (int32_t *)carve(&sc, (n + 4) * sizeof *cl) + 2;
	size_t *es = carve(&sc, n * sizeof *es);
	size_t *ee = carve(&sc, n * sizeof *ee);
	size_t *se = carve(&sc, n * sizeof *se);	/* stem end */
	size_t *dl = carve(&sc, n * sizeof *dl);	/* word from es */
	struct gazmark *gm = carve(&sc, n * sizeof *gm);
	uint8_t *end_ok = carve(&sc, n + 1), *start_ok = carve(&sc, n + 1);
	uint8_t *wstart = carve(&sc, n + 1);
	uint8_t *hd = carve(&sc, n + 1);		/* ko_head of the word */
	const int32_t *cp = d->cp;

	for (i = 0; i < 2; i++) {
		nc[-1 - (long)i] = BOS_CP;
		nc[n + i] = EOS_CP;
		cl[-1 - (long)i] = C_BOS;
		cl[n + i] = C_EOS;
	}
	nc[n + 2] = EOS_CP;
	for (i = 0; i < n; i++) {
		nc[i] = norm_cp(cp[i]);
		cl[i] = cclass(cp[i]);
	}
	/* eojeol bounds */
	for (i = 0; i < n; i = j) {
		if (cl[i] == C_SPACE) {
			es[i] = i;
			ee[i] = i + 1;
			j = i + 1;
			continue;
		}
		for (j = i; j < n && cl[j] != C_SPACE; j++)
			;
		for (size_t k = i; k < j; k++) {
			es[k] = i;
			ee[k] = j;
		}
		/* the stem: the word without the particle it ends with */
		se[i] = j;
		for (size_t k = i + 1; k < j && k + 4 >= j; k++)
			if (cl[k] == C_HANGUL && is_josa(cp + k, j - k)) {
				se[i] = k;
				break;
			}
		for (size_t k = i; k < j; k++)
			se[k] = se[i];
		hd[i] = (uint8_t)(se[i] >= i + 2 ? ko_head(cp, i, se[i]) : 0);
		/* the longest common word the eojeol starts with */
		{
			unsigned ty;

			dl[i] = g ? gaz_match(g, cp, j, i, NULL, GAZ_WORD, &ty) : 0;
			for (size_t k = i; k < j; k++)
				dl[k] = dl[i];
		}
	}
	memset(end_ok, 1, n + 1);
	memset(start_ok, 1, n + 1);
	for (i = 0; i < n; i++)
		wstart[i] = es[i] == i;
	if (g)
		gaz_marks(d, g, gm, end_ok, start_ok, wstart);

	d->off[0] = 0;
	for (i = 0; i < n; i++) {
		uint64_t *f;
		int32_t c0 = cp[i];
		int k0 = cl[i];
		size_t p0 = i - es[i], r0 = ee[i] - 1 - i, m = 0;

		feat_room(d, nf, KO_MAXFEAT);
		f = d->feat + nf;
		f[m++] = hstart(T_BIAS);
		for (j = 0; j < 5; j++)
			f[m++] = hadd(hstart(T_U + (unsigned)j),
			    nc[(long)i + (long)j - 2]);
		if (c0 != nc[i])
			f[m++] = hadd(hstart(T_URAW), c0);
		/* bigrams (-2,-1) (-1,0) (0,1) (1,2) */
		for (j = 0; j < 4; j++) {
			long a = (long)i + (long)j - 1 - (j < 2);

			f[m++] = hadd(hadd(hstart(T_B + (unsigned)j), nc[a]),
			    nc[a + 1]);
		}
		/* trigrams (-2..0) (-1..1) (0..2) */
		for (j = 0; j < 3; j++) {
			long a = (long)i + (long)j - 2;

			f[m++] = hadd(hadd(hadd(hstart(T_T + (unsigned)j),
			    nc[a]), nc[a + 1]), nc[a + 2]);
		}
		f[m++] = hadd(hadd(hadd(hadd(hadd(hstart(T_CLS5), cl[(long)i - 2]),
		    cl[(long)i - 1]), k0), cl[i + 1]), cl[i + 2]);
		f[m++] = hadd(hadd(hadd(hstart(T_CLS3), cl[(long)i - 1]), k0),
		    cl[i + 1]);
		if (k0 == C_HANGUL) {
			int s = c0 - UTF8_HANGUL_FIRST, cho = s / 588;
			int jung = (s % 588) / 28, jong = s % 28;

			f[m++] = hadd(hstart(T_CHO), cho);
			f[m++] = hadd(hstart(T_JUNG), jung);
			f[m++] = hadd(hstart(T_JONG), jong);
			f[m++] = hadd(hadd(hstart(T_CHOJUNG), cho), jung);
		}
		f[m++] = hadd(hadd(hadd(hstart(T_POS), p0 > 3 ? 3 : p0),
		    r0 > 3 ? 3 : r0), k0);
		if (k0 != C_SPACE) {
			f[m++] = hcps(T_REST, nc, i + 1, ee[i], 5);
			if (ee[i] - i <= 6)
				f[m++] = hcps(T_SUF, nc, i, ee[i], 6);
			if (dl[i])
				f[m++] = hadd(hadd(hadd(hstart(T_DICT),
				    i < es[i] + dl[i] ? (i == es[i]) + 2 *
				    (i + 1 == es[i] + dl[i]) : 4),
				    es[i] + dl[i] == se[i]), dl[i] > 4 ? 4 :
				    (int64_t)dl[i]);
			if (r0 > 0 && is_josa(cp + i + 1, r0))
				f[m++] = hadd(hadd(hstart(T_JOSA), k0),
				    (int64_t)(r0 > 3 ? 3 : r0));
			/*
			 * The head of the word's stem, seen from its first
			 * unit, where a name's span begins (per unit, it was
			 * as good and cost a tenth of the tagger's time).
			 */
			if (i == es[i] && se[i] >= i + 2 &&
			    cl[se[i] - 1] == C_HANGUL) {
				int64_t dist = (int64_t)(se[i] - 1 - i > 4 ? 4 :
				    se[i] - 1 - i);
				int h = hd[i];

				f[m++] = hadd(hadd(hstart(T_HEAD1), nc[se[i] - 1]),
				    dist);
				f[m++] = hadd(hadd(hadd(hstart(T_HEAD2),
				    nc[se[i] - 2]), nc[se[i] - 1]), dist);
				if (h)
					f[m++] = hadd(hadd(hadd(hstart(T_HEADCLS),
					    ko_heads[h - 1].type), (int64_t)strlen(
					    ko_heads[h - 1].head) / 3), dist);
			}
			/* the next word: titles after names (대통령, 씨, 감독) */
			if (ee[i] + 1 < n && cl[ee[i]] == C_SPACE) {
				size_t a = ee[i] + 1, b = a;

				while (b < n && cl[b] != C_SPACE)
					b++;
				if (b - a <= 4)
					f[m++] = hcps(T_NEXTW, nc, a, b, 4);
				f[m++] = hcps(T_NEXTW2, nc, a, b, 2);
			}
		}
		/* numbers: the unit after a digit run, and what follows it */
		if (k0 == C_DIGIT) {
			size_t a = i, b = i;

			while (a > 0 && (cl[a - 1] == C_DIGIT ||
			    ((cp[a - 1] == ',' || cp[a - 1] == '.') && a >= 2 &&
			    cl[a - 2] == C_DIGIT)))
				a--;
			while (b + 1 < n && (cl[b + 1] == C_DIGIT ||
			    ((cp[b + 1] == ',' || cp[b + 1] == '.') &&
			    b + 2 < n && cl[b + 2] == C_DIGIT)))
				b++;
			f[m++] = hadd(hadd(hstart(T_NUMU), nc[b + 1]),
			    nc[b + 2]);
			f[m++] = hadd(hadd(hstart(T_NUMLEN),
			    (int64_t)(b - a > 4 ? 5 : b - a + 1)),
			    (int64_t)(i == a) + 2 * (int64_t)(i == b));
		} else if (i > 0 && cl[i - 1] == C_DIGIT) {
			f[m++] = hadd(hadd(hstart(T_AFTERNUM), c0), nc[i + 1]);
		}
		if (g)
			m = emit_gaz(f, m, &gm[i]);
		nf += m;
		d->off[i + 1] = nf;
	}
}

/* English word features. */

static size_t
lower_ascii(const char *s, size_t len, char *out, size_t max)
{
	size_t i;

	if (len > max)
		len = max;
	for (i = 0; i < len; i++)
		out[i] = (s[i] >= 'A' && s[i] <= 'Z') ? s[i] + 32 : s[i];
	return len;
}

/* Word shape: X x d or the character itself; 'collapse' folds repeats. */
static size_t
shape(const int32_t *cp, size_t a, size_t b, int collapse, char *out,
    size_t max)
{
	size_t i, n = 0;
	char c, last = 0;

	for (i = a; i < b && n < max; i++) {
		switch (cclass(cp[i])) {
		case C_UPPER: c = 'X'; break;
		case C_LOWER: c = 'x'; break;
		case C_DIGIT: c = 'd'; break;
		case C_HANGUL: case C_HANJA: case C_JAMO: case C_OTHER:
			c = 'o'; break;
		default:
			c = cp[i] < 0x80 ? (char)cp[i] : '*';
		}
		if (collapse && c == last)
			continue;
		out[n++] = last = c;
	}
	return n;
}

static inline uint64_t
hbytes(unsigned tmpl, const char *s, size_t len)
{
	return XXH3_64bits_withSeed(s, len, (uint64_t)tmpl * 0x9e3779b97f4a7c15ULL);
}

#define EN_MAXFEAT (48 + 3 * NER_NTYPES)
#define EN_MAXW 32

static void
feat_en(struct nerfeat_doc *d, const char *s, const struct gaz *g)
{
	size_t n = d->n, i, k, nf = 0, nl = 0, nu = 0;
	size_t need = n * sizeof(struct gazmark) + 3 * (d->ncp + 1) +
	    n * (EN_MAXW + 1) + n * 2 * sizeof(uint64_t) + (n + 1) + 7 * 16;
	struct carve sc = { scratch(d, need), 0 };
	struct gazmark *gm = carve(&sc, n * sizeof *gm);
	uint64_t *hw = carve(&sc, n * sizeof *hw);	/* lowercase word */
	uint64_t *hs = carve(&sc, n * sizeof *hs);	/* short shape */
	uint8_t *end_ok = carve(&sc, d->ncp + 1);
	uint8_t *start_ok = carve(&sc, d->ncp + 1);
	uint8_t *first = carve(&sc, n + 1);		/* sentence-initial */
	uint8_t *head = carve(&sc, n + 1);		/* ner_org_head */
	char *lw = carve(&sc, n * EN_MAXW);
	char sh[EN_MAXW];
	int casemode;

	for (i = 0; i < d->ncp; i++) {
		int c = cclass(d->cp[i]);

		nl += c == C_LOWER;
		nu += c == C_UPPER;
	}
	/* 0 mixed case, 1 no capitals at all, 2 (nearly) all capitals */
	casemode = nu == 0 && nl > 0 ? 1 : nu > 4 && nu * 4 > nl * 5 ? 2 : 0;
	for (i = 0; i < n; i++) {
		size_t len = lower_ascii(s + d->ub[i], d->ue[i] - d->ub[i],
		    lw + i * EN_MAXW, EN_MAXW);
		size_t sl = shape(d->cp, d->cb[i], d->ce[i], 1, sh, 8);

		hw[i] = hbytes(E_W, lw + i * EN_MAXW, len);
		hs[i] = hbytes(E_SHAPE, sh, sl);
		first[i] = i == 0 || (d->ue[i - 1] - d->ub[i - 1] == 1 &&
		    strchr(".!?:\"'`(-", s[d->ub[i - 1]]));
		head[i] = (uint8_t)ner_org_head(s + d->ub[i], d->ue[i] - d->ub[i]);
	}
	memset(end_ok, 0, d->ncp + 1);
	memset(start_ok, 0, d->ncp + 1);
	for (i = 0; i < n; i++) {
		end_ok[d->ce[i]] = 1;
		start_ok[d->cb[i]] = 1;
	}
	if (g)
		gaz_marks(d, g, gm, end_ok, start_ok, first);

	d->off[0] = 0;
	for (i = 0; i < n; i++) {
		uint64_t *f;
		const char *w = lw + i * EN_MAXW;
		size_t wl = d->ue[i] - d->ub[i], cl = d->ce[i] - d->cb[i];
		size_t m = 0;
		int k0 = cclass(d->cp[d->cb[i]]);
		int64_t hprev = i > 0 ? (int64_t)hw[i - 1] : 1;
		int64_t hnext = i + 1 < n ? (int64_t)hw[i + 1] : 2;
		int64_t sprev = i > 0 ? (int64_t)hs[i - 1] : 1;
		int64_t snext = i + 1 < n ? (int64_t)hs[i + 1] : 2;

		if (wl > EN_MAXW)
			wl = EN_MAXW;
		feat_room(d, nf, EN_MAXFEAT);
		f = d->feat + nf;
		f[m++] = hstart(T_BIAS);
		f[m++] = hw[i];
		f[m++] = hbytes(E_WRAW, s + d->ub[i], wl);
		f[m++] = hs[i];
		f[m++] = hadd(hs[i], (int64_t)casemode * 2 + first[i]);
		k = shape(d->cp, d->cb[i], d->ce[i], 0, sh, 8);
		f[m++] = hbytes(E_LSHAPE, sh, k);
		for (k = 1; k <= 3 && k < cl && k <= wl; k++)
			f[m++] = hadd(hbytes(E_PRE, w, k), (int64_t)k);
		for (k = 1; k <= 4 && k < cl && k <= wl; k++)
			f[m++] = hadd(hbytes(E_SUF, w + wl - k, k), (int64_t)k);
		f[m++] = hadd(hadd(hstart(E_WCTX), -1), hprev);
		f[m++] = hadd(hadd(hstart(E_WCTX), 1), hnext);
		f[m++] = hadd(hadd(hstart(E_WCTX), -2),
		    i > 1 ? (int64_t)hw[i - 2] : 1);
		f[m++] = hadd(hadd(hstart(E_WCTX), 2),
		    i + 2 < n ? (int64_t)hw[i + 2] : 2);
		f[m++] = hadd(hadd(hstart(E_SCTX), -1), sprev);
		f[m++] = hadd(hadd(hstart(E_SCTX), 1), snext);
		f[m++] = hadd(hadd(hadd(hstart(E_S3), sprev), (int64_t)hs[i]),
		    snext);
		f[m++] = hadd(hadd(hstart(E_BI), hprev), (int64_t)hw[i]);
		f[m++] = hadd(hadd(hadd(hstart(E_BI), 1), (int64_t)hw[i]),
		    hnext);
		f[m++] = hadd(hadd(hadd(hstart(E_CAP), k0), first[i]),
		    casemode);
		f[m++] = hadd(hadd(hstart(E_WSHAPE), hprev), (int64_t)hs[i]);
		f[m++] = hadd(hadd(hstart(E_LEN), cl > 8 ? 8 : (int64_t)cl),
		    k0);
		/* an organization's last word here or up to three words on,
		   through capitalized words (Hanul Investment Co.) */
		for (k = i; k < n && k < i + 4; k++) {
			if (head[k]) {
				f[m++] = hadd(hstart(E_ORGHEAD), (int64_t)(k - i));
				break;
			}
			if (cclass(d->cp[d->cb[k]]) != C_UPPER)
				break;
		}
		if (g)
			m = emit_gaz(f, m, &gm[i]);
		nf += m;
		d->off[i + 1] = nf;
	}
}

void
nerfeat_compute(struct nerfeat_doc *d, int lang, const char *s, size_t len,
    const struct gaz *g)
{
	(void)len;
	doc_room(d, d->n);
	if (lang == NER_KO)
		feat_ko(d, g);
	else
		feat_en(d, s, g);
}
