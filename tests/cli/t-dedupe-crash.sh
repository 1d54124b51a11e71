# kill -9 at random points of winnow-dedupe's state saves: the state file
# is always the old one or the new one, and loads.  make check runs a few
# kills on a small state; make check-slow runs CRASH_RUNS=50 on a state of
# CRASH_KEYS=2000000 paragraphs (32 MB).
. "$SRC/tests/cli/lib.sh"
d=$bin/winnow-dedupe
runs=${CRASH_RUNS:-4}
keys=${CRASH_KEYS:-100000}
cd "$TMP" || exit 1

awk -v n="$keys" 'BEGIN {
	for (i = 0; i < n; i += 10) {
		printf "{\"text\":\""
		for (j = i; j < i + 10; j++)
			printf "paragraph %d of the crash test, long enough\\n", j
		printf "\"}\n"
	}
}' | $d --state s.wds >/dev/null || fail "building the state"

# ms: milliseconds since the epoch.
ms() { echo $(($(date +%s%N) / 1000000)); }

# How long a save takes here: from its temporary file to the end of the run.
printf '{"text":"a first run brings a new paragraph, long enough"}\n' |
    $d --state s.wds >/dev/null &
pid=$!
while ! ls -A | grep -q '^\.s\.wds\.tmp-' && kill -0 $pid 2>/dev/null; do
	:
done
t0=$(ms)
wait $pid
span=$(($(ms) - t0 + 1))

old=0 new=0 during=0
i=0
while [ $i -lt "$runs" ]; do
	i=$((i + 1))
	cp s.wds before.wds
	printf '{"text":"run %d brings a new paragraph, long enough\\nand another one of run %d, long enough as well"}\n' \
	    $i $i >in.jsonl
	stale=$(ls -A | grep '^\.s\.wds\.tmp-')	# left by the last kill
	$d --state s.wds <in.jsonl >/dev/null 2>&1 &
	pid=$!
	# Wait for the save to start (a new temporary file appears), then kill
	# at a random point of it.
	while ! ls -A | grep '^\.s\.wds\.tmp-' | grep -qvxF "$stale" &&
	    kill -0 $pid 2>/dev/null; do
		:
	done
	sleep "$(awk -v r="$(od -An -N2 -tu2 /dev/urandom)" -v span=$span \
	    'BEGIN { printf "%.3f", r % span / 1000 }')"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	ls -A | grep -q '^\.s\.wds\.tmp-' && during=$((during + 1))
	[ "$(ls -A | grep -c '^\.s\.wds\.tmp-')" -le 1 ] || fail "kill $i: temporary files pile up"
	if cmp -s s.wds before.wds; then
		old=$((old + 1))
	else
		# The new state: it holds this run's paragraphs.
		got=$($d --state s.wds --read-only <in.jsonl | grep -c 'run ')
		[ "$got" = 0 ] || fail "kill $i: state neither the old one nor the new one"
		new=$((new + 1))
	fi
	$d --state s.wds --read-only </dev/null 2>err || fail "kill $i: state does not load: $(cat err)"
done
# The next run cleans up what the killed saves left.
$d --state s.wds </dev/null >/dev/null || fail "run after the kills"
ls -A | grep -q 'tmp-' && fail "temporary files left after a clean run"
echo "$runs kills in saves of ${span} ms ($during left a temporary file): $old old states, $new new ones, all loaded"
done_tests
