/*
 * tmpl: site templates, the lines that recur across the documents of a
 * stream (a site's footer, its tip line, its "most read" heading).
 *
 * For every short line a document holds, tmpl_seen() counts the documents
 * that held it (once per document), keyed by the line's normalized form
 * (para_key: NFKC, case-folded, without punctuation; then digits as 0)
 * hashed under a secret seed, so crafted input cannot aim lines at one
 * slot.  The counts live in a
 * hash table of 16 bytes a line; when it reaches its limit the lines seen
 * in the fewest documents are forgotten first.  tmpl_save() and
 * tmpl_load() keep the counts in a state file of kind "template"
 * (lib/state: checksummed, atomic, locked), so a cron job learns a site's
 * templates across runs.
 *
 * Payload (kind version 1, little-endian): u64 count of entries, then per
 * entry u64 key and u32 documents.
 */
#ifndef WINNOW_TMPL_H
#define WINNOW_TMPL_H

#include <stddef.h>
#include <stdint.h>

#include "core/state.h"

#define TMPL_KIND "template"
#define TMPL_VERSION 1
#define TMPL_MAX_CHARS 300	/* longer lines are body text, not counted */

struct tmpl;

/*
 * tmpl_new(seed, max_lines): an empty table hashing under the
 * STATE_SEED_SIZE bytes 'seed' (a state's, or random), remembering at
 * most 'max_lines' distinct lines (0: the default, 4 million).
 */
struct tmpl *tmpl_new(const unsigned char *seed, size_t max_lines);

void tmpl_free(struct tmpl *t);

/*
 * tmpl_load(t, st): add the counts state 'st' holds (made with the same
 * seed).  Returns 0, or -1 after a message when the payload is corrupt.
 */
int tmpl_load(struct tmpl *t, struct state *st);

/* tmpl_save(t, st): write the counts to 'st' atomically; 0 or -1. */
int tmpl_save(struct tmpl *t, struct state *st);

/* tmpl_doc(t): the lines counted from now on belong to a new document. */
void tmpl_doc(struct tmpl *t);

/*
 * tmpl_seen(t, s, len): count line 's' (valid UTF-8, trimmed) for the
 * current document, unless it was already counted for it, and return how
 * many documents held it, this one included.
 */
uint32_t tmpl_seen(struct tmpl *t, const char *s, size_t len);

/* tmpl_lines(t): the distinct lines remembered. */
size_t tmpl_lines(const struct tmpl *t);

/* tmpl_changed(t): whether anything was counted since tmpl_new(). */
int tmpl_changed(const struct tmpl *t);

#endif
