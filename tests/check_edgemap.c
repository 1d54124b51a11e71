/* Unit tests for lib/core/edgemap: the edges of a trie, (node, symbol) -> child. */
#include <check.h>
#include <stdint.h>

#include "core/edgemap.h"
#include "check_main.h"

/* A small trie: each row an edge, in the order put. */
static const struct {
	uint32_t node, sym, child;
} edges[] = {
	{ 0, 'a', 1 }, { 0, 'b', 2 }, { 1, 'a', 3 }, { 2, 'a', 4 },
	{ 0, 0xAC00, 5 },		/* 가: a code point */
	{ 5, 0x10FFFF, 6 },		/* the last code point */
	{ 0, 0, 7 },			/* symbol 0 is a symbol like any */
	{ 7, 0, 8 },
};

START_TEST(test_edgemap_table)
{
	unsigned q;

	for (q = EDGEMAP_HALF; q <= EDGEMAP_THREE_QUARTERS; q++) {
		struct edgemap m;
		size_t i;

		edgemap_init(&m, q);
		ck_assert_uint_eq(edgemap_find(&m, 0, 'a'), 0);	/* empty */
		for (i = 0; i < sizeof edges / sizeof edges[0]; i++) {
			uint32_t *c = edgemap_put(&m, edges[i].node, edges[i].sym);

			ck_assert_uint_eq(*c, 0);	/* new */
			*c = edges[i].child;
		}
		for (i = 0; i < sizeof edges / sizeof edges[0]; i++) {
			ck_assert_uint_eq(edgemap_find(&m, edges[i].node, edges[i].sym),
			    edges[i].child);
			/* a second put finds the edge there */
			ck_assert_uint_eq(*edgemap_put(&m, edges[i].node, edges[i].sym),
			    edges[i].child);
		}
		ck_assert_uint_eq(m.n, sizeof edges / sizeof edges[0]);
		/* what is not there: another node, another symbol */
		ck_assert_uint_eq(edgemap_find(&m, 3, 'a'), 0);
		ck_assert_uint_eq(edgemap_find(&m, 0, 'c'), 0);
		ck_assert_uint_eq(edgemap_find(&m, 5, 0x10FFFE), 0);
		ck_assert_uint_eq(edgemap_find(&m, 1, 0), 0);
		edgemap_free(&m);
	}
}
END_TEST

/* Many edges: the table doubles and keeps every one, at its load bound. */
START_TEST(test_edgemap_growth)
{
	unsigned q;

	for (q = EDGEMAP_HALF; q <= EDGEMAP_THREE_QUARTERS; q++) {
		struct edgemap m;
		uint32_t i;

		edgemap_init(&m, q);
		for (i = 1; i <= 100000; i++)
			*edgemap_put(&m, i / 300, i % 300 * 3571) = i;
		ck_assert_uint_eq(m.n, 100000);
		ck_assert_uint_le(m.n * 4, m.cap * q);
		ck_assert_uint_gt(m.n * 4 * 2, m.cap * q);	/* no bigger than needed */
		for (i = 1; i <= 100000; i++)
			ck_assert_uint_eq(edgemap_find(&m, i / 300, i % 300 * 3571), i);
		edgemap_free(&m);
	}
}
END_TEST

/* clear keeps a small table for reuse and lets a big one go; reserve sizes once. */
START_TEST(test_edgemap_clear_reserve)
{
	struct edgemap m;
	size_t cap;
	uint32_t i;

	edgemap_init(&m, EDGEMAP_THREE_QUARTERS);
	*edgemap_put(&m, 0, 'x') = 1;
	cap = m.cap;
	edgemap_clear(&m, 4096);
	ck_assert_uint_eq(m.n, 0);
	ck_assert_uint_eq(m.cap, cap);
	ck_assert_uint_eq(edgemap_find(&m, 0, 'x'), 0);
	edgemap_reserve(&m, 10000);
	cap = m.cap;
	ck_assert_uint_ge(cap * 3, 10000 * 4);
	for (i = 1; i <= 10000; i++)
		*edgemap_put(&m, i, 'y') = i;
	ck_assert_uint_eq(m.cap, cap);		/* no growth on the way */
	edgemap_clear(&m, 4096);
	ck_assert_uint_eq(m.cap, 0);
	ck_assert_uint_eq(edgemap_find(&m, 1, 'y'), 0);
	*edgemap_put(&m, 0, 'z') = 2;
	ck_assert_uint_eq(edgemap_find(&m, 0, 'z'), 2);
	edgemap_free(&m);
}
END_TEST

static Suite *
edgemap_suite(void)
{
	Suite *s = suite_create("edgemap");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_edgemap_table);
	tcase_add_test(tc, test_edgemap_growth);
	tcase_add_test(tc, test_edgemap_clear_reserve);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(edgemap_suite)
