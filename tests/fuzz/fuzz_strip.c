/*
 * fuzz_strip: the boilerplate classifier (lib/strip, with the built-in
 * rules, layout heuristics and, for some inputs, the built-in line model
 * and site templates) on any document.
 *
 * The first byte picks the language (auto, Korean, English), whether
 * templates count lines and whether the line model decides; the rest,
 * made valid UTF-8, is the document.  Properties: the text kept is valid
 * UTF-8 and no longer than the input; an unchanged result is the input
 * itself; cuts are in line order and lie inside the input; a rule that
 * hits its limit leaves the text whole; the model's scores are
 * probabilities.
 */
#include <stdint.h>
#include <string.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "strip/internal.h"
#include "fuzz.h"

static struct strip *st, *modelled;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_quiet();
	st = strip_new();
	modelled = strip_new();
	if (strip_add_builtin(st) <= 0 || strip_add_builtin(modelled) <= 0)
		fuzz_fail(__FILE__, __LINE__, "built-in rules refused");
	if (strip_use_builtin_model(modelled) < 0)
		fuzz_fail(__FILE__, __LINE__, "built-in model refused");
	return 0;
}

static void
check_result(const char *s, size_t len, int rc, const struct strip_result *res)
{
	size_t i;

	FUZZ_ASSERT(rc == 0 || rc == 1);
	FUZZ_ASSERT(utf8_check(res->text.data ? res->text.data : "",
	    res->text.len) == res->text.len);
	if (rc == 1 || !res->changed) {
		FUZZ_ASSERT(res->text.len == len &&
		    memcmp(res->text.data ? res->text.data : "", s, len) == 0);
	}
	if (rc == 1)
		FUZZ_ASSERT(res->failed != NULL && res->ncut == 0);
	FUZZ_ASSERT(res->text.len <= len);
	FUZZ_ASSERT(res->lang == STRIP_KO || res->lang == STRIP_EN);
	for (i = 0; i < res->ncut; i++) {
		const struct strip_cut *c = &res->cut[i];

		FUZZ_ASSERT(c->reason != NULL && c->line >= 1);
		FUZZ_ASSERT(c->start <= len && c->len <= len - c->start);
		FUZZ_ASSERT(utf8_check(s + c->start, c->len) == c->len);
		if (i > 0)
			FUZZ_ASSERT(c->line >= res->cut[i - 1].line);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int langs[] = { STRIP_AUTO, STRIP_KO, STRIP_EN, STRIP_AUTO };
	static const unsigned char seed[STATE_SEED_SIZE];
	struct strip_result res = STRIP_RESULT_INIT;
	struct buf doc = BUF_INIT;
	struct tmpl *t = NULL;
	struct strip *use = st;
	const double *p;
	const char *s;
	size_t i, n;
	int lang, rc, round, rounds = 1;

	if (size < 1)
		return 0;
	lang = langs[data[0] & 3];
	if (data[0] & 8)
		use = modelled;	/* the line model decides, too */
	utf8_repair((const char *)data + 1, size - 1, &doc);
	s = doc.data ? doc.data : "";
	if (data[0] & 4) {
		/* The same document three times: its lines become templates. */
		t = tmpl_new(seed, 1000);
		strip_set_templates(use, t, 2);
		rounds = 3;
	}
	for (round = 0; round < rounds; round++) {
		if (t)
			tmpl_doc(t);
		rc = strip_text(use, s, doc.len, lang, &res);
		check_result(s, doc.len, rc, &res);
		/* The model's verdicts are probabilities, or -1 (not judged). */
		n = rc == 0 ? strip_scores(use, &p) : 0;
		for (i = 0; i < n; i++)
			FUZZ_ASSERT(p[i] == -1 || (p[i] >= 0 && p[i] <= 1));
	}
	strip_set_templates(use, NULL, 0);
	tmpl_free(t);
	strip_result_release(&res);
	buf_release(&doc);
	return 0;
}
