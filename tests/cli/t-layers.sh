# make check-layers: the tree keeps its layers, and the check fails when a
# rule is broken (each rule planted in a copy of the tree).
. "$SRC/tests/cli/lib.sh"
check=$SRC/scripts/check-layers
cd "$TMP" || exit 1

"$check" "$SRC" >out 2>&1
expect_eq "the tree: check-layers passes" 0 $?
[ -s out ] && fail "the tree: check-layers printed: $(head -5 out)"

# copy_plant FILE LINE: a fresh copy of lib/ and cmd/ with LINE appended
# to FILE; then check-layers over it, its output in $TMP/planted.
copy_plant() {
	rm -rf "$TMP/tree"
	mkdir -p "$TMP/tree"
	cp -R "$SRC/lib" "$SRC/cmd" "$TMP/tree/"
	printf '%s\n' "$2" >>"$TMP/tree/$1"
	"$check" "$TMP/tree" >"$TMP/planted" 2>&1
}

# plant FILE LINE WANT: check-layers must fail and name FILE and WANT.
plant() {
	copy_plant "$1" "$2"
	expect_eq "planted in $1 ($3): exit" 1 $?
	expect_grep "planted in $1: the message" "^$1:[0-9]*: .*$3" "$TMP/planted"
}

plant lib/core/util.c '#include "record/rec.h"' "core/ includes only core/"
plant lib/record/io.c '#include "strip/strip.h"' "record/ includes only core/ and record/"
plant lib/money/scan.c '#include "ner/ner.h"' "an engine includes only core/ and money/"
plant lib/stats/stats.c '#include "record/rec.h"' "an engine includes only core/ and stats/"
plant cmd/winnow-strip.c '#include "strip/internal.h"' "internal header"
plant cmd/winnow-stats.c '#include "stats/statpage.h"' "only its public header stats/stats.h"
plant cmd/winnow-tag.c '#include "ner/viterbi.h"' "only its public header ner/ner.h"
plant lib/norm/norm.c '#include "buf.h"' "without its folder"
plant lib/dedupe/dedupe.c 'static void f(void) { exit(1); }' "only cmd/ decides to exit"
plant lib/core/buf.c 'static void g(void) { abort(); }' "only cmd/ decides to exit"
plant cmd/winnow-norm.c 'static void f(void) { exit(1); }' "exit in a filter driven by cli_main"
# A long file in lib/: only a generated table may be one.
copy_plant lib/norm/norm.c "$(seq 1200 | sed 's/.*/\/* & *\//')"
expect_eq "planted in lib/norm/norm.c (1,200 more lines): exit" 1 $?
expect_grep "planted in lib/norm/norm.c: the message" "^lib/norm/norm.c:[0-9]*: over 1,200 lines" "$TMP/planted"
grep -q 'entities\.c\|money_names\.c' "$TMP/planted" &&
	fail "a generated table was called too long: $(cat "$TMP/planted")"
# A command with its own main loop (no cli_main) may exit.
copy_plant cmd/winnow-tag-train.c 'static void f(void) { exit(1); }'
expect_eq "exit in a command without cli_main: exit" 0 $?
# A word in a comment or a string is not a call.
copy_plant lib/norm/norm.c '/* the loop may exit(1) here */ static const char *m = "exit(2)";'
expect_eq "a comment or string naming exit: exit" 0 $?
done_tests
