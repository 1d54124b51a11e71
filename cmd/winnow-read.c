/* winnow-read: raw text files of any common encoding to records, a file, paragraph or line each. */
#include <string.h>

#include "core/buf.h"
#include "core/jsonw.h"
#include "core/util.h"
#include "read/read.h"
#include "record/cli.h"
#include "record/io.h"

static enum read_by by = READ_BY_FILE;			/* --by */
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
		by = READ_BY_FILE;
	else if (strcmp(arg, "para") == 0)
		by = READ_BY_PARA;
	else if (strcmp(arg, "line") == 0)
		by = READ_BY_LINE;
	else {
		warnx("option '--by' takes file, para or line, not '%s'", arg);
		return -1;
	}
	return 0;
}

/* One input being read: where its pieces go. */
struct reader {
	struct cli *c;
	const char *name;
	struct read_text *text;
	struct buf id, rec;
};

static int
emit(void *arg, const char *s, size_t len, uint64_t num)
{
	struct reader *r = arg;
	struct jsonw w;

	buf_reset(&r->rec);
	jsonw_init(&w, &r->rec);
	jsonw_begin_object(&w);
	read_id(r->name, num, &r->id);
	jsonw_name(&w, "id");
	jsonw_string(&w, r->id.data, r->id.len);
	jsonw_name(&w, r->c->field);
	jsonw_string(&w, s, len);
	if (strcmp(read_text_encoding(r->text), "utf-8") != 0) {
		jsonw_name(&w, "encoding");
		jsonw_str(&w, read_text_encoding(r->text));
	}
	jsonw_end_object(&w);
	return cli_emit_json(r->c, r->rec.data, r->rec.len);
}

static int
read_file(struct cli *c, struct src *s)
{
	struct reader r = { c, NULL, NULL, BUF_INIT, BUF_INIT };
	char chunk[1 << 16];
	ssize_t n;
	int rc = 0;

	r.name = strcmp(src_name(s), "<stdin>") == 0 ? "-" : src_name(s);
	r.text = read_text_new(encoding, by, emit, &r);
	while ((n = src_read(s, chunk, sizeof chunk)) > 0)
		if ((rc = read_text_feed(r.text, chunk, (size_t)n)) < 0)
			goto out;
	if (n < 0 || (rc = read_text_end(r.text)) < 0) {
		rc = CLI_FAIL;
		goto out;
	}
	files++;
	if (read_text_replaced(r.text) > 0) {
		replaced += read_text_replaced(r.text);
		warnx("%s: %llu bytes not valid %s, replaced with U+FFFD", r.name,
		    (unsigned long long)read_text_replaced(r.text),
		    read_text_encoding(r.text));
	}
	if (strcmp(read_text_encoding(r.text), "utf-8") != 0)
		not_utf8++;
out:
	read_text_free(r.text);
	buf_release(&r.id);
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
