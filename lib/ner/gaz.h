/*
 * gaz: a gazetteer of entity names, matched longest-first over code points.
 *
 * A gazetteer maps forms (names such as "삼성전자" or "New York") to a set
 * of entity types, as a bit mask of (1 << NER_PS) ... (1 << NER_QT) from
 * ner.h, or GAZ_WORD; a form listed with several types keeps them all.  The names live
 * in a trie whose edges are kept in one open-addressing table keyed by
 * (node, code point), so adding, matching and freeing are cheap and the
 * memory is a few flat arrays.
 *
 * Ownership: gaz_new() returns a gazetteer the caller frees with gaz_free();
 * gaz_add() and gaz_load() copy what they are given.
 */
#ifndef WINNOW_GAZ_H
#define WINNOW_GAZ_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

/* A form that is a common word, not a name: a feature, never an entity. */
#define GAZ_WORD (1u << 6)

struct gaz;

struct gaz *gaz_new(void);
void gaz_free(struct gaz *g);

/*
 * gaz_add(g, form, len, types): add the UTF-8 'form' with the type mask
 * 'types' (OR-ed with what the form had).  Returns 0, or -1 when the form
 * is empty, longer than GAZ_MAX_FORM code points or 255 bytes, or not
 * valid UTF-8
 * (nothing added, no message: the caller knows where the form came from).
 */
#define GAZ_MAX_FORM 64
int gaz_add(struct gaz *g, const char *form, size_t len, unsigned types);

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

#endif
