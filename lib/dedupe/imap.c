/* imap: capped multimap of 32-bit keys, linear probing. */
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "core/util.h"
#include "dedupe/internal.h"

#define MIN_SLOTS 64

/* A slot holds value + 1, so that zeroed memory (calloc's fresh pages,
 * which the kernel hands out without anyone writing them) is empty. */
struct slot {
	uint32_t key;
	uint32_t val1;
};

struct imap {
	struct slot *s;
	size_t n;		/* slots */
	size_t count;
	size_t limit;		/* grow at this count (80%) */
	unsigned cap;
	uint64_t salt[2];	/* per map: where keys go is not predictable */
};

static void
alloc_slots(struct imap *m, size_t n)
{
	if (n < MIN_SLOTS)
		n = MIN_SLOTS;
	if (n > SIZE_MAX / sizeof(struct slot))
		out_of_memory();
	m->s = xbigalloc(n * sizeof(struct slot));
	m->n = n;
	m->limit = n / 10 * 8;
	m->count = 0;
}

struct imap *
imap_new(unsigned cap)
{
	struct imap *m = xcalloc(1, sizeof *m);

	m->cap = cap ? cap : 1;
	alloc_slots(m, MIN_SLOTS);
	if (getrandom(m->salt, sizeof m->salt, GRND_NONBLOCK) != sizeof m->salt) {
		m->salt[0] = (uint64_t)time(NULL) * 0x9E3779B97F4A7C15ULL;
		m->salt[1] = (uint64_t)(uintptr_t)m * 0xD6E8FEB86659FD93ULL;
	}
	m->salt[1] |= 1;
	return m;
}

void
imap_free(struct imap *m)
{
	if (m == NULL)
		return;
	xbigfree(m->s, m->n * sizeof(struct slot));
	free(m);
}

/*
 * The home slot: a salted multiply-shift of the key (a universal hash, so
 * keys someone chose cannot be sent to one cluster), mapped onto [0, n).
 */
static inline size_t
home(const struct imap *m, uint32_t key)
{
	uint64_t h = (((uint64_t)key ^ m->salt[0]) * m->salt[1]) >> 32;

	return (size_t)((h * m->n) >> 32);
}

/* Store without checks: the table has room. */
static void
put(struct imap *m, uint32_t key, uint32_t val1)
{
	size_t i = home(m, key);

	while (m->s[i].val1 != 0)
		i = i + 1 == m->n ? 0 : i + 1;
	m->s[i].key = key;
	m->s[i].val1 = val1;
	m->count++;
}

static void
grow(struct imap *m)
{
	struct slot *old = m->s;
	size_t oldn = m->n;

	alloc_slots(m, oldn + oldn / 2);
	for (size_t i = 0; i < oldn; i++)
		if (old[i].val1 != 0)
			put(m, old[i].key, old[i].val1);
	xbigfree(old, oldn * sizeof(struct slot));
}

int
imap_add(struct imap *m, uint32_t key, uint32_t val)
{
	size_t i = home(m, key);
	unsigned have = 0;

	if (val == UINT32_MAX)
		return 0;
	for (; m->s[i].val1 != 0; i = i + 1 == m->n ? 0 : i + 1)
		if (m->s[i].key == key && ++have >= m->cap)
			return 0;
	if (m->count + 1 > m->limit) {
		grow(m);
		put(m, key, val + 1);
	} else {
		m->s[i].key = key;
		m->s[i].val1 = val + 1;
		m->count++;
	}
	return 1;
}

size_t
imap_get(const struct imap *m, uint32_t key, uint32_t *vals, size_t max)
{
	size_t i = home(m, key), n = 0;

	for (; m->s[i].val1 != 0 && n < max; i = i + 1 == m->n ? 0 : i + 1)
		if (m->s[i].key == key)
			vals[n++] = m->s[i].val1 - 1;
	return n;
}

void
imap_prefetch(const struct imap *m, uint32_t key)
{
	__builtin_prefetch(&m->s[home(m, key)]);
}

void
imap_clear(struct imap *m)
{
	/* A table grown for one huge record shrinks back, or every later
	 * clear would pay for its size. */
	if (m->n > 4096 && m->count < m->n / 8) {
		size_t want = m->count * 2;

		xbigfree(m->s, m->n * sizeof(struct slot));
		alloc_slots(m, want);
		return;
	}
	memset(m->s, 0, m->n * sizeof(struct slot));
	m->count = 0;
}

size_t
imap_count(const struct imap *m)
{
	return m->count;
}

size_t
imap_bytes(const struct imap *m)
{
	return m->n * sizeof(struct slot) + sizeof *m;
}

int
imap_next(const struct imap *m, size_t *pos, uint32_t *key, uint32_t *val)
{
	while (*pos < m->n) {
		const struct slot *s = &m->s[(*pos)++];

		if (s->val1 != 0) {
			*key = s->key;
			*val = s->val1 - 1;
			return 1;
		}
	}
	return 0;
}
