/*
 * fuzz_tag: the entity tagger (lib/ner with its features, models, rules
 * and gazetteer) on any text.
 *
 * The models are trained at start-up on a few sentences, Korean and
 * English, so the harness needs no model file and the tagger runs every
 * stage: units, features, Viterbi, particle trimming, rules, names.  The
 * first byte picks the language mode and the types reported; the rest,
 * made valid UTF-8, is the text.  Properties: spans are sorted, do not
 * overlap, lie inside the text on character boundaries, and their
 * code-point offsets match their byte offsets.
 */
#include <stdint.h>
#include <string.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "ner/internal.h"
#include "fuzz.h"
#include "tinymodel.h"

static struct ner *tagger;
static struct buf model_bytes[NER_NLANGS];

static struct nermodel *
train(int lang)
{
	struct nermodel *m = NULL;

	if (tiny_model(lang, &model_bytes[lang]) < 0 ||
	    (m = nermodel_open(model_bytes[lang].data, model_bytes[lang].len,
	    "tiny")) == NULL)
		fuzz_fail(__FILE__, __LINE__, "cannot train a model");
	return m;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct gaz *g;

	fuzz_quiet();
	tagger = ner_new();
	ner_set_model(tagger, train(NER_KO));
	ner_set_model(tagger, train(NER_EN));
	g = gaz_new();
	gaz_add(g, "삼성전자", strlen("삼성전자"), 1u << NER_OG);
	gaz_add(g, "New York", 8, 1u << NER_LC);
	ner_set_gazetteer(tagger, g);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int langs[] = { NER_AUTO, NER_KO, NER_EN, NER_AUTO };
	static struct ner_spans sp = NER_SPANS_INIT;
	struct buf text = BUF_INIT;
	const char *s;
	size_t n, i, prev = 0;

	if (size < 1)
		return 0;
	utf8_repair((const char *)data + 1, size - 1, &text);
	s = text.data ? text.data : "";
	ner_set_lang(tagger, langs[data[0] & 3]);
	ner_set_types(tagger, data[0] & 4 ? (1u << NER_PS) | (1u << NER_DT) :
	    NER_TYPE_MASK);
	n = ner_tag(tagger, s, text.len, &sp);
	FUZZ_ASSERT(n == sp.n);
	for (i = 0; i < n; i++) {
		const struct ner_span *e = &sp.v[i];

		FUZZ_ASSERT(e->start < e->end && e->bstart < e->bend);
		FUZZ_ASSERT(e->bend <= text.len && e->bstart >= prev);
		FUZZ_ASSERT(e->type >= 0 && e->type < NER_NTYPES);
		if (data[0] & 4)
			FUZZ_ASSERT(e->type == NER_PS || e->type == NER_DT);
		FUZZ_ASSERT(utf8_check(s + e->bstart, e->bend - e->bstart) ==
		    e->bend - e->bstart);
		FUZZ_ASSERT(utf8_count(s, e->bstart) == e->start);
		FUZZ_ASSERT(utf8_count(s, e->bend) == e->end);
		prev = e->bend;
	}
	buf_release(&text);
	return 0;
}
