# Resource limits.  Always: user regexes that backtrack catastrophically
# hit PCRE2's limits and are reported, the record left as it was, in
# bounded time; a 64 MB line over --max-record is set aside whole, in
# bounded memory, and the run goes on.  With LIMITS_SLOW=1 (make check-slow), under ulimit -v 2000000:
# a 1 GiB single-line record and a 264 MB record of 4 million lines give a
# clear error naming the line (exit 71) or are processed, in every filter;
# 1,000,000 fields in one object, a 10,000-rule file and a 1,000,000-name
# gazetteer run within the time and memory README.md states.
. "$SRC/tests/cli/lib.sh"
cd "$TMP" || exit 1

# Catastrophic patterns in every scope, on a×5000!, short and long lines
# and a 700 KB article of such lines.
n=0
: >evil.rules
for p in '(a+)+$' '(x+x+)+y' '(\w+\s?)*$' '(.*a){20}' '(?:a|aa){1,25}c$' '(a|a)*b' \
    '^(([a-z])+.)+[A-Z]([a-z])+$'; do
	for scope in line prefix suffix block-start tail-start; do
		n=$((n + 1))
		printf 'evil%d %s * %s\n' $n $scope "$p" >>evil.rules
	done
done
awk 'BEGIN {
	s = ""; for (i = 0; i < 5000; i++) s = s "a"
	printf "{\"text\":\"%s!\"}\n", s
	printf "{\"text\":\"%s!\"}\n", substr(s, 1, 40)
	printf "{\"text\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx!y\"}\n"
	printf "{\"text\":\""
	for (i = 0; i < 8000; i++)
		printf "%s! %s\\n", substr(s, 1, 70), i % 7 ? "word word" : "xxxxxxxxxxxxxxxxxxxxxxxxxxx!y c"
	print "\"}"
	print "{\"text\":\"plain\"}"
}' >evil.jsonl
timeout 60 "$bin/winnow-strip" --rules evil.rules evil.jsonl >out 2>err
expect_eq "catastrophic rules: exit" 0 $?
for line in 1 2 3 4; do
	expect_grep "catastrophic rules: line $line reported" \
	    "^winnow-strip: evil.jsonl:$line: rule 'evil[0-9]*' (evil.rules:[0-9]*) pattern hit its backtracking limit" err
done
head -4 evil.jsonl >want
head -4 out >got
expect_file_eq "catastrophic rules: records left as they were" want got
# ((\w+\s?)*$ matches any line: the last record is there, stripped.)
expect_eq "catastrophic rules: the next record" 5 "$(wc -l <out)"

# A 64 MB line over --max-record: rejected whole (the reject's raw is the
# line, byte for byte), the records around it written.  The line is copied
# to the reject file piece by piece, never held: without sanitizers (whose
# shadow memory is huge) the run fits in 60 MB of address space, where the
# same line without --max-record runs out of memory.
{
	printf '{"text":"before"}\n{"text":"'
	head -c 67108864 /dev/zero | tr '\0' a
	printf '"}\n{"text":"after"}\n'
} >long.jsonl
rm -f rej.jsonl
timeout 60 "$bin/winnow-norm" --max-record 1M --rejects rej.jsonl long.jsonl >out 2>err
expect_eq "--max-record: exit" 0 $?
expect_eq "--max-record: records around it" '{"text":"before"}
{"text":"after"}' "$(cat out)"
expect_grep "--max-record: rejected" '"line":2,"error":"line longer than --max-record (1048576 bytes)"' rej.jsonl
sed -n 2p long.jsonl >want
jq -r .raw rej.jsonl >got
expect_file_eq "--max-record: the reject holds the whole line" want got
rm -f want got
if (ulimit -v 2000000 && "$bin/winnow-norm" --version) >/dev/null 2>&1; then
	rm -f rej.jsonl
	(ulimit -v 60000; exec "$bin/winnow-norm" --max-record 1M --rejects rej.jsonl \
	    long.jsonl) >out 2>err
	expect_eq "--max-record: in 60 MB of address space" 0 $?
	expect_eq "--max-record: the reject, in 60 MB" 67108977 "$(wc -c <rej.jsonl)"
	(ulimit -v 60000; exec "$bin/winnow-norm" --rejects rej.jsonl long.jsonl) \
	    >out 2>err
	expect_eq "without --max-record: out of memory in 60 MB" 71 $?
fi
rm -f long.jsonl

[ "${LIMITS_SLOW:-0}" = 1 ] || done_tests

# Memory limits need a build without ASan (its shadow memory is huge).
if ! (ulimit -v 2000000 && "$bin/winnow-norm" --version) >/dev/null 2>&1; then
	echo "skip: the slow limits need a build without sanitizers"
	done_tests
fi

# run_limited KB SECS CMD...: run CMD under ulimit -v KB and a time limit,
# stderr to err; its exit status is the function's (take it as $? after a
# pipeline: the function runs in a subshell there).
run_limited() {
	kb=$1 secs=$2
	shift 2
	(ulimit -v "$kb"; exec timeout "$secs" "$@") 2>err
}

# clear_or_done NAME: exit 0, or 71 with "FILE:LINE: out of memory".
clear_or_done() {
	case $rc in
	0) ;;
	71) expect_grep "$1: says where" "^$f: <stdin>:2: out of memory$" err ;;
	*) fail "$1: exit $rc: $(tail -2 err)" ;;
	esac
}

for f in $(filters); do
	[ $f = winnow-read ] && continue
	# 1 GiB in one line, after a small record.
	{ printf '{"text":"a"}\n{"text":"'; head -c 1073741824 /dev/zero | tr '\0' a
	  printf '"}\n{"text":"next"}\n'; } |
	    run_limited 2000000 600 "$bin/$f" >/dev/null
	rc=$?
	clear_or_done "$f, a 1 GiB line"
	# The same under --max-record: set aside, the run goes on.
	{ printf '{"text":"a"}\n{"text":"'; head -c 1073741824 /dev/zero | tr '\0' a
	  printf '"}\n{"text":"next"}\n'; } |
	    run_limited 2000000 600 "$bin/$f" --max-record 64M --rejects rej.jsonl >out
	rc=$?
	expect_eq "$f, a 1 GiB line over --max-record: exit" 0 $rc
	rm -f rej.jsonl
	# 264 MB of text in 4 million lines, in one record.
	{ printf '{"text":"a"}\n{"text":"'
	  yes '삼성전자는 3일 서울에서 5,000억 달러를 발표했다.\n저작권자 © 한결일보 무단전재 및 재배포 금지\n' |
	      head -n 2000000 | tr -d '\n'
	  printf '"}\n'; } |
	    run_limited 2000000 600 "$bin/$f" >/dev/null
	rc=$?
	clear_or_done "$f, a 264 MB record"
done

# 1,000,000 fields in one object (16 MB): every filter, in 1 GB.
awk 'BEGIN { printf "{"; for (i = 0; i < 1000000; i++) printf "\"f%d\":%d,", i, i
    print "\"text\":\"삼성전자는 3일 5,000억 달러를 발표했다.\\n저작권자 © 한결일보\"}"
    print "{\"text\":\"next\"}" }' >wide.jsonl
for f in $(filters); do
	run_limited 1000000 60 "$bin/$f" wide.jsonl >out
	rc=$?
	expect_eq "$f, 1,000,000 fields: exit" 0 $rc
done
rm -f wide.jsonl

# 10,000 rules: with literals, on 3 MB of records; without, on 100 KB.
"$bin/winnow-read" --by para "$SRC"/data/sample/*.txt >paras.jsonl
: >records.jsonl
while [ "$(wc -c <records.jsonl)" -lt 3000000 ]; do cat paras.jsonl >>records.jsonl; done
head -c 100000 records.jsonl | sed '$d' >small.jsonl
awk 'BEGIN { for (i = 0; i < 10000; i++) {
	if (i % 4 == 0) printf "r%d line * ^boiler%d plate\n", i, i
	else if (i % 4 == 1) printf "r%d prefix ko \\[광고%d\\]\\s*\n", i, i
	else if (i % 4 == 2) printf "r%d suffix en \\(ad %d\\)$\n", i, i
	else printf "r%d line * (?i)\\bsponsored by number %d\\b\n", i, i } }' >many.rules
awk 'BEGIN { for (i = 0; i < 10000; i++) printf "r%d line * ^\\W{%d}\\d+$\n", i, i % 50 + 1 }' >nolit.rules
run_limited 500000 120 "$bin/winnow-strip" --rules many.rules records.jsonl >out
rc=$?
expect_eq "10,000 rules: exit" 0 $rc
run_limited 500000 300 "$bin/winnow-strip" --rules nolit.rules small.jsonl >out
rc=$?
expect_eq "10,000 rules without literals: exit" 0 $rc

# 1,000,000 names in a gazetteer (when winnow-tag is built).
if [ -x "$bin/winnow-tag" ]; then
	awk 'BEGIN { for (i = 0; i < 500000; i++) {
		printf "가나다%d전자\tORG\n", i; printf "Name%d Smith\tPERSON\n", i } }' >names.tsv
	run_limited 2000000 300 "$bin/winnow-tag" --gazetteer names.tsv small.jsonl >out
	rc=$?
	expect_eq "1,000,000 names: exit" 0 $rc
fi

done_tests
