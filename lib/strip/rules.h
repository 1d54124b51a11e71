/*
 * rules: winnow-strip's rule files and the matching of rules to lines.
 *
 * A rule file holds one rule a line, "NAME SCOPE LANG PATTERN" (the format
 * is documented at the top of data/strip.rules, which is the built-in set).
 * A struct rules owns every rule added to it, their names and patterns;
 * a struct rule_hit points at a rule of the set and stays valid until
 * rules_free().  Matching is not thread-safe (patterns own match data).
 *
 * Patterns see the "content" of a line: the line without surrounding white
 * space and without a leading list bullet.  Every pattern runs under the
 * match, depth and heap limits of lib/rx, so a user rule that backtracks
 * catastrophically makes rules_match() return RX_LIMIT instead of hanging.
 */
#ifndef WINNOW_RULES_H
#define WINNOW_RULES_H

#include <stddef.h>

/* Where a rule applies. */
enum rule_scope {
	RULE_LINE,		/* drop a short line the pattern matches in */
	RULE_PREFIX,		/* cut the match at the start, keep the rest */
	RULE_SUFFIX,		/* cut a match that ends the line */
	RULE_BLOCK_START,	/* drop the line and the list under it */
	RULE_TAIL_START		/* drop the line and the rest of the text */
};

/* Languages a rule is for (a set: '*' is both). */
enum {
	RULE_KO = 1 << 0,
	RULE_EN = 1 << 1,
	RULE_ANYLANG = RULE_KO | RULE_EN
};

/* The default length limit of line, block-start and tail-start rules. */
#define RULE_MAX_CHARS 120

struct rule {
	char *name;		/* the reason reported: "copyright" */
	int scope;		/* enum rule_scope */
	unsigned langs;		/* RULE_KO, RULE_EN or both */
	size_t max_chars;	/* whole-line scopes: longer lines never match */
	char *pattern;		/* as written */
	char *where;		/* "FILE:LINE", for messages */
	struct rx *rx;
};

/* The groups rules_match() looks in. */
enum rule_group {
	RULES_WHOLE,		/* line, block-start and tail-start rules */
	RULES_PREFIX,
	RULES_SUFFIX,
	RULES_NGROUPS
};

struct rule_hit {
	const struct rule *rule;	/* the rule that matched (or hit a limit) */
	size_t start, end;		/* the byte span of the match */
};

struct rules;

struct rules *rules_new(void);

/*
 * rules_parse(rs, text, len, file): add the rules in 'text', a rule file
 * named 'file' for messages.  Returns the number of rules added, or -1 after
 * one message such as "my.rules:12: unknown scope 'lines'" (no rule of the
 * file is added then).
 */
int rules_parse(struct rules *rs, const char *text, size_t len,
    const char *file);

/*
 * rules_load(rs, path): rules_parse() of the file at 'path'.  Returns the
 * number of rules added, or -1 after a message (unreadable file, or the
 * first bad line).
 */
int rules_load(struct rules *rs, const char *path);

/* rules_count(rs), rules_get(rs, i): the rules, in the order added. */
size_t rules_count(const struct rules *rs);
const struct rule *rules_get(const struct rules *rs, size_t i);

/*
 * rules_scan(rs, s, len): look at a line once before matching rules to it
 * (or to a part of it): it finds the literals the rules need, so that
 * rules_match() runs only the rules that can match.
 */
void rules_scan(struct rules *rs, const char *s, size_t len);

/*
 * rules_match(rs, group, lang, s, len, nchars, hit): the first rule of
 * 'group' for language 'lang' (RULE_KO or RULE_EN) that matches the line
 * content 's' ('len' bytes, 'nchars' code points), in file order.  Prefix
 * rules match at the start only, suffix rules only where the match ends
 * the content, whole-line rules only when 'nchars' is within their limit.
 * Returns 1 with 'hit' set, 0 for no match, or RX_LIMIT / RX_ERROR with
 * hit->rule naming the rule that failed.  's' must be the text of the last
 * rules_scan(), or a part of it.
 */
int rules_match(struct rules *rs, enum rule_group group, unsigned lang,
    const char *s, size_t len, size_t nchars, struct rule_hit *hit);

/* rules_scope_name(scope): "line", "prefix", ... */
const char *rules_scope_name(int scope);

void rules_free(struct rules *rs);

#endif
