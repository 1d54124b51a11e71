/*
 * cli: the options every filter shares and the loop that feeds it records.
 *
 * A filter is a struct cli_spec (its name, help text, own options and
 * callbacks) handed to cli_main(), which parses the command line, reads
 * every input (FILE operands or stdin, .gz/.zst too), applies the bad-input
 * policy of doc/CONTRACT.md, writes and counts the output, and returns the
 * exit status.  See cmd/winnow-norm.c for the shape of a small filter.
 *
 * Bad input: by default the good records before a bad line are written and
 * flushed, then "winnow-NAME: FILE:LINE: what is wrong (byte N)" and exit
 * 65; with --rejects FILE the line is saved there and the run goes on.
 *
 * Adding a filter winnow-NAME (HACKING.md says more):
 *
 *  - lib/NAME/: the engine, on text and its own structs; its one public
 *    header lib/NAME/NAME.h, lib/NAME/internal.h for its own files.  Its
 *    objects as NAME_OBJ in the Makefile, NAME_OBJ in LIBOBJ.  What it adds
 *    to a record it writes itself through core/jsonw, so a unit test sees it.
 *
 *  - cmd/winnow-NAME.c: options as named statics, 'longopts' with codes
 *    by the rule below, the callbacks named as their fields (.option =
 *    option, .start = start, .record = record, ...), returning the
 *    statuses below: no exit().  A record's id in a line that stands for
 *    it elsewhere (--flat, --removed) comes from cli_record_id().  Add
 *    winnow-NAME to CMDS.
 *
 *  - The --help text (purpose, description, options, example) is the
 *    source of the man page, the completions and "winnow help"; the
 *    hand-written part of the page is man/winnow-NAME.sections.  A
 *    paragraph in the README's list of filters.
 *
 *  - Tests: tests/check_NAME.c, table-driven (in TESTS); golden cases
 *    tests/cli/NAME-CASE.args, .in.jsonl, .out.jsonl (.status, .err);
 *    tests/cli/t-NAME.sh for what needs a script; a fuzz harness
 *    tests/fuzz/fuzz_NAME.c with seeds in tests/fuzz/corpus/fuzz_NAME/ for
 *    whatever parses untrusted bytes (in FUZZERS).  t-hostile.sh and
 *    t-faults.sh find the new filter by themselves.
 *
 *  - A member it adds to records (as "money", "entities", "pii"): taught
 *    to winnow-stats (struct stats_doc in lib/stats/stats.h, the report,
 *    the page), so a corpus's summary counts it.
 *
 *  - Its rows in scripts/bench, its figures in doc/BENCHMARKS.md.
 */
#ifndef WINNOW_CLI_H
#define WINNOW_CLI_H

#include <getopt.h>
#include <stdint.h>

#include "core/buf.h"
#include "record/io.h"
#include "record/rec.h"

struct cli;

/* What a record callback returns. */
enum {
	CLI_EMIT = 0,	/* write the record, with any rec_set_* changes */
	CLI_DONE = 1,	/* the callback wrote what it wanted (cli_emit*), or dropped it */
	CLI_FAIL = -1	/* a fatal error, already reported: stop, exit 74 */
};

/*
 * What option() and start() return: CLI_GO, CLI_USAGE, CLI_STOP, or an
 * exit status of core/util.h (EXIT_IOERR, EXIT_TEMPFAIL, ...; e.g.
 * state_exit_status(rc)) to end the run with, after a message.  No
 * callback calls exit(): cli_main() returns the status to main(), which
 * frees what the filter holds and returns it.
 */
enum {
	CLI_GO = 0,	/* go on */
	CLI_USAGE = -1,	/* a bad option or value, already said: exit 2 (the
			   parse_* functions of core/util return it) */
	CLI_STOP = -2	/* all there was to do is done (--dump-rules printed
			   to stdout): exit 0 once stdout is flushed */
};

/* cli_spec.flags */
enum {
	CLI_ALL_RECORDS = 1 << 0,	/* call record() for records without the text field too */
	CLI_FILES = 1 << 1,		/* operands are raw files for file(), not records */
	CLI_TEXT_OUTPUT = 1 << 2	/* output is not JSON Lines (winnow-text) */
};

/*
 * Option codes: an option with a short form has its letter as code, named
 * in the filter's enum (OPT_NULL = '0' for -0, --null); long-only options
 * count up from CLI_OPT_LONG (enum { OPT_FLAT = CLI_OPT_LONG, ... }).  The
 * common options' codes never collide with either.
 */
#define CLI_OPT_LONG 0x100

struct cli_spec {
	const char *name;		/* "norm": the program is winnow-norm */
	const char *purpose;		/* one line, for --help and `winnow help` */
	const char *synopsis;		/* after the program name, e.g. "[OPTION]... [FILE]..." */
	const char *description;	/* a paragraph for --help, or NULL */
	const char *options_help;	/* the filter's own options, formatted */
	const char *example;		/* one or more example command lines */
	const struct option *longopts;	/* the filter's own, ending with {0} */
	const char *shortopts;
	unsigned flags;
	/*
	 * option(c, opt, arg): one of the filter's options, 'opt' its code.
	 * CLI_GO, CLI_USAGE (exit 2 with a "Try --help" hint), CLI_STOP, or
	 * an exit status.
	 */
	int (*option)(struct cli *c, int opt, const char *arg);
	/*
	 * start(c): after the options, before any input is opened: load
	 * rules, models, states.  CLI_GO, CLI_USAGE (exit 2: an unusable
	 * rule or model file, options that do not go together), CLI_STOP, or
	 * an exit status.
	 */
	int (*start)(struct cli *c);
	/* record(c, r): one good record; CLI_EMIT, CLI_DONE or CLI_FAIL */
	int (*record)(struct cli *c, struct rec *r);
	/* file(c, s): with CLI_FILES, one input; 0, or CLI_FAIL */
	int (*file)(struct cli *c, struct src *s);
	/*
	 * next_file(c, operands, n, &path): with CLI_FILES, the filter names
	 * its inputs itself (folders walked, a list of files) from the
	 * operands, which may be none: 1 with the next path, 0 when there is
	 * none, -1 after a message about an input that cannot be listed (the
	 * run goes on, and exits 74).  NULL: the operands, or stdin.
	 */
	int (*next_file)(struct cli *c, char **operands, int n, const char **path);
	/* finish(c): after the last input; 0, or -1 (exit 74) */
	int (*finish)(struct cli *c);
	/*
	 * commit(c): once the output is closed without error and the run
	 * succeeded: the moment to make the run's effects durable (save a
	 * state file), so that a failed run changes nothing.  0, or -1 (exit
	 * 74).
	 */
	int (*commit)(struct cli *c);
	/* summary(c, b): -v, append the filter's own counts, e.g. "12 changed" */
	void (*summary)(struct cli *c, struct buf *b);
};

struct cli {
	const struct cli_spec *spec;
	const char *field;		/* -f: the text field */
	int verbose;			/* -v */
	struct out *out;		/* where records go */
	struct src *src;		/* the input being read */
	uint64_t in;			/* records read */
	uint64_t out_count;		/* records written */
	uint64_t nofield;		/* records without a string text field */
	uint64_t rejected;		/* bad lines saved with --rejects */
	void *data;			/* for the filter */
};

/* cli_main(spec, argc, argv): run the filter; returns the exit status. */
int cli_main(const struct cli_spec *spec, int argc, char **argv);

/* cli_emit(c, r): write record 'r' (with its changes); counted. */
int cli_emit(struct cli *c, const struct rec *r);

/* cli_emit_json(c, json, len): write one record given as a JSON object. */
int cli_emit_json(struct cli *c, const char *json, size_t len);

/*
 * cli_record_id(c, r, out): the record's id as JSON into 'out' (reset
 * first): its "id" member as written (a string, a number, any value), else
 * the string "FILE:LINE" of where it was read ("<stdin>:3").  The one id
 * of every line that stands for a record elsewhere: --flat records,
 * --removed files.
 */
void cli_record_id(struct cli *c, struct rec *r, struct buf *out);

/*
 * cli_help_list(b, list, end): append 'list', items separated by ", ",
 * wrapped in the column of the options' help (from column 26, 50 wide),
 * then 'end' (e.g. "\n"): for the values of an option that the engine
 * lists itself, so the help cannot go stale.
 */
void cli_help_list(struct buf *b, const char *list, const char *end);

/*
 * cli_warn(c, fmt, ...): a warning about the current record, as
 * "winnow-NAME: FILE:LINE: message".
 */
void cli_warn(struct cli *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * cli_reject(c, line, len, msg): a bad record found by the filter itself
 * (not by the JSON layer): handled by the same policy.  Returns CLI_DONE
 * when it was saved with --rejects, CLI_FAIL when the run must stop
 * (exit 65 then).
 */
int cli_reject(struct cli *c, const char *line, size_t len, const char *msg);

#endif
