/*
 * minhash: MinHash signatures of character shingles, LSH banding, and
 * winnowing fingerprints, for near-duplicate and containment checks.
 *
 * A paragraph key (see dedupe.h) is cut into overlapping shingles of
 * MINHASH_SHINGLE code points (characters, not words: Korean words carry
 * particles that change with the sentence).  Every hash is keyed by the
 * state's seed, so signatures stay comparable across runs and an attacker
 * cannot aim paragraphs at one LSH bucket.
 *
 * A signature keeps, for each of MINHASH_K hash functions, the low 8 bits
 * of the minimum over the shingles ("b-bit MinHash", Li and König 2010):
 * 128 bytes a paragraph instead of 512.  Two signatures agree in a
 * position with probability J + (1 - J) / 256 for Jaccard similarity J,
 * which minhash_similarity() corrects for.
 */
#ifndef WINNOW_MINHASH_H
#define WINNOW_MINHASH_H

#include <stddef.h>
#include <stdint.h>

#define MINHASH_K 128		/* hash functions: signature bytes */
#define MINHASH_SHINGLE 5	/* code points per shingle */

struct minhash {
	uint64_t k0, k1;		/* shingle hash key */
	uint64_t band_key;
	uint32_t xr[MINHASH_K];		/* hash function i: (x ^ xr) * mul */
	uint32_t mul[MINHASH_K];
};

/* minhash_init(mh, seed, seedlen): derive every hash function from 'seed'. */
void minhash_init(struct minhash *mh, const unsigned char *seed, size_t seedlen);

/*
 * minhash_shingles(mh, cps, n, out): hash the shingles of the 'n' code
 * points 'cps' into 'out' (room for n entries); returns their number:
 * n - 4, or 1 for a key shorter than a shingle, 0 for an empty one.
 */
size_t minhash_shingles(const struct minhash *mh, const uint32_t *cps,
    size_t n, uint64_t *out);

/* minhash_sign(mh, sh, n, sig): the signature of 'n' (> 0) shingle hashes. */
void minhash_sign(const struct minhash *mh, const uint64_t *sh, size_t n,
    uint8_t sig[MINHASH_K]);

/* minhash_similarity(a, b): the Jaccard similarity two signatures estimate. */
double minhash_similarity(const uint8_t *a, const uint8_t *b);

/*
 * minhash_similar(a, b, j, &sim): whether the estimate reaches 'j'; when it
 * does, '*sim' is set to it.  Gives up as soon as it cannot: cheaper than
 * minhash_similarity() on the many candidates that fail.
 */
int minhash_similar(const uint8_t *a, const uint8_t *b, double j, double *sim);

/*
 * minhash_lsh_params(j, &bands, &rows): the banding for threshold 'j'.  A
 * pair is a candidate when it shares two bands or more: most pairs that
 * share one are far below the threshold (one band of five rows agrees by
 * chance for J = 0.5 three times in a hundred), and checking them would
 * cost more than everything else.  The most rows per band (fewest
 * candidates) such that a pair of similarity 'j' still shares two bands
 * with probability >= 99.5%.
 */
void minhash_lsh_params(double j, int *bands, int *rows);

/* minhash_lsh_prob(bands, rows, j): P(a pair of similarity j shares two bands). */
double minhash_lsh_prob(int bands, int rows, double j);

/* minhash_band(mh, sig, band, rows): the 32-bit bucket key of one band. */
uint32_t minhash_band(const struct minhash *mh, const uint8_t *sig, int band,
    int rows);

/*
 * minhash_winnow(sh, n, w, fps): containment fingerprints (Schleimer,
 * Wilkerson and Aiken 2003): in every window of 'w' shingles the one with
 * the smallest hash is picked.  A text contained in another yields only
 * fingerprints the other yields too, and the share of a text's
 * fingerprints found in another estimates the share of its shingles
 * there.  Writes them (32 bits of the shingle hash) sorted and unique to
 * 'fps' (room for n); returns how many: none for five shingles or fewer.
 * 'w' is at most 64.
 */
size_t minhash_winnow(const uint64_t *sh, size_t n, int w, uint32_t *fps);

#endif
