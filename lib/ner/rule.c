/* ner rules: English dates, times and quantities by pattern. */
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/rx.h"
#include "core/utf8.h"
#include "core/util.h"
#include "ner/internal.h"

#define MONTH "(?:January|February|March|April|May|June|July|August|" \
	"September|October|November|December|Jan\\.|Feb\\.|Mar\\.|Apr\\.|" \
	"Jun\\.|Jul\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\.)"
#define LONGMONTH "(?:January|February|April|June|July|August|September|" \
	"October|November|December)"
#define WEEKDAY "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
#define DAY "\\d{1,2}(?:st|nd|rd|th)?"
#define YEAR "(?:1[5-9]\\d\\d|20\\d\\d)"
#define NUM "\\d+(?:[.,]\\d+)*"
#define BIG "(?:\\s*(?:hundred|thousand|million|billion|trillion|bn|m)\\b)?"

/*
 * Each pattern tags group 1 when it has one, else the whole match.  Order
 * does not matter: overlaps are settled longest first.
 */
static const struct {
	const char *pat;
	int type;
} patterns[] = {
	/* March 5, 2023; Monday, March 5; 5 March 2023; March 2023 */
	{ "\\b(?:" WEEKDAY ",?\\s+)?" MONTH "\\s+" DAY "(?:,?\\s+" YEAR ")?\\b",
	  NER_DT },
	{ "\\b(?:" WEEKDAY ",?\\s+)?" DAY "\\s+(?:of\\s+)?" MONTH
	  "(?:,?\\s+" YEAR ")?\\b", NER_DT },
	{ "\\b" MONTH ",?\\s+" YEAR "\\b", NER_DT },
	{ "\\b(?:(?:early|late|mid|since|until|in|by|last|next|this)"
	  "[-\\s]+)(" LONGMONTH ")\\b", NER_DT },
	{ "\\b" WEEKDAY "s?\\b", NER_DT },
	{ "\\b" YEAR "-[01]\\d-[0-3]\\d\\b", NER_DT },
	{ "\\b[01]?\\d/[0-3]?\\d/(?:\\d\\d)?\\d\\d\\b", NER_DT },
	/* years after a preposition, decades */
	{ "\\b(?:in|since|until|by|from|during|before|after|through|of|"
	  "early|late|mid|between|and|to)[-\\s]+(" YEAR "(?:s|\\s*-\\s*"
	  "\\d{2,4})?)\\b", NER_DT },
	{ "\\b(?:the\\s+)?((?:1[5-9]|20)\\d0s)\\b", NER_DT },
	{ "\\b(?:yesterday|today|tomorrow)\\b", NER_DT },
	{ "(?i)\\b(?:last|next|this|coming|past|previous)\\s+(?:week|month|"
	  "year|weekend|decade|century|spring|summer|autumn|fall|winter|"
	  "quarter)\\b", NER_DT },
	{ "(?i)\\b(?:\\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|"
	  "several|few)\\s+(?:days?|weeks?|months?|years?|decades?)\\s+"
	  "(?:ago|earlier|later)\\b", NER_DT },
	/* clock times */
	{ "\\b\\d{1,2}(?:[:.]\\d{2})?\\s*(?:a\\.m\\.|p\\.m\\.|am\\b|pm\\b|"
	  "AM\\b|PM\\b)(?:\\s+(?:local time|GMT|UTC|[A-Z]{2}T))?", NER_TI },
	{ "\\b[0-2]?\\d:[0-5]\\d(?::[0-5]\\d)?\\b", NER_TI },
	{ "\\b(?:noon|midnight|tonight)\\b", NER_TI },
	{ "\\b(?:this|yesterday|tomorrow|Monday|Tuesday|Wednesday|Thursday|"
	  "Friday|Saturday|Sunday)\\s+(?:morning|afternoon|evening|night)\\b",
	  NER_TI },
	/* percentages, money, measures */
	{ "(?:\\b|-)" NUM "\\s*(?:%|percent\\b|per\\s+cent\\b)", NER_QT },
	{ "(?:\\b(?:US|A|C|HK|NZ|S)?\\$|€|£|¥|₩)\\s?" NUM BIG, NER_QT },
	{ "\\b" NUM BIG "\\s*(?:dollars|euros|pounds sterling|yen|won|yuan|"
	  "rupees)\\b", NER_QT },
	{ "\\b" NUM BIG "[-\\s]?(?:km|kilomet(?:er|re)s?|miles?|met(?:er|re)s?|"
	  "cm|mm|kg|kilograms?|grams?|tons?|tonnes?|lbs?|pounds|feet|foot|ft|"
	  "inch(?:es)?|acres?|hectares?|square\\s+(?:miles|kilomet(?:er|re)s|"
	  "feet|met(?:er|re)s)|degrees?|°[CF]?|mph|km/h|lit(?:er|re)s?|"
	  "gallons?|barrels?|people|persons|soldiers|troops|votes|seats|"
	  "passengers|residents|workers|employees|students)\\b", NER_QT },
};

#define NPAT (sizeof patterns / sizeof patterns[0])

struct nerrule {
	struct rx *rx[NPAT];
};

struct nerrule *
nerrule_new(void)
{
	struct nerrule *r = xcalloc(1, sizeof *r);
	struct buf err = BUF_INIT;
	size_t i;

	for (i = 0; i < NPAT; i++) {
		r->rx[i] = rx_compile(patterns[i].pat, strlen(patterns[i].pat),
		    0, &err);
		/* the patterns are ours: a failure is a bug, caught by tests;
		 * the tagger goes on without that pattern */
		if (!r->rx[i])
			warnx("internal pattern %zu left out: %s", i, err.data);
	}
	buf_release(&err);
	return r;
}

void
nerrule_free(struct nerrule *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < NPAT; i++)
		rx_free(r->rx[i]);
	free(r);
}

struct hit {
	size_t b, e;
	int type;
};

static int
cmp_hit(const void *a, const void *b)
{
	const struct hit *x = a, *y = b;

	if (x->b != y->b)
		return x->b < y->b ? -1 : 1;
	return (x->e < y->e) - (x->e > y->e);	/* longer first */
}

void
nerrule_find(struct nerrule *r, const char *s, size_t len,
    struct ner_spans *out)
{
	struct hit *h = NULL;
	size_t nh = 0, ch = 0, i, at, ov[4], last_end = 0;
	struct utf8_pos pos = UTF8_POS_INIT;
	int rc;

	for (i = 0; i < NPAT; i++) {
		at = 0;
		while (at <= len &&
		    r->rx[i] && (rc = rx_exec(r->rx[i], s, len, at, ov, 2)) > 0) {
			size_t b = ov[0], e = ov[1];

			if (rc > 1 && ov[2] != (size_t)-1) {
				b = ov[2];
				e = ov[3];
			}
			/* no trailing white space or full stop of a sentence */
			while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t'))
				e--;
			if (e > b) {
				h = xreserve(h, &ch, nh + 1, sizeof *h);
				h[nh].b = b;
				h[nh].e = e;
				h[nh++].type = patterns[i].type;
			}
			at = ov[1] > ov[0] ? ov[1] : ov[1] + 1;
		}
	}
	if (nh > 1)
		qsort(h, nh, sizeof *h, cmp_hit);
	for (i = 0; i < nh; i++) {
		size_t cs, ce;

		if (h[i].b < last_end)
			continue;
		cs = utf8_pos_cp(&pos, s, h[i].b);
		ce = utf8_pos_cp(&pos, s, h[i].e);
		ner_spans_add(out, cs, ce, h[i].b, h[i].e, h[i].type);
		last_end = h[i].e;
	}
	free(h);
}
