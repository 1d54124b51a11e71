/* winnow-money: find amounts of money in the text and add them to each record. */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/jsonw.h"
#include "core/utf8.h"
#include "core/util.h"
#include "money/money.h"
#include "record/cli.h"
#include "record/rec.h"

static struct money_cfg *cfg;		/* --assume, --default-currency */
static int flat;			/* --flat: one record per amount */
static struct money_list found = MONEY_LIST_INIT;
static struct buf out = BUF_INIT;	/* the "money" array, or a flat record */
static struct buf id = BUF_INIT;	/* --flat: the record's id */
static uint64_t n_amounts, n_with;	/* for -v */

enum { OPT_FLAT = CLI_OPT_LONG, OPT_ASSUME, OPT_DEFAULT };

static const struct option longopts[] = {
	{ "flat", no_argument, NULL, OPT_FLAT },
	{ "assume", required_argument, NULL, OPT_ASSUME },
	{ "default-currency", required_argument, NULL, OPT_DEFAULT },
	{ NULL, 0, NULL, 0 }
};

static int
option(struct cli *c, int opt, const char *arg)
{
	switch (opt) {
	case OPT_FLAT:
		flat = 1;
		return CLI_GO;
	case OPT_ASSUME:
		return money_cfg_assume(cfg, "--assume", arg);
	case OPT_DEFAULT:
		return money_cfg_default(cfg, "--default-currency", arg);
	}
	return CLI_USAGE;
}

static int
record(struct cli *c, struct rec *r)
{
	struct utf8_pos pos = UTF8_POS_INIT;
	struct jsonw w;
	const char *s;
	size_t len, i;

	if (rec_text(r, &s, &len) != REC_STRING)
		return CLI_EMIT;
	money_find(cfg, s, len, &found);
	n_amounts += found.n;
	n_with += found.n > 0;
	buf_reset(&out);
	jsonw_init(&w, &out);
	if (!flat) {
		/* Every record gets the field, [] when it holds no money. */
		money_json_list(&w, s, &found);
		rec_set_raw(r, "money", out.data, out.len);
		return CLI_EMIT;
	}
	/* --flat: one record per amount, with the record's id */
	cli_record_id(c, r, &id);
	for (i = 0; i < found.n; i++) {
		buf_reset(&out);
		jsonw_init(&w, &out);
		jsonw_begin_object(&w);
		jsonw_name(&w, "id");
		jsonw_raw(&w, id.data, id.len);
		money_json(&w, s, &found.v[i], &pos);
		jsonw_end_object(&w);
		if (cli_emit_json(c, out.data, out.len) < 0)
			return CLI_FAIL;
	}
	return CLI_DONE;
}

static void
summary(struct cli *c, struct buf *b)
{
	buf_printf(b, "%llu amounts in %llu records",
	    (unsigned long long)n_amounts, (unsigned long long)n_with);
}

int
main(int argc, char **argv)
{
	static struct buf families = BUF_INIT, options = BUF_INIT;
	struct buf all = BUF_INIT;
	struct cli_spec spec = {
		.name = "money",
		.purpose = "Find amounts of money in the text and add them to each record.",
		.synopsis = "[OPTION]... [FILE]...",
		.description =
		    "Finds amounts of money in Korean and English text and appends them\n"
		    "to each record as \"money\": [{\"start\",\"end\",\"text\",\"value\",\n"
		    "\"currency\",\"approx\",\"qualifier\"}, ...], with \"min\" and \"max\" for\n"
		    "ranges and bounds.  start and end count code points, end exclusive\n"
		    "(Python's text[start:end]).  value is exact, every digit, in the\n"
		    "currency's main unit: 9300조원 is 9300000000000000, 64달러 45센트 is\n"
		    "64.45, 99 cents is 0.99.  currency is an ISO 4217 code (BTC for\n"
		    "bitcoin).  qualifier is null, or approx (약, 정도, about), max (최대,\n"
		    "up to), min (최소, at least), over (이상, 초과, more than), under\n"
		    "(이하, 미만, less than), range (100억~200억원, $1.2-1.5 billion: value\n"
		    "null, min and max) or vague (수십억 원, tens of millions of dollars:\n"
		    "value null, min and max); approx is true for approx and vague.\n"
		    "\n"
		    "A number needs a currency beside it: a bare 20조, 직원, 3원칙 or\n"
		    "\"All 70\" is not money.  A record with no money gets \"money\":[]; a\n"
		    "record without the text field passes through untouched.  An existing\n"
		    "\"money\" member is replaced where it stands.\n",
		.example =
		    "  echo '{\"text\":\"5,000억 달러(약 700조 원)\"}' | winnow-money\n"
		    "  winnow-money --flat --assume '$=CAD' news.jsonl.zst > amounts.jsonl\n"
		    "  winnow-money news.jsonl | jq -c '.money[] | [.currency, .value]'\n",
		.longopts = longopts,
		.option = option,
		.record = record,
		.summary = summary,
	};
	int status;

	progname = "winnow-money";	/* messages before cli_main() takes over */
	cfg = money_cfg_new();
	/* the ambiguous families and their defaults, under --assume */
	money_families_help(&all);
	cli_help_list(&families, all.data, "\n");
	buf_release(&all);
	buf_printf(&options,
	    "      --flat             one record per amount instead of the input\n"
	    "                         records: {\"id\":ID,\"start\",...}, ID the\n"
	    "                         source record's id, or its FILE:LINE\n"
	    "      --assume LIST      what ambiguous signs and words stand for: a\n"
	    "                         comma-separated list of SYM=CODE, e.g.\n"
	    "                         '$=CAD,¥=CNY' ($ also rules dollar, 달러, 불,\n"
	    "                         bucks and cents).  The symbols and defaults:\n"
	    "%s"
	    "      --default-currency CODE\n"
	    "                         the local currency: each ambiguous family it\n"
	    "                         belongs to means it (CAD: $, dollar; CNY: ¥)\n",
	    families.data);
	spec.options_help = options.data;
	status = cli_main(&spec, argc, argv);
	money_cfg_free(cfg);
	money_list_release(&found);
	buf_release(&out);
	buf_release(&id);
	buf_release(&options);
	buf_release(&families);
	return status;
}
