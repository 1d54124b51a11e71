/*
 * fuzz_norm: winnow-norm's clean-up (lib/norm, over lib/utf8's
 * normalization) on any text.
 *
 * The first byte picks NFC or NFKC; the rest is the text, made valid
 * UTF-8 (as every decoded JSON string is) or as it is: norm_text() wants
 * valid text, and on invalid bytes need only stay inside them.  Properties
 * for valid text: the clean text is valid UTF-8; cleaning is idempotent
 * (clean text is left alone); the fast "already clean" check never says
 * clean for text norm would change.
 */
#include <stdint.h>
#include <string.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "norm/norm.h"
#include "fuzz.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_quiet();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf text = BUF_INIT, once = BUF_INIT, twice = BUF_INIT;
	const char *s;
	size_t len;
	int form, rc, valid;

	if (size < 1)
		return 0;
	form = data[0] & 1 ? UTF8_NFKC : UTF8_NFC;
	s = fuzz_text(data, size, data[0] & 2, &text, &len);
	valid = utf8_check(s, len) == len;
	rc = norm_text(s, len, form, &once);
	FUZZ_ASSERT(rc >= -1 && rc <= 1);
	if (!valid)
		goto out;
	FUZZ_ASSERT(rc == 0 || rc == 1);
	if (norm_is_clean(s, len, form))
		FUZZ_ASSERT(rc == 0);
	if (rc == 0) {
		FUZZ_ASSERT(once.len == 0);
		goto out;
	}
	FUZZ_ASSERT(utf8_check(once.data ? once.data : "", once.len) == once.len);
	FUZZ_ASSERT(!(once.len == len && memcmp(once.data, s, len) == 0));
	rc = norm_text(once.data ? once.data : "", once.len, form, &twice);
	FUZZ_ASSERT(rc == 0);
out:
	buf_release(&text);
	buf_release(&once);
	buf_release(&twice);
	return 0;
}
