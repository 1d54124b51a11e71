# The first mistakes a new user makes get an answer that says what to do:
# plain text given to a JSON filter names winnow-read; 'winnow help NAME'
# shows that filter's help; 'winnow help' keeps the filters apart from the
# other programs; every --help names the exit statuses a script can see.
. "$SRC/tests/cli/lib.sh"
cd "$TMP" || exit 1

# Plain text into each filter that wants records: the hint, exit 65.
printf 'Samsung said on Monday it would invest more.\nSecond line.\n' >page.txt
for f in $(filters); do
	[ "$f" = winnow-read ] && continue
	"$bin/$f" page.txt >out.jsonl 2>err.txt
	expect_eq "$f page.txt: exit" 65 $?
	expect_grep "$f page.txt: the hint" \
	    "^$f: page.txt: this looks like plain text: turn files into records with winnow-read$" err.txt
done
# Hangul text too, and from standard input.
printf '삼성전자는 월요일 투자를 늘린다고 밝혔다.\n' | "$bin/winnow-strip" >/dev/null 2>err.txt
expect_grep "Korean text on stdin: the hint" "<stdin>: this looks like plain text" err.txt
# No hint where the input is JSON gone wrong, or text further down.
for bad in '{"text":' '[1,2]' '"a string"' 'null'; do
	printf '%s\n' "$bad" | "$bin/winnow-norm" >/dev/null 2>err.txt
	grep -q "plain text" err.txt && fail "'$bad': hinted plain text: $(cat err.txt)"
done
printf '{"text":"a"}\nplain words here\n' | "$bin/winnow-norm" >/dev/null 2>err.txt
grep -q "plain text" err.txt && fail "a text line after a record: hinted plain text"
printf '\377\376binary\n' | "$bin/winnow-norm" >/dev/null 2>err.txt
grep -q "plain text" err.txt && fail "invalid UTF-8: hinted plain text"
# With --rejects the line is saved and the run goes on, with no hint.
"$bin/winnow-norm" --rejects rej.jsonl page.txt >/dev/null 2>err.txt
expect_eq "--rejects: exit" 0 $?
grep -q "plain text" err.txt && fail "--rejects: hinted plain text"

# winnow help NAME is winnow-NAME --help, with or without the prefix.
"$bin/winnow" help strip >h1.txt
expect_eq "winnow help strip: exit" 0 $?
"$bin/winnow-strip" --help >h2.txt
expect_file_eq "winnow help strip" h2.txt h1.txt
"$bin/winnow" help winnow-money >h1.txt
"$bin/winnow-money" --help >h2.txt
expect_file_eq "winnow help winnow-money" h2.txt h1.txt
"$bin/winnow" help nosuch >/dev/null 2>err.txt
expect_eq "winnow help nosuch: exit" 127 $?
expect_grep "winnow help nosuch" "'nosuch' is not a winnow filter" err.txt

# winnow help: the filters, then tag-train among the other programs.
"$bin/winnow" help >help.txt
awk '/^Filters/ { s = "f" } /^Other programs/ { s = "o" } /^  [a-z]/ { print s, $1 }' \
    help.txt >sections.txt
expect_grep "tag-train is among the other programs" "^o tag-train$" sections.txt
grep -q "^f tag-train$" sections.txt && fail "tag-train listed as a filter"
for f in $(filters); do
	expect_grep "$f is among the filters" "^f ${f#winnow-}$" sections.txt
done

# Every --help names 71; those with a state file (--wait) name 75 too.
for f in $(filters); do
	"$bin/$f" --help | tr '\n' ' ' >help.txt
	expect_grep "$f --help: 71" "71 out of memory" help.txt
	if grep -q -- "--wait" help.txt; then
		expect_grep "$f --help: 75" "75 the state file is held" help.txt
	fi
done
"$bin/winnow-dedupe" --help | grep -q "75 the state file" || fail "winnow-dedupe --help lacks 75"
done_tests
