/*
 * read/internal.h: what only lib/read/ files and their unit tests share.
 * Code outside the engine includes read/read.h, never this.
 */
#ifndef WINNOW_READ_INTERNAL_H
#define WINNOW_READ_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "read/read.h"

/* read_name_skipped(name): a hidden or backup file's name, left out of a walk. */
int read_name_skipped(const char *name);

/* HTML's named character references (entities.c, generated), sorted by name. */
struct html_entity {
	const char *name;	/* "amp;", or "amp" for a legacy one valid without ';' */
	const char *utf8;
	unsigned char len;
};
extern const struct html_entity html_entities[];
extern const size_t html_nentities;

/*
 * html_decode(s, len, attr, out): append 's' to 'out' with its character
 * references decoded as HTML does (named, decimal, hex; a legacy name
 * without ';' too, except inside an attribute value ('attr') when a letter,
 * digit or '=' follows; 0, surrogates and out-of-range numbers become
 * U+FFFD, 0x80-0x9F are read as windows-1252).  A NUL byte is dropped
 * from text and becomes U+FFFD in an attribute ('attr'), as HTML reads it.
 */
void html_decode(const char *s, size_t len, int attr, struct buf *out);

/* The elements the reader tells apart; anything else is HT_OTHER. */
enum html_tag {
	HT_TEXT = 0, HT_ROOT, HT_OTHER,
	HT_A, HT_ADDRESS, HT_APPLET, HT_AREA, HT_ARTICLE, HT_ASIDE, HT_AUDIO,
	HT_B, HT_BASE, HT_BLOCKQUOTE, HT_BODY, HT_BR, HT_BUTTON, HT_CANVAS,
	HT_CAPTION, HT_CENTER, HT_COL, HT_COLGROUP, HT_DATALIST, HT_DD, HT_DETAILS,
	HT_DIALOG, HT_DIR, HT_DIV, HT_DL, HT_DT, HT_EMBED, HT_FIELDSET,
	HT_FIGCAPTION, HT_FIGURE, HT_FOOTER, HT_FORM, HT_FRAME, HT_FRAMESET,
	HT_H1, HT_H2, HT_H3, HT_H4, HT_H5, HT_H6, HT_HEAD, HT_HEADER, HT_HGROUP,
	HT_HR, HT_HTML, HT_I, HT_IFRAME, HT_IMG, HT_INPUT, HT_KEYGEN, HT_LABEL,
	HT_LEGEND, HT_LI, HT_LINK, HT_LISTING, HT_MAIN, HT_MAP, HT_MARQUEE,
	HT_MATH, HT_MENU, HT_META, HT_NAV, HT_NOEMBED, HT_NOFRAMES, HT_NOSCRIPT,
	HT_OBJECT, HT_OL, HT_OPTGROUP, HT_OPTION, HT_P, HT_PARAM, HT_PLAINTEXT,
	HT_PRE, HT_RP, HT_RT, HT_SCRIPT, HT_SEARCH, HT_SECTION, HT_SELECT,
	HT_SOURCE, HT_STYLE, HT_SUMMARY, HT_SVG, HT_TABLE, HT_TBODY, HT_TD,
	HT_TEMPLATE, HT_TEXTAREA, HT_TFOOT, HT_TH, HT_THEAD, HT_TIME, HT_TITLE,
	HT_TR, HT_TRACK, HT_UL, HT_VIDEO, HT_WBR, HT_XMP,
	HT_NTAGS
};

/* What an element is, by its tag (html_tag_props). */
enum {
	TP_VOID = 1 << 0,	/* no content, no end tag */
	TP_BLOCK = 1 << 1,	/* a line of its own */
	TP_SKIP = 1 << 2,	/* never text a reader sees (script, head, svg...) */
	TP_BOILER = 1 << 3,	/* navigation, forms, page furniture (nav, footer...) */
	TP_SPECIAL = 1 << 4,	/* HTML's "special" elements: end-tag scope */
	TP_CLOSES_P = 1 << 5,	/* its start tag ends an open <p> */
	TP_SCOPE = 1 << 6,	/* a scope boundary (table, td, html...) */
	TP_HEADING = 1 << 7,
	TP_FORMAT = 1 << 8	/* b, i, a...: end tags within scope only */
};
extern const uint16_t html_tag_props[HT_NTAGS];

/* Node flags, from the element's attributes and what the reader finds. */
enum {
	NF_HIDDEN = 1 << 0,	/* hidden, aria-hidden, display:none */
	NF_AGAINST = 1 << 1,	/* class/id/role words of page furniture */
	NF_FOR = 1 << 2,	/* class/id words of an article body */
	NF_BODY = 1 << 3,	/* strong evidence of the body: article, main, articleBody */
	NF_LINK = 1 << 4,	/* <a href> */
	NF_HAS_BODY = 1 << 5,	/* holds an NF_BODY element (set after parsing) */
	NF_HAS_H1 = 1 << 6,	/* holds an h1 (set after parsing) */
	NF_COMMENTS = 1 << 7	/* class/id words of readers' comments */
};

/* One node of the document: an element, or a text (tag HT_TEXT). */
struct hnode {
	uint16_t tag;
	uint16_t flags;
	int32_t parent, first, last, next;	/* -1: none */
	uint32_t off, len;			/* a text's bytes in doc->text */
};

/* What the page says about itself; each is a NUL-terminated string or NULL. */
struct html_meta {
	char *title, *og_title, *canonical, *og_url, *lang, *date, *charset;
};

/*
 * A parsed page: the tree (node 0 is the root), the texts, the metadata.
 * Limits keep hostile pages bounded: HTML_MAX_DEPTH open elements (deeper
 * ones are read as if they were not there) and HTML_MAX_NODES nodes (the
 * rest of the page is not read: 'truncated').
 */
#define HTML_MAX_DEPTH 512
#define HTML_MAX_NODES (1u << 22)
_Static_assert(HTML_MAX_DEPTH <= UINT16_MAX, "stack positions are 16-bit");

/*
 * Of the open element at one stack position: the position below it of the
 * same tag (0: none), and the nearest positions at or below it of a scope
 * boundary, of a special element, and of a special element that ends a list
 * item's search (all but address, div and p).  They make every question
 * the tree builder asks of the stack one look-up, not a walk down it.
 */
struct html_open {
	uint16_t same, scope, special, item;
};

struct html_doc {
	struct hnode *node;
	size_t nnode, cap;
	struct buf text;
	struct html_meta meta;
	int truncated;
	/* parse state */
	int32_t *stack;
	size_t depth, foreign;	/* open elements; how many are svg/math */
	struct html_open *open;	/* what the parser knows of each open element */
	uint16_t top_of[HT_NTAGS];	/* the topmost open position of a tag; 0: none */
	struct buf scratch;
	int date_rank;
};

/* html_parse(doc, s, len): parse UTF-8 'len' bytes into 'doc' (zeroed first by the caller or html_doc_release). */
void html_parse(struct html_doc *doc, const char *s, size_t len);
void html_doc_release(struct html_doc *doc);

/*
 * html_class_words(s, len): the evidence of one class or id value: NF_AGAINST
 * (with NF_COMMENTS for comments), NF_FOR, NF_BODY, or 0 (extract.c).
 */
unsigned html_class_words(const char *s, size_t len);

/* html_charset_label(s, len): the decoder's name for a charset label, or NULL. */
const char *html_charset_label(const char *s, size_t len);

#endif
