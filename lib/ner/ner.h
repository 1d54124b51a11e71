/*
 * ner: named-entity tagging of Korean and English text.
 *
 * Text is cut into units (code points for Korean, word tokens for English,
 * see nerfeat.h), each unit gets one of 25 tags (O, or B-/I-/E-/S- of the
 * six entity types) from a linear model over hashed features (nermodel.h),
 * and Viterbi decoding picks the best tag sequence that obeys BIOES: I-X
 * and E-X only after B-X or I-X, a span closed by E-X before anything else.  Spans are then cut so that they never end in a
 * Korean particle (josa), and the names of a user gazetteer are imposed.
 *
 * Ownership: a struct ner owns the models and gazetteer handed to it;
 * ner_tag() fills a caller-owned struct ner_spans, reused across calls.
 */
#ifndef WINNOW_NER_H
#define WINNOW_NER_H

#include <stddef.h>
#include <stdint.h>

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

/*
 * Tags: 0 is O, then for type t: B-t (the first unit of a span of several)
 * is 1 + 4t, I-t (inside) 2 + 4t, E-t (the last) 3 + 4t and S-t (a span of
 * one unit) 4 + 4t.  Marking the last unit lets the model learn where a
 * span ends from the unit itself, not only from the one after it.
 */
#define NER_NTAGS (1 + 4 * NER_NTYPES)
#define NER_O 0
#define NER_B(t) (1 + 4 * (t))
#define NER_I(t) (2 + 4 * (t))
#define NER_E(t) (3 + 4 * (t))
#define NER_S(t) (4 + 4 * (t))
#define NER_TAG_TYPE(tag) (((tag) - 1) / 4)
/* I and E continue a span: they follow a B or I of their type */
#define NER_TAG_CONTINUES(tag) ((tag) != 0 && ((tag) - 1) % 4 >= 1 && \
	((tag) - 1) % 4 <= 2)
/* O, E and S close what came before: anything but I or E may follow */
#define NER_TAG_CLOSES(tag) ((tag) == 0 || ((tag) - 1) % 4 >= 2)

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

/*
 * ner_viterbi(emit, n, trans, start, tags, back): the best tag sequence for
 * 'n' units under BIOES constraints.  'emit' holds n * NER_NTAGS scores,
 * 'trans' NER_NTAGS * NER_NTAGS transition scores (from * NER_NTAGS + to),
 * 'start' the scores of a first tag.  Writes 'n' tags to 'tags' and uses
 * 'back' (n * NER_NTAGS bytes) as scratch.  Ties go to the lower tag, so
 * the result is deterministic.
 */
void ner_viterbi(const int32_t *emit, size_t n, const int32_t *trans,
    const int32_t *start, uint8_t *tags, uint8_t *back);

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
 * ner_josa_len(s, len): the length in bytes of the Korean particle that
 * UTF-8 text 's' ends with, from a closed list of particles that never
 * end a name (에서, 으로, 까지, 는, 를...), or 0.  The tagger cuts it off a
 * span that ends with it.
 */
size_t ner_josa_len(const char *s, size_t len);

/*
 * ner_is_josa(s, len): whether UTF-8 text 's' is, whole, a particle (or a
 * common run of them, or a suffix such as 씨) that may follow a name in its
 * word: 은, 에서는, 씨가...
 */
int ner_is_josa(const char *s, size_t len);

struct nermodel;
struct gaz;
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

#endif
