/*
 * rx: PCRE2 patterns with the limits hostile input needs.
 *
 * Every pattern is compiled for UTF-8 with Unicode properties (\w, \d and
 * \b know Hangul), JIT-compiled when the platform allows, and matched under
 * explicit match, depth and heap limits with a 512 KiB JIT stack, so a
 * pattern that backtracks catastrophically returns RX_LIMIT instead of
 * hanging.  Subjects may hold invalid UTF-8 (PCRE2_MATCH_INVALID_UTF): such
 * bytes never match, and nothing crashes.
 *
 * A struct rx owns its match data: use one from one thread at a time.
 */
#ifndef WINNOW_RX_H
#define WINNOW_RX_H

#include <stddef.h>

#include "core/buf.h"

struct rx;

enum {
	RX_CASELESS = 1 << 0,	/* (?i) */
	RX_ANCHORED = 1 << 1,	/* match only at the start offset */
	RX_MULTILINE = 1 << 2	/* ^ and $ at line ends too */
};

/* What rx_exec returns besides a count of groups. */
enum {
	RX_NOMATCH = 0,
	RX_LIMIT = -1,		/* match, depth or heap limit hit */
	RX_ERROR = -2		/* any other matching error */
};

/*
 * rx_compile(pat, len, flags, err): compile 'len' bytes of 'pat'.  Returns
 * the pattern, or NULL with a message such as "missing closing parenthesis
 * at offset 4" in 'err' (appended).  Patterns over 64 KiB and \C are
 * refused; UTF and UCP mode are always on.
 */
struct rx *rx_compile(const char *pat, size_t len, unsigned flags,
    struct buf *err);

/*
 * rx_set_match_limit(rx, n): lower (or raise) the match limit of 'rx' from
 * its default of 1,000,000 steps per call.
 */
void rx_set_match_limit(struct rx *rx, unsigned n);

/*
 * rx_exec(rx, s, len, start, ovec, nvec): search 's' from byte 'start'.
 * On a match returns the number of pairs set in 'ovec' (at most 'nvec'
 * pairs: ovec[2*i] and ovec[2*i+1] are the byte span of group i, group 0
 * the whole match; an unset group is (SIZE_MAX, SIZE_MAX)).  Returns
 * RX_NOMATCH, or RX_LIMIT / RX_ERROR (rx_errmsg tells which).
 *
 *	size_t ov[2], at = 0;
 *	while (rx_exec(rx, s, len, at, ov, 1) > 0) {
 *		use(s + ov[0], ov[1] - ov[0]);
 *		at = ov[1] > ov[0] ? ov[1] : ov[1] + 1;    (step past empty)
 *	}
 */
int rx_exec(struct rx *rx, const char *s, size_t len, size_t start,
    size_t *ovec, int nvec);

/* rx_groups(rx): the number of capturing groups in the pattern. */
int rx_groups(const struct rx *rx);

/* rx_errmsg(rc): a message for a negative rx_exec result. */
const char *rx_errmsg(int rc);

void rx_free(struct rx *rx);

#endif
