/*
 * strip/internal.h: what the files of lib/strip share, and their unit
 * tests; code outside the engine must not include it (a command includes
 * strip/strip.h only).
 *
 *   rules      the rule files and the matching of rules to lines (rules.c)
 *   layout     the shape of lines and the article's main block (layout.c)
 *   pattern    what literals a regular expression requires (pattern.c)
 *   prefilter  the table of those literals and the one-pass scan of a line
 *              that tells which rules may match it (prefilter.c)
 *   tmpl       counting a document's lines in the site templates (tmpl.c)
 */
#ifndef WINNOW_STRIP_INTERNAL_H
#define WINNOW_STRIP_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "strip/strip.h"

/*
 * rules: winnow-strip's rule files and the matching of rules to lines.
 *
 * A rule file holds one rule a line, "NAME SCOPE LANG PATTERN" (the format
 * is documented at the top of data/strip.rules, which is the built-in set).
 * A struct rules owns every rule added to it, their names and patterns;
 * a struct rule_hit points at a rule of the set and stays valid until
 * rules_free().  Matching is not thread-safe (patterns own match data).
 *
 * Patterns see the "content" of a line: the line without surrounding white
 * space and without a leading list bullet.  Every pattern runs under the
 * match, depth and heap limits of lib/rx, so a user rule that backtracks
 * catastrophically makes rules_match() return RX_LIMIT instead of hanging.
 */

/* Where a rule applies. */
enum rule_scope {
	RULE_LINE,		/* drop a short line the pattern matches in */
	RULE_PREFIX,		/* cut the match at the start, keep the rest */
	RULE_SUFFIX,		/* cut a match that ends the line */
	RULE_BLOCK_START,	/* drop the line and the list under it */
	RULE_TAIL_START		/* drop the line and the rest of the text */
};

/* Languages a rule is for (a set: '*' is both). */
enum {
	RULE_KO = STRIP_KO,	/* 1 << 0 */
	RULE_EN = STRIP_EN,	/* 1 << 1 */
	RULE_ANYLANG = RULE_KO | RULE_EN
};

/* The default length limit of line, block-start and tail-start rules. */
#define RULE_MAX_CHARS 120

struct rule {
	char *name;		/* the reason reported: "copyright" */
	int scope;		/* enum rule_scope */
	unsigned langs;		/* RULE_KO, RULE_EN or both */
	size_t max_chars;	/* whole-line scopes: longer lines never match */
	char *pattern;		/* as written */
	char *where;		/* "FILE:LINE", for messages */
	struct rx *rx;
};

/* The groups rules_match() looks in. */
enum rule_group {
	RULES_WHOLE,		/* line, block-start and tail-start rules */
	RULES_PREFIX,
	RULES_SUFFIX,
	RULES_NGROUPS
};

struct rule_hit {
	const struct rule *rule;	/* the rule that matched (or hit a limit) */
	size_t start, end;		/* the byte span of the match */
};

struct rules;

struct rules *rules_new(void);

/*
 * rules_parse(rs, text, len, file): add the rules in 'text', a rule file
 * named 'file' for messages.  Returns the number of rules added, or -1 after
 * one message such as "my.rules:12: unknown scope 'lines'" (no rule of the
 * file is added then).
 */
int rules_parse(struct rules *rs, const char *text, size_t len,
    const char *file);

/*
 * rules_load(rs, path): rules_parse() of the file at 'path'.  Returns the
 * number of rules added, or -1 after a message (unreadable file, or the
 * first bad line).
 */
int rules_load(struct rules *rs, const char *path);

/* rules_count(rs), rules_get(rs, i): the rules, in the order added. */
size_t rules_count(const struct rules *rs);
const struct rule *rules_get(const struct rules *rs, size_t i);

/*
 * rules_scan(rs, s, len): look at a line once before matching rules to it
 * (or to a part of it): it finds the literals the rules need, so that
 * rules_match() runs only the rules that can match.
 */
void rules_scan(struct rules *rs, const char *s, size_t len);

/*
 * rules_match(rs, group, lang, s, len, nchars, hit): the first rule of
 * 'group' for language 'lang' (RULE_KO or RULE_EN) that matches the line
 * content 's' ('len' bytes, 'nchars' code points), in file order.  Prefix
 * rules match at the start only, suffix rules only where the match ends
 * the content, whole-line rules only when 'nchars' is within their limit.
 * Returns 1 with 'hit' set, 0 for no match, or RX_LIMIT / RX_ERROR with
 * hit->rule naming the rule that failed.  's' must be the text of the last
 * rules_scan(), or a part of it.
 */
int rules_match(struct rules *rs, enum rule_group group, unsigned lang,
    const char *s, size_t len, size_t nchars, struct rule_hit *hit);

/* rules_scope_name(scope): "line", "prefix", ... */
const char *rules_scope_name(int scope);

void rules_free(struct rules *rs);

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

/*
 * pattern: what literals a regular expression requires, read from its
 * text: an AND of OR-sets of literals, such that no text lacking a literal
 * of every set can match.  The requirement of `(?:무단\s*전재|재배포).*금지$`
 * is ("무단"|"재배포") & ("금지").
 *
 * The analysis is conservative: a construct it does not follow (back
 * references, \Q...\E, (?x), verbs, caseless non-ASCII) yields "no
 * requirement".  Literals are ASCII lowercased, to be matched caselessly.
 */
#define PATTERN_SETS_MAX 3	/* OR-sets kept per pattern (the best ones) */
#define PATTERN_ALTS_MAX 48	/* literals in one OR-set; more is no filter */

/* An OR-set of literals: plain byte strings. */
struct litset {
	struct buf *v;
	size_t n, cap;
};

/* An AND of OR-sets. */
struct litreq {
	struct litset set[PATTERN_SETS_MAX];
	size_t n;
};

/*
 * pattern_requires(pat, len, req): fill 'req' (empty on entry) with what
 * pattern 'pat' requires: its PATTERN_SETS_MAX most selective sets.
 * Returns 0, or -1 when the analysis gave up ('req' then empty: no
 * requirement).  The caller releases 'req' with litreq_release().
 */
int pattern_requires(const char *pat, size_t len, struct litreq *req);

void litreq_release(struct litreq *r);

/*
 * prefilter: which of many patterns could match a text, by the literals
 * they need, found in one pass.
 *
 * A PCRE2 search costs a few nanoseconds per character and pattern, so
 * running a hundred rules over every line is slow, though nearly every line
 * matches none.  Most patterns need some literal text to match: the rule
 * `(?:무단\s*전재|재배포)[^.]{0,60}금지$` cannot match a line without "무단"
 * or "재배포", nor without "금지".  prefilter_add() keeps what a pattern
 * requires (pattern_requires()); prefilter_scan() looks for all the
 * literals of all patterns in one pass over a line; then
 * prefilter_may_match() says, per pattern, whether it is worth running.
 * A pattern with no requirement always runs.  Literals are matched ASCII
 * caseless, so a caseless (?i) pattern is covered too; a false hit only
 * costs a regex run.  Not thread-safe: the scan state lives in the object.
 */

struct prefilter;

struct prefilter *prefilter_new(void);

/*
 * prefilter_add(pf, pat, len): analyse pattern 'pat' and return its id
 * (0, 1, 2... in the order added).  Never fails: a pattern it cannot read
 * simply has no requirement.
 */
int prefilter_add(struct prefilter *pf, const char *pat, size_t len);

/* prefilter_literals(pf, id): how many literals pattern 'id' was given. */
size_t prefilter_literals(const struct prefilter *pf, int id);

/*
 * prefilter_describe(pf, id, out): append what pattern 'id' needs, as
 * ("a"|"b") & ("c"), or "*" for nothing; for tests and debugging.
 */
void prefilter_describe(const struct prefilter *pf, int id, struct buf *out);

/*
 * prefilter_scan(pf, s, len): find which literals occur in 's' (ASCII
 * caseless).  The result is kept until the next scan.
 */
void prefilter_scan(struct prefilter *pf, const char *s, size_t len);

/*
 * prefilter_may_match(pf, id): after a scan, 0 when pattern 'id' certainly
 * cannot match the scanned text, 1 when it may.
 */
int prefilter_may_match(const struct prefilter *pf, int id);

/*
 * prefilter_ready(pf, &ids): after a scan, the ids of the patterns that
 * may match, ascending; points into 'pf', valid until the next scan.
 */
size_t prefilter_ready(struct prefilter *pf, const int **ids);

void prefilter_free(struct prefilter *pf);

/*
 * tmpl, continued (the public half is in strip.h): for every short line a
 * document holds, tmpl_seen() counts the documents that held it (once per
 * document), keyed by the line's normalized form (para_key: NFKC,
 * case-folded, without punctuation; then digits as 0) hashed under a
 * secret seed, so crafted input cannot aim lines at one slot.  The counts
 * live in a hash table of 16 bytes a line; when it reaches its limit the
 * lines seen in the fewest documents are forgotten first.
 *
 * State payload (kind version 1, little-endian): u64 count of entries, then
 * per entry u64 key and u32 documents.
 */
#define TMPL_VERSION 1
#define TMPL_MAX_CHARS 300	/* longer lines are body text, not counted */

/* tmpl_doc(t): the lines counted from now on belong to a new document. */
void tmpl_doc(struct tmpl *t);

/*
 * tmpl_seen(t, s, len): count line 's' (valid UTF-8, trimmed) for the
 * current document, unless it was already counted for it, and return how
 * many documents held it, this one included.
 */
uint32_t tmpl_seen(struct tmpl *t, const char *s, size_t len);

/* strip_rules(st): the rule set of 'st', e.g. to add rules given as text. */
struct rules *strip_rules(struct strip *st);

#endif
