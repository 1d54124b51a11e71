/* ner types: the entity types' names, spans and their JSON. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/jsonw.h"
#include "core/util.h"
#include "ner/internal.h"

static const char *const type_names[NER_NTYPES] = {
	"PERSON", "LOCATION", "ORG", "DATE", "TIME", "QUANTITY"
};
static const char *const type_codes[NER_NTYPES] = {
	"PS", "LC", "OG", "DT", "TI", "QT"
};

const char *
ner_type_name(int type)
{
	return type >= 0 && type < NER_NTYPES ? type_names[type] : "?";
}

const char *
ner_type_code(int type)
{
	return type >= 0 && type < NER_NTYPES ? type_codes[type] : "?";
}

int
ner_type_parse(const char *s, size_t len)
{
	static const struct {
		const char *name;
		int type;
	} alias[] = {
		{ "PER", NER_PS }, { "PERSON", NER_PS }, { "PS", NER_PS },
		{ "LOC", NER_LC }, { "LOCATION", NER_LC }, { "LC", NER_LC },
		{ "GPE", NER_LC },
		{ "ORG", NER_OG }, { "ORGANIZATION", NER_OG }, { "OG", NER_OG },
		{ "CORPORATION", NER_OG }, { "GROUP", NER_OG },
		{ "DATE", NER_DT }, { "DT", NER_DT },
		{ "TIME", NER_TI }, { "TI", NER_TI },
		{ "QUANTITY", NER_QT }, { "QT", NER_QT },
	};
	size_t i;

	for (i = 0; i < sizeof alias / sizeof alias[0]; i++)
		if (strlen(alias[i].name) == len &&
		    strncasecmp(alias[i].name, s, len) == 0)
			return alias[i].type;
	return -1;
}

int
ner_types_parse(const char *s, unsigned *mask)
{
	const char *p = s, *e;
	int t;

	*mask = 0;
	for (;;) {
		e = strchr(p, ',');
		if (!e)
			e = p + strlen(p);
		if (e > p) {
			if ((t = ner_type_parse(p, (size_t)(e - p))) < 0) {
				warnx("unknown entity type '%.*s' (expected PERSON, "
				    "ORG, LOCATION, DATE, TIME or QUANTITY)",
				    (int)(e - p), p);
				return -1;
			}
			*mask |= 1u << t;
		}
		if (!*e)
			break;
		p = e + 1;
	}
	if (*mask == 0) {
		warnx("no entity type in '%s'", s);
		return -1;
	}
	return 0;
}



void
ner_spans_add(struct ner_spans *sp, size_t start, size_t end, size_t bstart,
    size_t bend, int type)
{
	struct ner_span *s;

	sp->v = xreserve(sp->v, &sp->cap, sp->n + 1, sizeof *sp->v);
	s = &sp->v[sp->n++];
	s->start = start;
	s->end = end;
	s->bstart = bstart;
	s->bend = bend;
	s->type = type;
}

void
ner_spans_release(struct ner_spans *sp)
{
	free(sp->v);
	sp->v = NULL;
	sp->n = sp->cap = 0;
}

void
ner_span_json(const struct ner_span *sp, const char *s, struct jsonw *w)
{
	jsonw_name(w, "start");
	jsonw_uint(w, sp->start);
	jsonw_name(w, "end");
	jsonw_uint(w, sp->end);
	jsonw_name(w, "label");
	jsonw_str(w, ner_type_name(sp->type));
	jsonw_name(w, "text");
	jsonw_string(w, s + sp->bstart, sp->bend - sp->bstart);
}

void
ner_spans_json(const struct ner_spans *sp, const char *s, struct buf *out)
{
	struct jsonw w;
	size_t i;

	jsonw_init(&w, out);
	jsonw_begin_array(&w);
	for (i = 0; i < sp->n; i++) {
		jsonw_begin_object(&w);
		ner_span_json(&sp->v[i], s, &w);
		jsonw_end_object(&w);
	}
	jsonw_end_array(&w);
}
