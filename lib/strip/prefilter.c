/* prefilter: which of many patterns could match a text, by their literals. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/util.h"
#include "strip/prefilter.h"

#define SETS_MAX 3		/* OR-sets kept per pattern (the best ones) */
#define ALTS_MAX 48		/* literals in one OR-set; more is no filter */
#define DEPTH_MAX 32		/* group nesting followed */
#define BLOOM_BITS 65536

/* What starts with a Hangul syllable (synflags), in an 11 KiB table. */
#define SYL_CHAIN 1	/* literals of that syllable alone: syllable[] */
#define SYL_PAIRS 2	/* longer literals, two syllables first: pair2 */
#define SYL_MULTI 4	/* longer literals, then no syllable */
#define HANGUL_FIRST 0xAC00
#define HANGUL_COUNT 11172

/* An OR-set of literals: indexes into pf->lit. */
struct orset {
	uint32_t *v;
	size_t n;
};

/* What one pattern needs: every set must have a literal in the text. */
struct need {
	struct orset set[SETS_MAX];
	size_t nsets;
	unsigned gen;		/* == pf->gen: 'mask' is from the last scan */
	unsigned mask;		/* the sets that had a literal */
};

struct lit {
	char *s;		/* lowercased (ASCII) bytes */
	size_t len;
	uint32_t next;		/* next literal with the same key, +1 */
	uint32_t *users;	/* need id << 2 | set index, for each set */
	size_t nusers;
	unsigned gen;		/* == pf->gen: found by the last scan */
};

struct prefilter {
	struct lit *lit;
	size_t nlit, clit;
	struct need *need;
	size_t nneed, cneed;
	/* the scan tables: literal indexes + 1, 0 for none */
	uint32_t single[256];		/* the 1-byte literal of each byte */
	uint32_t pairs[256];		/* 2-byte literals by first byte */
	uint64_t pair[BLOOM_BITS / 64];	/* some 2-byte literal is this pair */
	uint64_t head2[BLOOM_BITS / 64];	/* a longer literal starts so */
	uint64_t bloom[BLOOM_BITS / 64];	/* hashes of the keys below */
	/* By Hangul syllable: the literals of that syllable alone, + 1. */
	uint32_t *syllable;
	unsigned char synflags[HANGUL_COUNT];	/* SYL_* of each syllable */
	uint64_t pair2[BLOOM_BITS / 64];	/* hash of two first syllables */
	unsigned char starts[256];	/* some other literal starts with byte */
	uint32_t *head;			/* key hash table */
	uint64_t *key;			/* the key in each slot: see key_of */
	size_t hcap;
	int *always;			/* needs with no requirement */
	size_t nalways;
	int *ready;			/* needs met by the last scan */
	size_t nready;
	int dirty;
	unsigned gen;
};


/* The index of the Hangul syllable at 's' (n bytes), or -1. */
static inline int32_t
hangul_at(const unsigned char *s, size_t n)
{
	int32_t cp;

	if (n < 3 || s[0] < 0xEA || s[0] > 0xED)
		return -1;
	cp = (int32_t)(s[0] & 0x0F) << 12 | (int32_t)(s[1] & 0x3F) << 6 |
	    (s[2] & 0x3F);
	cp -= HANGUL_FIRST;
	return cp >= 0 && cp < HANGUL_COUNT ? cp : -1;
}

/* --- the pattern analysis -------------------------------------------- */

/* A literal or set under construction: plain byte strings. */
struct strs {
	struct buf *v;
	size_t n, cap;
};

/* An AND of OR-sets under construction. */
struct req {
	struct strs set[SETS_MAX];
	size_t n;
};

struct parser {
	const char *p, *end;
	int caseless;
	int giveup;
	int depth;
};

static void
strs_release(struct strs *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		buf_release(&s->v[i]);
	free(s->v);
	memset(s, 0, sizeof *s);
}

static void
strs_add(struct strs *s, const char *p, size_t len)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->v[i].len == len && memcmp(s->v[i].data, p, len) == 0)
			return;
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 4;
		s->v = xrealloc(s->v, s->cap * sizeof *s->v);
	}
	s->v[s->n] = (struct buf)BUF_INIT;
	buf_add(&s->v[s->n], p, len);
	s->n++;
}

/* How selective a set is: its shortest literal; 0 for none. */
static size_t
strs_score(const struct strs *s)
{
	size_t i, min = SIZE_MAX;

	if (s->n == 0 || s->n > ALTS_MAX)
		return 0;
	for (i = 0; i < s->n; i++)
		if (s->v[i].len < min)
			min = s->v[i].len;
	return min;
}

static void
req_release(struct req *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		strs_release(&r->set[i]);
	r->n = 0;
}

/* Add set 's' (taken over) to 'r', keeping the SETS_MAX best. */
static void
req_take(struct req *r, struct strs *s)
{
	size_t score = strs_score(s), worst = 0, i;

	if (score == 0) {
		strs_release(s);
		return;
	}
	if (r->n < SETS_MAX) {
		r->set[r->n++] = *s;
		memset(s, 0, sizeof *s);
		return;
	}
	for (i = 1; i < r->n; i++)
		if (strs_score(&r->set[i]) < strs_score(&r->set[worst]))
			worst = i;
	if (strs_score(&r->set[worst]) < score) {
		strs_release(&r->set[worst]);
		r->set[worst] = *s;
		memset(s, 0, sizeof *s);
	} else {
		strs_release(s);
	}
}

static void
req_take_all(struct req *r, struct req *from)
{
	size_t i;

	for (i = 0; i < from->n; i++)
		req_take(r, &from->set[i]);
	from->n = 0;
}

/* The best set of 'r', moved out (for alternation). */
static int
req_best(struct req *r, struct strs *out)
{
	size_t i, best = 0;

	if (r->n == 0)
		return 0;
	for (i = 1; i < r->n; i++)
		if (strs_score(&r->set[i]) > strs_score(&r->set[best]))
			best = i;
	*out = r->set[best];
	memset(&r->set[best], 0, sizeof r->set[best]);
	return 1;
}

/*
 * Read a quantifier at ps->p, if any: returns the minimum count it allows
 * (1 when none follows) and sets '*more' when it allows more than one.
 * A '{' that does not start a quantifier is left for the caller.
 */
static unsigned
quantifier(struct parser *ps, int *more)
{
	const char *p = ps->p;
	unsigned min = 1;

	*more = 0;
	if (p == ps->end)
		return 1;
	if (*p == '?' || *p == '*') {
		min = 0;
		*more = *p == '*';
		p++;
	} else if (*p == '+') {
		*more = 1;
		p++;
	} else if (*p == '{') {
		const char *q = p + 1;
		unsigned n = 0, m = 0;

		if (q == ps->end || *q < '0' || *q > '9')
			return 1;
		/* q advances on every digit; n stops growing past 100000 */
		for (; q < ps->end && *q >= '0' && *q <= '9'; q++)
			if (n <= 100000)
				n = n * 10 + (unsigned)(*q - '0');
		m = n;
		if (q < ps->end && *q == ',') {
			m = 2;		/* {n,} and {n,m}: assume more */
			for (q++; q < ps->end && *q >= '0' && *q <= '9'; q++)
				;
		}
		if (q == ps->end || *q != '}')
			return 1;
		min = n;
		*more = m > 1;
		p = q + 1;
	} else {
		return 1;
	}
	if (p < ps->end && (*p == '?' || *p == '+'))
		p++;
	ps->p = p;
	return min;
}

static void parse_alt(struct parser *ps, struct req *out);

/* The byte length of the UTF-8 character starting with 'c'. */
static size_t
utf8_len(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if (c >= 0xF0)
		return 4;
	if (c >= 0xE0)
		return 3;
	return 2;
}

/* Whether a character can be matched caselessly by ASCII folding alone. */
static int
caseless_safe(const char *s, size_t len)
{
	unsigned cp;

	if (len == 1)
		return 1;
	if (len != 3)
		return 0;
	/* Hangul syllables, jamo and CJK have no case. */
	cp = ((unsigned)(s[0] & 0x0F) << 12) | ((unsigned)(s[1] & 0x3F) << 6) |
	    (unsigned)(s[2] & 0x3F);
	return (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0x3130 &&
	    cp <= 0x318F) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
	    (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0x2000 && cp <= 0x206F);
}

#define CLASS_MAX 8	/* a class of this many characters is a literal set */

/*
 * A character class; ps->p is just past '['.  When it is a short list of
 * plain characters ([다요], [>›»], [cC]) they go into 'set' (ASCII
 * lowercased); anything else (ranges, negation, \d, [:alpha:]) leaves it
 * empty.
 */
static void
parse_class(struct parser *ps, struct strs *set)
{
	const char *p = ps->p;
	int plain = 1;

	if (p < ps->end && *p == '^') {
		plain = 0;
		p++;
	}
	if (p < ps->end && *p == ']') {
		if (plain)
			strs_add(set, "]", 1);
		p++;
	}
	while (p < ps->end && *p != ']') {
		size_t len = utf8_len((unsigned char)*p);
		char lc;

		if (*p == '\\' && p + 1 < ps->end) {
			char c = p[1];

			if (plain && ((c >= 0x21 && c <= 0x2F) || (c >= 0x3A &&
			    c <= 0x40) || (c >= 0x5B && c <= 0x60) ||
			    (c >= 0x7B && c <= 0x7E)))
				strs_add(set, &c, 1);
			else
				plain = 0;
			p += 2;
			continue;
		}
		if (*p == '[' && p + 1 < ps->end && p[1] == ':') {
			const char *q = p + 2;

			while (q + 1 < ps->end && !(q[0] == ':' && q[1] == ']'))
				q++;
			p = q + 2;
			plain = 0;
			continue;
		}
		if (*p == '-' && p + 1 < ps->end && p[1] != ']' &&
		    p != ps->p) {
			plain = 0;	/* a range */
			p++;
			continue;
		}
		if ((size_t)(ps->end - p) < len)
			break;
		if (ps->caseless && !caseless_safe(p, len))
			plain = 0;
		if (plain) {
			lc = len == 1 && *p >= 'A' && *p <= 'Z' ?
			    (char)(*p + 32) : *p;
			if (len == 1)
				strs_add(set, &lc, 1);
			else
				strs_add(set, p, len);
		}
		p += len;
	}
	if (p >= ps->end)
		ps->giveup = 1;
	ps->p = p < ps->end ? p + 1 : ps->end;
	if (!plain || set->n > CLASS_MAX)
		strs_release(set);
}

/* Skip up to 'max' characters of 'set' at ps->p. */
static void
skip_chars(struct parser *ps, const char *set, int max)
{
	while (max-- > 0 && ps->p < ps->end && *ps->p &&
	    strchr(set, *ps->p) != NULL)
		ps->p++;
}

/* Skip a delimited name or number: {..}, <..> or '..'. */
static int
skip_delimited(struct parser *ps)
{
	char close;
	const char *q;

	if (ps->p == ps->end)
		return 0;
	switch (*ps->p) {
	case '{': close = '}'; break;
	case '<': close = '>'; break;
	case '\'': close = '\''; break;
	default: return 0;
	}
	q = memchr(ps->p + 1, close, (size_t)(ps->end - ps->p - 1));
	ps->p = q ? q + 1 : ps->end;
	if (q == NULL)
		ps->giveup = 1;
	return 1;
}

#define DIGITS "0123456789"
#define HEX DIGITS "abcdefABCDEF"

/*
 * An escape; ps->p is just past the backslash.  Returns the literal byte
 * for an escaped punctuation character, or -1 for anything that is not one
 * fixed character (\s, \d, \b, \p{..}, back references...).
 */
static int
parse_escape(struct parser *ps)
{
	char c;

	if (ps->p == ps->end) {
		ps->giveup = 1;
		return -1;
	}
	c = *ps->p++;
	if ((c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) ||
	    (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E) || c == ' ')
		return (unsigned char)c;
	switch (c) {
	case 'd': case 'D': case 's': case 'S': case 'w': case 'W':
	case 'b': case 'B': case 'A': case 'z': case 'Z': case 'G':
	case 'h': case 'H': case 'v': case 'V': case 'R': case 'N':
	case 'X': case 'K': case 'n': case 't': case 'r': case 'f':
	case 'e': case 'a':
		return -1;
	case 'p': case 'P':
		if (!skip_delimited(ps))
			skip_chars(ps, "^LMNPSZCluptmdcnoekifsz&", 1);
		return -1;
	case 'x':
		if (!skip_delimited(ps))
			skip_chars(ps, HEX, 2);
		return -1;
	case 'o':
		skip_delimited(ps);
		return -1;
	case 'g':
		if (!skip_delimited(ps)) {
			skip_chars(ps, "+-", 1);
			skip_chars(ps, DIGITS, 10);
		}
		return -1;
	case 'k':
		skip_delimited(ps);
		return -1;
	}
	if (c >= '0' && c <= '9') {
		skip_chars(ps, DIGITS, 10);
		return -1;
	}
	ps->giveup = 1;		/* \Q, \E, \c and whatever else: do not guess */
	return -1;
}

/* Add the literal run in 'run' (then emptied) as a one-literal set. */
static void
flush_run(struct req *r, struct buf *run)
{
	size_t a = 0, b = run->len;
	struct strs s = { NULL, 0, 0 };

	/* White space is everywhere: it selects nothing. */
	while (a < b && run->data[a] == ' ')
		a++;
	while (b > a && run->data[b - 1] == ' ')
		b--;
	if (b > a) {
		strs_add(&s, run->data + a, b - a);
		req_take(r, &s);
	}
	buf_reset(run);
}

/*
 * A group; ps->p is just past '('.  Its requirement goes to 'out' unless it
 * is a lookaround or an inline option setting (then 'out' stays empty).
 */
static void
parse_group(struct parser *ps, struct req *out)
{
	int saved = ps->caseless, keep = 1;

	if (++ps->depth > DEPTH_MAX) {
		ps->giveup = 1;
		return;
	}
	if (ps->p < ps->end && *ps->p == '*') {
		ps->giveup = 1;		/* (*VERB) */
		return;
	}
	if (ps->p < ps->end && *ps->p == '?') {
		const char *q = ps->p + 1;

		if (q == ps->end) {
			ps->giveup = 1;
			return;
		}
		switch (*q) {
		case ':': case '|': case '>':
			ps->p = q + 1;
			break;
		case '=': case '!':
			ps->p = q + 1;
			keep = 0;
			break;
		case '<':
			if (q + 1 < ps->end && (q[1] == '=' || q[1] == '!')) {
				ps->p = q + 2;
				keep = 0;
			} else {
				const char *c = memchr(q, '>',
				    (size_t)(ps->end - q));

				ps->p = c ? c + 1 : ps->end;
			}
			break;
		case '\'': {
			const char *c = memchr(q + 1, '\'',
			    (size_t)(ps->end - q - 1));

			ps->p = c ? c + 1 : ps->end;
			break;
		}
		case 'P':
			if (q + 1 < ps->end && q[1] == '<') {
				const char *c = memchr(q, '>',
				    (size_t)(ps->end - q));

				ps->p = c ? c + 1 : ps->end;
				break;
			}
			/* (?P=name), (?P>name): references */
			/* FALLTHROUGH */
		case '&': case 'R': case '+': case '-': case '0': case '1':
		case '2': case '3': case '4': case '5': case '6': case '7':
		case '8': case '9': case '#':
			if (*q == '-' && q + 1 < ps->end && q[1] >= 'a' &&
			    q[1] <= 'z')
				goto options;
			{
				const char *c = memchr(q, ')',
				    (size_t)(ps->end - q));

				ps->p = c ? c + 1 : ps->end;
			}
			ps->depth--;
			return;
		case '(':
			ps->giveup = 1;	/* conditional */
			return;
		default:
		options: {
			int on = 1, caseless = ps->caseless;

			while (q < ps->end && *q != ')' && *q != ':') {
				if (*q == '-')
					on = 0;
				else if (*q == 'i')
					caseless = on;
				else if (*q == 'x')
					ps->giveup = 1;
				else if (!strchr("msnJUaD^", *q))
					ps->giveup = 1;
				q++;
			}
			if (q == ps->end || ps->giveup) {
				ps->giveup = 1;
				return;
			}
			ps->caseless = caseless;
			ps->p = q + 1;
			if (*q == ')') {
				/* (?i): for the rest of the enclosing group */
				ps->depth--;
				return;
			}
			break;
		}
		}
	}
	{
		struct req in = { .n = 0 };

		parse_alt(ps, &in);
		if (ps->p >= ps->end || *ps->p != ')')
			ps->giveup = 1;
		else
			ps->p++;
		if (keep)
			req_take_all(out, &in);
		req_release(&in);
	}
	ps->caseless = saved;
	ps->depth--;
}

/* Append one literal character to the run, per its quantifier. */
static void
add_literal(struct parser *ps, struct req *r, struct buf *run,
    const char *ch, size_t len)
{
	int more;
	unsigned min;

	if (ps->p < ps->end && *ps->p == '{' && (ps->p + 1 == ps->end ||
	    ps->p[1] < '0' || ps->p[1] > '9')) {
		ps->giveup = 1;		/* a literal '{': PCRE2 versions differ */
		return;
	}
	min = quantifier(ps, &more);
	if (min == 0 || (ps->caseless && !caseless_safe(ch, len))) {
		flush_run(r, run);
		return;
	}
	if (len == 1 && ch[0] >= 'A' && ch[0] <= 'Z')
		buf_addc(run, (char)(ch[0] + 32));
	else
		buf_add(run, ch, len);
	if (more)
		flush_run(r, run);	/* "ab+c": "ab" and "bc", not "abc" */
}

/* A sequence of atoms up to '|', ')' or the end, into 'r'. */
static void
parse_seq(struct parser *ps, struct req *r)
{
	struct buf run = BUF_INIT;

	while (ps->p < ps->end && !ps->giveup) {
		char c = *ps->p;
		struct req sub = { .n = 0 };
		int more, lit;

		if (c == '|' || c == ')')
			break;
		switch (c) {
		case '(':
			if (ps->end - ps->p >= 3 && ps->p[1] == '?' &&
			    ps->p[2] == '#') {
				/*
				 * A comment is nothing: a quantifier after it
				 * belongs to the atom before it.  Not followed.
				 */
				const char *q = memchr(ps->p, ')',
				    (size_t)(ps->end - ps->p));

				ps->p = q ? q + 1 : ps->end;
				if (q == NULL || (ps->p < ps->end &&
				    strchr("?*+{", *ps->p)))
					ps->giveup = 1;
				break;
			}
			flush_run(r, &run);
			ps->p++;
			parse_group(ps, &sub);
			if (quantifier(ps, &more) > 0)
				req_take_all(r, &sub);
			req_release(&sub);
			break;
		case '[': {
			struct strs set = { NULL, 0, 0 };

			flush_run(r, &run);
			ps->p++;
			parse_class(ps, &set);
			if (quantifier(ps, &more) > 0)
				req_take(r, &set);
			strs_release(&set);
			break;
		}
		case '.': case '^': case '$':
			flush_run(r, &run);
			ps->p++;
			quantifier(ps, &more);
			break;
		case '*': case '+': case '?': case '{':
			/* a quantifier with nothing before it, or a literal '{' */
			ps->giveup = 1;
			break;
		case '\\':
			ps->p++;
			lit = parse_escape(ps);
			if (lit < 0) {
				flush_run(r, &run);
				quantifier(ps, &more);
			} else {
				char ch = (char)lit;

				add_literal(ps, r, &run, &ch, 1);
			}
			break;
		default: {
			size_t len = utf8_len((unsigned char)c);
			const char *ch = ps->p;

			if ((size_t)(ps->end - ps->p) < len) {
				ps->giveup = 1;
				break;
			}
			ps->p += len;
			add_literal(ps, r, &run, ch, len);
			break;
		}
		}
	}
	flush_run(r, &run);
	buf_release(&run);
}

/*
 * An alternation: each branch must provide a requirement, and the result is
 * the union of their best sets (one OR-set); a single branch keeps all of
 * its sets.
 */
static void
parse_alt(struct parser *ps, struct req *out)
{
	struct strs uni = { NULL, 0, 0 };
	struct req first = { .n = 0 };
	size_t branches = 0;
	int none = 0;

	for (;;) {
		struct req br = { .n = 0 };

		parse_seq(ps, &br);
		if (branches == 0) {
			first = br;
		} else {
			struct strs best;

			if (branches == 1) {
				struct strs b0;

				if (req_best(&first, &b0)) {
					size_t i;

					for (i = 0; i < b0.n; i++)
						strs_add(&uni, b0.v[i].data,
						    b0.v[i].len);
					strs_release(&b0);
				} else {
					none = 1;
				}
				req_release(&first);
			}
			if (req_best(&br, &best)) {
				size_t i;

				for (i = 0; i < best.n; i++)
					strs_add(&uni, best.v[i].data,
					    best.v[i].len);
				strs_release(&best);
			} else {
				none = 1;
			}
			req_release(&br);
		}
		branches++;
		if (ps->giveup || ps->p >= ps->end || *ps->p != '|')
			break;
		ps->p++;
	}
	if (branches == 1) {
		req_take_all(out, &first);
		req_release(&first);
	} else if (!none) {
		req_take(out, &uni);
	}
	strs_release(&uni);
}

/* --- the literal table and the scan ------------------------------------ */

struct prefilter *
prefilter_new(void)
{
	return xcalloc(1, sizeof(struct prefilter));
}

static uint32_t
intern(struct prefilter *pf, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < pf->nlit; i++)
		if (pf->lit[i].len == len && memcmp(pf->lit[i].s, s, len) == 0)
			return (uint32_t)i;
	if (pf->nlit == pf->clit) {
		pf->clit = pf->clit ? pf->clit * 2 : 64;
		pf->lit = xrealloc(pf->lit, pf->clit * sizeof *pf->lit);
	}
	pf->lit[pf->nlit].s = xmemdup(s, len);
	pf->lit[pf->nlit].len = len;
	pf->lit[pf->nlit].next = 0;
	pf->lit[pf->nlit].users = NULL;
	pf->lit[pf->nlit].nusers = 0;
	pf->lit[pf->nlit].gen = 0;
	pf->dirty = 1;
	return (uint32_t)pf->nlit++;
}

/*
 * Whether a set holds a literal that is everywhere in text: one Hangul
 * syllable such as 다 or 이, or a common punctuation mark.  Looking for it
 * costs time and rules out little, so such a set is dropped when the
 * pattern has others.
 */
static int
weak_set(const struct strs *set)
{
	size_t i;

	for (i = 0; i < set->n; i++) {
		const struct buf *v = &set->v[i];

		if (v->len == 3 && hangul_at((const unsigned char *)v->data,
		    3) >= 0)
			return 1;
		if (v->len == 1 && strchr(".,:;()'\"-", v->data[0]) != NULL)
			return 1;
	}
	return 0;
}

int
prefilter_add(struct prefilter *pf, const char *pat, size_t len)
{
	struct parser ps = { pat, pat + len, 0, 0, 0 };
	struct req r = { .n = 0 };
	struct need *nd;
	size_t i, j, strong = 0;

	parse_alt(&ps, &r);
	if (ps.p != ps.end)
		ps.giveup = 1;	/* an unbalanced ')' */
	if (pf->nneed == pf->cneed) {
		pf->cneed = pf->cneed ? pf->cneed * 2 : 32;
		pf->need = xrealloc(pf->need, pf->cneed * sizeof *pf->need);
		pf->always = xrealloc(pf->always, pf->cneed *
		    sizeof *pf->always);
		pf->ready = xrealloc(pf->ready, pf->cneed * sizeof *pf->ready);
	}
	pf->dirty = 1;
	nd = &pf->need[pf->nneed];
	memset(nd, 0, sizeof *nd);
	for (i = 0; i < r.n; i++)
		strong += !weak_set(&r.set[i]);
	if (!ps.giveup)
		for (i = 0; i < r.n; i++) {
			struct orset *o;

			if (strong > 0 && weak_set(&r.set[i]))
				continue;
			o = &nd->set[nd->nsets++];

			o->v = xcalloc(r.set[i].n, sizeof *o->v);
			o->n = r.set[i].n;
			for (j = 0; j < r.set[i].n; j++) {
				struct lit *l;

				o->v[j] = intern(pf, r.set[i].v[j].data,
				    r.set[i].v[j].len);
				l = &pf->lit[o->v[j]];
				l->users = xrealloc(l->users, (l->nusers + 1) *
				    sizeof *l->users);
				l->users[l->nusers++] = (uint32_t)pf->nneed <<
				    2 | (uint32_t)(nd->nsets - 1);
			}
		}
	req_release(&r);
	return (int)pf->nneed++;
}

size_t
prefilter_literals(const struct prefilter *pf, int id)
{
	size_t i, n = 0;

	for (i = 0; i < pf->need[id].nsets; i++)
		n += pf->need[id].set[i].n;
	return n;
}

void
prefilter_describe(const struct prefilter *pf, int id, struct buf *out)
{
	const struct need *nd = &pf->need[id];
	size_t i, j;

	for (i = 0; i < nd->nsets; i++) {
		if (i)
			buf_addstr(out, " & ");
		buf_addc(out, '(');
		for (j = 0; j < nd->set[i].n; j++) {
			const struct lit *l = &pf->lit[nd->set[i].v[j]];

			if (j)
				buf_addc(out, '|');
			buf_addc(out, '"');
			buf_add(out, l->s, l->len);
			buf_addc(out, '"');
		}
		buf_addc(out, ')');
	}
	if (nd->nsets == 0)
		buf_addstr(out, "*");
}

/*
 * Literals of three bytes or more are looked up by a key made of their
 * first six bytes (two Hangul syllables, six letters), or of their first
 * three when they are shorter than six: a key of one syllable matches at a
 * fifth of the positions of Korean text, a key of two rarely.  The length
 * class sits in the top byte so the two kinds never collide.
 */
#define KEY3(w) (((w) & 0xFFFFFFu) | (uint64_t)3 << 56)
#define KEY6(w) (((w) & 0xFFFFFFFFFFFFu) | (uint64_t)6 << 56)

/* Little-endian load of up to 8 bytes, ASCII lowercased. */
static inline uint64_t
load_lower(const unsigned char *s, size_t n)
{
	uint64_t w = 0, ascii, ge_a, gt_z, upper;
	size_t i;

	if (n >= 8) {
		memcpy(&w, s, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
		w = __builtin_bswap64(w);
#endif
	} else {
		for (i = 0; i < n; i++)
			w |= (uint64_t)s[i] << (8 * i);
	}
	/* SWAR: add 0x20 to each byte in 'A'..'Z' */
	ascii = ~w & 0x8080808080808080u;
	ge_a = (w & 0x7F7F7F7F7F7F7F7Fu) + 0x3F3F3F3F3F3F3F3Fu;
	gt_z = (w & 0x7F7F7F7F7F7F7F7Fu) + 0x2525252525252525u;
	upper = ascii & ge_a & ~gt_z & 0x8080808080808080u;
	return w | upper >> 2;
}

static inline uint32_t
pair_hash(int32_t h1, int32_t h2)
{
	return (uint32_t)(((uint64_t)h1 * HANGUL_COUNT + (uint64_t)h2) *
	    0x9E3779B97F4A7C15u >> 48);
}

static uint32_t
bloom_hash(uint64_t key)
{
	return (uint32_t)((key * 0x9E3779B97F4A7C15u) >> 48);
}

static size_t
slot_of(const struct prefilter *pf, uint64_t key)
{
	size_t slot = (size_t)((key * 0x9E3779B97F4A7C15u) >> 32) &
	    (pf->hcap - 1);

	while (pf->head[slot] && pf->key[slot] != key)
		slot = (slot + 1) & (pf->hcap - 1);
	return slot;
}

static void
build_tables(struct prefilter *pf)
{
	size_t i;

	memset(pf->single, 0, sizeof pf->single);
	memset(pf->starts, 0, sizeof pf->starts);
	memset(pf->pairs, 0, sizeof pf->pairs);
	memset(pf->pair, 0, sizeof pf->pair);
	memset(pf->head2, 0, sizeof pf->head2);
	memset(pf->bloom, 0, sizeof pf->bloom);
	free(pf->head);
	free(pf->key);
	free(pf->syllable);
	pf->syllable = xcalloc(HANGUL_COUNT, sizeof *pf->syllable);
	memset(pf->synflags, 0, sizeof pf->synflags);
	memset(pf->pair2, 0, sizeof pf->pair2);
	pf->nalways = 0;
	for (i = 0; i < pf->nneed; i++)
		if (pf->need[i].nsets == 0)
			pf->always[pf->nalways++] = (int)i;
	pf->hcap = 16;
	while (pf->hcap < 2 * pf->nlit)
		pf->hcap *= 2;
	pf->head = xcalloc(pf->hcap, sizeof *pf->head);
	pf->key = xcalloc(pf->hcap, sizeof *pf->key);
	for (i = 0; i < pf->nlit; i++) {
		struct lit *l = &pf->lit[i];
		const unsigned char *u = (const unsigned char *)l->s;

		l->next = 0;
		if (hangul_at(u, l->len) >= 0 && l->len < 6) {
			int32_t h = hangul_at(u, l->len);

			l->next = pf->syllable[h];
			pf->syllable[h] = (uint32_t)i + 1;
			pf->synflags[h] |= SYL_CHAIN;
			continue;
		}
		if (hangul_at(u, l->len) >= 0) {
			int32_t h = hangul_at(u, l->len);
			int32_t h2 = hangul_at(u + 3, l->len - 3);

			/*
			 * Two syllables: the pair filter turns away most
			 * positions that only share the first one.
			 */
			if (h2 >= 0) {
				uint32_t b = pair_hash(h, h2);

				pf->synflags[h] |= SYL_PAIRS;
				pf->pair2[b / 64] |= (uint64_t)1 << (b % 64);
			} else {
				pf->synflags[h] |= SYL_MULTI;
			}
		} else {
			pf->starts[u[0]] = 1;
		}
		if (l->len == 1) {
			pf->single[u[0]] = (uint32_t)i + 1;
		} else if (l->len == 2) {
			uint32_t k = (uint32_t)u[0] << 8 | u[1];

			pf->pair[k / 64] |= (uint64_t)1 << (k % 64);
			l->next = pf->pairs[u[0]];
			pf->pairs[u[0]] = (uint32_t)i + 1;
		} else {
			uint64_t w = load_lower(u, l->len < 8 ? l->len : 8);
			uint64_t k = l->len >= 6 ? KEY6(w) : KEY3(w);
			uint32_t k2 = (uint32_t)u[0] << 8 | u[1];

			pf->head2[k2 / 64] |= (uint64_t)1 << (k2 % 64);
			uint32_t h = bloom_hash(k);
			size_t slot = slot_of(pf, k);

			pf->bloom[h / 64] |= (uint64_t)1 << (h % 64);
			pf->key[slot] = k;
			l->next = pf->head[slot];
			pf->head[slot] = (uint32_t)i + 1;
		}
	}
	pf->dirty = 0;
}

static inline unsigned char
lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

static int
equal_lower(const unsigned char *s, const char *lit, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (lower(s[i]) != (unsigned char)lit[i])
			return 0;
	return 1;
}

/* Literal 'l' is in the text: mark it and the sets that hold it. */
static void
found(struct prefilter *pf, struct lit *l)
{
	size_t k;

	if (l->gen == pf->gen)
		return;
	l->gen = pf->gen;
	for (k = 0; k < l->nusers; k++) {
		struct need *nd = &pf->need[l->users[k] >> 2];

		if (nd->gen != pf->gen) {
			nd->gen = pf->gen;
			nd->mask = 0;
		}
		if (nd->mask == (1u << nd->nsets) - 1)
			continue;
		nd->mask |= 1u << (l->users[k] & 3);
		if (nd->mask == (1u << nd->nsets) - 1)
			pf->ready[pf->nready++] = (int)(l->users[k] >> 2);
	}
}

/* The literals filed under 'key' that start at 's'. */
static inline void
lookup(struct prefilter *pf, const unsigned char *s, size_t n, uint64_t key)
{
	uint32_t h = bloom_hash(key), at;
	size_t slot;

	if (!(pf->bloom[h / 64] & ((uint64_t)1 << (h % 64))))
		return;
	slot = slot_of(pf, key);
	for (at = pf->head[slot]; at; at = pf->lit[at - 1].next) {
		struct lit *l = &pf->lit[at - 1];

		if (l->len <= n && equal_lower(s, l->s, l->len))
			found(pf, l);
	}
}

/* The slow path at a syllable that starts some literal. */
static void
syllable_hit(struct prefilter *pf, const unsigned char *u, size_t len,
    size_t i, int32_t h, unsigned f, unsigned pair)
{
	uint32_t at;

	if (f & SYL_CHAIN)
		for (at = pf->syllable[h]; at; at = pf->lit[at - 1].next) {
			struct lit *l = &pf->lit[at - 1];

			if (l->len == 3 || (l->len <= len - i &&
			    equal_lower(u + i, l->s, l->len)))
				found(pf, l);
		}
	if (((f & SYL_MULTI) || pair) && i + 5 < len)
		lookup(pf, u + i, len - i, KEY6(load_lower(u + i, len - i < 8 ?
		    len - i : 8)));
}

void
prefilter_scan(struct prefilter *pf, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i;

	if (pf->dirty)
		build_tables(pf);
	if (pf->nalways)
		memcpy(pf->ready, pf->always, pf->nalways * sizeof *pf->ready);
	pf->nready = pf->nalways;
	if (++pf->gen == 0) {	/* wrapped: forget every old mark */
		for (i = 0; i < pf->nlit; i++)
			pf->lit[i].gen = 0;
		for (i = 0; i < pf->nneed; i++)
			pf->need[i].gen = 0;
		pf->gen = 1;
	}
	for (i = 0; i < len;) {
		unsigned char c = u[i];
		uint32_t at;
		int32_t h;

		if ((h = hangul_at(u + i, len - i)) >= 0) {
			/*
			 * A run of syllables, in a loop of its own: one table
			 * byte and one bit of the pair filter per syllable,
			 * without a branch that Korean text would make hard
			 * to predict.
			 */
			for (;;) {
				int32_t h2 = hangul_at(u + i + 3, len - i - 3);
				unsigned f = pf->synflags[h];
				uint32_t b = pair_hash(h, h2 < 0 ? 0 : h2);
				unsigned pair = (unsigned)(pf->pair2[b / 64] >>
				    (b % 64)) & (h2 >= 0) & (f >> 1);

				if (__builtin_expect((f & (SYL_CHAIN |
				    SYL_MULTI)) | pair, 0))
					syllable_hit(pf, u, len, i, h, f, pair);
				i += 3;
				if (h2 < 0)
					break;
				h = h2;
			}
			continue;
		}
		i++;
		/* A literal starts on a character, never inside one. */
		if ((c & 0xC0) == 0x80)
			continue;
		c = lower(c);
		if (!pf->starts[c])
			continue;
		if (pf->single[c])
			found(pf, &pf->lit[pf->single[c] - 1]);
		if (i < len) {
			unsigned k = (unsigned)c << 8 | lower(u[i]);

			if (pf->pair[k / 64] & ((uint64_t)1 << (k % 64)))
				for (at = pf->pairs[c]; at;
				    at = pf->lit[at - 1].next)
					if (equal_lower(u + i - 1,
					    pf->lit[at - 1].s, 2))
						found(pf, &pf->lit[at - 1]);
			/* No longer literal starts with these two bytes. */
			if (!(pf->head2[k / 64] & ((uint64_t)1 << (k % 64))))
				continue;
		}
		if (i + 1 < len) {
			size_t n = len - i + 1;
			uint64_t w = load_lower(u + i - 1, n < 8 ? n : 8);

			lookup(pf, u + i - 1, n, KEY3(w));
			if (i + 4 < len)
				lookup(pf, u + i - 1, n, KEY6(w));
		}
	}
}

size_t
prefilter_ready(struct prefilter *pf, const int **ids)
{
	size_t i, j;

	/* Insertion sort: a handful of ids, nearly always. */
	for (i = 1; i < pf->nready; i++) {
		int v = pf->ready[i];

		for (j = i; j > 0 && pf->ready[j - 1] > v; j--)
			pf->ready[j] = pf->ready[j - 1];
		pf->ready[j] = v;
	}
	*ids = pf->ready;
	return pf->nready;
}

int
prefilter_may_match(const struct prefilter *pf, int id)
{
	const struct need *nd = &pf->need[id];

	if (nd->nsets == 0)
		return 1;
	return nd->gen == pf->gen && nd->mask == (1u << nd->nsets) - 1;
}

void
prefilter_free(struct prefilter *pf)
{
	size_t i, j;

	if (pf == NULL)
		return;
	for (i = 0; i < pf->nlit; i++) {
		free(pf->lit[i].s);
		free(pf->lit[i].users);
	}
	free(pf->lit);
	for (i = 0; i < pf->nneed; i++)
		for (j = 0; j < pf->need[i].nsets; j++)
			free(pf->need[i].set[j].v);
	free(pf->need);
	free(pf->head);
	free(pf->key);
	free(pf->syllable);
	free(pf->always);
	free(pf->ready);
	free(pf);
}
