/* winnow-strip: remove boilerplate (bylines, captions, widgets, footers) from the text field. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/jsonw.h"
#include "core/rx.h"
#include "core/state.h"
#include "core/util.h"
#include "record/cli.h"
#include "record/rec.h"
#include "strip/strip.h"

#define MAX_RULE_FILES 64

static int lang = STRIP_AUTO;		/* --lang */
static const struct choice langs[] = {
	{ "ko", STRIP_KO }, { "en", STRIP_EN }, { "auto", STRIP_AUTO }, { NULL, 0 }
};
static int explain;			/* --explain */
static int keep_empty;			/* --keep-empty */
static int drop_empty;			/* --drop-empty */
static const char *model_path;		/* --model */
static int no_model;			/* --no-model */
static int no_builtin;			/* --no-builtin */
static const char *rule_files[MAX_RULE_FILES];	/* --rules, in order */
static int nrule_files;
static const char *removed_path;	/* --removed */
static const char *templates_path;	/* --templates */
static long long min_docs = -1;		/* --min-docs; -1: not given */
static double wait_secs;		/* --wait: < 0 forever */

static struct strip *engine;
static struct strip_result res;
static struct out *removed;
static struct state *state;
static struct tmpl *templates;
static struct buf json, id;

static struct strip_stats stats;	/* for -v */
static unsigned long long kept_whole;	/* --keep-empty */
static unsigned long long dropped;	/* --drop-empty */

enum {
	OPT_LANG = CLI_OPT_LONG, OPT_EXPLAIN, OPT_REMOVED, OPT_RULES, OPT_NO_BUILTIN,
	OPT_KEEP_EMPTY, OPT_TEMPLATES, OPT_MIN_DOCS, OPT_WAIT, OPT_DUMP_RULES,
	OPT_DROP_EMPTY, OPT_MODEL, OPT_NO_MODEL
};

static const struct option longopts[] = {
	{ "lang", required_argument, NULL, OPT_LANG },
	{ "explain", no_argument, NULL, OPT_EXPLAIN },
	{ "removed", required_argument, NULL, OPT_REMOVED },
	{ "rules", required_argument, NULL, OPT_RULES },
	{ "no-builtin", no_argument, NULL, OPT_NO_BUILTIN },
	{ "keep-empty", no_argument, NULL, OPT_KEEP_EMPTY },
	{ "drop-empty", no_argument, NULL, OPT_DROP_EMPTY },
	{ "model", required_argument, NULL, OPT_MODEL },
	{ "no-model", no_argument, NULL, OPT_NO_MODEL },
	{ "templates", required_argument, NULL, OPT_TEMPLATES },
	{ "min-docs", required_argument, NULL, OPT_MIN_DOCS },
	{ "wait", optional_argument, NULL, OPT_WAIT },
	{ "dump-rules", no_argument, NULL, OPT_DUMP_RULES },
	{ NULL, 0, NULL, 0 }
};

static int
option(struct cli *c, int opt, const char *arg)
{
	size_t len;
	const char *text;

	switch (opt) {
	case OPT_LANG:
		return parse_choice("--lang", arg, langs, &lang);
	case OPT_EXPLAIN:
		explain = 1;
		return CLI_GO;
	case OPT_REMOVED:
		removed_path = arg;
		return CLI_GO;
	case OPT_RULES:
		if (nrule_files == MAX_RULE_FILES) {
			warnx("option '--rules' given more than %d times",
			    MAX_RULE_FILES);
			return CLI_USAGE;
		}
		rule_files[nrule_files++] = arg;
		return CLI_GO;
	case OPT_NO_BUILTIN:
		no_builtin = 1;
		return CLI_GO;
	case OPT_KEEP_EMPTY:
		keep_empty = 1;
		return CLI_GO;
	case OPT_DROP_EMPTY:
		drop_empty = 1;
		return CLI_GO;
	case OPT_MODEL:
		model_path = arg;
		return CLI_GO;
	case OPT_NO_MODEL:
		no_model = 1;
		return CLI_GO;
	case OPT_TEMPLATES:
		templates_path = arg;
		return CLI_GO;
	case OPT_MIN_DOCS:
		return parse_int("--min-docs", arg, 0, 1000000000, &min_docs);
	case OPT_WAIT:
		wait_secs = -1;
		return arg ? parse_real("--wait", arg, 0, 1e9, &wait_secs) : 0;
	case OPT_DUMP_RULES:
		text = strip_builtin_rules(&len);
		fwrite(text, 1, len, stdout);	/* cli_main checks stdout */
		return CLI_STOP;
	}
	return CLI_USAGE;
}

static int
start(struct cli *c)
{
	unsigned char seed[STATE_SEED_SIZE];
	int i, rc;

	if (keep_empty && drop_empty) {
		warnx("--keep-empty and --drop-empty do not go together");
		return CLI_USAGE;
	}
	if (model_path && no_model) {
		warnx("--model and --no-model do not go together");
		return CLI_USAGE;
	}
	engine = strip_new();
	if (!no_builtin && strip_add_builtin(engine) < 0)
		return CLI_USAGE;
	/* The built-in model learnt on top of the built-in rules: both or none. */
	if (model_path ? strip_load_model(engine, model_path) < 0 :
	    !no_model && !no_builtin && strip_use_builtin_model(engine) < 0)
		return CLI_USAGE;
	for (i = 0; i < nrule_files; i++)
		if (strip_add_rules(engine, rule_files[i]) < 0)
			return CLI_USAGE;
	if (templates_path || min_docs > 0) {
		if (min_docs < 0)
			min_docs = 5;
		if (templates_path) {
			rc = state_open(&state, templates_path, TMPL_KIND, 0,
			    wait_secs);
			if (rc != STATE_OK)
				return state_exit_status(rc);
			templates = tmpl_new(state_seed(state), 0);
			if (tmpl_load(templates, state) < 0)
				return state_exit_status(STATE_BAD);
		} else {
			if (state_random_seed(seed) < 0)
				return EXIT_OSERR;
			templates = tmpl_new(seed, 0);
		}
		strip_set_templates(engine, templates, (unsigned)min_docs);
	}
	if (removed_path && (removed = out_open(removed_path, OUT_ATOMIC)) ==
	    NULL)
		return EXIT_IOERR;
	return CLI_GO;
}

/*
 * One line per thing cut: which record, which line, why, what; then, for
 * a record --drop-empty drops, {"id":ID,"rule":"empty-record"}.
 */
static int
write_removed(struct cli *c, struct rec *r, const char *s, int whole)
{
	struct jsonw w;
	size_t i;

	cli_record_id(c, r, &id);
	for (i = 0; i < res.ncut; i++) {
		jsonw_init(&w, out_buf(removed));
		jsonw_begin_object(&w);
		jsonw_name(&w, "id");
		jsonw_raw(&w, id.data, id.len);
		strip_cut_members(&w, &res.cut[i], s);
		jsonw_end_object(&w);
		buf_addc(out_buf(removed), '\n');
	}
	if (whole) {
		jsonw_init(&w, out_buf(removed));
		jsonw_begin_object(&w);
		jsonw_name(&w, "id");
		jsonw_raw(&w, id.data, id.len);
		jsonw_name(&w, "rule");
		jsonw_str(&w, "empty-record");
		jsonw_end_object(&w);
		buf_addc(out_buf(removed), '\n');
	}
	return out_ready(removed);
}

static int
record(struct cli *c, struct rec *r)
{
	const char *s;
	size_t len;
	int drop = 0;

	rec_text(r, &s, &len);
	if (strip_text(engine, s, len, lang, &res) != 0)
		cli_warn(c, "rule '%s' (%s) %s: text left as it was",
		    res.failed, res.failed_where,
		    rx_errmsg(res.failed_rc));
	else if (res.changed && res.text.len == 0 && keep_empty) {
		kept_whole++;
		res.ncut = 0;	/* nothing is removed after all */
		res.changed = 0;
	} else if (res.changed && res.text.len == 0 && drop_empty) {
		dropped++;
		drop = 1;
	}
	strip_stats_add(&stats, &res);
	/* 's' is the record's until rec_set_text(): use it first. */
	if (removed && (res.ncut > 0 || drop) &&
	    write_removed(c, r, s, drop) < 0)
		return CLI_FAIL;
	if (drop)
		return CLI_DONE;
	if (explain) {
		buf_reset(&json);
		strip_cuts_json(&res, s, &json);
	}
	if (res.changed)
		rec_set_text(r, res.text.data ? res.text.data : "",
		    res.text.len);
	if (explain)
		rec_set_raw(r, "stripped", json.data, json.len);
	return CLI_EMIT;
}

/*
 * Once the output is safely closed: only then is the cut list kept and
 * what this run counted remembered, so a failed run changes nothing.
 */
static int
commit(struct cli *c)
{
	if (removed) {
		int rc = out_close(removed);

		removed = NULL;
		if (rc < 0)
			return -1;
	}
	if (state && (tmpl_changed(templates) || state_is_new(state)) &&
	    tmpl_save(templates, state) < 0)
		return -1;
	return 0;
}

static void
summary(struct cli *c, struct buf *b)
{
	strip_stats_print(&stats, b);
	if (keep_empty)
		buf_printf(b, ", %llu kept whole (--keep-empty)", kept_whole);
	if (drop_empty)
		buf_printf(b, ", %llu dropped (--drop-empty)", dropped);
	if (templates)
		buf_printf(b, "; %zu template lines known", tmpl_lines(templates));
}

int
main(int argc, char *argv[])
{
	static const struct cli_spec spec = {
		.name = "strip",
		.purpose = "Remove boilerplate from the text field: bylines, captions, "
		    "widgets, footers.",
		.description =
		    "Each line of the text is kept or removed, with a reason.  Rules (built in\n"
		    "for Korean and English; --dump-rules shows them and their format) remove\n"
		    "copyright lines, bylines, captions and credits, tip lines, widgets, related\n"
		    "lists and menus, and cut inline bylines such as '(서울=연합뉴스) 홍길동\n"
		    "기자 = ', keeping the text after them.  A line model then keeps or cuts\n"
		    "each line the rules left (reason \"model\"): boosted trees over the line's\n"
		    "shape, what the rules and a layout analysis made of it and of its\n"
		    "neighbours, and its place against the page's article, trained on labelled\n"
		    "Korean and English news pages (--model FILE: one of winnow-strip-train;\n"
		    "--no-model: the layout analysis decides alone).  Its threshold leans to\n"
		    "keeping: a headline or a one-line paragraph lost costs more than a menu\n"
		    "line kept.  With --min-docs or --templates, short lines that N documents\n"
		    "held go too.  A record that loses every line is written with empty text\n"
		    "and counted (--drop-empty: dropped, and listed in --removed).  A rule that\n"
		    "hits PCRE2's backtracking limits leaves its record as it was, with a\n"
		    "warning.\n",
		.options_help =
		    "      --lang LANG        ko, en or auto (the default: by script, per record)\n"
		    "      --explain          add \"stripped\":[{\"line\":N,\"rule\":R,\"text\":T}]\n"
		    "                         (and \"features\":[...] where the model cut)\n"
		    "      --removed FILE     write each cut to FILE as JSON: id, line, rule, text\n"
		    "      --rules FILE       add the rules in FILE (again for more files)\n"
		    "      --no-builtin       without the built-in rules and model\n"
		    "      --model FILE       decide lines with the model in FILE\n"
		    "      --no-model         without the line model: layout decides\n"
		    "      --keep-empty       leave a record whose text would lose every line\n"
		    "                         as it was (counted), instead of emptying it\n"
		    "      --drop-empty       drop such a record (counted; with --removed, its\n"
		    "                         cuts and {\"id\":ID,\"rule\":\"empty-record\"})\n"
		    "      --min-docs N       remove short lines that N documents held\n"
		    "                         (site templates; 0: off; default 5 with\n"
		    "                         --templates)\n"
		    "      --templates FILE   keep the template counts in FILE across runs\n"
		    "                         (locked for the run, saved crash-safely)\n"
		    "      --wait[=SECS]      wait for a templates file another run holds\n"
		    "      --dump-rules       print the built-in rules and exit\n",
		.example =
		    "  winnow-read site/*.txt | winnow-norm | winnow-strip -v > clean.jsonl\n"
		    "  winnow-strip --lang en --explain page.jsonl | jq .stripped\n"
		    "  winnow-strip --templates site.wts --rules mine.rules --removed cut.jsonl\n",
		.longopts = longopts,
		.option = option,
		.start = start,
		.record = record,
		.commit = commit,
		.summary = summary,
	};
	int status = cli_main(&spec, argc, argv);

	if (removed)
		out_abort(removed);
	state_close(state);
	tmpl_free(templates);
	strip_free(engine);
	strip_result_release(&res);
	buf_release(&json);
	buf_release(&id);
	return status;
}
