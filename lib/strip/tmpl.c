/* tmpl: site templates, the lines that recur across a stream's documents. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "core/buf.h"
#include "core/parakey.h"
#include "core/state.h"
#include "core/util.h"
#include "strip/internal.h"

#define TMPL_DEFAULT_LINES ((size_t)4 << 20)
#define TMPL_MIN_SLOTS 1024

/* A slot: key 0 is empty (a real 0 key is stored as 1). */
struct slot {
	uint64_t key;
	uint32_t docs;		/* documents that held the line */
	uint32_t doc;		/* the last document counted, to count once */
};

struct tmpl {
	struct slot *slot;
	size_t cap;		/* a power of two */
	size_t n;
	size_t max_lines;
	uint32_t doc;		/* the current document */
	int changed;
	unsigned char secret[XXH3_SECRET_DEFAULT_SIZE];
	struct buf key;		/* scratch for para_key */
};

struct tmpl *
tmpl_new(const unsigned char *seed, size_t max_lines)
{
	struct tmpl *t = xcalloc(1, sizeof *t);

	XXH3_generateSecret(t->secret, sizeof t->secret, seed,
	    STATE_SEED_SIZE);
	t->max_lines = max_lines ? max_lines : TMPL_DEFAULT_LINES;
	t->cap = TMPL_MIN_SLOTS;
	t->slot = xcalloc(t->cap, sizeof *t->slot);
	t->doc = 1;
	return t;
}

void
tmpl_free(struct tmpl *t)
{
	if (t == NULL)
		return;
	free(t->slot);
	buf_release(&t->key);
	free(t);
}

size_t
tmpl_lines(const struct tmpl *t)
{
	return t->n;
}

int
tmpl_changed(const struct tmpl *t)
{
	return t->changed;
}

void
tmpl_doc(struct tmpl *t)
{
	if (++t->doc == 0)
		t->doc = 1;	/* 0 marks a slot no document counted yet */
}

/* The slot of 'key', or the empty slot where it would go. */
static struct slot *
find(struct slot *v, size_t cap, uint64_t key)
{
	size_t i = (size_t)(key * 0x9E3779B97F4A7C15u >> 17) & (cap - 1);

	while (v[i].key != 0 && v[i].key != key)
		i = (i + 1) & (cap - 1);
	return &v[i];
}

static void
rehash(struct tmpl *t, size_t cap, uint32_t min_docs)
{
	struct slot *v = xcalloc(cap, sizeof *v);
	size_t i, n = 0;

	for (i = 0; i < t->cap; i++)
		if (t->slot[i].key != 0 && t->slot[i].docs >= min_docs) {
			*find(v, cap, t->slot[i].key) = t->slot[i];
			n++;
		}
	free(t->slot);
	t->slot = v;
	t->cap = cap;
	t->n = n;
}

/*
 * Make room for one more line: grow at 70% full; at the limit forget the
 * lines held by the fewest documents (those seen once, then twice...)
 * until a quarter of the room is free.
 */
static void
make_room(struct tmpl *t)
{
	uint32_t least = 2;

	if (t->n < t->max_lines && 10 * (t->n + 1) <= 7 * t->cap)
		return;
	if (t->n < t->max_lines) {
		rehash(t, t->cap * 2, 0);
		return;
	}
	while (t->n > t->max_lines - t->max_lines / 4 && least < UINT32_MAX) {
		rehash(t, t->cap, least);
		least = least < UINT32_MAX / 2 ? least * 2 : UINT32_MAX;
	}
}

static uint64_t
line_key(struct tmpl *t, const char *s, size_t len)
{
	uint64_t key;
	int blank;
	size_t i;

	buf_reset(&t->key);
	para_key(s, len, &t->key, &blank);
	/* "Copyright 2019" and "Copyright 2020" are one template. */
	for (i = 0; i < t->key.len; i++)
		if (t->key.data[i] >= '1' && t->key.data[i] <= '9')
			t->key.data[i] = '0';
	key = XXH3_64bits_withSecret(t->key.data ? t->key.data : "",
	    t->key.len, t->secret, sizeof t->secret);
	return key ? key : 1;
}

uint32_t
tmpl_seen(struct tmpl *t, const char *s, size_t len)
{
	uint64_t key = line_key(t, s, len);
	struct slot *sl = find(t->slot, t->cap, key);

	if (sl->key == 0) {
		make_room(t);
		sl = find(t->slot, t->cap, key);
		sl->key = key;
		sl->docs = 0;
		sl->doc = 0;
		t->n++;
	}
	if (sl->doc != t->doc) {
		sl->doc = t->doc;
		if (sl->docs < UINT32_MAX)
			sl->docs++;
		t->changed = 1;
	}
	return sl->docs;
}

int
tmpl_load(struct tmpl *t, struct state *st)
{
	struct state_reader rd;
	uint64_t n, i;

	if (state_load(st, &rd) == 0)
		return 0;
	if (state_kind_version(st) != TMPL_VERSION) {
		warnx("state '%s' holds templates of version %u, not %u",
		    state_path(st), state_kind_version(st), TMPL_VERSION);
		state_unload(st);
		return -1;
	}
	n = state_get_u64(&rd);
	if (rd.bad || (uint64_t)(rd.end - rd.p) != n * 12) {
		state_unload(st);
		return state_bad(st, "template payload size does not match "
		    "its count");
	}
	for (i = 0; i < n; i++) {
		uint64_t key = state_get_u64(&rd);
		uint32_t docs = state_get_u32(&rd);
		struct slot *sl;

		if (key == 0 || docs == 0) {
			state_unload(st);
			return state_bad(st, "empty template entry");
		}
		sl = find(t->slot, t->cap, key);
		if (sl->key == 0) {
			make_room(t);
			sl = find(t->slot, t->cap, key);
			sl->key = key;
			sl->docs = 0;
			sl->doc = 0;
			t->n++;
		}
		sl->docs = UINT32_MAX - sl->docs < docs ? UINT32_MAX :
		    sl->docs + docs;
	}
	state_unload(st);
	return 0;
}

int
tmpl_save(struct tmpl *t, struct state *st)
{
	struct state_writer *w;
	size_t i;

	w = state_save_begin(st, 8 + (uint64_t)t->n * 12, TMPL_VERSION);
	if (w == NULL)
		return -1;
	if (state_put_u64(w, t->n) < 0)
		goto fail;
	for (i = 0; i < t->cap; i++)
		if (t->slot[i].key != 0 &&
		    (state_put_u64(w, t->slot[i].key) < 0 ||
		    state_put_u32(w, t->slot[i].docs) < 0))
			goto fail;
	return state_save_commit(w);
fail:
	state_save_abort(w);
	return -1;
}
