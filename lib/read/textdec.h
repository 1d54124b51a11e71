/*
 * textdec: raw text of any common encoding to UTF-8, streaming.
 *
 * Encodings: "utf-8", "utf-16" (a BOM decides the byte order; none means
 * little-endian), "utf-16le", "utf-16be", "cp949" (a superset of EUC-KR),
 * "euc-kr", "latin1", any other name iconv knows, and "auto": a BOM
 * decides; else text that is valid UTF-8 is UTF-8; else text CP949 decodes
 * cleanly into mostly Hangul is CP949; else Latin-1 (which never fails).
 * "auto" looks at the first bytes fed (at least TEXTDEC_SNIFF of them, or
 * all there is).  Bytes the encoding cannot decode become U+FFFD and are
 * counted.  A BOM at the start is dropped.  Line ends are left alone.
 */
#ifndef WINNOW_TEXTDEC_H
#define WINNOW_TEXTDEC_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

#define TEXTDEC_SNIFF (64 * 1024)

struct textdec;

/*
 * textdec_new(encoding): a decoder, or NULL after a message naming the
 * encoding when iconv does not know it.
 */
struct textdec *textdec_new(const char *encoding);

/*
 * textdec_feed(d, in, len, eof, out): decode the next 'len' bytes, appending
 * UTF-8 to 'out'.  An incomplete sequence at the end is kept for the next
 * call; 'eof' says there is none, so it becomes U+FFFD.  With "auto", bytes
 * are held until enough have come to decide.
 */
void textdec_feed(struct textdec *d, const char *in, size_t len, int eof,
    struct buf *out);

/* textdec_name(d): the encoding in use ("utf-8", "cp949", ...). */
const char *textdec_name(const struct textdec *d);

/* textdec_replaced(d): the number of U+FFFD put in for undecodable bytes. */
uint64_t textdec_replaced(const struct textdec *d);

void textdec_free(struct textdec *d);

#endif
