/*
 * stats: what a stream of records holds, for winnow-stats: records, bytes,
 * paragraphs, text lengths, the scripts of its letters, exact duplicates,
 * and what the other filters annotated: lines stripped by reason
 * ("stripped"), entities by label ("entities"), amounts of money by
 * currency with exact totals ("money"), personal data by type ("pii").
 * The report is written as JSON (stats_json) or as a web page
 * (statpage_html, in statpage.c).
 *
 * The layer: an engine.  lib/stats includes core/ and its own folder only
 * and takes what a record holds as text (struct stats_doc), never a record;
 * this is its one public header, the only one cmd/ includes.
 *
 * Ownership: stats_new() returns an object freed with stats_free().
 * stats_report() returns a report that points into the object: it stays
 * valid until the next stats_add() or stats_free().  Nothing a record
 * holds is kept by pointer; strings are copied.
 *
 * Memory: the duplicate check keeps a 16-byte hash per distinct paragraph
 * (about 22 bytes with the table's slack).  Entity texts are counted
 * exactly up to 'max_texts' distinct texts per label; past that the rarest
 * half is dropped each time the table fills (Misra-Gries style), so the top
 * counts stay right for texts more frequent than the dropped ones, and the
 * report says the counts are approximate.
 */
#ifndef WINNOW_STATS_H
#define WINNOW_STATS_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/dec.h"

struct stats_opts {
	size_t top;		/* texts listed per entity label (default 10) */
	size_t max_texts;	/* distinct entity texts counted per label */
	size_t min_chars;	/* lighter paragraphs are not judged duplicate */
};

/* The scripts letters are counted by. */
enum {
	STATS_HANGUL, STATS_HAN, STATS_KANA, STATS_LATIN, STATS_CYRILLIC,
	STATS_GREEK, STATS_ARABIC, STATS_THAI, STATS_OTHER, STATS_NSCRIPTS
};

/* Record lengths in characters: 0, 1-99, 100-299, ... 30000 and more. */
#define STATS_NLENGTHS 9

struct stats_count {
	const char *name;
	size_t len;
	uint64_t n;
};

struct stats_label {
	const char *name;	/* "PERSON" */
	size_t len;
	uint64_t n;		/* entities of this label */
	uint64_t distinct;	/* distinct texts (a lower bound when approx) */
	int approx;		/* counts may be short by at most 'floor' */
	uint64_t floor;
	struct stats_count *top;	/* the most frequent texts */
	size_t ntop;
};

struct stats_currency {
	const char *code;	/* "KRW" */
	size_t len;
	uint64_t n;		/* amounts */
	uint64_t valued;	/* with a single value, summed in 'total' */
	uint64_t unvalued;	/* ranges and vague amounts (value null) */
	struct dec total;	/* exact sum of the values */
	int overflow;		/* the sum left dec's 38 digits: no total */
};

struct stats_report {
	uint64_t records;	/* with a string text field */
	uint64_t nofield;	/* without one */
	uint64_t bytes;		/* of the input lines, line ends counted */
	uint64_t text_bytes;
	uint64_t chars;		/* code points of the text fields */
	uint64_t paragraphs;	/* non-blank lines */
	uint64_t empty;		/* records whose text is blank */
	uint64_t lengths[STATS_NLENGTHS];
	const uint64_t *length_min;	/* the lower bound of each bucket */
	uint64_t letters[STATS_NSCRIPTS];	/* letters by script */
	uint64_t docs[STATS_NSCRIPTS + 1];	/* records by main script, + none */
	const char *const *script_names;	/* STATS_NSCRIPTS + 1 names */
	uint64_t dup_paragraphs;	/* exact repeats (after normalization) */
	uint64_t dup_records;		/* texts equal to an earlier one */
	size_t min_chars;
	int has_stripped;	/* some record had a "stripped" array */
	uint64_t stripped_records, stripped_lines;
	struct stats_count *rules;	/* lines by rule, most first */
	size_t nrules;
	int has_entities;
	uint64_t entity_records, entities;
	struct stats_label *labels;	/* most entities first */
	size_t nlabels;
	int has_money;
	uint64_t money_records, amounts;
	struct stats_currency *currencies;	/* most amounts first */
	size_t ncurrencies;
	int has_pii;
	uint64_t pii_records, pii_items;
	struct stats_count *pii_types;	/* items by type, most first */
	size_t npii_types;
	int has_dropped;	/* stats_add_removed() was given dedupe's lines */
	uint64_t dropped;	/* paragraphs winnow-dedupe dropped upstream */
	struct stats_count *drop_reasons;	/* by reason, most first */
	size_t ndrop_reasons;
	uint64_t malformed;	/* annotations not of the expected shape */
};

struct stats;

/* stats_new(o): an empty tally; 'o' may be NULL for the defaults. */
struct stats *stats_new(const struct stats_opts *o);

/* stats_free(s): free it; NULL is a no-op. */
void stats_free(struct stats *s);

/*
 * What stats reads of one record: the length of its line, its text, and
 * the raw JSON of the annotations other filters added (each NULL when the
 * record has no such member).  The caller keeps every pointer.
 */
struct stats_doc {
	size_t bytes;		/* the record's line, without its line end */
	const char *text;	/* the decoded text field; NULL: none or not a string */
	size_t len;
	const char *stripped;	/* "stripped": [...] as written */
	size_t stripped_len;
	const char *entities;	/* "entities": [...] */
	size_t entities_len;
	const char *money;	/* "money": [...] */
	size_t money_len;
	const char *pii;	/* "pii": [...] */
	size_t pii_len;
};

/*
 * stats_add(s, doc): count one record.  An annotation of another shape
 * than its filter writes is counted in 'malformed', never an error.
 */
void stats_add(struct stats *s, const struct stats_doc *doc);

/*
 * stats_add_removed(s, line, len): count one line of winnow-dedupe
 * --removed (an object with a string "reason": exact, near, contained),
 * what was dropped before the records counted here; another line is
 * counted in 'malformed'.
 */
void stats_add_removed(struct stats *s, const char *line, size_t len);

/* stats_report(s): the numbers so far, sorted for display. */
const struct stats_report *stats_report(struct stats *s);

/*
 * stats_json(rep, out): append the report as one JSON object (no newline).
 * Totals of money are JSON numbers with every digit.
 */
void stats_json(const struct stats_report *rep, struct buf *out);

/*
 * statpage_html(rep, title, out): append the report as one self-contained
 * web page: summary figures, tables and bar charts drawn as inline SVG,
 * styles inline, no script, no font or image to fetch, so the file can be
 * mailed, archived or opened offline and shows the same everywhere.
 * 'title' (UTF-8, e.g. the input's name) heads the page; it and every
 * string from the data are escaped for HTML.
 */
void statpage_html(const struct stats_report *rep, const char *title,
    struct buf *out);

#endif
