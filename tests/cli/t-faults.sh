# Injected faults (strace's fault injection, and the WINNOW_FAIL_ALLOC hook
# of lib/util): a write error anywhere in -o FILE leaves FILE as it was and
# exits 74; ENOSPC or EIO at any write of a state save (dedupe, strip
# templates), or a failed fsync or rename, leaves the old state loadable;
# a read error on an input names the file; an allocation that fails ends
# any filter with "out of memory" and exit 71, never a crash.
. "$SRC/tests/cli/lib.sh"
cd "$TMP" || exit 1
# LeakSanitizer cannot run under ptrace, and a run that dies of its
# failed allocation leaks what it held by design.
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
export ASAN_OPTIONS

# The calls of a file in an strace log (strace -f -e trace=openat,CALL):
# after the last openat of a path matching NAME, the CALLs on the
# descriptor it gave.  nth_call LOG CALL NAME K prints the index among all
# CALL lines of the log (what inject=...:when= counts) of the K-th of them
# (K may be "last"); count_calls LOG CALL NAME prints how many there are.
file_calls() {
	awk -v call="$2" -v name="$3" '
	    $2 ~ "^openat\\(" && $0 ~ name { fd = $NF; mark = n; next }
	    $2 ~ "^" call "\\(" { n++; line[n] = $2 }
	    END {
		for (i = mark + 1; i <= n; i++)
			if (fd != "" && index(line[i], call "(" fd ",") == 1) print i }' "$1"
}
nth_call() {
	if [ "$4" = last ]; then
		file_calls "$1" "$2" "$3" | tail -1
	else
		file_calls "$1" "$2" "$3" | sed -n "$4p"
	fi
}
count_calls() {
	file_calls "$1" "$2" "$3" | wc -l
}

# Several output buffers' worth of records (about 2.6 MB).
awk 'BEGIN { for (i = 0; i < 30000; i++)
    printf "{\"id\":%d,\"text\":\"record %d, a line long enough to fill the output buffers\"}\n", i, i }' >big.jsonl

if [ -n "${VALGRIND:-}" ]; then
	echo "skip: the strace parts under valgrind (its own calls would be hit)"
elif strace -f -o /dev/null true 2>/dev/null; then
	# -o FILE: the first, a middle and the last write of the output fail.
	printf 'the old output\n' >out.jsonl
	cp out.jsonl out.orig
	strace -f -o trace -e trace=openat,write "$bin/winnow-norm" -o out.jsonl big.jsonl
	last=$(nth_call trace write '\.out\.jsonl\.' last)
	mid=$(nth_call trace write '\.out\.jsonl\.' 5)
	first=$(nth_call trace write '\.out\.jsonl\.' 1)
	[ -n "$mid" ] || fail "-o: no writes to the temporary file seen"
	cp out.orig out.jsonl
	for k in $first $mid $last; do
		for err in ENOSPC EIO; do
			strace -f -o /dev/null -e trace=write -e inject=write:error=$err:when=$k \
			    "$bin/winnow-norm" -o out.jsonl big.jsonl 2>err
			expect_eq "-o, $err at write $k: exit" 74 $?
			expect_file_eq "-o, $err at write $k: FILE untouched" out.orig out.jsonl
			expect_grep "-o, $err at write $k: message" "write error on 'out.jsonl'" err
			[ "$k" = "$last" ] || expect_grep "-o, $err at write $k: said so" \
			    "'out.jsonl' left unchanged" err
		done
	done
	for fault in fsync:error=EIO:when=1 fsync:error=ENOSPC:when=1 rename:error=EIO \
	    rename:error=ENOSPC; do
		strace -f -o /dev/null -e trace="${fault%%:*}" -e inject="$fault" \
		    "$bin/winnow-norm" -o out.jsonl big.jsonl 2>err
		expect_eq "-o, $fault: exit" 74 $?
		expect_file_eq "-o, $fault: FILE untouched" out.orig out.jsonl
	done
	[ "$(ls -A | grep -c '^\.out\.jsonl\.')" = 0 ] || fail "-o: a temporary file was left"

	# Every filter: a write error in the middle of its -o FILE.
	for f in $(filters); do
		strace -f -o trace -e trace=openat,write "$bin/$f" -o out.jsonl big.jsonl
		n=$(count_calls trace write '\.out\.jsonl\.')
		k=$(nth_call trace write '\.out\.jsonl\.' $(((n + 1) / 2)))
		cp out.orig out.jsonl
		strace -f -o /dev/null -e trace=write -e inject=write:error=ENOSPC:when=$k \
		    "$bin/$f" -o out.jsonl big.jsonl 2>err
		expect_eq "$f -o, ENOSPC at write $k of $n: exit" 74 $?
		expect_file_eq "$f -o, ENOSPC: FILE untouched" out.orig out.jsonl
		expect_grep "$f -o, ENOSPC: message" "No space left on device" err
	done

	# A read error on an input names it (the records before it are kept).
	for f in winnow-norm winnow-read; do
		strace -f -o trace -e trace=openat,read "$bin/$f" big.jsonl >/dev/null
		k=$(nth_call trace read '"big\.jsonl"' 2)
		strace -f -o /dev/null -e trace=read -e inject=read:error=EIO:when=$k \
		    "$bin/$f" big.jsonl >/dev/null 2>err
		expect_eq "$f read error: exit" 74 $?
		expect_grep "$f read error: message" "read error on 'big.jsonl': Input/output error" err
	done
	gzip -c big.jsonl >big.jsonl.gz
	strace -f -o trace -e trace=openat,read "$bin/winnow-norm" big.jsonl.gz >/dev/null
	k=$(nth_call trace read 'big\.jsonl\.gz' 2)
	strace -f -o /dev/null -e trace=read -e inject=read:error=EIO:when=$k \
	    "$bin/winnow-norm" big.jsonl.gz >/dev/null 2>err
	expect_eq "gzip read error: exit" 74 $?
	expect_grep "gzip read error: message" "read error on 'big.jsonl.gz'" err

	# State saves: ENOSPC and EIO at every write of the save, a failed
	# fsync or rename: exit 74 naming the state, the old state byte for
	# byte, no temporary file, and the next run loads it.
	awk 'BEGIN { for (i = 0; i < 20000; i++)
	    printf "{\"text\":\"paragraph %d of the first run, long enough to be judged\\nfooter line seen everywhere\"}\n", i }' >a.jsonl
	awk 'BEGIN { for (i = 0; i < 20000; i++)
	    printf "{\"text\":\"paragraph %d of the second run, long enough to be judged\\nfooter line seen everywhere\"}\n", i }' >b.jsonl
	for f in "winnow-dedupe --state" "winnow-strip --templates"; do
		prog=${f%% *} opt=${f#* }
		rm -f st st.lock
		"$bin/$prog" $opt st a.jsonl >/dev/null || fail "$prog: first run"
		cp st st.orig
		strace -f -o trace -e trace=openat,write "$bin/$prog" $opt st b.jsonl >/dev/null
		cmp -s st st.orig && fail "$prog: the second run did not save"
		cp st.orig st
		n=$(count_calls trace write '\.st\.tmp-')
		[ "$n" -gt 0 ] || fail "$prog: no writes to the state's temporary file seen"
		i=1
		while [ "$i" -le "$n" ]; do
			k=$(nth_call trace write '\.st\.tmp-' $i)
			for err in ENOSPC EIO; do
				strace -f -o /dev/null -e trace=write -e inject=write:error=$err:when=$k \
				    "$bin/$prog" $opt st b.jsonl >/dev/null 2>err
				expect_eq "$prog, $err at state write $i of $n: exit" 74 $?
				expect_grep "$prog, $err at state write $i: message" "'st'" err
				expect_file_eq "$prog, $err at state write $i: old state" st.orig st
			done
			i=$((i + 1))
		done
		for fault in fsync:error=EIO:when=1 rename:error=EIO; do
			strace -f -o /dev/null -e trace="${fault%%:*}" -e inject="$fault" \
			    "$bin/$prog" $opt st b.jsonl >/dev/null 2>err
			expect_eq "$prog, $fault: exit" 74 $?
			expect_file_eq "$prog, $fault: old state" st.orig st
		done
		[ "$(ls -A | grep -c '^\.st\.tmp-')" = 0 ] || fail "$prog: a temporary state file was left"
		"$bin/$prog" $opt st a.jsonl >/dev/null 2>err
		expect_eq "$prog: the old state loads after the faults" 0 $?
	done
else
	echo "skip: strace cannot trace here (the strace parts)"
fi

# WINNOW_FAIL_ALLOC=N for N = 1, 2, ... ALLOC_DENSE (10), then growing by
# N / ALLOC_STRIDE (2) until the run succeeds (make check-slow: 400 and 16;
# ALLOC_DENSE=all tries every N): "out of memory", exit 71, never a crash.
# State files stay whole.
printf '%s\n' \
    '{"id":1,"text":"삼성전자는 3일 서울에서 5,000억 달러(약 700조 원)를 발표했다.\n저작권자 © 한결일보 무단전재 및 재배포 금지"}' \
    '{"id":2,"text":"Apple Inc. said $38 billion in New York.\nCopyright 2024 Example News. All rights reserved."}' \
    'not json' '{"id":3}' '{"id":1,"text":"삼성전자는 3일 서울에서 5,000억 달러(약 700조 원)를 발표했다."}' >small.jsonl
printf 'x' >small.txt
for f in $(filters); do
	extra=
	case $f in
	winnow-dedupe) extra="--state st2" ;;
	winnow-strip) extra="--templates st2" ;;
	esac
	rm -f st2 st2.lock
	if [ -n "$extra" ]; then
		"$bin/$f" $extra --rejects rej.jsonl small.jsonl >/dev/null 2>&1 &&
		    cp st2 st2.orig
	fi
	n=1 ok=0
	while [ $n -le 100000 ]; do
		rm -f rej.jsonl
		WINNOW_FAIL_ALLOC=$n "$bin/$f" $extra --rejects rej.jsonl small.jsonl >/dev/null 2>err
		rc=$?
		if [ $rc = 0 ]; then
			ok=1
			break
		fi
		if [ $rc != 71 ] || ! grep -q "^$f: \(.*: \)\{0,1\}out of memory$" err ||
		    grep -q -e 'Sanitizer' -e 'runtime error' err; then
			fail "$f, allocation $n fails: exit $rc: $(head -c 300 err)"
			break
		fi
		[ -n "$extra" ] && ! cmp -s st2 st2.orig && {
			fail "$f, allocation $n fails: the state changed"; break; }
		if [ "${ALLOC_DENSE:-10}" = all ] || [ $n -lt "${ALLOC_DENSE:-10}" ]; then
			n=$((n + 1))
		else
			n=$((n + (n + ${ALLOC_STRIDE:-2} - 1) / ${ALLOC_STRIDE:-2}))
		fi
	done
	[ $ok = 1 ] || [ $failed = 1 ] || fail "$f: never succeeded under the allocation hook"
done

done_tests
