# scripts/slurm on a real (one-box) Slurm cluster: munged, slurmctld and two
# slurmd.  The sharded output equals one process's, exact and near, with
# stages before and after dedupe; deduping each shard alone would differ
# (the comparison can fail); a bad record fails the chain and publishes
# nothing; a rerun after a failure redoes only what had not finished.
# Every daemon started here is stopped by pid, however the test ends.
. "$SRC/tests/cli/lib.sh"
. "$SRC/tests/scale/slurm-cluster.sh"
need="slurmctld slurmd sbatch squeue sinfo munged mungekey"
missing() { for c in $need; do command -v "$c" >/dev/null || return 0; done; return 1; }
if missing; then
	"$SRC/scripts/install-deps" scale >/dev/null 2>&1 || true
	missing && { echo "skip: Slurm and munge cannot be installed here"; exit 0; }
fi
cd "$TMP" || exit 1
PATH=$bin:$PATH
export PATH
trap cluster_down EXIT
t0=$SECONDS
cluster_up "$TMP/cluster" || exit 1
echo "cluster up: daemons ready in ${cluster_started}s, $((SECONDS - t0))s with munge"

# 3000 records of 1 to 6 lines drawn from the sample corpus's 450-odd
# lines: many repeat, within records and across the whole stream.
cat "$SRC"/data/sample/*.txt | grep -v '^[[:space:]]*$' >pool.txt
awk -v n=3000 'BEGIN { srand(11) }
	{ pool[NR] = $0 }
	END {
		for (r = 1; r <= n; r++) {
			k = 1 + int(rand() * 6); t = ""
			for (j = 0; j < k; j++) {
				line = pool[1 + int(rand() * NR)]
				if (rand() < 0.3) sub(/[0-9]/, "7", line)	# near, not exact
				gsub(/\\/, "\\\\", line); gsub(/"/, "\\\"", line); gsub(/\t/, " ", line)
				t = t (j ? "\\n" : "") line
			}
			printf "{\"id\":%d,\"text\":\"%s\"}\n", r, t
		}
	}' pool.txt >in.jsonl

run_slurm() { "$SRC/scripts/slurm" --wait "$@"; }

# Near mode's verdicts depend on the state's seed (MinHash is keyed by it):
# one process and the shards start from copies of one empty state.
for mode in exact near; do
	opts=
	[ $mode = near ] && opts='--near 0.8'
	winnow-dedupe $opts --state empty-$mode.wds </dev/null
done

# Exact and near, each against one process, with stages on both sides.
for mode in exact near; do
	opts=
	[ $mode = near ] && opts='--near 0.8'
	cp empty-$mode.wds one-$mode.wds
	cp empty-$mode.wds many-$mode.wds
	winnow-norm <in.jsonl | winnow-strip | winnow-dedupe $opts --state one-$mode.wds |
	    winnow-norm --nfkc >one-$mode.jsonl
	t=$SECONDS
	run_slurm -n 5 --max-array 2 --dedupe "$opts" --after 'winnow-norm --nfkc' \
	    --state many-$mode.wds -o many-$mode.jsonl in.jsonl 2>err
	expect_eq "$mode: exit" 0 $?
	echo "$mode: 5 shards in $((SECONDS - t))s"
	expect_file_eq "$mode: sharded output equals one process's" one-$mode.jsonl many-$mode.jsonl
	[ -e many-$mode.jsonl.slurm ] && fail "$mode: work folder left after success"
	# --state: the run's paragraphs joined it as one process's did.
	winnow-dedupe $opts --read-only --state one-$mode.wds <in.jsonl >a.jsonl
	winnow-dedupe $opts --read-only --state many-$mode.wds <in.jsonl >b.jsonl
	expect_file_eq "$mode: --state after the run" a.jsonl b.jsonl
	# The comparison can fail: each shard deduped alone keeps more.
	split -n l/5 -d in.jsonl part.
	for p in part.*; do
		cp empty-$mode.wds alone.wds
		winnow-norm <"$p" | winnow-strip | winnow-dedupe $opts --state alone.wds |
		    winnow-norm --nfkc
	done >alone.jsonl
	cmp -s one-$mode.jsonl alone.jsonl && fail "$mode: shards share no duplicates: a weak test"
	rm -f part.*
done
# Near mode shards exactly only because a state remembers dropped
# paragraphs too: the near output must differ from the exact one here.
cmp -s one-exact.jsonl one-near.jsonl && fail "near mode dropped nothing more than exact"

# A bad record in shard 3 of 4: the chain fails with its status, the shards
# after it never run, nothing is published.
{ head -2000 in.jsonl; echo 'not json'; tail -n +2001 in.jsonl; } >bad.jsonl
run_slurm -n 4 -o bad.out bad.jsonl 2>err
expect_eq "bad record: exit" 65 $?
[ -e bad.out ] && fail "bad record: output published"
expect_grep "bad record: message" "failed with status 65" err
ls bad.out.slurm/out.* >/dev/null 2>&1 && fail "bad record: pass 2 ran after a failed pass 1"

# A rerun after a failure redoes only the shard that failed.  The stage
# before dedupe fails once for the shard holding record 1500 and counts
# the shards it runs for.
cat >flaky <<EOF
#!/bin/sh
f=\$(mktemp) || exit 1
cat >"\$f"
echo x >>"$TMP/flaky.runs"
if [ -e "$TMP/flaky.on" ] && grep -q '"id":1500,' "\$f"; then rm -f "\$f"; exit 3; fi
cat "\$f"; rm -f "\$f"
EOF
chmod +x flaky
touch flaky.on
rm -f flaky.runs
cp empty-near.wds rerun.wds
run_slurm -n 4 --before "winnow-norm | $TMP/flaky | winnow-strip" \
    --dedupe '--near 0.8' --state rerun.wds -o rerun.jsonl in.jsonl 2>err
expect_eq "flaky shard: exit" 3 $?
[ -e rerun.jsonl ] && fail "flaky shard: output published"
expect_eq "flaky shard: shards run" 4 "$(wc -l <flaky.runs)"
rm -f flaky.on flaky.runs
run_slurm -n 4 --before "winnow-norm | $TMP/flaky | winnow-strip" \
    --dedupe '--near 0.8' --state rerun.wds -o rerun.jsonl in.jsonl 2>err
expect_eq "rerun: exit" 0 $?
expect_eq "rerun: shards run again" 1 "$(wc -l <flaky.runs)"
cp empty-near.wds one.wds
winnow-norm <in.jsonl | winnow-strip | winnow-dedupe --near 0.8 --state one.wds >one-rerun.jsonl
expect_file_eq "rerun: output equals one process's" one-rerun.jsonl rerun.jsonl

# Refusals that keep the answer right.
"$SRC/scripts/slurm" --dedupe '--drop-docs 0.5' -o x.jsonl in.jsonl 2>err
expect_eq "--drop-docs refused" 2 $?
done_tests
