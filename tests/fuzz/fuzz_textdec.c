/*
 * fuzz_textdec: winnow-read's decoders (lib/textdec) on any bytes.
 *
 * The first byte picks the encoding (auto, UTF-8, UTF-16 with and without
 * a byte order, CP949, EUC-KR, Latin-1) and the size of the pieces the
 * rest is fed in.  Properties: the output is valid UTF-8 whatever the
 * input; feeding in pieces gives the same text as feeding it whole (a
 * sequence cut between two reads is still decoded); the count of
 * replacements does not depend on the pieces either.
 */
#include <stdint.h>
#include <string.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "read/read.h"
#include "fuzz.h"

static const char *const encodings[] = {
	"auto", "utf-8", "utf-16", "utf-16le", "utf-16be", "cp949", "euc-kr",
	"latin1"
};
#define NENC (sizeof encodings / sizeof encodings[0])

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_quiet();
	return 0;
}

/* Decode 'p' in pieces of 'piece' bytes (0: whole); returns replacements. */
static uint64_t
decode(const char *enc, const char *p, size_t len, size_t piece,
    struct buf *out, const char **name)
{
	static char used[32];
	struct textdec *d = textdec_new(enc);
	size_t at = 0;
	uint64_t replaced;

	FUZZ_ASSERT(d != NULL);
	if (piece == 0)
		piece = len;
	while (at < len) {
		size_t n = len - at < piece ? len - at : piece;

		textdec_feed(d, p + at, n, 0, out);
		at += n;
	}
	textdec_feed(d, "", 0, 1, out);
	snprintf(used, sizeof used, "%s", textdec_name(d));
	*name = used;
	replaced = textdec_replaced(d);
	textdec_free(d);
	return replaced;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf whole = BUF_INIT, pieces = BUF_INIT;
	const char *enc, *name1, *name2;
	uint64_t r1, r2;
	size_t piece;
	char n1[32];

	if (size < 1)
		return 0;
	enc = encodings[data[0] % NENC];
	piece = 1 + (data[0] >> 3);	/* 1 to 32 bytes */
	r1 = decode(enc, (const char *)data + 1, size - 1, 0, &whole, &name1);
	snprintf(n1, sizeof n1, "%s", name1);
	r2 = decode(enc, (const char *)data + 1, size - 1, piece, &pieces, &name2);

	FUZZ_ASSERT(utf8_check(whole.data ? whole.data : "", whole.len) == whole.len);
	FUZZ_ASSERT(utf8_check(pieces.data ? pieces.data : "", pieces.len) == pieces.len);
	FUZZ_ASSERT(strcmp(n1, name2) == 0);
	FUZZ_ASSERT(whole.len == pieces.len &&
	    memcmp(whole.data ? whole.data : "", pieces.data ? pieces.data : "",
	    whole.len) == 0);
	FUZZ_ASSERT(r1 == r2);
	buf_release(&whole);
	buf_release(&pieces);
	return 0;
}
