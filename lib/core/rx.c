/* rx: PCRE2 patterns with the limits hostile input needs. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <pcre2.h>

#include "core/buf.h"
#include "core/rx.h"
#include "core/util.h"

#define RX_MAX_PATTERN (64 * 1024)
#define RX_MATCH_LIMIT 1000000
#define RX_DEPTH_LIMIT 10000
#define RX_HEAP_KIB (64 * 1024)
#define RX_JIT_STACK_MIN (32 * 1024)
#define RX_JIT_STACK_MAX (512 * 1024)

struct rx {
	pcre2_code *code;
	pcre2_match_data *md;
	pcre2_match_context *mctx;
	int groups;
};

/*
 * The JIT stack: one per thread, shared by every pattern, handed to PCRE2
 * at each match.  A stack reserves RX_JIT_STACK_MAX of address space;
 * with one per pattern, a rule file of 10,000 patterns took 5 GB of it and
 * failed under ulimit -v.  When it cannot be made, PCRE2 falls back to 32
 * KiB on the machine stack (deep matches then hit RX_LIMIT sooner).
 */
static pcre2_jit_stack *
jit_stack(void *unused)
{
	static _Thread_local pcre2_jit_stack *stack;

	if (stack == NULL)
		stack = pcre2_jit_stack_create(RX_JIT_STACK_MIN,
		    RX_JIT_STACK_MAX, NULL);
	return stack;
}

struct rx *
rx_compile(const char *pat, size_t len, unsigned flags, struct buf *err)
{
	struct rx *rx;
	pcre2_compile_context *cctx = NULL;
	uint32_t opts = PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF |
	    PCRE2_NEVER_BACKSLASH_C;
	int errcode;
	PCRE2_SIZE erroff;
	uint32_t ncap;

	if (len > RX_MAX_PATTERN) {
		buf_printf(err, "pattern longer than %d bytes", RX_MAX_PATTERN);
		return NULL;
	}
	if (flags & RX_CASELESS)
		opts |= PCRE2_CASELESS;
	if (flags & RX_ANCHORED)
		opts |= PCRE2_ANCHORED;
	if (flags & RX_MULTILINE)
		opts |= PCRE2_MULTILINE;

	rx = xcalloc(1, sizeof *rx);
	cctx = pcre2_compile_context_create(NULL);
	if (cctx == NULL)
		out_of_memory();
	rx->code = pcre2_compile((PCRE2_SPTR)pat, len, opts, &errcode, &erroff,
	    cctx);
	pcre2_compile_context_free(cctx);
	if (rx->code == NULL) {
		PCRE2_UCHAR msg[256];

		pcre2_get_error_message(errcode, msg, sizeof msg);
		buf_printf(err, "%s at offset %zu", (char *)msg, (size_t)erroff);
		goto fail;
	}
	/* JIT is an optimization: when it is unavailable, interpret. */
	(void)pcre2_jit_compile(rx->code, PCRE2_JIT_COMPLETE);
	pcre2_pattern_info(rx->code, PCRE2_INFO_CAPTURECOUNT, &ncap);
	rx->groups = (int)ncap;
	rx->md = pcre2_match_data_create_from_pattern(rx->code, NULL);
	rx->mctx = pcre2_match_context_create(NULL);
	if (rx->md == NULL || rx->mctx == NULL)
		out_of_memory();
	pcre2_set_match_limit(rx->mctx, RX_MATCH_LIMIT);
	pcre2_set_depth_limit(rx->mctx, RX_DEPTH_LIMIT);
	pcre2_set_heap_limit(rx->mctx, RX_HEAP_KIB);
	pcre2_jit_stack_assign(rx->mctx, jit_stack, NULL);
	return rx;
fail:
	rx_free(rx);
	return NULL;
}

void
rx_set_match_limit(struct rx *rx, unsigned n)
{
	pcre2_set_match_limit(rx->mctx, n);
}

int
rx_exec(struct rx *rx, const char *s, size_t len, size_t start, size_t *ovec,
    int nvec)
{
	PCRE2_SIZE *ov;
	int rc, i;

	if (start > len)
		return RX_NOMATCH;
	rc = pcre2_match(rx->code, (PCRE2_SPTR)s, len, start, 0, rx->md,
	    rx->mctx);
	if (rc == PCRE2_ERROR_NOMATCH)
		return RX_NOMATCH;
	if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
	    rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT)
		return RX_LIMIT;
	if (rc < 0)
		return RX_ERROR;
	if (rc == 0)		/* ovector too small: cannot happen, sized from pattern */
		rc = (int)pcre2_get_ovector_count(rx->md);
	ov = pcre2_get_ovector_pointer(rx->md);
	if (rc > nvec)
		rc = nvec;
	for (i = 0; i < rc; i++) {
		ovec[2 * i] = ov[2 * i] == PCRE2_UNSET ? SIZE_MAX : ov[2 * i];
		ovec[2 * i + 1] = ov[2 * i + 1] == PCRE2_UNSET ? SIZE_MAX :
		    ov[2 * i + 1];
	}
	for (; i < nvec; i++)
		ovec[2 * i] = ovec[2 * i + 1] = SIZE_MAX;
	return rc;
}

int
rx_groups(const struct rx *rx)
{
	return rx->groups;
}

const char *
rx_errmsg(int rc)
{
	switch (rc) {
	case RX_LIMIT:
		return "pattern hit its backtracking limit";
	case RX_ERROR:
		return "pattern matching failed";
	}
	return "no error";
}

void
rx_free(struct rx *rx)
{
	if (rx == NULL)
		return;
	pcre2_match_context_free(rx->mctx);
	pcre2_match_data_free(rx->md);
	pcre2_code_free(rx->code);
	free(rx);
}
