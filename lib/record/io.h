/*
 * io: input sources that yield lines, and checked, buffered, optionally
 * atomic output.
 *
 * A source is a file or stdin, read through a large buffer; gzip and zstd
 * input is recognised by its magic bytes and decompressed on the fly.  Lines
 * come back without their "\n" (and without a "\r" before it), pointing into
 * the source's buffer: valid until the next src_getline() or src_close().
 *
 * Output goes through one buffer: append to out_buf(), then call out_ready().
 * Write errors are sticky: the first is reported ("write error: No space
 * left on device") and every later call returns -1.
 */
#ifndef WINNOW_IO_H
#define WINNOW_IO_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "core/buf.h"

struct src;

/* What src_getline returns besides 1 for a line. */
enum {
	SRC_EOF = 0,
	SRC_ERROR = -1,		/* read or decompression error, reported */
	SRC_TOO_LONG = -2	/* the line exceeds the limit; see below */
};

/*
 * src_open(path): open 'path' for reading ("-" or NULL is stdin).  Returns
 * the source, or NULL after a message such as "cannot open 'x': No such
 * file or directory".
 */
struct src *src_open(const char *path);

/*
 * src_getline(s, &line, &len): the next line.  Returns 1, SRC_EOF,
 * SRC_ERROR, or SRC_TOO_LONG when the line is longer than the limit set by
 * src_set_max_line: then 'line' holds its first 'max' bytes, and the next
 * call skips the rest of it (or src_line_rest hands it over).  A UTF-8 BOM
 * at the very start of the input is skipped (src_had_bom tells).
 */
int src_getline(struct src *s, const char **line, size_t *len);

/*
 * src_line_rest(s, &piece, &len): right after SRC_TOO_LONG, the rest of
 * that line a piece at a time (each valid until the next call), so that it
 * can be copied somewhere without being held whole.  Returns 1 with a
 * piece, SRC_EOF when the line has ended (its '\n' consumed), SRC_ERROR
 * after a message.
 */
int src_line_rest(struct src *s, const char **piece, size_t *len);

/*
 * src_read(s, p, n): read up to 'n' decompressed bytes into 'p', for callers
 * that want bytes, not lines.  Returns the count, 0 at the end, -1 after a
 * message.  Do not mix with src_getline on one source.
 */
ssize_t src_read(struct src *s, void *p, size_t n);

void src_set_max_line(struct src *s, uint64_t max);
const char *src_name(const struct src *s);	/* the path, or "<stdin>" */
uint64_t src_lineno(const struct src *s);	/* of the last line returned */
uint64_t src_consumed(const struct src *s);	/* raw (compressed) bytes read */
int64_t src_size(const struct src *s);		/* of a regular file, else -1 */
int src_had_bom(const struct src *s);
void src_close(struct src *s);

struct out;

enum {
	OUT_ATOMIC = 1 << 0,	/* temp file beside the target, renamed at close */
	OUT_APPEND = 1 << 1	/* append to the file (reject files) */
};

/*
 * out_open(path, flags): write to 'path', or to stdout when 'path' is NULL
 * or "-".  With OUT_ATOMIC the bytes go to a temporary file in the same
 * directory, which out_close() fsyncs and renames over 'path' (then fsyncs
 * the directory); out_abort(), an exit without out_close(), or a fatal
 * signal removes it and leaves 'path' as it was.  A 'path' that exists
 * and is not a regular file (/dev/null, a FIFO) is written in place.
 * Returns NULL after a message when the file cannot be created.
 */
struct out *out_open(const char *path, unsigned flags);

/* out_buf(o): the buffer to append output to; call out_ready() after. */
struct buf *out_buf(struct out *o);

/* out_ready(o): write the buffer out once it holds enough; 0 or -1. */
int out_ready(struct out *o);

/* out_write(o, p, n): append 'n' bytes and call out_ready(); 0 or -1. */
int out_write(struct out *o, const void *p, size_t n);

int out_flush(struct out *o);
int out_error(const struct out *o);
const char *out_name(const struct out *o);

/*
 * out_close(o): flush, then for OUT_ATOMIC fsync, rename and fsync the
 * directory; close and free 'o'.  Returns 0, or -1 after a message (an
 * atomic target is then left untouched).  Closing stdout checks it too, as
 * a full disk must never pass silently.
 */
int out_close(struct out *o);

/* out_abort(o): give up: remove an atomic temp file, free 'o'. */
void out_abort(struct out *o);

#endif
