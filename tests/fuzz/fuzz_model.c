/*
 * fuzz_model: the entity model loader (lib/ner/model.c, with the gazetteer
 * block inside a model) and the gazetteer file reader (lib/gaz, what
 * winnow-tag --gazetteer reads), on any bytes.
 *
 * First byte, bit 0: the rest is a gazetteer file, loaded and matched;
 * else it is a model file, whose size field and checksum are recomputed
 * when bit 1 is set (so the fuzzer reaches the table and gazetteer
 * checks, which a checksum alone would hide).  A model that opens tags a
 * fixed text.  Properties: refused or loaded whole, never a read outside
 * the bytes; spans in order, inside the text, on character boundaries.
 */
#define XXH_INLINE_ALL
#include <xxhash.h>

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/utf8.h"
#include "ner/internal.h"
#include "fuzz.h"

static char path[4096];
static const char text[] =
    "삼성전자는 3일 서울 서초구에서 2024년 실적을 발표했다. 이재용 회장은\n"
    "Apple Inc. said on Monday in New York that Tim Cook would visit Seoul at 3 p.m.\n"
    "\n한국은행 100억 원 30% 오후 3시";

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_quiet();
	fuzz_temp_path("fuzz_model", "names.tsv", path, sizeof path);
	return 0;
}

static void
check_spans(const struct ner_spans *sp, size_t n)
{
	size_t i, prev = 0;

	FUZZ_ASSERT(n == sp->n);
	for (i = 0; i < n; i++) {
		const struct ner_span *s = &sp->v[i];

		FUZZ_ASSERT(s->start < s->end && s->bstart < s->bend);
		FUZZ_ASSERT(s->bend <= sizeof text - 1 && s->bstart >= prev);
		FUZZ_ASSERT(s->type >= 0 && s->type < NER_NTYPES);
		FUZZ_ASSERT(utf8_count(text, s->bstart) == s->start);
		FUZZ_ASSERT(utf8_count(text, s->bend) == s->end);
		FUZZ_ASSERT(utf8_check(text + s->bstart, s->bend - s->bstart) ==
		    s->bend - s->bstart);
		prev = s->bend;
	}
}

static void
fuzz_gazetteer(const uint8_t *p, size_t n)
{
	static int32_t cp[sizeof text];
	struct gaz *g = gaz_new();
	long added;
	size_t ncp = 0, at = 0, i;

	fuzz_write_file(path, p, n);
	added = gaz_load(g, path);
	FUZZ_ASSERT(added >= -1);
	if (added < 0)
		FUZZ_ASSERT(gaz_count(g) == 0);
	while (at < sizeof text - 1) {
		int k = utf8_decode(text + at, sizeof text - 1 - at, &cp[ncp]);

		FUZZ_ASSERT(k > 0);
		at += (size_t)k;
		ncp++;
	}
	for (i = 0; i < ncp; i++) {
		unsigned types = 0;
		size_t m = gaz_match(g, cp, ncp, i, NULL, NER_TYPE_MASK | GAZ_WORD,
		    &types);

		FUZZ_ASSERT(m <= ncp - i);
		if (m > 0)
			FUZZ_ASSERT(types != 0);
	}
	if (added > 0) {
		/* Through the tagger, as winnow-tag uses it. */
		struct ner *tagger = ner_new();
		struct ner_spans sp = NER_SPANS_INIT;

		ner_set_gazetteer(tagger, g);
		g = NULL;
		check_spans(&sp, ner_tag(tagger, text, sizeof text - 1, &sp));
		ner_spans_release(&sp);
		ner_free(tagger);
	}
	gaz_free(g);
}

static void
fuzz_modelfile(const uint8_t *p, size_t n, int fix)
{
	uint8_t *m = malloc(n ? n : 1);
	struct nermodel *model;

	memcpy(m, p, n);
	if (fix && n >= 32 + 8) {
		uint64_t sum;
		int i;

		for (i = 0; i < 8; i++)
			m[24 + i] = (uint8_t)((uint64_t)n >> (8 * i));
		sum = XXH3_64bits(m, n - 8);
		for (i = 0; i < 8; i++)
			m[n - 8 + i] = (uint8_t)(sum >> (8 * i));
	}
	model = nermodel_open(m, n, "fuzz.wnm");
	if (model != NULL) {
		struct ner *tagger = ner_new();
		struct ner_spans sp = NER_SPANS_INIT;
		const char *note;
		size_t notelen;

		FUZZ_ASSERT(nermodel_lang(model) >= 0 && nermodel_lang(model) < NER_NLANGS);
		FUZZ_ASSERT(nermodel_size(model) == n);
		note = nermodel_note(model, &notelen);
		FUZZ_ASSERT(notelen <= n && note >= (const char *)m &&
		    note + notelen <= (const char *)m + n);
		ner_set_model(tagger, model);
		check_spans(&sp, ner_tag(tagger, text, sizeof text - 1, &sp));
		ner_spans_release(&sp);
		ner_free(tagger);
	}
	free(m);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	if (data[0] & 1)
		fuzz_gazetteer(data + 1, size - 1);
	else
		fuzz_modelfile(data + 1, size - 1, (data[0] & 2) != 0);
	return 0;
}
