/*
 * dedupe: the paragraph deduplication engine behind winnow-dedupe.
 *
 * An engine of lib/: it includes core/ and its own folder only, and takes
 * text, never a record.  This is its one public header; what its files
 * share (Bloom filter, multimap, MinHash) is in dedupe/internal.h, which
 * only lib/dedupe and its unit tests include.
 *
 * A paragraph is a non-blank line of a record's text, and its key is
 * para_key()'s (core/parakey.h), so "AI 수용성…" and "ai수용성" are one
 * paragraph.  Keys lighter than min_chars are never dropped; min_chars 20
 * is about 20 Latin or 10 Hangul characters.
 *
 * Exact mode remembers the XXH3-128 of every key kept, keyed by the state
 * seed, in an hset (or a Bloom filter under a memory cap).  Near mode adds
 * a MinHash signature per paragraph, an LSH band index to find candidates
 * and a check of the estimated Jaccard similarity; containment adds an
 * index of winnowing fingerprints.  The first occurrence is kept, within a
 * record and across the stream; within one record a paragraph contained
 * in a longer one is dropped wherever it stands (a teaser before the full
 * text).  A record's paragraphs enter the index only once the record is
 * kept, so a record dropped whole (drop_docs) leaves no trace.
 *
 * Ownership: a struct dedupe_result is filled by dedupe_record() and owned
 * by the engine; it and the 'first' ids it points to stay valid until the
 * next dedupe_record() or dedupe_free().
 */
#ifndef WINNOW_DEDUPE_H
#define WINNOW_DEDUPE_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/state.h"

#define DEDUPE_KIND "dedupe"
#define DEDUPE_VERSION 2

/* What happened to a paragraph. */
enum {
	DEDUPE_SHORT = 0,	/* kept: too light to judge */
	DEDUPE_KEEP,		/* kept: first occurrence */
	DEDUPE_EXACT,		/* dropped: same key as an earlier paragraph */
	DEDUPE_NEAR,		/* dropped: similar to an earlier paragraph */
	DEDUPE_CONTAINED,	/* dropped: contained in another paragraph */
	DEDUPE_DOC		/* dropped with its record (drop_docs) */
};

struct dedupe_opts {
	double near;		/* Jaccard threshold; 0: exact only */
	int contained;		/* drop paragraphs contained in another */
	size_t min_chars;	/* lighter keys are never dropped */
	double drop_docs;	/* drop a record this much duplicate; 0: never */
	uint64_t memory;	/* Bloom filter of this many bytes; 0: exact set */
	int origins;		/* remember which record first held a paragraph */
};

struct dedupe_para {
	size_t start;		/* byte offset of the line in the text */
	size_t len;		/* its length, without the line end */
	size_t weight;		/* of its key, in columns */
	int verdict;		/* DEDUPE_* */
	double similarity;	/* estimated, for NEAR and CONTAINED */
	const char *first;	/* JSON id of the record that first held it, */
	size_t first_len;	/* or NULL when unknown (another run, too old) */
};

struct dedupe_result {
	struct dedupe_para *p;	/* the record's paragraphs, in order */
	size_t n;
	size_t dropped;		/* paragraphs dropped as duplicates */
	int drop_doc;		/* the whole record is dropped */
};

struct dedupe;

/*
 * dedupe_new(o, seed): an empty engine with options 'o', hashing under the
 * STATE_SEED_SIZE bytes 'seed' (a state's).  Dies when out of memory.
 */
struct dedupe *dedupe_new(const struct dedupe_opts *o,
    const unsigned char *seed);
void dedupe_free(struct dedupe *d);

/*
 * dedupe_load(d, st): add what state 'st' remembers; called once per
 * state, it also merges states (--merge).  The seed must be the one 'd'
 * was made with.  A Bloom state makes 'd' filter with it (and moves exact
 * keys into it); the first state's near and containment indexes are kept
 * up to date even by a run that does not query them, and every later
 * state must keep the same.  Returns 0, or -1 after a message when the
 * payload is corrupt or does not fit.
 */
int dedupe_load(struct dedupe *d, struct state *st);

/* dedupe_save(d, st): write everything remembered to 'st'; 0 or -1. */
int dedupe_save(struct dedupe *d, struct state *st);

/* dedupe_changed(d): whether anything new was remembered since creation. */
int dedupe_changed(const struct dedupe *d);


/*
 * dedupe_record(d, text, len, id, idlen, res): judge the paragraphs of one
 * record's text (valid UTF-8); 'id' is the record's id as JSON, used as
 * 'first' of later duplicates.  Fills 'res'.  The record's new paragraphs
 * are remembered unless res->drop_doc.
 */
void dedupe_record(struct dedupe *d, const char *text, size_t len,
    const char *id, size_t idlen, struct dedupe_result *res);

/*
 * dedupe_rebuild(text, len, res, out): append 'text' without its dropped
 * paragraphs to 'out'.  Blank lines stay as they were between kept
 * paragraphs; a run of them left next to another by a drop is folded
 * into one, and none are left where dropped paragraphs began or ended
 * the text.
 */
void dedupe_rebuild(const char *text, size_t len,
    const struct dedupe_result *res, struct buf *out);

/* Counts for -v. */
struct dedupe_stats {
	uint64_t records;
	uint64_t paragraphs;
	uint64_t judged;	/* heavy enough to judge */
	uint64_t exact, near, contained;
	uint64_t docs;		/* records dropped whole */
	uint64_t doc_paragraphs;
	uint64_t distinct;	/* paragraphs remembered, this run and before */
	uint64_t bytes;		/* memory of the indexes */
	int bloom;
	double bloom_fpr;	/* expected false-positive rate now */
	uint64_t bloom_capacity;	/* keys it holds at 1e-4 */
	int bands, rows;	/* LSH, near mode */
	uint64_t capacity;	/* --memory in near mode: most paragraphs; 0: any */
	uint64_t full;		/* paragraphs not remembered: it was reached */
};

void dedupe_stats(const struct dedupe *d, struct dedupe_stats *s);

/* dedupe_describe(d, b): append the counts of dedupe_stats() in words (-v). */
void dedupe_describe(const struct dedupe *d, struct buf *b);

/*
 * dedupe_removed_json(res, text, id, idlen, out): append one JSON line per
 * dropped paragraph of a judged record: {"id":ID,"para":N,"text":"...",
 * "first":ID|null,"reason":"exact|near|contained|doc"[,"similarity":S]}.
 * 'id' is the record's id as JSON (NULL: null); 'text' the text judged.
 */
void dedupe_removed_json(const struct dedupe_result *res, const char *text,
    const char *id, size_t idlen, struct buf *out);

/*
 * dedupe_merge_files(inputs, n, output, wait, stats): save to 'output' (a
 * path, or "-" for standard output) everything the 'n' states 'inputs'
 * remember; they must share a seed, which the output keeps.  'output' may
 * be one of the inputs.  Locks are taken as state_open() does, waiting
 * 'wait' seconds.  Fills 'stats' (may be NULL) for -v.  Returns STATE_OK,
 * or STATE_LOCKED, STATE_BAD or STATE_IOERR after a message.
 */
int dedupe_merge_files(char *const *inputs, int n, const char *output,
    double wait, struct dedupe_stats *stats);

#endif
