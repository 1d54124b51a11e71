# winnow-money as a user relies on it: offsets are Python/jq code-point
# offsets on real text, every record keeps its other bytes, --help teaches,
# --flat and -v say what they found.
. "$SRC/tests/cli/lib.sh"
money=$bin/winnow-money
cd "$TMP" || exit 1

# On the sample corpus: each amount's text is exactly .text[start:end]
# (jq slices strings by code points), spans are in order and do not overlap,
# and something was found.
"$bin/winnow-read" "$SRC"/data/sample/*.txt >in.jsonl
"$money" in.jsonl >out.jsonl
expect_eq "sample: exit" 0 $?
expect_eq "sample: one record out per record in" "$(wc -l <in.jsonl)" "$(wc -l <out.jsonl)"
expect_eq "sample: text[start:end] is the amount" 0 "$(jq -c '. as $r |
    .money[] | select($r.text[.start:.end] != .text)' out.jsonl | wc -l)"
expect_eq "sample: spans in order, apart" 0 "$(jq -c '[.money[] | [.start, .end]] |
    select(. as $s | [range(1; length)] | any($s[.][0] < $s[. - 1][1]))' out.jsonl | wc -l)"
found=$(jq '.money | length' out.jsonl | awk '{ n += $1 } END { print n }')
[ "$found" -gt 50 ] || fail "sample: only $found amounts"
# Other members are untouched: dropping "money" gives the input back.
expect_eq "sample: input bytes kept" "$(jq -c . in.jsonl | md5sum)" \
    "$(jq -c 'del(.money)' out.jsonl | md5sum)"

# --flat: one record per amount, the same count.
"$money" --flat in.jsonl >flat.jsonl
expect_eq "flat: one record per amount" "$found" "$(wc -l <flat.jsonl)"
expect_eq "flat: ids from the source" 0 "$(jq -c 'select(.id | type != "string")' flat.jsonl | wc -l)"

# -v: a summary with the counts.
"$money" -v in.jsonl >/dev/null 2>err
expect_grep "-v: amounts counted" "$found amounts in" err

# --help teaches: the options, the output, an example; exit 0 on stdout.
"$money" --help >help 2>err
expect_eq "--help: exit" 0 $?
expect_grep "--help: --assume" "--assume LIST" help
expect_grep "--help: --flat" "--flat" help
expect_grep "--help: --default-currency" "--default-currency CODE" help
expect_grep "--help: the schema" '"currency","approx","qualifier"' help
expect_grep "--help: an example" "winnow-money --flat" help
"$money" -V >version
expect_grep "-V" "^winnow-money [0-9]" version

# A bad option value is a usage error naming the option.
"$money" --assume 'dollar' </dev/null >/dev/null 2>err
expect_eq "bad --assume: exit" 2 $?
expect_grep "bad --assume: message" "^winnow-money: --assume: expected SYMBOL=CODE" err

# The committed currency table is what its sources generate (skipped
# without Python, Debian's iso-codes or unicode-cldr-core, which only
# regenerating needs).
if command -v python3 >/dev/null && [ -r /usr/share/iso-codes/json/iso_4217.json ] &&
    [ -r /usr/share/unicode/cldr/common/main/en.xml ]; then
	"$SRC/scripts/gen-money-names" --check >err 2>&1 ||
	    fail "lib/money/money_names.c is stale: $(cat err)"
else
	echo "skip: gen-money-names --check (no python3, iso-codes or unicode-cldr-core)"
fi

done_tests
