/* winnow-pii: find personal data in the text; report it, mask it or replace it with a keyed hash. */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/jsonw.h"
#include "core/utf8.h"
#include "core/util.h"
#include "pii/pii.h"
#include "record/cli.h"
#include "record/rec.h"

static struct pii_cfg cfg;		/* --types */
static int how = -1;			/* --mask, --mask-with, --hash: enum pii_how */
static const char *how_opt;		/* which of them, for messages */
static struct buf how_arg = BUF_INIT;	/* the mask character or the key */
static struct pii_redactor *redactor;
static struct pii_list found = PII_LIST_INIT;
static struct buf out = BUF_INIT;	/* the "pii" array */
static struct buf text = BUF_INIT;	/* the masked text */
static uint64_t n_items, n_with, by_type[PII_NTYPES];	/* for -v */

enum { OPT_MASK = CLI_OPT_LONG, OPT_MASK_WITH, OPT_HASH, OPT_HASH_FILE, OPT_TYPES };

static const struct option longopts[] = {
	{ "mask", no_argument, NULL, OPT_MASK },
	{ "mask-with", required_argument, NULL, OPT_MASK_WITH },
	{ "hash", required_argument, NULL, OPT_HASH },
	{ "hash-file", required_argument, NULL, OPT_HASH_FILE },
	{ "types", required_argument, NULL, OPT_TYPES },
	{ NULL, 0, NULL, 0 }
};

/* The key of --hash-file: the file's bytes, without one final line end. */
static int
read_key_file(const char *path, struct buf *key)
{
	FILE *f = fopen(path, "rb");
	char chunk[4096];
	size_t n;

	if (f == NULL) {
		warnp("--hash-file: cannot open '%s'", path);
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(key, chunk, n);
	if (ferror(f)) {
		warnp("--hash-file: cannot read '%s'", path);
		fclose(f);
		return -1;
	}
	fclose(f);
	if (key->len && key->data[key->len - 1] == '\n')
		key->len--;
	if (key->len && key->data[key->len - 1] == '\r')
		key->len--;
	return 0;
}

static int
option(struct cli *c, int opt, const char *arg)
{
	static const char *const names[] = {
		[OPT_MASK - 256] = "--mask", [OPT_MASK_WITH - 256] = "--mask-with",
		[OPT_HASH - 256] = "--hash", [OPT_HASH_FILE - 256] = "--hash-file"
	};
	int32_t cp;

	if (opt == OPT_TYPES)
		return pii_types_parse("--types", arg, &cfg.types) < 0 ? CLI_USAGE : CLI_GO;
	if (how >= 0) {
		warnx("%s and %s: choose one way to replace what is found", how_opt,
		    names[opt - 256]);
		return CLI_USAGE;
	}
	how_opt = names[opt - 256];
	buf_reset(&how_arg);
	switch (opt) {
	case OPT_MASK:
		how = PII_MASK;
		return CLI_GO;
	case OPT_MASK_WITH:
		how = PII_MASK_CHAR;
		if (*arg == '\0' || utf8_decode(arg, strlen(arg), &cp) != (int)strlen(arg) ||
		    cp < 0x20 || cp == 0x7F) {
			warnx("--mask-with: '%s' is not one printable character", arg);
			return CLI_USAGE;
		}
		buf_addstr(&how_arg, arg);
		return CLI_GO;
	case OPT_HASH:
		how = PII_HASH;
		buf_addstr(&how_arg, arg);
		break;
	case OPT_HASH_FILE:
		how = PII_HASH;
		if (read_key_file(arg, &how_arg) < 0)
			return CLI_USAGE;
		break;
	}
	if (how_arg.len == 0) {
		warnx("%s: the key is empty", how_opt);
		return CLI_USAGE;
	}
	return CLI_GO;
}

static int
start(struct cli *c)
{
	if (how >= 0)
		redactor = pii_redactor_new(how, how_arg.data, how_arg.len);
	/* the key lives on only inside the redactor */
	if (how_arg.data)
		memset(how_arg.data, 0, how_arg.cap);
	return CLI_GO;
}

static int
record(struct cli *c, struct rec *r)
{
	struct jsonw w;
	const char *s;
	size_t len, i;

	if (rec_text(r, &s, &len) != REC_STRING)
		return CLI_EMIT;
	pii_find(&cfg, s, len, &found);
	n_items += found.n;
	n_with += found.n > 0;
	for (i = 0; i < found.n; i++)
		by_type[found.v[i].type]++;
	buf_reset(&out);
	jsonw_init(&w, &out);
	if (redactor == NULL) {
		pii_json_list(&w, s, &found, 1);
	} else {
		/* the text rewritten; "pii" says where the replacements stand */
		buf_reset(&text);
		if (found.n) {
			pii_redact(redactor, s, len, &found, &text);
			rec_set_text(r, text.data, text.len);
		}
		pii_json_list(&w, text.data ? text.data : "", &found, 0);
	}
	rec_set_raw(r, "pii", out.data, out.len);
	return CLI_EMIT;
}

static void
summary(struct cli *c, struct buf *b)
{
	int t;

	buf_printf(b, "%llu items in %llu records", (unsigned long long)n_items,
	    (unsigned long long)n_with);
	for (t = 0; t < PII_NTYPES; t++)
		if (by_type[t])
			buf_printf(b, ", %s %llu", pii_type_name(t),
			    (unsigned long long)by_type[t]);
}

int
main(int argc, char **argv)
{
	static struct buf options = BUF_INIT, kinds = BUF_INIT;
	struct buf all = BUF_INIT;
	struct cli_spec spec = {
		.name = "pii",
		.purpose = "Find personal data in the text: report it, mask it or replace it with a keyed hash.",
		.synopsis = "[OPTION]... [FILE]...",
		.description =
		    "Finds personal data in Korean and English text and appends it to each\n"
		    "record as \"pii\": [{\"start\",\"end\",\"type\",\"text\",\"valid\"}, ...]\n"
		    "(start and end count code points, end exclusive: Python's\n"
		    "text[start:end]).  The types:\n"
		    "\n"
		    "  EMAIL      hong@yna.co.kr, 홍길동@예시.한국, hong [at] yna [dot] co [dot] kr\n"
		    "  PHONE      010-1234-5678, 01012345678, 02)123-4567, (031) 123-4567,\n"
		    "             +82 10-1234-5678, +1 (202) 555-0143, +44 20 7946 0958\n"
		    "  BIZ_PHONE  1588-1234, 080-123-4567, 1-800-555-0199: a business's line\n"
		    "  RRN        900101-1234567, 주민등록번호 (900101-1******: masked)\n"
		    "  FRN        900101-5234567, 외국인등록번호 (7th digit 5 to 8)\n"
		    "  BRN        124-81-00998, 사업자등록번호, with its check digit\n"
		    "  CRN        110111-0006246, 법인등록번호: with 법인 near, or by its\n"
		    "             check digit when it is no birth date\n"
		    "  CARD       4111 1111 1111 1111: 13 to 19 digits, Luhn and issuer prefix\n"
		    "  ACCOUNT    bank account numbers, only near 계좌, 입금, 은행, account...\n"
		    "  PASSPORT   M12345678, M123A4567, only near 여권 or passport\n"
		    "  IP         192.168.0.1, 2001:db8::8a2e:370:7334\n"
		    "  SSN        078-05-1120, only near SSN or Social Security\n"
		    "\n"
		    "valid is false when a check fails (a registration number's check\n"
		    "digit, which numbers issued since October 2020 lack; a card's Luhn\n"
		    "digit when the context says card) and for masked forms; kinds\n"
		    "without a check are valid when found.  An RRN's date of birth must be\n"
		    "a real date for the century its 7th digit gives.\n"
		    "\n"
		    "Numbers of other kinds are left alone: money (1,234,567원), dates\n"
		    "(2024-01-15, 20240115), times, ranges and years (1800-1900), stock\n"
		    "codes (005930), article numbers (제3조), ISBNs, version numbers,\n"
		    "scores, numbers inside URLs, and digits that continue on either side\n"
		    "(12-010-1234-5678 holds no phone).\n"
		    "\n"
		    "Every record with the text field gets \"pii\", [] when none is found;\n"
		    "an existing \"pii\" member is replaced where it stands.  With --mask,\n"
		    "--mask-with or --hash the text is rewritten and \"pii\" says where the\n"
		    "replacements stand, without the text.\n"
		    "\n"
		    "--hash hashes a canonical form, so that one number written two ways\n"
		    "is one value: a Korean phone's digits in national form (+82 10 1234\n"
		    "5678 is 01012345678), +1 and ten digits for North America, + and the\n"
		    "digits elsewhere; an e-mail address in lower case with [at] and [dot]\n"
		    "read; an IP address in lower case; other numbers their digits.  With\n"
		    "KEY secret, 010-1234-5678 becomes <PHONE:2f92b4d4672b3382>, as\n"
		    "Python's hmac.new(b'secret', b'PHONE:01012345678', 'sha256') begins.\n",
		.example =
		    "  echo '{\"text\":\"문의 010-1234-5678, hong@yna.co.kr\"}' | winnow-pii\n"
		    "  winnow-pii --mask --types=-biz_phone,-ip news.jsonl > masked.jsonl\n"
		    "  winnow-pii --hash-file key.txt comments.jsonl.zst > linked.jsonl\n"
		    "  winnow-pii news.jsonl | jq -r '.pii[] | [.type, .text] | @tsv'\n",
		.longopts = longopts,
		.option = option,
		.start = start,
		.record = record,
		.summary = summary,
	};
	int status;

	progname = "winnow-pii";	/* messages before cli_main() takes over */
	pii_cfg_init(&cfg);
	pii_types_help(&all);		/* the kinds' names, under --types */
	cli_help_list(&kinds, all.data, ";\n");
	buf_release(&all);
	buf_printf(&options,
	    "      --types LIST       the kinds to look for, comma-separated, in any\n"
	    "                         case (default all):\n"
	    "%s"
	    "                         '-KIND' leaves one out: --types=-ip,-biz_phone\n"
	    "      --mask             replace each item by its type: <PHONE>, <EMAIL>\n"
	    "      --mask-with CHAR   replace each character of an item by CHAR, so\n"
	    "                         the text keeps its length: --mask-with '*'\n"
	    "      --hash KEY         replace each item by a keyed hash of it: the\n"
	    "                         first 64 bits of HMAC-SHA256(KEY, TYPE:VALUE),\n"
	    "                         VALUE the item's canonical form (above).\n"
	    "                         One number gets one hash however it is written,\n"
	    "                         in every record and run with the same KEY, and\n"
	    "                         no one without KEY can tell which number it is.\n"
	    "                         Others can see a KEY on the command line in the\n"
	    "                         process list: prefer --hash-file\n"
	    "      --hash-file FILE   --hash with the key read from FILE (its bytes,\n"
	    "                         less one final line end)\n",
	    kinds.data);
	spec.options_help = options.data;
	status = cli_main(&spec, argc, argv);
	pii_redactor_free(redactor);
	pii_list_release(&found);
	buf_release(&out);
	buf_release(&text);
	buf_release(&how_arg);
	buf_release(&options);
	buf_release(&kinds);
	return status;
}
