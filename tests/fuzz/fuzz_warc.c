/*
 * fuzz_warc: winnow-read's WARC reader and HTTP response parser (lib/read/
 * warc.c) on any bytes, read in pieces the first byte picks.  Properties:
 * no crash, no hang, the reader always ends (every call consumes or ends);
 * a record's offsets only grow; a kept block has its Content-Length; an
 * HTTP body lies inside its block unless it was decoded.
 */
#include <stdint.h>
#include <string.h>

#include "core/buf.h"
#include "read/read.h"
#include "fuzz.h"

struct in {
	const uint8_t *p;
	size_t len, piece;
};

static ssize_t
in_read(void *arg, void *p, size_t n)
{
	struct in *in = arg;

	if (n > in->piece)
		n = in->piece;
	if (n > in->len)
		n = in->len;
	memcpy(p, in->p, n);
	in->p += n;
	in->len -= n;
	return (ssize_t)n;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_quiet();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct in in;
	struct warc *w;
	struct warc_record r;
	uint64_t last = 0;
	int got, rounds = 0;

	if (size < 1)
		return 0;
	in.p = data + 1;
	in.len = size - 1;
	in.piece = 1 + data[0] * 64u;
	w = warc_new(in_read, &in, 1 << 20);
	while ((got = warc_next(w, &r)) != 0) {
		FUZZ_ASSERT(got != -2);
		FUZZ_ASSERT(++rounds <= (int)size + 1);
		FUZZ_ASSERT(r.offset >= last);
		last = r.offset;
		if (got == 1 && r.kept) {
			struct warc_http h;

			if (warc_http(r.block, (size_t)r.length, 1 << 20, &h) == 0) {
				FUZZ_ASSERT(h.dechunked || h.scratch.len > 0 ||
				    (h.body >= r.block && h.body + h.body_len <= r.block + r.length));
				FUZZ_ASSERT(h.status >= 100 && h.status <= 599);
			}
			warc_http_release(&h);
		}
	}
	warc_free(w);
	return 0;
}
