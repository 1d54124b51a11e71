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
#ifndef WINNOW_NERFEAT_H
#define WINNOW_NERFEAT_H

#include <stddef.h>
#include <stdint.h>

/* Bump when a template or the hashing changes. */
#define NERFEAT_VERSION 1

struct gaz;

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

#endif
