/*
 * read: the engine of winnow-read: raw files to text pieces.
 *
 * The layer: an engine like the others; it includes core/ and read/ only
 * and knows nothing of records: cmd/winnow-read.c makes records of what it
 * hands back.  This is its one public header; read/internal.h is for the
 * engine's own files and its unit tests.
 *
 *   textdec    bytes of any common encoding to UTF-8, streaming
 *   read_text  decoding and splitting: one piece per file, paragraph or line
 *   read_html  an HTML page to its text and what it says about itself
 *   warc       WARC archives record by record, and the HTTP inside them
 */
#ifndef WINNOW_READ_H
#define WINNOW_READ_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "core/buf.h"

/*
 * textdec: raw text of any common encoding to UTF-8, streaming.
 *
 * Encodings: "utf-8", "utf-16" (a BOM decides the byte order; none means
 * little-endian), "utf-16le", "utf-16be", "cp949" (a superset of EUC-KR),
 * "euc-kr", "latin1", any other name iconv knows, and "auto": a BOM
 * decides; else text that is valid UTF-8 is UTF-8; else text CP949 decodes
 * cleanly into mostly Hangul is CP949; else Latin-1 (which never fails).
 * "auto" looks at the first bytes fed (at least TEXTDEC_SNIFF of them, or
 * all there is).  Bytes the encoding cannot decode become U+FFFD and are
 * counted.  A BOM at the start is dropped.  Line ends are left alone.
 */
#define TEXTDEC_SNIFF (64 * 1024)

struct textdec;

/*
 * textdec_new(encoding): a decoder, or NULL after a message naming the
 * encoding when iconv does not know it.
 */
struct textdec *textdec_new(const char *encoding);

/*
 * textdec_feed(d, in, len, eof, out): decode the next 'len' bytes, appending
 * UTF-8 to 'out'.  An incomplete sequence at the end is kept for the next
 * call; 'eof' says there is none, so it becomes U+FFFD.  With "auto", bytes
 * are held until enough have come to decide.
 */
void textdec_feed(struct textdec *d, const char *in, size_t len, int eof,
    struct buf *out);

/* textdec_name(d): the encoding in use ("utf-8", "cp949", ...). */
const char *textdec_name(const struct textdec *d);

/* textdec_replaced(d): the number of U+FFFD put in for undecodable bytes. */
uint64_t textdec_replaced(const struct textdec *d);

void textdec_free(struct textdec *d);

/*
 * read_text: one input's bytes to pieces of UTF-8 text.
 *
 *	READ_BY_FILE  the whole text, line ends made "\n" (num 0)
 *	READ_BY_PARA  each run of non-blank lines (a line of only spaces and
 *	              tabs is blank), joined with "\n"; num counts them from 1
 *	READ_BY_LINE  each non-blank line; num is its line number
 *
 * Line ends are "\n", "\r\n" or a lone "\r".  Each piece goes to the
 * callback fn(arg, text, len, num) as soon as it is complete; 'text' is
 * valid during the call only.  A callback that returns a negative number
 * stops the input: read_text_feed and read_text_end return that number.
 */
enum read_by { READ_BY_FILE, READ_BY_PARA, READ_BY_LINE };

typedef int (*read_piece_fn)(void *arg, const char *s, size_t len, uint64_t num);

struct read_text;

/* read_text_new(encoding, by, fn, arg): NULL after a message for an unknown encoding. */
struct read_text *read_text_new(const char *encoding, enum read_by by,
    read_piece_fn fn, void *arg);

/* read_text_feed(t, p, n): the next 'n' raw bytes; 0, or the callback's < 0. */
int read_text_feed(struct read_text *t, const char *p, size_t n);

/*
 * read_text_end(t): the input has ended: the last pieces go out (in file
 * mode, the file's one piece, even when empty).  0, or the callback's < 0.
 */
int read_text_end(struct read_text *t);

/* The decoder's verdict: the encoding used, and how many bytes became U+FFFD. */
const char *read_text_encoding(const struct read_text *t);
uint64_t read_text_replaced(const struct read_text *t);

void read_text_free(struct read_text *t);

/*
 * read_inputs: the files of a run, one path at a time: the operands in
 * order, a folder walked recursively (siblings in byte order, so the same
 * on every machine; hidden names and backups "x~", "#x#" left out; links
 * to files read, links to folders not followed), then the names of a list
 * file (--files-from; "-" is stdin), one a line or NUL-separated, where a
 * folder is walked the same way.  Without operands or list, stdin ("-").
 * Memory: one folder level's names at a time, never the whole list.
 */
struct read_inputs;

/* read_inputs_new(operands, n, list, nul): 'list' may be NULL; nul: NUL-separated. */
struct read_inputs *read_inputs_new(char *const *operands, int n,
    const char *list, int nul);

/*
 * read_inputs_next(in, &path): 1 with the next path (valid until the next
 * call), 0 when there is none, -1 after a message when a folder or the list
 * could not be read (later calls go on with what is left).
 */
int read_inputs_next(struct read_inputs *in, const char **path);

/* read_inputs_skipped(in): hidden, backup and special files left out. */
uint64_t read_inputs_skipped(const struct read_inputs *in);

void read_inputs_free(struct read_inputs *in);

/*
 * read_binary(p, n): whether the first bytes of a file (up to
 * READ_BINARY_SNIFF of them) are binary, as git and grep judge: a NUL byte
 * among them, unless a UTF-16 or UTF-32 byte order mark starts them.
 */
#define READ_BINARY_SNIFF 8000
int read_binary(const char *p, size_t n);

/*
 * read_sniff(name, head, n): what a file holds, by its first bytes (at
 * least the first few hundred, when it has them): "WARC/1." is a WARC
 * archive (and "filedesc://" an ARC file, which the WARC reader refuses); "<!doctype html", "<html", "<head", "<meta", "<!--" and the
 * like (after a BOM and white space) an HTML page; else by its name
 * (.html, .htm, .xhtml, .warc, less a .gz or .zst); else text.
 */
enum read_format { READ_TEXT, READ_HTML, READ_WARC };
enum read_format read_sniff(const char *name, const char *head, size_t n);

/*
 * read_html: a saved HTML page to the text a reader sees: one line per
 * block (p, h1-h6, li, a table row, blockquote, pre, div text; <br> a line
 * break), inline elements joined with the spacing a reader sees, character
 * references decoded, script, style, head, svg and the like left out.
 * Unless 'keep_all', the page's furniture is left out on the DOM's
 * evidence: nav, header, footer, aside, form, button, select; ARIA roles
 * of navigation; class and id words of menus, share bars, comments, ads,
 * related stories (in English and Korean); hidden elements; blocks that
 * are mostly link text.  What holds the article (article, main,
 * itemprop=articleBody, containers named like "article body" or "news
 * view") or most of the page's text is never left out that way.
 *
 * The encoding: 'charset' (an HTTP header's, or NULL), else a BOM, else the
 * page's <meta> charset, else sniffed as winnow-read sniffs text; EUC-KR
 * is read as its superset CP949.
 *
 * Strings are owned by the page and NULL when the page does not say;
 * read_page_release frees them (a zeroed struct is an empty page).
 */
struct read_page {
	struct buf text;	/* lines joined with "\n", no final one */
	char *url;		/* <link rel=canonical>, else og:url */
	char *title;		/* og:title, else <title> */
	char *lang;		/* <html lang> */
	char *date;		/* article:published_time, JSON-LD datePublished, <time> */
	char *encoding;		/* what the bytes were decoded from */
	uint64_t replaced;	/* bytes that could not be decoded */
	int truncated;		/* too many elements: the rest was not read */
};

/* read_html(pg, s, len, charset, keep_all): fill 'pg' (released first); 0. */
int read_html(struct read_page *pg, const char *s, size_t len, const char *charset,
    int keep_all);
void read_page_release(struct read_page *pg);

/*
 * warc: a WARC 1.0/1.1 archive, record by record, from a byte stream
 * ('fn' reads like read(2): a count, 0 at the end, -1 after a message;
 * .warc.gz members are undone by the caller's source).  Memory: one
 * header block (64 KiB at most) and the block of a record the reader
 * wants (response, resource, conversion) up to 'max_block' bytes; other
 * records and bigger blocks are read through without being held.
 */
typedef ssize_t (*warc_read_fn)(void *arg, void *p, size_t n);

struct warc_record {
	uint64_t offset;		/* where it starts in the (uncompressed) stream */
	const char *type;		/* WARC-Type ("" when absent) */
	const char *id, *target, *date, *content_type;	/* NULL when absent */
	const char *header;		/* the fields, each "Name: value" NUL-ended */
	size_t header_len;
	uint64_t length;		/* Content-Length */
	const char *block;		/* the block, when 'kept' */
	int kept;
};

struct warc;

struct warc *warc_new(warc_read_fn fn, void *arg, size_t max_block);

/*
 * warc_next(w, r): the next record into 'r' (its strings valid until the
 * next call): 1, 0 at the end, -1 for a bad record (warc_error says what
 * and at which byte; the reader has moved to the next "WARC/1." line, so
 * the caller may go on), -2 when reading failed (reported by 'fn').
 */
int warc_next(struct warc *w, struct warc_record *r);
const char *warc_error(const struct warc *w);
void warc_free(struct warc *w);

/* warc_wanted(type): whether records of this WARC-Type are kept. */
int warc_wanted(const char *type);

/*
 * warc_http(block, len, max, h): an HTTP response (a response record's
 * block): its status, Content-Type and charset, and its body with chunked
 * transfer coding and gzip/deflate content coding undone (a body that is
 * not valid chunks is taken as it is, as browsers take it).  0, or -1 when
 * it is not an HTTP response.  Release with warc_http_release.
 */
struct warc_http {
	int status;
	const char *headers, *content_type, *charset, *body;
	size_t headers_len, content_type_len, body_len;
	int dechunked, undecoded;
	struct buf scratch;
};
int warc_http(const char *s, size_t len, size_t max, struct warc_http *h);
void warc_http_release(struct warc_http *h);

/* read_is_html_type(content_type, len): text/html or application/xhtml+xml. */
int read_is_html_type(const char *s, size_t len);

/*
 * read_id(name, num, out): a piece's id into 'out' (reset first): 'name'
 * for num 0 (a whole file), else "name#num".
 */
void read_id(const char *name, uint64_t num, struct buf *out);

#endif
