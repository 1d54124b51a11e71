/*
 * extract: a parsed page to the text a reader sees, one line per block,
 * with the page's furniture left out on the DOM's evidence: navigation,
 * forms and asides by their tags and ARIA roles, menus, share bars,
 * comments and ads by the words of their class and id, lists of links by
 * their link density; the article's own containers (article, main,
 * articleBody and the usual body containers of news sites) shield what
 * holds them.  Line-level judgement is winnow-strip's.
 */
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "core/util.h"
#include "read/internal.h"

/* ---- class and id words ---- */

/*
 * Words of page furniture.  Matched as whole words of a class or id value
 * cut at every non-letter and at lower-to-upper case changes ("shareBar"
 * is "share bar"), so "ad" is not found in "header" nor "nav" in "canvas".
 * Text only screen readers get ("blind", "sr-only") is furniture too.
 */
static const char *const against_words[] = {
	"ad", "ads", "adsense", "adv", "advert", "advertisement", "aside", "banner",
	"blind", "bottom", "breadcrumb", "breadcrumbs", "btn", "button", "byline",
	"caption", "comment", "comments", "consent", "cookie", "cookies", "copy",
	"copyright", "disqus", "dropdown", "facebook", "family", "figure", "fnb",
	"font", "foot", "footer", "gdpr", "gnb", "hashtag", "header", "hot", "img",
	"issue", "keyword", "keywords", "lang", "latest", "like", "lnb", "login",
	"masthead", "menu", "modal", "more", "most", "nav", "navbar", "navi",
	"navigation", "newsletter", "offscreen", "option", "outbrain", "pager",
	"pagination", "paging", "photo", "popular", "popup", "print", "promo",
	"rank", "ranking", "recommend", "recommended", "relate", "related",
	"replies", "reply", "reporter", "rss", "search", "share", "sharing",
	"sidebar", "sitemap", "skip", "snb", "sns", "social", "sponsor",
	"sponsored", "sr", "subscribe", "subscription", "taboola", "tag", "tags",
	"thumb", "thumbnail", "tnb", "toolbar", "tools", "top", "trending",
	"twitter", "util", "utility", "visuallyhidden", "widget", "writer",
};

/* Readers' comments: furniture even when they hold most of a page's text. */
static const char *const comment_words[] = {
	"comment", "comments", "disqus", "reply", "replies",
};

/* Words of an article's body: a subject and a part ("article body", "news text"). */
static const char *const subject_words[] = {
	"art", "article", "articles", "entry", "gisa", "news", "post", "story",
};
static const char *const part_words[] = {
	"body", "cnt", "con", "cont", "content", "contents", "detail", "main",
	"text", "txt", "view",
};
/* Words that count for a body on their own, weaker than the pair. */
static const char *const for_words[] = {
	"article", "articlebody", "content", "entry", "main", "post", "story",
};
/* Korean words of furniture, found anywhere in a class or id. */
static const char *const against_ko[] = {
	"\xeb\x8c\x93\xea\xb8\x80",			/* 댓글 */
	"\xea\xb8\xb0\xec\x82\xac\xec\xa0\x9c\xeb\xb3\xb4",	/* 기사제보 */
	"\xea\xb4\x80\xeb\xa0\xa8",			/* 관련 */
	"\xea\xb3\xb5\xec\x9c\xa0",			/* 공유 */
	"\xea\xb4\x91\xea\xb3\xa0",			/* 광고 */
	"\xeb\xa9\x94\xeb\x89\xb4",			/* 메뉴 */
};
static const char *const for_ko[] = {
	"\xeb\xb3\xb8\xeb\xac\xb8",			/* 본문 */
};

static int
word_in(const char *w, size_t len, const char *const *list, size_t n)
{
	size_t i;

	/* no strlen: a page has thousands of class words, the lists a hundred */
	for (i = 0; i < n; i++)
		if (list[i][0] == w[0] && strncmp(list[i], w, len) == 0 && list[i][len] == '\0')
			return 1;
	return 0;
}

#define NWORDS(a) (sizeof a / sizeof a[0])

unsigned
html_class_words(const char *s, size_t len)
{
	char w[32];
	size_t i = 0, k;
	int against = 0, weak_for = 0, subject = 0, part = 0, comments = 0;

	while (i < len) {
		size_t n = 0;
		int c;

		while (i < len && !((s[i] | 32) >= 'a' && (s[i] | 32) <= 'z'))
			i++;
		/* a word: letters, ending where a lower-case letter meets an upper-case one */
		while (i < len && ((c = (unsigned char)s[i]) | 32) >= 'a' && (c | 32) <= 'z') {
			if (n > 0 && c >= 'A' && c <= 'Z' && w[n - 1] >= 'a' && w[n - 1] <= 'z' &&
			    n < sizeof w)
				break;
			if (n < sizeof w)
				w[n++] = (char)(c | 32);
			i++;
		}
		if (n == 0 || n == sizeof w)
			continue;
		if (word_in(w, n, against_words, NWORDS(against_words)))
			against = 1;
		if (word_in(w, n, comment_words, NWORDS(comment_words)))
			comments = 1;
		if (word_in(w, n, subject_words, NWORDS(subject_words)))
			subject = 1;
		if (word_in(w, n, part_words, NWORDS(part_words)))
			part = 1;
		if (word_in(w, n, for_words, NWORDS(for_words)))
			weak_for = 1;
	}
	for (k = 0; k < NWORDS(against_ko); k++)
		if (memmem(s, len, against_ko[k], strlen(against_ko[k])) != NULL)
			against = 1;
	if (memmem(s, len, against_ko[0], strlen(against_ko[0])) != NULL)
		comments = 1;
	if (comments)
		return NF_AGAINST | NF_COMMENTS;
	for (k = 0; k < NWORDS(for_ko); k++)
		if (memmem(s, len, for_ko[k], strlen(for_ko[k])) != NULL)
			subject = part = 1;
	if (subject && part)
		return NF_BODY | NF_FOR;
	if (weak_for)
		return NF_FOR | (against ? NF_AGAINST : 0);
	return against ? NF_AGAINST : 0;
}

/* ---- the charset ---- */

static const struct {
	const char *label, *name;
} charsets[] = {
	{ "utf-8", "utf-8" }, { "utf8", "utf-8" }, { "unicode-1-1-utf-8", "utf-8" },
	{ "euc-kr", "cp949" }, { "euckr", "cp949" }, { "cp949", "cp949" },
	{ "uhc", "cp949" }, { "windows-949", "cp949" }, { "x-windows-949", "cp949" },
	{ "ks_c_5601-1987", "cp949" }, { "ks_c_5601", "cp949" }, { "ksc5601", "cp949" },
	{ "korean", "cp949" }, { "csksc56011987", "cp949" }, { "iso-ir-149", "cp949" },
	{ "iso-8859-1", "windows-1252" }, { "latin1", "windows-1252" },
	{ "us-ascii", "windows-1252" }, { "ascii", "windows-1252" },
	{ "windows-1252", "windows-1252" }, { "cp1252", "windows-1252" },
	{ "shift_jis", "cp932" }, { "sjis", "cp932" }, { "windows-31j", "cp932" },
	{ "euc-jp", "euc-jp" }, { "gb2312", "gbk" }, { "gbk", "gbk" },
	{ "gb18030", "gb18030" }, { "big5", "big5" }, { "koi8-r", "koi8-r" },
	{ "koi8-u", "koi8-u" }, { "windows-1250", "windows-1250" },
	{ "windows-1251", "windows-1251" }, { "windows-1253", "windows-1253" },
	{ "windows-1254", "windows-1254" }, { "windows-1255", "windows-1255" },
	{ "windows-1256", "windows-1256" }, { "windows-1257", "windows-1257" },
	{ "windows-1258", "windows-1258" }, { "iso-8859-2", "iso-8859-2" },
	{ "iso-8859-5", "iso-8859-5" }, { "iso-8859-7", "iso-8859-7" },
	{ "iso-8859-9", "iso-8859-9" }, { "iso-8859-15", "iso-8859-15" },
	{ "utf-16", "utf-16" }, { "utf-16le", "utf-16le" }, { "utf-16be", "utf-16be" },
};

const char *
html_charset_label(const char *s, size_t len)
{
	size_t i, j;

	while (len > 0 && (*s == ' ' || *s == '"' || *s == '\''))
		s++, len--;
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '"' || s[len - 1] == '\''))
		len--;
	for (i = 0; i < NWORDS(charsets); i++) {
		const char *l = charsets[i].label;

		if (strlen(l) != len)
			continue;
		for (j = 0; j < len && ((s[j] >= 'A' && s[j] <= 'Z') ? s[j] + 32 : s[j]) == l[j]; j++)
			;
		if (j == len)
			return charsets[i].name;
	}
	return NULL;
}

/* The label after "charset=" in the first bytes of a page, as browsers prescan. */
static const char *
prescan_charset(const char *s, size_t len)
{
	static const char key[] = "charset";
	const char *end = s + (len < 4096 ? len : 4096), *p = s;

	while (p < end) {
		const char *q, *v;
		size_t i;

		for (i = 0; i < sizeof key - 1 && p + i < end &&
		    ((p[i] >= 'A' && p[i] <= 'Z') ? p[i] + 32 : p[i]) == key[i]; i++)
			;
		if (i < sizeof key - 1) {
			p++;
			continue;
		}
		q = p + i;
		p++;
		while (q < end && (*q == ' ' || *q == '\t'))
			q++;
		if (q >= end || *q != '=')
			continue;
		for (q++; q < end && (*q == ' ' || *q == '"' || *q == '\''); q++)
			;
		v = q;
		while (q < end && (((*q | 32) >= 'a' && (*q | 32) <= 'z') ||
		    (*q >= '0' && *q <= '9') || *q == '-' || *q == '_' || *q == ':' || *q == '.'))
			q++;
		if (q > v)
			return html_charset_label(v, (size_t)(q - v));
	}
	return NULL;
}

static int
has_non_ascii(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0x80)
			return 1;
	return 0;
}

/*
 * The encoding to decode a page with: the HTTP header's, a BOM's, the
 * page's own <meta>, else "auto" (the text decoder's sniffing).  A page
 * that says it is in a legacy encoding but is valid UTF-8 with non-ASCII
 * in it was saved again as UTF-8 (a page in EUC-KR is never valid UTF-8
 * by chance); one that says UTF-8 and is not is sniffed.
 */
static const char *
page_encoding(const char *s, size_t len, const char *http)
{
	const char *enc = http ? html_charset_label(http, strlen(http)) : NULL;
	int utf8_ok;

	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		return "utf-8";
	if (len >= 2 && (memcmp(s, "\xff\xfe", 2) == 0 || memcmp(s, "\xfe\xff", 2) == 0))
		return "auto";
	if (enc == NULL)
		enc = prescan_charset(s, len);
	if (enc == NULL || strncmp(enc, "utf-16", 6) == 0)
		return "auto";
	utf8_ok = utf8_check(s, len) == len;
	if (strcmp(enc, "utf-8") == 0)
		return utf8_ok ? "utf-8" : "auto";
	if (utf8_ok && has_non_ascii(s, len))
		return "utf-8";
	return enc;
}

/* ---- the evidence, over the tree ---- */

struct extract {
	const struct html_doc *d;
	uint32_t *tlen, *llen;	/* per node: visible bytes of text, of link text */
	unsigned char *drop;
	int keep_all;
};

static int
blank_byte(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Text sizes and the holds-a-body/holds-an-h1 flags, children to parents. */
static void
measure(struct extract *x, struct hnode *node, size_t n)
{
	size_t i;

	for (i = n; i-- > 1;) {
		struct hnode *e = &node[i];
		int32_t p = e->parent;

		if (e->tag == HT_TEXT) {
			const char *t = x->d->text.data + e->off;
			uint32_t k, c = 0;

			for (k = 0; k < e->len; k++)
				c += !blank_byte((unsigned char)t[k]);
			x->tlen[i] = c;
		} else if (html_tag_props[e->tag] & TP_SKIP) {
			x->tlen[i] = x->llen[i] = 0;
		}
		if (e->flags & NF_LINK)
			x->llen[i] = x->tlen[i];
		if (p < 0)
			continue;
		x->tlen[p] += x->tlen[i];
		x->llen[p] += x->llen[i];
		if (e->flags & (NF_BODY | NF_HAS_BODY))
			node[p].flags |= NF_HAS_BODY;
		if (e->tag == HT_H1 || (e->flags & NF_HAS_H1))
			node[p].flags |= NF_HAS_H1;
	}
}

/* Whether element i and what it holds are left out. */
static int
dropped(const struct extract *x, int32_t i)
{
	const struct hnode *e = &x->d->node[i];
	uint16_t props = html_tag_props[e->tag];
	uint32_t page = x->tlen[0];
	int shielded;

	if (props & TP_SKIP)
		return 1;
	if (x->keep_all)
		return 0;
	if (e->flags & NF_HIDDEN)
		return 1;
	/*
	 * What holds the article, or most of the page's text, is not
	 * furniture (a page wrapped whole in a <form>), unless it is the
	 * readers' comments.
	 */
	if (e->flags & NF_COMMENTS)
		return 1;
	shielded = (e->flags & (NF_BODY | NF_HAS_BODY)) || x->tlen[i] * 2 > page;
	if (shielded)
		return 0;
	if (props & TP_BOILER)
		return !(e->tag == HT_HEADER && (e->flags & NF_HAS_H1));
	if ((e->flags & NF_AGAINST) && !(e->flags & NF_FOR))
		return 1;
	/* a block that is mostly link text: a menu, a list of other stories */
	if ((props & TP_BLOCK) && e->tag != HT_H1 && x->tlen[i] > 0 &&
	    x->llen[i] * 2 > x->tlen[i])
		return 1;
	return 0;
}

/*
 * The article's own containers: the strong body elements (article, main,
 * articleBody, "article body"...) not inside another, each holding at least
 * a quarter of the non-link text the richest one holds.  When there are
 * any, and they hold a fair share of the page's non-link text, everything
 * outside them is left out but the h1 headline(s): the page around an
 * article is its furniture.  Returns how many were marked in 'keep'.
 */
static size_t
focus(struct extract *x, unsigned char *keep)
{
	const struct hnode *node = x->d->node;
	size_t n = x->d->nnode, i, found = 0;
	uint32_t best = 0, page = x->tlen[0] - x->llen[0];

	for (i = 1; i < n; i++)
		if ((node[i].flags & NF_BODY) && x->tlen[i] - x->llen[i] > best)
			best = x->tlen[i] - x->llen[i];
	if (best == 0 || best * 4 < page)
		return 0;
	for (i = 1; i < n; i++) {
		int32_t p;

		if (!(node[i].flags & NF_BODY) || (x->tlen[i] - x->llen[i]) * 4 < best)
			continue;
		for (p = node[i].parent; p > 0 && !keep[p]; p = node[p].parent)
			;
		if (p > 0)
			continue;	/* inside one already kept */
		keep[i] = 1;
		found++;
	}
	return found;
}

/*
 * Leave out what is outside the article's containers, when focus() found
 * them: every node is dropped but those containers, their ancestors (as
 * paths, without their own text) and the h1 headlines.
 */
static void
narrow(struct extract *x)
{
	const struct hnode *node = x->d->node;
	size_t n = x->d->nnode, i;
	unsigned char *keep = xcalloc(n, 1);

	if (focus(x, keep) > 0) {
		/* 1: inside a container; 2: on the way to one */
		for (i = 1; i < n; i++) {
			int32_t p = node[i].parent;

			if (keep[i] == 1)
				continue;
			if (p > 0 && keep[p] == 1)
				keep[i] = 1;
			else if (node[i].tag == HT_H1)
				keep[i] = 1;
		}
		for (i = n; i-- > 1;)
			if (keep[i] && node[i].parent > 0 && !keep[node[i].parent])
				keep[node[i].parent] = 2;
		for (i = 1; i < n; i++)
			if (!keep[i])
				x->drop[i] = 1;
	}
	free(keep);
}

/* ---- the text ---- */

struct render {
	struct buf *out;
	struct buf line;
	int space;	/* white space is pending before the next word */
	int pre;	/* inside <pre> */
};

static void
end_line(struct render *r)
{
	size_t n = r->line.len;

	while (n > 0 && r->line.data[n - 1] == ' ')
		n--;
	if (n > 0) {
		if (r->out->len > 0)
			buf_addc(r->out, '\n');
		buf_add(r->out, r->line.data, n);
	}
	buf_reset(&r->line);
	r->space = 0;
}

/* Text as a reader sees it: runs of white space are one space; in <pre>, as it is. */
static void
put_text(struct render *r, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (r->pre) {
			if (c == '\n')
				end_line(r);
			else if (c != '\r')
				buf_addc(&r->line, (char)c);
			continue;
		}
		if (blank_byte(c)) {
			r->space = 1;
			continue;
		}
		if (r->space && r->line.len > 0)
			buf_addc(&r->line, ' ');
		r->space = 0;
		buf_addc(&r->line, (char)c);
	}
}

static void
render(const struct extract *x, struct buf *out)
{
	const struct hnode *node = x->d->node;
	struct render r = { out, BUF_INIT, 0, 0 };
	int32_t i = node[0].first;

	while (i >= 0) {
		const struct hnode *e = &node[i];
		uint16_t props = html_tag_props[e->tag];
		int enter = 0;

		if (e->tag == HT_TEXT) {
			if (!x->drop[i])
				put_text(&r, x->d->text.data + e->off, e->len);
		} else if (e->tag == HT_BR) {
			if (!x->drop[i])
				end_line(&r);
		} else if (!x->drop[i]) {
			if (props & TP_BLOCK)
				end_line(&r);
			else if ((e->tag == HT_TD || e->tag == HT_TH) && r.line.len > 0)
				r.space = 1;
			if (e->tag == HT_PRE)
				r.pre++;
			enter = e->first >= 0;
		}
		if (enter) {
			i = e->first;
			continue;
		}
		/* leave this node, and every parent whose last child it was */
		for (;;) {
			e = &node[i];
			if (e->tag != HT_TEXT && !x->drop[i]) {
				if (html_tag_props[e->tag] & TP_BLOCK)
					end_line(&r);
				if (e->tag == HT_PRE)
					r.pre--;
			}
			if (e->next >= 0) {
				i = e->next;
				break;
			}
			i = e->parent;
			if (i <= 0) {
				i = -1;
				break;
			}
		}
	}
	end_line(&r);
	buf_release(&r.line);
}

/* ---- a page ---- */

static char *
take(char **slot)
{
	char *s = *slot;

	*slot = NULL;
	return s;
}

int
read_html(struct read_page *pg, const char *s, size_t len, const char *charset,
    int keep_all)
{
	struct html_doc d;
	struct extract x;
	struct textdec *dec;
	struct buf utf8 = BUF_INIT;
	const char *enc = page_encoding(s, len, charset);
	size_t i;

	read_page_release(pg);
	if ((dec = textdec_new(enc)) == NULL)
		dec = textdec_new("auto");
	textdec_feed(dec, s, len, 1, &utf8);
	pg->encoding = xstrdup(textdec_name(dec));
	pg->replaced = textdec_replaced(dec);
	textdec_free(dec);

	memset(&d, 0, sizeof d);
	html_parse(&d, utf8.data ? utf8.data : "", utf8.len);
	buf_release(&utf8);
	pg->truncated = d.truncated;

	x.d = &d;
	x.keep_all = keep_all;
	x.tlen = xcalloc(d.nnode, sizeof *x.tlen);
	x.llen = xcalloc(d.nnode, sizeof *x.llen);
	x.drop = xcalloc(d.nnode, 1);
	measure(&x, d.node, d.nnode);
	for (i = 1; i < d.nnode; i++)
		if (d.node[i].tag != HT_TEXT)
			x.drop[i] = (unsigned char)dropped(&x, (int32_t)i);
	if (!keep_all)
		narrow(&x);
	render(&x, &pg->text);
	free(x.tlen);
	free(x.llen);
	free(x.drop);

	pg->title = take(d.meta.og_title ? &d.meta.og_title : &d.meta.title);
	pg->url = take(d.meta.canonical ? &d.meta.canonical : &d.meta.og_url);
	pg->lang = take(&d.meta.lang);
	pg->date = take(&d.meta.date);
	html_doc_release(&d);
	return 0;
}

void
read_page_release(struct read_page *pg)
{
	free(pg->url);
	free(pg->title);
	free(pg->lang);
	free(pg->date);
	free(pg->encoding);
	buf_release(&pg->text);
	memset(pg, 0, sizeof *pg);
}
