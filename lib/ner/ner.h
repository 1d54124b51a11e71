/*
 * ner: named-entity tagging of Korean and English text — the engine's
 * public header, the only one cmd/ includes (ner/internal.h is for the
 * engine's own files and its unit tests).  Like every engine, lib/ner/
 * includes core/ and itself only, takes text rather than records, and
 * never exits: errors are messages and return values.
 *
 * Text is cut into units (code points for Korean, word tokens for
 * English), each unit gets a BIOES tag of one of six types from a linear
 * model over hashed features, and Viterbi decoding picks the best well-
 * formed sequence.  Spans are then cut so that they never end in a Korean
 * particle (josa), and the names of a user gazetteer are imposed.
 *
 * The parts, by file: types.c (type names, spans, their JSON), viterbi.c,
 * particle.c (Korean particles), feat.c (units and features), model.c
 * (the model file), gaz.c (gazetteers), rule.c (English dates, times and
 * quantities by pattern), tag.c (the tagger), corpus.c, train.c and
 * eval.c (reading annotated corpora, training, scoring), default.c and
 * data.S (the compiled-in models).
 *
 * Ownership: a struct ner owns the models and gazetteer handed to it;
 * ner_tag() fills a caller-owned struct ner_spans, reused across calls.
 */
#ifndef WINNOW_NER_H
#define WINNOW_NER_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

/* The entity types, in the order of KLUE's tag set. */
enum ner_type {
	NER_PS,			/* PERSON */
	NER_LC,			/* LOCATION */
	NER_OG,			/* ORG */
	NER_DT,			/* DATE */
	NER_TI,			/* TIME */
	NER_QT,			/* QUANTITY */
	NER_NTYPES
};

#define NER_TYPE_MASK ((1u << NER_NTYPES) - 1)

/* The languages, which are also the kinds of model (units and features). */
enum ner_lang {
	NER_KO,			/* units are code points */
	NER_EN,			/* units are word tokens */
	NER_NLANGS,
	NER_AUTO = -1		/* per paragraph, by script */
};

/* ner_type_name(t): "PERSON", "LOCATION", "ORG", "DATE", "TIME", "QUANTITY". */
const char *ner_type_name(int type);

/* ner_type_code(t): KLUE's code, "PS", "LC", "OG", "DT", "TI", "QT". */
const char *ner_type_code(int type);

/*
 * ner_type_parse(s, len): the type named by 's', in any case: a KLUE code
 * (PS), an output name (PERSON), or a CoNLL/WNUT one (PER, LOC, ORG,
 * location, corporation, group...).  -1 when unknown.
 */
int ner_type_parse(const char *s, size_t len);

/*
 * ner_types_parse(s, &mask): a comma-separated list of type names, as in
 * --labels PERSON,ORG, into a type mask.  Returns 0, or -1 naming the
 * first unknown name in a message.
 */
int ner_types_parse(const char *s, unsigned *mask);

/* A span of text: code-point and byte offsets, end exclusive. */
struct ner_span {
	size_t start, end;	/* code points */
	size_t bstart, bend;	/* bytes */
	int type;
};

struct ner_spans {
	struct ner_span *v;
	size_t n, cap;
};

#define NER_SPANS_INIT { NULL, 0, 0 }

void ner_spans_add(struct ner_spans *sp, size_t start, size_t end,
    size_t bstart, size_t bend, int type);
void ner_spans_release(struct ner_spans *sp);

/*
 * ner_span_json(sp, s, w): write the members of span 'sp' of text 's',
 * "start":S,"end":E,"label":"PERSON","text":"...", into the object that
 * 'w' is writing (see core/jsonw.h).
 */
struct jsonw;
void ner_span_json(const struct ner_span *sp, const char *s,
    struct jsonw *w);

/*
 * ner_spans_json(sp, s, out): append the spans of text 's' to 'out' as a
 * JSON array of such objects: [{"start":0,"end":4,...},...].
 */
void ner_spans_json(const struct ner_spans *sp, const char *s,
    struct buf *out);

/*
 * Gazetteers: names (forms such as "삼성전자" or "New York") with a set of
 * types.  gaz_new() returns one the caller frees with gaz_free(), unless
 * it is handed to a struct ner.
 */
struct gaz;

struct gaz *gaz_new(void);
void gaz_free(struct gaz *g);

/*
 * gaz_load(g, path): add every "FORM<TAB>TYPE[<TAB>anything]" line of the
 * file 'path'.  TYPE is a name ner_type_parse() knows (PS, PERSON, ORG,
 * location...); blank lines and lines starting with '#' are skipped.
 * Returns the number of forms added, or -1 after a message naming the file
 * and line of the first bad one (an unreadable file, a missing or unknown
 * type, invalid UTF-8); nothing of a bad file is added.
 */
long gaz_load(struct gaz *g, const char *path);

/* gaz_count(g): the number of distinct forms. */
size_t gaz_count(const struct gaz *g);

/*
 * Models: made by winnow-tag-train (nertrain), one file per language,
 * used in place once checked.  A file that is truncated, corrupt, foreign
 * or of another version is refused with a message saying which.
 */
struct nermodel;

/*
 * nermodel_load(path): read the model file 'path' into memory and open it.
 * Returns NULL after a message ("cannot open model 'x': ...", "model 'x':
 * truncated: 100 of 2048 bytes"...).
 */
struct nermodel *nermodel_load(const char *path);

/*
 * nermodel_open_copy(p, len, name): a model over a copy of the 'len'
 * bytes at 'p' (a model just trained); 'name' names it in messages.
 * NULL after a message when they are not a sound model.
 */
struct nermodel *nermodel_open_copy(const void *p, size_t len,
    const char *name);
void nermodel_free(struct nermodel *m);

/* nermodel_lang(m): NER_KO or NER_EN. */
int nermodel_lang(const struct nermodel *m);

/*
 * nerdefault_open(lang): the compiled-in model for NER_KO or NER_EN
 * (data/ner-ko.wnm and data/ner-en.wnm; see data/README.md for what
 * each saw and its licence), checked like any model file.  Returns NULL
 * after a message when the bytes are unsound (a broken build).  The
 * caller frees it.
 */
struct nermodel *nerdefault_open(int lang);

/* The tagger. */
struct ner;

struct ner *ner_new(void);
void ner_free(struct ner *n);

/*
 * ner_set_model(n, m): use model 'm' for its language (replacing, and
 * freeing, the one there was).  'n' owns 'm' from now on.
 */
void ner_set_model(struct ner *n, struct nermodel *m);

/* ner_model(n, lang): the model for 'lang', or NULL. */
const struct nermodel *ner_model(const struct ner *n, int lang);

/*
 * ner_set_gazetteer(n, g): names that are tagged wherever they occur as
 * whole words (a Korean particle may follow), over what the model says.
 * 'n' owns 'g'.
 */
void ner_set_gazetteer(struct ner *n, struct gaz *g);

/* ner_set_types(n, mask): report only these types (default: all). */
void ner_set_types(struct ner *n, unsigned mask);

/* ner_set_lang(n, lang): NER_KO, NER_EN, or NER_AUTO (the default). */
void ner_set_lang(struct ner *n, int lang);

/*
 * ner_lang_guess(s, len): NER_KO when Hangul makes up a fair share of the
 * letters of 's', NER_EN when Latin letters dominate, -1 for text with
 * no letters of either.
 */
int ner_lang_guess(const char *s, size_t len);

/*
 * ner_tag(n, s, len, out): the entities of valid UTF-8 text 's', sorted by
 * start, not overlapping, replacing the contents of 'out'.  Each paragraph
 * (line) is tagged by the model of its language; a paragraph whose model
 * is missing is skipped.  Returns the number of spans.
 */
size_t ner_tag(struct ner *n, const char *s, size_t len,
    struct ner_spans *out);

/*
 * Training and scoring (winnow-tag-train).  Corpora come in KLUE's
 * character format (one "CHAR<TAB>TAG" line per code point, "##" comment
 * lines, a blank line between sentences) or in CoNLL token format (one
 * token per line, the tag in the last column, an optional index column
 * first as in CoNLL-U; -DOCSTART- lines skipped).  Tags are BIO (IOB1 and
 * BIOES are converted) over any type name that ner_type_parse() knows;
 * other types (MISC, product...) become O.  A corpus owns its sentences;
 * free it with nercorpus_free().
 */
struct nercorpus;

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

/* nercorpus_size(c): the number of sentences read. */
size_t nercorpus_size(const struct nercorpus *c);

/*
 * nercorpus_score_first(c, n): cross-validation scores only the first 'n'
 * sentences; the rest only ever train (default: all are scored).
 */
void nercorpus_score_first(struct nercorpus *c, size_t n);

struct nertrain_opts {
	int epochs;		/* passes over the data */
	uint64_t seed;		/* order of the sentences, folds */
	int min_count;		/* features seen fewer times are left out */
	double prune;		/* leave out features whose weights are all
				   below this many quantization steps */
	const struct gaz *gaz;	/* names from outside the corpus, or NULL */
	int verbose;		/* progress on stderr */
	const char *note;	/* appended to the model's note */
	void *errors;		/* FILE *: cross-validation mistakes, or NULL */
};

/*
 * nertrain(c, idx, n, opts, out): train on the sentences idx[0..n) of 'c'
 * and append the model file's bytes to 'out'.  Returns 0, or -1 after a
 * message (the model would be too large).
 *
 * Training is a structured averaged perceptron: each epoch visits the
 * sentences in an order drawn from the seed, decodes each with Viterbi
 * and moves the weights toward the gold tags; the model is the average of
 * the weights over all steps, pruned and quantized.  Gazetteer features
 * are jackknifed: the names taken from one half of the training sentences
 * feed the features of the other half, so the model learns how far to
 * trust a list that does not know every name.  Same corpus, options and
 * seed: same model bytes.
 */
int nertrain(const struct nercorpus *c, const size_t *idx, size_t n,
    const struct nertrain_opts *opts, struct buf *out);

/*
 * nertrain_cv(c, k, opts, out): k-fold cross-validation: the scored
 * sentences are shuffled by the seed and cut into k folds; each fold is
 * tagged by a model trained on the others and on every sentence that is
 * not scored, through the same path winnow-tag uses.  Appends a table of
 * precision, recall and F1 per type (exact span and type, as KLUE scores)
 * to 'out' and returns the micro F1, or -1 after a message when a fold's
 * model cannot be made.
 */
double nertrain_cv(const struct nercorpus *c, int k,
    const struct nertrain_opts *opts, struct buf *out);

/*
 * nereval_model(m, c, errors, out): tag every sentence of corpus 'c' with
 * model 'm' (which it frees) through the path winnow-tag uses, append the
 * table nertrain_cv() prints to 'out' and return the micro F1.  The
 * sentences with a mistake go to 'errors' (a FILE *) when it is not NULL.
 */
double nereval_model(struct nermodel *m, const struct nercorpus *c,
    void *errors, struct buf *out);

#endif
