/*
 * prefilter: which of many patterns could match a text, by the literals
 * they need, found in one pass.
 *
 * A PCRE2 search costs a few nanoseconds per character and pattern, so
 * running a hundred rules over every line is slow, though nearly every line
 * matches none.  Most patterns need some literal text to match: the rule
 * `(?:무단\s*전재|재배포)[^.]{0,60}금지$` cannot match a line without "무단"
 * or "재배포", nor without "금지".  prefilter_add() reads a pattern and keeps
 * such requirements (an AND of OR-sets of literals); prefilter_scan() looks
 * for all the literals of all patterns in one pass over a line; then
 * prefilter_may_match() says, per pattern, whether it is worth running.
 *
 * The analysis is conservative: a construct it does not follow (back
 * references, \Q...\E, (?x), verbs, caseless non-ASCII) yields "no
 * requirement", and the pattern always runs.  Literals are matched ASCII
 * caseless, so a caseless (?i) pattern is covered too; a false hit only
 * costs a regex run.  Not thread-safe: the scan state lives in the object.
 */
#ifndef WINNOW_PREFILTER_H
#define WINNOW_PREFILTER_H

#include <stddef.h>

#include "core/buf.h"

struct prefilter;

struct prefilter *prefilter_new(void);

/*
 * prefilter_add(pf, pat, len): analyse pattern 'pat' and return its id
 * (0, 1, 2... in the order added).  Never fails: a pattern it cannot read
 * simply has no requirement.
 */
int prefilter_add(struct prefilter *pf, const char *pat, size_t len);

/* prefilter_literals(pf, id): how many literals pattern 'id' was given. */
size_t prefilter_literals(const struct prefilter *pf, int id);

/*
 * prefilter_describe(pf, id, out): append what pattern 'id' needs, as
 * ("a"|"b") & ("c"), or "*" for nothing; for tests and debugging.
 */
void prefilter_describe(const struct prefilter *pf, int id, struct buf *out);

/*
 * prefilter_scan(pf, s, len): find which literals occur in 's' (ASCII
 * caseless).  The result is kept until the next scan.
 */
void prefilter_scan(struct prefilter *pf, const char *s, size_t len);

/*
 * prefilter_may_match(pf, id): after a scan, 0 when pattern 'id' certainly
 * cannot match the scanned text, 1 when it may.
 */
int prefilter_may_match(const struct prefilter *pf, int id);

/*
 * prefilter_ready(pf, &ids): after a scan, the ids of the patterns that
 * may match, ascending; points into 'pf', valid until the next scan.
 */
size_t prefilter_ready(struct prefilter *pf, const int **ids);

void prefilter_free(struct prefilter *pf);

#endif
