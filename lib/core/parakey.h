/*
 * parakey: the key that says two paragraphs are "the same".
 *
 * The key is the line in NFKC, case-folded, with white space, punctuation
 * and control or format characters removed (letters, digits, marks and
 * symbols stay), so "AI 수용성…" and "ai수용성" have one key.  Its weight
 * counts the kept characters as a terminal shows them, a wide (Hangul,
 * CJK) character as two: one Hangul syllable carries about as much as two
 * Latin letters.
 */
#ifndef WINNOW_PARAKEY_H
#define WINNOW_PARAKEY_H

#include <stddef.h>

#include "core/buf.h"

/*
 * para_key(s, len, key, &blank): append the key of paragraph 's' (valid
 * UTF-8) to 'key' and return its weight in columns; '*blank' is set when
 * the line holds only white space.  Invalid UTF-8 gives weight 0.
 */
size_t para_key(const char *s, size_t len, struct buf *key, int *blank);

#endif
