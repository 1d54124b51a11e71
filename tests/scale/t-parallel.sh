# scripts/parallel: sharded output equals single-process output, dedupe
# across shards included; --state carries across runs as one process's does.
# (make check-scale: GNU parallel's start-up makes this too slow for check.)
. "$SRC/tests/cli/lib.sh"
command -v parallel >/dev/null || { echo "skip: GNU parallel not installed"; exit 0; }
cd "$TMP" || exit 1
PATH=$bin:$PATH
export PATH
run_parallel() { "$SRC/scripts/parallel" "$@"; }

# 3000 records of 1 to 6 lines drawn from the sample corpus's 450-odd
# lines: many repeat, within records and across the whole stream.
cat "$SRC"/data/sample/*.txt | grep -v '^[[:space:]]*$' >pool.txt
awk -v n=3000 'BEGIN { srand(7) }
	{ pool[NR] = $0 }
	END {
		for (r = 1; r <= n; r++) {
			k = 1 + int(rand() * 6); t = ""
			for (j = 0; j < k; j++) {
				line = pool[1 + int(rand() * NR)]
				gsub(/\\/, "\\\\", line); gsub(/"/, "\\\"", line); gsub(/\t/, " ", line)
				t = t (j ? "\\n" : "") line
			}
			printf "{\"id\":%d,\"text\":\"%s\"}\n", r, t
		}
	}' pool.txt >in.jsonl
expect_eq "input" 3000 "$(wc -l <in.jsonl)"

winnow-norm <in.jsonl | winnow-dedupe >single.jsonl
run_parallel -j 4 --before winnow-norm in.jsonl >sharded.jsonl 2>err
expect_eq "sharded: exit" 0 $?
expect_file_eq "sharded output equals one process's" single.jsonl sharded.jsonl

# Near mode too, from copies of one empty state (its seed keys MinHash).
winnow-dedupe --near 0.8 --state near0.wds </dev/null
cp near0.wds one-near.wds
cp near0.wds many-near.wds
winnow-norm <in.jsonl | winnow-dedupe --near 0.8 --state one-near.wds >one-near.jsonl
for j in 2 4 7; do
	cp near0.wds many-near.wds
	run_parallel -j $j --before winnow-norm --dedupe '--near 0.8' --state many-near.wds \
	    in.jsonl >many-near.jsonl 2>err
	expect_eq "near, $j shards: exit" 0 $?
	expect_file_eq "near, $j shards: output equals one process's" one-near.jsonl many-near.jsonl
done
cmp -s single.jsonl one-near.jsonl && fail "near mode dropped nothing more than exact: a weak test"

# Stages after dedupe, on this machine.
winnow-norm --nfkc <single.jsonl >single-nfkc.jsonl
run_parallel -j 3 --before winnow-norm --after 'winnow-norm --nfkc' in.jsonl >after.jsonl 2>err
expect_eq "--after: exit" 0 $?
expect_file_eq "--after" single-nfkc.jsonl after.jsonl

# The test can fail: deduping each shard alone would differ.
winnow-norm <in.jsonl >normed.jsonl
split -n l/4 normed.jsonl part.
for p in part.*; do winnow-dedupe <"$p"; done >alone.jsonl
cmp -s single.jsonl alone.jsonl && fail "shards have no duplicates across them: a weak test"

# --state over two runs (day 1, day 2) as one process with --state; on
# the way: compressed input, blocks on -S : (the --sshlogin form, naming
# this machine), stages after dedupe, -o.
head -1500 in.jsonl | gzip >day1.jsonl.gz
tail -n +1501 in.jsonl >day2.jsonl
for day in day1 day2; do
	winnow-norm $day.jsonl* | winnow-dedupe --state one.wds | winnow-norm --nfkc >one-$day.jsonl
	run_parallel -j 3 -S : --block 100k --before winnow-norm --after 'winnow-norm --nfkc' \
	    --state many.wds -o many-$day.jsonl $day.jsonl* 2>err
	expect_eq "--state $day: exit" 0 $?
	expect_file_eq "--state $day" one-$day.jsonl many-$day.jsonl
done

# A failing stage: its status, no output file.
printf '{"text":"a"}\nnot json\n' >bad.jsonl
run_parallel -j 2 --before winnow-norm -o bad.out bad.jsonl 2>err
expect_eq "bad input: exit" 65 $?
[ -e bad.out ] && fail "bad input: output written"
run_parallel --dedupe '--drop-docs 0.5' in.jsonl >/dev/null 2>err
expect_eq "--drop-docs refused" 2 $?
done_tests
