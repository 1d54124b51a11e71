/*
 * layout: tell article text from page furniture by the shape of lines.
 *
 * After jusText (Pomikálek 2011), adapted to plain text where a line is a
 * block.  Each line gets a context-free class from its own features
 * (length, sentence-final punctuation, stop-word or particle density, junk
 * such as long tokens and symbols), then its neighbours revise it: short
 * lines take the class of the body around them, a heading is kept when
 * body follows, and prose far from the article's main block (comments,
 * teasers, footers) is dropped.
 *
 * The caller owns the array of struct layout_line and fills it with
 * layout_measure() (or sets LAYOUT_BLANK / LAYOUT_RULE itself); a struct
 * layout only holds scratch space reused from one document to the next.
 */
#ifndef WINNOW_LAYOUT_H
#define WINNOW_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

enum layout_class {
	LAYOUT_BLANK,		/* nothing on the line */
	LAYOUT_RULE,		/* removed by a rule: transparent to context */
	LAYOUT_BAD,		/* boilerplate */
	LAYOUT_SHORT,		/* too short to tell alone */
	LAYOUT_NEAR,		/* prose-like, not sure */
	LAYOUT_GOOD		/* body text */
};

/* Why a line ends up removed by layout (struct layout_line.why). */
enum layout_why {
	LAYOUT_KEPT,
	LAYOUT_WHY_JUNK,	/* mostly symbols, or one huge token */
	LAYOUT_WHY_SHAPE,	/* not prose: no sentence, few function words */
	LAYOUT_WHY_CONTEXT,	/* a short line among boilerplate */
	LAYOUT_WHY_OUTSIDE	/* prose away from the article's main block */
};

/* struct layout_line.flags */
enum {
	LAYOUT_END = 1 << 0,	/* ends like a sentence: "다.", "." "?" "!" */
	LAYOUT_JUNK = 1 << 1,
	LAYOUT_SPACED = 1 << 2,	/* has spaces between words (not CJK-run) */
	LAYOUT_BULLET = 1 << 3,	/* a list item (set by the caller) */
	LAYOUT_MENU = 1 << 4	/* words in a row like a menu, or pipes */
};

struct layout_line {
	uint32_t nchars;	/* code points of the content */
	uint32_t nwords;	/* white-space separated words */
	uint32_t nstop;		/* English stop words / Korean particle words */
	unsigned flags;
	unsigned char cls;	/* context-free class, enum layout_class */
	unsigned char final;	/* after layout_revise() */
	unsigned char why;	/* enum layout_why, for a removed line */
};

/* Languages, as the classifier treats them. */
enum {
	LAYOUT_KO = 1,
	LAYOUT_EN = 2		/* English and other languages with spaces */
};

/*
 * layout_measure(l, s, len, lang): fill the features of 'l' from the line
 * content 's' (valid UTF-8, trimmed).  Leaves the classes alone.
 */
void layout_measure(struct layout_line *l, const char *s, size_t len,
    int lang);

/*
 * layout_stopwords_apply(v, n): whether English stop words tell prose here:
 * they do when the document's long lines hold enough of them (a German or
 * Indonesian page read as "en" has almost none, and is then judged by
 * punctuation and length alone).
 */
int layout_stopwords_apply(const struct layout_line *v, size_t n);

/*
 * layout_classify(l, lang, stopwords): set l->cls from the features alone
 * (and l->why for a bad line).
 */
void layout_classify(struct layout_line *l, int lang, int stopwords);

struct layout;

struct layout *layout_new(void);

/*
 * layout_revise(ly, v, n, lang): decide every line of a document from the
 * classes in v[].cls: sets v[i].final to LAYOUT_GOOD (keep), LAYOUT_BLANK
 * (keep, blank), LAYOUT_RULE (removed by a rule) or LAYOUT_BAD with
 * v[i].why set.  Time is linear in 'n'.
 */
void layout_revise(struct layout *ly, struct layout_line *v, size_t n,
    int lang);

/* layout_why_name(why): "junk", "layout", "context", "outside". */
const char *layout_why_name(int why);

void layout_free(struct layout *ly);

#endif
