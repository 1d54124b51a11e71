/*
 * config.c: what ambiguous currencies stand for (--assume "$=CAD",
 * --default-currency CAD), and the families for --help.
 */
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/util.h"
#include "money/internal.h"


struct money_cfg *
money_cfg_new(void)
{
	struct money_cfg *cfg = xcalloc(1, sizeof *cfg);

	*cfg = *money_cfg_or_default(NULL);
	return cfg;
}

void
money_cfg_free(struct money_cfg *cfg)
{
	free(cfg);
}

/* The family a key names: its key ($, franc) or any name of it (달러, buck). */
static int
family_find(const char *key, size_t n)
{
	size_t i, k;

	money_tables();
	for (i = 0; i < money_nfamilies; i++)
		if (strlen(money_families[i].key) == n &&
		    memcmp(money_families[i].key, key, n) == 0)
			return (int)i;
	for (i = 0; i < money_nnames; i++) {
		const struct money_name *mn = &money_names[i];

		if (mn->family < 0 || mn->exp != 0 || strlen(mn->text) != n)
			continue;
		for (k = 0; k < n; k++)
			if (fold((unsigned char)key[k]) != (unsigned char)mn->text[k])
				break;
		if (k == n)
			return mn->family;
	}
	return -1;
}

int
money_cfg_assume(struct money_cfg *cfg, const char *opt, const char *spec)
{
	const char *p = spec;

	while (*p) {
		const char *end = strchr(p, ','), *eq;
		size_t n = end ? (size_t)(end - p) : strlen(p);
		int fam, code;

		eq = memchr(p, '=', n);
		if (!eq || eq == p || eq == p + n - 1) {
			warnx("%s: expected SYMBOL=CODE, not '%.*s'", opt, (int)n, p);
			return -1;
		}
		if ((fam = family_find(p, (size_t)(eq - p))) < 0) {
			warnx("%s: '%.*s' is not an ambiguous currency symbol or word "
			    "(see --help)", opt, (int)(eq - p), p);
			return -1;
		}
		if ((code = money_code_find(eq + 1, (size_t)(p + n - eq - 1))) < 0) {
			warnx("%s: unknown currency code '%.*s'", opt,
			    (int)(p + n - eq - 1), eq + 1);
			return -1;
		}
		cfg->fam[fam] = (short)code;
		p += n;
		if (*p == ',')
			p++;
	}
	return 0;
}

int
money_cfg_default(struct money_cfg *cfg, const char *opt, const char *code)
{
	int c = money_code_find(code, strlen(code));

	if (c < 0) {
		warnx("%s: unknown currency code '%s'", opt, code);
		return -1;
	}
	if (money_codes[c].family < 0) {
		warnx("%s: '%s' is never ambiguous, so it changes nothing "
		    "(families: $, ¥, £, franc, rupee, peso, krona, krone, dinar, "
		    "rial, shilling, won, dirham, colon)", opt, money_codes[c].code);
		return -1;
	}
	cfg->fam[(int)money_codes[c].family] = (short)c;
	return 0;
}

void
money_families_help(struct buf *out)
{
	size_t i;

	for (i = 0; i < money_nfamilies; i++)
		buf_printf(out, "%s%s=%s", i ? ", " : "", money_families[i].key,
		    money_codes[money_families[i].def].code);
}
