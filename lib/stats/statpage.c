/* statpage: the stats report as a web page with inline SVG charts. */
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/dec.h"
#include "core/utf8.h"
#include "stats/stats.h"

/* Chart geometry, in CSS pixels. */
#define CHART_W 760
#define NAME_W 230	/* the column of names left of the bars */
#define BAR_W 420	/* the longest bar */
#define ROW_H 24
#define NAME_CHARS 32	/* longer names are cut, with an ellipsis */

static const char *const palette[] = {
	"#3b6ea5", "#e07b39", "#5a9e4b", "#c44e52", "#8172b2", "#937860",
	"#da8bc3", "#8c8c8c", "#ccb974", "#64b5cd"
};
#define NCOLORS (sizeof palette / sizeof palette[0])

/* Text for HTML and SVG: the five characters that could mean markup. */
static void
html_esc(struct buf *b, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		switch (s[i]) {
		case '&': buf_addstr(b, "&amp;"); break;
		case '<': buf_addstr(b, "&lt;"); break;
		case '>': buf_addstr(b, "&gt;"); break;
		case '"': buf_addstr(b, "&quot;"); break;
		case '\'': buf_addstr(b, "&#39;"); break;
		case '\0': buf_addstr(b, "\xef\xbf\xbd"); break;
		default:
			/* other controls would make the page invalid XML-wise */
			if ((unsigned char)s[i] < 0x20 && s[i] != '\t')
				buf_addc(b, ' ');
			else
				buf_addc(b, s[i]);
		}
	}
}

/* At most 'max' code points of 's', then an ellipsis. */
static void
html_esc_cut(struct buf *b, const char *s, size_t len, size_t max)
{
	size_t cut = utf8_cp_byte(s, len, max);

	if (cut < len) {
		html_esc(b, s, cut);
		buf_addstr(b, "\xe2\x80\xa6");
	} else {
		html_esc(b, s, len);
	}
}

/* 1234567 as "1,234,567". */
static void
add_count(struct buf *b, uint64_t n)
{
	char digits[24];
	int len = snprintf(digits, sizeof digits, "%llu", (unsigned long long)n), i;

	for (i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			buf_addc(b, ',');
		buf_addc(b, digits[i]);
	}
}

/* An exact decimal with its integer part grouped: "1,234,567.89". */
static void
add_dec(struct buf *b, const struct dec *d)
{
	char s[DEC_STRLEN];
	size_t len = dec_format(d, s), intlen = strcspn(s, "."), i;

	for (i = 0; i < len; i++) {
		if (i > 0 && i < intlen && (intlen - i) % 3 == 0)
			buf_addc(b, ',');
		buf_addc(b, s[i]);
	}
}

static void
add_pct(struct buf *b, uint64_t n, uint64_t total)
{
	if (total == 0)
		buf_addstr(b, "\xe2\x80\x93");
	else
		buf_printf(b, "%.1f%%", 100.0 * (double)n / (double)total);
}

/*
 * Horizontal bars, one per row: name, bar scaled to the largest, count and
 * (when 'total' is not 0) its share.  'title' labels the chart for screen
 * readers.
 */
static void
bar_chart(struct buf *b, const char *title, const struct stats_count *v, size_t n,
    uint64_t total)
{
	uint64_t max = 1;
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i].n > max)
			max = v[i].n;
	buf_printf(b, "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 %d %zu\" "
	    "width=\"%d\" height=\"%zu\" xmlns=\"http://www.w3.org/2000/svg\">"
	    "<title>", CHART_W, n * ROW_H + 4, CHART_W, n * ROW_H + 4);
	html_esc(b, title, strlen(title));
	buf_addstr(b, "</title>\n");
	for (i = 0; i < n; i++) {
		size_t y = i * ROW_H + 2;
		double w = (double)BAR_W * (double)v[i].n / (double)max;

		buf_printf(b, "<text x=\"%d\" y=\"%zu\" class=\"name\">", NAME_W - 8,
		    y + ROW_H / 2 + 5);
		html_esc_cut(b, v[i].name, v[i].len, NAME_CHARS);
		buf_printf(b, "</text><rect x=\"%d\" y=\"%zu\" width=\"%.1f\" height=\"%d\" "
		    "fill=\"%s\"/><text x=\"%.1f\" y=\"%zu\" class=\"val\">", NAME_W, y + 3,
		    w < 1 && v[i].n ? 1.0 : w, ROW_H - 6, palette[0],
		    NAME_W + (w < 1 ? 1.0 : w) + 6, y + ROW_H / 2 + 5);
		add_count(b, v[i].n);
		if (total) {
			buf_addstr(b, " (");
			add_pct(b, v[i].n, total);
			buf_addc(b, ')');
		}
		buf_addstr(b, "</text>\n");
	}
	buf_addstr(b, "</svg>\n");
}

/* One bar split into parts, with a legend under it. */
static void
stacked_bar(struct buf *b, const char *title, const struct stats_count *v, size_t n)
{
	uint64_t total = 0;
	double x = 0;
	size_t i, shown = 0;

	for (i = 0; i < n; i++)
		total += v[i].n;
	buf_printf(b, "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 %d 34\" "
	    "width=\"%d\" height=\"34\" xmlns=\"http://www.w3.org/2000/svg\"><title>",
	    CHART_W, CHART_W);
	html_esc(b, title, strlen(title));
	buf_addstr(b, "</title>\n");
	for (i = 0; i < n && total; i++) {
		double w = (double)(CHART_W - 2) * (double)v[i].n / (double)total;

		if (v[i].n == 0)
			continue;
		buf_printf(b, "<rect x=\"%.1f\" y=\"2\" width=\"%.1f\" height=\"30\" "
		    "fill=\"%s\"><title>", 1 + x, w, palette[i % NCOLORS]);
		html_esc(b, v[i].name, v[i].len);
		buf_addstr(b, "</title></rect>\n");
		x += w;
	}
	buf_addstr(b, "</svg>\n<p class=\"legend\">");
	for (i = 0; i < n; i++) {
		if (v[i].n == 0)
			continue;
		buf_printf(b, "%s<span class=\"key\" style=\"background:%s\"></span>",
		    shown++ ? " &nbsp; " : "", palette[i % NCOLORS]);
		html_esc(b, v[i].name, v[i].len);
		buf_addstr(b, " ");
		add_pct(b, v[i].n, total);
	}
	buf_addstr(b, "</p>\n");
}

static void
figure(struct buf *b, const char *label, uint64_t n, const char *note)
{
	buf_addstr(b, "<div class=\"fig\"><div class=\"n\">");
	add_count(b, n);
	buf_addstr(b, "</div><div class=\"l\">");
	buf_addstr(b, label);
	if (note)
		buf_addstr(b, note);
	buf_addstr(b, "</div></div>\n");
}

static void
scripts_section(struct buf *b, const struct stats_report *r)
{
	struct stats_count v[STATS_NSCRIPTS + 1];
	uint64_t letters = 0;
	size_t i, n = 0;

	for (i = 0; i < STATS_NSCRIPTS; i++)
		letters += r->letters[i];
	buf_addstr(b, "<section><h2>Scripts</h2>\n");
	if (letters) {
		buf_addstr(b, "<p>Letters by script (digits, punctuation and spaces "
		    "not counted):</p>\n");
		for (i = 0; i < STATS_NSCRIPTS; i++)
			v[i] = (struct stats_count){ r->script_names[i], strlen(r->script_names[i]),
			    r->letters[i] };
		stacked_bar(b, "letters by script", v, STATS_NSCRIPTS);
	}
	buf_addstr(b, "<p>Records by the script most of their letters are in:</p>\n");
	for (i = 0; i <= STATS_NSCRIPTS; i++)
		if (r->docs[i])
			v[n++] = (struct stats_count){ r->script_names[i],
			    strlen(r->script_names[i]), r->docs[i] };
	bar_chart(b, "records by main script", v, n, r->records);
	buf_addstr(b, "</section>\n");
}

static void
lengths_section(struct buf *b, const struct stats_report *r)
{
	struct stats_count v[STATS_NLENGTHS];
	char names[STATS_NLENGTHS][32];
	size_t i;

	for (i = 0; i < STATS_NLENGTHS; i++) {
		if (i + 1 < STATS_NLENGTHS && r->length_min[i + 1] - 1 == r->length_min[i])
			snprintf(names[i], sizeof names[i], "%llu",
			    (unsigned long long)r->length_min[i]);
		else if (i + 1 < STATS_NLENGTHS)
			snprintf(names[i], sizeof names[i], "%llu\xe2\x80\x93%llu",
			    (unsigned long long)r->length_min[i],
			    (unsigned long long)r->length_min[i + 1] - 1);
		else
			snprintf(names[i], sizeof names[i], "%llu or more",
			    (unsigned long long)r->length_min[i]);
		v[i] = (struct stats_count){ names[i], strlen(names[i]), r->lengths[i] };
	}
	buf_addstr(b, "<section><h2>Text lengths</h2>\n"
	    "<p>Records by the length of their text, in characters:</p>\n");
	bar_chart(b, "records by text length", v, STATS_NLENGTHS, r->records);
	buf_addstr(b, "</section>\n");
}

static void
duplicates_section(struct buf *b, const struct stats_report *r)
{
	struct stats_count v[2] = {
		{ "first seen", 10, r->paragraphs - r->dup_paragraphs },
		{ "repeats", 7, r->dup_paragraphs }
	};
	struct stats_count d[2] = {
		{ "kept", 4, r->paragraphs },
		{ "dropped by winnow-dedupe", 24, r->dropped }
	};

	buf_addstr(b, "<section><h2>Duplicates</h2>\n");
	if (r->has_dropped) {
		/* After dedupe every paragraph left is a first: say what went. */
		buf_addstr(b, "<p>winnow-dedupe dropped ");
		add_count(b, r->dropped);
		buf_addstr(b, " of ");
		add_count(b, r->paragraphs + r->dropped);
		buf_addstr(b, " paragraphs (");
		add_pct(b, r->dropped, r->paragraphs + r->dropped);
		buf_addstr(b, ") before these records, by reason (its --removed file):</p>\n");
		if (r->paragraphs + r->dropped)
			stacked_bar(b, "paragraphs kept and dropped by winnow-dedupe", d, 2);
		if (r->ndrop_reasons)
			bar_chart(b, "dropped paragraphs by reason", r->drop_reasons,
			    r->ndrop_reasons, r->dropped);
	}
	buf_addstr(b, "<p>");
	add_count(b, r->dup_paragraphs);
	buf_addstr(b, " of ");
	add_count(b, r->paragraphs);
	buf_addstr(b, " paragraphs (");
	add_pct(b, r->dup_paragraphs, r->paragraphs);
	buf_printf(b, ") %s an earlier one exactly after normalization "
	    "(case, width, spaces and punctuation aside; paragraphs lighter than "
	    "%zu are not judged). Records whose whole text repeats an earlier "
	    "record's: ", r->has_dropped ? "here still repeat" : "repeat", r->min_chars);
	add_count(b, r->dup_records);
	buf_addstr(b, ".</p>\n");
	if (r->paragraphs && !r->has_dropped)
		stacked_bar(b, "paragraphs first seen and repeated", v, 2);
	buf_addstr(b, "</section>\n");
}

/* A size as a person reads it: "812 bytes", "27 KB", "3.4 MB", "1.2 GB". */
static void
add_size(struct buf *b, uint64_t n)
{
	if (n < 1000)
		buf_printf(b, "%llu bytes", (unsigned long long)n);
	else if (n < 1000000)
		buf_printf(b, "%.0f KB", (double)n / 1e3);
	else if (n < 1000000000)
		buf_printf(b, "%.1f MB", (double)n / 1e6);
	else
		buf_printf(b, "%.1f GB", (double)n / 1e9);
}

static void
stripped_section(struct buf *b, const struct stats_report *r)
{
	buf_addstr(b, "<section><h2>Stripped lines by reason</h2>\n<p>");
	add_count(b, r->stripped_lines);
	buf_addstr(b, " lines cut from ");
	add_count(b, r->stripped_records);
	buf_addstr(b, " records (winnow-strip --explain):</p>\n");
	bar_chart(b, "stripped lines by reason", r->rules,
	    r->nrules, r->stripped_lines);
	buf_addstr(b, "</section>\n");
}

static void
pii_section(struct buf *b, const struct stats_report *r)
{
	buf_addstr(b, "<section><h2>Personal data by type</h2>\n<p>");
	add_count(b, r->pii_items);
	buf_addstr(b, " items in ");
	add_count(b, r->pii_records);
	buf_addstr(b, " records (winnow-pii):</p>\n");
	bar_chart(b, "personal data by type", r->pii_types, r->npii_types, r->pii_items);
	buf_addstr(b, "</section>\n");
}

static void
entities_section(struct buf *b, const struct stats_report *r)
{
	struct stats_count labels[64];
	size_t i, n = 0;

	buf_addstr(b, "<section><h2>Entities</h2>\n<p>");
	add_count(b, r->entities);
	buf_addstr(b, " entities in ");
	add_count(b, r->entity_records);
	buf_addstr(b, " records.</p>\n");
	for (i = 0; i < r->nlabels && n < 64; i++)
		labels[n++] = (struct stats_count){ r->labels[i].name, r->labels[i].len,
		    r->labels[i].n };
	bar_chart(b, "entities by label", labels, n, r->entities);
	for (i = 0; i < r->nlabels; i++) {
		const struct stats_label *l = &r->labels[i];

		buf_addstr(b, "<h3>");
		html_esc(b, l->name, l->len);
		buf_addstr(b, "</h3>\n<p>");
		add_count(b, l->distinct);
		buf_addstr(b, " distinct");
		if (l->approx) {
			buf_addstr(b, " (at least; counts below may be short by up to ");
			add_count(b, l->floor);
			buf_addstr(b, ")");
		}
		buf_printf(b, "; the %zu most frequent:</p>\n", l->ntop);
		bar_chart(b, "most frequent", l->top,
		    l->ntop, 0);
	}
	buf_addstr(b, "</section>\n");
}

static void
money_section(struct buf *b, const struct stats_report *r)
{
	struct stats_count v[64];
	size_t i, n = 0;

	buf_addstr(b, "<section><h2>Money</h2>\n<p>");
	add_count(b, r->amounts);
	buf_addstr(b, " amounts in ");
	add_count(b, r->money_records);
	buf_addstr(b, " records. Totals are exact sums of the single values, in each "
	    "currency's main unit; ranges and vague amounts are counted, not "
	    "summed.</p>\n");
	for (i = 0; i < r->ncurrencies && n < 64; i++)
		v[n++] = (struct stats_count){ r->currencies[i].code, r->currencies[i].len,
		    r->currencies[i].n };
	bar_chart(b, "amounts by currency", v, n, r->amounts);
	buf_addstr(b, "<table><thead><tr><th>currency</th><th>amounts</th>"
	    "<th>ranges, vague</th><th>total of values</th></tr></thead><tbody>\n");
	for (i = 0; i < r->ncurrencies; i++) {
		const struct stats_currency *c = &r->currencies[i];

		buf_addstr(b, "<tr><td>");
		html_esc(b, c->code, c->len);
		buf_addstr(b, "</td><td>");
		add_count(b, c->n);
		buf_addstr(b, "</td><td>");
		add_count(b, c->unvalued);
		buf_addstr(b, "</td><td class=\"num\">");
		if (c->overflow)
			buf_addstr(b, "more than 38 digits");
		else
			add_dec(b, &c->total);
		buf_addstr(b, "</td></tr>\n");
	}
	buf_addstr(b, "</tbody></table>\n</section>\n");
}

void
statpage_html(const struct stats_report *r, const char *title, struct buf *b)
{
	/* hangul, han, kana: the first three scripts of the report */
	int cjk = r->letters[0] + r->letters[1] + r->letters[2] > 0;

	buf_addstr(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	    "<title>winnow-stats: ");
	html_esc(b, title, strlen(title));
	buf_addstr(b, "</title>\n<style>\n"
	    "body{font:15px/1.45 system-ui,-apple-system,'Segoe UI','Noto Sans',"
	    "'Noto Sans CJK KR','NanumGothic','Malgun Gothic',sans-serif;"
	    "color:#222;background:#fff;margin:2em auto;max-width:800px;padding:0 1em}\n"
	    "h1{font-size:1.5em;margin:0 0 .2em}h2{margin-top:1.8em;border-bottom:"
	    "1px solid #ddd;padding-bottom:.2em}h3{margin-bottom:.2em}\n"
	    ".sub{color:#666;margin:0 0 1.2em}\n"
	    ".figs{display:flex;flex-wrap:wrap;gap:.8em}\n"
	    ".fig{border:1px solid #ddd;border-radius:6px;padding:.6em .9em;min-width:8em}\n"
	    ".fig .n{font-size:1.4em;font-weight:600}.fig .l{color:#555;font-size:.9em}\n"
	    "svg.chart{display:block;max-width:100%;height:auto;margin:.4em 0}\n"
	    "svg text{font:13px system-ui,'Noto Sans CJK KR','NanumGothic',sans-serif;"
	    "fill:#222}\n"
	    "svg text.name{text-anchor:end}svg text.val{fill:#444}\n"
	    ".legend{font-size:.9em;margin:.2em 0}\n"
	    ".key{display:inline-block;width:.9em;height:.9em;vertical-align:-.1em;"
	    "margin-right:.3em;border-radius:2px}\n"
	    "table{border-collapse:collapse;margin:.6em 0}"
	    "td,th{border-bottom:1px solid #eee;padding:.25em .8em;text-align:left}\n"
	    "td.num{text-align:right;font-variant-numeric:tabular-nums}\n"
	    "</style>\n</head>\n<body>\n<h1>");
	html_esc(b, title, strlen(title));
	buf_addstr(b, "</h1>\n<p class=\"sub\">A summary by winnow-stats.</p>\n");
	if (cjk)
		buf_addstr(b, "<p class=\"sub\">The text holds Hangul or other CJK "
		    "characters: to see them rather than boxes, the browser needs a "
		    "Korean or CJK font (on Debian: fonts-nanum or fonts-noto-cjk).</p>\n");
	buf_addstr(b, "<div class=\"figs\">\n");
	figure(b, "records", r->records, NULL);
	buf_addstr(b, "<div class=\"fig\"><div class=\"n\">");
	add_size(b, r->bytes);
	buf_addstr(b, "</div><div class=\"l\">of JSON Lines</div></div>\n");
	figure(b, "characters of text", r->chars, NULL);
	figure(b, "paragraphs", r->paragraphs, NULL);
	figure(b, "repeated paragraphs", r->dup_paragraphs, NULL);
	if (r->has_dropped)
		figure(b, "paragraphs dropped by winnow-dedupe", r->dropped, NULL);
	if (r->nofield)
		figure(b, "records without text", r->nofield, NULL);
	if (r->empty)
		figure(b, "records with empty text", r->empty, NULL);
	buf_addstr(b, "</div>\n");
	scripts_section(b, r);
	lengths_section(b, r);
	duplicates_section(b, r);
	if (r->has_stripped)
		stripped_section(b, r);
	if (r->has_entities)
		entities_section(b, r);
	if (r->has_money)
		money_section(b, r);
	if (r->has_pii)
		pii_section(b, r);
	buf_addstr(b, "</body>\n</html>\n");
}
