/*
 * fuzz_html: winnow-read's HTML reader (lib/read: html, extract) on any
 * bytes.  The first byte picks the mode (--keep-all or not) and whether an
 * HTTP charset is given.  Properties: no crash, no hang (the tree is built
 * without recursion, depth and node count bounded); the text and every
 * metadata string are valid UTF-8, the strings not empty; the text has no empty
 * line and no line ending in a space; keeping all never gives less text.
 */
#include <stdint.h>
#include <string.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "read/read.h"
#include "fuzz.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_quiet();
	return 0;
}

static void
check_str(const char *s)
{
	if (s != NULL)
		FUZZ_ASSERT(utf8_check(s, strlen(s)) == strlen(s) && *s != '\0');
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct read_page pg = { BUF_INIT }, all = { BUF_INIT };
	const char *p = (const char *)data + 1, *t;
	size_t n = size - 1, i;
	const char *charset;

	if (size < 1)
		return 0;
	charset = (data[0] & 2) ? "euc-kr" : (data[0] & 4) ? "utf-8" : NULL;
	read_html(&pg, p, n, charset, 0);
	read_html(&all, p, n, charset, 1);
	t = pg.text.data ? pg.text.data : "";
	FUZZ_ASSERT(utf8_check(t, pg.text.len) == pg.text.len);
	for (i = 0; i < pg.text.len; i++) {
		if (t[i] != '\n')
			continue;
		FUZZ_ASSERT(i > 0 && t[i - 1] != '\n' && t[i - 1] != ' ');
	}
	FUZZ_ASSERT(pg.text.len == 0 || t[pg.text.len - 1] != '\n');
	FUZZ_ASSERT(all.text.len >= pg.text.len || pg.truncated);
	check_str(pg.title);
	check_str(pg.url);
	check_str(pg.lang);
	check_str(pg.date);
	check_str(pg.encoding);
	read_page_release(&pg);
	read_page_release(&all);
	return 0;
}
