/*
 * ner/internal.h: what the files of lib/ner share and cmd/ never sees —
 * the tag set, decoding, particles, features, the model file's layout,
 * gazetteer matching, the English patterns and the trainer's corpus.
 * Code outside lib/ner (its unit tests aside) includes ner/ner.h only.
 */
#ifndef WINNOW_NER_INTERNAL_H
#define WINNOW_NER_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "ner/ner.h"

/* Tags (types.c) and decoding (viterbi.c). */

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

/* Korean particles (particle.c). */

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

/*
 * ner_org_head(w, n): whether the English word 'w' ends organizations'
 * names (Bank, Inc., Ltd, University...), in tag.c.
 */
int ner_org_head(const char *w, size_t n);

/* Spans a reader accepts (bounds.c). */

/* ner_word_cp(c): whether 'c' is a letter or digit (of any script). */
int ner_word_cp(int32_t c);

/*
 * ner_fix_bounds(sp, s, len): put the ends of the spans 'sp' of valid text
 * 's' (len bytes; the spans sorted, not overlapping) where a reader puts
 * them: no split Latin or digit token, names on word boundaries (before a
 * particle at most), no title after a name, no one-letter Latin entity,
 * no space at either end.  Spans that cannot be made so, and spans left
 * with no letter or digit (empty, spaces, punctuation), are dropped.
 */
void ner_fix_bounds(struct ner_spans *sp, const char *s, size_t len);

/*
 * ner_is_num_suffix(s, len): whether UTF-8 text 's' is what may follow a
 * number, date or time in its word: a particle run (ner_is_josa), or a
 * suffix such as 쯤, 씩, 가량, 이상 or the copula 다, alone or before more
 * of these (3분기에만, 11시쯤, 2위다).
 */
int ner_is_num_suffix(const char *s, size_t len);

/*
 * ner_after_name(s, len): whether UTF-8 text 's' may follow a name in its
 * word: a particle run, or 씨, 양, 군, 님 or 측 alone or before one
 * (씨에게, 양을, 측과).
 */
int ner_after_name(const char *s, size_t len);

/* Units and features (feat.c). */

/*
 * nerfeat: the units and hashed features the entity tagger sees.
 *
 * Korean is tagged per code point: features are character n-grams in a
 * +-2 window, character types, the jamo of the syllable, its place in the
 * space-separated word (eojeol) with what follows it there (the particle
 * that ends a name is the strongest cue, so it is never stripped), the
 * words around, number shapes (a digit run and the unit after it), date
 * and time patterns, and gazetteer matches.  English is tagged per word
 * token: the word and its neighbours, shapes, affixes, capitalization in
 * context and gazetteer matches.
 *
 * Each feature is a 64-bit hash of its template and values; the hashing is
 * part of the model format (NERFEAT_VERSION), so changing any template
 * makes older models refuse to load rather than tag badly.
 *
 * Ownership: a struct nerfeat_doc owns its arrays and is reused across
 * calls; its pointers stay valid until the next call or its release.
 */
/* Bump when a template or the hashing changes. */
#define NERFEAT_VERSION 3

struct nerfeat_doc {
	size_t n;		/* units */
	size_t *ub, *ue;	/* byte span of each unit in the text */
	size_t *cb, *ce;	/* code-point span of each unit */
	uint64_t *feat;		/* unit i: feat[off[i] .. off[i + 1]) */
	size_t *off;
	/* private scratch */
	size_t cap, fcap;
	int32_t *cp;		/* code points of the text */
	size_t *cpbyte;		/* byte offset of each code point, and the end */
	size_t ncp, cpcap;
	void *scratch;
	size_t scap;
};

#define NERFEAT_DOC_INIT { 0 }

void nerfeat_doc_release(struct nerfeat_doc *d);

/*
 * nerfeat_units(d, lang, s, len): cut valid UTF-8 text 's' into the units
 * of 'lang' (code points for NER_KO, word tokens for NER_EN; white space
 * is a unit in Korean, never in English).  Fills d->n, ub/ue and cb/ce;
 * features are not computed yet.
 */
void nerfeat_units(struct nerfeat_doc *d, int lang, const char *s,
    size_t len);

/*
 * nerfeat_set_units(d, s, len, ub, ue, n): use the given byte spans of
 * 's' as the units instead (training on pre-tokenized English).  Spans
 * must be in order, not overlapping, and on code-point boundaries.
 */
void nerfeat_set_units(struct nerfeat_doc *d, const char *s, size_t len,
    const size_t *ub, const size_t *ue, size_t n);

/*
 * nerfeat_compute(d, lang, s, len, g): the features of every unit of 'd'
 * (units of text 's' from one of the two calls above), with gazetteer 'g'
 * (may be NULL).
 */
void nerfeat_compute(struct nerfeat_doc *d, int lang, const char *s,
    size_t len, const struct gaz *g);

/* The model file (model.c). */

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
#define NERMODEL_VERSION 1

/*
 * nermodel_open(p, len, name): a model over the 'len' bytes at 'p', which
 * must stay put while it is used (the compiled-in models).  'name' names
 * it in messages.  Returns NULL after a message when the bytes are not a
 * sound model.
 */
struct nermodel *nermodel_open(const void *p, size_t len, const char *name);

/* nermodel_gaz(m): the model's gazetteer, built on the first call. */
const struct gaz *nermodel_gaz(struct nermodel *m);
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

/* Gazetteers (gaz.c). */

/*
 * gaz: a gazetteer of entity names, matched longest-first over code points.
 *
 * A gazetteer maps forms (names such as "삼성전자" or "New York") to a set
 * of entity types, as a bit mask of (1 << NER_PS) ... (1 << NER_QT), or
 * GAZ_WORD; a form listed with several types keeps them all.  The names
 * live in a trie whose edges are kept in one open-addressing table keyed
 * by (node, code point), so adding, matching and freeing are cheap and the
 * memory is a few flat arrays.  gaz_add() and gaz_load() copy what they
 * are given.
 */

/* A form that is a common word, not a name: a feature, never an entity. */
#define GAZ_WORD (1u << 6)

/*
 * gaz_add(g, form, len, types): add the UTF-8 'form' with the type mask
 * 'types' (OR-ed with what the form had).  Returns 0, or -1 when the form
 * is empty, longer than GAZ_MAX_FORM code points or 255 bytes, or not
 * valid UTF-8 (nothing added, no message: the caller knows where the form
 * came from).
 */
#define GAZ_MAX_FORM 64

/* gaz_clear(g): forget every form, keeping the memory of a small one. */
void gaz_clear(struct gaz *g);
int gaz_add(struct gaz *g, const char *form, size_t len, unsigned types);

/*
 * gaz_match(g, cp, n, i, end_ok, &types): the length in code points of the
 * longest form that 'cp[i..n)' starts with, 0 when none; its type mask goes
 * to 'types'.  'cp' holds code points, e.g. from utf8_decode().  When
 * 'end_ok' is not NULL, only a match ending before a j with end_ok[j] set
 * counts (0 <= j <= n: English names must end at a word's end).  Only
 * forms with a type in 'mask' count, and only those types are reported.
 */
size_t gaz_match(const struct gaz *g, const int32_t *cp, size_t n, size_t i,
    const uint8_t *end_ok, unsigned mask, unsigned *types);

/*
 * gaz_write(g, out): append the forms, sorted, in a compact binary form
 * that gaz_read() takes back (the same gazetteer always gives the same
 * bytes).  gaz_read(g, p, len) adds the forms of such a block; it returns
 * 0, or -1 (no message) when the block is malformed.
 */
void gaz_write(const struct gaz *g, struct buf *out);
int gaz_read(struct gaz *g, const unsigned char *p, size_t len);

/*
 * gaz_check(p, len): 0 when gaz_read() would take the block whole, -1
 * when it would refuse it; builds nothing.
 */
int gaz_check(const unsigned char *p, size_t len);

/* English dates, times and quantities (rule.c). */

/*
 * nerrule: dates, times and quantities in English text, by pattern.
 *
 * The English training data (wikigold, WNUT 2017) tags only names, so
 * DATE, TIME and QUANTITY come from these patterns instead: month-day-year
 * forms, weekdays, years after a preposition, relative dates ("last
 * week"), clock times, percentages, money and measures.  Korean needs none:
 * its model learned those types from KLUE.
 *
 * Ownership: nerrule_new() compiles the patterns once; the struct holds
 * PCRE2 match data, so use one from one thread at a time.
 */
struct nerrule;

struct nerrule *nerrule_new(void);
void nerrule_free(struct nerrule *r);

/*
 * nerrule_find(r, s, len, out): append the spans the patterns find in
 * valid UTF-8 text 's' to 'out' (offsets from the start of 's'), longest
 * first where they overlap, in order.
 */
void nerrule_find(struct nerrule *r, const char *s, size_t len,
    struct ner_spans *out);

/* Corpora (corpus.c), training (train.c) and scoring (eval.c). */

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

/* nercorpus_spans(s, out): the gold entities of sentence 's'. */
void nercorpus_spans(const struct nersent *s, struct ner_spans *out);

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
 * nertrain_shuffle(v, n, state): a seeded shuffle of v[0..n), the same
 * on every platform (splitmix64 over 'state').
 */
void nertrain_shuffle(size_t *v, size_t n, uint64_t *state);

#endif
