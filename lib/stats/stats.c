/* stats: counting what a stream of records holds, and the JSON report. */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "core/buf.h"
#include "core/dec.h"
#include "core/hset.h"
#include "core/json.h"
#include "core/jsonw.h"
#include "core/parakey.h"
#include "core/utf8.h"
#include "core/util.h"
#include "stats/stats.h"

/* Names beyond these many per table are counted under "(other)". */
#define MAX_RULES 256
#define MAX_LABELS 64
#define MAX_CURRENCIES 512
#define MAX_PII_TYPES 64

static const char *const script_names[STATS_NSCRIPTS + 1] = {
	"hangul", "han", "kana", "latin", "cyrillic", "greek", "arabic",
	"thai", "other", "none"
};

static const uint64_t length_min[STATS_NLENGTHS] = {
	0, 1, 100, 300, 1000, 3000, 10000, 30000, 100000
};

/*
 * A tally counts strings: a dense array of items and an open-addressing
 * index over it.  With 'max' set it keeps at most that many items, dropping
 * the rarer half when full and remembering the highest count dropped.
 */
struct tally_item {
	char *s;
	size_t len;
	uint64_t hash;
	uint64_t n;
};

struct tally {
	struct tally_item *v;
	size_t n, cap;
	uint32_t *slot;		/* item index + 1, or 0 */
	size_t nslot;		/* a power of two, at least 2 * cap */
	size_t max;		/* 0: no limit */
	uint64_t floor;		/* highest count dropped */
};

struct money_sum {
	uint64_t valued, unvalued;
	struct dec total;
	int overflow;
};

struct stats {
	struct stats_opts o;
	struct stats_report rep;
	struct hset *paras;	/* hashes of paragraph keys seen */
	struct hset *texts;	/* hashes of whole texts seen */
	struct buf key;
	struct json_members m;
	struct tally rules;
	struct tally labels;
	struct tally *label_texts;	/* per label, parallel to 'labels' */
	size_t ntexts, texts_cap;	/* of them set up; room */
	struct tally currencies;
	struct money_sum *sums;		/* parallel to 'currencies' */
	size_t nsums, sums_cap;
	struct tally pii_types;
	struct tally drop_reasons;
	/* the sorted views stats_report() hands out */
	struct stats_count *rule_view;
	struct stats_label *label_view;
	struct stats_count *top_view;
	struct stats_currency *cur_view;
	struct stats_count *pii_view;
	struct stats_count *drop_view;
};

static uint64_t
hash64(const char *s, size_t len)
{
	return XXH3_64bits(s, len);
}

static void
tally_reindex(struct tally *t, size_t nslot)
{
	size_t i;

	free(t->slot);
	t->nslot = nslot;
	t->slot = xcalloc(nslot, sizeof *t->slot);
	for (i = 0; i < t->n; i++) {
		size_t j = t->v[i].hash & (nslot - 1);

		while (t->slot[j])
			j = (j + 1) & (nslot - 1);
		t->slot[j] = (uint32_t)(i + 1);
	}
}

static int
by_count_desc(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? 1 : x > y ? -1 : 0;
}

/* Drop the rarer half of a full tally; the floor rises to what was dropped. */
static void
tally_prune(struct tally *t)
{
	uint64_t *counts = xmalloc(t->n * sizeof *counts), cut;
	size_t i, kept = 0;

	for (i = 0; i < t->n; i++)
		counts[i] = t->v[i].n;
	qsort(counts, t->n, sizeof *counts, by_count_desc);
	cut = counts[t->n / 2];
	free(counts);
	for (i = 0; i < t->n; i++) {
		if (t->v[i].n <= cut) {
			free(t->v[i].s);
			continue;
		}
		t->v[kept++] = t->v[i];
	}
	t->n = kept;
	if (cut > t->floor)
		t->floor = cut;
	tally_reindex(t, t->nslot);
}

/*
 * tally_add(t, s, len, n): add 'n' to the count of 's'; returns the item's
 * index (stable unless the tally has a 'max').
 */
static size_t
tally_add(struct tally *t, const char *s, size_t len, uint64_t n)
{
	uint64_t h = hash64(s, len);
	size_t j;

	if (t->nslot) {
		for (j = h & (t->nslot - 1); t->slot[j]; j = (j + 1) & (t->nslot - 1)) {
			struct tally_item *it = &t->v[t->slot[j] - 1];

			if (it->hash == h && it->len == len && memcmp(it->s, s, len) == 0) {
				it->n += n;
				return t->slot[j] - 1;
			}
		}
	}
	if (t->max && t->n >= t->max)
		tally_prune(t);
	if (t->n == t->cap) {
		t->v = xreserve(t->v, &t->cap, t->n + 1, sizeof *t->v);
		tally_reindex(t, t->cap * 2);
	}
	t->v[t->n] = (struct tally_item){ xmalloc(len + 1), len, h, n };
	memcpy(t->v[t->n].s, s, len);
	t->v[t->n].s[len] = '\0';
	for (j = h & (t->nslot - 1); t->slot[j]; j = (j + 1) & (t->nslot - 1))
		;
	t->slot[j] = (uint32_t)(t->n + 1);
	return t->n++;
}

static void
tally_release(struct tally *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->v[i].s);
	free(t->v);
	free(t->slot);
	memset(t, 0, sizeof *t);
}

/*
 * A bounded name table ('limit' names, then "(other)"): for rule names,
 * labels and currencies, which hostile input could make endless.
 */
static size_t
name_add(struct tally *t, size_t limit, const char *s, size_t len, uint64_t n)
{
	if (t->n >= limit - 1) {
		size_t j;
		uint64_t h = hash64(s, len);

		for (j = h & (t->nslot - 1); t->slot[j]; j = (j + 1) & (t->nslot - 1)) {
			struct tally_item *it = &t->v[t->slot[j] - 1];

			if (it->hash == h && it->len == len && memcmp(it->s, s, len) == 0)
				return tally_add(t, s, len, n);
		}
		return tally_add(t, "(other)", 7, n);
	}
	return tally_add(t, s, len, n);
}

struct stats *
stats_new(const struct stats_opts *o)
{
	struct stats *s = xcalloc(1, sizeof *s);

	s->o.top = 10;
	s->o.max_texts = 1 << 16;
	s->o.min_chars = 20;
	if (o) {
		if (o->top)
			s->o.top = o->top;
		if (o->max_texts)
			s->o.max_texts = o->max_texts < 2 ? 2 : o->max_texts;
		if (o->min_chars)
			s->o.min_chars = o->min_chars;
	}
	s->paras = hset_new(0);
	s->texts = hset_new(0);
	s->rep.length_min = length_min;
	s->rep.script_names = script_names;
	s->rep.min_chars = s->o.min_chars;
	return s;
}

void
stats_free(struct stats *s)
{
	size_t i;

	if (s == NULL)
		return;
	hset_free(s->paras);
	hset_free(s->texts);
	buf_release(&s->key);
	json_members_release(&s->m);
	tally_release(&s->rules);
	for (i = 0; i < s->labels.n; i++)
		tally_release(&s->label_texts[i]);
	free(s->label_texts);
	tally_release(&s->labels);
	tally_release(&s->currencies);
	tally_release(&s->pii_types);
	tally_release(&s->drop_reasons);
	free(s->sums);
	free(s->rule_view);
	free(s->label_view);
	free(s->top_view);
	free(s->cur_view);
	free(s->pii_view);
	free(s->drop_view);
	free(s);
}

/* The script of a letter, or -1 for anything that is not a letter. */
static int
script_of(int32_t cp)
{
	if (cp < 0x80)
		return ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') ? STATS_LATIN : -1;
	if (utf8_is_hangul(cp))
		return STATS_HANGUL;
	if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
	    (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3134F))
		return STATS_HAN;
	if ((cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x31F0 && cp <= 0x31FF) ||
	    (cp >= 0xFF66 && cp <= 0xFF9D))
		return cp == 0x30FB ? -1 : STATS_KANA;	/* but the middle dot */
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
		break;
	default:
		return -1;
	}
	if ((cp >= 0x00C0 && cp <= 0x024F) || (cp >= 0x1E00 && cp <= 0x1EFF) ||
	    (cp >= 0xFF21 && cp <= 0xFF5A))
		return STATS_LATIN;
	if (cp >= 0x0400 && cp <= 0x052F)
		return STATS_CYRILLIC;
	if ((cp >= 0x0370 && cp <= 0x03FF) || (cp >= 0x1F00 && cp <= 0x1FFF))
		return STATS_GREEK;
	if ((cp >= 0x0600 && cp <= 0x06FF) || (cp >= 0x0750 && cp <= 0x077F))
		return STATS_ARABIC;
	if (cp >= 0x0E00 && cp <= 0x0E7F)
		return STATS_THAI;
	return STATS_OTHER;
}

static size_t
length_bucket(uint64_t chars)
{
	size_t i = STATS_NLENGTHS - 1;

	while (chars < length_min[i])
		i--;
	return i;
}

/* Letters by script, code points, and the record's main script. */
static void
count_text(struct stats *s, const char *t, size_t len)
{
	uint64_t letters[STATS_NSCRIPTS] = { 0 }, chars = 0, best_n = 0;
	size_t i = 0;
	int k, best = STATS_NSCRIPTS;	/* "none" */

	while (i < len) {
		int32_t cp = utf8_next(t, len, &i);

		if (cp >= 0 && (k = script_of(cp)) >= 0)
			letters[k]++;
		chars++;
	}
	for (k = 0; k < STATS_NSCRIPTS; k++) {
		s->rep.letters[k] += letters[k];
		if (letters[k] > best_n) {
			best_n = letters[k];
			best = k;
		}
	}
	s->rep.docs[best]++;
	s->rep.chars += chars;
	s->rep.lengths[length_bucket(chars)]++;
}

/* Paragraphs (non-blank lines), and repeats of them and of whole texts. */
static void
count_paragraphs(struct stats *s, const char *t, size_t len)
{
	size_t start = 0, end, nonblank = 0;
	XXH128_hash_t h;

	while (start < len) {
		const char *nl = memchr(t + start, '\n', len - start);
		size_t weight;
		int blank;

		end = nl ? (size_t)(nl - t) : len;
		buf_reset(&s->key);
		weight = para_key(t + start, end - start, &s->key, &blank);
		if (!blank) {
			nonblank++;
			if (weight >= s->o.min_chars) {
				h = XXH3_128bits(s->key.data, s->key.len);
				if (!hset_add(s->paras, (struct hkey){ h.low64, h.high64 }))
					s->rep.dup_paragraphs++;
			}
		}
		start = end + 1;
	}
	s->rep.paragraphs += nonblank;
	if (nonblank == 0) {
		s->rep.empty++;
		return;
	}
	h = XXH3_128bits(t, len);
	if (!hset_add(s->texts, (struct hkey){ h.low64, h.high64 }))
		s->rep.dup_records++;
}

/* The raw value of member 'name' of the object scanned into s->m. */
static int
member(struct stats *s, const char *obj, const char *name, const char **v,
    size_t *vlen)
{
	size_t i;

	for (i = 0; i < s->m.n; i++) {
		const struct json_member *jm = &s->m.v[i];

		if (json_key_equals(obj + jm->key, jm->key_len, jm->key_escaped,
		    name, strlen(name))) {
			*v = obj + jm->val;
			*vlen = jm->val_len;
			return 1;
		}
	}
	return 0;
}

/*
 * The decoded string member 'name' of the object at 'obj' into s->key,
 * or -1 when it is missing or not a string.
 */
static int
string_member(struct stats *s, const char *obj, const char *name)
{
	const char *v;
	size_t vlen;

	if (!member(s, obj, name, &v, &vlen) || vlen < 2 || v[0] != '"')
		return -1;
	buf_reset(&s->key);
	json_unescape(v + 1, vlen - 2, &s->key);
	if (s->key.data == NULL)
		buf_addstr(&s->key, "");
	return 0;
}

/* Scan array element 'e' as an object into s->m; 0, or -1 if not one. */
static int
scan_element(struct stats *s, const char *e, size_t n)
{
	struct json_error err;

	return json_scan_object(e, n, JSON_MAX_DEPTH, &s->m, &err);
}

/*
 * An array of objects counted by the string member 'member' of each, into
 * 't' (at most 'limit' names): the elements go to '*items', the record to
 * '*records' when it has one.  "stripped": [{"rule":...}], "pii":
 * [{"type":"PHONE",...}] (masked or not).
 */
static void
count_by_member(struct stats *s, const char *v, size_t vlen,
    const char *member, struct tally *t, size_t limit, uint64_t *items,
    uint64_t *records)
{
	size_t pos = 0, e, n, found = 0;

	if (v[0] != '[') {
		s->rep.malformed++;
		return;
	}
	while (json_array_next(v, vlen, &pos, &e, &n)) {
		if (scan_element(s, v + e, n) < 0 || string_member(s, v + e, member) < 0) {
			s->rep.malformed++;
			continue;
		}
		name_add(t, limit, s->key.data, s->key.len, 1);
		found++;
	}
	*items += found;
	*records += found > 0;
}

void
stats_add_removed(struct stats *s, const char *line, size_t len)
{
	s->rep.has_dropped = 1;
	if (scan_element(s, line, len) < 0 || string_member(s, line, "reason") < 0) {
		s->rep.malformed++;
		return;
	}
	name_add(&s->drop_reasons, MAX_RULES, s->key.data, s->key.len, 1);
	s->rep.dropped++;
}

static void
count_entities(struct stats *s, const char *v, size_t vlen)
{
	size_t pos = 0, e, n, found = 0, label;

	if (v[0] != '[') {
		s->rep.malformed++;
		return;
	}
	while (json_array_next(v, vlen, &pos, &e, &n)) {
		if (scan_element(s, v + e, n) < 0 || string_member(s, v + e, "label") < 0) {
			s->rep.malformed++;
			continue;
		}
		label = name_add(&s->labels, MAX_LABELS, s->key.data, s->key.len, 1);
		if (s->labels.n > s->ntexts) {
			/* a new label: its own table of texts */
			s->label_texts = xreserve(s->label_texts, &s->texts_cap,
			    s->labels.n, sizeof *s->label_texts);
			memset(&s->label_texts[label], 0, sizeof *s->label_texts);
			s->label_texts[label].max = s->o.max_texts;
			s->ntexts = s->labels.n;
		}
		if (string_member(s, v + e, "text") == 0)
			tally_add(&s->label_texts[label], s->key.data, s->key.len, 1);
		found++;
	}
	s->rep.entities += found;
	s->rep.entity_records += found > 0;
}

static void
count_money(struct stats *s, const char *v, size_t vlen)
{
	size_t pos = 0, e, n, found = 0, cur;

	if (v[0] != '[') {
		s->rep.malformed++;
		return;
	}
	while (json_array_next(v, vlen, &pos, &e, &n)) {
		const char *val;
		size_t val_len;
		struct money_sum *sum;
		struct dec d;

		if (scan_element(s, v + e, n) < 0 || string_member(s, v + e, "currency") < 0) {
			s->rep.malformed++;
			continue;
		}
		cur = name_add(&s->currencies, MAX_CURRENCIES, s->key.data, s->key.len, 1);
		if (s->currencies.n > s->nsums) {
			s->sums = xreserve(s->sums, &s->sums_cap, s->currencies.n,
			    sizeof *s->sums);
			memset(&s->sums[cur], 0, sizeof *s->sums);
			s->nsums = s->currencies.n;
		}
		sum = &s->sums[cur];
		found++;
		if (!member(s, v + e, "value", &val, &val_len) ||
		    (val_len == 4 && memcmp(val, "null", 4) == 0)) {
			sum->unvalued++;
			continue;
		}
		/* Exact: the digits as written, never through a double. */
		if (dec_parse(val, val_len, &d) < 0) {
			s->rep.malformed++;
			continue;
		}
		sum->valued++;
		if (!sum->overflow && dec_add(&sum->total, &sum->total, &d) < 0)
			sum->overflow = 1;
	}
	s->rep.amounts += found;
	s->rep.money_records += found > 0;
}

void
stats_add(struct stats *s, const struct stats_doc *doc)
{
	s->rep.bytes += doc->bytes + 1;
	if (doc->text == NULL) {
		s->rep.nofield++;
	} else {
		s->rep.records++;
		s->rep.text_bytes += doc->len;
		count_text(s, doc->text, doc->len);
		count_paragraphs(s, doc->text, doc->len);
	}
	if (doc->stripped) {
		s->rep.has_stripped = 1;
		count_by_member(s, doc->stripped, doc->stripped_len, "rule",
		    &s->rules, MAX_RULES, &s->rep.stripped_lines,
		    &s->rep.stripped_records);
	}
	if (doc->entities) {
		s->rep.has_entities = 1;
		count_entities(s, doc->entities, doc->entities_len);
	}
	if (doc->money) {
		s->rep.has_money = 1;
		count_money(s, doc->money, doc->money_len);
	}
	if (doc->pii) {
		s->rep.has_pii = 1;
		count_by_member(s, doc->pii, doc->pii_len, "type", &s->pii_types,
		    MAX_PII_TYPES, &s->rep.pii_items, &s->rep.pii_records);
	}
}

/* Most first, then by name, so reports are the same from run to run. */
static int
count_cmp(const void *a, const void *b)
{
	const struct stats_count *x = a, *y = b;
	int c;

	if (x->n != y->n)
		return x->n < y->n ? 1 : -1;
	c = memcmp(x->name, y->name, x->len < y->len ? x->len : y->len);
	return c ? c : (x->len > y->len) - (x->len < y->len);
}

static struct stats_count *
tally_view(const struct tally *t, struct stats_count *v)
{
	size_t i;

	v = xreallocarray(v, t->n, sizeof *v);
	for (i = 0; i < t->n; i++)
		v[i] = (struct stats_count){ t->v[i].s, t->v[i].len, t->v[i].n };
	qsort(v, t->n, sizeof *v, count_cmp);
	return v;
}

static int
label_cmp(const void *a, const void *b)
{
	const struct stats_label *x = a, *y = b;

	if (x->n != y->n)
		return x->n < y->n ? 1 : -1;
	return strcmp(x->name, y->name);
}

static int
currency_cmp(const void *a, const void *b)
{
	const struct stats_currency *x = a, *y = b;

	if (x->n != y->n)
		return x->n < y->n ? 1 : -1;
	return strcmp(x->code, y->code);
}

const struct stats_report *
stats_report(struct stats *s)
{
	struct stats_report *rep = &s->rep;
	size_t i, ntop = 0, off = 0;

	s->rule_view = tally_view(&s->rules, s->rule_view);
	rep->rules = s->rule_view;
	rep->nrules = s->rules.n;

	/* Each label's top texts, sorted, in one array. */
	for (i = 0; i < s->labels.n; i++) {
		size_t k = s->label_texts[i].n;

		ntop += k < s->o.top ? k : s->o.top;
	}
	s->top_view = xreallocarray(s->top_view, ntop, sizeof *s->top_view);
	s->label_view = xreallocarray(s->label_view, s->labels.n,
	    sizeof *s->label_view);
	for (i = 0; i < s->labels.n; i++) {
		const struct tally *t = &s->label_texts[i];
		struct stats_count *all = tally_view(t, NULL);
		size_t k = t->n < s->o.top ? t->n : s->o.top;

		memcpy(s->top_view + off, all, k * sizeof *all);
		free(all);
		s->label_view[i] = (struct stats_label){
			s->labels.v[i].s, s->labels.v[i].len, s->labels.v[i].n,
			t->n, t->floor > 0, t->floor, s->top_view + off, k
		};
		off += k;
	}
	qsort(s->label_view, s->labels.n, sizeof *s->label_view, label_cmp);
	rep->labels = s->label_view;
	rep->nlabels = s->labels.n;

	s->cur_view = xreallocarray(s->cur_view, s->currencies.n,
	    sizeof *s->cur_view);
	for (i = 0; i < s->currencies.n; i++) {
		const struct money_sum *m = &s->sums[i];

		s->cur_view[i] = (struct stats_currency){
			s->currencies.v[i].s, s->currencies.v[i].len,
			s->currencies.v[i].n, m->valued, m->unvalued, m->total,
			m->overflow
		};
	}
	qsort(s->cur_view, s->currencies.n, sizeof *s->cur_view, currency_cmp);
	rep->currencies = s->cur_view;
	rep->ncurrencies = s->currencies.n;
	s->pii_view = tally_view(&s->pii_types, s->pii_view);
	rep->pii_types = s->pii_view;
	rep->npii_types = s->pii_types.n;
	s->drop_view = tally_view(&s->drop_reasons, s->drop_view);
	rep->drop_reasons = s->drop_view;
	rep->ndrop_reasons = s->drop_reasons.n;
	return rep;
}

/* "name":N for each count, into an object. */
static void
json_counts(struct jsonw *w, const struct stats_count *v, size_t n)
{
	size_t i;

	jsonw_begin_object(w);
	for (i = 0; i < n; i++) {
		jsonw_name_len(w, v[i].name, v[i].len);
		jsonw_uint(w, v[i].n);
	}
	jsonw_end_object(w);
}

/* "name":N, a member of the object being written. */
static void
json_member(struct jsonw *w, const char *name, uint64_t n)
{
	jsonw_name(w, name);
	jsonw_uint(w, n);
}

void
stats_json(const struct stats_report *r, struct buf *b)
{
	struct jsonw w;
	size_t i, j;
	int k;

	jsonw_init(&w, b);
	jsonw_begin_object(&w);
	json_member(&w, "records", r->records);
	json_member(&w, "without_text", r->nofield);
	json_member(&w, "bytes", r->bytes);
	json_member(&w, "text_bytes", r->text_bytes);
	json_member(&w, "chars", r->chars);
	json_member(&w, "paragraphs", r->paragraphs);
	json_member(&w, "empty_texts", r->empty);
	jsonw_name(&w, "lengths");
	jsonw_begin_array(&w);
	for (i = 0; i < STATS_NLENGTHS; i++) {
		jsonw_begin_object(&w);
		json_member(&w, "min", r->length_min[i]);
		if (i + 1 < STATS_NLENGTHS)
			json_member(&w, "max", r->length_min[i + 1] - 1);
		json_member(&w, "records", r->lengths[i]);
		jsonw_end_object(&w);
	}
	jsonw_end_array(&w);

	jsonw_name(&w, "scripts");
	jsonw_begin_object(&w);
	jsonw_name(&w, "letters");
	jsonw_begin_object(&w);
	for (k = 0; k < STATS_NSCRIPTS; k++)
		if (r->letters[k])
			json_member(&w, r->script_names[k], r->letters[k]);
	jsonw_end_object(&w);
	jsonw_name(&w, "records");
	jsonw_begin_object(&w);
	for (k = 0; k <= STATS_NSCRIPTS; k++)
		if (r->docs[k])
			json_member(&w, r->script_names[k], r->docs[k]);
	jsonw_end_object(&w);
	jsonw_end_object(&w);

	jsonw_name(&w, "duplicates");
	jsonw_begin_object(&w);
	json_member(&w, "paragraphs", r->dup_paragraphs);
	json_member(&w, "records", r->dup_records);
	json_member(&w, "min_chars", r->min_chars);
	jsonw_end_object(&w);

	if (r->has_stripped) {
		jsonw_name(&w, "stripped");
		jsonw_begin_object(&w);
		json_member(&w, "records", r->stripped_records);
		json_member(&w, "lines", r->stripped_lines);
		jsonw_name(&w, "by_rule");
		json_counts(&w, r->rules, r->nrules);
		jsonw_end_object(&w);
	}
	if (r->has_entities) {
		jsonw_name(&w, "entities");
		jsonw_begin_object(&w);
		json_member(&w, "records", r->entity_records);
		json_member(&w, "total", r->entities);
		jsonw_name(&w, "by_label");
		jsonw_begin_object(&w);
		for (i = 0; i < r->nlabels; i++) {
			const struct stats_label *l = &r->labels[i];

			jsonw_name_len(&w, l->name, l->len);
			jsonw_begin_object(&w);
			json_member(&w, "count", l->n);
			json_member(&w, "distinct", l->distinct);
			if (l->approx) {
				jsonw_name(&w, "approx");
				jsonw_bool(&w, 1);
				json_member(&w, "error", l->floor);
			}
			jsonw_name(&w, "top");
			jsonw_begin_array(&w);
			for (j = 0; j < l->ntop; j++) {
				jsonw_begin_array(&w);
				jsonw_string(&w, l->top[j].name, l->top[j].len);
				jsonw_uint(&w, l->top[j].n);
				jsonw_end_array(&w);
			}
			jsonw_end_array(&w);
			jsonw_end_object(&w);
		}
		jsonw_end_object(&w);
		jsonw_end_object(&w);
	}
	if (r->has_money) {
		jsonw_name(&w, "money");
		jsonw_begin_object(&w);
		json_member(&w, "records", r->money_records);
		json_member(&w, "amounts", r->amounts);
		jsonw_name(&w, "by_currency");
		jsonw_begin_object(&w);
		for (i = 0; i < r->ncurrencies; i++) {
			const struct stats_currency *c = &r->currencies[i];
			char total[DEC_STRLEN];
			size_t n;

			jsonw_name_len(&w, c->code, c->len);
			jsonw_begin_object(&w);
			json_member(&w, "amounts", c->n);
			json_member(&w, "valued", c->valued);
			json_member(&w, "unvalued", c->unvalued);
			jsonw_name(&w, "total");
			if (c->overflow) {
				jsonw_null(&w);
				jsonw_name(&w, "overflow");
				jsonw_bool(&w, 1);
			} else {
				/* every digit, as a JSON number */
				n = dec_format(&c->total, total);
				jsonw_raw(&w, total, n);
			}
			jsonw_end_object(&w);
		}
		jsonw_end_object(&w);
		jsonw_end_object(&w);
	}
	if (r->has_pii) {
		jsonw_name(&w, "pii");
		jsonw_begin_object(&w);
		json_member(&w, "records", r->pii_records);
		json_member(&w, "items", r->pii_items);
		jsonw_name(&w, "by_type");
		json_counts(&w, r->pii_types, r->npii_types);
		jsonw_end_object(&w);
	}
	if (r->has_dropped) {
		jsonw_name(&w, "dropped");
		jsonw_begin_object(&w);
		json_member(&w, "paragraphs", r->dropped);
		jsonw_name(&w, "by_reason");
		json_counts(&w, r->drop_reasons, r->ndrop_reasons);
		jsonw_end_object(&w);
	}
	if (r->malformed)
		json_member(&w, "malformed", r->malformed);
	jsonw_end_object(&w);
}
