/* winnow-dedupe: drop repeated paragraphs, exact or near, within records, across the stream and across runs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/state.h"
#include "core/util.h"
#include "dedupe/dedupe.h"
#include "record/cli.h"
#include "record/rec.h"

static struct dedupe_opts opts = { .min_chars = 20, .contained = -1 };
static char **state_files;		/* --state, in order */
static int nstates;
static size_t states_cap;
static const char *state_file;		/* the first, or NULL */
static const char *removed_path;	/* --removed */
static int read_only;			/* --read-only */
static double wait_secs;		/* --wait: < 0 forever */
static struct state **states;		/* open, one per --state */
static struct dedupe *engine;
static struct out *removed;
static struct buf text, id;

enum {
	OPT_NEAR = CLI_OPT_LONG, OPT_CONTAINED, OPT_NO_CONTAINED, OPT_MIN_CHARS,
	OPT_DROP_DOCS, OPT_REMOVED, OPT_STATE, OPT_READ_ONLY, OPT_WAIT,
	OPT_MEMORY, OPT_MERGE
};

static const struct option longopts[] = {
	{ "near", required_argument, NULL, OPT_NEAR },
	{ "contained", no_argument, NULL, OPT_CONTAINED },
	{ "no-contained", no_argument, NULL, OPT_NO_CONTAINED },
	{ "min-chars", required_argument, NULL, OPT_MIN_CHARS },
	{ "drop-docs", required_argument, NULL, OPT_DROP_DOCS },
	{ "removed", required_argument, NULL, OPT_REMOVED },
	{ "state", required_argument, NULL, OPT_STATE },
	{ "read-only", no_argument, NULL, OPT_READ_ONLY },
	{ "wait", optional_argument, NULL, OPT_WAIT },
	{ "memory", required_argument, NULL, OPT_MEMORY },
	{ "merge", no_argument, NULL, OPT_MERGE },
	{ NULL, 0, NULL, 0 }
};

static int
option(struct cli *c, int opt, const char *arg)
{
	long long n;

	switch (opt) {
	case OPT_NEAR:
		return parse_real("--near", arg, 0.3, 1.0, &opts.near);
	case OPT_CONTAINED:
	case OPT_NO_CONTAINED:
		opts.contained = opt == OPT_CONTAINED;
		return CLI_GO;
	case OPT_MIN_CHARS:
		if (parse_int("--min-chars", arg, 1, 1000000, &n) < 0)
			return CLI_USAGE;
		opts.min_chars = (size_t)n;
		return CLI_GO;
	case OPT_DROP_DOCS:
		return parse_real("--drop-docs", arg, 0.01, 1.0, &opts.drop_docs);
	case OPT_REMOVED:
		removed_path = arg;
		return CLI_GO;
	case OPT_STATE:
		state_files = xreserve(state_files, &states_cap, (size_t)nstates + 1,
		    sizeof *state_files);
		state_files[nstates++] = (char *)arg;
		state_file = state_files[0];
		return CLI_GO;
	case OPT_READ_ONLY:
		read_only = 1;
		return CLI_GO;
	case OPT_WAIT:
		wait_secs = -1;
		return arg ? parse_real("--wait", arg, 0, 1e9, &wait_secs) : 0;
	case OPT_MEMORY:
		if (parse_size("--memory", arg, &opts.memory) < 0)
			return CLI_USAGE;
		if (opts.memory < 4096) {
			warnx("option '--memory' wants at least 4K, not '%s'", arg);
			return CLI_USAGE;
		}
		return CLI_GO;
	}
	warnx("'--merge' takes state files only (see --help)");
	return CLI_USAGE;
}

static int
start(struct cli *c)
{
	unsigned char seed[STATE_SEED_SIZE];
	int rc;

	if (opts.contained < 0)
		opts.contained = opts.near > 0;	/* on by default in near mode */
	if (read_only && state_file == NULL) {
		warnx("'--read-only' needs '--state FILE'");
		return CLI_USAGE;
	}
	if (nstates > 1 && !read_only) {
		warnx("several '--state' files are read together with '--read-only' "
		    "only (merge them with --merge to keep them as one)");
		return CLI_USAGE;
	}
	opts.origins = removed_path != NULL;
	if (nstates > 0) {
		states = xcalloc((size_t)nstates, sizeof *states);
		/* Oldest first: they are added in order, as one run saw them. */
		for (int i = 0; i < nstates; i++) {
			rc = state_open(&states[i], state_files[i], DEDUPE_KIND,
			    read_only ? STATE_READ_ONLY | STATE_MUST_EXIST : 0, wait_secs);
			if (rc != STATE_OK)
				return state_exit_status(rc);
			if (engine == NULL)
				engine = dedupe_new(&opts, state_seed(states[i]));
			if (dedupe_load(engine, states[i]) < 0)
				return state_exit_status(STATE_BAD);
		}
	} else {
		if (state_random_seed(seed) < 0)
			return EXIT_OSERR;
		engine = dedupe_new(&opts, seed);
	}
	if (removed_path && (removed = out_open(removed_path, OUT_ATOMIC)) == NULL)
		return EXIT_IOERR;
	return CLI_GO;
}

static int
record(struct cli *c, struct rec *r)
{
	struct dedupe_result res;
	const char *s;
	size_t len;

	rec_text(r, &s, &len);
	if (removed)
		cli_record_id(c, r, &id);
	dedupe_record(engine, s, len, id.data, id.len, &res);
	if (removed && (res.dropped || res.drop_doc)) {
		dedupe_removed_json(&res, s, id.data, id.len, out_buf(removed));
		if (out_ready(removed) < 0)
			return CLI_FAIL;
	}
	if (res.drop_doc)
		return CLI_DONE;
	if (res.dropped) {
		buf_reset(&text);
		dedupe_rebuild(s, len, &res, &text);
		rec_set_text(r, text.data ? text.data : "", text.len);
	}
	return CLI_EMIT;
}

/*
 * After the output is safely closed: only then is what this run saw
 * remembered, so a failed run never makes the next one drop paragraphs
 * that were not delivered.
 */
static int
commit(struct cli *c)
{
	struct dedupe_stats s;

	if (removed && out_close(removed) < 0) {
		removed = NULL;
		return -1;
	}
	removed = NULL;
	dedupe_stats(engine, &s);
	if (s.full > 0)
		warnx("--memory reached: %llu paragraphs were judged but not "
		    "remembered; give more --memory", (unsigned long long)s.full);
	if (states == NULL || read_only)
		return 0;
	if (!dedupe_changed(engine) && !state_is_new(states[0]))
		return 0;	/* nothing new: leave the file alone */
	if (dedupe_save(engine, states[0]) < 0)
		return -1;
	if (s.bloom && s.bloom_fpr > 1e-3)
		warnx("state '%s': its Bloom filter is getting full: %.2g of new "
		    "paragraphs are taken for duplicates; give it more --memory "
		    "in a new state", state_file, s.bloom_fpr);
	return 0;
}

static void
summary(struct cli *c, struct buf *b)
{
	dedupe_describe(engine, b);
}

/* --merge A B... [-o C]: combine shard states; C defaults to stdout. */
static int
merge_main(int argc, char **argv)
{
	const char *output = "-";
	char **inputs = xcalloc((size_t)argc, sizeof *inputs);
	int n = 0, verbose = 0, rc;
	struct dedupe_stats s;

	progname = "winnow-dedupe";
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--merge") == 0)
			continue;
		if ((strcmp(argv[i], "-o") == 0 || strcmp(argv[i], "--output") == 0) &&
		    i + 1 < argc)
			output = argv[++i];
		else if (strcmp(argv[i], "--wait") == 0)
			wait_secs = -1;
		else if (strncmp(argv[i], "--wait=", 7) == 0) {
			if (parse_real("--wait", argv[i] + 7, 0, 1e9, &wait_secs) < 0)
				return EXIT_USAGE;
		}
		else if (strcmp(argv[i], "-v") == 0 || strcmp(argv[i], "--verbose") == 0)
			verbose = 1;
		else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			warnx("option '%s' does not go with '--merge'", argv[i]);
			free(inputs);
			return EXIT_USAGE;
		} else
			inputs[n++] = argv[i];
	}
	if (strcmp(output, "-") == 0 && isatty(STDOUT_FILENO)) {
		warnx("a merged state is binary: give '-o FILE' or redirect the output");
		free(inputs);
		return EXIT_USAGE;
	}
	rc = dedupe_merge_files(inputs, n, output, wait_secs, &s);
	free(inputs);
	if (rc != STATE_OK)
		return state_exit_status(rc);
	if (verbose)
		warnx("merged %d states: %llu distinct paragraphs", n,
		    (unsigned long long)s.distinct);
	return EXIT_OK;
}

int
main(int argc, char *argv[])
{
	static const struct cli_spec spec = {
		.name = "dedupe",
		.purpose = "Drop repeated paragraphs: exact or near duplicates, across records and runs.",
		.synopsis = "[OPTION]... [FILE]...\n   or: winnow-dedupe --merge STATE... [-o STATE]",
		.description =
		    "A paragraph is a non-blank line of the text field.  The first occurrence is\n"
		    "kept and later ones dropped, within a record and across the stream.  Lines\n"
		    "are compared by key: NFKC, case-folded, with white space and punctuation\n"
		    "removed.  Keys lighter than --min-chars are never dropped (a wide Hangul or\n"
		    "CJK character weighs 2, others 1).  Near mode compares MinHash signatures\n"
		    "of 5-character shingles; a paragraph inside another (a teaser repeated by\n"
		    "the full text) is dropped too, in the same record wherever it stands.\n"
		    "With --state the paragraphs seen are kept in FILE across runs (locked for\n"
		    "the run, saved crash-safely, only when the run succeeded).  Exit 75 when\n"
		    "the state is locked by another run, 2 when it is not a usable state.\n",
		.options_help =
		    "      --near J           also drop near duplicates: estimated Jaccard\n"
		    "                         similarity >= J (0.3 to 1; 0.8 is a good start)\n"
		    "      --contained        drop paragraphs contained in another (default\n"
		    "                         with --near); --no-contained: do not\n"
		    "      --min-chars N      never drop keys lighter than N (default 20)\n"
		    "      --drop-docs R      drop a record whose text is R or more duplicate\n"
		    "                         (by key weight; 0.01 to 1)\n"
		    "      --removed FILE     write each dropped paragraph to FILE as JSON:\n"
		    "                         id, para (index among paragraphs), text, first\n"
		    "                         (id of the record that held it first, when\n"
		    "                         known), reason, similarity\n"
		    "      --state FILE       remember paragraphs across runs in FILE; with\n"
		    "                         --read-only, several: read in order, as one\n"
		    "      --read-only        check against --state without adding to it\n"
		    "      --wait[=SECS]      wait for a state another run holds (default: fail)\n"
		    "      --memory SIZE      remember in SIZE bytes (e.g. 512M).  Exact mode:\n"
		    "                         a Bloom filter, with a small false-positive\n"
		    "                         rate (-v); near mode: paragraphs beyond what\n"
		    "                         fits are judged but not remembered (warned)\n"
		    "      --merge STATE...   write the union of shard states (made from one\n"
		    "                         empty state) to -o FILE or standard output\n",
		.example =
		    "  winnow-dedupe --near 0.8 -v < pages.jsonl > unique.jsonl\n"
		    "  winnow-dedupe --state seen.wds --wait=600 --removed dups.jsonl day.jsonl\n"
		    "  winnow-dedupe --merge shard-*.wds -o all.wds\n",
		.longopts = longopts,
		.option = option,
		.start = start,
		.record = record,
		.commit = commit,
		.summary = summary,
	};
	int status;

	for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "--merge") == 0)
			return merge_main(argc, argv);
	status = cli_main(&spec, argc, argv);
	if (removed)
		out_abort(removed);
	for (int i = 0; i < nstates && states; i++)
		state_close(states[i]);
	free(states);
	free(state_files);
	dedupe_free(engine);
	buf_release(&text);
	buf_release(&id);
	return status;
}
