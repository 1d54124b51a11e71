/* winnow-stats: a summary of a stream of records, as JSON and as a web page with charts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/util.h"
#include "record/cli.h"
#include "record/io.h"
#include "record/rec.h"
#include "stats/stats.h"

static struct stats_opts opts;
static const char *html_path;		/* --html */
static const char *title;		/* --title */
static const char *removed_path;	/* --removed */
static struct stats *stats;

enum { OPT_HTML = CLI_OPT_LONG, OPT_TOP, OPT_TITLE, OPT_MIN_CHARS, OPT_REMOVED };

static const struct option longopts[] = {
	{ "html", required_argument, NULL, OPT_HTML },
	{ "top", required_argument, NULL, OPT_TOP },
	{ "title", required_argument, NULL, OPT_TITLE },
	{ "min-chars", required_argument, NULL, OPT_MIN_CHARS },
	{ "removed", required_argument, NULL, OPT_REMOVED },
	{ NULL, 0, NULL, 0 }
};

static int
option(struct cli *c, int opt, const char *arg)
{
	long long n;

	switch (opt) {
	case OPT_HTML:
		html_path = arg;
		return CLI_GO;
	case OPT_TITLE:
		title = arg;
		return CLI_GO;
	case OPT_REMOVED:
		removed_path = arg;
		return CLI_GO;
	case OPT_TOP:
		if (parse_int("--top", arg, 1, 10000, &n) < 0)
			return CLI_USAGE;
		opts.top = (size_t)n;
		return CLI_GO;
	case OPT_MIN_CHARS:
		if (parse_int("--min-chars", arg, 1, 1000000, &n) < 0)
			return CLI_USAGE;
		opts.min_chars = (size_t)n;
		return CLI_GO;
	}
	return CLI_USAGE;
}

/* winnow-dedupe --removed FILE: what was dropped before these records. */
static int
read_removed(const char *path)
{
	FILE *fp = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int err;

	if (fp == NULL) {
		warnp("cannot open '%s'", path);
		return EXIT_USAGE;
	}
	while ((n = getline(&line, &cap, fp)) > 0) {
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			n--;
		if (n > 0)
			stats_add_removed(stats, line, (size_t)n);
	}
	err = ferror(fp);
	free(line);
	fclose(fp);
	if (err) {
		warnp("read error: '%s'", path);
		return EXIT_IOERR;
	}
	return CLI_GO;
}

static int
start(struct cli *c)
{
	stats = stats_new(&opts);
	return removed_path ? read_removed(removed_path) : CLI_GO;
}

static int
record(struct cli *c, struct rec *r)
{
	struct stats_doc doc = { .bytes = r->len };

	if (rec_text(r, &doc.text, &doc.len) != REC_STRING)
		doc.text = NULL;
	if (!rec_get_raw(r, "stripped", &doc.stripped, &doc.stripped_len))
		doc.stripped = NULL;
	if (!rec_get_raw(r, "entities", &doc.entities, &doc.entities_len))
		doc.entities = NULL;
	if (!rec_get_raw(r, "money", &doc.money, &doc.money_len))
		doc.money = NULL;
	if (!rec_get_raw(r, "pii", &doc.pii, &doc.pii_len))
		doc.pii = NULL;
	stats_add(stats, &doc);
	return CLI_DONE;
}

/* The page, written atomically like -o: all of it or nothing. */
static int
write_page(const struct stats_report *rep)
{
	struct out *o = out_open(html_path, OUT_ATOMIC);

	if (o == NULL)
		return -1;
	statpage_html(rep, title ? title : "winnow-stats", out_buf(o));
	if (out_ready(o) < 0) {
		out_abort(o);
		return -1;
	}
	return out_close(o);
}

static int
finish(struct cli *c)
{
	const struct stats_report *rep = stats_report(stats);
	struct buf json = BUF_INIT;
	int rc = 0;

	stats_json(rep, &json);
	if (cli_emit_json(c, json.data, json.len) < 0)
		rc = -1;
	buf_release(&json);
	if (rc == 0 && html_path && write_page(rep) < 0)
		rc = -1;
	return rc;
}

int
main(int argc, char *argv[])
{
	static const struct cli_spec spec = {
		.name = "stats",
		.purpose = "Summarize a stream of records as one JSON report, or a web page with charts.",
		.description =
		    "Counts records, bytes, characters, paragraphs (non-blank lines), text\n"
		    "lengths, letters by script (hangul, han, kana, latin, ...) and records\n"
		    "by their main script, and exact repeats: paragraphs whose normalized key\n"
		    "(as winnow-dedupe makes it) was seen before, and records whose text was.\n"
		    "What other filters added is summed when present: \"stripped\" lines by\n"
		    "rule (winnow-strip --explain), \"entities\" by label with the most\n"
		    "frequent texts (winnow-tag), \"money\" amounts by currency with the exact\n"
		    "total of their values, every digit (winnow-money), \"pii\" items by type\n"
		    "(winnow-pii, masked or not).  The report is one JSON object on one\n"
		    "line; records are not passed through.\n"
		    "\n"
		    "Memory grows with distinct paragraphs (about 22 bytes each) and distinct\n"
		    "entity texts (counted exactly up to 65536 per label, then approximately;\n"
		    "the report says so).\n",
		.options_help =
		    "      --html FILE        also write a web page with charts to FILE (one\n"
		    "                         self-contained file: no script, no network)\n"
		    "      --title TEXT       the page's heading (default: winnow-stats)\n"
		    "      --top N            entity texts listed per label (default 10)\n"
		    "      --min-chars N      paragraphs lighter than N are not judged\n"
		    "                         duplicate (default 20, as winnow-dedupe)\n"
		    "      --removed FILE     count what winnow-dedupe --removed FILE says it\n"
		    "                         dropped, by reason\n",
		.example =
		    "  winnow-stats clean.jsonl | jq .\n"
		    "  winnow-strip --explain news.jsonl | winnow-money | winnow-tag |\n"
		    "      winnow-stats --html report.html --title 'news, May' > report.json\n",
		.longopts = longopts,
		.option = option,
		.start = start,
		.record = record,
		.finish = finish,
		.flags = CLI_ALL_RECORDS,
	};
	int status = cli_main(&spec, argc, argv);

	stats_free(stats);
	return status;
}
