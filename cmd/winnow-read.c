/* winnow-read: raw text files of any common encoding to records, a file, paragraph or line each. */
#include <string.h>

#include "core/buf.h"
#include "core/jsonw.h"
#include "core/util.h"
#include "read/read.h"
#include "record/cli.h"
#include "record/io.h"

enum { OPT_FILES_FROM = 'T', OPT_NULL = '0', OPT_BY = CLI_OPT_LONG, OPT_ENCODING };

static int by = READ_BY_FILE;			/* --by */
static const struct choice bys[] = {
	{ "file", READ_BY_FILE }, { "para", READ_BY_PARA },
	{ "line", READ_BY_LINE }, { NULL, 0 }
};
static const char *encoding = "auto";		/* --encoding */
static const char *files_from;			/* --files-from */
static int nul_list;				/* -0 */
static struct read_inputs *inputs;
static unsigned long long files, replaced, not_utf8, binary;

static const struct option longopts[] = {
	{ "by", required_argument, NULL, OPT_BY },
	{ "encoding", required_argument, NULL, OPT_ENCODING },
	{ "files-from", required_argument, NULL, OPT_FILES_FROM },
	{ "null", no_argument, NULL, OPT_NULL },
	{ NULL, 0, NULL, 0 }
};

static int
option(struct cli *c, int opt, const char *arg)
{
	struct textdec *d;

	switch (opt) {
	case OPT_ENCODING:
		if ((d = textdec_new(arg)) == NULL)
			return CLI_USAGE;
		textdec_free(d);
		encoding = arg;
		return CLI_GO;
	case OPT_FILES_FROM:
		files_from = arg;
		return CLI_GO;
	case OPT_NULL:
		nul_list = 1;
		return CLI_GO;
	}
	return parse_choice("--by", arg, bys, &by);
}

static int
start(struct cli *c)
{
	if (nul_list && files_from == NULL) {
		warnx("option '-0' goes with '--files-from'");
		return CLI_USAGE;
	}
	return CLI_GO;
}

/* The inputs: operands and folders walked, then the --files-from list. */
static int
next_file(struct cli *c, char **operands, int n, const char **path)
{
	if (inputs == NULL)
		inputs = read_inputs_new(operands, n, files_from, nul_list);
	return read_inputs_next(inputs, path);
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

/*
 * Read the first bytes of an input, up to 'max' (a pipe gives them in
 * pieces): the count, or -1 after a message.
 */
static ssize_t
read_head(struct src *s, char *p, size_t max)
{
	size_t got = 0;
	ssize_t n;

	while (got < max && (n = src_read(s, p + got, max - got)) != 0) {
		if (n < 0)
			return -1;
		got += (size_t)n;
	}
	return (ssize_t)got;
}

static int
file(struct cli *c, struct src *s)
{
	struct reader r = { c, NULL, NULL, BUF_INIT, BUF_INIT };
	char chunk[1 << 16];
	ssize_t n;
	int rc = 0;

	r.name = strcmp(src_name(s), "<stdin>") == 0 ? "-" : src_name(s);
	if ((n = read_head(s, chunk, READ_BINARY_SNIFF)) < 0)
		return CLI_FAIL;
	if (n == 0 && strcmp(r.name, "-") == 0)
		return 0;	/* nothing came on stdin: no record */
	if (strcmp(encoding, "auto") == 0 && read_binary(chunk, (size_t)n)) {
		warnx("%s: skipped: a binary file (a NUL byte in its first %d bytes)",
		    r.name, READ_BINARY_SNIFF);
		binary++;
		return 0;
	}
	r.text = read_text_new(encoding, by, emit, &r);
	do {
		if ((rc = read_text_feed(r.text, chunk, (size_t)n)) < 0)
			goto out;
	} while ((n = src_read(s, chunk, sizeof chunk)) > 0);
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

static int
finish(struct cli *c)
{
	read_inputs_free(inputs);
	inputs = NULL;
	return 0;
}

static void
summary(struct cli *c, struct buf *b)
{
	buf_printf(b, "%llu files, %llu not UTF-8, %llu bytes replaced", files,
	    not_utf8, replaced);
	if (binary)
		buf_printf(b, ", %llu binary files skipped", binary);
}

int
main(int argc, char *argv[])
{
	static const struct cli_spec spec = {
		.name = "read",
		.purpose = "Turn raw text files into records: {\"id\":\"PATH[#N]\",\"text\":...}.",
		.synopsis = "[OPTION]... [FILE|DIR]...",
		.description =
		    "Each FILE becomes one record (--by file), one per paragraph (--by para:\n"
		    "lines up to a blank line; #N counts paragraphs) or one per non-blank line\n"
		    "(--by line; #N is the line number). Text is decoded to UTF-8 from its\n"
		    "encoding; a byte order mark is dropped and line ends become \\n. When the\n"
		    "input is not UTF-8, a field \"encoding\" says what it was. Bytes that\n"
		    "cannot be decoded become U+FFFD, are counted, and a warning names the file.\n"
		    "\n"
		    "A DIR is read whole, recursively, in the same order on every machine\n"
		    "(names sorted byte by byte), leaving out hidden names (.x) and backups\n"
		    "(x~, #x#); links to files are read, links to folders are not followed.\n"
		    "--files-from reads the names from a file instead of the command line,\n"
		    "for more files than a command line holds. A binary file (a NUL byte in\n"
		    "its first 8000 bytes, as git and grep judge, and no UTF-16 BOM) is\n"
		    "skipped with a warning. Empty stdin gives no record. With no FILE, DIR\n"
		    "or list, stdin is read.\n",
		.options_help =
		    "      --by file|para|line  one record per file (default), paragraph or line\n"
		    "      --encoding NAME    auto (default: a BOM, else valid UTF-8, else CP949 if\n"
		    "                         it decodes to Hangul, else Latin-1), utf-8, utf-16\n"
		    "                         (BOM or little-endian), utf-16le, utf-16be, cp949,\n"
		    "                         euc-kr, latin1, or any name iconv knows; a named\n"
		    "                         encoding turns the binary check off\n"
		    "  -T, --files-from FILE  also read the files (or folders) named in FILE, one\n"
		    "                         a line; - is stdin\n"
		    "  -0, --null             the --files-from names end with NUL, not newline\n"
		    "                         (find -print0)\n",
		.example =
		    "  winnow-read --by para site/*.txt | winnow-norm > site.jsonl\n"
		    "  winnow-read inbox/ > inbox.jsonl\n"
		    "  find inbox -name '*.txt' -newer stamp -print0 | winnow-read -0 -T - > new.jsonl\n"
		    "  winnow-read --encoding cp949 old-archive.txt.gz\n",
		.longopts = longopts,
		.shortopts = "T:0",
		.option = option,
		.start = start,
		.file = file,
		.next_file = next_file,
		.finish = finish,
		.summary = summary,
		.flags = CLI_FILES,
	};

	return cli_main(&spec, argc, argv);
}
