/*
 * nertrain: training and scoring the entity tagger.
 *
 * Corpora come in KLUE's character format (one "CHAR<TAB>TAG" line per
 * code point, "##" comment lines, a blank line between sentences) or in
 * CoNLL token format (one token per line, the tag in the last column, an
 * optional index column first as in CoNLL-U; -DOCSTART- lines skipped).
 * Tags are BIO (IOB1 and BIOES are converted) over any type name that
 * ner_type_parse() knows; other types (MISC, product...) become O.
 *
 * Training is a structured averaged perceptron: each epoch visits the
 * sentences in an order drawn from the seed, decodes each with Viterbi
 * under BIO constraints and moves the weights toward the gold tags; the
 * model is the average of the weights over all steps, pruned and
 * quantized by nermodel_write().  Gazetteer features are jackknifed: the
 * names taken from one half of the training sentences feed the features of
 * the other half, so the model learns how far to trust a list that does
 * not know every name.  Same corpus, options and seed: same model bytes.
 *
 * Ownership: a corpus owns its sentences; free it with nercorpus_free().
 */
#ifndef WINNOW_NERTRAIN_H
#define WINNOW_NERTRAIN_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "ner/ner.h"

struct gaz;

struct nersent {
	char *text;		/* tokens joined by spaces (English) */
	size_t len;
	size_t n;		/* units */
	size_t *ub, *ue;	/* byte span of each unit */
	uint8_t *gold;		/* tag of each unit */
};

struct nercorpus {
	int lang;
	struct nersent *s;
	size_t n, cap;
	unsigned types;		/* the entity types the corpus tags */
	size_t scored;		/* cross-validation scores s[0..scored);
				   the rest only ever trains */
};

enum {
	NERCORPUS_AUTO,
	NERCORPUS_KLUE,
	NERCORPUS_CONLL
};

struct nercorpus *nercorpus_new(int lang);
void nercorpus_free(struct nercorpus *c);

/*
 * nercorpus_read(c, path, format): add the sentences of 'path' (format
 * NERCORPUS_AUTO: KLUE when the file has "##" lines, else CoNLL).  Returns
 * the number of sentences added, or -1 after a message naming the file and
 * line of the first bad one.
 */
long nercorpus_read(struct nercorpus *c, const char *path, int format);

/* nercorpus_spans(s, out): the gold entities of sentence 's'. */
void nercorpus_spans(const struct nersent *s, struct ner_spans *out);

struct nertrain_opts {
	int epochs;		/* passes over the data */
	uint64_t seed;		/* order of the sentences, folds */
	int min_count;		/* features seen fewer times are left out */
	double prune;		/* see nermodel_spec */
	const struct gaz *gaz;	/* names from outside the corpus, or NULL */
	int verbose;		/* progress on stderr */
	const char *note;	/* appended to the model's note */
	void *errors;		/* FILE *: cross-validation mistakes, or NULL */
};

/*
 * nertrain(c, idx, n, opts, out): train on the sentences idx[0..n) of 'c'
 * and append the model file's bytes to 'out'.  Returns 0, or -1 after a
 * message (the model would be too large).
 */
int nertrain(const struct nercorpus *c, const size_t *idx, size_t n,
    const struct nertrain_opts *opts, struct buf *out);

/* Entity-level counts, KLUE's way: a hit is the exact span and type. */
struct nereval {
	uint64_t tp[NER_NTYPES], fp[NER_NTYPES], fn[NER_NTYPES];
};

/* nereval_add(e, gold, pred): count one sentence. */
void nereval_add(struct nereval *e, const struct ner_spans *gold,
    const struct ner_spans *pred);

/*
 * nereval_report(e, types, out): a table of precision, recall and F1 per
 * type in 'types', then micro and macro averages.  Returns the micro F1.
 */
double nereval_report(const struct nereval *e, unsigned types,
    struct buf *out);

/*
 * nertrain_cv(c, k, opts, out): k-fold cross-validation: the sentences
 * s[0..c->scored) are shuffled by the seed and cut into k folds; each fold
 * is tagged by a model trained on the others and on every sentence past
 * c->scored, through the same path winnow-tag uses.  Appends
 * the report to 'out' and returns the micro F1, or -1 after a message
 * when a fold's model cannot be made.
 */
double nertrain_cv(const struct nercorpus *c, int k,
    const struct nertrain_opts *opts, struct buf *out);

#endif
