/*
 * norm: Unicode normalization and white-space clean-up of a text, the
 * engine of winnow-norm.
 *
 * The clean-up, in this order after NFC (or NFKC):
 *   - control characters are dropped, except "\n" and "\t"; "\r\n" and a
 *     lone "\r", U+0085, U+2028 and U+2029 become "\n"; "\v" and "\f"
 *     become a space;
 *   - zero-width characters are dropped: U+200B, U+2060, U+FEFF, U+00AD
 *     (soft hyphen), U+180E.  ZWJ and ZWNJ stay: emoji sequences and some
 *     scripts need them;
 *   - NBSP and every other space separator (Zs) become U+0020;
 *   - each line is trimmed of spaces and tabs, runs of spaces become one;
 *   - a run of three or more blank lines becomes one blank line.
 *
 * The layer: an engine in one file.  lib/norm includes core/ and itself
 * only, takes text (never a record) and never exits; this is its one
 * public header.
 */
#ifndef WINNOW_NORM_H
#define WINNOW_NORM_H

#include <stddef.h>

#include "core/buf.h"

/*
 * norm_is_clean(s, len, form): 1 when valid UTF-8 text 's' is certainly
 * clean already (norm_text would leave it alone), in one fast pass; 0 when
 * it may not be.
 */
int norm_is_clean(const char *s, size_t len, int form);

/*
 * norm_text(s, len, form, out): clean valid UTF-8 text 's' with
 * normalization 'form' (UTF8_NFC or UTF8_NFKC from utf8.h).  Returns 0 when
 * 's' is already clean (nothing appended to 'out'), 1 when the clean text
 * was appended to 'out'.  's' must be valid UTF-8 (a decoded JSON string
 * is): the fast paths skip Hangul and ASCII without checking continuation
 * bytes, so invalid text gets -1 or an unspecified result, though never a
 * read outside 's'.
 */
int norm_text(const char *s, size_t len, int form, struct buf *out);

#endif
