# winnow-dedupe --removed: one line per dropped paragraph, naming the
# record, the paragraph, its text, who held it first and why.
. "$SRC/tests/cli/lib.sh"
d=$bin/winnow-dedupe
cli=$SRC/tests/cli

# Near mode (similarities vary a little with the random seed: not compared).
$d --near 0.8 --removed "$TMP/rm.jsonl" <"$cli/dedupe-near.in.jsonl" >"$TMP/out" ||
    fail "near run"
sed 's/,"similarity":[0-9.]*//' "$TMP/rm.jsonl" >"$TMP/rm.cut"
expect_file_eq "near --removed" "$cli/dedupe-near.removed.jsonl" "$TMP/rm.cut"
expect_file_eq "near output" "$cli/dedupe-near.out.jsonl" "$TMP/out"

# A record dropped whole lists every paragraph; a record without an id
# is named by its place in the input.
printf '%s\n' '{"id":7,"text":"A paragraph that comes back in the next record.\nAnother paragraph that comes back as well."}' \
    '{"text":"A paragraph that comes back in the next record.\nAnother paragraph that comes back as well.\nA new one."}' \
    >"$TMP/in.jsonl"
$d --drop-docs 0.8 --removed "$TMP/rm2.jsonl" "$TMP/in.jsonl" >/dev/null || fail "drop-docs run"
cat >"$TMP/want2" <<EOT
{"id":"$TMP/in.jsonl:2","para":0,"text":"A paragraph that comes back in the next record.","first":7,"reason":"exact"}
{"id":"$TMP/in.jsonl:2","para":1,"text":"Another paragraph that comes back as well.","first":7,"reason":"exact"}
{"id":"$TMP/in.jsonl:2","para":2,"text":"A new one.","first":null,"reason":"doc"}
EOT
expect_file_eq "drop-docs --removed" "$TMP/want2" "$TMP/rm2.jsonl"

# A paragraph first seen in an earlier run: its holder is unknown.
$d --state "$TMP/s.wds" "$TMP/in.jsonl" >/dev/null
$d --state "$TMP/s.wds" --removed "$TMP/rm3.jsonl" "$TMP/in.jsonl" >/dev/null
expect_grep "earlier run" '"para":0,.*"first":null,"reason":"exact"' "$TMP/rm3.jsonl"

# A failed run leaves no --removed file.
$d --removed "$TMP/rm4.jsonl" "$TMP/in.jsonl" >/dev/full 2>/dev/null
[ -e "$TMP/rm4.jsonl" ] && fail "--removed written by a failed run"
done_tests
