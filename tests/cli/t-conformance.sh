# JSONTestSuite (../shared/conformance/json-test-suite): every single-line
# y_ object is accepted and written back byte for byte; every non-blank
# single-line n_ file is a bad line (exit 65).  Each single-line file is also
# run wrapped as {"v":...}: y_ accepted, n_ rejected, and i_ (either is
# allowed) checked against the decisions below.  Multi-line files are left
# out: a JSON Lines record is one line by definition.
suite=$SRC/../shared/conformance/json-test-suite
if [ ! -d "$suite" ]; then
	echo "skip: $suite not found (no ../shared here)"
	exit 0
fi
norm=$SRC/$BUILD/winnow-norm
fail=0 ny=0 nn=0 ni=0

# i_ files we accept when wrapped; every other i_ file is refused (invalid
# UTF-8, overlong forms, UTF-16 input, a BOM inside the line).  Huge numbers
# are accepted: values are kept as their bytes, never converted.  Lone
# surrogate escapes are accepted and decode to U+FFFD.
accept_i="i_number_double_huge_neg_exp i_number_huge_exp i_number_neg_int_huge_exp
i_number_pos_double_huge_exp i_number_real_neg_overflow i_number_real_pos_overflow
i_number_real_underflow i_number_too_big_neg_int i_number_too_big_pos_int
i_number_very_big_negative_int i_object_key_lone_2nd_surrogate
i_string_1st_surrogate_but_2nd_missing i_string_1st_valid_surrogate_2nd_invalid
i_string_incomplete_surrogate_and_escape_valid i_string_incomplete_surrogate_pair
i_string_incomplete_surrogates_escape_valid i_string_invalid_lonely_surrogate
i_string_invalid_surrogate i_string_inverted_surrogates_U+1D11E
i_string_lone_second_surrogate i_structure_500_nested_arrays"

for f in "$suite"/[yni]_*.json; do
	name=$(basename "$f" .json)
	# Single-line only: no newline except perhaps one at the very end.
	[ "$(head -c -1 "$f" | tr -cd '\n' | wc -c)" -eq 0 ] || continue
	[ "$(tr -d ' \t\r\n' <"$f" | wc -c)" -eq 0 ] && continue	# blank
	python_obj=0
	case $(tr -d ' \t\r\n' <"$f" | head -c 1) in '{') python_obj=1 ;; esac
	case $name in
	y_*)
		ny=$((ny + 1))
		if [ $python_obj = 1 ]; then
			timeout 10 "$norm" <"$f" >"$TMP/out" 2>"$TMP/err"
			rc=$?
			# Byte for byte, but for the line end (LF) and a BOM.
			if [ $rc != 0 ] || ! cmp -s "$TMP/out" "$f" && \
			    [ "$(cat "$TMP/out")" != "$(cat "$f")" ]; then
				echo "y_ object refused or changed: $name ($(cat "$TMP/err"))"; fail=1
			fi
		fi
		;;
	n_*)
		nn=$((nn + 1))
		timeout 10 "$norm" <"$f" >/dev/null 2>"$TMP/err"
		rc=$?
		if [ $rc != 65 ]; then
			echo "n_ file not refused (exit $rc): $name"; fail=1
		elif ! grep -q '^winnow-norm: <stdin>:1: .* (byte [0-9]*)$' "$TMP/err"; then
			echo "n_ file: unexpected message: $name: $(cat "$TMP/err")"; fail=1
		fi
		;;
	esac
	{ printf '{"v":'; tr -d '\n' <"$f"; printf '}\n'; } >"$TMP/wrapped"
	timeout 10 "$norm" <"$TMP/wrapped" >/dev/null 2>&1
	rc=$?
	case $name in
	y_*) want=0 ;;
	n_*) want=65 ;;
	i_*)
		ni=$((ni + 1))
		want=65
		for a in $accept_i; do [ "$a" = "$name" ] && want=0; done
		;;
	esac
	if [ $rc != $want ]; then
		echo "wrapped $name: exit $rc, want $want"; fail=1
	fi
done
echo "conformance: $ny y_, $nn n_, $ni i_ single-line files checked"
[ $ny -gt 90 ] && [ $nn -gt 150 ] || { echo "too few files found"; fail=1; }
exit $fail
