/*
 * fuzz_strip_model: the line model file parser (what winnow-strip --model
 * reads) on any file, and a model it accepts run over a page.
 *
 * Properties: a file is taken whole or not at all; an accepted model,
 * written out and read back, reads the same and writes the same bytes;
 * with it, strip_text() keeps to its contract (valid UTF-8, no longer than
 * the input) and its scores are probabilities.
 */
#include <stdint.h>
#include <string.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "strip/internal.h"
#include "fuzz.h"

static struct strip *st;

static const char page[] =
    "정치\n경제\n사회\n"
    "정부는 오늘 새 경제 정책을 발표하면서 올해 성장률 전망치를 낮췄다고 밝혔다.\n"
    "\n"
    "전문가들은 내수 부진이 이어지면서 하반기에도 경기 회복이 쉽지 않을 것이라고 내다봤다.\n"
    "많이 본 뉴스\n"
    "The council voted on Tuesday to approve a budget for roads and parks.\n";

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_quiet();
	st = strip_new();
	if (strip_add_builtin(st) <= 0)
		fuzz_fail(__FILE__, __LINE__, "built-in rules refused");
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strip_model m, m2;
	struct buf a = BUF_INIT, b = BUF_INIT;
	struct strip_result res = STRIP_RESULT_INIT;
	const double *p;
	size_t i, n;
	int lang;

	if (model_parse(&m, (const char *)data, size, "fuzz") < 0) {
		FUZZ_ASSERT(m.lang[0].tree[0] == NULL && m.lang[1].tree[1] == NULL);
		return 0;
	}
	model_format(&m, "fuzz", &a);
	FUZZ_ASSERT(model_parse(&m2, a.data, a.len, "formatted") == 0);
	model_format(&m2, "fuzz", &b);
	FUZZ_ASSERT(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
	FUZZ_ASSERT(strip_set_model(st, a.data, a.len, "fuzz") == 0);
	for (lang = STRIP_KO; lang <= STRIP_EN; lang++) {
		FUZZ_ASSERT(strip_text(st, page, sizeof page - 1, lang, &res) == 0);
		FUZZ_ASSERT(res.text.len <= sizeof page - 1);
		FUZZ_ASSERT(utf8_check(res.text.data ? res.text.data : "",
		    res.text.len) == res.text.len);
		n = strip_scores(st, &p);
		for (i = 0; i < n; i++)
			FUZZ_ASSERT(p[i] == -1 || (p[i] >= 0 && p[i] <= 1));
	}
	strip_set_model(st, NULL, 0, NULL);
	model_release(&m);
	model_release(&m2);
	strip_result_release(&res);
	buf_release(&a);
	buf_release(&b);
	return 0;
}
