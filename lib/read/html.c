/*
 * html: an HTML page to a small tree: HTML5's tokenizer rules and the parts
 * of its tree construction that decide where a block of text begins and
 * ends (implied end tags, scopes), in one pass over the bytes, with no
 * recursion.  What the page says about itself (title, canonical URL,
 * language, date) is taken on the way, so attributes are not kept.
 */
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "core/util.h"
#include "read/internal.h"

/* ---- character references ---- */

static int
entity_cmp(const char *name, size_t len, const char *ename)
{
	size_t elen = strlen(ename);
	int c = memcmp(name, ename, len < elen ? len : elen);

	if (c != 0)
		return c;
	return len < elen ? -1 : len > elen;
}

/* The entry named exactly name[0..len), or NULL. */
static const struct html_entity *
entity_find(const char *name, size_t len)
{
	size_t lo = 0, hi = html_nentities;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = entity_cmp(name, len, html_entities[mid].name);

		if (c == 0)
			return &html_entities[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* windows-1252 for the C1 range, as HTML reads numeric references there. */
static const uint16_t c1_1252[32] = {
	0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030,
	0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c,
	0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d,
	0x017e, 0x0178
};

/*
 * One reference at s[0] == '&': append what it stands for and return the
 * bytes it took, or 0 when it is not one (the '&' is then text).
 */
static size_t
decode_ref(const char *s, size_t len, int attr, struct buf *out)
{
	size_t i = 1, n;

	if (i < len && s[i] == '#') {
		uint32_t cp = 0;
		int hex = 0, digits = 0;

		i++;
		if (i < len && (s[i] == 'x' || s[i] == 'X')) {
			hex = 1;
			i++;
		}
		for (; i < len; i++) {
			int c = (unsigned char)s[i], v;

			if (c >= '0' && c <= '9')
				v = c - '0';
			else if (hex && c >= 'a' && c <= 'f')
				v = c - 'a' + 10;
			else if (hex && c >= 'A' && c <= 'F')
				v = c - 'A' + 10;
			else
				break;
			digits++;
			if (cp <= 0x10ffff)
				cp = cp * (hex ? 16 : 10) + (uint32_t)v;
		}
		if (digits == 0)
			return 0;
		if (i < len && s[i] == ';')
			i++;
		if (cp == 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			cp = 0xfffd;
		else if (cp >= 0x80 && cp <= 0x9f)
			cp = c1_1252[cp - 0x80];
		utf8_add(out, (int32_t)cp);
		return i;
	}
	for (n = 1; n < len && n <= 32 && ascii_is_alnum((unsigned char)s[n]); n++)
		;
	if (n == 1)
		return 0;
	if (n < len && s[n] == ';') {
		const struct html_entity *e = entity_find(s + 1, n);

		if (e != NULL) {
			buf_add(out, e->utf8, e->len);
			return n + 1;
		}
	}
	/* a legacy name without ';': the longest that fits */
	for (; n > 1; n--) {
		const struct html_entity *e = entity_find(s + 1, n - 1);

		if (e == NULL)
			continue;
		if (attr && n < len && (ascii_is_alnum((unsigned char)s[n]) || s[n] == '='))
			return 0;
		buf_add(out, e->utf8, e->len);
		return n;
	}
	return 0;
}

/*
 * Bytes without references.  A NUL is an error HTML's parser forgives: it
 * drops it from text and reads it as U+FFFD in an attribute or a title.
 */
static void
add_plain(const char *s, size_t len, int attr, struct buf *out)
{
	const char *end = s + len, *nul;

	while ((nul = memchr(s, '\0', (size_t)(end - s))) != NULL) {
		buf_add(out, s, (size_t)(nul - s));
		if (attr)
			utf8_add(out, 0xfffd);
		s = nul + 1;
	}
	buf_add(out, s, (size_t)(end - s));
}

void
html_decode(const char *s, size_t len, int attr, struct buf *out)
{
	const char *end = s + len;

	while (s < end) {
		const char *amp = memchr(s, '&', (size_t)(end - s));
		size_t took;

		if (amp == NULL) {
			add_plain(s, (size_t)(end - s), attr, out);
			return;
		}
		add_plain(s, (size_t)(amp - s), attr, out);
		took = decode_ref(amp, (size_t)(end - amp), attr, out);
		if (took == 0) {
			buf_addc(out, '&');
			took = 1;
		}
		s = amp + took;
	}
}

/* ---- tags ---- */

static const struct {
	const char *name;
	uint16_t tag;
} tag_names[] = {
	{ "a", HT_A }, { "address", HT_ADDRESS }, { "applet", HT_APPLET },
	{ "area", HT_AREA }, { "article", HT_ARTICLE }, { "aside", HT_ASIDE },
	{ "audio", HT_AUDIO }, { "b", HT_B }, { "base", HT_BASE },
	{ "blockquote", HT_BLOCKQUOTE }, { "body", HT_BODY }, { "br", HT_BR },
	{ "button", HT_BUTTON }, { "canvas", HT_CANVAS }, { "caption", HT_CAPTION },
	{ "center", HT_CENTER }, { "col", HT_COL }, { "colgroup", HT_COLGROUP },
	{ "datalist", HT_DATALIST }, { "dd", HT_DD }, { "details", HT_DETAILS },
	{ "dialog", HT_DIALOG }, { "dir", HT_DIR }, { "div", HT_DIV }, { "dl", HT_DL },
	{ "dt", HT_DT }, { "embed", HT_EMBED }, { "fieldset", HT_FIELDSET },
	{ "figcaption", HT_FIGCAPTION }, { "figure", HT_FIGURE },
	{ "footer", HT_FOOTER }, { "form", HT_FORM }, { "frame", HT_FRAME },
	{ "frameset", HT_FRAMESET }, { "h1", HT_H1 }, { "h2", HT_H2 }, { "h3", HT_H3 },
	{ "h4", HT_H4 }, { "h5", HT_H5 }, { "h6", HT_H6 }, { "head", HT_HEAD },
	{ "header", HT_HEADER }, { "hgroup", HT_HGROUP }, { "hr", HT_HR },
	{ "html", HT_HTML }, { "i", HT_I }, { "iframe", HT_IFRAME }, { "img", HT_IMG },
	{ "input", HT_INPUT }, { "keygen", HT_KEYGEN }, { "label", HT_LABEL },
	{ "legend", HT_LEGEND }, { "li", HT_LI }, { "link", HT_LINK },
	{ "listing", HT_LISTING }, { "main", HT_MAIN }, { "map", HT_MAP },
	{ "marquee", HT_MARQUEE }, { "math", HT_MATH }, { "menu", HT_MENU },
	{ "meta", HT_META }, { "nav", HT_NAV }, { "noembed", HT_NOEMBED },
	{ "noframes", HT_NOFRAMES }, { "noscript", HT_NOSCRIPT },
	{ "object", HT_OBJECT }, { "ol", HT_OL }, { "optgroup", HT_OPTGROUP },
	{ "option", HT_OPTION }, { "p", HT_P }, { "param", HT_PARAM },
	{ "plaintext", HT_PLAINTEXT }, { "pre", HT_PRE }, { "rp", HT_RP },
	{ "rt", HT_RT }, { "script", HT_SCRIPT }, { "search", HT_SEARCH },
	{ "section", HT_SECTION }, { "select", HT_SELECT }, { "source", HT_SOURCE },
	{ "style", HT_STYLE }, { "summary", HT_SUMMARY }, { "svg", HT_SVG },
	{ "table", HT_TABLE }, { "tbody", HT_TBODY }, { "td", HT_TD },
	{ "template", HT_TEMPLATE }, { "textarea", HT_TEXTAREA }, { "tfoot", HT_TFOOT },
	{ "th", HT_TH }, { "thead", HT_THEAD }, { "time", HT_TIME },
	{ "title", HT_TITLE }, { "tr", HT_TR }, { "track", HT_TRACK }, { "ul", HT_UL },
	{ "video", HT_VIDEO }, { "wbr", HT_WBR }, { "xmp", HT_XMP },
};
#define NTAGNAMES (sizeof tag_names / sizeof tag_names[0])

#define V TP_VOID
#define BL TP_BLOCK
#define SK TP_SKIP
#define BO TP_BOILER
#define SP TP_SPECIAL
#define CP TP_CLOSES_P
#define SC TP_SCOPE
#define HD TP_HEADING
#define FM TP_FORMAT
const uint16_t html_tag_props[HT_NTAGS] = {
	[HT_A] = FM, [HT_ADDRESS] = BL | SP | CP, [HT_APPLET] = SP | SC | SK,
	[HT_AREA] = V | SP, [HT_ARTICLE] = BL | SP | CP, [HT_ASIDE] = BL | SP | CP | BO,
	[HT_AUDIO] = SK, [HT_B] = FM, [HT_BASE] = V | SP, [HT_BLOCKQUOTE] = BL | SP | CP,
	[HT_BODY] = BL | SP, [HT_BR] = V | SP, [HT_BUTTON] = SP | BO,
	[HT_CANVAS] = SK, [HT_CAPTION] = BL | SP | SC, [HT_CENTER] = BL | SP | CP,
	[HT_COL] = V | SP, [HT_COLGROUP] = SP, [HT_DATALIST] = SK,
	[HT_DD] = BL | SP | CP, [HT_DETAILS] = BL | SP | CP, [HT_DIALOG] = BL | CP | BO,
	[HT_DIR] = BL | SP | CP, [HT_DIV] = BL | SP | CP, [HT_DL] = BL | SP | CP,
	[HT_DT] = BL | SP | CP, [HT_EMBED] = V | SP | SK, [HT_FIELDSET] = BL | SP | CP,
	[HT_FIGCAPTION] = BL | SP | CP, [HT_FIGURE] = BL | SP | CP,
	[HT_FOOTER] = BL | SP | CP | BO, [HT_FORM] = BL | SP | CP | BO,
	[HT_FRAME] = V | SP | SK, [HT_FRAMESET] = SP | SK,
	[HT_H1] = BL | SP | CP | HD, [HT_H2] = BL | SP | CP | HD, [HT_H3] = BL | SP | CP | HD,
	[HT_H4] = BL | SP | CP | HD, [HT_H5] = BL | SP | CP | HD, [HT_H6] = BL | SP | CP | HD,
	[HT_HEAD] = SP | SK, [HT_HEADER] = BL | SP | CP | BO, [HT_HGROUP] = BL | SP | CP,
	[HT_HR] = V | BL | SP | CP, [HT_HTML] = BL | SP | SC, [HT_I] = FM,
	[HT_IFRAME] = SP | SK, [HT_IMG] = V | SP, [HT_INPUT] = V | SP | BO,
	[HT_KEYGEN] = V | SP, [HT_LABEL] = 0, [HT_LEGEND] = BL, [HT_LI] = BL | SP | CP,
	[HT_LINK] = V | SP, [HT_LISTING] = BL | SP | CP, [HT_MAIN] = BL | SP | CP,
	[HT_MAP] = 0, [HT_MARQUEE] = SP | SC, [HT_MATH] = SK | SP, [HT_MENU] = BL | SP | CP | BO,
	[HT_META] = V | SP, [HT_NAV] = BL | SP | CP | BO, [HT_NOEMBED] = SP | SK,
	[HT_NOFRAMES] = SP | SK, [HT_NOSCRIPT] = SP | SK, [HT_OBJECT] = SP | SC | SK,
	[HT_OL] = BL | SP | CP, [HT_OPTGROUP] = BL, [HT_OPTION] = BL, [HT_P] = BL | SP | CP,
	[HT_PARAM] = V | SP, [HT_PLAINTEXT] = BL | SP | CP, [HT_PRE] = BL | SP | CP,
	[HT_RP] = SK, [HT_RT] = 0, [HT_SCRIPT] = SP | SK, [HT_SEARCH] = BL | SP | CP | BO,
	[HT_SECTION] = BL | SP | CP, [HT_SELECT] = SP | BO | SK, [HT_SOURCE] = V | SP,
	[HT_STYLE] = SP | SK, [HT_SUMMARY] = BL | SP | CP, [HT_SVG] = SK | SP,
	[HT_TABLE] = BL | SP | CP | SC, [HT_TBODY] = BL | SP, [HT_TD] = SP | SC,
	[HT_TEMPLATE] = SP | SC | SK, [HT_TEXTAREA] = SP | SK | BO, [HT_TFOOT] = BL | SP,
	[HT_TH] = SP | SC, [HT_THEAD] = BL | SP, [HT_TIME] = 0, [HT_TITLE] = SP | SK,
	[HT_TR] = BL | SP, [HT_TRACK] = V | SP, [HT_UL] = BL | SP | CP, [HT_VIDEO] = SK,
	[HT_WBR] = V | SP, [HT_XMP] = BL | SP | CP, [HT_ROOT] = SP | SC,
};
#undef V
#undef BL
#undef SK
#undef BO
#undef SP
#undef CP
#undef SC
#undef HD
#undef FM

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* The tag of a name (any case), HT_OTHER when the reader does not know it. */
static uint16_t
tag_lookup(const char *s, size_t len)
{
	char name[16];
	size_t lo = 0, hi = NTAGNAMES, i;

	if (len >= sizeof name)
		return HT_OTHER;
	for (i = 0; i < len; i++)
		name[i] = (char)lower((unsigned char)s[i]);
	name[len] = '\0';
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(name, tag_names[mid].name);

		if (c == 0)
			return tag_names[mid].tag;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return HT_OTHER;
}

/* ---- the tree ---- */

static int32_t
top(const struct html_doc *d)
{
	return d->stack[d->depth - 1];
}

static uint16_t
top_tag(const struct html_doc *d)
{
	return d->node[top(d)].tag;
}

/* A new node, child of the current element; -1 when the page has too many. */
static int32_t
add_node(struct html_doc *d, uint16_t tag)
{
	int32_t i, parent = top(d);
	struct hnode *n;

	if (d->nnode >= HTML_MAX_NODES) {
		d->truncated = 1;
		return -1;
	}
	d->node = xreserve(d->node, &d->cap, d->nnode + 1, sizeof *d->node);
	i = (int32_t)d->nnode++;
	n = &d->node[i];
	memset(n, 0, sizeof *n);
	n->tag = tag;
	n->parent = parent;
	n->first = n->last = n->next = -1;
	if (d->node[parent].last >= 0)
		d->node[d->node[parent].last].next = i;
	else
		d->node[parent].first = i;
	d->node[parent].last = i;
	return i;
}

/* Open element 'i' (a node just added): it goes on the stack. */
static void
push(struct html_doc *d, int32_t i)
{
	size_t at = d->depth;
	uint16_t t = d->node[i].tag, props = html_tag_props[t];
	struct html_open *o = &d->open[at];
	const struct html_open *below = &d->open[at - 1];

	d->stack[at] = i;
	o->same = d->top_of[t];
	o->scope = (props & TP_SCOPE) ? (uint16_t)at : below->scope;
	o->special = (props & TP_SPECIAL) ? (uint16_t)at : below->special;
	o->item = (props & TP_SPECIAL) && t != HT_ADDRESS && t != HT_DIV &&
	    t != HT_P ? (uint16_t)at : below->item;
	d->top_of[t] = (uint16_t)at;
	d->depth++;
}

static void
pop(struct html_doc *d)
{
	if (d->depth > 1) {
		uint16_t t = top_tag(d);

		if (t == HT_SVG || t == HT_MATH)
			d->foreign--;
		d->depth--;
		d->top_of[t] = d->open[d->depth].same;
	}
}

/* Pop through the open element at stack position 'at'. */
static void
pop_to(struct html_doc *d, size_t at)
{
	while (d->depth > at)
		pop(d);
}

/*
 * The topmost open 'tag' when no element that stops the search ('limit',
 * the position of the nearest one) stands above it: its stack position, or
 * 0 (position 0 is the root).  An element that is both is found.
 */
static size_t
found_above(const struct html_doc *d, uint16_t tag, size_t limit)
{
	size_t at = d->top_of[tag];

	return at > 0 && at >= limit ? at : 0;
}

/*
 * The stack position of an open 'tag' within scope: looking down from the
 * current element, stopping at a scope boundary (and at the extra
 * 'stop' tags, 0 for none).  0 when not found.
 */
static size_t
in_scope(const struct html_doc *d, uint16_t tag, uint16_t stop1, uint16_t stop2)
{
	size_t limit = d->open[d->depth - 1].scope;

	if (stop1 && d->top_of[stop1] > limit)
		limit = d->top_of[stop1];
	if (stop2 && d->top_of[stop2] > limit)
		limit = d->top_of[stop2];
	return found_above(d, tag, limit);
}

static void
close_p(struct html_doc *d)
{
	size_t at = in_scope(d, HT_P, HT_BUTTON, 0);

	if (at)
		pop_to(d, at);
}

/* li, dd, dt: close the open one of 'a' or 'b' unless a special element is between. */
static void
close_item(struct html_doc *d, uint16_t a, uint16_t b)
{
	size_t limit = d->open[d->depth - 1].item;
	size_t at = found_above(d, d->top_of[a] > d->top_of[b] ? a : b, limit);

	if (at)
		pop_to(d, at);
}

/* The implied end tags a start tag brings, as HTML's tree builder has them. */
static void
implied_ends(struct html_doc *d, uint16_t tag)
{
	size_t at;

	if (html_tag_props[tag] & TP_CLOSES_P)
		close_p(d);
	switch (tag) {
	case HT_LI:
		close_item(d, HT_LI, HT_LI);
		break;
	case HT_DD:
	case HT_DT:
		close_item(d, HT_DD, HT_DT);
		break;
	case HT_H1: case HT_H2: case HT_H3: case HT_H4: case HT_H5: case HT_H6:
		if (html_tag_props[top_tag(d)] & TP_HEADING)
			pop(d);
		break;
	case HT_OPTION:
		if (top_tag(d) == HT_OPTION)
			pop(d);
		break;
	case HT_OPTGROUP:
		if (top_tag(d) == HT_OPTION)
			pop(d);
		if (top_tag(d) == HT_OPTGROUP)
			pop(d);
		break;
	case HT_A:
		if ((at = in_scope(d, HT_A, 0, 0)) != 0)
			pop_to(d, at);
		break;
	case HT_TR:
		if ((at = in_scope(d, HT_TR, HT_TABLE, 0)) != 0)
			pop_to(d, at);
		break;
	case HT_TD:
	case HT_TH:
		if ((at = in_scope(d, HT_TD, HT_TR, HT_TABLE)) != 0 ||
		    (at = in_scope(d, HT_TH, HT_TR, HT_TABLE)) != 0)
			pop_to(d, at);
		break;
	case HT_TBODY: case HT_THEAD: case HT_TFOOT:
		if ((at = in_scope(d, HT_TR, HT_TABLE, 0)) != 0)
			pop_to(d, at);
		break;
	}
}

static void
end_tag(struct html_doc *d, uint16_t tag)
{
	size_t at;

	switch (tag) {
	case HT_HTML: case HT_BODY: case HT_HEAD:
		return;		/* what follows is still the page */
	case HT_BR:
		add_node(d, HT_BR);
		return;
	case HT_P:
		if ((at = in_scope(d, HT_P, HT_BUTTON, 0)) != 0)
			pop_to(d, at);
		else
			add_node(d, HT_P);	/* </p> alone ends a line all the same */
		return;
	}
	/*
	 * Any other end tag: the nearest open element it names, not past a
	 * special element.  Unknown elements keep no name, so the nearest
	 * unknown one is taken.
	 */
	if (tag == HT_OTHER ||
	    (!(html_tag_props[tag] & TP_SPECIAL) && !(html_tag_props[tag] & TP_FORMAT)))
		at = found_above(d, tag, d->open[d->depth - 1].special);
	else
		at = in_scope(d, tag, 0, 0);
	if (at)
		pop_to(d, at);
}

/* ---- what a page says about itself ---- */

static void
set_meta(char **slot, const char *s, size_t len)
{
	struct buf b = BUF_INIT;
	size_t i, j;

	if (*slot != NULL)
		return;
	html_decode(s, len, 1, &b);
	/* trim and collapse white space; a value with nothing in it is not one */
	for (i = j = 0; i < b.len; i++) {
		char c = b.data[i];

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
			if (j > 0 && b.data[j - 1] != ' ')
				b.data[j++] = ' ';
		} else {
			b.data[j++] = c;
		}
	}
	while (j > 0 && b.data[j - 1] == ' ')
		j--;
	if (j == 0 || utf8_check(b.data, j) != j) {
		buf_release(&b);
		return;
	}
	*slot = xmemdup(b.data, j + 1);
	(*slot)[j] = '\0';
	buf_release(&b);
}

/* A date, better the lower its rank: published before modified, a meta before a <time>. */
static void
set_date(struct html_doc *d, int rank, const char *s, size_t len)
{
	if (d->meta.date != NULL && rank >= d->date_rank)
		return;
	free(d->meta.date);
	d->meta.date = NULL;
	set_meta(&d->meta.date, s, len);
	if (d->meta.date != NULL)
		d->date_rank = rank;
}

static int
eq(const char *s, size_t len, const char *lit)
{
	size_t n = strlen(lit), i;

	if (len != n)
		return 0;
	for (i = 0; i < n; i++)
		if (lower((unsigned char)s[i]) != lit[i])
			return 0;
	return 1;
}

/* "datePublished": "..." in a JSON-LD script: the value, without a JSON parser. */
static void
json_ld_date(struct html_doc *d, const char *s, size_t len)
{
	static const char key[] = "\"datePublished\"";
	const char *end = s + len, *p = s;

	while ((p = memmem(p, (size_t)(end - p), key, sizeof key - 1)) != NULL) {
		const char *q = p + sizeof key - 1, *v;

		while (q < end && (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r'))
			q++;
		p = q;
		if (q >= end || *q != ':')
			continue;
		for (q++; q < end && (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r'); q++)
			;
		if (q >= end || *q != '"')
			continue;
		v = ++q;
		while (q < end && *q != '"' && *q != '\\')
			q++;
		if (q < end && *q == '"' && q > v) {
			set_date(d, 2, v, (size_t)(q - v));
			return;
		}
	}
}

/* ---- the tokenizer ---- */

struct attr {
	const char *name, *value;
	size_t nlen, vlen;
};

#define MAX_ATTRS 64

static int
space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/*
 * Parse a start tag's attributes from p (after the name) to its '>': fills
 * 'a' (the first MAX_ATTRS of them), returns where the tag ends (after '>'),
 * or NULL when the page ends inside it.
 */
static const char *
parse_attrs(const char *p, const char *end, struct attr *a, int *na, int *selfclose)
{
	*na = 0;
	*selfclose = 0;
	for (;;) {
		const char *name;

		while (p < end && (space((unsigned char)*p) || *p == '/')) {
			*selfclose = *p == '/';
			p++;
		}
		if (p >= end)
			return NULL;
		if (*p == '>')
			return p + 1;
		*selfclose = 0;
		name = p++;
		while (p < end && !space((unsigned char)*p) && *p != '/' && *p != '>' && *p != '=')
			p++;
		if (*na < MAX_ATTRS) {
			a[*na].name = name;
			a[*na].nlen = (size_t)(p - name);
			a[*na].value = "";
			a[*na].vlen = 0;
		}
		while (p < end && space((unsigned char)*p))
			p++;
		if (p < end && *p == '=') {
			const char *v;

			for (p++; p < end && space((unsigned char)*p); p++)
				;
			if (p >= end)
				return NULL;
			if (*p == '"' || *p == '\'') {
				const char *q = memchr(p + 1, *p, (size_t)(end - p - 1));

				if (q == NULL)
					return NULL;
				v = p + 1;
				p = q + 1;
				if (*na < MAX_ATTRS)
					a[*na].vlen = (size_t)(q - v);
			} else {
				v = p;
				while (p < end && !space((unsigned char)*p) && *p != '>')
					p++;
				if (*na < MAX_ATTRS)
					a[*na].vlen = (size_t)(p - v);
			}
			if (*na < MAX_ATTRS)
				a[*na].value = v;
		}
		if (*na < MAX_ATTRS)
			(*na)++;
	}
}

static const struct attr *
attr_get(const struct attr *a, int na, const char *name)
{
	int i;

	for (i = 0; i < na; i++)
		if (eq(a[i].name, a[i].nlen, name))
			return &a[i];
	return NULL;
}

static int
contains_ci(const char *s, size_t len, const char *lit)
{
	size_t n = strlen(lit), i, j;

	for (i = 0; i + n <= len; i++) {
		for (j = 0; j < n && lower((unsigned char)s[i + j]) == lit[j]; j++)
			;
		if (j == n)
			return 1;
	}
	return 0;
}

/* The flags an element's attributes give it, and the metadata they carry. */
static unsigned
element_evidence(struct html_doc *d, uint16_t tag, const struct attr *a, int na)
{
	const struct attr *v, *w;
	unsigned flags = 0;
	int i;

	for (i = 0; i < na; i++) {
		const char *n = a[i].name;
		size_t nl = a[i].nlen;

		if (eq(n, nl, "class") || eq(n, nl, "id"))
			flags |= html_class_words(a[i].value, a[i].vlen);
		else if (eq(n, nl, "hidden"))
			flags |= NF_HIDDEN;
		else if (eq(n, nl, "aria-hidden") && eq(a[i].value, a[i].vlen, "true"))
			flags |= NF_HIDDEN;
		else if (eq(n, nl, "style") && (contains_ci(a[i].value, a[i].vlen, "display:none") ||
		    contains_ci(a[i].value, a[i].vlen, "display: none") ||
		    contains_ci(a[i].value, a[i].vlen, "visibility:hidden")))
			flags |= NF_HIDDEN;
		else if (eq(n, nl, "role")) {
			static const char *const against[] = {
				"navigation", "banner", "contentinfo", "complementary",
				"search", "menu", "menubar", "toolbar", "dialog", "alert",
				"form", "tablist"
			};
			size_t k;

			for (k = 0; k < sizeof against / sizeof against[0]; k++)
				if (eq(a[i].value, a[i].vlen, against[k]))
					flags |= NF_AGAINST;
			if (eq(a[i].value, a[i].vlen, "main") || eq(a[i].value, a[i].vlen, "article"))
				flags |= NF_BODY;
		} else if (eq(n, nl, "itemprop") && (contains_ci(a[i].value, a[i].vlen, "articlebody") ||
		    eq(a[i].value, a[i].vlen, "text")))
			flags |= NF_BODY;
	}
	if ((tag == HT_ARTICLE || tag == HT_MAIN) && !(flags & NF_AGAINST))
		flags |= NF_BODY;
	if ((flags & NF_AGAINST) && !(flags & NF_FOR))
		flags &= ~NF_BODY;
	if (tag == HT_A && attr_get(a, na, "href") != NULL)
		flags |= NF_LINK;
	switch (tag) {
	case HT_HTML:
		if ((v = attr_get(a, na, "lang")) != NULL)
			set_meta(&d->meta.lang, v->value, v->vlen);
		break;
	case HT_META:
		if ((v = attr_get(a, na, "charset")) != NULL)
			set_meta(&d->meta.charset, v->value, v->vlen);
		if ((w = attr_get(a, na, "content")) == NULL)
			break;
		if ((v = attr_get(a, na, "property")) == NULL &&
		    (v = attr_get(a, na, "name")) == NULL &&
		    (v = attr_get(a, na, "itemprop")) == NULL)
			break;
		if (eq(v->value, v->vlen, "og:title"))
			set_meta(&d->meta.og_title, w->value, w->vlen);
		else if (eq(v->value, v->vlen, "og:url"))
			set_meta(&d->meta.og_url, w->value, w->vlen);
		else if (eq(v->value, v->vlen, "article:published_time") ||
		    eq(v->value, v->vlen, "datepublished"))
			set_date(d, 0, w->value, w->vlen);
		else if (eq(v->value, v->vlen, "pubdate") || eq(v->value, v->vlen, "publishdate") ||
		    eq(v->value, v->vlen, "date") || eq(v->value, v->vlen, "dc.date") ||
		    eq(v->value, v->vlen, "dc.date.issued") ||
		    eq(v->value, v->vlen, "article.published") ||
		    eq(v->value, v->vlen, "sailthru.date") || eq(v->value, v->vlen, "parsely-pub-date"))
			set_date(d, 1, w->value, w->vlen);
		break;
	case HT_LINK:
		if ((v = attr_get(a, na, "rel")) != NULL && eq(v->value, v->vlen, "canonical") &&
		    (w = attr_get(a, na, "href")) != NULL)
			set_meta(&d->meta.canonical, w->value, w->vlen);
		break;
	case HT_TIME:
		if ((v = attr_get(a, na, "datetime")) != NULL)
			set_date(d, 3, v->value, v->vlen);
		break;
	}
	return flags;
}

/* Text of the page at the current element. */
static void
add_text(struct html_doc *d, const char *s, size_t len)
{
	struct hnode *last;
	size_t off = d->text.len;
	int32_t i;

	if (len == 0)
		return;
	html_decode(s, len, 0, &d->text);
	if (d->text.len == off)
		return;
	last = d->node[top(d)].last >= 0 ? &d->node[d->node[top(d)].last] : NULL;
	if (last != NULL && last->tag == HT_TEXT && last->off + last->len == off) {
		last->len += (uint32_t)(d->text.len - off);
		return;
	}
	if ((i = add_node(d, HT_TEXT)) < 0)
		return;
	d->node[i].off = (uint32_t)off;
	d->node[i].len = (uint32_t)(d->text.len - off);
}

/* Where the raw text of a script, style... ends: at "</name" then a space, '/' or '>'. */
static const char *
raw_end(const char *p, const char *end, const char *name, size_t nlen)
{
	while (p < end) {
		const char *lt = memchr(p, '<', (size_t)(end - p));
		size_t i;

		if (lt == NULL)
			return end;
		p = lt + 1;
		if (p >= end || *p != '/' || (size_t)(end - p - 1) < nlen)
			continue;
		for (i = 0; i < nlen && lower((unsigned char)p[1 + i]) == lower((unsigned char)name[i]); i++)
			;
		if (i == nlen && (p + 1 + nlen == end || space((unsigned char)p[1 + nlen]) ||
		    p[1 + nlen] == '/' || p[1 + nlen] == '>'))
			return lt;
	}
	return end;
}

/*
 * A start tag: implied ends, the node, metadata.  Returns where parsing
 * goes on (after the raw text of a script or title, when it is one).
 */
static const char *
start_tag(struct html_doc *d, const char *name, size_t nlen, const struct attr *a, int na,
    int selfclose, const char *p, const char *end)
{
	uint16_t tag = tag_lookup(name, nlen);
	uint16_t props = html_tag_props[tag];
	unsigned flags = element_evidence(d, tag, a, na);
	const char *stop;
	int32_t i;
	int raw = tag == HT_SCRIPT || tag == HT_STYLE || tag == HT_XMP || tag == HT_IFRAME ||
	    tag == HT_NOEMBED || tag == HT_NOFRAMES || tag == HT_NOSCRIPT ||
	    tag == HT_TITLE || tag == HT_TEXTAREA;

	if (d->foreign > 0 && !raw) {
		/* inside svg or math: nothing is text, <x/> closes itself */
		if (!selfclose && !(props & TP_VOID) && d->depth < HTML_MAX_DEPTH &&
		    (i = add_node(d, tag)) >= 0)
			push(d, i);
		if (tag == HT_SVG || tag == HT_MATH)
			d->foreign += !selfclose && d->depth > 0 && top_tag(d) == tag;
		return p;
	}
	if (tag == HT_HTML || tag == HT_BODY || tag == HT_HEAD)
		return p;	/* the root stands for them */
	if (tag == HT_PLAINTEXT) {
		close_p(d);
		add_text(d, p, (size_t)(end - p));
		return end;
	}
	implied_ends(d, tag);
	if (raw) {
		stop = raw_end(p, end, name, nlen);
		if (tag == HT_TITLE && d->foreign == 0)
			set_meta(&d->meta.title, p, (size_t)(stop - p));
		else if (tag == HT_SCRIPT) {
			const struct attr *t = attr_get(a, na, "type");

			if (t != NULL && eq(t->value, t->vlen, "application/ld+json"))
				json_ld_date(d, p, (size_t)(stop - p));
		}
		if (tag != HT_TITLE && (i = add_node(d, tag)) >= 0)
			d->node[i].flags = (uint16_t)flags;
		if (stop < end) {
			const char *gt = memchr(stop, '>', (size_t)(end - stop));

			return gt ? gt + 1 : end;
		}
		return end;
	}
	if ((i = add_node(d, tag)) < 0)
		return p;
	d->node[i].flags = (uint16_t)flags;
	if ((props & TP_VOID) || (selfclose && (tag == HT_SVG || tag == HT_MATH)))
		return p;
	if (d->depth >= HTML_MAX_DEPTH)
		return p;	/* too deep: its content goes to its parent */
	push(d, i);
	if (tag == HT_SVG || tag == HT_MATH)
		d->foreign++;
	return p;
}

void
html_parse(struct html_doc *d, const char *s, size_t len)
{
	const char *p = s, *end = s + len;
	struct attr a[MAX_ATTRS];

	d->stack = xmalloc(HTML_MAX_DEPTH * sizeof *d->stack);
	d->open = xmalloc(HTML_MAX_DEPTH * sizeof *d->open);
	memset(&d->open[0], 0, sizeof d->open[0]);
	memset(d->top_of, 0, sizeof d->top_of);
	d->node = xreserve(d->node, &d->cap, 1, sizeof *d->node);
	memset(&d->node[0], 0, sizeof d->node[0]);
	d->node[0].tag = HT_ROOT;
	d->node[0].parent = d->node[0].first = d->node[0].last = d->node[0].next = -1;
	d->nnode = 1;
	d->stack[0] = 0;
	d->depth = 1;
	d->date_rank = 99;
	while (p < end && !d->truncated) {
		const char *lt = memchr(p, '<', (size_t)(end - p)), *q, *name;
		int na, selfclose;

		if (lt == NULL)
			lt = end;
		add_text(d, p, (size_t)(lt - p));
		if (lt == end)
			break;
		q = lt + 1;
		if (q < end && *q == '!') {
			const char *close;

			if (end - q >= 3 && q[1] == '-' && q[2] == '-') {
				/* a comment: to "-->", or "<!-->" and "<!--->" at once */
				if (end - q >= 4 && q[3] == '>')
					close = q + 3;
				else if (end - q >= 5 && q[3] == '-' && q[4] == '>')
					close = q + 4;
				else if ((close = memmem(q + 3, (size_t)(end - q - 3), "-->", 3)) != NULL)
					close += 2;
			} else {
				close = memchr(q, '>', (size_t)(end - q));
			}
			p = close ? close + 1 : end;
			continue;
		}
		if (q < end && *q == '?') {
			q = memchr(q, '>', (size_t)(end - q));
			p = q ? q + 1 : end;
			continue;
		}
		if (q < end && *q == '/') {
			q++;
			if (q < end && *q == '>') {
				p = q + 1;
				continue;
			}
			if (q >= end || !((*q | 32) >= 'a' && (*q | 32) <= 'z')) {
				q = memchr(q, '>', (size_t)(end - q));	/* a bogus comment */
				p = q ? q + 1 : end;
				continue;
			}
			name = q;
			while (q < end && !space((unsigned char)*q) && *q != '/' && *q != '>')
				q++;
			if ((p = parse_attrs(q, end, a, &na, &selfclose)) == NULL)
				break;
			if (d->foreign > 0) {
				uint16_t tag = tag_lookup(name, (size_t)(q - name));
				size_t at = in_scope(d, tag, 0, 0);

				if (tag == HT_SVG || tag == HT_MATH || tag == HT_OTHER) {
					if (at)
						pop_to(d, at);
					else if (tag == HT_OTHER && d->depth > 1 &&
					    top_tag(d) != HT_SVG && top_tag(d) != HT_MATH)
						pop(d);
				}
				continue;
			}
			end_tag(d, tag_lookup(name, (size_t)(q - name)));
			continue;
		}
		if (q >= end || !((*q | 32) >= 'a' && (*q | 32) <= 'z')) {
			add_text(d, "<", 1);
			p = q;
			continue;
		}
		name = q;
		while (q < end && !space((unsigned char)*q) && *q != '/' && *q != '>')
			q++;
		if ((p = parse_attrs(q, end, a, &na, &selfclose)) == NULL)
			break;	/* the page ends inside a tag: it is dropped */
		p = start_tag(d, name, (size_t)(q - name), a, na, selfclose, p, end);
	}
	free(d->stack);
	free(d->open);
	d->stack = NULL;
	d->open = NULL;
	d->depth = 0;
}

void
html_doc_release(struct html_doc *d)
{
	free(d->node);
	free(d->stack);
	free(d->open);
	buf_release(&d->text);
	buf_release(&d->scratch);
	free(d->meta.title);
	free(d->meta.og_title);
	free(d->meta.canonical);
	free(d->meta.og_url);
	free(d->meta.lang);
	free(d->meta.date);
	free(d->meta.charset);
	memset(d, 0, sizeof *d);
}
