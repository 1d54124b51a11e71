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
#ifndef WINNOW_NERRULE_H
#define WINNOW_NERRULE_H

#include <stddef.h>

#include "ner/ner.h"

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

#endif
