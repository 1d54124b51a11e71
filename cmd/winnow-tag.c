/* winnow-tag: tag people, places, organizations, dates, times, quantities. */
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/jsonw.h"
#include "core/util.h"
#include "ner/ner.h"
#include "record/cli.h"

static struct nermodel *models[NER_NLANGS];	/* from --model */
static struct gaz *names;			/* from --gazetteer */
static unsigned types = NER_TYPE_MASK;
static int lang = NER_AUTO;
static const struct choice langs[] = {
	{ "auto", NER_AUTO }, { "ko", NER_KO }, { "en", NER_EN }, { NULL, 0 }
};
static int flat;

static struct ner *tagger;
static struct ner_spans spans = NER_SPANS_INIT;
static struct buf json = BUF_INIT;
static struct buf id = BUF_INIT;	/* --flat: the record's id */
static uint64_t nentities, ntagged;

enum { OPT_MODEL = CLI_OPT_LONG, OPT_GAZETTEER, OPT_LABELS, OPT_LANG, OPT_FLAT };

static const struct option longopts[] = {
	{ "model", required_argument, NULL, OPT_MODEL },
	{ "gazetteer", required_argument, NULL, OPT_GAZETTEER },
	{ "labels", required_argument, NULL, OPT_LABELS },
	{ "lang", required_argument, NULL, OPT_LANG },
	{ "flat", no_argument, NULL, OPT_FLAT },
	{ NULL, 0, NULL, 0 }
};

static int
option(struct cli *c, int opt, const char *arg)
{
	struct nermodel *m;

	(void)c;
	switch (opt) {
	case OPT_MODEL:
		if (!(m = nermodel_load(arg)))
			return CLI_USAGE;
		nermodel_free(models[nermodel_lang(m)]);
		models[nermodel_lang(m)] = m;
		return CLI_GO;
	case OPT_GAZETTEER:
		if (!names)
			names = gaz_new();
		return gaz_load(names, arg) < 0 ? CLI_USAGE : CLI_GO;
	case OPT_LABELS:
		return ner_types_parse(arg, &types);
	case OPT_LANG:
		return parse_choice("--lang", arg, langs, &lang);
	case OPT_FLAT:
		flat = 1;
		return CLI_GO;
	}
	return CLI_USAGE;
}

/* Models from --model, the compiled-in ones for the other languages. */
static int
start(struct cli *c)
{
	int l;

	(void)c;
	tagger = ner_new();
	for (l = 0; l < NER_NLANGS; l++) {
		struct nermodel *m = models[l] ? models[l] : nerdefault_open(l);

		if (!m)
			return CLI_USAGE;
		ner_set_model(tagger, m);
		models[l] = NULL;
	}
	if (names)
		ner_set_gazetteer(tagger, names);
	names = NULL;
	ner_set_types(tagger, types);
	ner_set_lang(tagger, lang);
	return CLI_GO;
}

static int
record(struct cli *c, struct rec *r)
{
	const char *s;
	size_t len, i;

	if (rec_text(r, &s, &len) != REC_STRING)
		return CLI_EMIT;
	ner_tag(tagger, s, len, &spans);
	nentities += spans.n;
	ntagged += spans.n > 0;
	if (flat) {
		/* one record per entity, with the record's id */
		cli_record_id(c, r, &id);
		for (i = 0; i < spans.n; i++) {
			struct jsonw w;

			buf_reset(&json);
			jsonw_init(&w, &json);
			jsonw_begin_object(&w);
			jsonw_name(&w, "id");
			jsonw_raw(&w, id.data, id.len);
			ner_span_json(&spans.v[i], s, &w);
			jsonw_end_object(&w);
			if (cli_emit_json(c, json.data, json.len) < 0)
				return CLI_FAIL;
		}
		return CLI_DONE;
	}
	buf_reset(&json);
	ner_spans_json(&spans, s, &json);
	rec_set_raw(r, "entities", json.data, json.len);
	return CLI_EMIT;
}

static int
finish(struct cli *c)
{
	(void)c;
	ner_free(tagger);
	ner_spans_release(&spans);
	buf_release(&json);
	buf_release(&id);
	return 0;
}

static void
summary(struct cli *c, struct buf *b)
{
	(void)c;
	buf_printf(b, "%llu entities in %llu records",
	    (unsigned long long)nentities, (unsigned long long)ntagged);
}

int
main(int argc, char **argv)
{
	static const struct cli_spec spec = {
		.name = "tag",
		.purpose = "Tag people, places, organizations, dates, times and "
		    "quantities in the text field.",
		.description =
		    "Adds \"entities\":[{\"start\",\"end\",\"label\",\"text\"}] to each record:\n"
		    "PERSON, ORG, LOCATION, DATE, TIME and QUANTITY, found by a trained\n"
		    "sequence model (Korean per character, English per word) with gazetteers;\n"
		    "English dates, times and quantities come from patterns.  start and end\n"
		    "count code points, as Python's text[start:end].  Each line is tagged by\n"
		    "the model of its language.  Spans start and end on word boundaries\n"
		    "(삼성전자는 gives 삼성전자), never split a Latin or digit token (38GWh),\n"
		    "leave a title out (젠슨 황 CEO gives 젠슨 황); a name gets one type per\n"
		    "record, and a full name marks its later short mentions (황).  The\n"
		    "built-in models are trained on KLUE-NER (Korean) and on Universal NER,\n"
		    "CrossNER, wikigold, WNUT 2017 and the Broad Twitter Corpus (English);\n"
		    "they are CC BY-SA 4.0, as data/ner/LICENSE-models says.\n",
		.options_help =
		    "      --lang auto|ko|en  the model for each line (default: auto, by script)\n"
		    "      --labels LIST      keep only these types, e.g. PERSON,ORG\n"
		    "      --gazetteer FILE   names to tag wherever they occur as words, as\n"
		    "                         FORM<TAB>TYPE lines (repeatable)\n"
		    "      --model FILE       a model made by winnow-tag-train, used for its\n"
		    "                         language instead of the built-in one\n"
		    "      --flat             one record per entity, with the record's id\n"
	    "                         (its FILE:LINE when it has none)\n",
		.example =
		    "  echo '{\"text\":\"삼성전자는 10월28일 서울에서 발표했다\"}' | winnow-tag\n"
		    "  winnow-read news/*.txt | winnow-norm | winnow-tag --labels PERSON,ORG\n",
		.longopts = longopts,
		.option = option,
		.start = start,
		.record = record,
		.finish = finish,
		.summary = summary,
	};

	return cli_main(&spec, argc, argv);
}
