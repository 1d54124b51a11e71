# The hostile set: every filter (found by --help, so new ones are covered)
# reads every file of a set of bad inputs -- invalid JSON and UTF-8, lone
# surrogates, NUL bytes, BOMs, deep nesting, CRLF, missing and non-string
# fields, empty input, no final newline, naughty strings (ours, and the
# Big List of Naughty Strings, tests/cli/data/blns.jsonl), HOSTILE_MB of
# records (3; make check-slow: 27) -- and
#   - exits 0 or 65 (with --rejects: 0), under a time limit, no crash;
#   - with --rejects, counts every non-blank line as a record read (-v) or
#     a line in the reject file, and a filter that writes one record per
#     record writes exactly one for each; without it, writes the records
#     before the first bad line;
#   - writes valid JSON Lines (checked by winnow-norm's strict reader), and
#     a valid reject file.
# winnow-read, whose inputs are raw text, reads each file and exits 0.
. "$SRC/tests/cli/lib.sh"
cd "$TMP" || exit 1
mkdir hostile
h=hostile
limit=${HOSTILE_TIMEOUT:-120}
fffd=$(printf '\357\277\275')

# --- the files ---
{
	printf '{"text":"good one"}\n'
	printf '{"text":"unterminated\n'
	printf 'garbage\n'
	printf '{"text":"trailing comma",}\n'
	printf '[]\n"a string"\n42\nnull\n'
	printf '{"text":"x"} trailing\n'
	printf "{'text':'single quotes'}\n"
	printf '{"text":01}\n{"text":NaN}\n{"text":.5}\n{"a":1 "b":2}\n'
	printf '{"text":"tab\there"}\n'
	printf '{"text":"bad escape \\x"}\n{"text":"bad \\u12G4"}\n'
	printf '{\n}\n{"text":"a"}{"text":"b"}\n'
	printf '{"text":"good two"}\n'
} >$h/invalid-json.jsonl
{
	printf '{"text":"ff \377"}\n'
	printf '{"text":"overlong \300\257"}\n'
	printf '{"text":"surrogate \355\240\200"}\n'
	printf '{"text":"too high \364\220\200\200"}\n'
	printf '{"text":"truncated \342\202"}\n'
	printf '{"text":"bare continuation \200\277"}\n'
	printf '{"text":"five bytes \370\210\200\200\200"}\n'
	printf '{"k\377":"in a key","text":"fine"}\n'
	printf '{"text":"fine","other":"\376"}\n'
	printf '\377\376{"text":"before the object"}\n'
	printf '{"text":"valid \352\260\200 \360\237\230\200"}\n'
} >$h/invalid-utf8.jsonl
{
	printf '{"text":"\\ud800"}\n{"text":"\\udc00"}\n{"text":"\\udc00\\ud800"}\n'
	printf '{"text":"\\ud800\\u0041"}\n{"text":"pair \\ud834\\udd1e"}\n'
	printf '{"text":"  \\ud83d  "}\n{"\\ud800":"in a key","text":"a"}\n'
	printf '{"other":"\\udfff","text":"b \\uDBFF\\uDFFF"}\n'
} >$h/surrogates.jsonl
{
	printf '{"text":"a\\u0000b"}\n{"text":"\\u0000"}\n{"t\\u0000":"key","text":"k"}\n'
	printf '{"text":"raw \000 nul"}\n'
	printf '\000{"text":"nul before"}\n'
	printf '{"text":"nul after"}\000\n'
	printf '{"text":"good"}\n'
} >$h/nul.jsonl
printf '\357\273\277{"text":"after a bom"}\n{"text":"\357\273\277 bom inside"}\n\357\273\277{"text":"bom on line 3"}\n' >$h/bom.jsonl
printf '\357\273\277' >$h/bom-only.jsonl
printf '\357\273\277\n\n{"text":"after a bom and blanks"}\n' >$h/bom-blank.jsonl
awk 'BEGIN {
	printf "{\"text\":\"deep\",\"a\":"; for (i = 0; i < 100000; i++) printf "["; print ""
	printf "{\"text\":\"deep objects\",\"a\":"; for (i = 0; i < 600; i++) printf "{\"a\":"; printf "1"
	for (i = 0; i < 600; i++) printf "}"; print "}"
	printf "{\"text\":\"within the limit\",\"a\":"; for (i = 0; i < 500; i++) printf "["
	for (i = 0; i < 500; i++) printf "]"; print "}"
	printf "{\"text\":"; for (i = 0; i < 100000; i++) printf "{\"t\":"; print ""
	print "{\"text\":\"after the deep ones\"}"
}' >$h/deep.jsonl
printf '{"text":"crlf one"}\r\n{"text":"crlf two"}\r\n\r\n{"text":"esc \\r\\n inside"}\r\n{"text":"raw \r cr"}\r\n' >$h/crlf.jsonl
{
	printf '{}\n{"title":"no text"}\n{"text":null}\n{"text":1}\n{"text":1e999}\n'
	printf '{"text":true}\n{"text":[]}\n{"text":["a"]}\n{"text":{"text":"inner"}}\n'
	printf '{"text":"first","text":"second"}\n{"t\\u0065xt":"escaped key"}\n'
	printf '{"text":"x","t\\u0065xt":"twice, escaped"}\n{"id":1,"id":2,"text":"dup id"}\n'
	printf '{"TEXT":"case"}\n{"text ":"space"}\n'
} >$h/fields.jsonl
: >$h/empty.jsonl
printf '\n\n\n' >$h/newlines.jsonl
printf '  \n\t\n \r\n' >$h/blanks.jsonl
printf '{"text":"one"}\n{"text":"no final newline"}' >$h/no-newline.jsonl
printf '{"text":"one"}\n{"text":"bad, no final newline"' >$h/no-newline-bad.jsonl
printf '{"text":"cr only at the end"}\r' >$h/cr-end.jsonl
cp "$SRC/tests/cli/data/naughty.jsonl" $h/naughty.jsonl
# Each naughty record's text as a raw line: mostly not JSON at all.
sed 's/^{"id": "[^"]*", "kind": "[^"]*", "text": "\(.*\)"}$/\1/' $h/naughty.jsonl >$h/naughty-raw.jsonl
# The Big List of Naughty Strings (MIT, tests/cli/data/LICENSE-blns), as
# records and as raw lines.
cp "$SRC/tests/cli/data/blns.jsonl" $h/blns.jsonl
sed 's/^{"text":"\(.*\)"}$/\1/' $h/blns.jsonl >$h/blns-raw.jsonl
# HOSTILE_MB of records: the sample articles, their paragraphs and the
# naughty strings, with ids, mixed.
"$bin/winnow-read" --by para "$SRC"/data/sample/*.txt >paras.jsonl
"$bin/winnow-read" "$SRC"/data/sample/*.txt >docs.jsonl
cat paras.jsonl docs.jsonl $h/naughty.jsonl $h/blns.jsonl >mix.jsonl 2>/dev/null
mb=${HOSTILE_MB:-3}
[ -n "${VALGRIND:-}" ] && mb=${HOSTILE_MB:-1}	# memcheck is some 30 times slower
want=$((mb * 1000000))
: >$h/bulk.jsonl
while [ "$(wc -c <$h/bulk.jsonl)" -lt "$want" ]; do
	cat mix.jsonl >>$h/bulk.jsonl
done
rm -f paras.jsonl docs.jsonl mix.jsonl

# nonblank FILE: its lines holding more than JSON white space (doc/CONTRACT.md:
# only those are records or bad lines).
nonblank() {
	LC_ALL=C awk '/[^ \t\r]/ { n++ } END { print n + 0 }' "$1"
}

# --- a probe: does the filter write one record per record? ---
printf '{"text":"one two"}\n{"text":"three four"}\n{"text":"five six"}\n' >probe.jsonl

valid_jsonl() {	# FILE: every line a JSON object, valid UTF-8
	"$bin/winnow-norm" --field no-such-field "$1" >/dev/null 2>&1
}

for f in $(filters); do
	if [ "$f" = winnow-read ]; then
		for file in $h/*; do
			timeout "$limit" "$bin/$f" "$file" >out 2>err
			rc=$?
			expect_eq "$f $(basename $file): exit" 0 $rc
			valid_jsonl out || fail "$f $(basename $file): output is not valid JSON Lines"
		done
		continue
	fi
	mapper=0
	[ "$("$bin/$f" probe.jsonl 2>/dev/null | grep -c '^{')" = 3 ] &&
	    [ "$("$bin/$f" probe.jsonl 2>/dev/null | wc -l)" = 3 ] && mapper=1
	for file in $h/*; do
		name="$f $(basename $file)"
		lines=$(nonblank $file)
		rm -f rej.jsonl
		timeout "$limit" "$bin/$f" -v --rejects rej.jsonl "$file" >out 2>err
		rc=$?
		if [ $rc != 0 ]; then
			fail "$name --rejects: exit $rc: $(tail -3 err)"
			continue
		fi
		read_in=$(sed -n "s/^$f: \([0-9]*\) records in.*/\1/p" err)
		rejected=0
		[ -e rej.jsonl ] && rejected=$(wc -l <rej.jsonl)
		[ -n "$read_in" ] || { fail "$name: no summary: $(tail -3 err)"; continue; }
		expect_eq "$name: lines read or rejected" "$lines" $((read_in + rejected))
		[ $mapper = 1 ] && expect_eq "$name: one record out per record in" \
		    "$read_in" "$(wc -l <out)"
		[ $mapper = 1 ] && ! valid_jsonl out &&
		    fail "$name: output is not valid JSON Lines"
		[ -e rej.jsonl ] && ! valid_jsonl rej.jsonl &&
		    fail "$name: the reject file is not valid JSON Lines"
		# Without --rejects: 65 after the records before the first bad line.
		if [ "$rejected" != 0 ]; then
			timeout "$limit" "$bin/$f" "$file" >out 2>err
			expect_eq "$name: exit" 65 $?
			first=$(sed -n '1s/^{"source":"[^"]*","line":\([0-9]*\),.*/\1/p' rej.jsonl)
			expect_grep "$name: message" "^$f: $file:$first: .* (byte [0-9]*)$" err
			before=$(head -n $((first - 1)) "$file" | nonblank -)
			[ $mapper = 1 ] && expect_eq "$name: records before the bad line" \
			    "$before" "$(wc -l <out)"
		fi
	done
done

done_tests
