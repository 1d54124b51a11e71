/* winnow-norm: Unicode normalization (NFC or NFKC) and white-space clean-up of the text field. */
#include <stdio.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "core/util.h"
#include "norm/norm.h"
#include "record/cli.h"
#include "record/rec.h"

static int form = UTF8_NFC;		/* --nfkc: UTF8_NFKC */
static unsigned long long changed;	/* records whose text changed */
static struct buf clean;

enum { OPT_NFKC = CLI_OPT_LONG, OPT_NFC };

static const struct option longopts[] = {
	{ "nfkc", no_argument, NULL, OPT_NFKC },
	{ "nfc", no_argument, NULL, OPT_NFC },
	{ NULL, 0, NULL, 0 }
};

static int
option(struct cli *c, int opt, const char *arg)
{
	form = opt == OPT_NFKC ? UTF8_NFKC : UTF8_NFC;
	return CLI_GO;
}

static int
record(struct cli *c, struct rec *r)
{
	const char *s;
	size_t len;

	rec_text(r, &s, &len);
	buf_reset(&clean);
	if (norm_text(s, len, form, &clean) == 1) {
		rec_set_text(r, clean.data, clean.len);
		changed++;
	}
	return CLI_EMIT;
}

static void
summary(struct cli *c, struct buf *b)
{
	buf_printf(b, "%llu changed", changed);
}

int
main(int argc, char *argv[])
{
	static const struct cli_spec spec = {
		.name = "norm",
		.purpose = "Normalize Unicode and clean up white space in the text field.",
		.description =
		    "The text is put in NFC (or NFKC), then: control characters are dropped\n"
		    "except \\n and \\t (\\r\\n, a lone \\r, U+2028 and U+2029 become \\n);\n"
		    "zero-width characters are dropped (U+200B, U+2060, U+FEFF, soft hyphen;\n"
		    "ZWJ and ZWNJ are kept); NBSP and other space separators become a space;\n"
		    "each line is trimmed and runs of spaces fold to one; a run of three or\n"
		    "more blank lines becomes one. A record whose text is already clean is\n"
		    "written back byte for byte. Other fields are never touched.\n",
		.options_help =
		    "      --nfc              canonical composition (the default)\n"
		    "      --nfkc             compatibility composition: full-width letters and\n"
		    "                         digits, ligatures, circled numbers... become plain\n",
		.example =
		    "  winnow-read pages/*.txt | winnow-norm --nfkc > pages.jsonl\n"
		    "  winnow-norm -f body -o clean.jsonl scraped.jsonl.gz\n",
		.longopts = longopts,
		.option = option,
		.record = record,
		.summary = summary,
	};
	int status = cli_main(&spec, argc, argv);

	buf_release(&clean);
	return status;
}
