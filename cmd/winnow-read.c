/* winnow-read: raw text files of any common encoding to records, a file, paragraph or line each. */
#include <string.h>

#include "core/buf.h"
#include "core/json.h"
#include "core/util.h"
#include "read/textdec.h"
#include "record/cli.h"
#include "record/io.h"

enum { BY_FILE, BY_PARA, BY_LINE };

static int by = BY_FILE;			/* --by */
static const char *encoding = "auto";		/* --encoding */
static unsigned long long files, replaced, not_utf8;

static const struct option read_opts[] = {
	{ "by", required_argument, NULL, 'b' },
	{ "encoding", required_argument, NULL, 'e' },
	{ NULL, 0, NULL, 0 }
};

static int
read_option(struct cli *c, int opt, const char *arg)
{
	struct textdec *d;

	if (opt == 'e') {
		if ((d = textdec_new(arg)) == NULL)
			return -1;
		textdec_free(d);
		encoding = arg;
		return 0;
	}
	if (strcmp(arg, "file") == 0)
		by = BY_FILE;
	else if (strcmp(arg, "para") == 0)
		by = BY_PARA;
	else if (strcmp(arg, "line") == 0)
		by = BY_LINE;
	else {
		warnx("option '--by' takes file, para or line, not '%s'", arg);
		return -1;
	}
	return 0;
}

/* One input's state: its name, decoder, and the text not yet emitted. */
struct reader {
	struct cli *c;
	const char *name;
	struct textdec *dec;
	struct buf text;	/* decoded, line ends not yet normalized */
	struct buf para;	/* the paragraph being gathered */
	unsigned long long line, n;
	struct buf rec;
};

static int
emit(struct reader *r, const char *s, size_t len, unsigned long long num)
{
	struct buf *b = &r->rec;

	buf_reset(b);
	buf_addstr(b, "{\"id\":");
	if (num == 0)
		json_escape_str(r->name, b);
	else {
		struct buf id = BUF_INIT;

		buf_printf(&id, "%s#%llu", r->name, num);
		json_escape(id.data, id.len, b);
		buf_release(&id);
	}
	buf_addc(b, ',');
	json_escape_str(r->c->field, b);
	buf_addc(b, ':');
	json_escape(s, len, b);
	if (strcmp(textdec_name(r->dec), "utf-8") != 0) {
		buf_addstr(b, ",\"encoding\":");
		json_escape_str(textdec_name(r->dec), b);
	}
	buf_addc(b, '}');
	return cli_emit_json(r->c, b->data, b->len);
}

static int
blank(const char *s, size_t len)
{
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	return len == 0;
}

/* One complete line of a paragraph or line split. */
static int
take_line(struct reader *r, const char *s, size_t len)
{
	int rc;

	r->line++;
	if (by == BY_LINE)
		return blank(s, len) ? 0 : emit(r, s, len, r->line);
	if (!blank(s, len)) {
		if (r->para.len > 0)
			buf_addc(&r->para, '\n');
		buf_add(&r->para, s, len);
		return 0;
	}
	if (r->para.len == 0)
		return 0;
	rc = emit(r, r->para.data, r->para.len, ++r->n);
	buf_reset(&r->para);
	return rc;
}

/*
 * Split the decoded text at line ends ("\n", "\r\n" or a lone "\r").  In
 * file mode the lines are joined again with "\n"; a "\r" at the very end
 * waits for the next bytes, which may bring its "\n".
 */
static int
split(struct reader *r, int eof)
{
	char *s = r->text.data, *end = s + r->text.len, *p = s;

	if (r->text.len == 0)
		return 0;
	while (p < end) {
		char *q = p;

		while (q < end && *q != '\n' && *q != '\r')
			q++;
		if (q == end && !eof)
			break;
		if (q + 1 == end && *q == '\r' && !eof)
			break;
		if (by == BY_FILE) {
			buf_add(&r->para, p, (size_t)(q - p));
			if (q < end)
				buf_addc(&r->para, '\n');
		} else if (take_line(r, p, (size_t)(q - p)) < 0)
			return -1;
		if (q < end && *q == '\r' && q + 1 < end && q[1] == '\n')
			q++;
		p = q < end ? q + 1 : q;
	}
	memmove(r->text.data, p, (size_t)(end - p));
	r->text.len = (size_t)(end - p);
	return 0;
}

static int
read_file(struct cli *c, struct src *s)
{
	struct reader r = { c, NULL, NULL, BUF_INIT, BUF_INIT, 0, 0, BUF_INIT };
	char chunk[1 << 16];
	ssize_t n;
	int rc = 0;

	r.name = strcmp(src_name(s), "<stdin>") == 0 ? "-" : src_name(s);
	r.dec = textdec_new(encoding);
	do {
		n = src_read(s, chunk, sizeof chunk);
		if (n < 0) {
			rc = CLI_FAIL;
			goto out;
		}
		textdec_feed(r.dec, chunk, (size_t)n, n == 0, &r.text);
		if (split(&r, n == 0) < 0) {
			rc = CLI_FAIL;
			goto out;
		}
	} while (n > 0);
	if (by == BY_FILE)
		rc = emit(&r, r.para.data ? r.para.data : "", r.para.len, 0);
	else if (by == BY_PARA && r.para.len > 0)
		rc = emit(&r, r.para.data, r.para.len, ++r.n);
	files++;
	if (textdec_replaced(r.dec) > 0) {
		replaced += textdec_replaced(r.dec);
		warnx("%s: %llu bytes not valid %s, replaced with U+FFFD", r.name,
		    (unsigned long long)textdec_replaced(r.dec), textdec_name(r.dec));
	}
	if (strcmp(textdec_name(r.dec), "utf-8") != 0)
		not_utf8++;
out:
	textdec_free(r.dec);
	buf_release(&r.text);
	buf_release(&r.para);
	buf_release(&r.rec);
	return rc < 0 ? CLI_FAIL : 0;
}

static void
read_summary(struct cli *c, struct buf *b)
{
	buf_printf(b, "%llu files, %llu not UTF-8, %llu bytes replaced", files,
	    not_utf8, replaced);
}

int
main(int argc, char *argv[])
{
	static const struct cli_spec spec = {
		.name = "read",
		.purpose = "Turn raw text files into records: {\"id\":\"PATH[#N]\",\"text\":...}.",
		.description =
		    "Each FILE becomes one record (--by file), one per paragraph (--by para:\n"
		    "lines up to a blank line; #N counts paragraphs) or one per non-blank line\n"
		    "(--by line; #N is the line number). Text is decoded to UTF-8 from its\n"
		    "encoding; a byte order mark is dropped and line ends become \\n. When the\n"
		    "input is not UTF-8, a field \"encoding\" says what it was. Bytes that\n"
		    "cannot be decoded become U+FFFD, are counted, and a warning names the file.\n",
		.options_help =
		    "      --by file|para|line  one record per file (default), paragraph or line\n"
		    "      --encoding NAME    auto (default: a BOM, else valid UTF-8, else CP949 if\n"
		    "                         it decodes to Hangul, else Latin-1), utf-8, utf-16\n"
		    "                         (BOM or little-endian), utf-16le, utf-16be, cp949,\n"
		    "                         euc-kr, latin1, or any name iconv knows\n",
		.example =
		    "  winnow-read --by para site/*.txt | winnow-norm > site.jsonl\n"
		    "  winnow-read --encoding cp949 old-archive.txt.gz\n",
		.longopts = read_opts,
		.option = read_option,
		.file = read_file,
		.summary = read_summary,
		.flags = CLI_FILES,
	};

	return cli_main(&spec, argc, argv);
}
