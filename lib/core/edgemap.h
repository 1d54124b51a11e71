/*
 * edgemap: the edges of a trie, (node, symbol) -> child, in one
 * open-addressing table: a step from a node costs one probe, whatever its
 * fan-out (the root of a name trie has hundreds of edges).  The money
 * names (a byte trie) and the tagger's gazetteers (a code-point trie) walk
 * their text through one.
 *
 * Nodes are numbered by the caller, the root 0, so a child is never 0 and
 * 0 says "no such edge".  Symbols are below 2^21 (a byte, a code point).
 *
 *	struct edgemap m;
 *	edgemap_init(&m, EDGEMAP_HALF);
 *	uint32_t *c = edgemap_put(&m, node, sym);
 *	if (*c == 0)
 *		*c = new_node();	(the edge is new: the caller numbers it)
 *	...
 *	node = edgemap_find(&m, node, sym);	(0: none)
 *
 * Ownership: the map owns its arrays; edgemap_free() releases them.  A
 * map that is only read may be shared between threads.
 */
#ifndef WINNOW_EDGEMAP_H
#define WINNOW_EDGEMAP_H

#include <stddef.h>
#include <stdint.h>

/*
 * How full the table may get before it doubles, in quarters: half full
 * keeps a miss (the usual probe of a text walk) short; three quarters
 * saves memory when the trie is large.
 */
enum { EDGEMAP_HALF = 2, EDGEMAP_THREE_QUARTERS = 3 };

struct edgemap {
	uint64_t *key;		/* (node << 21 | symbol) + 1; 0: a free slot */
	uint32_t *child;
	size_t cap;		/* a power of two, or 0 before the first edge */
	size_t n;		/* edges */
	unsigned quarters;	/* EDGEMAP_HALF or EDGEMAP_THREE_QUARTERS */
};

static inline void
edgemap_init(struct edgemap *m, unsigned quarters)
{
	m->key = NULL;
	m->child = NULL;
	m->cap = m->n = 0;
	m->quarters = quarters;
}

static inline uint64_t
edgemap_key_(uint32_t node, uint32_t sym)
{
	return ((uint64_t)node << 21 | sym) + 1;
}

static inline size_t
edgemap_slot_(uint64_t key, size_t mask)
{
	key *= 0x9e3779b97f4a7c15ULL;
	return (size_t)(key >> 29) & mask;
}

/* edgemap_find(m, node, sym): the child of 'node' by 'sym', or 0. */
static inline uint32_t
edgemap_find(const struct edgemap *m, uint32_t node, uint32_t sym)
{
	uint64_t key = edgemap_key_(node, sym);
	size_t mask = m->cap - 1, i;

	if (m->cap == 0)
		return 0;
	for (i = edgemap_slot_(key, mask); m->key[i]; i = (i + 1) & mask)
		if (m->key[i] == key)
			return m->child[i];
	return 0;
}

/* Double the table; internal to edgemap_put. */
void edgemap_grow_(struct edgemap *m);

/*
 * edgemap_put(m, node, sym): the child slot of the edge, made when
 * missing: then it holds 0 and the caller stores the new child's number
 * there (before the next put).
 */
static inline uint32_t *
edgemap_put(struct edgemap *m, uint32_t node, uint32_t sym)
{
	uint64_t key = edgemap_key_(node, sym);
	size_t mask, i;

	if ((m->n + 1) * 4 > m->cap * m->quarters)
		edgemap_grow_(m);
	mask = m->cap - 1;
	for (i = edgemap_slot_(key, mask); m->key[i]; i = (i + 1) & mask)
		if (m->key[i] == key)
			return &m->child[i];
	m->key[i] = key;
	m->child[i] = 0;
	m->n++;
	return &m->child[i];
}

/*
 * edgemap_reserve(m, more): room for 'more' edges beyond those held, in
 * one step: cheaper than growing edge by edge when the count is known.
 */
void edgemap_reserve(struct edgemap *m, size_t more);

/*
 * edgemap_clear(m, keep): no edges; the table is kept for reuse when it
 * has at most 'keep' slots, else released.
 */
void edgemap_clear(struct edgemap *m, size_t keep);

/* edgemap_bytes(m): the memory the table holds. */
size_t edgemap_bytes(const struct edgemap *m);

void edgemap_free(struct edgemap *m);

#endif
