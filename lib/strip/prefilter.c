/* prefilter: the literals patterns need, and the one-pass scan for them. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "core/util.h"
#include "strip/internal.h"

#define BLOOM_BITS 65536

/* What starts with a Hangul syllable (synflags), in an 11 KiB table. */
#define SYL_CHAIN 1	/* literals of that syllable alone: syllable[] */
#define SYL_PAIRS 2	/* longer literals, two syllables first: pair2 */
#define SYL_MULTI 4	/* longer literals, then no syllable */

/* An OR-set of literals: indexes into pf->lit. */
struct orset {
	uint32_t *v;
	size_t n;
};

/* What one pattern needs: every set must have a literal in the text. */
struct need {
	struct orset set[PATTERN_SETS_MAX];
	size_t nsets;
	unsigned gen;		/* == pf->gen: 'mask' is from the last scan */
	unsigned mask;		/* the sets that had a literal */
};

struct lit {
	char *s;		/* lowercased (ASCII) bytes */
	size_t len;
	uint32_t next;		/* next literal with the same key, +1 */
	uint32_t *users;	/* need id << 2 | set index, for each set */
	size_t nusers, cusers;
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
	unsigned char synflags[UTF8_HANGUL_COUNT];	/* SYL_* of each syllable */
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
	pf->lit = xreserve(pf->lit, &pf->clit, pf->nlit + 1, sizeof *pf->lit);
	pf->lit[pf->nlit].s = xmemdup(s, len);
	pf->lit[pf->nlit].len = len;
	pf->lit[pf->nlit].next = 0;
	pf->lit[pf->nlit].users = NULL;
	pf->lit[pf->nlit].nusers = 0;
	pf->lit[pf->nlit].cusers = 0;
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
weak_set(const struct litset *set)
{
	size_t i;

	for (i = 0; i < set->n; i++) {
		const struct buf *v = &set->v[i];

		if (v->len == 3 && utf8_hangul_at(v->data, 3) >= 0)
			return 1;
		if (v->len == 1 && strchr(".,:;()'\"-", v->data[0]) != NULL)
			return 1;
	}
	return 0;
}

int
prefilter_add(struct prefilter *pf, const char *pat, size_t len)
{
	struct litreq r = { .n = 0 };
	struct need *nd;
	size_t i, j, strong = 0;

	pattern_requires(pat, len, &r);	/* no requirement when it gives up */
	if (pf->nneed == pf->cneed) {
		pf->need = xreserve(pf->need, &pf->cneed, pf->nneed + 1,
		    sizeof *pf->need);
		pf->always = xreallocarray(pf->always, pf->cneed,
		    sizeof *pf->always);
		pf->ready = xreallocarray(pf->ready, pf->cneed,
		    sizeof *pf->ready);
	}
	pf->dirty = 1;
	nd = &pf->need[pf->nneed];
	memset(nd, 0, sizeof *nd);
	for (i = 0; i < r.n; i++)
		strong += !weak_set(&r.set[i]);
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
			l->users = xreserve(l->users, &l->cusers,
			    l->nusers + 1, sizeof *l->users);
			l->users[l->nusers++] = (uint32_t)pf->nneed <<
			    2 | (uint32_t)(nd->nsets - 1);
		}
	}
	litreq_release(&r);
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
	return (uint32_t)(((uint64_t)h1 * UTF8_HANGUL_COUNT + (uint64_t)h2) *
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
	pf->syllable = xcalloc(UTF8_HANGUL_COUNT, sizeof *pf->syllable);
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
		if (utf8_hangul_at(l->s, l->len) >= 0 && l->len < 6) {
			int32_t h = utf8_hangul_at(l->s, l->len);

			l->next = pf->syllable[h];
			pf->syllable[h] = (uint32_t)i + 1;
			pf->synflags[h] |= SYL_CHAIN;
			continue;
		}
		if (utf8_hangul_at(l->s, l->len) >= 0) {
			int32_t h = utf8_hangul_at(l->s, l->len);
			int32_t h2 = utf8_hangul_at(l->s + 3, l->len - 3);

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

		if ((h = utf8_hangul_at(s + i, len - i)) >= 0) {
			/*
			 * A run of syllables, in a loop of its own: one table
			 * byte and one bit of the pair filter per syllable,
			 * without a branch that Korean text would make hard
			 * to predict.
			 */
			for (;;) {
				int32_t h2 = utf8_hangul_at(s + i + 3, len - i - 3);
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
