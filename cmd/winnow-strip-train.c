/* winnow-strip-train: learn winnow-strip's line model from labelled pages. */
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/json.h"
#include "core/jsonw.h"
#include "core/util.h"
#include "record/cli.h"
#include "record/rec.h"
#include "strip/strip.h"

#define MAX_RULE_FILES 64

static int lang = STRIP_AUTO;		/* --lang; else the record's "lang" */
static const struct choice langs[] = {
	{ "ko", STRIP_KO }, { "en", STRIP_EN }, { "auto", STRIP_AUTO }, { NULL, 0 }
};
static int cross_validate;		/* --cross-validate */
static size_t cv_folds;			/* --cv-folds: 0, one per site */
static int explain;			/* --explain */
static int scores;			/* --scores */
static int no_builtin;			/* --no-builtin */
static const char *rule_files[MAX_RULE_FILES];	/* --rules, in order */
static int nrule_files;
static const char *site_field = "site";	/* --site */
static const char *labels_field = "labels";	/* --labels */
static struct strip_train_opts opts = {
	.trees = 100, .trees2 = 100, .depth = 3, .rate = 0.1, .min_child = 1,
	.l2 = 1, .body_weight = 1, .balance = 0.5, .recall = { 0.995, 0 },
	.threshold = 0, .folds = 5
};

/* A page kept for --cross-validate: written once its site's model is made. */
struct page {
	char *id;		/* the record's id, as JSON */
	char *site;
	char *text;
	size_t len;
	int lang;
};

static struct strip *engine;
static struct strip_trainer *trainer;
static struct page *pages;
static size_t npages, cpages;
static signed char *label;
static size_t clabel;
static struct buf site_name, id, model, cuts;
static unsigned long long skipped;	/* pages a rule's limits left out */
static unsigned long long unlabelled;	/* pages without labels */

enum {
	OPT_LANG = 0x100, OPT_CROSS, OPT_EXPLAIN, OPT_RULES, OPT_NO_BUILTIN,
	OPT_SITE, OPT_LABELS, OPT_L2, OPT_BODY_WEIGHT, OPT_BALANCE,
	OPT_RECALL, OPT_THRESHOLD, OPT_FOLDS, OPT_SCORES, OPT_TREES, OPT_DEPTH,
	OPT_RATE, OPT_MIN_CHILD, OPT_CV_FOLDS, OPT_RECALL_EN, OPT_TREES2
};

static const struct option train_opts[] = {
	{ "lang", required_argument, NULL, OPT_LANG },
	{ "cross-validate", no_argument, NULL, OPT_CROSS },
	{ "explain", no_argument, NULL, OPT_EXPLAIN },
	{ "scores", no_argument, NULL, OPT_SCORES },
	{ "rules", required_argument, NULL, OPT_RULES },
	{ "no-builtin", no_argument, NULL, OPT_NO_BUILTIN },
	{ "site", required_argument, NULL, OPT_SITE },
	{ "labels", required_argument, NULL, OPT_LABELS },
	{ "l2", required_argument, NULL, OPT_L2 },
	{ "body-weight", required_argument, NULL, OPT_BODY_WEIGHT },
	{ "balance", required_argument, NULL, OPT_BALANCE },
	{ "recall", required_argument, NULL, OPT_RECALL },
	{ "recall-en", required_argument, NULL, OPT_RECALL_EN },
	{ "threshold", required_argument, NULL, OPT_THRESHOLD },
	{ "folds", required_argument, NULL, OPT_FOLDS },
	{ "trees", required_argument, NULL, OPT_TREES },
	{ "trees2", required_argument, NULL, OPT_TREES2 },
	{ "depth", required_argument, NULL, OPT_DEPTH },
	{ "rate", required_argument, NULL, OPT_RATE },
	{ "min-child", required_argument, NULL, OPT_MIN_CHILD },
	{ "cv-folds", required_argument, NULL, OPT_CV_FOLDS },
	{ NULL, 0, NULL, 0 }
};

static int
train_option(struct cli *c, int opt, const char *arg)
{
	long long v;
	int rc;

	switch (opt) {
	case OPT_LANG:
		return parse_choice("--lang", arg, langs, &lang);
	case OPT_CROSS:
		cross_validate = 1;
		return CLI_GO;
	case OPT_EXPLAIN:
		explain = 1;
		return CLI_GO;
	case OPT_SCORES:
		scores = 1;
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
	case OPT_SITE:
		site_field = arg;
		return CLI_GO;
	case OPT_LABELS:
		labels_field = arg;
		return CLI_GO;
	case OPT_L2:
		return parse_real("--l2", arg, 0, 1e6, &opts.l2);
	case OPT_BODY_WEIGHT:
		return parse_real("--body-weight", arg, 0.01, 100,
		    &opts.body_weight);
	case OPT_BALANCE:
		return parse_real("--balance", arg, 0, 1, &opts.balance);
	case OPT_RECALL:
		return parse_real("--recall", arg, 0, 1, &opts.recall[0]);
	case OPT_RECALL_EN:
		return parse_real("--recall-en", arg, 0, 1, &opts.recall[1]);
	case OPT_THRESHOLD:
		return parse_real("--threshold", arg, 0.01, 1, &opts.threshold);
	case OPT_FOLDS:
		rc = parse_int("--folds", arg, 0, 100, &v);
		opts.folds = (unsigned)v;
		return rc;
	case OPT_TREES:
		rc = parse_int("--trees", arg, 1, 10000, &v);
		opts.trees = (unsigned)v;
		return rc;
	case OPT_TREES2:
		rc = parse_int("--trees2", arg, 0, 10000, &v);
		opts.trees2 = (unsigned)v;
		return rc;
	case OPT_DEPTH:
		rc = parse_int("--depth", arg, 1, 4, &v);
		opts.depth = (int)v;
		return rc;
	case OPT_RATE:
		return parse_real("--rate", arg, 0.001, 1, &opts.rate);
	case OPT_CV_FOLDS:
		rc = parse_int("--cv-folds", arg, 0, 1000000, &v);
		cv_folds = (size_t)v;
		return rc;
	case OPT_MIN_CHILD:
		return parse_real("--min-child", arg, 0, 1e6, &opts.min_child);
	}
	return CLI_USAGE;
}

static int
train_start(struct cli *c)
{
	int i;

	engine = strip_new();
	if (!no_builtin && strip_add_builtin(engine) < 0)
		return CLI_USAGE;
	for (i = 0; i < nrule_files; i++)
		if (strip_add_rules(engine, rule_files[i]) < 0)
			return CLI_USAGE;
	trainer = strip_trainer_new(engine);
	return CLI_GO;
}

/*
 * The record's labels: 1 keep, 0 drop, null none.  Returns 1, 0 when the
 * record has none, -1 when they are not such an array.
 */
static int
read_labels(struct cli *c, struct rec *r, size_t *n)
{
	const char *v;
	size_t vlen, pos = 0, e, elen;

	*n = 0;
	if (!rec_get_raw(r, labels_field, &v, &vlen))
		return 0;
	if (vlen == 0 || v[0] != '[')
		return -1;
	while (json_array_next(v, vlen, &pos, &e, &elen)) {
		signed char l;

		if (elen == 1 && v[e] == '1')
			l = STRIP_KEEP;
		else if (elen == 1 && v[e] == '0')
			l = STRIP_DROP;
		else if (elen == 4 && memcmp(v + e, "null", 4) == 0)
			l = STRIP_UNLABELLED;
		else
			return -1;
		label = xreserve(label, &clabel, *n + 1, sizeof *label);
		label[(*n)++] = l;
	}
	return 1;
}

static int
train_record(struct cli *c, struct rec *r)
{
	const char *s;
	size_t len, n;
	int page_lang = lang, rc;

	rec_text(r, &s, &len);
	rc = read_labels(c, r, &n);
	if (rc == 0) {
		unlabelled++;	/* nothing to learn from it */
		return CLI_DONE;
	}
	if (rc < 0)
		return cli_reject(c, r->line, r->len,
		    "the labels are not an array of 1, 0 and null");
	buf_reset(&site_name);
	if (rec_get_string(r, site_field, &site_name) != REC_STRING)
		cli_record_id(c, r, &site_name);	/* a site of its own */
	buf_addc(&site_name, '\0');
	if (lang == STRIP_AUTO) {
		struct buf l = BUF_INIT;

		if (rec_get_string(r, "lang", &l) == REC_STRING && l.len == 2)
			page_lang = memcmp(l.data, "ko", 2) == 0 ? STRIP_KO :
			    memcmp(l.data, "en", 2) == 0 ? STRIP_EN : STRIP_AUTO;
		buf_release(&l);
	}
	rc = strip_trainer_add(trainer, s, len, page_lang, label, n,
	    site_name.data);
	if (rc < 0)
		return cli_reject(c, r->line, r->len,
		    "a label for a line past the end of the text");
	skipped += rc > 0;
	if (cross_validate) {
		struct page *p;

		pages = xreserve(pages, &cpages, npages + 1, sizeof *pages);
		p = &pages[npages++];
		cli_record_id(c, r, &id);
		p->id = xmemdup(id.data, id.len + 1);
		p->id[id.len] = '\0';
		p->site = xstrdup(site_name.data);
		p->text = xmemdup(s, len + 1);
		p->len = len;
		p->lang = page_lang;
	}
	return CLI_DONE;
}

/* Write page 'p' stripped by the model in force, as a record. */
static void
write_page(struct cli *c, const struct page *p, struct strip_result *res)
{
	struct buf *b = out_buf(c->out);
	struct jsonw w;

	strip_text(engine, p->text, p->len, p->lang, res);
	jsonw_init(&w, b);
	jsonw_begin_object(&w);
	jsonw_name(&w, "id");
	jsonw_raw(&w, p->id, strlen(p->id));
	jsonw_name(&w, "site");
	jsonw_str(&w, p->site);
	jsonw_name(&w, "text");
	jsonw_string(&w, res->text.data ? res->text.data : "", res->text.len);
	if (explain) {
		buf_reset(&cuts);
		strip_cuts_json(res, p->text, &cuts);
		jsonw_name(&w, "stripped");
		jsonw_raw(&w, cuts.data, cuts.len);
	}
	if (scores) {
		const double *pb;
		size_t i, n = strip_scores(engine, &pb);

		jsonw_name(&w, "scores");
		jsonw_begin_array(&w);
		for (i = 0; i < n; i++)
			if (pb[i] < 0)
				jsonw_null(&w);
			else
				jsonw_printf(&w, "%.4f", pb[i]);
		jsonw_end_array(&w);
	}
	jsonw_end_object(&w);
	buf_addc(b, '\n');
	c->out_count++;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * Leave sites out: for each site (or, with --cv-folds N, each of N groups
 * of sites taken in name order), a model fitted to all the other sites
 * strips its pages.
 */
static int
cross(struct cli *c)
{
	struct strip_result res = STRIP_RESULT_INIT;
	const char **site = xreallocarray(NULL, npages + 1, sizeof *site);
	const char **out = xreallocarray(NULL, npages + 1, sizeof *out);
	size_t nsite = 0, nfold, fo, i, j, nout;
	int rc = 0;

	for (i = 0; i < npages; i++) {
		for (j = 0; j < nsite; j++)
			if (strcmp(site[j], pages[i].site) == 0)
				break;
		if (j == nsite)
			site[nsite++] = pages[i].site;
	}
	qsort(site, nsite, sizeof *site, by_name);
	nfold = cv_folds > 0 && cv_folds < nsite ? cv_folds : nsite;
	for (fo = 0; fo < nfold && rc == 0; fo++) {
		for (i = nout = 0; i < nsite; i++)
			if (i % nfold == fo)
				out[nout++] = site[i];
		buf_reset(&model);
		if (strip_trainer_fit(trainer, &opts, out, nout, &model) < 0 ||
		    strip_set_model(engine, model.data, model.len, "fold") < 0) {
			rc = -1;
			break;
		}
		if (c->verbose)
			warnx("fold %zu of %zu: %zu sites held out, %.36s", fo + 1,
			    nfold, nout, strstr(model.data, "threshold"));
		for (j = 0; j < npages; j++)
			for (i = 0; i < nout; i++)
				if (strcmp(pages[j].site, out[i]) == 0) {
					write_page(c, &pages[j], &res);
					break;
				}
		if (out_ready(c->out) < 0)
			rc = -1;
	}
	strip_result_release(&res);
	free(site);
	free(out);
	return rc;
}

static int
train_finish(struct cli *c)
{
	if (cross_validate)
		return cross(c);
	buf_reset(&model);
	if (strip_trainer_fit(trainer, &opts, NULL, 0, &model) < 0)
		return -1;
	buf_add(out_buf(c->out), model.data, model.len);
	return 0;
}

static void
train_summary(struct cli *c, struct buf *b)
{
	strip_trainer_describe(trainer, b);
	if (unlabelled)
		buf_printf(b, "; %llu pages without labels", unlabelled);
	if (skipped)
		buf_printf(b, "; %llu pages left out (rule limits)", skipped);
}

int
main(int argc, char *argv[])
{
	static const struct cli_spec spec = {
		.name = "strip-train",
		.purpose = "Learn winnow-strip's line model from pages whose lines are labelled.",
		.description =
		    "Each record is a page: its text, and a \"labels\" array with one label per\n"
		    "line of the text: 1 keep (article text), 0 drop (boilerplate), null (blank\n"
		    "or unknown).  Its \"site\" names where it comes from (a record without one is\n"
		    "a site of its own), its \"lang\" the language (ko or en; else detected).\n"
		    "The built-in rules (and --rules) run first, as in winnow-strip: the model\n"
		    "learns the lines they leave.  For each language it boosts two ensembles of\n"
		    "small trees on the log loss: the first over each line's features (its\n"
		    "shape, its layout, its neighbours, its place against the page's article),\n"
		    "the second over the same and what the first said of the lines around it,\n"
		    "learnt from first-stage verdicts on sites the first stage did not see.\n"
		    "Each language's threshold is the lowest, not below 0.5, that keeps\n"
		    "--recall of its body lines in cross-validation over whole sites, then\n"
		    "raised while that gets more lines right.  The model file goes to stdout\n"
		    "(or -o); winnow-strip --model FILE uses it.  The same input and options\n"
		    "give the same bytes.\n"
		    "\n"
		    "--cross-validate measures instead of training: for each site (or each of\n"
		    "--cv-folds groups of sites), a model fitted to all the other sites strips\n"
		    "its pages, written as records {\"id\",\"site\",\"text\"} to score against\n"
		    "their gold text.\n",
		.options_help =
		    "      --cross-validate   leave each site out: write its pages stripped by\n"
		    "                         a model that never saw it\n"
		    "      --cv-folds N       leave out N groups of sites instead, in name order\n"
		    "      --explain          with --cross-validate, add \"stripped\" to records\n"
		    "      --scores           with --cross-validate, add \"scores\": each line's\n"
		    "                         p(boilerplate), null where the model did not judge\n"
		    "      --site FIELD       the member naming a page's site (default site)\n"
		    "      --labels FIELD     the member holding the labels (default labels)\n"
		    "      --lang LANG        ko, en or auto (default: the record's \"lang\",\n"
		    "                         else by script)\n"
		    "      --rules FILE       add the rules in FILE (again for more files)\n"
		    "      --no-builtin       without the built-in rules\n"
		    "      --trees N          trees in the first stage (default 100)\n"
		    "      --trees2 N         trees in the second (default 100; 0: no\n"
		    "                         second stage, the first decides)\n"
		    "      --depth N          their depth, 1 to 4 (default 3)\n"
		    "      --rate X           the shrinkage of each tree (default 0.1)\n"
		    "      --l2 X             L2 penalty on the leaf values (default 1)\n"
		    "      --min-child X      the least line weight a split leaves on a side\n"
		    "                         (default 1; a line weighs 1 on average)\n"
		    "      --body-weight X    a body line weighs X boilerplate lines (default 1)\n"
		    "      --balance X        a site's lines weigh (lines of the site)^(X-1):\n"
		    "                         1 plain, 0 every site alike (default 0.5)\n"
		    "      --recall X         Korean body lines the threshold keeps (default\n"
		    "                         0.995)\n"
		    "      --recall-en X      English ones (default 0: the most lines right)\n"
		    "      --threshold X      this threshold, without cross-validation\n"
		    "      --folds N          cross-validation folds for the second stage and\n"
		    "                         the threshold (default 5; whole sites in each)\n",
		.example =
		    "  winnow-strip-train -v -o site.model labelled.jsonl\n"
		    "  winnow-strip --model site.model < pages.jsonl\n"
		    "  winnow-strip-train --cross-validate labelled.jsonl > held-out.jsonl\n",
		.longopts = train_opts,
		.option = train_option,
		.start = train_start,
		.record = train_record,
		.finish = train_finish,
		.summary = train_summary,
		.flags = CLI_TEXT_OUTPUT,
	};
	int status = cli_main(&spec, argc, argv);
	size_t i;

	for (i = 0; i < npages; i++) {
		free(pages[i].id);
		free(pages[i].site);
		free(pages[i].text);
	}
	free(pages);
	free(label);
	strip_trainer_free(trainer);
	strip_free(engine);
	buf_release(&site_name);
	buf_release(&id);
	buf_release(&model);
	buf_release(&cuts);
	return status;
}
