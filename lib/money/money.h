/*
 * money: find amounts of money in Korean and English text and normalize
 * them to an exact value and an ISO 4217 currency.
 *
 *	5,000억 달러(약 700조 원)   500000000000 USD; 700000000000000 KRW, approx
 *	1조 2,000억원               1200000000000 KRW
 *	삼천만 원                   30000000 KRW
 *	US$1.2m, €5bn               1200000 USD; 5000000000 EUR
 *	64달러 45센트, 99 cents     64.45 USD; 0.99 USD
 *	100억~200억원               a range: min 10000000000, max 20000000000
 *	수백만 달러                 vague: min 2000000, max 9000000
 *
 * An amount needs a number and a currency next to each other: a bare 20조,
 * 직원, 3원칙 or "All 70" is not money.  Values are exact decimals (lib/dec),
 * always in the currency's main unit (cents become dollars).  Spans are
 * byte offsets into the text; callers that need code-point offsets convert
 * them with struct utf8_pos, or write them with money_json().
 *
 * Ownership: money_find() fills a struct money_list the caller owns and
 * releases with money_list_release(); nothing points into the text.  The
 * tables are built once, on first use, and are safe to share between
 * threads; a struct money_cfg is read-only while money_find() runs.
 *
 * The layer: an engine.  lib/money includes core/ and its own folder only;
 * this is its one public header, and money/internal.h is for the files of
 * lib/money and their unit tests, never for cmd/.
 */
#ifndef WINNOW_MONEY_H
#define WINNOW_MONEY_H

#include <stddef.h>

#include "core/buf.h"
#include "core/dec.h"
#include "core/jsonw.h"
#include "core/utf8.h"

/* What is said about an amount besides its value. */
enum money_qual {
	MONEY_EXACT = 0,	/* nothing: 20조원 */
	MONEY_APPROX,		/* 약, 정도, about: approx is set too */
	MONEY_MAX,		/* 최대, up to: max is the value */
	MONEY_MIN,		/* 최소, at least: min is the value */
	MONEY_OVER,		/* 이상, 초과, more than: min is the value */
	MONEY_UNDER,		/* 이하, 미만, less than: max is the value */
	MONEY_RANGE,		/* 100억~200억원: min and max, no value */
	MONEY_VAGUE		/* 수십억 원, tens of millions: min and max, no value */
};

struct money {
	size_t start, end;	/* byte span of the amount, qualifiers excluded */
	struct dec value;	/* when has_value */
	struct dec min, max;	/* when has_min, has_max */
	char currency[4];	/* ISO 4217 code ("BTC" for bitcoin) */
	unsigned char has_value, has_min, has_max;
	unsigned char approx;	/* 약, 가량, about, 여, or a vague amount */
	unsigned char qualifier;	/* enum money_qual */
};

struct money_list {
	struct money *v;
	size_t n, cap;
};

#define MONEY_LIST_INIT { NULL, 0, 0 }

/* How ambiguous currencies ($, ¥, franc, ...) resolve; NULL means defaults. */
struct money_cfg;

/* money_cfg_new(): the defaults ($ is USD, ¥ is JPY, £ is GBP, ...). */
struct money_cfg *money_cfg_new(void);
void money_cfg_free(struct money_cfg *cfg);

/*
 * money_cfg_assume(cfg, opt, spec): read "$=CAD,¥=CNY": each symbol or
 * word of an ambiguous family ($, dollar, 달러, ¥, £, franc, rupee, peso,
 * krona, krone, dinar, rial, shilling, won, dirham, colon) and the ISO code
 * it stands for.  Returns 0, or -1 after a message naming option 'opt'.
 */
int money_cfg_assume(struct money_cfg *cfg, const char *opt, const char *spec);

/*
 * money_cfg_default(cfg, opt, code): make 'code' the local currency: every
 * ambiguous family it belongs to resolves to it (CAD makes $ and dollar
 * Canadian; CNY makes ¥ yuan).  Returns 0, or -1 after a message naming
 * 'opt' when 'code' is unknown or belongs to no ambiguous family.
 */
int money_cfg_default(struct money_cfg *cfg, const char *opt, const char *code);

/* money_families_help(out): append the family keys and defaults, for --help. */
void money_families_help(struct buf *out);

/*
 * money_find(cfg, s, len, out): find the amounts in text 's' (any bytes;
 * invalid UTF-8 never matches) in order, without overlaps.  'out' is reset
 * first; returns the number found.  'cfg' may be NULL for the defaults.
 */
size_t money_find(const struct money_cfg *cfg, const char *s, size_t len,
    struct money_list *out);

void money_list_release(struct money_list *l);

/* money_qual_name(q): "approx", "max", ... or NULL for MONEY_EXACT. */
const char *money_qual_name(int q);

/*
 * money_json(w, s, m, pos): the members of amount 'm' found in text 's',
 * without braces: "start","end" (code points, end exclusive),"text",
 * "value" (exact digits, or null),"currency","approx","qualifier" (a name
 * or null), then "min" and "max" when it has them.  'pos' converts the
 * offsets: pass the same cursor for the amounts of one text, in order.
 */
void money_json(struct jsonw *w, const char *s, const struct money *m,
    struct utf8_pos *pos);

/* money_json_list(w, s, l): the amounts of text 's' as an array of objects. */
void money_json_list(struct jsonw *w, const char *s, const struct money_list *l);

#endif
