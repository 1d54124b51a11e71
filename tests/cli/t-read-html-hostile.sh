# winnow-read on hostile HTML at size: a 10 MB page of the shapes that make
# a tree builder walk its stack -- nesting past the depth bound, then
# thousands of unclosed p, li, dd, td and a, end tags that close nothing,
# a start tag of half a million attributes, text and references --
# is read whole, under a time limit (generous: it is there to catch a hang,
# not to time the reader), and every unit's text comes out, in order.
# The tree builder answers each question about its open elements in one
# look-up (lib/read/html.c), so the work grows with the page, not with the
# page times its depth.
. "$SRC/tests/cli/lib.sh"
read=$bin/winnow-read
cd "$TMP" || exit 1
limit=${HOSTILE_TIMEOUT:-120}
command -v jq >/dev/null || { echo "skip: no jq"; exit 0; }

# 600 div and 300 span open (past the 512 the reader keeps open), a tag of
# half a million attributes, 800 KB of text with references, then units
# p N, li N, dd N, a N, td N, button N with end tags that match nothing
# open, until the page holds 10 MB.
LC_ALL=C awk 'BEGIN {
	for (i = 0; i < 600; i++) printf "<div>"
	for (i = 0; i < 300; i++) printf "<span>"
	printf "<b"; for (i = 0; i < 500000; i++) printf " a%d", i % 10; printf ">"
	for (i = 0; i < 100000; i++) printf "w &amp; "; printf "\n"
	n = 900 * 5.5 + 500000 * 3 + 800000
	for (u = 0; n < 10000000; u++) {
		s = sprintf("<p>p%d<li>l%d<dd>d%d<a href=x>a%d</a><td>t%d</x-y><button>b%d</x>\n",
		    u, u, u, u, u, u)
		printf "%s", s
		n += length(s)
	}
	print u >"units"
}' >page.html
units=$(cat units)
timeout "$limit" "$read" --keep-all --format html page.html >out.jsonl
expect_eq "hostile html: exit" 0 $?
jq -r .text out.jsonl >text
# the text, then three lines per unit: p, li, and the rest of the row
expect_eq "hostile html: lines" $((units * 3 + 1)) "$(wc -l <text)"
expect_eq "hostile html: the text" "w & w & w" "$(head -1 text | cut -c1-9)"
expect_eq "hostile html: units in order" "$(seq 0 $((units - 1)) | sed 's/^/p/')" \
    "$(grep '^p[0-9]' text)"
expect_eq "hostile html: the last unit" \
    "d$((units - 1))a$((units - 1)) t$((units - 1))b$((units - 1))" "$(tail -1 text)"
# the same page without --keep-all: read whole too
timeout "$limit" "$read" --format html page.html >out.jsonl
expect_eq "hostile html, furniture left out: exit" 0 $?
expect_eq "hostile html, furniture left out: units" "$units" \
    "$(jq -r .text out.jsonl | grep -c '^p[0-9]')"

done_tests
