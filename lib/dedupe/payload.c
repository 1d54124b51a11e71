/*
 * payload: what a state remembers for dedupe — loading it, saving it, and
 * merging the states of shards.
 */
#include <stdlib.h>
#include <string.h>
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
 * State payload, version 1 (integers little-endian):
 *	u32 flags (PAYLOAD_*), u32 MINHASH_K, u32 MINHASH_SHINGLE,
 *	u32 WINNOW_WINDOW, u64 records and u64 paragraphs seen in all runs;
 *	Bloom: u64 blocks, u64 keys, blocks * 8 u64 words;
 *	else:  u64 keys, keys * (u64 lo, u64 hi);
 *	u64 paragraph numbers given out (signatures, fingerprints);
 *	near:  numbers * MINHASH_K signature bytes;
 *	fp:    u64 pairs, pairs * (u32 fingerprint, u32 paragraph number).
 * The LSH band index is rebuilt from the signatures at load, for the
 * threshold of the run.
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

/* Index a loaded signature under the run's LSH bands. */
static void
index_bands(struct dedupe *d, uint32_t pid)
{
	const uint8_t *sig = d->sigs + (size_t)pid * MINHASH_K;

	for (int b = 0; b < d->bands; b++)
		imap_add(d->band_index, minhash_band(&d->mh, sig, b, d->rows), pid);
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

int
dedupe_load(struct dedupe *d, struct state *st)
{
	struct state_reader rd;
	unsigned flags;
	uint64_t n, i, base;
	int changed = d->changed;	/* what is loaded is not news */

	if (state_load(st, &rd) == 0)
		return 0;
	if (memcmp(state_seed(st), d->seed, STATE_SEED_SIZE) != 0) {
		warnx("state '%s' has another seed: only states grown from one "
		    "state (copies of one empty state) can be merged", state_path(st));
		return -1;
	}
	if (state_kind_version(st) != DEDUPE_VERSION) {
		warnx("state '%s' has dedupe format %u; this winnow reads %u",
		    state_path(st), state_kind_version(st), DEDUPE_VERSION);
		return -1;
	}
	flags = state_get_u32(&rd);
	if (state_get_u32(&rd) != MINHASH_K ||
	    state_get_u32(&rd) != MINHASH_SHINGLE ||
	    state_get_u32(&rd) != WINNOW_WINDOW)
		return rd.bad ? state_bad(st, "payload too short") :
		    state_bad(st, "unknown near-duplicate parameters");
	/*
	 * The indexes a state keeps are fixed when it is made: a run that
	 * does not query them still keeps them up to date.
	 */
	if (d->loads++ == 0) {
		d->near_index |= (flags & PAYLOAD_NEAR) != 0;
		d->fp_index |= (flags & PAYLOAD_FP) != 0;
	}
	if ((flags & (PAYLOAD_NEAR | PAYLOAD_FP)) != (payload_flags(d) &
	    (PAYLOAD_NEAR | PAYLOAD_FP))) {
		warnx("state '%s' keeps %s, but this run needs %s (a state keeps "
		    "the indexes it was made with)", state_path(st),
		    describe(flags), describe(payload_flags(d)));
		return -1;
	}
	d->records_before += state_get_u64(&rd);
	d->paragraphs_before += state_get_u64(&rd);

	if (flags & PAYLOAD_BLOOM) {
		uint64_t nblocks = state_get_u64(&rd), count = state_get_u64(&rd);
		const void *bits;
		struct bloom *b;

		if (nblocks == 0 || nblocks > SIZE_MAX / BLOOM_BLOCK_BYTES ||
		    (bits = state_get_bytes(&rd, nblocks * BLOOM_BLOCK_BYTES)) == NULL)
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
			dedupe_set_add(d, k);
		}
	}

	n = state_get_u64(&rd);
	base = d->nsig;
	if (n > UINT32_MAX - 1 - base)
		return state_bad(st, "too many paragraph numbers");
	if (flags & PAYLOAD_NEAR) {
		const void *sigs;

		if (n > SIZE_MAX / MINHASH_K ||
		    (sigs = state_get_bytes(&rd, n * MINHASH_K)) == NULL)
			return state_bad(st, "signatures beyond the end");
		if (n > 0) {	/* d->sigs may still be NULL */
			dedupe_grow_sigs(d, base + n);
			memcpy(d->sigs + base * MINHASH_K, sigs, n * MINHASH_K);
		}
	}
	d->nsig = base + n;
	if (d->o.near > 0)
		for (i = base; i < d->nsig; i++)
			index_bands(d, (uint32_t)i);
	if (flags & PAYLOAD_FP) {
		uint64_t pairs = state_get_u64(&rd);

		if (pairs > (uint64_t)(rd.end - rd.p) / 8)
			return state_bad(st, "fingerprint count beyond the end");
		for (i = 0; i < pairs; i++) {
			uint32_t key = state_get_u32(&rd), val = state_get_u32(&rd);

			if (val >= n)
				return state_bad(st, "fingerprint of an unknown paragraph");
			imap_add(d->fp_index_map, key, (uint32_t)(val + base));
		}
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
	uint64_t len = 4 * 4 + 8 * 2 + 8;
	size_t pos = 0;

	if (d->bloom)
		len += 16 + bloom_blocks(d->bloom) * BLOOM_BLOCK_BYTES;
	else
		len += 8 + (uint64_t)hset_count(d->set) * 16;
	if (d->near_index)
		len += (uint64_t)d->nsig * MINHASH_K;
	if (d->fp_index)
		len += 8 + (uint64_t)imap_count(d->fp_index_map) * 8;

	if ((w = state_save_begin(st, len, DEDUPE_VERSION)) == NULL)
		return -1;
	state_put_u32(w, payload_flags(d));
	state_put_u32(w, MINHASH_K);
	state_put_u32(w, MINHASH_SHINGLE);
	state_put_u32(w, WINNOW_WINDOW);
	state_put_u64(w, d->records_before + d->st.records);
	state_put_u64(w, d->paragraphs_before + d->st.paragraphs);
	if (d->bloom) {
		const uint64_t *bits = bloom_bits(d->bloom);

		state_put_u64(w, bloom_blocks(d->bloom));
		state_put_u64(w, bloom_count(d->bloom));
		for (uint64_t i = 0; i < bloom_blocks(d->bloom) * 8; i++)
			state_put_u64(w, bits[i]);
	} else {
		struct hkey k;

		state_put_u64(w, hset_count(d->set));
		while (hset_next(d->set, &pos, &k)) {
			state_put_u64(w, k.lo);
			state_put_u64(w, k.hi);
		}
	}
	state_put_u64(w, d->nsig);
	if (d->near_index)
		state_put(w, d->sigs, d->nsig * MINHASH_K);
	if (d->fp_index) {
		uint32_t key, val;

		pos = 0;
		state_put_u64(w, imap_count(d->fp_index_map));
		while (imap_next(d->fp_index_map, &pos, &key, &val)) {
			state_put_u32(w, key);
			state_put_u32(w, val);
		}
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
