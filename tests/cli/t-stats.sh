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

# After dedupe every paragraph left is a first: what it dropped is counted
# from its --removed file, by reason, and the page says so.
"$bin/winnow-read" "$SRC"/data/sample/*.txt | "$bin/winnow-dedupe" --near 0.8 \
    --removed dups.jsonl >deduped.jsonl
"$stats" --removed dups.jsonl --html dd.html deduped.jsonl >dd.json
expect_eq "--removed: paragraphs" "$(wc -l <dups.jsonl | tr -d ' ')" "$(jq .dropped.paragraphs dd.json)"
expect_eq "--removed: exact ones" "$(grep -c '"reason":"exact"' dups.jsonl)" \
    "$(jq .dropped.by_reason.exact dd.json)"
expect_grep "--removed: page" "winnow-dedupe dropped $(jq .dropped.paragraphs dd.json) of" dd.html
expect_eq "--removed: repeats left" 0 "$(jq .duplicates.paragraphs dd.json)"
printf '{"reason":"exact"}\nnot json\n' >mixed.jsonl
"$stats" --removed mixed.jsonl deduped.jsonl | jq -c '[.dropped.paragraphs, .malformed]' >m.txt
expect_eq "--removed: a bad line is malformed" "[1,1]" "$(cat m.txt)"
"$stats" --removed nosuch.jsonl deduped.jsonl >/dev/null 2>err
expect_eq "--removed: missing file" 2 $?
# Sizes as a person reads them, and the font a Hangul page needs.
expect_grep "size in KB" '<div class="n">[0-9]* KB</div><div class="l">of JSON Lines' dd.html
expect_grep "CJK font note" "needs a Korean or CJK font" dd.html
"$bin/winnow-read" "$SRC"/data/sample/17-*.txt | "$stats" --html en.html >/dev/null
grep -q "CJK font" en.html && fail "an English page asks for a CJK font"

"$stats" --top 0 "$in" >/dev/null 2>err
expect_eq "--top 0: usage" 2 $?
done_tests
