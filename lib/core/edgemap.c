/* edgemap: the edges of a trie in one open-addressing table. */
#include <stdlib.h>
#include <string.h>

#include "core/edgemap.h"
#include "core/util.h"

#define EDGEMAP_MIN 1024

void
edgemap_grow_(struct edgemap *m)
{
	size_t ncap = m->cap ? m->cap * 2 : EDGEMAP_MIN, i, j;
	uint64_t *nk;
	uint32_t *nc;

	if (ncap < m->cap)
		out_of_memory();
	nk = xcalloc(ncap, sizeof *nk);
	nc = xreallocarray(NULL, ncap, sizeof *nc);
	for (i = 0; i < m->cap; i++) {
		if (!m->key[i])
			continue;
		for (j = edgemap_slot_(m->key[i], ncap - 1); nk[j];
		    j = (j + 1) & (ncap - 1))
			;
		nk[j] = m->key[i];
		nc[j] = m->child[i];
	}
	free(m->key);
	free(m->child);
	m->key = nk;
	m->child = nc;
	m->cap = ncap;
}

void
edgemap_reserve(struct edgemap *m, size_t more)
{
	while ((m->n + more) * 4 > m->cap * m->quarters)
		edgemap_grow_(m);
}

void
edgemap_clear(struct edgemap *m, size_t keep)
{
	if (m->cap > keep) {
		free(m->key);
		free(m->child);
		m->key = NULL;
		m->child = NULL;
		m->cap = 0;
	} else if (m->cap) {
		memset(m->key, 0, m->cap * sizeof *m->key);
	}
	m->n = 0;
}

size_t
edgemap_bytes(const struct edgemap *m)
{
	return m->cap * (sizeof *m->key + sizeof *m->child);
}

void
edgemap_free(struct edgemap *m)
{
	free(m->key);
	free(m->child);
	edgemap_init(m, m->quarters);
}
