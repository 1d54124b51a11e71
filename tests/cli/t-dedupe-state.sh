# winnow-dedupe --state: kept across runs, locked, refused when foreign or
# corrupt, never committed by a failed run, merged from shards.
. "$SRC/tests/cli/lib.sh"
d=$bin/winnow-dedupe
cd "$TMP" || exit 1

# records N FROM: N records of two long paragraphs each, numbered from FROM.
records() {
	awk -v n="$1" -v from="$2" 'BEGIN {
		for (i = from; i < from + n; i++)
			printf "{\"id\":\"r%d\",\"text\":\"paragraph %d says something long enough\\nand its second paragraph, %d, too\"}\n", i, i, i
	}'
}
records 50 0 >a.jsonl
records 50 1000 >b.jsonl
cat a.jsonl b.jsonl >ab.jsonl
# paragraphs FILE: how many non-empty text lines the output holds
paragraphs() {
	grep -o 'paragraph [0-9]*\|paragraph, [0-9]*' "$1" | wc -l | tr -d ' '
}

# Seen once, dropped the next run.
$d --state s.wds <a.jsonl >out1 || fail "first run"
expect_eq "first run keeps all" 100 "$(paragraphs out1)"
$d --state s.wds <a.jsonl >out2 || fail "second run"
expect_eq "second run drops all" 0 "$(paragraphs out2)"
expect_eq "records still pass" 50 "$(wc -l <out2 | tr -d ' ')"
expect_eq "state mode" 600 "$(stat -c %a s.wds)"

# Nothing new (or no input): the file is not rewritten.
before=$(stat -c '%.9Y %i' s.wds)
$d --state s.wds </dev/null >/dev/null || fail "empty input"
$d --state s.wds <a.jsonl >/dev/null || fail "all duplicates"
expect_eq "unchanged state kept" "$before" "$(stat -c '%.9Y %i' s.wds)"

# A failed run commits nothing: output to a full disk, exit 74.
cp s.wds s.copy
$d --state s.wds <b.jsonl >/dev/full 2>err
expect_eq "full disk status" 74 $?
expect_grep "full disk message" "No space left on device" err
cmp -s s.wds s.copy || fail "a failed run changed the state"

# I/O errors while saving (strace fault injection, when strace works
# here): exit 74 naming the state, the old state intact, no temporary file.
# The second write(2) of a run is the state's: the records went out first.
if [ -z "${VALGRIND:-}" ] && strace -f -o /dev/null true 2>/dev/null; then
	for fault in fsync:error=EIO rename:error=EIO write:error=ENOSPC:when=2; do
		# (LeakSanitizer cannot run under ptrace: off for these runs.)
		ASAN_OPTIONS=detect_leaks=0 strace -f -o /dev/null \
		    -e trace="${fault%%:*}" -e inject="$fault" \
		    $d --state s.wds <b.jsonl >/dev/null 2>err
		expect_eq "$fault status" 74 $?
		expect_grep "$fault message" "cannot save state 's.wds'" err
		cmp -s s.wds s.copy || fail "$fault changed the state"
		ls -A | grep -q '\.tmp-' && fail "$fault left a temporary file"
	done
else
	echo "skip: strace cannot trace here"
fi

# A reader that goes away (| head) ends the run: nothing is saved.
records 5000 5000 >big.jsonl
$d --state p.wds <big.jsonl | head -1 >/dev/null
[ -e p.wds ] && fail "a run cut short by | head saved its state"

# --read-only checks without adding.
$d --state s.wds --read-only <ab.jsonl >out3 || fail "read-only run"
expect_eq "read-only drops a, keeps b" 100 "$(paragraphs out3)"
cmp -s s.wds s.copy || fail "--read-only changed the state"
$d --state none.wds --read-only <a.jsonl >/dev/null 2>err
expect_eq "read-only without a state" 74 $?
[ -e none.wds ] && fail "--read-only created a state"

# Locked by another run: exit 75 naming it, or wait with --wait.  The
# holder reads a pipe: once it has read 128 KB of blank lines (skipped, as
# every filter skips them) it has passed its start, so it holds the lock;
# it ends when the pipe gives it b and closes.  No sleeps: under valgrind
# or a loaded machine the order is the same.
mkfifo feed
$d --state s.wds <feed >out4 &
holder=$!
exec 7>feed
head -c 131072 /dev/zero | tr '\0' '\n' >&7
$d --state s.wds <b.jsonl >/dev/null 2>err
expect_eq "locked status" 75 $?
expect_grep "locked message" "state 's.wds' is locked by another run (pid [0-9]*); --wait waits for it" err
$d --state s.wds --wait=0.3 <b.jsonl >/dev/null 2>err
expect_eq "locked after waiting" 75 $?
expect_grep "wait message" "still locked by another run" err
$d --state s.wds --wait <b.jsonl >out5 2>err 7>&- &	# not a writer of feed
waiter=$!
cat b.jsonl >&7
exec 7>&-
wait $holder || fail "holder run"
wait $waiter || fail "--wait run: $(cat err)"
# The holder saw b first; the waiting run found all of b in the state.
expect_eq "holder kept b" 100 "$(paragraphs out4)"
expect_eq "waiter dropped b" 0 "$(paragraphs out5)"
$d --state s.wds --read-only <ab.jsonl >out6
expect_eq "nothing lost" 0 "$(paragraphs out6)"

# Refused, never replaced: a foreign file, a truncated state.
cp a.jsonl notastate.wds
$d --state notastate.wds <b.jsonl >/dev/null 2>err
expect_eq "foreign file status" 2 $?
expect_grep "foreign file message" "is not a winnow state file" err
cmp -s notastate.wds a.jsonl || fail "a foreign file was overwritten"
head -c 100 s.wds >cut.wds
$d --state cut.wds <b.jsonl >/dev/null 2>err
expect_eq "truncated status" 2 $?
expect_grep "truncated message" "truncated" err

# Shards grown from one empty state merge; others do not.
$d --state base.wds </dev/null || fail "making an empty state"
cp base.wds s1.wds
cp base.wds s2.wds
$d --state s1.wds <a.jsonl >/dev/null
$d --state s2.wds <b.jsonl >/dev/null
$d --merge s1.wds s2.wds -o all.wds || fail "merge"
$d --state all.wds --read-only <ab.jsonl >out7
expect_eq "merged state holds both shards" 0 "$(paragraphs out7)"
$d --merge s1.wds s2.wds >all2.wds || fail "merge to standard output"
$d --state all2.wds --read-only <ab.jsonl >out8
expect_eq "merged to stdout" 0 "$(paragraphs out8)"
$d --state other.wds <a.jsonl >/dev/null
$d --merge s1.wds other.wds -o bad.wds 2>err
expect_eq "merge of other seeds" 2 $?
expect_grep "seed message" "another seed" err
[ -e bad.wds ] && fail "a failed merge left its output"

# A Bloom state under --memory says how full it is.
$d --state bloom.wds --memory 64K -v <ab.jsonl >/dev/null 2>err || fail "bloom run"
expect_grep "bloom summary" "Bloom filter" err
$d --state bloom.wds <b.jsonl >out9 2>err || fail "bloom second run"
expect_eq "bloom state remembers" 0 "$(paragraphs out9)"

# No temporary files left behind.
ls -A | grep -q '\.tmp-' && fail "temporary files left: $(ls -A | grep tmp-)"
done_tests
