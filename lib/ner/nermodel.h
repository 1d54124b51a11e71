/*
 * nermodel: the entity tagger's model file, and scoring with it.
 *
 * A model is one file, used in place once checked: no parsing, no copying,
 * so the default models compiled into winnow-tag cost nothing to load.
 * Layout (all integers little-endian):
 *
 *	0	"WNNERMDL"		magic
 *	8	u32 format version	NERMODEL_VERSION
 *	12	u32 feature version	NERFEAT_VERSION of the trainer
 *	16	u32 language		NER_KO or NER_EN
 *	20	u32 tags		NER_NTAGS
 *	24	u64 file size
 *	32	u32 buckets		of the feature table
 *	36	u32 features		how many the table holds
 *	40	f32 scale		what one weight step is worth
 *	44	u32 gazetteer bytes
 *	48	u32 note bytes
 *	52	u32 0
 *	56	i16 transitions[25][25], i16 start[25]; zeros to offset 1408
 *	1408	the feature table: buckets of 4 slots of 32 bytes, each slot a
 *		24-bit fingerprint of the feature hash (0: empty), 25 int8
 *		weights and 4 zero bytes; a feature lives in bucket (hash >> 32) * buckets >> 32
 *		or, when that is full, in the next one (wrapping); the table is
 *		at most half full
 *	...	the gazetteer (gaz_write), then a note ("key=value" lines:
 *		the training data, epochs, seed, scores)
 *	end-8	u64 XXH3-64 of every byte before it
 *
 * A file that is truncated, corrupt, foreign or of another version is
 * refused with a message saying which; it is never half-read.
 */
#ifndef WINNOW_NERMODEL_H
#define WINNOW_NERMODEL_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "ner/ner.h"

#define NERMODEL_VERSION 1

struct gaz;
struct nermodel;

/*
 * nermodel_open(p, len, name): a model over the 'len' bytes at 'p', which
 * must stay put while it is used (the compiled-in models).  'name' names
 * it in messages.  Returns NULL after a message when the bytes are not a
 * sound model.
 */
struct nermodel *nermodel_open(const void *p, size_t len, const char *name);

/*
 * nermodel_load(path): read the model file 'path' into memory and open it.
 * Returns NULL after a message ("cannot open model 'x': ...", "model 'x':
 * truncated: 100 of 2048 bytes"...).
 */
struct nermodel *nermodel_load(const char *path);

void nermodel_free(struct nermodel *m);

int nermodel_lang(const struct nermodel *m);
const struct gaz *nermodel_gaz(const struct nermodel *m);
size_t nermodel_features(const struct nermodel *m);
size_t nermodel_size(const struct nermodel *m);
/* The note: "key=value" lines, not NUL-terminated. */
const char *nermodel_note(const struct nermodel *m, size_t *len);

/* Transition scores, NER_NTAGS * NER_NTAGS (from * NER_NTAGS + to). */
const int32_t *nermodel_trans(const struct nermodel *m);
/* Scores of the first tag of a sequence, NER_NTAGS. */
const int32_t *nermodel_start(const struct nermodel *m);

/*
 * nermodel_emit(m, feat, n, out): add up the weights of the 'n' features
 * 'feat' into out[0..NER_NTAGS) (which it sets, not adds to).
 */
void nermodel_emit(const struct nermodel *m, const uint64_t *feat, size_t n,
    int32_t *out);

/*
 * nermodel_emit_all(m, feat, off, n, out): nermodel_emit for 'n' units,
 * unit i having the features feat[off[i] .. off[i + 1]) and its scores
 * going to out[i * NER_NTAGS ...]; faster than one call per unit.
 */
void nermodel_emit_all(const struct nermodel *m, const uint64_t *feat,
    const size_t *off, size_t n, int32_t *out);

/* What a trainer hands nermodel_write: a feature and its float weights. */
struct nermodel_row {
	uint64_t key;
	float w[NER_NTAGS];
};

struct nermodel_spec {
	int lang;
	const struct nermodel_row *rows;	/* sorted by key, distinct */
	size_t nrows;
	const float *trans;		/* NER_NTAGS * NER_NTAGS */
	const float *start;		/* NER_NTAGS */
	const struct gaz *gaz;		/* may be NULL */
	const char *note;		/* may be NULL */
	double prune;			/* drop rows whose weights are all below
					   this many steps (0: keep what rounds
					   to non-zero) */
};

/*
 * nermodel_write(spec, out): quantize, prune and lay out a model; append
 * the file's bytes to 'out'.  The same spec always gives the same bytes.
 * Returns the number of features kept, or (size_t)-1 after a message
 * when they are too many for the file format ('out' is then unchanged).
 */
size_t nermodel_write(const struct nermodel_spec *spec, struct buf *out);

#endif
