# winnow-stats: the page is written whole or not at all, is self-contained,
# and a failed run leaves an old page as it was.
. "$SRC/tests/cli/lib.sh"
stats=$bin/winnow-stats
cd "$TMP" || exit 1
in=$SRC/tests/cli/stats-basic.in.jsonl

"$stats" --html page.html --title 'May <news>' -o report.json "$in"
expect_eq "exit" 0 $?
expect_eq "report is one JSON line" 1 "$(wc -l <report.json)"
expect_eq "report: records" 3 "$(jq .records report.json)"
expect_grep "page: doctype" "<!DOCTYPE html>" page.html
expect_grep "page: title escaped" "<h1>May &lt;news&gt;</h1>" page.html
expect_grep "page: charts" "<svg class=\"chart\"" page.html
expect_grep "page: exact money total" "700,000,000,000,000" page.html
if grep -E -q '<script|src=|href=|@import|url\(' page.html; then
	fail "page refers to something outside itself"
fi
expect_eq "no temporary files left" 2 "$(ls -A | wc -l)"

# A bad line: exit 65, the old page and report untouched.
cp page.html old.html
printf '{"text":"a"}\nnot json\n' >bad.jsonl
"$stats" --html page.html -o report.json bad.jsonl 2>err
expect_eq "bad input: exit" 65 $?
expect_file_eq "bad input: page untouched" old.html page.html
expect_eq "bad input: report untouched" 3 "$(jq .records report.json)"

# An unwritable page is an I/O error.
"$stats" --html /nonexistent/dir/page.html "$in" >/dev/null 2>err
expect_eq "unwritable page: exit" 74 $?
expect_grep "unwritable page: said so" "page.html" err

# What winnow-pii found: counted by type, masked or not, and drawn.
"$bin/winnow-pii" --mask "$SRC/tests/cli/pii-basic.in.jsonl" |
    "$stats" --html pii.html >pii.json
expect_eq "pii: items" 15 "$(jq .pii.items pii.json)"
expect_eq "pii: phones" 4 "$(jq .pii.by_type.PHONE pii.json)"
expect_grep "pii: page section" "Personal data by type" pii.html

"$stats" --top 0 "$in" >/dev/null 2>err
expect_eq "--top 0: usage" 2 $?
done_tests
