/* json.c: amounts as JSON, the way winnow-money adds them to a record. */
#include "core/dec.h"
#include "core/jsonw.h"
#include "core/utf8.h"
#include "money/internal.h"

static void
dec_member(struct jsonw *w, const char *name, const struct dec *d)
{
	char num[DEC_STRLEN];

	jsonw_name(w, name);
	jsonw_raw(w, num, dec_format(d, num));
}

void
money_json(struct jsonw *w, const char *s, const struct money *m,
    struct utf8_pos *pos)
{
	const char *q = money_qual_name(m->qualifier);

	jsonw_name(w, "start");
	jsonw_uint(w, utf8_pos_cp(pos, s, m->start));
	jsonw_name(w, "end");
	jsonw_uint(w, utf8_pos_cp(pos, s, m->end));
	jsonw_name(w, "text");
	jsonw_string(w, s + m->start, m->end - m->start);
	if (m->has_value) {
		dec_member(w, "value", &m->value);
	} else {
		jsonw_name(w, "value");
		jsonw_null(w);
	}
	jsonw_name(w, "currency");
	jsonw_string(w, m->currency, 3);
	jsonw_name(w, "approx");
	jsonw_bool(w, m->approx);
	jsonw_name(w, "qualifier");
	if (q)
		jsonw_str(w, q);
	else
		jsonw_null(w);
	if (m->has_min)
		dec_member(w, "min", &m->min);
	if (m->has_max)
		dec_member(w, "max", &m->max);
}

void
money_json_list(struct jsonw *w, const char *s, const struct money_list *l)
{
	struct utf8_pos pos = UTF8_POS_INIT;
	size_t i;

	jsonw_begin_array(w);
	for (i = 0; i < l->n; i++) {
		jsonw_begin_object(w);
		money_json(w, s, &l->v[i], &pos);
		jsonw_end_object(w);
	}
	jsonw_end_array(w);
}
