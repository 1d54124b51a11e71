# The bad-input policy of doc/CONTRACT.md, on winnow-norm (every filter shares it):
# good records before a bad line are written, then FILE:LINE: message
# (byte N) and exit 65; --rejects keeps going and saves the line as JSON.
. "$SRC/tests/cli/lib.sh"
norm=$bin/winnow-norm
cd "$TMP" || exit 1

# Each case: a bad line between two good ones, and the message it gives.
check_bad() {	# NAME BAD-LINE-PRINTF MESSAGE
	printf '{"text":"a"}\n'"$2"'\n{"text":"b"}\n' >in.jsonl
	"$norm" in.jsonl >out 2>err
	expect_eq "$1: exit" 65 $?
	expect_eq "$1: records before it" '{"text":"a"}' "$(cat out)"
	expect_grep "$1: message" "^winnow-norm: in.jsonl:2: $3 (byte [0-9]*)$" err
	# With --rejects: both good records, and the bad one saved.
	rm -f rej.jsonl
	"$norm" --rejects rej.jsonl in.jsonl >out 2>err
	expect_eq "$1: exit with --rejects" 0 $?
	expect_eq "$1: records with --rejects" 2 "$(wc -l <out)"
	expect_eq "$1: rejects" 1 "$(wc -l <rej.jsonl)"
	expect_grep "$1: reject record" '^{"source":"in.jsonl","line":2,"error":"' rej.jsonl
	expect_grep "$1: summary" "1 bad lines saved to 'rej.jsonl'" err
}

check_bad "invalid JSON" '{"text":"x",}' "expected '\"' to start a key"
check_bad "unterminated" '{"text":"x' "unterminated string"
check_bad "not an object" '["text"]' "not a JSON object but an array"
check_bad "a bare string" '"text"' "not a JSON object but a string"
check_bad "invalid UTF-8" '{"text":"\377"}' "invalid UTF-8 in string"
check_bad "raw control" '{"text":"a\tb"}' "control character in string"
check_bad "text twice" '{"text":"x","text":"y"}' "the text field appears twice"
check_bad "trailing garbage" '{"text":"x"} y' "unexpected data after the object"

# The reject file is valid JSON Lines even when the line was not UTF-8.
printf '{"text":"\377\376"}\n' >in.jsonl
rm -f rej.jsonl
"$norm" --rejects rej.jsonl in.jsonl >/dev/null 2>&1
fffd=$(printf '\357\277\275')
expect_grep "raw made valid" "\"raw\":\"{\\\\\"text\\\\\":\\\\\"$fffd$fffd\\\\\"}\"" rej.jsonl

# Deep nesting: refused at the limit, with no crash however deep.
awk 'BEGIN { printf "{\"a\":"; for (i = 0; i < 100000; i++) printf "["; print "" }' >deep.jsonl
"$norm" deep.jsonl >/dev/null 2>err
expect_eq "deep nesting: exit" 65 $?
expect_grep "deep nesting" "nesting too deep (byte 517)" err
"$norm" --max-depth 2 >/dev/null 2>err <<'EOF2'
{"a":{"b":{}}}
EOF2
expect_eq "--max-depth: exit" 65 $?

# \ud800 is accepted: an unchanged record keeps its escape, a changed one
# gets U+FFFD.  \u0000 is a control character: norm drops it.
printf '{"text":"\\ud800"}\n{"text":"  \\ud800"}\n{"text":"a\\u0000b"}\n' | "$norm" >out
expect_eq "lone surrogate" '{"text":"\ud800"}
{"text":"'"$(printf '\357\277\275')"'"}
{"text":"ab"}' "$(cat out)"

# Missing or non-string text field: passed through untouched, and counted.
printf '{"id":1}\n{"text":null}\n{"text":["a"]}\n{"text":{"x":"  y"}}\n' >in.jsonl
"$norm" -v in.jsonl >out 2>err
expect_eq "missing field: exit" 0 $?
expect_file_eq "missing field: passthrough" in.jsonl out
expect_grep "missing field: counted" "4 without a string 'text' (passed through)" err

# A line over --max-record is a bad line; the next line is read.
printf '{"text":"%s"}\n{"text":"b"}\n' "$(head -c 5000 /dev/zero | tr '\0' x)" >in.jsonl
"$norm" --max-record 1K --rejects rej2.jsonl in.jsonl >out 2>err
expect_eq "max-record: exit" 0 $?
expect_eq "max-record: next record" '{"text":"b"}' "$(cat out)"
expect_grep "max-record: reason" 'line longer than --max-record (1024 bytes)' rej2.jsonl

# Write errors: a full disk is exit 74 with a message, even for one record.
printf '{"text":"a"}\n' | "$norm" >/dev/full 2>err
expect_eq "/dev/full: exit" 74 $?
expect_grep "/dev/full: message" "^winnow-norm: write error: No space left on device$" err
for opt in --help --version; do
	"$norm" $opt >/dev/full 2>err
	expect_eq "$opt to /dev/full: exit" 74 $?
	expect_grep "$opt to /dev/full: message" "^winnow-norm: write error: No space left on device$" err
done

# A closed pipe ends the filter quietly.
awk 'BEGIN { for (i = 0; i < 200000; i++) print "{\"text\":\"line " i "\"}" }' >many.jsonl
"$norm" many.jsonl 2>err | head -1 >out
expect_eq "| head -1: output" '{"text":"line 0"}' "$(cat out)"
expect_eq "| head -1: quiet" "" "$(cat err)"

# An input that cannot be read is named; the others are still read.
"$norm" missing.jsonl in.jsonl >out 2>err
expect_eq "missing input: exit" 74 $?
expect_grep "missing input: message" "cannot open 'missing.jsonl': No such file or directory" err
expect_eq "missing input: the others" 2 "$(wc -l <out)"

# Usage errors are exit 2.
"$norm" --no-such-option </dev/null >/dev/null 2>err
expect_eq "unknown option: exit" 2 $?
expect_grep "unknown option" "unknown option '--no-such-option'" err
"$norm" --max-record lots </dev/null >/dev/null 2>err
expect_eq "bad size: exit" 2 $?
expect_grep "bad size" "option '--max-record' wants a size" err

done_tests
