# winnow-pii on the generated test split (tests/pii/README.md): the
# targets of recall and precision hold.  Needs ../shared; skips without.
. "$SRC/tests/cli/lib.sh"
shared=${WINNOW_SHARED:-$SRC/../shared}
if [ ! -d "$shared/data/korean-news" ] || ! command -v python3 >/dev/null; then
	echo "skip: $shared/data or python3 not found: the PII test set is made from the shared news"
	exit 0
fi
if [ -n "${VALGRIND:-}" ]; then
	echo "skip: under valgrind (17,000 records): the golden cases cover the program"
	exit 0
fi
"$SRC/tests/pii/gen-testset" --shared "$shared" test >"$TMP/set.jsonl" 2>/dev/null ||
    fail "gen-testset failed"
"$bin/winnow-pii" "$TMP/set.jsonl" >"$TMP/out.jsonl" || fail "winnow-pii failed"
"$SRC/tests/pii/score" "$TMP/set.jsonl" "$TMP/out.jsonl" --check >"$TMP/score" ||
    { fail "targets missed"; cat "$TMP/score"; }
done_tests
