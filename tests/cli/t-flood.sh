# Hash flooding (make check-slow; FLOOD=1): paragraphs built so that an
# unkeyed XXH3 -- the hash winnow-dedupe and strip's template table use,
# keyed by their state's secret seed -- gives them all the same low 13
# bits, fed to both.  tests/collide shows the input is hostile (an unkeyed
# table probes hundreds of times more for it than for random paragraphs);
# the filters must take about as long on it as on random paragraphs of the
# same shape: no quadratic blow-up.
. "$SRC/tests/cli/lib.sh"
cd "$TMP" || exit 1
if [ "${FLOOD:-0}" != 1 ]; then
	echo "skip: make check-slow runs the hash-flooding test"
	done_tests
fi
collide=$SRC/${BUILD%/valgrind}/tests/collide
n=${FLOOD_N:-20000}

# ms CMD...: the fastest of three runs of CMD, in milliseconds.
ms() {
	best=
	for i in 1 2 3; do
		t0=$(date +%s%N)
		"$@" >/dev/null 2>&1
		t1=$(date +%s%N)
		t=$(((t1 - t0) / 1000000))
		[ -z "$best" ] || [ "$t" -lt "$best" ] && best=$t
	done
	echo "$best"
}

# probes LOG: what collide said an unkeyed table would probe.
probes() {
	sed -n 's/.* probes \([0-9]*\) times.*/\1/p' "$1"
}

# WIDE NAME CMD...: generate, check the input is hostile, time CMD on both.
flood() {
	wide=$1 name=$2
	shift 2
	"$collide" "$n" 13 "$wide" >one.jsonl 2>collide.log
	"$collide" "$n" 13 "$wide" random >base.jsonl 2>base.log
	hostile=$(probes collide.log) plain=$(probes base.log)
	[ "$hostile" -gt $((20 * plain)) ] ||
	    fail "$name: the colliding input is not hostile ($hostile vs $plain probes)"
	# Each paragraph once, then seen again four times.
	for i in 1 2 3 4 5; do cat one.jsonl; done >collide.jsonl
	for i in 1 2 3 4 5; do cat base.jsonl; done >random.jsonl
	tc=$(ms "$@" collide.jsonl)
	tr=$(ms "$@" random.jsonl)
	echo "$name: $((5 * n)) records, colliding ${tc} ms, random ${tr} ms" \
	    "(an unkeyed table: $hostile vs $plain probes)"
	[ "$tc" -le $((2 * tr + 200)) ] ||
	    fail "$name: colliding paragraphs took ${tc} ms, random ones ${tr} ms"
}

flood 128 winnow-dedupe "$bin/winnow-dedupe"
"$bin/winnow-dedupe" -v collide.jsonl 2>err >/dev/null
expect_grep "winnow-dedupe: every repeat dropped" "dropped $((4 * n)) exact" err
flood 128 "winnow-dedupe --near" "$bin/winnow-dedupe" --near 0.8
flood 64 "winnow-strip --min-docs 2" "$bin/winnow-strip" --min-docs 2
rm -f st st.lock
flood 64 "winnow-strip --templates" "$bin/winnow-strip" --min-docs 2 --templates st

done_tests
