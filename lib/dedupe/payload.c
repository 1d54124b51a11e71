/*
 * payload: what a state remembers for dedupe — loading it, saving it, and
 * merging the states of shards.
 */
#include <stdlib.h>
#include <string.h>
#include <endian.h>
#include <sys/stat.h>

#include "core/util.h"
#include "dedupe/internal.h"

/* What a state keeps (payload flags). */
enum {
	PAYLOAD_BLOOM = 1 << 0,
	PAYLOAD_NEAR = 1 << 1,	/* a signature per paragraph */
	PAYLOAD_FP = 1 << 2	/* containment fingerprints */
};

/*
 * State payload (integers little-endian).  Version 1, exact keys only:
 *	u32 flags (PAYLOAD_*, no NEAR nor FP), u32 MINHASH_K,
 *	u32 MINHASH_SHINGLE, u32 WINNOW_WINDOW, u64 records and u64
 *	paragraphs seen in all runs;
 *	Bloom: u64 blocks, u64 keys, blocks * 8 u64 words;
 *	else:  u64 keys, keys * (u64 lo, u64 hi);
 *	u64 0.
 * Version 2, a paragraph table (near signatures, fingerprints or both):
 *	the same six fields; u32 bands, u32 rows, u32 the --near the banding
 *	was chosen for, in thousandths (0 without signatures);
 *	u64 n paragraphs, in the order they were first seen;
 *	n * u64 key hash low halves, n * u32 32 bits of their high halves;
 *	near: n * MINHASH_SIG signature bytes, n * bands u32 band keys;
 *	fp:   n fingerprint counts (u8), u64 total, total * u32 fingerprints.
 * Loading adds the paragraphs in order through dedupe_remember(), as the
 * run that saw them did: several states loaded one after another (shards,
 * oldest first) build what one run over all of them built.  (Format 1
 * kept near states as 8-bit signatures without band keys; such a state
 * cannot be read into this table and is refused.)
 */

static unsigned
payload_flags(const struct dedupe *d)
{
	return (d->bloom ? PAYLOAD_BLOOM : 0) |
	    (d->near_index ? PAYLOAD_NEAR : 0) |
	    (d->fp_index ? PAYLOAD_FP : 0);
}

static const char *
describe(unsigned flags)
{
	switch (flags & (PAYLOAD_NEAR | PAYLOAD_FP)) {
	case 0: return "exact keys only";
	case PAYLOAD_NEAR: return "near-duplicate signatures";
	case PAYLOAD_FP: return "containment fingerprints";
	default: return "near-duplicate signatures and containment fingerprints";
	}
}

/* Switch to Bloom filtering with the filter 'b', moving exact keys into it. */
static void
become_bloom(struct dedupe *d, struct bloom *b)
{
	struct hkey k;
	size_t pos = 0;

	while (d->set && hset_next(d->set, &pos, &k))
		bloom_add(b, k);
	hset_free(d->set);
	d->set = NULL;
	d->bloom = b;
}

/* The Bloom filter of a format-1 state into 'd'; 0 or -1. */
static int
load_bloom(struct dedupe *d, struct state *st, struct state_reader *rd)
{
	uint64_t nblocks = state_get_u64(rd), count = state_get_u64(rd);
	const void *bits;
	struct bloom *b;

	if (nblocks == 0 || nblocks > SIZE_MAX / BLOOM_BLOCK_BYTES ||
	    (bits = state_get_bytes(rd, nblocks * BLOOM_BLOCK_BYTES)) == NULL)
		return state_bad(st, "bad Bloom filter");
	b = bloom_from_bits(bits, nblocks, count);
	if (d->bloom != NULL && d->loads == 1 && bloom_count(d->bloom) == 0) {
		/* --memory with a Bloom state: the state's filter wins. */
		if (bloom_blocks(b) != bloom_blocks(d->bloom))
			warnx("--memory ignored: state '%s' holds a Bloom filter of %llu bytes",
			    state_path(st), (unsigned long long)nblocks * BLOOM_BLOCK_BYTES);
		bloom_free(d->bloom);
		d->bloom = b;
	} else if (d->bloom == NULL) {
		become_bloom(d, b);
	} else if (bloom_merge(d->bloom, b) < 0) {
		bloom_free(b);
		warnx("state '%s' has a Bloom filter of another size (%llu bytes, not %llu)",
		    state_path(st), (unsigned long long)nblocks * BLOOM_BLOCK_BYTES,
		    (unsigned long long)bloom_blocks(d->bloom) * BLOOM_BLOCK_BYTES);
		return -1;
	} else {
		bloom_free(b);
	}
	return 0;
}

/*
 * The banding of a format-2 state: the first state's is adopted; a run
 * whose --near needs more bands than the state keeps, and a state of
 * another banding than the first, are refused.  0 or -1.
 */
static int
take_banding(struct dedupe *d, struct state *st, int first, uint32_t bands,
    uint32_t rows, uint32_t made_for)
{
	double j = made_for / 1000.0;

	if (bands > MINHASH_K || rows > MINHASH_K || bands * rows > MINHASH_K ||
	    (bands > 0) != (rows > 0) || made_for > 1000)
		return state_bad(st, "bad LSH banding");
	if (first) {
		if (bands > 0 && d->o.near > 0 && d->o.near < j - 1e-9 &&
		    minhash_lsh_prob((int)bands, (int)rows, d->o.near) < 0.99) {
			warnx("state '%s' was made for --near %.2f: its LSH bands miss "
			    "pairs of similarity %.2f; make a new state for that",
			    state_path(st), j, d->o.near);
			return -1;
		}
		if (d->pt == NULL || d->pt->n == 0)
			dedupe_use_ptab(d, (int)bands, (int)rows, j);
		return 0;
	}
	if ((int)bands != d->bands || (int)rows != d->rows) {
		warnx("state '%s' was made for --near %.2f, the first state for "
		    "--near %.2f: their signatures cannot be compared",
		    state_path(st), j, d->made_for);
		return -1;
	}
	return 0;
}

/* The paragraph table of a format-2 state, added in order; 0 or -1. */
static int
load_table(struct dedupe *d, struct state *st, struct state_reader *rd,
    unsigned flags)
{
	uint64_t n = state_get_u64(rd), total = 0, i;
	const unsigned char *keys, *khi, *sigs = NULL, *bkeys = NULL, *nfp = NULL;
	const unsigned char *fps = NULL;
	size_t nb = (size_t)d->bands, off = 0;
	uint32_t bk[MINHASH_K], fp[255];

	if (n > (uint64_t)(rd->end - rd->p) / PTAB_KEY_BYTES ||
	    (keys = state_get_bytes(rd, n * 8)) == NULL ||
	    (khi = state_get_bytes(rd, n * 4)) == NULL)
		return state_bad(st, "paragraph count beyond the end");
	if (flags & PAYLOAD_NEAR) {
		if ((sigs = state_get_bytes(rd, n * MINHASH_SIG)) == NULL ||
		    n > (uint64_t)(rd->end - rd->p) / 4 / (nb ? nb : 1) ||
		    (bkeys = state_get_bytes(rd, n * nb * 4)) == NULL)
			return state_bad(st, "signatures beyond the end");
	}
	if (flags & PAYLOAD_FP) {
		if ((nfp = state_get_bytes(rd, n)) == NULL)
			return state_bad(st, "fingerprint counts beyond the end");
		total = state_get_u64(rd);
		if (total > (uint64_t)(rd->end - rd->p) / 4 ||
		    (fps = state_get_bytes(rd, total * 4)) == NULL)
			return state_bad(st, "fingerprints beyond the end");
		for (i = 0, off = 0; i < n; i++)
			off += nfp[i];
		if (off != total)
			return state_bad(st, "fingerprint counts do not add up");
		off = 0;
	}
	if (rd->bad || rd->p != rd->end)
		return state_bad(st, rd->bad ? "payload too short" :
		    "bytes after the payload");
	/* The tables are sized once, not grown step by step. */
	if (n <= SIZE_MAX - d->pt->n)
		ptab_reserve(d->pt, d->pt->n + (size_t)n);
	for (i = 0; i < n; i++) {
		struct hkey k;
		size_t m = nfp ? nfp[i] : 0;
		uint32_t hi;

		memcpy(&k.lo, keys + i * 8, 8);
		memcpy(&hi, khi + i * 4, 4);
		k.lo = le64toh(k.lo);
		k.hi = le32toh(hi);
		for (size_t b = 0; bkeys && b < nb; b++) {
			memcpy(&bk[b], bkeys + (i * nb + b) * 4, 4);
			bk[b] = le32toh(bk[b]);
		}
		for (size_t j = 0; j < m; j++) {
			memcpy(&fp[j], fps + (off + j) * 4, 4);
			fp[j] = le32toh(fp[j]);
		}
		off += m;
		dedupe_remember(d, k, sigs ? sigs + i * MINHASH_SIG : NULL, bk,
		    fp, m);
	}
	return 0;
}

int
dedupe_load(struct dedupe *d, struct state *st)
{
	struct state_reader rd;
	unsigned flags, version;
	uint64_t n, i;
	int changed = d->changed;	/* what is loaded is not news */
	int first;

	if (state_load(st, &rd) == 0)
		return 0;
	if (memcmp(state_seed(st), d->seed, STATE_SEED_SIZE) != 0) {
		warnx("state '%s' has another seed: only states grown from one "
		    "state (copies of one empty state) can be merged", state_path(st));
		return -1;
	}
	version = state_kind_version(st);
	if (version != 1 && version != DEDUPE_VERSION) {
		warnx("state '%s' has dedupe format %u; this winnow reads 1 and %u",
		    state_path(st), version, DEDUPE_VERSION);
		return -1;
	}
	flags = state_get_u32(&rd);
	if (state_get_u32(&rd) != MINHASH_K ||
	    state_get_u32(&rd) != MINHASH_SHINGLE ||
	    state_get_u32(&rd) != WINNOW_WINDOW)
		return rd.bad ? state_bad(st, "payload too short") :
		    state_bad(st, "unknown near-duplicate parameters");
	if (version == 1 && (flags & (PAYLOAD_NEAR | PAYLOAD_FP))) {
		warnx("state '%s' keeps %s as an older winnow did (dedupe format 1); "
		    "make a new state", state_path(st), describe(flags));
		return -1;
	}
	if (version == 2 && ((flags & PAYLOAD_BLOOM) ||
	    !(flags & (PAYLOAD_NEAR | PAYLOAD_FP))))
		return state_bad(st, "bad payload flags");
	/*
	 * The indexes a state keeps are fixed when it is made: a run that
	 * does not query them still keeps them up to date.
	 */
	first = d->loads++ == 0;
	if (first && (flags & PAYLOAD_FP) && !d->fp_index) {
		d->fp_index = 1;
		if (d->pt)
			d->pt->fps = 1;
	}
	if (first && (flags & PAYLOAD_NEAR))
		d->near_index = 1;
	if ((flags & (PAYLOAD_NEAR | PAYLOAD_FP)) != (payload_flags(d) &
	    (PAYLOAD_NEAR | PAYLOAD_FP))) {
		warnx("state '%s' keeps %s, but this run needs %s (a state keeps "
		    "the indexes it was made with)", state_path(st),
		    describe(flags), describe(payload_flags(d)));
		return -1;
	}
	d->records_before += state_get_u64(&rd);
	d->paragraphs_before += state_get_u64(&rd);

	if (version == 2) {
		uint32_t bands = state_get_u32(&rd), rows = state_get_u32(&rd);
		uint32_t made_for = state_get_u32(&rd);

		if ((flags & PAYLOAD_NEAR) ? bands == 0 : bands != 0)
			return state_bad(st, "bad LSH banding");
		if (take_banding(d, st, first, bands, rows, made_for) < 0 ||
		    load_table(d, st, &rd, flags) < 0)
			return -1;
	} else if (flags & PAYLOAD_BLOOM) {
		if (load_bloom(d, st, &rd) < 0)
			return -1;
		if (state_get_u64(&rd) != 0)
			return state_bad(st, "paragraph numbers in an exact state");
	} else {
		n = state_get_u64(&rd);
		if (n > (uint64_t)(rd.end - rd.p) / 16)
			return state_bad(st, "key count beyond the end");
		if (d->set && hset_count(d->set) == 0) {
			hset_free(d->set);
			d->set = hset_new((size_t)n);
		}
		for (i = 0; i < n; i++) {
			struct hkey k;

			k.lo = state_get_u64(&rd);
			k.hi = state_get_u64(&rd);
			dedupe_remember(d, k, NULL, NULL, NULL, 0);
		}
		if (state_get_u64(&rd) != 0)
			return state_bad(st, "paragraph numbers in an exact state");
	}
	if (rd.bad)
		return state_bad(st, "payload too short");
	if (rd.p != rd.end)
		return state_bad(st, "bytes after the payload");
	state_unload(st);
	d->changed = changed;
	return 0;
}

int
dedupe_save(struct dedupe *d, struct state *st)
{
	struct state_writer *w;
	const struct ptab *t = d->pt;
	uint64_t len = 4 * 4 + 8 * 2;
	size_t pos = 0;

	if (t) {
		len += 4 * 3 + 8 + (uint64_t)t->n * PTAB_KEY_BYTES;
		if (t->bands > 0)
			len += (uint64_t)t->n * (MINHASH_SIG + 4 * (uint64_t)t->bands);
		if (t->fps)
			len += (uint64_t)t->n + 8 + (uint64_t)t->nfps * 4;
	} else if (d->bloom) {
		len += 16 + bloom_blocks(d->bloom) * BLOOM_BLOCK_BYTES + 8;
	} else {
		len += 8 + (uint64_t)hset_count(d->set) * 16 + 8;
	}

	if ((w = state_save_begin(st, len, t ? DEDUPE_VERSION : 1)) == NULL)
		return -1;
	state_put_u32(w, payload_flags(d));
	state_put_u32(w, MINHASH_K);
	state_put_u32(w, MINHASH_SHINGLE);
	state_put_u32(w, WINNOW_WINDOW);
	state_put_u64(w, d->records_before + d->st.records);
	state_put_u64(w, d->paragraphs_before + d->st.paragraphs);
	if (t) {
		state_put_u32(w, (uint32_t)t->bands);
		state_put_u32(w, (uint32_t)t->rows);
		state_put_u32(w, t->bands > 0 ?
		    (uint32_t)(d->made_for * 1000 + 0.5) : 0);
		state_put_u64(w, t->n);
		for (size_t i = 0; i < t->n; i++)
			state_put_u64(w, t->klo[i]);
		for (size_t i = 0; i < t->n; i++)
			state_put_u32(w, t->khi[i]);
		if (t->bands > 0) {
			state_put(w, t->sigs, t->n * MINHASH_SIG);
			for (size_t i = 0; i < t->n * (size_t)t->bands; i++)
				state_put_u32(w, t->bkeys[i]);
		}
		if (t->fps) {
			state_put(w, t->nfp, t->n);
			state_put_u64(w, t->nfps);
			for (size_t i = 0; i < t->nfps; i++)
				state_put_u32(w, t->fp[i]);
		}
	} else if (d->bloom) {
		const uint64_t *bits = bloom_bits(d->bloom);

		state_put_u64(w, bloom_blocks(d->bloom));
		state_put_u64(w, bloom_count(d->bloom));
		for (uint64_t i = 0; i < bloom_blocks(d->bloom) * 8; i++)
			state_put_u64(w, bits[i]);
		state_put_u64(w, 0);
	} else {
		struct hkey k;

		state_put_u64(w, hset_count(d->set));
		while (hset_next(d->set, &pos, &k)) {
			state_put_u64(w, k.lo);
			state_put_u64(w, k.hi);
		}
		state_put_u64(w, 0);
	}
	return state_save_commit(w);
}

/* Whether 'a' and 'b' name one existing file. */
static int
same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
	    sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

int
dedupe_merge_files(char *const *inputs, int n, const char *output,
    double wait, struct dedupe_stats *stats)
{
	static const struct dedupe_opts none;
	unsigned char seed[STATE_SEED_SIZE];
	struct state *out = NULL;
	struct dedupe *d = NULL;
	int rc, i;

	if ((rc = state_open(&out, output, DEDUPE_KIND, 0, wait)) != STATE_OK)
		return rc;
	for (i = 0; i < n; i++) {
		struct state *in = out;

		/* The output may be one of the inputs: it is open already. */
		if (strcmp(output, "-") == 0 || !same_file(inputs[i], output)) {
			rc = state_open(&in, inputs[i], DEDUPE_KIND,
			    STATE_READ_ONLY | STATE_MUST_EXIST, wait);
			if (rc != STATE_OK)
				goto done;
		}
		if (d == NULL) {
			memcpy(seed, state_seed(in), sizeof seed);
			d = dedupe_new(&none, seed);
		}
		rc = dedupe_load(d, in) < 0 ? STATE_BAD : STATE_OK;
		if (in != out)
			state_close(in);
		if (rc != STATE_OK)
			goto done;
	}
	if (d == NULL) {
		warnx("--merge needs at least one state to read");
		rc = STATE_IOERR;
		goto done;
	}
	if (state_set_seed(out, seed) < 0 || dedupe_save(d, out) < 0)
		rc = STATE_IOERR;
	else if (stats)
		dedupe_stats(d, stats);
done:
	dedupe_free(d);
	state_close(out);
	return rc;
}
