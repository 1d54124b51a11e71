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
	unsigned char place;	/* LAYOUT_IN_BLOCK, LAYOUT_HEADING: after revise */
};

/* struct layout_line.place: where layout_revise() found the line. */
enum {
	LAYOUT_IN_BLOCK = 1 << 0,	/* in the article's main block */
	LAYOUT_HEADING = 1 << 1		/* one of the short lines right above it */
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

/*
 * What strip_text knows of one line (strip.c), and what the features of
 * the line model read.
 */
struct strip_line {
	size_t start, end;	/* the raw line in the input */
	size_t cstart, cend;	/* its content: trimmed, bullet and cuts gone */
	size_t bstart;		/* content before any cut (after the bullet) */
	const struct rule *rule;	/* removed the whole line, or NULL */
	const char *reason;		/* why the line went, once decided */
	const struct rule *pcut;	/* cut a prefix: [bstart, pcut_end) */
	size_t pcut_end;
	const struct rule *scut;	/* cut a suffix: [scut_start, send) */
	size_t scut_start, send;
	int cut;			/* the content changed */
	short why[STRIP_WHY];		/* the model cut it: model_explain() */
	unsigned char nwhy;
};

/*
 * feat: what the line model knows of a line (linefeat.c): its own shape, what
 * the rules and layout made of it and of its neighbours, where it stands
 * against the article's main block, whether it recurs in the page, and how
 * much of its wording the page's prose shares.  Every feature is a number
 * from 0 to 1, named for --explain and in the model file.  FEAT_BIAS is 1
 * on every line; FEAT_KOREAN says the page is read as Korean.
 */
#define FEAT_LIST(X) \
	X(BIAS, "bias") \
	X(KOREAN, "korean") \
	X(LENGTH, "length") \
	X(UNDER8, "under-8-chars") \
	X(UNDER20, "under-20-chars") \
	X(UNDER40, "under-40-chars") \
	X(UNDER80, "under-80-chars") \
	X(WORDS1, "one-word") \
	X(WORDS2, "two-words") \
	X(WORDS4, "under-5-words") \
	X(END, "sentence-end") \
	X(END_VERB, "verb-end") \
	X(ELLIPSIS, "ellipsis-end") \
	X(COLON, "colon-end") \
	X(STOP, "function-words") \
	X(JUNK, "junk") \
	X(MENU, "menu-shape") \
	X(BULLET, "list-item") \
	X(DIGITS, "digits") \
	X(LATIN, "latin-letters") \
	X(SYMBOLS, "symbols") \
	X(URL, "url") \
	X(EMAIL, "e-mail") \
	X(BRACKET, "bracket-start") \
	X(BRACKETED, "bracketed") \
	X(QUOTE, "quotes") \
	X(DATE, "date-shape") \
	X(TAG, "markup-tag") \
	X(REPORTER, "reporter-word") \
	X(CREDIT, "credit-word") \
	X(PREFIX_CUT, "byline-cut") \
	X(SUFFIX_CUT, "credit-cut") \
	X(PROSE, "prose") \
	X(NEAR_PROSE, "near-prose") \
	X(SHORT, "short-line") \
	X(NOT_PROSE, "not-prose") \
	X(LAYOUT_KEEPS, "layout-keeps") \
	X(CONTEXT, "among-boilerplate") \
	X(OUTSIDE, "outside-main-block") \
	X(IN_BLOCK, "in-main-block") \
	X(HEADING, "heads-main-block") \
	X(POSITION, "position") \
	X(BEFORE_BLOCK, "before-main-block") \
	X(AFTER_BLOCK, "after-main-block") \
	X(BLOCK_DIST, "far-from-block") \
	X(PROSE_ABOVE, "prose-above") \
	X(PROSE_BELOW, "prose-below") \
	X(AFTER_PROSE, "after-prose") \
	X(BEFORE_PROSE, "before-prose") \
	X(AFTER_RULE, "after-removed") \
	X(BEFORE_RULE, "before-removed") \
	X(RULES_NEAR, "removed-nearby") \
	X(UNDER_HEADING, "under-list-heading") \
	X(AFTER_SHORT, "after-short") \
	X(BEFORE_SHORT, "before-short") \
	X(AFTER_ITEM, "after-list-item") \
	X(BEFORE_ITEM, "before-list-item") \
	X(REPEATS_NEXT, "repeats-neighbour") \
	X(RECURS, "recurs-in-page") \
	X(RECURS_FAR, "recurs-far") \
	X(OVERLAP, "shares-prose-words") \
	X(PAGE_PROSE, "page-is-prose") \
	X(PAGE_LINES, "page-length")

enum feat_id {
#define FEAT_ENUM_(id, name) FEAT_##id,
	FEAT_LIST(FEAT_ENUM_)
#undef FEAT_ENUM_
	FEAT_N
};

/* feat_name[id]: the feature's name, "sentence-end". */
extern const char *const feat_name[FEAT_N];

struct feat;

struct feat *feat_new(void);

/*
 * feat_doc(f, s, v, ll, n, lang): the features of the n lines of document
 * 's', split by strip.c into v[] and judged by layout in ll[] (after
 * layout_revise()), read as 'lang' (LAYOUT_KO or LAYOUT_EN).  Returns n
 * rows of FEAT_N numbers, row i for line i; the rows of blank lines and of
 * lines a rule removed are left zero.  Valid until the next call.
 */
const float *feat_doc(struct feat *f, const char *s,
    const struct strip_line *v, const struct layout_line *ll, size_t n,
    int lang);

void feat_free(struct feat *f);

/*
 * model: the line model (linemodel.c), for each language two ensembles of
 * small regression trees, boosted (gradient boosting on the log loss, as
 * in XGBoost), one stacked on the other (after Cohen and Carvalho's
 * stacked sequential learning, 2005).  The first stage gives each line
 * p1(boilerplate) from its features; the second sees the features again
 * and, beside them, what the first said of the line and of its neighbours
 * (article lines come in runs): its p is compared with the threshold.
 * The model file is text, each line but the first two for a language:
 *
 *	winnow-strip-model 3
 *	depth 3
 *	ko threshold 0.93
 *	ko base 1 1.52
 *	ko base 2 1.61
 *	ko mean length 0.49
 *	ko tree 1 length<0.5:-0.02 sentence-end<0.5:0.01 - : 0.1 -0.03 ...
 *	en threshold 0.61
 *	...
 *
 * A tree lists its 2^depth - 1 splits in breadth-first order, each
 * FEATURE<THRESHOLD:VALUE (a line whose feature is below the threshold
 * goes left; VALUE is the node's own estimate, for --explain) or '-' for
 * a node that does not split (its lines all go left), then ':' and its
 * 2^depth leaf values.  p = 1 / (1 + exp(-(base + the leaves reached))).
 * "LANG stages 1" leaves the second stage out: the first stage's p is
 * the line's.  '#' starts a comment.  A feature name the program does not
 * know is an error (a model for another version).  'mean' lines give the features'
 * means over the training lines: --explain says "not F" for a feature
 * that pushed a line out by being below its mean.
 */
#define MODEL_MAGIC "winnow-strip-model"
#define MODEL_VERSION 3
#define MODEL_DEPTH_MAX 4
#define MODEL_NODES ((1 << MODEL_DEPTH_MAX) - 1)	/* splits of a tree */
#define MODEL_LEAVES (1 << MODEL_DEPTH_MAX)
#define MODEL_TREES_MAX 10000
#define MODEL_WHY STRIP_WHY	/* features named for a cut line */
#define MODEL_FILE_MAX ((size_t)16 << 20)

/* What the second stage adds: the first stage's verdicts around a line. */
#define CTX_LIST(X) \
	X(SCORE, "first-score") \
	X(PREV_SCORE, "previous-score") \
	X(NEXT_SCORE, "next-score") \
	X(NEAR3, "scores-around") \
	X(NEAR8, "scores-further") \
	X(BODY_ABOVE, "article-above") \
	X(BODY_BELOW, "article-below") \
	X(BETWEEN, "between-article") \
	X(PAGE_BODY, "page-article-share") \
	X(IN_RUN, "in-article-run") \
	X(RUN_DIST, "far-from-article-run")

enum ctx_id {
#define CTX_ENUM_(id, name) CTX_##id,
	CTX_LIST(CTX_ENUM_)
#undef CTX_ENUM_
	CTX_N
};

#define STAGE2_N (FEAT_N + CTX_N)	/* second-stage columns */

enum { MODEL_KO, MODEL_EN, MODEL_LANGS };

/* What a line is to the model (model_doc()). */
enum { MODEL_BLANK, MODEL_RULE, MODEL_JUDGED };

/* One tree: splits and values breadth first, node k's children 2k+1, 2k+2. */
struct tree {
	short feat[MODEL_NODES];	/* column, or -1: no split */
	float thr[MODEL_NODES];
	float value[MODEL_NODES + MODEL_LEAVES];	/* then the leaves */
};

/*
 * One language's model.  model_compile() packs each stage's trees for
 * evaluation: per tree its split thresholds then its leaves (floats, in
 * 'flat'), its split columns (in 'ffeat'); a node that does not split
 * tests FEAT_BIAS (always 1) against +inf, so every row goes left.
 */
struct lmodel {
	int stages;			/* 2; 1: the first stage's p decides */
	double base[2];			/* by stage */
	struct tree *tree[2];
	size_t ntree[2], ctree[2];
	float *flat[2];
	short *ffeat[2];
	float mean[STAGE2_N];
	double threshold;		/* a line goes when p >= this */
};

struct strip_model {
	int depth;			/* 1 to MODEL_DEPTH_MAX */
	struct lmodel lang[MODEL_LANGS];	/* MODEL_KO, MODEL_EN */
};

/* model_column_name(j): the name of second-stage column j. */
const char *model_column_name(int j);

/*
 * model_parse(m, text, len, file): read a model file into 'm' (which owns
 * what it allocates: model_release()).  Returns 0, or -1 after a message
 * naming 'file' and the line.
 */
int model_parse(struct strip_model *m, const char *text, size_t len,
    const char *file);

/* model_format(m, comment, out): append 'm' as a model file to 'out'. */
void model_format(const struct strip_model *m, const char *comment,
    struct buf *out);

void model_release(struct strip_model *m);

/* model_compile(lm, depth): pack the trees of 'lm' for model_eval(). */
void model_compile(struct lmodel *lm, int depth);

/* model_eval(lm, depth, stage, x): base + the trees of 'stage' (1, 2) on x. */
double model_eval(const struct lmodel *lm, int depth, int stage,
    const float *x);

/* lmodel_release(lm): free what 'lm' holds; it is empty after. */
void lmodel_release(struct lmodel *lm);

/*
 * model_context(q, kind, n, z): the CTX_* columns (at FEAT_N on) of the
 * second-stage rows z[] (STAGE2_N each) of the judged lines of a
 * document, from q[i], the first stage's p1 of each judged line (kind[i]
 * MODEL_JUDGED); a line the rules removed counts as boilerplate (1),
 * blank lines as nothing.
 */
void model_context(const double *q, const unsigned char *kind, size_t n,
    float *z);

/*
 * model_doc(m, lang, x, kind, n, q, z, p): the model's p(boilerplate) of
 * each line of a document in 'lang' (MODEL_KO or MODEL_EN): x[] its
 * feature rows (FEAT_N each), kind[] what each line is; 'q' (n) and 'z' (n
 * rows of STAGE2_N) are scratch, z left holding the second stage's rows
 * for model_explain().  p[i] is -1 for a line not judged.
 */
void model_doc(const struct strip_model *m, int lang, const float *x,
    const unsigned char *kind, size_t n, double *q, float *z, double *p);

/*
 * model_explain(m, lang, z, why): the (at most MODEL_WHY) second-stage columns
 * that pushed row 'z' most toward boilerplate, strongest first, into
 * why[]: column j, or -1 - j when it pushed by being below its mean ("not
 * sentence-end").  A tree's push is attributed along the path the row
 * takes: each split's column gets the change of value from the node to
 * the child taken.  Returns how many.
 */
size_t model_explain(const struct strip_model *m, int lang, const float *z,
    short *why);

/*
 * strip_analyse(st, s, len, lang, res): split, apply the rules (and
 * templates) and layout to the document; the lines and their features
 * stay in 'st' (strip_lines()).  Returns 0, or 1 when a rule failed
 * (res->failed set).  For strip_text and the trainer.
 */
int strip_analyse(struct strip *st, const char *s, size_t len, int lang,
    struct strip_result *res);

/* strip_want_features(st): compute the features even without a model. */
void strip_want_features(struct strip *st);

/*
 * strip_lines(st, &v, &ll, &x): after strip_analyse(), its lines, their
 * layout, and their feature rows (NULL without a model or
 * strip_want_features()); returns n.
 */
size_t strip_lines(struct strip *st, const struct strip_line **v,
    const struct layout_line **ll, const float **x);

/*
 * strip_read_file(path, what, max, text): append the file at 'path' to
 * 'text'.  Returns 0, or -1 after a message ("cannot open WHAT file
 * 'PATH'", or larger than 'max' bytes).
 */
int strip_read_file(const char *path, const char *what, size_t max,
    struct buf *text);

/* strip_rules(st): the rule set of 'st', e.g. to add rules given as text. */
struct rules *strip_rules(struct strip *st);

#endif
