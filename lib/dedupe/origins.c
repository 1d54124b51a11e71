/*
 * origins: which record first held a paragraph, for --removed's "first".
 *
 * A direct-mapped table from a paragraph's tag to the ordinal of the
 * record that held it, and a ring of the last ID_RING records' ids.  Both
 * are fixed in size, so --removed costs at most ~48 MiB however long the
 * stream; older holders are forgotten (overwritten) and reported as
 * unknown, never as a wrong record.
 */
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "dedupe/internal.h"

#define ORIGIN_BITS 20		/* 2^20 remembered first holders: 16 MiB */
#define ID_RING 65536		/* ids of the last records, for 'first' */
#define ID_MAX 512		/* longer ids are not remembered */

struct origin {
	uint64_t tag;
	uint64_t ord;		/* record ordinal; 0: empty */
};

struct ring_id {
	uint64_t ord;
	char *s;
	size_t len, cap;
};

struct origins {
	struct origin *tab;	/* 2^ORIGIN_BITS slots */
	struct ring_id *ring;	/* ID_RING ids */
};

struct origins *
origins_new(void)
{
	struct origins *o = xcalloc(1, sizeof *o);

	o->tab = xcalloc((size_t)1 << ORIGIN_BITS, sizeof *o->tab);
	o->ring = xcalloc(ID_RING, sizeof *o->ring);
	return o;
}

void
origins_free(struct origins *o)
{
	if (o == NULL)
		return;
	for (size_t i = 0; i < ID_RING; i++)
		free(o->ring[i].s);
	free(o->ring);
	free(o->tab);
	free(o);
}

static inline struct origin *
slot(const struct origins *o, uint64_t tag)
{
	return &o->tab[(tag * 0xD6E8FEB86659FD93ULL) >> (64 - ORIGIN_BITS)];
}

void
origins_put(struct origins *o, uint64_t tag, uint64_t ord)
{
	struct origin *s;

	if (o == NULL)
		return;
	s = slot(o, tag);
	s->tag = tag;
	s->ord = ord;
}

/* The id of record 'ord' into p->first, if the ring still holds it. */
static void
ring_get(const struct origins *o, uint64_t ord, struct dedupe_para *p)
{
	const struct ring_id *r = &o->ring[ord % ID_RING];

	if (r->ord == ord && r->s != NULL) {
		p->first = r->s;
		p->first_len = r->len;
	}
}

void
origins_get(const struct origins *o, uint64_t tag, struct dedupe_para *p)
{
	const struct origin *s;

	p->first = NULL;
	p->first_len = 0;
	if (o == NULL)
		return;
	s = slot(o, tag);
	if (s->ord != 0 && s->tag == tag)
		ring_get(o, s->ord, p);
}

void
origins_remember(struct origins *o, uint64_t ord, const char *id, size_t idlen)
{
	struct ring_id *r;

	if (o == NULL)
		return;
	r = &o->ring[ord % ID_RING];
	r->ord = ord;
	if (idlen > ID_MAX || id == NULL) {
		r->ord = 0;
		return;
	}
	r->s = xreserve(r->s, &r->cap, idlen + 1, 1);
	memcpy(r->s, id, idlen);
	r->s[idlen] = '\0';
	r->len = idlen;
}

void
origins_self(const struct origins *o, uint64_t ord, struct dedupe_para *p)
{
	p->first = NULL;
	p->first_len = 0;
	if (o != NULL)
		ring_get(o, ord, p);
}
