/* cli: the options every filter shares and the loop that feeds it records. */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/json.h"
#include "core/utf8.h"
#include "core/util.h"
#include "record/cli.h"
#include "record/io.h"
#include "record/rec.h"

/* Long-only common options: codes above any filter's (CLI_OPT_LONG up). */
enum {
	OPT_REJECTS = 0x1000,
	OPT_PROGRESS,
	OPT_MAX_RECORD,
	OPT_MAX_DEPTH
};

static const struct option common_opts[] = {
	{ "field", required_argument, NULL, 'f' },
	{ "output", required_argument, NULL, 'o' },
	{ "rejects", required_argument, NULL, OPT_REJECTS },
	{ "progress", optional_argument, NULL, OPT_PROGRESS },
	{ "max-record", required_argument, NULL, OPT_MAX_RECORD },
	{ "max-depth", required_argument, NULL, OPT_MAX_DEPTH },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
};
#define NCOMMON (sizeof common_opts / sizeof common_opts[0])

static const char common_help[] =
    "  -f, --field NAME       the text field (default: text)\n"
    "  -o, --output FILE      write to FILE atomically: a temporary file beside it,\n"
    "                         fsynced and renamed at the end; FILE is left as it\n"
    "                         was if the run fails\n"
    "      --rejects FILE     append bad lines to FILE as JSON and go on (default:\n"
    "                         stop at the first, exit 65)\n"
    "      --max-record BYTES treat lines longer than BYTES (e.g. 64M) as bad\n"
    "                         (default: no limit)\n"
    "      --max-depth N      treat nesting deeper than N as bad (default: 512)\n"
    "      --progress[=always] a progress meter on stderr when it is a terminal\n"
    "                         (always: even when it is not)\n"
    "  -v, --verbose          a summary on stderr at the end\n"
    "  -h, --help             show this help\n"
    "  -V, --version          show the version\n";

/* The driver's own state, beside the public struct cli. */
struct driver {
	struct cli c;
	const char *output;
	const char *rejects_path;
	struct out *rejects;
	uint64_t max_record;
	unsigned max_depth;
	int progress;			/* 0 off, 1 when stderr is a tty, 2 always */
	int status;
	int stopped;
	int reading;			/* inside src_getline: the next line */
	/* progress meter */
	struct timespec t0, last;
	int64_t total_size;		/* sum of input sizes, -1 when unknown */
	uint64_t done_bytes;		/* raw bytes of inputs already finished */
	int drawn;
};

static void
usage_hint(const char *prog)
{
	fprintf(stderr, "Try '%s --help' for more information.\n", prog);
}

/* The status of a run that ends after writing to stdout only (--help). */
static int
stdout_status(void)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		warnp("write error");
		return EXIT_IOERR;
	}
	return EXIT_OK;
}

/* The exit status for what option() or start() returned (not CLI_GO). */
static int
callback_status(int rc)
{
	switch (rc) {
	case CLI_USAGE:
		return EXIT_USAGE;
	case CLI_STOP:
		return stdout_status();
	default:
		return rc > 0 ? rc : EXIT_USAGE;
	}
}

/* Whether the filter has the long option 'name' (--wait: a state file). */
static int
has_option(const struct cli_spec *spec, const char *name)
{
	for (size_t i = 0; spec->longopts && spec->longopts[i].name; i++)
		if (strcmp(spec->longopts[i].name, name) == 0)
			return 1;
	return 0;
}

static void
print_help(const struct cli_spec *spec)
{
	printf("Usage: %s %s\n%s\n", progname,
	    spec->synopsis ? spec->synopsis : "[OPTION]... [FILE]...",
	    spec->purpose);
	if (spec->description)
		printf("\n%s", spec->description);
	if (spec->options_help)
		printf("\nOptions:\n%s", spec->options_help);
	printf("\nCommon options:\n%s", common_help);
	printf("\nFILE is read in order; none or - means standard input. Input compressed\n"
	    "with gzip or zstd is read transparently.\n"
	    "Exit status: 0 ok, 2 usage error, 65 bad input, 71 out of memory,\n"
	    "74 I/O error%s.\n", has_option(spec, "wait") ?
	    ", 75 the state file is held by another run (try later)" : "");
	if (spec->example)
		printf("\nExample:\n%s", spec->example);
}

/* Build the getopt tables: the filter's options, then the common ones. */
static struct option *
merge_options(const struct cli_spec *spec, char **shortopts)
{
	size_t n = 0, i;
	struct option *all;
	struct buf s = BUF_INIT;

	while (spec->longopts && spec->longopts[n].name)
		n++;
	all = xcalloc(n + NCOMMON + 1, sizeof *all);
	for (i = 0; i < n; i++)
		all[i] = spec->longopts[i];
	for (i = 0; i < NCOMMON; i++)
		all[n + i] = common_opts[i];
	buf_addstr(&s, ":f:o:vhV");
	if (spec->shortopts)
		buf_addstr(&s, spec->shortopts);
	*shortopts = s.data;
	return all;
}

static double
seconds_since(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

static void
progress_draw(struct driver *d, int final)
{
	struct timespec now;
	uint64_t bytes = d->done_bytes + (d->c.src ? src_consumed(d->c.src) : 0);
	double secs, mb;
	char tail[64] = "";

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (!final && d->drawn && seconds_since(&d->last, &now) < 0.1)
		return;
	d->last = now;
	secs = seconds_since(&d->t0, &now);
	mb = (double)bytes / 1e6;
	if (d->total_size > 0) {
		double frac = (double)bytes / (double)d->total_size;
		double rate = secs > 0 ? (double)bytes / secs : 0;
		long eta = rate > 0 ? (long)(((double)d->total_size - (double)bytes) / rate) : 0;

		if (frac > 1)
			frac = 1;
		if (eta < 0)
			eta = 0;
		snprintf(tail, sizeof tail, "  %3.0f%%  ETA %ld:%02ld", frac * 100,
		    eta / 60, eta % 60);
	}
	fprintf(stderr, "\r%s: %llu records  %.1f MB  %.1f MB/s%s  ", progname,
	    (unsigned long long)d->c.in, mb, secs > 0 ? mb / secs : 0.0, tail);
	if (final)
		fputc('\n', stderr);
	d->drawn = 1;
}

static int
flush_out(struct driver *d)
{
	if (out_ready(d->c.out) < 0) {
		d->status = EXIT_IOERR;
		d->stopped = 1;
		return -1;
	}
	return 0;
}

/*
 * How many bytes at the end of s[0..n) begin a UTF-8 sequence that the
 * bytes after them may complete: they wait for the next piece.
 */
static size_t
incomplete_tail(const char *s, size_t n)
{
	size_t k;

	for (k = 1; k <= 3 && k <= n; k++) {
		unsigned char c = (unsigned char)s[n - k];
		size_t need;

		if ((c & 0xC0) == 0x80)
			continue;
		need = utf8_lead_len[c];	/* 0 for a byte no character starts with */
		return need > k ? k : 0;
	}
	return 0;
}

/*
 * Append a piece of a reject's raw bytes to 'b' as JSON string content,
 * made valid UTF-8; the bytes of a character cut at the end of the piece
 * wait in 'carry' unless it is the 'last'.
 */
static void
raw_piece(struct buf *b, struct buf *carry, const char *s, size_t n, int last)
{
	struct buf raw = BUF_INIT;
	size_t keep;

	buf_add(carry, s, n);
	keep = last ? 0 : incomplete_tail(carry->data, carry->len);
	utf8_repair(carry->data, carry->len - keep, &raw);
	json_escape_body(raw.data ? raw.data : "", raw.len, b);
	memmove(carry->data, carry->data + carry->len - keep, keep);
	carry->len = keep;
	buf_release(&raw);
}

/*
 * Whether a line that is not JSON reads as text: the commonest first
 * mistake is a text file given to a filter that wants records.  Valid
 * UTF-8 with a letter in it, no control characters but tabs, and not
 * starting as JSON would ('{', '[', '"'); bad_line() also leaves out a
 * line that is JSON but not an object (null, 12).
 */
static int
looks_like_text(const char *s, size_t len)
{
	size_t i = 0, letters = 0;

	while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r'))
		i++;
	if (i == len || s[i] == '{' || s[i] == '[' || s[i] == '"' ||
	    utf8_check(s, len) != len)
		return 0;
	for (; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch < 0x20 && ch != '\t' && ch != '\r')
			return 0;
		if (ch >= 0x80 || (unsigned)((ch | 0x20) - 'a') < 26u)
			letters++;
	}
	return letters > 0;
}

/*
 * A bad line: save it with --rejects, or stop the run (exit 65) after
 * flushing the good records before it.  'rest', when not NULL, is the
 * source of a line longer than --max-record: 'line' is its first part, and
 * the rest is copied to the reject file piece by piece, never held whole.
 */
static void
bad_line(struct driver *d, const char *line, size_t len, size_t offset,
    const char *msg, struct src *rest)
{
	struct cli *c = &d->c;

	if (d->rejects) {
		struct buf *b = out_buf(d->rejects);
		struct buf carry = BUF_INIT;
		const char *piece;
		size_t n;
		int got, err = 0;

		buf_addstr(b, "{\"source\":");
		json_escape_str(src_name(c->src), b);
		buf_printf(b, ",\"line\":%llu,\"error\":",
		    (unsigned long long)src_lineno(c->src));
		json_escape_str(msg, b);
		buf_addstr(b, ",\"raw\":\"");
		raw_piece(b, &carry, line, len, rest == NULL);
		while (rest && (got = src_line_rest(rest, &piece, &n)) != SRC_EOF) {
			if (got == SRC_ERROR || out_ready(d->rejects) < 0) {
				err = 1;
				break;
			}
			raw_piece(b, &carry, piece, n, 0);
		}
		if (rest)
			raw_piece(b, &carry, "", 0, 1);
		buf_addstr(b, "\"}\n");
		buf_release(&carry);
		c->rejected++;
		if (err || out_ready(d->rejects) < 0) {
			d->status = EXIT_IOERR;
			d->stopped = 1;
		}
		return;
	}
	out_flush(c->out);
	if (src_lineno(c->src) == 0) {	/* a raw file (winnow-read): the message says where */
		warnx("%s: %s", src_name(c->src), msg);
	} else {
		warnx("%s:%llu: %s (byte %zu)", src_name(c->src),
		    (unsigned long long)src_lineno(c->src), msg, offset + 1);
		if (src_lineno(c->src) == 1 && strncmp(msg, "not a JSON object", 17) != 0 &&
		    looks_like_text(line, len))
			warnx("%s: this looks like plain text: turn files into records with "
			    "winnow-read", src_name(c->src));
	}
	d->status = EXIT_DATAERR;
	d->stopped = 1;
}

int
cli_emit(struct cli *c, const struct rec *r)
{
	rec_write(r, out_buf(c->out));
	c->out_count++;
	return out_ready(c->out);
}

int
cli_emit_json(struct cli *c, const char *json, size_t len)
{
	struct buf *b = out_buf(c->out);

	buf_add(b, json, len);
	buf_addc(b, '\n');
	c->out_count++;
	return out_ready(c->out);
}

void
cli_record_id(struct cli *c, struct rec *r, struct buf *out)
{
	const char *v;
	size_t n;
	char where[64];

	buf_reset(out);
	if (rec_get_raw(r, "id", &v, &n)) {
		buf_add(out, v, n);
		return;
	}
	snprintf(where, sizeof where, ":%llu",
	    (unsigned long long)src_lineno(c->src));
	buf_addc(out, '"');
	json_escape_body(src_name(c->src), strlen(src_name(c->src)), out);
	json_escape_body(where, strlen(where), out);
	buf_addc(out, '"');
}

void
cli_help_list(struct buf *b, const char *list, const char *end)
{
	const char *p, *comma;
	size_t col = 0;

	for (p = list; *p; p = comma ? comma + 2 : p + strlen(p)) {
		size_t n;

		comma = strstr(p, ", ");
		n = comma ? (size_t)(comma - p) : strlen(p);
		if (col == 0 || col + n + 2 > 50) {
			buf_addstr(b, col ? ",\n" : "");
			buf_printf(b, "%25s", "");
			col = 0;
		} else {
			buf_addstr(b, ", ");
		}
		buf_add(b, p, n);
		col += n + 2;
	}
	buf_addstr(b, end);
}

void
cli_warn(struct cli *c, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (c->src)
		warnx("%s:%llu: %s", src_name(c->src),
		    (unsigned long long)src_lineno(c->src), msg);
	else
		warnx("%s", msg);
}

int
cli_reject(struct cli *c, const char *line, size_t len, const char *msg)
{
	struct driver *d = (struct driver *)c;

	bad_line(d, line, len, 0, msg, NULL);
	return d->stopped ? CLI_FAIL : CLI_DONE;
}

/* The one driver of the process, for where_reading(). */
static struct driver *the_driver;

/*
 * "FILE:LINE" of the record being read or handled, for the message of an
 * allocation that fails (a huge record): util_set_where().
 */
static const char *
where_reading(void)
{
	static char where[512];
	struct driver *d = the_driver;
	unsigned long long line;

	if (d == NULL || d->c.src == NULL)
		return NULL;
	line = src_lineno(d->c.src) + (unsigned)d->reading;
	if (line == 0)		/* raw files (winnow-read): no lines */
		return src_name(d->c.src);
	snprintf(where, sizeof where, "%s:%llu", src_name(d->c.src), line);
	return where;
}

static void
read_records(struct driver *d, struct src *s)
{
	struct cli *c = &d->c;
	const struct cli_spec *spec = c->spec;
	struct rec r = REC_INIT;
	const char *line;
	size_t len;
	int got;

	r.max_depth = d->max_depth;
	src_set_max_line(s, d->max_record);
	for (;;) {
		struct json_error err;
		int rc;

		if (d->stopped)
			break;
		d->reading = 1;
		got = src_getline(s, &line, &len);
		d->reading = 0;
		if (got == SRC_EOF)
			break;
		if (got == SRC_ERROR) {
			d->status = EXIT_IOERR;
			break;
		}
		if (got == SRC_TOO_LONG) {
			char msg[96];

			snprintf(msg, sizeof msg, "line longer than --max-record (%llu bytes)",
			    (unsigned long long)d->max_record);
			bad_line(d, line, len, len, msg, s);
			continue;
		}
		rc = rec_parse(&r, line, len, c->field, &err);
		if (rc == 0 && len == 0 && src_lineno(s) == 1 && src_had_bom(s)) {
			/* Not a blank line to skip: a BOM promised JSON that never came. */
			bad_line(d, line, len, 0, "a byte order mark with no record after it",
			    NULL);
			continue;
		}
		if (rc == 0)
			continue;
		if (rc < 0) {
			bad_line(d, line, len, err.offset, err.msg, NULL);
			continue;
		}
		c->in++;
		if (rec_text_type(&r) != REC_STRING) {
			c->nofield++;
			if (!(spec->flags & CLI_ALL_RECORDS)) {
				if (!(spec->flags & CLI_TEXT_OUTPUT))
					cli_emit(c, &r);
				if (flush_out(d) < 0)
					break;
				continue;
			}
		}
		rc = spec->record(c, &r);
		if (rc == CLI_EMIT)
			cli_emit(c, &r);
		else if (rc == CLI_FAIL) {
			if (d->status == EXIT_OK)
				d->status = EXIT_IOERR;
			d->stopped = 1;
		}
		if (flush_out(d) < 0)
			break;
		if (d->progress && (c->in & 63) == 0)
			progress_draw(d, 0);
	}
	rec_release(&r);
}

/* Sum the sizes of the inputs, for the percentage; -1 if any is unknown. */
static int64_t
total_size(char **files, int n)
{
	int64_t sum = 0;
	int i;

	for (i = 0; i < n; i++) {
		struct src *s;
		int64_t size;

		if (strcmp(files[i], "-") == 0)
			return -1;
		s = src_open(files[i]);
		if (s == NULL)
			continue;	/* reported again when it is read */
		size = src_size(s);
		src_close(s);
		if (size < 0)
			return -1;
		sum += size;
	}
	return sum;
}

static void
summary(struct driver *d)
{
	struct cli *c = &d->c;
	struct buf b = BUF_INIT;

	buf_printf(&b, "%llu records in, %llu out", (unsigned long long)c->in,
	    (unsigned long long)c->out_count);
	if (c->nofield)
		buf_printf(&b, ", %llu without a string '%s' (passed through)",
		    (unsigned long long)c->nofield, c->field);
	if (c->rejected)
		buf_printf(&b, ", %llu bad lines rejected", (unsigned long long)c->rejected);
	if (c->spec->summary) {
		size_t mark = b.len;

		buf_addstr(&b, "; ");
		c->spec->summary(c, &b);
		if (b.len == mark + 2)
			b.len = mark;
	}
	warnx("%.*s", (int)b.len, b.data);
	buf_release(&b);
}

int
cli_main(const struct cli_spec *spec, int argc, char **argv)
{
	static struct driver d;
	static char name[64];
	struct cli *c = &d.c;
	struct option *opts;
	char *shortopts;
	char *stdin_only[] = { "-" };
	char **files;
	int nfiles, opt, i, rc;
	long long n;

	snprintf(name, sizeof name, "winnow-%s", spec->name);
	progname = name;
	the_driver = &d;
	util_set_where(where_reading);
	/* A closed output pipe ends the filter quietly, as with cat | head. */
	signal(SIGPIPE, SIG_DFL);

	c->spec = spec;
	c->field = "text";
	d.max_depth = JSON_MAX_DEPTH;
	opts = merge_options(spec, &shortopts);
	opterr = 0;
	while ((opt = getopt_long(argc, argv, shortopts, opts, NULL)) != -1) {
		switch (opt) {
		case 'f':
			c->field = optarg;
			break;
		case 'o':
			d.output = optarg;
			break;
		case 'v':
			c->verbose++;
			break;
		case 'h':
			print_help(spec);
			free(opts);
			free(shortopts);
			return stdout_status();
		case 'V':
			printf("%s %s\n", progname, WINNOW_VERSION);
			free(opts);
			free(shortopts);
			return stdout_status();
		case OPT_REJECTS:
			d.rejects_path = optarg;
			break;
		case OPT_PROGRESS:
			if (optarg == NULL)
				d.progress = isatty(STDERR_FILENO);
			else if (strcmp(optarg, "always") == 0)
				d.progress = 2;
			else {
				warnx("option '--progress' takes 'always' or nothing, not '%s'",
				    optarg);
				goto usage;
			}
			break;
		case OPT_MAX_RECORD:
			if (parse_size("--max-record", optarg, &d.max_record) < 0)
				goto usage;
			break;
		case OPT_MAX_DEPTH:
			if (parse_int("--max-depth", optarg, 1, 1000000, &n) < 0)
				goto usage;
			d.max_depth = (unsigned)n;
			break;
		case ':':
			warnx("option '%s' needs an argument", argv[optind - 1]);
			goto usage;
		case '?':
			if (optopt)
				warnx("unknown option '-%c'", optopt);
			else
				warnx("unknown option '%s'", argv[optind - 1]);
			goto usage;
		default:
			rc = spec->option ? spec->option(c, opt, optarg) : CLI_USAGE;
			if (rc == CLI_USAGE)
				goto usage;
			if (rc != CLI_GO) {
				free(opts);
				free(shortopts);
				return callback_status(rc);
			}
		}
	}
	free(opts);
	free(shortopts);
	if (*c->field == '\0') {
		warnx("option '--field' needs a name");
		goto usage_nofree;
	}

	files = argv + optind;
	nfiles = argc - optind;
	if (nfiles == 0 && spec->next_file == NULL) {
		files = stdin_only;
		nfiles = 1;
	}
	if (spec->start && (rc = spec->start(c)) != CLI_GO)
		return callback_status(rc);
	c->out = out_open(d.output, OUT_ATOMIC);
	if (c->out == NULL)
		return EXIT_IOERR;
	if (d.rejects_path) {
		d.rejects = out_open(d.rejects_path, OUT_APPEND);
		if (d.rejects == NULL) {
			out_abort(c->out);
			return EXIT_IOERR;
		}
	}
	if (d.progress) {
		clock_gettime(CLOCK_MONOTONIC, &d.t0);
		d.total_size = spec->next_file ? -1 : total_size(files, nfiles);
	}

	for (i = 0; !d.stopped; i++) {
		const char *path;
		struct src *s;

		if (spec->next_file) {
			rc = spec->next_file(c, files, nfiles, &path);
			if (rc == 0)
				break;
			if (rc < 0) {
				d.status = EXIT_IOERR;
				continue;
			}
		} else if (i < nfiles) {
			path = files[i];
		} else {
			break;
		}
		if ((s = src_open(path)) == NULL) {
			d.status = EXIT_IOERR;
			continue;
		}
		c->src = s;
		if (spec->flags & CLI_FILES) {
			if (spec->file(c, s) < 0) {
				if (d.status == EXIT_OK)
					d.status = EXIT_IOERR;
				d.stopped = 1;
			} else {
				flush_out(&d);
			}
		} else {
			read_records(&d, s);
		}
		d.done_bytes += src_consumed(s);
		c->src = NULL;
		src_close(s);
	}

	if (!d.stopped && spec->finish && spec->finish(c) < 0 && d.status == EXIT_OK)
		d.status = EXIT_IOERR;
	if (d.progress)
		progress_draw(&d, 1);
	if (c->verbose)
		summary(&d);
	if (d.rejects) {
		if (out_close(d.rejects) < 0 && d.status == EXIT_OK)
			d.status = EXIT_IOERR;
		if (c->rejected)
			warnx("%llu bad lines saved to '%s'",
			    (unsigned long long)c->rejected, d.rejects_path);
	}
	if (d.status != EXIT_OK && d.output) {
		out_abort(c->out);
		warnx("'%s' left unchanged", d.output);
	} else if (out_close(c->out) < 0 && d.status == EXIT_OK) {
		d.status = EXIT_IOERR;
	}
	if (d.status == EXIT_OK && spec->commit && spec->commit(c) < 0)
		d.status = EXIT_IOERR;
	return d.status;

usage:
	free(opts);
	free(shortopts);
usage_nofree:
	usage_hint(progname);
	return EXIT_USAGE;
}
