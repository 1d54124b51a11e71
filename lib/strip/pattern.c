/* pattern: what literals a regular expression requires. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "core/util.h"
#include "strip/internal.h"

#define DEPTH_MAX 32		/* group nesting followed */

struct parser {
	const char *p, *end;
	int caseless;
	int giveup;
	int depth;
};

static void
litset_release(struct litset *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		buf_release(&s->v[i]);
	free(s->v);
	memset(s, 0, sizeof *s);
}

static void
litset_add(struct litset *s, const char *p, size_t len)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->v[i].len == len && memcmp(s->v[i].data, p, len) == 0)
			return;
	s->v = xreserve(s->v, &s->cap, s->n + 1, sizeof *s->v);
	s->v[s->n] = (struct buf)BUF_INIT;
	buf_add(&s->v[s->n], p, len);
	s->n++;
}

/* How selective a set is: its shortest literal; 0 for none. */
static size_t
litset_score(const struct litset *s)
{
	size_t i, min = SIZE_MAX;

	if (s->n == 0 || s->n > PATTERN_ALTS_MAX)
		return 0;
	for (i = 0; i < s->n; i++)
		if (s->v[i].len < min)
			min = s->v[i].len;
	return min;
}

void
litreq_release(struct litreq *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		litset_release(&r->set[i]);
	r->n = 0;
}

/* Add set 's' (taken over) to 'r', keeping the PATTERN_SETS_MAX best. */
static void
litreq_take(struct litreq *r, struct litset *s)
{
	size_t score = litset_score(s), worst = 0, i;

	if (score == 0) {
		litset_release(s);
		return;
	}
	if (r->n < PATTERN_SETS_MAX) {
		r->set[r->n++] = *s;
		memset(s, 0, sizeof *s);
		return;
	}
	for (i = 1; i < r->n; i++)
		if (litset_score(&r->set[i]) < litset_score(&r->set[worst]))
			worst = i;
	if (litset_score(&r->set[worst]) < score) {
		litset_release(&r->set[worst]);
		r->set[worst] = *s;
		memset(s, 0, sizeof *s);
	} else {
		litset_release(s);
	}
}

static void
litreq_take_all(struct litreq *r, struct litreq *from)
{
	size_t i;

	for (i = 0; i < from->n; i++)
		litreq_take(r, &from->set[i]);
	from->n = 0;
}

/* The best set of 'r', moved out (for alternation). */
static int
litreq_best(struct litreq *r, struct litset *out)
{
	size_t i, best = 0;

	if (r->n == 0)
		return 0;
	for (i = 1; i < r->n; i++)
		if (litset_score(&r->set[i]) > litset_score(&r->set[best]))
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

static void parse_alt(struct parser *ps, struct litreq *out);


/* Whether a character can be matched caselessly by ASCII folding alone. */
static int
caseless_safe(const char *s, size_t len)
{
	size_t i = 0;
	int32_t cp;

	if (len == 1)
		return 1;
	if (len != 3)
		return 0;
	/* Hangul, CJK and their punctuation have no case. */
	cp = utf8_next(s, len, &i);
	return utf8_is_hangul_syllable(cp) || utf8_is_hangul_jamo(cp) ||
	    (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3000 && cp <= 0x303F) ||
	    (cp >= 0x2000 && cp <= 0x206F);
}

#define CLASS_MAX 8	/* a class of this many characters is a literal set */

/*
 * A character class; ps->p is just past '['.  When it is a short list of
 * plain characters ([다요], [>›»], [cC]) they go into 'set' (ASCII
 * lowercased); anything else (ranges, negation, \d, [:alpha:]) leaves it
 * empty.
 */
static void
parse_class(struct parser *ps, struct litset *set)
{
	const char *p = ps->p;
	int plain = 1;

	if (p < ps->end && *p == '^') {
		plain = 0;
		p++;
	}
	if (p < ps->end && *p == ']') {
		if (plain)
			litset_add(set, "]", 1);
		p++;
	}
	while (p < ps->end && *p != ']') {
		/* 0 for bytes that are not UTF-8: then do not guess */
		size_t len = (size_t)utf8_seq((const unsigned char *)p,
		    (size_t)(ps->end - p));
		char lc;

		if (*p == '\\' && p + 1 < ps->end) {
			char c = p[1];

			if (plain && ((c >= 0x21 && c <= 0x2F) || (c >= 0x3A &&
			    c <= 0x40) || (c >= 0x5B && c <= 0x60) ||
			    (c >= 0x7B && c <= 0x7E)))
				litset_add(set, &c, 1);
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
		if (len == 0) {
			ps->giveup = 1;
			break;
		}
		if (ps->caseless && !caseless_safe(p, len))
			plain = 0;
		if (plain) {
			lc = len == 1 && *p >= 'A' && *p <= 'Z' ?
			    (char)(*p + 32) : *p;
			if (len == 1)
				litset_add(set, &lc, 1);
			else
				litset_add(set, p, len);
		}
		p += len;
	}
	if (p >= ps->end)
		ps->giveup = 1;
	ps->p = p < ps->end ? p + 1 : ps->end;
	if (!plain || set->n > CLASS_MAX)
		litset_release(set);
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
flush_run(struct litreq *r, struct buf *run)
{
	size_t a = 0, b = run->len;
	struct litset s = { NULL, 0, 0 };

	/* White space is everywhere: it selects nothing. */
	while (a < b && run->data[a] == ' ')
		a++;
	while (b > a && run->data[b - 1] == ' ')
		b--;
	if (b > a) {
		litset_add(&s, run->data + a, b - a);
		litreq_take(r, &s);
	}
	buf_reset(run);
}

/*
 * A group; ps->p is just past '('.  Its requirement goes to 'out' unless it
 * is a lookaround or an inline option setting (then 'out' stays empty).
 */
static void
parse_group(struct parser *ps, struct litreq *out)
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
		struct litreq in = { .n = 0 };

		parse_alt(ps, &in);
		if (ps->p >= ps->end || *ps->p != ')')
			ps->giveup = 1;
		else
			ps->p++;
		if (keep)
			litreq_take_all(out, &in);
		litreq_release(&in);
	}
	ps->caseless = saved;
	ps->depth--;
}

/* Append one literal character to the run, per its quantifier. */
static void
add_literal(struct parser *ps, struct litreq *r, struct buf *run,
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
parse_seq(struct parser *ps, struct litreq *r)
{
	struct buf run = BUF_INIT;

	while (ps->p < ps->end && !ps->giveup) {
		char c = *ps->p;
		struct litreq sub = { .n = 0 };
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
				litreq_take_all(r, &sub);
			litreq_release(&sub);
			break;
		case '[': {
			struct litset set = { NULL, 0, 0 };

			flush_run(r, &run);
			ps->p++;
			parse_class(ps, &set);
			if (quantifier(ps, &more) > 0)
				litreq_take(r, &set);
			litset_release(&set);
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
			size_t len = (size_t)utf8_seq((const unsigned char *)ps->p,
			    (size_t)(ps->end - ps->p));
			const char *ch = ps->p;

			if (len == 0) {
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
parse_alt(struct parser *ps, struct litreq *out)
{
	struct litset uni = { NULL, 0, 0 };
	struct litreq first = { .n = 0 };
	size_t branches = 0;
	int none = 0;

	for (;;) {
		struct litreq br = { .n = 0 };

		parse_seq(ps, &br);
		if (branches == 0) {
			first = br;
		} else {
			struct litset best;

			if (branches == 1) {
				struct litset b0;

				if (litreq_best(&first, &b0)) {
					size_t i;

					for (i = 0; i < b0.n; i++)
						litset_add(&uni, b0.v[i].data,
						    b0.v[i].len);
					litset_release(&b0);
				} else {
					none = 1;
				}
				litreq_release(&first);
			}
			if (litreq_best(&br, &best)) {
				size_t i;

				for (i = 0; i < best.n; i++)
					litset_add(&uni, best.v[i].data,
					    best.v[i].len);
				litset_release(&best);
			} else {
				none = 1;
			}
			litreq_release(&br);
		}
		branches++;
		if (ps->giveup || ps->p >= ps->end || *ps->p != '|')
			break;
		ps->p++;
	}
	if (branches == 1) {
		litreq_take_all(out, &first);
		litreq_release(&first);
	} else if (!none) {
		litreq_take(out, &uni);
	}
	litset_release(&uni);
}

int
pattern_requires(const char *pat, size_t len, struct litreq *req)
{
	struct parser ps = { pat, pat + len, 0, 0, 0 };

	parse_alt(&ps, req);
	if (ps.p != ps.end)
		ps.giveup = 1;	/* an unbalanced ')' */
	if (ps.giveup) {
		litreq_release(req);
		return -1;
	}
	return 0;
}
