/*
 * fuzz_pii: the personal-data finder (lib/pii) and its redactions on any
 * text.
 *
 * The first byte picks whether the rest is used as it is or made valid
 * UTF-8 first (bit 0), the way items are replaced (bits 1-2: none, <TYPE>,
 * a mask character, a keyed hash) and a subset of kinds (bits 3-7, spread
 * over the twelve).  Properties: items are in order, do not overlap, lie
 * inside the text and, in valid text, start and end on character
 * boundaries; a subset of kinds finds exactly the items of those kinds
 * that all kinds find; a redaction keeps the text around the items, puts
 * each item's replacement where its span says, and, with a mask
 * character, keeps the number of characters.
 */
#include <stdint.h>
#include <string.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "core/util.h"
#include "pii/pii.h"
#include "fuzz.h"

static struct pii_redactor *redactors[3];

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_quiet();
	redactors[0] = pii_redactor_new(PII_MASK, NULL, 0);
	redactors[1] = pii_redactor_new(PII_MASK_CHAR, "●", strlen("●"));
	redactors[2] = pii_redactor_new(PII_HASH, "fuzz key", 8);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct pii_list all = PII_LIST_INIT, some = PII_LIST_INIT;
	struct pii_cfg cfg = { PII_ALL, 2025 };
	struct buf text = BUF_INIT, out = BUF_INIT, canon = BUF_INIT;
	const char *s;
	size_t len, n, i, j, prev_end = 0, pos, opos;
	unsigned subset;
	int valid, how;

	if (size < 1)
		return 0;
	s = fuzz_text(data, size, data[0] & 1, &text, &len);
	valid = utf8_check(s, len) == len;
	n = pii_find(&cfg, s, len, &all);
	FUZZ_ASSERT(n == all.n);
	for (i = 0; i < n; i++) {
		const struct pii *p = &all.v[i];

		FUZZ_ASSERT(p->start < p->end && p->end <= len);
		FUZZ_ASSERT(p->start >= prev_end);
		FUZZ_ASSERT(p->type < PII_NTYPES && p->valid <= 1);
		prev_end = p->end;
		if (valid)
			FUZZ_ASSERT(utf8_check(s + p->start, p->end - p->start) ==
			    p->end - p->start);
		buf_reset(&canon);
		pii_canonical(s, p, &canon);
	}

	/* a subset of kinds: the same items, less the others */
	subset = 0;
	for (i = 0; i < PII_NTYPES; i++)
		if ((data[0] >> (3 + i % 5)) & 1)
			subset |= 1u << i;
	cfg.types = subset;
	pii_find(&cfg, s, len, &some);
	for (i = j = 0; i < all.n; i++) {
		if (!((subset >> all.v[i].type) & 1))
			continue;
		FUZZ_ASSERT(j < some.n);
		FUZZ_ASSERT(some.v[j].start == all.v[i].start && some.v[j].end == all.v[i].end &&
		    some.v[j].type == all.v[i].type && some.v[j].valid == all.v[i].valid);
		j++;
	}
	FUZZ_ASSERT(j == some.n);

	how = (data[0] >> 1) & 3;
	if (how && valid) {
		struct pii_list copy = all;

		copy.v = all.n ? xmemdup(all.v, all.n * sizeof *all.v) : NULL;
		pii_redact(redactors[how - 1], s, len, &copy, &out);
		/* between items, the text is kept */
		for (i = pos = opos = 0; i < copy.n; i++) {
			size_t gap = all.v[i].start - pos;

			FUZZ_ASSERT(copy.v[i].start == opos + gap);
			FUZZ_ASSERT(memcmp(out.data + opos, s + pos, gap) == 0);
			FUZZ_ASSERT(copy.v[i].end > copy.v[i].start && copy.v[i].end <= out.len);
			if (how == 1 || how == 3)
				FUZZ_ASSERT(out.data[copy.v[i].start] == '<' &&
				    out.data[copy.v[i].end - 1] == '>');
			else
				FUZZ_ASSERT(utf8_count(out.data + copy.v[i].start,
				    copy.v[i].end - copy.v[i].start) ==
				    utf8_count(s + all.v[i].start, all.v[i].end - all.v[i].start));
			pos = all.v[i].end;
			opos = copy.v[i].end;
		}
		FUZZ_ASSERT(out.len - opos == len - pos && memcmp(out.data + opos, s + pos, len - pos) == 0);
		free(copy.v);
	}
	buf_release(&out);
	buf_release(&canon);
	buf_release(&text);
	return 0;
}
