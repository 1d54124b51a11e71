/* Unit tests for lib/dec: exact decimals for money values. */
#include <check.h>
#include <string.h>

#include "core/dec.h"
#include "check_main.h"

static struct dec
D(const char *s)
{
	struct dec d;

	ck_assert_msg(dec_parse(s, strlen(s), &d) == 0, "parse %s", s);
	return d;
}

static void
ck_dec(const struct dec *d, const char *want)
{
	char buf[DEC_STRLEN];

	dec_format(d, buf);
	ck_assert_str_eq(buf, want);
}

/* Each row: text, whether it parses, how it prints back. */
static const struct {
	const char *in;
	int ok;
	const char *out;
} parse_rows[] = {
	{ "0", 1, "0" },
	{ "000", 1, "0" },
	{ "9300", 1, "9300" },
	{ "64.45", 1, "64.45" },
	{ "2.50", 1, "2.5" },
	{ "0.01", 1, "0.01" },
	{ "007.100", 1, "7.1" },
	{ "0.00000002", 1, "0.00000002" },
	{ "12345678901234567890123456789012345678", 1,
	    "12345678901234567890123456789012345678" },	/* 38 digits */
	{ "123456789012345678901234567890123456789", 0, NULL },	/* 39 */
	{ "0000000000000000000000000000000000000000001", 1, "1" },
	{ "", 0, NULL },
	{ ".", 0, NULL },
	{ "1.2.3", 0, NULL },
	{ "1,000", 0, NULL },
	{ "-5", 0, NULL },
	{ "5.", 1, "5" },
	{ ".5", 1, "0.5" },
};

START_TEST(test_dec_parse_table)
{
	struct dec d;
	const char *in = parse_rows[_i].in;
	int r = dec_parse(in, strlen(in), &d);

	ck_assert_int_eq(r == 0, parse_rows[_i].ok);
	if (parse_rows[_i].ok)
		ck_dec(&d, parse_rows[_i].out);
}
END_TEST

/* 9300조: beyond a double's 2^53, and 9999경 beyond int64. */
START_TEST(test_dec_big_values_exact)
{
	struct dec d = dec_int(9300);

	ck_assert_int_eq(dec_shift(&d, 12), 0);
	ck_dec(&d, "9300000000000000");
	d = dec_int(9999);
	ck_assert_int_eq(dec_shift(&d, 16), 0);
	ck_dec(&d, "99990000000000000000");
	d = dec_int(9007199254740993ULL);	/* 2^53 + 1 */
	ck_dec(&d, "9007199254740993");
}
END_TEST

START_TEST(test_dec_shift_uses_fraction)
{
	struct dec d = D("1.5");

	ck_assert_int_eq(dec_shift(&d, 12), 0);	/* 1.5조 */
	ck_dec(&d, "1500000000000");
	d = D("64.2");
	ck_assert_int_eq(dec_shift(&d, -2), 0);	/* 64.2 cents */
	ck_dec(&d, "0.642");
	d = D("0.25");
	ck_assert_int_eq(dec_shift(&d, 6), 0);
	ck_dec(&d, "250000");
	d = dec_int(0);
	ck_assert_int_eq(dec_shift(&d, 400), 0);	/* zero stays zero */
	ck_dec(&d, "0");
}
END_TEST

START_TEST(test_dec_shift_overflow)
{
	struct dec d = dec_int(1);

	ck_assert_int_eq(dec_shift(&d, 37), 0);
	ck_assert_int_eq(dec_shift(&d, 1), -1);	/* 10^38 is out */
	d = dec_int(1);
	ck_assert_int_eq(dec_shift(&d, -38), 0);
	ck_dec(&d, "0.00000000000000000000000000000000000001");
	ck_assert_int_eq(dec_shift(&d, -1), -1);
}
END_TEST

START_TEST(test_dec_add)
{
	struct dec a = D("64"), b = D("0.45"), r;

	ck_assert_int_eq(dec_add(&r, &a, &b), 0);	/* 64달러 45센트 */
	ck_dec(&r, "64.45");
	a = D("1000000000000");		/* 1조 */
	b = D("200000000000");		/* 2,000억 */
	ck_assert_int_eq(dec_add(&a, &a, &b), 0);	/* aliasing */
	ck_dec(&a, "1200000000000");
	a = D("0.1");
	b = D("0.2");
	ck_assert_int_eq(dec_add(&r, &a, &b), 0);	/* not 0.30000000000000004 */
	ck_dec(&r, "0.3");
	a = D("99999999999999999999999999999999999999");
	b = D("1");
	ck_assert_int_eq(dec_add(&r, &a, &b), -1);
}
END_TEST

START_TEST(test_dec_mul)
{
	struct dec a = D("0.75"), b = dec_int(1000000000), r;

	ck_assert_int_eq(dec_mul(&r, &a, &b), 0);	/* three quarters billion */
	ck_dec(&r, "750000000");
	a = D("1.1");
	b = D("1.1");
	ck_assert_int_eq(dec_mul(&r, &a, &b), 0);
	ck_dec(&r, "1.21");
	a = D("10000000000000000000");
	b = D("10000000000000000000");
	ck_assert_int_eq(dec_mul(&r, &a, &b), -1);	/* 10^38 */
	a = D("0");
	ck_assert_int_eq(dec_mul(&r, &a, &b), 0);
	ck_dec(&r, "0");
}
END_TEST

START_TEST(test_dec_cmp)
{
	struct dec a = D("2.5"), b = D("2.50"), c = D("2.05"), big = D("1000");

	ck_assert_int_eq(dec_cmp(&a, &b), 0);
	ck_assert_int_eq(dec_cmp(&a, &c), 1);
	ck_assert_int_eq(dec_cmp(&c, &a), -1);
	ck_assert_int_eq(dec_cmp(&big, &a), 1);
	ck_assert_int_eq(dec_cmp(&a, &big), -1);
	ck_assert(dec_is_int(&big));
	ck_assert(!dec_is_int(&a));
	ck_assert(dec_is_zero(&(struct dec){ 0, 3 }));
}
END_TEST

static Suite *
dec_suite(void)
{
	Suite *s = suite_create("dec");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_dec_parse_table, 0,
	    sizeof parse_rows / sizeof parse_rows[0]);
	tcase_add_test(tc, test_dec_big_values_exact);
	tcase_add_test(tc, test_dec_shift_uses_fraction);
	tcase_add_test(tc, test_dec_shift_overflow);
	tcase_add_test(tc, test_dec_add);
	tcase_add_test(tc, test_dec_mul);
	tcase_add_test(tc, test_dec_cmp);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(dec_suite)
