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
 *   2. layout: the shape of the line and its neighbours, reasons "junk",
 *      "layout", "context" and "outside";
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

/* One thing removed: a whole line, or the part a prefix/suffix rule cut. */
struct strip_cut {
	size_t line;		/* 1-based line of the input text */
	const char *reason;	/* rule name, layout reason or "template" */
	size_t start;		/* byte span of the removed text in the input */
	size_t len;
	int whole;		/* the whole line went (else a part of it) */
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
 * strip_cuts_json(res, s, out): append the cuts of 'res', made from the
 * document 's', to 'out' as an array for --explain:
 * [{"line":N,"rule":"R","text":"T"},...] ("[]" when nothing was cut).
 */
void strip_cuts_json(const struct strip_result *res, const char *s,
    struct buf *out);

/*
 * strip_cut_members(w, cut, s): write the members "line":N, "rule":"R" and
 * "text":"T" of 'cut' of the document 's' into the object that 'w' is
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
