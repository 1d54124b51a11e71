# Helpers for tests/cli/t-*.sh: source "$SRC/tests/cli/lib.sh".
# BUILD, SRC and TMP are set by tests/cli/run.
bin=$SRC/$BUILD
failed=0

# fail MESSAGE: note a failure, go on.
fail() {
	echo "FAIL: $*"
	failed=1
}

# expect_eq WHAT WANT GOT
expect_eq() {
	[ "$2" = "$3" ] || fail "$1: want '$2', got '$3'"
}

# expect_file_eq WHAT WANT_FILE GOT_FILE: byte for byte, with a diff.
expect_file_eq() {
	if ! cmp -s "$2" "$3"; then
		fail "$1 differs:"
		diff "$2" "$3" | head -10
	fi
}

# expect_grep WHAT PATTERN FILE
expect_grep() {
	grep -q -- "$2" "$3" || fail "$1: no '$2' in: $(head -c 300 "$3")"
}

# done_tests: the exit status of the test.
done_tests() {
	exit $failed
}

# filters: the programs in $bin that are record filters (they take the
# common options: --rejects is one), so tests cover filters added later.
filters() {
	for f in "$bin"/winnow-*; do
		[ -x "$f" ] && "$f" --help 2>/dev/null | grep -q -- '--rejects' &&
		    basename "$f"
	done
}
