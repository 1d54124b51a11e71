/* winnow-text: records to plain text, the text field of each, separated by a blank line. */
#include "core/buf.h"
#include "record/cli.h"
#include "record/rec.h"

static int
record(struct cli *c, struct rec *r)
{
	struct buf *b = out_buf(c->out);
	const char *s;
	size_t len;

	rec_text(r, &s, &len);
	if (c->out_count > 0)
		buf_addc(b, '\n');
	buf_add(b, s, len);
	if (len == 0 || s[len - 1] != '\n')
		buf_addc(b, '\n');
	c->out_count++;
	return CLI_DONE;
}

int
main(int argc, char *argv[])
{
	static const struct cli_spec spec = {
		.name = "text",
		.purpose = "Write the text field of each record as plain text, records separated by a blank line.",
		.description =
		    "Records without a string text field are skipped (counted with -v).\n"
		    "Each text ends with a newline; a blank line separates records.\n",
		.example =
		    "  winnow-strip < news.jsonl | winnow-text | less\n",
		.record = record,
		.flags = CLI_TEXT_OUTPUT,
	};

	return cli_main(&spec, argc, argv);
}
