/*
 * strip: remove boilerplate from the text of one document.
 *
 * The strip engine, lib/strip/, is one folder of the engine layer: it
 * includes core/ and its own files only, takes text (never a record), and
 * this header is all a command may include of it.  What its files share
 * beyond that (rules, layout, the literal prefilter) is in strip/internal.h,
 * for them and their unit tests only.
 *
 * Three layers decide each line, and every removal carries a reason:
 *   1. rules: copyright lines, bylines, captions, widgets... by rule name;
 *      inline byline prefixes are cut, the body after them kept;
 *   2. the line model, when one is set (strip_use_builtin_model()):
 *      boosted trees over the line's features and its neighbours', reason
 *      "model"; without one, layout: the shape of the line and its
 *      neighbours, reasons "junk", "layout", "context" and "outside";
 *   3. site templates: lines seen in many documents of the stream,
 *      reason "template" (see strip_set_templates()).
 *
 * A struct strip owns its rules and scratch space; reuse it for every
 * document of a stream (one thread).  A struct strip_result owns its text
 * and cut list; the reason strings point into the struct strip and stay
 * valid until strip_free().
 */
#ifndef WINNOW_STRIP_H
#define WINNOW_STRIP_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/jsonw.h"
#include "core/state.h"

/* Languages for strip_text(): STRIP_KO, STRIP_EN, or STRIP_AUTO. */
enum {
	STRIP_AUTO = 0,
	STRIP_KO = 1,
	STRIP_EN = 2
};

#define STRIP_WHY 3	/* features named for a line the model cut */

/* One thing removed: a whole line, or the part a prefix/suffix rule cut. */
struct strip_cut {
	size_t line;		/* 1-based line of the input text */
	const char *reason;	/* rule name, "model", layout reason, "template" */
	size_t start;		/* byte span of the removed text in the input */
	size_t len;
	int whole;		/* the whole line went (else a part of it) */
	short why[STRIP_WHY];	/* "model": the features that weighed most */
	unsigned nwhy;		/* (see strip_feature_name()) */
};

struct strip_result {
	struct buf text;	/* the text kept */
	struct strip_cut *cut;	/* in line order */
	size_t ncut, ccut;
	int lang;		/* STRIP_KO or STRIP_EN: how the text was read */
	int changed;		/* 'text' differs from the input */
	const char *failed;	/* see strip_text(): the rule's name, or NULL */
	const char *failed_where;	/* and its "FILE:LINE" */
	int failed_rc;			/* RX_LIMIT or RX_ERROR */
};

#define STRIP_RESULT_INIT { BUF_INIT, NULL, 0, 0, 0, 0, NULL, NULL, 0 }

struct strip;
struct tmpl;

struct strip *strip_new(void);

/*
 * strip_add_builtin(st): add the built-in Korean and English rules (the
 * data/strip.rules compiled in).  Returns the count added, or -1 after a
 * message (only if the embedded file is broken).
 */
int strip_add_builtin(struct strip *st);

/* strip_builtin_rules(&len): the text of the built-in rule file. */
const char *strip_builtin_rules(size_t *len);

/*
 * strip_add_rules(st, path): add the rules of a rule file.  Returns the
 * count added, or -1 after a message naming the file and line.
 */
int strip_add_rules(struct strip *st, const char *path);

/*
 * strip_set_templates(st, t, min_docs): count the lines of every document
 * in 't' and remove a line once 'min_docs' documents held it.  't' stays
 * the caller's; NULL turns templates off.
 */
void strip_set_templates(struct strip *st, struct tmpl *t, unsigned min_docs);

/*
 * The line model: with one, every line the rules leave is kept or cut by
 * boosted trees over its features (its shape, what rules and layout made
 * of it and of its neighbours, its place against the article's main
 * block), in two stages, the second also seeing what the first said of
 * the neighbours; without one, layout decides alone.
 *
 * strip_use_builtin_model(st): the model compiled in (data/strip.model,
 * made by make strip-model).  0, or -1 after a message.
 * strip_load_model(st, path): a model file of winnow-strip-train.  0, or
 * -1 after a message naming the file and line.
 * strip_set_model(st, text, len, name): a model given as text ('name' for
 * messages); NULL text: no model.  0, or -1 after a message.
 */
int strip_use_builtin_model(struct strip *st);
int strip_load_model(struct strip *st, const char *path);
int strip_set_model(struct strip *st, const char *text, size_t len,
    const char *name);

/*
 * strip_detect_lang(s, len): STRIP_KO when Hangul carries the text (it
 * outweighs Latin letters), else STRIP_EN.
 */
int strip_detect_lang(const char *s, size_t len);

/*
 * strip_text(st, s, len, lang, res): strip the document 's' (valid UTF-8,
 * lines separated by "\n") read as 'lang' (STRIP_AUTO: detected).  Fills
 * 'res' (reset first) and returns 0.  When a rule hits its matching limit
 * (a pattern that backtracks catastrophically) returns 1: res->text is then
 * the input unchanged, with no cuts, and res->failed names the rule.
 */
int strip_text(struct strip *st, const char *s, size_t len, int lang,
    struct strip_result *res);

/*
 * strip_scores(st, &p): after strip_text() with a model, the model's
 * p(boilerplate) of each of the document's lines (-1 for a blank line or
 * one the rules removed); returns the count of lines (0 without a model).
 * Valid until the next strip_text().
 */
size_t strip_scores(const struct strip *st, const double **p);

/*
 * strip_feature_name(id, buf, size): the name of feature 'id' of a cut's
 * why[]: "sentence-end", or "not sentence-end" (written into 'buf') for a
 * feature that weighed by being absent or below its usual value.
 */
const char *strip_feature_name(int id, char *buf, size_t size);

/*
 * strip_cuts_json(res, s, out): append the cuts of 'res', made from the
 * document 's', to 'out' as an array for --explain:
 * [{"line":N,"rule":"R","text":"T"},...] ("[]" when nothing was cut); a
 * line the model cut adds "features":["F",...], the reasons it weighed
 * most.
 */
void strip_cuts_json(const struct strip_result *res, const char *s,
    struct buf *out);

/*
 * strip_cut_members(w, cut, s): write the members "line":N, "rule":"R",
 * "text":"T" (and "features") of 'cut' of the document 's' into the object that 'w' is
 * writing, e.g. after the record's id in a --removed line.
 */
void strip_cut_members(struct jsonw *w, const struct strip_cut *cut,
    const char *s);

void strip_result_release(struct strip_result *res);

/* Counts over a stream, by reason, for a summary. */
struct strip_stats {
	unsigned long long docs, changed, emptied, failed, cuts;
	struct {
		const char *reason;	/* a string of the struct strip */
		unsigned long long n;
	} by[64];
	size_t nby;
};

/* strip_stats_add(stats, res): count one document's result. */
void strip_stats_add(struct strip_stats *stats,
    const struct strip_result *res);

/*
 * strip_stats_print(stats, out): append "N changed, N emptied, N cuts
 * (copyright 12, byline 40, ...)" to 'out'.
 */
void strip_stats_print(const struct strip_stats *stats, struct buf *out);

void strip_free(struct strip *st);

/*
 * Training a line model (winnow-strip-train): pages whose lines are
 * labelled keep or drop, grouped by site.  The trainer runs the strip it
 * is given (its rules and templates) over each page and learns from the
 * lines the rules leave to the model.
 */
enum { STRIP_UNLABELLED = -1, STRIP_DROP = 0, STRIP_KEEP = 1 };

struct strip_train_opts {
	unsigned trees;		/* boosted trees in the first stage */
	unsigned trees2;	/* in the second (0: no second stage) */
	int depth;		/* their depth, 1 to 4 */
	double rate;		/* the shrinkage of each tree */
	double min_child;	/* the least weight of lines a split leaves */
	double l2;		/* L2 penalty on the leaf values */
	double body_weight;	/* a body line weighs this many boilerplate */
	double balance;		/* a site's lines weigh lines^(balance - 1):
				   1 none, 0 every site the same */
	double recall[2];	/* Korean, English: the threshold keeps this
				   share of body lines in inner cross-
				   validation (0: the most lines right) */
	double threshold;	/* > 0: this threshold, no cross-validation */
	unsigned folds;		/* inner cross-validation folds, by site */
};

struct strip_trainer;

/* strip_trainer_new(st): a trainer running 'st' (which it does not own). */
struct strip_trainer *strip_trainer_new(struct strip *st);

/*
 * strip_trainer_add(tr, s, len, lang, label, nlabel, site): learn from the
 * page 's' (as for strip_text()) whose line i is label[i] (STRIP_KEEP,
 * STRIP_DROP or STRIP_UNLABELLED; lines past 'nlabel' are unlabelled),
 * from the site 'site'.  Returns 0; 1 when a rule hit its limits (the
 * page is left out); -1 (nothing said) when a line past the end of the
 * text is labelled.
 */
int strip_trainer_add(struct strip_trainer *tr, const char *s, size_t len,
    int lang, const signed char *label, size_t nlabel, const char *site);

/*
 * strip_trainer_fit(tr, o, leave_out, nleave, out): fit a model to the
 * pages of every site but the 'nleave' of 'leave_out' and append it to
 * 'out' as a model file (strip_set_model() reads it).  The same pages and options give the
 * same bytes.  Returns 0.  With nothing to learn from (no page with body
 * and boilerplate lines) the model, after a warning, keeps every line.
 */
int strip_trainer_fit(struct strip_trainer *tr,
    const struct strip_train_opts *o, const char *const *leave_out,
    size_t nleave, struct buf *out);

/* strip_trainer_describe(tr, out): append counts of what it learns from. */
void strip_trainer_describe(const struct strip_trainer *tr, struct buf *out);

void strip_trainer_free(struct strip_trainer *tr);

/*
 * Site templates: the lines that recur across the documents of a stream
 * (a site's footer, its tip line, its "most read" heading), counted in a
 * struct tmpl that a state file of kind TMPL_KIND keeps across runs
 * (core/state: checksummed, atomic, locked), so a cron job learns a
 * site's templates.  Lines are keyed by their normalized form hashed
 * under the state's secret seed.
 */
#define TMPL_KIND "template"

/*
 * tmpl_new(seed, max_lines): an empty table hashing under the
 * STATE_SEED_SIZE bytes 'seed' (a state's, or random), remembering at
 * most 'max_lines' distinct lines (0: the default, 4 million).
 */
struct tmpl *tmpl_new(const unsigned char *seed, size_t max_lines);

void tmpl_free(struct tmpl *t);

/*
 * tmpl_load(t, st): add the counts state 'st' holds (made with the same
 * seed).  Returns 0, or -1 after a message when the payload is corrupt.
 */
int tmpl_load(struct tmpl *t, struct state *st);

/* tmpl_save(t, st): write the counts to 'st' atomically; 0 or -1. */
int tmpl_save(struct tmpl *t, struct state *st);

/* tmpl_lines(t): the distinct lines remembered. */
size_t tmpl_lines(const struct tmpl *t);

/* tmpl_changed(t): whether anything was counted since tmpl_new(). */
int tmpl_changed(const struct tmpl *t);

#endif
