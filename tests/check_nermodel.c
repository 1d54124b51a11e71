/* Unit tests for lib/ner/model.c: the model file is checked, never half-read. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "ner/internal.h"
#include "check_main.h"

/* A small model: 'n' features with known weights, a gazetteer, a note. */
static void
small_model(struct buf *out, size_t n)
{
	struct nermodel_row *rows = calloc(n, sizeof *rows);
	float trans[NER_NTAGS * NER_NTAGS] = { 0 }, start[NER_NTAGS] = { 0 };
	struct gaz *g = gaz_new();
	size_t i;

	for (i = 0; i < n; i++) {
		rows[i].key = (uint64_t)(i + 1) * 0x9e3779b97f4a7c15ULL;
		rows[i].w[i % NER_NTAGS] = (float)(i % 7) + 1;
	}
	/* the writer wants rows sorted by key */
	for (i = 1; i < n; i++) {
		struct nermodel_row r = rows[i];
		size_t j = i;

		while (j > 0 && rows[j - 1].key > r.key) {
			rows[j] = rows[j - 1];
			j--;
		}
		rows[j] = r;
	}
	trans[NER_O * NER_NTAGS + NER_B(NER_PS)] = -3;
	gaz_add(g, "서울", strlen("서울"), 1u << NER_LC);
	{
		struct nermodel_spec spec = {
			NER_KO, rows, n, trans, start, g, "corpus=test\n", 0
		};

		nermodel_write(&spec, out);
	}
	gaz_free(g);
	free(rows);
}

START_TEST(test_nermodel_round_trip)
{
	struct buf b = BUF_INIT;
	struct nermodel *m;
	int32_t out[NER_NTAGS];
	uint64_t key = 0x9e3779b97f4a7c15ULL * 7;	/* row 6: weight 7 */
	uint64_t absent = 12345;
	const char *note;
	size_t len;

	small_model(&b, 100);
	m = nermodel_open(b.data, b.len, "test");
	ck_assert_ptr_nonnull(m);
	ck_assert_int_eq(nermodel_lang(m), NER_KO);
	ck_assert_uint_eq(nermodel_features(m), 100);
	ck_assert_uint_eq(gaz_count(nermodel_gaz(m)), 1);
	note = nermodel_note(m, &len);
	ck_assert(len == 12 && memcmp(note, "corpus=test\n", 12) == 0);
	/* the largest weight is 64 steps; 7 is the largest here */
	nermodel_emit(m, &key, 1, out);
	ck_assert_int_eq(out[6 % NER_NTAGS], 64);
	nermodel_emit(m, &absent, 1, out);
	ck_assert_int_eq(out[0], 0);
	ck_assert_int_lt(nermodel_trans(m)[NER_O * NER_NTAGS + NER_B(NER_PS)], 0);
	nermodel_free(m);
	nermodel_free(NULL);
	buf_release(&b);
}
END_TEST

START_TEST(test_nermodel_same_spec_same_bytes)
{
	struct buf a = BUF_INIT, b = BUF_INIT;

	small_model(&a, 1000);
	small_model(&b, 1000);
	ck_assert_uint_eq(a.len, b.len);
	ck_assert(memcmp(a.data, b.data, a.len) == 0);
	buf_release(&a);
	buf_release(&b);
}
END_TEST

/* Every truncation is refused, as is any flipped byte. */
START_TEST(test_nermodel_refuses_truncated_and_corrupt)
{
	struct buf b = BUF_INIT;
	size_t cut, i;

	small_model(&b, 50);
	for (cut = 0; cut < b.len; cut += cut < 64 ? 1 : 97)
		ck_assert_ptr_null(nermodel_open(b.data, cut, "cut"));
	ck_assert_ptr_null(nermodel_open(b.data, b.len - 1, "cut"));
	for (i = 0; i < b.len; i += 257) {
		b.data[i] ^= 0x20;
		ck_assert_ptr_null(nermodel_open(b.data, b.len, "flipped"));
		b.data[i] ^= 0x20;
	}
	/* and the intact bytes still open */
	{
		struct nermodel *m = nermodel_open(b.data, b.len, "intact");

		ck_assert_ptr_nonnull(m);
		nermodel_free(m);
	}
	buf_release(&b);
}
END_TEST

START_TEST(test_nermodel_load_files)
{
	char path[512];
	struct buf b = BUF_INIT;
	struct nermodel *m;
	FILE *fp;

	small_model(&b, 20);
	snprintf(path, sizeof path, "%s", check_file("model.wnm", b.data, b.len));
	m = nermodel_load(path);
	ck_assert_ptr_nonnull(m);
	ck_assert_uint_eq(nermodel_size(m), b.len);
	nermodel_free(m);
	/* a text file is not a model */
	fp = fopen(path, "w");
	fputs("PERSON\t김연아\n", fp);
	fclose(fp);
	ck_assert_ptr_null(nermodel_load(path));
	unlink(path);
	ck_assert_ptr_null(nermodel_load(path));
	ck_assert_ptr_null(nermodel_load("/"));
	buf_release(&b);
}
END_TEST

static Suite *
nermodel_suite(void)
{
	Suite *s = suite_create("nermodel");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, check_tmpdir_setup, check_tmpdir_teardown);

	tcase_add_test(tc, test_nermodel_round_trip);
	tcase_add_test(tc, test_nermodel_same_spec_same_bytes);
	tcase_add_test(tc, test_nermodel_refuses_truncated_and_corrupt);
	tcase_add_test(tc, test_nermodel_load_files);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(nermodel_suite)
