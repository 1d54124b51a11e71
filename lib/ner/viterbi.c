/* ner viterbi: the best BIOES tag sequence under the model's scores. */
#include <stdint.h>

#include "ner/internal.h"

/* The tags that close a span (O, E-x, S-x), which O, B and S may follow. */
static const uint8_t closers[1 + 2 * NER_NTYPES] = {
	NER_O, NER_E(0), NER_S(0), NER_E(1), NER_S(1), NER_E(2), NER_S(2),
	NER_E(3), NER_S(3), NER_E(4), NER_S(4), NER_E(5), NER_S(5)
};

/* The tags that open a span or stand outside one (O, B-x, S-x). */
static const uint8_t openers[1 + 2 * NER_NTYPES] = {
	NER_O, NER_B(0), NER_S(0), NER_B(1), NER_S(1), NER_B(2), NER_S(2),
	NER_B(3), NER_S(3), NER_B(4), NER_S(4), NER_B(5), NER_S(5)
};

/* Scores four to a vector (SSE2's width); the openers padded to 16 lanes. */
typedef int32_t v4si __attribute__((vector_size(16)));
#define NCLOSE sizeof closers
#define NOPEN sizeof openers
#define OVECS ((NOPEN + 3) / 4)

void
ner_viterbi(const int32_t *emit, size_t n, const int32_t *trans,
    const int32_t *start, uint8_t *tags, uint8_t *back)
{
	/*
	 * Scores fit in 32 bits: a unit adds at most a few hundred thousand
	 * and segments are short; impossible paths start far below.
	 */
	const int32_t never = INT32_MIN / 2;
	int32_t prev[NER_NTAGS], cur[NER_NTAGS];
	/* from[k][j]: the transitions from closer k to openers 4j..4j+3 */
	v4si from[NCLOSE][OVECS], who[NCLOSE], pc[NCLOSE];
	v4si best[OVECS], arg[OVECS];
	size_t i, k, l;
	int t, j, last;

	if (n == 0)
		return;
	for (k = 0; k < NCLOSE; k++) {
		who[k] = (v4si){ 0 } + closers[k];
		for (l = 0; l < 4 * OVECS; l++)
			from[k][l / 4][l % 4] = l < NOPEN ?
			    trans[closers[k] * NER_NTAGS + openers[l]] : 0;
	}
	for (t = 0; t < NER_NTAGS; t++)
		prev[t] = NER_TAG_CONTINUES(t) ? never : start[t] + emit[t];
	for (i = 1; i < n; i++) {
		const int32_t *e = emit + i * NER_NTAGS;
		uint8_t *bp = back + i * NER_NTAGS;

		/*
		 * O, B and S follow O, E or S of any type: the best closer for
		 * four openers at a time, without branches.  A later closer
		 * wins only when strictly better, so ties go to the first, as
		 * in a loop over closers one by one.
		 */
		for (k = 0; k < NCLOSE; k++)
			pc[k] = (v4si){ 0 } + prev[closers[k]];
		for (j = 0; j < (int)OVECS; j++) {
			v4si b = pc[0] + from[0][j], a = who[0];

			for (k = 1; k < NCLOSE; k++) {
				v4si c = pc[k] + from[k][j];
				v4si gt = c > b;

				b = (gt & c) | (~gt & b);
				a = (gt & who[k]) | (~gt & a);
			}
			best[j] = b;
			arg[j] = a;
		}
		for (l = 0; l < NOPEN; l++) {
			t = openers[l];
			bp[t] = (uint8_t)arg[l / 4][l % 4];
			cur[t] = best[l / 4][l % 4] + e[t];
		}
		/* I and E follow B or I of their type */
		for (t = 0; t < NER_NTAGS; t++) {
			if (NER_TAG_CONTINUES(t)) {
				int b = NER_B(NER_TAG_TYPE(t)), in = b + 1;
				int32_t vb = prev[b] + trans[b * NER_NTAGS + t];
				int32_t vi = prev[in] + trans[in * NER_NTAGS + t];

				bp[t] = (uint8_t)(vb >= vi ? b : in);
				cur[t] = (vb >= vi ? vb : vi) + e[t];
			}
		}
		/* keep impossible paths from drifting toward overflow */
		for (t = 0; t < NER_NTAGS; t++)
			prev[t] = cur[t] < never ? never : cur[t];
		/* renormalize so long texts cannot overflow */
		if (prev[0] > INT32_MAX / 4 || prev[0] < INT32_MIN / 8) {
			int32_t base = prev[0];

			for (t = 0; t < NER_NTAGS; t++)
				prev[t] = prev[t] <= never ? never : prev[t] - base;
		}
	}
	/* the last unit closes its span */
	last = 0;
	for (t = 1; t < NER_NTAGS; t++)
		if (NER_TAG_CLOSES(t) && prev[t] > prev[last])
			last = t;
	for (i = n; i-- > 0;) {
		tags[i] = (uint8_t)last;
		if (i > 0)
			last = back[i * NER_NTAGS + last];
	}
}
