/* ner model: the model file, checked once and then used in place. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xxhash.h>

#include "core/util.h"
#include "ner/internal.h"

#define MAGIC "WNNERMDL"
#define HEADER 1408
#define SLOT 32
#define SLOTS 4			/* per bucket */
#define BUCKET (SLOT * SLOTS)
#define MAX_BUCKETS (1u << 24)

struct nermodel {
	const unsigned char *p;	/* the file */
	size_t len;
	void *owned;		/* what to free, when we read the file */
	int lang;
	size_t nfeat;
	const unsigned char *table;
	size_t nbuckets;
	int32_t trans[NER_NTAGS * NER_NTAGS];
	int32_t start[NER_NTAGS];
	struct gaz *gaz;	/* built from the block on first use */
	const unsigned char *gazp;
	size_t gazlen;
	const char *note;
	size_t note_len;
	uint64_t *present;	/* a bit per low fingerprint bits in use */
};



static uint32_t
get32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static uint64_t
get64(const unsigned char *p)
{
	return (uint64_t)get32(p) | (uint64_t)get32(p + 4) << 32;
}

static int16_t
get16s(const unsigned char *p)
{
	return (int16_t)(uint16_t)(p[0] | p[1] << 8);
}

static void
put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
}

static void
put64(unsigned char *p, uint64_t v)
{
	put32(p, (uint32_t)v);
	put32(p + 4, (uint32_t)(v >> 32));
}

static void
put16(unsigned char *p, int16_t v)
{
	p[0] = (unsigned char)((uint16_t)v & 0xff);
	p[1] = (unsigned char)((uint16_t)v >> 8);
}

static inline uint32_t
fingerprint(uint64_t key)
{
	uint32_t fp = (uint32_t)key & 0xffffff;

	return fp ? fp : 1;
}

/*
 * Most features of a unit (rare n-grams, word tails) are not in the model,
 * and looking each up in a table of megabytes costs a cache miss.  A
 * bitmap of 2^20 bits, set from the fingerprints once at load (128 KiB,
 * which stays in cache), turns most of those lookups away.
 */
#define PRESENT_BITS 20
#define PRESENT_MASK ((1u << PRESENT_BITS) - 1)

static inline int
maybe_present(const struct nermodel *m, uint64_t key)
{
	uint32_t k = fingerprint(key) & PRESENT_MASK;

	return (int)((m->present[k >> 6] >> (k & 63)) & 1);
}

static void
fill_present(struct nermodel *m)
{
	size_t i;
	const unsigned char *s = m->table;

	m->present = xcalloc((1u << PRESENT_BITS) / 64, sizeof *m->present);
	for (i = 0; i < m->nbuckets * SLOTS; i++, s += SLOT) {
		uint32_t f = ((uint32_t)s[0] | (uint32_t)s[1] << 8 |
		    (uint32_t)s[2] << 16) & PRESENT_MASK;

		m->present[f >> 6] |= (uint64_t)1 << (f & 63);
	}
}

struct nermodel *
nermodel_open(const void *bytes, size_t len, const char *name)
{
	const unsigned char *p = bytes;
	struct nermodel *m;
	uint64_t size, sum;
	uint32_t v, gazlen, notelen;
	size_t tablen, i;

	if (len < 8 || memcmp(p, MAGIC, 8) != 0) {
		warnx("model '%s': not a winnow-tag model (bad magic)", name);
		return NULL;
	}
	if (len < HEADER + 8) {
		warnx("model '%s': truncated: %zu bytes", name, len);
		return NULL;
	}
	if ((v = get32(p + 8)) != NERMODEL_VERSION) {
		warnx("model '%s': format version %u, this program reads %d",
		    name, v, NERMODEL_VERSION);
		return NULL;
	}
	size = get64(p + 24);
	if (size != len) {
		warnx("model '%s': truncated: %zu of %llu bytes", name, len,
		    (unsigned long long)size);
		return NULL;
	}
	sum = XXH3_64bits(p, len - 8);
	if (sum != get64(p + len - 8)) {
		warnx("model '%s': corrupt (checksum mismatch)", name);
		return NULL;
	}
	if ((v = get32(p + 12)) != NERFEAT_VERSION) {
		warnx("model '%s': made for feature set %u, this program has %d; "
		    "retrain it", name, v, NERFEAT_VERSION);
		return NULL;
	}
	if (get32(p + 16) >= NER_NLANGS || get32(p + 20) != NER_NTAGS ||
	    get32(p + 32) == 0 || get32(p + 32) > MAX_BUCKETS ||
	    get32(p + 36) >= (uint64_t)get32(p + 32) * SLOTS) {
		warnx("model '%s': corrupt (bad header)", name);
		return NULL;
	}
	tablen = (size_t)BUCKET * get32(p + 32);
	gazlen = get32(p + 44);
	notelen = get32(p + 48);
	if ((uint64_t)HEADER + tablen + gazlen + notelen + 8 != len) {
		warnx("model '%s': corrupt (section sizes do not add up)", name);
		return NULL;
	}
	m = xcalloc(1, sizeof *m);
	m->p = p;
	m->len = len;
	m->lang = (int)get32(p + 16);
	m->nbuckets = get32(p + 32);
	m->nfeat = get32(p + 36);
	m->table = p + HEADER;
	for (i = 0; i < NER_NTAGS * NER_NTAGS; i++)
		m->trans[i] = get16s(p + 56 + 2 * i);
	for (i = 0; i < NER_NTAGS; i++)
		m->start[i] = get16s(p + 56 + 2 * (NER_NTAGS * NER_NTAGS + i));
	/*
	 * The gazetteer's trie is built when a text of the model's language
	 * first comes (tens of thousands of names: most of the start-up), but
	 * its block is checked now, so a bad one is refused at once.
	 */
	m->gazp = p + HEADER + tablen;
	m->gazlen = gazlen;
	if (gaz_check(m->gazp, gazlen) < 0) {
		warnx("model '%s': corrupt (gazetteer)", name);
		nermodel_free(m);
		return NULL;
	}
	m->note = (const char *)p + HEADER + tablen + gazlen;
	m->note_len = notelen;
	fill_present(m);
	return m;
}

struct nermodel *
nermodel_load(const char *path)
{
	struct nermodel *m;
	struct stat st;
	unsigned char *p;
	size_t got = 0;
	ssize_t r;
	int fd;

	if ((fd = open(path, O_RDONLY)) < 0) {
		warnp("cannot open model '%s'", path);
		return NULL;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		if (errno == 0 || S_ISDIR(st.st_mode))
			errno = EISDIR;
		warnp("cannot read model '%s'", path);
		close(fd);
		return NULL;
	}
	/* 8-byte alignment is not needed (every field is read bytewise) */
	p = xmalloc((size_t)st.st_size + 1);
	while (got < (size_t)st.st_size &&
	    (r = read(fd, p + got, (size_t)st.st_size - got)) != 0) {
		if (r < 0) {
			if (errno == EINTR)
				continue;
			warnp("cannot read model '%s'", path);
			free(p);
			close(fd);
			return NULL;
		}
		got += (size_t)r;
	}
	close(fd);
	if (!(m = nermodel_open(p, got, path))) {
		free(p);
		return NULL;
	}
	m->owned = p;
	return m;
}

struct nermodel *
nermodel_open_copy(const void *bytes, size_t len, const char *name)
{
	unsigned char *p = xmalloc(len + 1);
	struct nermodel *m;

	memcpy(p, bytes, len);
	if (!(m = nermodel_open(p, len, name))) {
		free(p);
		return NULL;
	}
	m->owned = p;
	return m;
}

void
nermodel_free(struct nermodel *m)
{
	if (!m)
		return;
	gaz_free(m->gaz);
	free(m->present);
	free(m->owned);
	free(m);
}

int
nermodel_lang(const struct nermodel *m)
{
	return m->lang;
}

const struct gaz *
nermodel_gaz(struct nermodel *m)
{
	if (!m->gaz) {
		m->gaz = gaz_new();
		/* gaz_check passed: this cannot fail */
		gaz_read(m->gaz, m->gazp, m->gazlen);
	}
	return m->gaz;
}

size_t
nermodel_features(const struct nermodel *m)
{
	return m->nfeat;
}

size_t
nermodel_size(const struct nermodel *m)
{
	return m->len;
}

const char *
nermodel_note(const struct nermodel *m, size_t *len)
{
	*len = m->note_len;
	return m->note;
}

const int32_t *
nermodel_trans(const struct nermodel *m)
{
	return m->trans;
}

const int32_t *
nermodel_start(const struct nermodel *m)
{
	return m->start;
}

/* The bucket of a feature: the high bits of its hash, scaled. */
static inline size_t
bucket_of(uint64_t key, size_t nbuckets)
{
	return (size_t)(((key >> 32) * (uint64_t)nbuckets) >> 32);
}

/* The slot of 'key' (its weights follow the fingerprint), or NULL. */
static inline const unsigned char *
lookup(const struct nermodel *m, uint64_t key)
{
	size_t b = bucket_of(key, m->nbuckets), tries, k;
	uint32_t fp = fingerprint(key);
	const unsigned char *s;

	/*
	 * The table always has free slots, so a search ends at one; the
	 * bound only guards against a crafted file.
	 */
	for (tries = 0; tries < m->nbuckets; tries++) {
		s = m->table + b * BUCKET;
		for (k = 0; k < SLOTS; k++, s += SLOT) {
			uint32_t f = (uint32_t)s[0] | (uint32_t)s[1] << 8 |
			    (uint32_t)s[2] << 16;

			if (f == fp)
				return s;
			if (f == 0)
				return NULL;
		}
		if (++b == m->nbuckets)
			b = 0;
	}
	return NULL;
}

typedef int8_t v32i8 __attribute__((vector_size(32)));
typedef int16_t v32i16 __attribute__((vector_size(64)));

static inline void
prefetch_unit(const struct nermodel *m, const uint64_t *feat, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (maybe_present(m, feat[i]))
			__builtin_prefetch(m->table +
			    bucket_of(feat[i], m->nbuckets) * BUCKET);
}

static inline void
emit_unit(const struct nermodel *m, const uint64_t *feat, size_t n,
    int32_t *out)
{
	v32i16 acc = { 0 };
	v32i8 w;
	size_t i;
	int t;

	/*
	 * A slot is 32 bytes: the fingerprint's 3, the 25 weights and 4 zero
	 * bytes, so the whole slot is added lane by lane and lanes 0-2 are
	 * dropped.
	 * 16 bits cannot overflow: at most 127 per feature, and a unit has
	 * fewer than 200 features.
	 */
	for (i = 0; i < n; i++) {
		const unsigned char *s;

		if (!maybe_present(m, feat[i]) || !(s = lookup(m, feat[i])))
			continue;
		memcpy(&w, s, sizeof w);
		acc += __builtin_convertvector(w, v32i16);
	}
	for (t = 0; t < NER_NTAGS; t++)
		out[t] = acc[t + 3];
}

void
nermodel_emit(const struct nermodel *m, const uint64_t *feat, size_t n,
    int32_t *out)
{
	prefetch_unit(m, feat, n);
	emit_unit(m, feat, n, out);
}

void
nermodel_emit_all(const struct nermodel *m, const uint64_t *feat,
    const size_t *off, size_t n, int32_t *out)
{
	size_t i;

	/*
	 * The table is bigger than the caches: fetch the lines of the units
	 * two ahead while adding up this one, so the waits overlap.
	 */
	for (i = 0; i < n && i < 2; i++)
		prefetch_unit(m, feat + off[i], off[i + 1] - off[i]);
	for (i = 0; i < n; i++) {
		if (i + 2 < n)
			prefetch_unit(m, feat + off[i + 2],
			    off[i + 3] - off[i + 2]);
		emit_unit(m, feat + off[i], off[i + 1] - off[i],
		    out + i * NER_NTAGS);
	}
}

/* The writer. */

/*
 * One weight step is 1/64 of the largest weight.  Clipping even a few of
 * the largest weights upsets the balance between O and the entity tags
 * (cross-validation on KLUE fell by 5 points when the top 0.01% were
 * clipped), while rounding the many small weights to zero prunes the
 * model and, measured the same way, helps a little: it acts as a
 * regularizer the perceptron lacks.
 */
static double
pick_scale(const struct nermodel_spec *sp)
{
	double max = 0, v;
	size_t i;
	int t;

	for (i = 0; i < sp->nrows; i++)
		for (t = 0; t < NER_NTAGS; t++)
			if ((v = fabs(sp->rows[i].w[t])) > max)
				max = v;
	for (i = 0; i < NER_NTAGS * NER_NTAGS; i++)
		if ((v = fabs(sp->trans[i])) > max)
			max = v;
	return max > 0 ? max / 64 : 1;
}

static int
quant8(double w, double scale)
{
	double q = nearbyint(w / scale);

	return q > 127 ? 127 : q < -127 ? -127 : (int)q;
}

static int16_t
quant16(double w, double scale)
{
	double q = nearbyint(w / scale);

	return (int16_t)(q > 32767 ? 32767 : q < -32767 ? -32767 : q);
}

size_t
nermodel_write(const struct nermodel_spec *sp, struct buf *out)
{
	double scale = pick_scale(sp);
	size_t keep = 0, i, nb, tablen, at0 = out->len, k;
	unsigned char *hdr, *tab, *s;
	signed char q[NER_NTAGS];
	struct buf gz = BUF_INIT;
	float fscale = (float)scale;
	uint32_t fsbits;
	int t, big;

	/* count what survives, to size the table (load at most 0.8) */
	for (i = 0; i < sp->nrows; i++) {
		for (big = 0, t = 0; t < NER_NTAGS; t++)
			big |= fabs(sp->rows[i].w[t]) >= scale *
			    (sp->prune > 0.5 ? sp->prune : 0.5);
		keep += big;
	}
	/* half the slots stay free, so most searches end in one bucket */
	nb = keep / 2 + 1;
	if (nb > MAX_BUCKETS) {
		warnx("model too large: %zu features (at most %zu): raise "
		    "--min-count or --prune", keep, (size_t)MAX_BUCKETS * 2);
		return (size_t)-1;
	}
	tablen = nb * BUCKET;

	buf_grow(out, HEADER + tablen);
	hdr = (unsigned char *)out->data + at0;
	memset(hdr, 0, HEADER + tablen);
	out->len += HEADER + tablen;
	tab = hdr + HEADER;
	keep = 0;
	for (i = 0; i < sp->nrows; i++) {
		const struct nermodel_row *r = &sp->rows[i];
		size_t b = bucket_of(r->key, nb);
		uint32_t fp = fingerprint(r->key);

		for (big = 0, t = 0; t < NER_NTAGS; t++) {
			q[t] = (signed char)quant8(r->w[t], scale);
			big |= fabs(r->w[t]) >= scale *
			    (sp->prune > 0.5 ? sp->prune : 0.5);
		}
		if (!big)
			continue;
		for (;;) {
			for (k = 0, s = tab + b * BUCKET; k < SLOTS; k++, s += SLOT)
				if (s[0] == 0 && s[1] == 0 && s[2] == 0)
					break;
			if (k < SLOTS)
				break;
			if (++b == nb)
				b = 0;
		}
		s[0] = (unsigned char)fp;
		s[1] = (unsigned char)(fp >> 8);
		s[2] = (unsigned char)(fp >> 16);
		memcpy(s + 3, q, NER_NTAGS);
		keep++;
	}
	memcpy(hdr, MAGIC, 8);
	put32(hdr + 8, NERMODEL_VERSION);
	put32(hdr + 12, NERFEAT_VERSION);
	put32(hdr + 16, (uint32_t)sp->lang);
	put32(hdr + 20, NER_NTAGS);
	put32(hdr + 32, (uint32_t)nb);
	put32(hdr + 36, (uint32_t)keep);
	memcpy(&fsbits, &fscale, 4);
	put32(hdr + 40, fsbits);
	for (i = 0; i < NER_NTAGS * NER_NTAGS; i++)
		put16(hdr + 56 + 2 * i, quant16(sp->trans[i], scale));
	for (i = 0; i < NER_NTAGS; i++)
		put16(hdr + 56 + 2 * (NER_NTAGS * NER_NTAGS + i),
		    quant16(sp->start[i], scale));
	if (sp->gaz)
		gaz_write(sp->gaz, &gz);
	put32(hdr + 44, (uint32_t)gz.len);
	put32(hdr + 48, sp->note ? (uint32_t)strlen(sp->note) : 0);
	if (gz.len)
		buf_add(out, gz.data, gz.len);
	if (sp->note)
		buf_addstr(out, sp->note);
	buf_release(&gz);
	buf_grow(out, 8);
	hdr = (unsigned char *)out->data + at0;
	put64(hdr + 24, out->len - at0 + 8);
	put64((unsigned char *)out->data + out->len,
	    XXH3_64bits(hdr, out->len - at0));
	out->len += 8;
	out->data[out->len] = '\0';
	return keep;
}
