/* winnow-read: raw text files of any common encoding to records, a file, paragraph or line each. */
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/jsonw.h"
#include "core/util.h"
#include "read/read.h"
#include "record/cli.h"
#include "record/io.h"

enum { OPT_FILES_FROM = 'T', OPT_NULL = '0', OPT_BY = CLI_OPT_LONG, OPT_ENCODING, OPT_FORMAT,
	OPT_KEEP_ALL };
enum format { FORMAT_AUTO, FORMAT_TEXT, FORMAT_HTML, FORMAT_WARC };

/* A page bigger than this is skipped, not read: the HTML reader holds it whole. */
#define MAX_PAGE (64u << 20)

static int by = READ_BY_FILE;			/* --by */
static const struct choice bys[] = {
	{ "file", READ_BY_FILE }, { "para", READ_BY_PARA },
	{ "line", READ_BY_LINE }, { NULL, 0 }
};
static const char *encoding = "auto";		/* --encoding */
static const char *files_from;			/* --files-from */
static int nul_list;				/* -0 */
static int format = FORMAT_AUTO;		/* --format */
static const struct choice formats[] = {
	{ "auto", FORMAT_AUTO }, { "text", FORMAT_TEXT }, { "html", FORMAT_HTML },
	{ "warc", FORMAT_WARC }, { NULL, 0 }
};
static int keep_all;				/* --keep-all */
static struct read_inputs *inputs;
static unsigned long long files, replaced, not_utf8, binary, pages, too_big;
static unsigned long long records, texts, bad_records, skipped_type, skipped_status,
    skipped_other;

static const struct option longopts[] = {
	{ "by", required_argument, NULL, OPT_BY },
	{ "encoding", required_argument, NULL, OPT_ENCODING },
	{ "files-from", required_argument, NULL, OPT_FILES_FROM },
	{ "null", no_argument, NULL, OPT_NULL },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "keep-all", no_argument, NULL, OPT_KEEP_ALL },
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
	case OPT_KEEP_ALL:
		keep_all = 1;
		return CLI_GO;
	case OPT_FORMAT:
		return parse_choice("--format", arg, formats, &format);
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
static int read_warc_file(struct cli *c, struct src *s, const char *name, char *chunk,
    size_t size, ssize_t n);

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

/* A text file, 'head' its first 'n' bytes already read. */
static int
read_text_file(struct cli *c, struct src *s, const char *name, char *chunk,
    size_t size, ssize_t n)
{
	struct reader r = { c, name, NULL, BUF_INIT, BUF_INIT };
	int rc = 0;

	r.text = read_text_new(encoding, (enum read_by)by, emit, &r);
	do {
		if ((rc = read_text_feed(r.text, chunk, (size_t)n)) < 0)
			goto out;
	} while ((n = src_read(s, chunk, size)) > 0);
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

/* A page's record: {"id","url","title","lang","date","encoding","text"}, absent when unknown. */
static int
emit_page(struct cli *c, const char *id, const char *url, const char *date,
    const struct read_page *pg, struct buf *rec)
{
	struct jsonw w;

	buf_reset(rec);
	jsonw_init(&w, rec);
	jsonw_begin_object(&w);
	jsonw_name(&w, "id");
	jsonw_str(&w, id);
	if ((url = url ? url : pg->url) != NULL) {
		jsonw_name(&w, "url");
		jsonw_str(&w, url);
	}
	if (pg->title) {
		jsonw_name(&w, "title");
		jsonw_str(&w, pg->title);
	}
	if (pg->lang) {
		jsonw_name(&w, "lang");
		jsonw_str(&w, pg->lang);
	}
	if ((date = date ? date : pg->date) != NULL) {
		jsonw_name(&w, "date");
		jsonw_str(&w, date);
	}
	jsonw_name(&w, "encoding");
	jsonw_str(&w, pg->encoding);
	jsonw_name(&w, c->field);
	jsonw_string(&w, pg->text.data ? pg->text.data : "", pg->text.len);
	jsonw_end_object(&w);
	return cli_emit_json(c, rec->data, rec->len);
}

/* An HTML page: read whole (up to MAX_PAGE), then one record. */
static int
read_html_file(struct cli *c, struct src *s, const char *name, char *chunk,
    size_t size, ssize_t n)
{
	struct buf page = BUF_INIT, rec = BUF_INIT;
	struct read_page pg = { BUF_INIT };
	int rc = 0;

	do {
		if (page.len + (size_t)n > MAX_PAGE) {
			warnx("%s: skipped: a page over %u MB", name, MAX_PAGE >> 20);
			too_big++;
			goto out;
		}
		buf_add(&page, chunk, (size_t)n);
	} while ((n = src_read(s, chunk, size)) > 0);
	if (n < 0) {
		rc = CLI_FAIL;
		goto out;
	}
	read_html(&pg, page.data ? page.data : "", page.len, NULL, keep_all);
	if (pg.replaced > 0) {
		replaced += pg.replaced;
		warnx("%s: %llu bytes not valid %s, replaced with U+FFFD", name,
		    (unsigned long long)pg.replaced, pg.encoding);
	}
	if (pg.truncated)
		warnx("%s: too many elements: the end of the page is not read", name);
	pages++;
	rc = emit_page(c, name, NULL, NULL, &pg, &rec);
out:
	read_page_release(&pg);
	buf_release(&page);
	buf_release(&rec);
	return rc < 0 ? CLI_FAIL : 0;
}

static int
file(struct cli *c, struct src *s)
{
	static char chunk[1 << 16];
	const char *name = strcmp(src_name(s), "<stdin>") == 0 ? "-" : src_name(s);
	enum read_format fmt;
	ssize_t n;

	if ((n = read_head(s, chunk, READ_BINARY_SNIFF)) < 0)
		return CLI_FAIL;
	if (n == 0 && strcmp(name, "-") == 0)
		return 0;	/* nothing came on stdin: no record */
	switch (format) {
	case FORMAT_TEXT: fmt = READ_TEXT; break;
	case FORMAT_HTML: fmt = READ_HTML; break;
	case FORMAT_WARC: fmt = READ_WARC; break;
	default: fmt = read_sniff(name, chunk, (size_t)n); break;
	}
	if (fmt == READ_HTML)
		return read_html_file(c, s, name, chunk, sizeof chunk, n);
	if (fmt == READ_WARC)
		return read_warc_file(c, s, name, chunk, sizeof chunk, n);
	if (strcmp(encoding, "auto") == 0 && read_binary(chunk, (size_t)n)) {
		warnx("%s: skipped: a binary file (a NUL byte in its first %d bytes)",
		    name, READ_BINARY_SNIFF);
		binary++;
		return 0;
	}
	return read_text_file(c, s, name, chunk, sizeof chunk, n);
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
	buf_printf(b, "%llu files, %llu pages, %llu not UTF-8, %llu bytes replaced",
	    files, pages, not_utf8, replaced);
	if (too_big)
		buf_printf(b, ", %llu pages too big", too_big);
	if (records || bad_records)
		buf_printf(b, "; WARC: %llu records, %llu pages, %llu texts, %llu bad; skipped: "
		    "%llu of other types, %llu not 2xx, %llu not HTML", records, pages, texts,
		    bad_records, skipped_type, skipped_status, skipped_other);
	if (binary)
		buf_printf(b, ", %llu binary files skipped", binary);
}

/* The bytes of a WARC: those already read for sniffing, then the source. */
struct warc_in {
	struct src *s;
	const char *head;
	size_t head_len;
};

static ssize_t
warc_in_read(void *arg, void *p, size_t n)
{
	struct warc_in *in = arg;

	if (in->head_len > 0) {
		size_t k = n < in->head_len ? n : in->head_len;

		memcpy(p, in->head, k);
		in->head += k;
		in->head_len -= k;
		return (ssize_t)k;
	}
	return src_read(in->s, p, n);
}

/* A WARC-Record-ID without its angle brackets. */
static const char *
record_id(const char *id, struct buf *b)
{
	size_t len = strlen(id);

	buf_reset(b);
	if (len >= 2 && id[0] == '<' && id[len - 1] == '>')
		buf_add(b, id + 1, len - 2);
	else
		buf_add(b, id, len);
	buf_addc(b, '\0');
	return b->data;
}

/* A conversion record's text: {"id","url","date","encoding"?,"text"}. */
static int
emit_conversion(struct cli *c, const char *id, const struct warc_record *r,
    struct buf *rec)
{
	struct textdec *dec = textdec_new("auto");
	struct buf text = BUF_INIT;
	struct jsonw w;
	size_t i, j;
	int rc;

	textdec_feed(dec, r->block, (size_t)r->length, 1, &text);
	for (i = j = 0; i < text.len; i++)	/* line ends become "\n" */
		if (text.data[i] != '\r')
			text.data[j++] = text.data[i];
		else if (i + 1 >= text.len || text.data[i + 1] != '\n')
			text.data[j++] = '\n';
	text.len = j;
	buf_reset(rec);
	jsonw_init(&w, rec);
	jsonw_begin_object(&w);
	jsonw_name(&w, "id");
	jsonw_str(&w, id);
	if (r->target) {
		jsonw_name(&w, "url");
		jsonw_str(&w, r->target);
	}
	if (r->date) {
		jsonw_name(&w, "date");
		jsonw_str(&w, r->date);
	}
	if (strcmp(textdec_name(dec), "utf-8") != 0) {
		jsonw_name(&w, "encoding");
		jsonw_str(&w, textdec_name(dec));
	}
	jsonw_name(&w, c->field);
	jsonw_string(&w, text.data ? text.data : "", text.len);
	jsonw_end_object(&w);
	rc = cli_emit_json(c, rec->data, rec->len);
	textdec_free(dec);
	buf_release(&text);
	return rc;
}

/*
 * A WARC archive: response and resource records holding HTML become page
 * records, conversion records text records; the rest is counted.
 */
static int
read_warc_file(struct cli *c, struct src *s, const char *name, char *chunk,
    size_t size, ssize_t n)
{
	struct warc_in in = { s, chunk, (size_t)n };
	struct warc *w = warc_new(warc_in_read, &in, MAX_PAGE);
	struct warc_record r;
	struct buf rec = BUF_INIT, id = BUF_INIT;
	struct read_page pg = { BUF_INIT };
	int got, rc = 0;

	while (rc >= 0 && (got = warc_next(w, &r)) != 0) {
		struct warc_http h = { 0 };
		const char *body = r.block;
		size_t body_len = (size_t)r.length;
		const char *charset = NULL;

		if (got == -2) {
			rc = CLI_FAIL;
			break;
		}
		if (got < 0) {
			char msg[256];

			snprintf(msg, sizeof msg, "bad WARC record: %s", warc_error(w));
			bad_records++;
			if (cli_reject(c, r.header ? r.header : "", r.header_len, msg) == CLI_FAIL)
				rc = CLI_FAIL;
			continue;
		}
		records++;
		if (!r.kept) {
			if (warc_wanted(r.type))
				too_big++;
			else
				skipped_type++;
			continue;
		}
		record_id(r.id ? r.id : "", &id);
		if (strcmp(r.type, "conversion") == 0) {
			texts++;
			rc = emit_conversion(c, id.data, &r, &rec);
			continue;
		}
		if (strcmp(r.type, "response") == 0) {
			if (warc_http(r.block, (size_t)r.length, MAX_PAGE, &h) < 0) {
				skipped_other++;	/* dns:, whois: ... */
				continue;
			}
			if (h.status < 200 || h.status > 299) {
				skipped_status++;
				warc_http_release(&h);
				continue;
			}
			body = h.body;
			body_len = h.body_len;
			charset = h.charset;
			if (h.content_type ? !read_is_html_type(h.content_type, h.content_type_len) :
			    read_sniff(NULL, body, body_len) != READ_HTML) {
				skipped_other++;
				warc_http_release(&h);
				continue;
			}
		} else if (r.content_type ? !read_is_html_type(r.content_type, strlen(r.content_type)) :
		    read_sniff(NULL, body, body_len) != READ_HTML) {
			skipped_other++;	/* a resource that is not a page */
			continue;
		}
		read_html(&pg, body, body_len, charset, keep_all);
		warc_http_release(&h);
		if (pg.replaced > 0)
			replaced += pg.replaced;
		pages++;
		rc = emit_page(c, id.data, r.target, r.date, &pg, &rec);
	}
	files++;
	read_page_release(&pg);
	buf_release(&rec);
	buf_release(&id);
	warc_free(w);
	(void)name;
	(void)size;
	return rc < 0 ? CLI_FAIL : 0;
}

int
main(int argc, char *argv[])
{
	static const struct cli_spec spec = {
		.name = "read",
		.purpose = "Turn text files, HTML pages and WARC archives into records.",
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
		    "or list, stdin is read.\n"
		    "\n"
		    "An HTML page (found by its first bytes or its name, or --format html)\n"
		    "becomes one record {\"id\",\"url\",\"title\",\"lang\",\"date\",\"encoding\",\"text\"}\n"
		    "(a field the page does not give is absent): url from the canonical link or\n"
		    "og:url, title from og:title or <title>, lang from <html lang>, date from\n"
		    "article:published_time, JSON-LD datePublished or <time>. The text has one\n"
		    "line per block (paragraph, heading, list item, table row, <br>), inline\n"
		    "elements joined as a reader sees them, character references decoded, and\n"
		    "script, style, head, svg and the like left out. The charset comes from a\n"
		    "BOM or the page's <meta>, else it is sniffed as for text. Unless\n"
		    "--keep-all, the page's furniture is left out on the DOM's evidence:\n"
		    "nav, header, footer, aside, form, button, figure; navigation roles; class\n"
		    "and id words of menus, share bars, comments, ads and related stories;\n"
		    "hidden elements; blocks that are mostly links; and, when the article's\n"
		    "own containers (article, main, articleBody...) hold a fair share of the\n"
		    "page, what lies outside them but the h1. Lines are left to winnow-strip.\n"
		    "\n"
		    "A WARC archive (.warc, .warc.gz, .warc.zst) is read record by record:\n"
		    "responses (HTTP 2xx, chunked and gzip undone, the charset of the header\n"
		    "first) and resources holding HTML become page records with id the\n"
		    "WARC-Record-ID, url the WARC-Target-URI and date the WARC-Date;\n"
		    "conversion records (WET) become text records; other records are skipped\n"
		    "and counted (-v). A truncated or broken record is a bad record, named by\n"
		    "its byte offset in the uncompressed archive (--rejects goes on).\n",
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
		    "                         (find -print0)\n"
		    "      --format auto|text|html|warc  what the inputs are (default auto: by\n"
		    "                         the first bytes, then the name; else text)\n"
		    "      --keep-all         keep an HTML page's furniture (menus, footers...)\n"
		    "      --by and --encoding apply to text; a page is one record\n",
		.example =
		    "  winnow-read --by para site/*.txt | winnow-norm > site.jsonl\n"
		    "  winnow-read inbox/ > inbox.jsonl\n"
		    "  find inbox -name '*.txt' -newer stamp -print0 | winnow-read -0 -T - > new.jsonl\n"
		    "  winnow-read --encoding cp949 old-archive.txt.gz\n"
		    "  winnow-read saved-pages/ | winnow-norm | winnow-strip > articles.jsonl\n"
		    "  winnow-read -v crawl.warc.gz > pages.jsonl\n",
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
