/*
 * fuzz_rules: the rule-file parser (lib/rules, what winnow-strip --rules
 * reads) on any file, and the rules it accepts matched to lines.
 *
 * The input is a rule file; when it parses, its rules are matched, in every
 * group and language, to each of its own lines and to a few fixed ones.
 * Properties: a file is taken whole or not at all (a refused file adds no
 * rule); a hit lies inside the line and names a rule of the set; a pattern
 * that backtracks too long ends with RX_LIMIT, never a hang (libFuzzer's
 * -timeout catches one).
 */
#include <stdint.h>
#include <string.h>

#include "core/rx.h"
#include "core/utf8.h"
#include "strip/internal.h"
#include "fuzz.h"

static const char *const lines[] = {
	"Copyright (c) 2024 Example News. All rights reserved.",
	"[뉴스임팩트=이정희 기자] 정부는 오늘",
	"저작권자 © 한결일보 무단전재 및 재배포 금지",
	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!",
	"",
};
#define NLINES (sizeof lines / sizeof lines[0])

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_quiet();
	return 0;
}

static void
match_all(struct rules *rs, const char *s, size_t len)
{
	int g;
	unsigned lang;

	rules_scan(rs, s, len);
	for (g = 0; g < RULES_NGROUPS; g++) {
		for (lang = RULE_KO; lang <= RULE_EN; lang <<= 1) {
			struct rule_hit hit;
			int rc = rules_match(rs, (enum rule_group)g, lang, s, len,
			    utf8_count(s, len), &hit);
			size_t i;

			FUZZ_ASSERT(rc == 0 || rc == 1 || rc == RX_LIMIT ||
			    rc == RX_ERROR);
			if (rc == 0)
				continue;
			for (i = 0; i < rules_count(rs); i++)
				if (rules_get(rs, i) == hit.rule)
					break;
			FUZZ_ASSERT(i < rules_count(rs));
			if (rc == 1)
				FUZZ_ASSERT(hit.start <= hit.end && hit.end <= len);
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rules *rs = rules_new();
	const char *text = (const char *)data;
	int n;
	size_t i, at;

	n = rules_parse(rs, text, size, "fuzz.rules");
	FUZZ_ASSERT(n >= -1);
	if (n < 0) {
		FUZZ_ASSERT(rules_count(rs) == 0);
		rules_free(rs);
		return 0;
	}
	FUZZ_ASSERT(rules_count(rs) == (size_t)n);
	for (i = 0; i < (size_t)n; i++) {
		const struct rule *r = rules_get(rs, i);

		FUZZ_ASSERT(r->name != NULL && r->pattern != NULL && r->rx != NULL);
		FUZZ_ASSERT(r->scope >= RULE_LINE && r->scope <= RULE_TAIL_START);
		FUZZ_ASSERT(r->langs != 0 && (r->langs & ~RULE_ANYLANG) == 0);
	}
	if (n == 0) {
		rules_free(rs);
		return 0;
	}
	for (i = 0; i < NLINES; i++)
		match_all(rs, lines[i], strlen(lines[i]));
	/* The file's own lines, where they are valid UTF-8. */
	for (at = 0; at < size;) {
		const char *nl = memchr(text + at, '\n', size - at);
		size_t len = nl ? (size_t)(nl - (text + at)) : size - at;

		if (utf8_check(text + at, len) == len)
			match_all(rs, text + at, len);
		at += len + 1;
	}
	rules_free(rs);
	return 0;
}
