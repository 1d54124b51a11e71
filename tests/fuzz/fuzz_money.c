/*
 * fuzz_money: the money parser (lib/money) on any text.
 *
 * The first byte picks a configuration (the defaults, or $ as CAD and a
 * local currency) and whether the rest is used as it is or made valid
 * UTF-8 first.  Properties: amounts are in order, do not overlap, lie
 * inside the text and start and end on character boundaries; each has a
 * value or bounds as its qualifier says, every value formats as digits
 * with at most one point, and min <= max.
 */
#include <ctype.h>
#include <stdint.h>
#include <string.h>

#include "core/buf.h"
#include "core/dec.h"
#include "core/utf8.h"
#include "money/money.h"
#include "fuzz.h"

static struct money_cfg *cfg;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_quiet();
	cfg = money_cfg_new();
	if (money_cfg_assume(cfg, "--assume", "$=CAD,¥=CNY") < 0 ||
	    money_cfg_default(cfg, "--local", "KRW") < 0)
		fuzz_fail(__FILE__, __LINE__, "configuration refused");
	return 0;
}

static void
check_dec(const struct dec *d)
{
	char s[DEC_STRLEN];
	size_t n = dec_format(d, s), i, points = 0;

	FUZZ_ASSERT(n > 0 && n < DEC_STRLEN);
	for (i = 0; i < n; i++) {
		FUZZ_ASSERT(isdigit((unsigned char)s[i]) || s[i] == '.');
		points += s[i] == '.';
	}
	FUZZ_ASSERT(points <= 1 && s[0] != '.' && s[n - 1] != '.');
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct money_list l = MONEY_LIST_INIT;
	struct buf text = BUF_INIT;
	const char *s;
	size_t len, n, i, prev_end = 0;
	int valid;

	if (size < 1)
		return 0;
	s = fuzz_text(data, size, data[0] & 2, &text, &len);
	valid = utf8_check(s, len) == len;
	n = money_find(data[0] & 1 ? cfg : NULL, s, len, &l);
	FUZZ_ASSERT(n == l.n);
	for (i = 0; i < n; i++) {
		const struct money *m = &l.v[i];

		FUZZ_ASSERT(m->start < m->end && m->end <= len);
		FUZZ_ASSERT(m->start >= prev_end);
		prev_end = m->end;
		if (valid) {
			FUZZ_ASSERT(utf8_check(s + m->start, m->end - m->start) ==
			    m->end - m->start);
		}
		FUZZ_ASSERT(strlen(m->currency) == 3);
		FUZZ_ASSERT(m->has_value || m->has_min || m->has_max);
		if (m->has_value)
			check_dec(&m->value);
		if (m->has_min)
			check_dec(&m->min);
		if (m->has_max)
			check_dec(&m->max);
		if (m->has_min && m->has_max)
			FUZZ_ASSERT(dec_cmp(&m->min, &m->max) <= 0);
		FUZZ_ASSERT(m->qualifier <= MONEY_VAGUE);
	}
	buf_release(&text);
	return 0;
}
