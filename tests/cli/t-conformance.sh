# JSONTestSuite (../shared/conformance/json-test-suite): every single-line
# y_ object is accepted and written back byte for byte; every non-blank
# single-line n_ file is a bad line.  Each single-line file is also run
# wrapped as {"v":...}: y_ accepted, n_ refused, and i_ (either is allowed)
# as decided below.  Multi-line files are left out: a JSON Lines record is
# one line by definition.  Files of a kind are batched into one input, one
# line each, and run with --rejects: a refused line must land in the reject
# file, an accepted one on stdout, so the counts tell every file's fate.
. "$SRC/tests/cli/lib.sh"
suite=$SRC/../shared/conformance/json-test-suite
if [ ! -d "$suite" ]; then
	echo "skip: $suite not found (no ../shared here)"
	exit 0
fi
norm=$bin/winnow-norm
cd "$TMP" || exit 1

# i_ files accepted when wrapped; every other i_ file is refused (invalid
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

# Sort the single-line, non-blank files into batches, one line per file.
ACCEPT_I=$accept_i perl -e '
	my %acc = map { $_ => 1 } split " ", $ENV{ACCEPT_I};
	my %fh;
	for my $k (qw(y_obj y_other n n_bom y_wrap n_wrap i_acc i_rej)) {
		open($fh{$k}, ">", "$k.jsonl") or die;
		binmode $fh{$k};
	}
	for my $f (sort glob("$ARGV[0]/[yni]_*.json")) {
		(my $name = $f) =~ s{.*/|\.json$}{}g;
		open(my $in, "<", $f) or die; binmode $in;
		local $/; my $s = <$in>; close $in;
		$s =~ s/\n\z//;
		next if $s =~ /\n/;		# multi-line
		next if $s =~ /^[ \t\r\n]*\z/;	# blank
		my $w = "{\"v\":$s}\n";
		if ($name =~ /^y_/) {
			print { $fh{$s =~ /^[ \t\r]*\{/ ? "y_obj" : "y_other"} } "$s\n";
			print { $fh{y_wrap} } $w;
		} elsif ($name =~ /^n_/) {
			# A BOM and nothing else only means something at an input start.
			print { $fh{$name eq "n_structure_UTF8_BOM_no_data" ? "n_bom" : "n"} } "$s\n";
			print { $fh{n_wrap} } $w;
		} else {
			print { $fh{$acc{$name} ? "i_acc" : "i_rej"} } $w;
		}
	}
' "$suite" || { echo "perl failed"; exit 1; }

# batch NAME WANT-OUT WANT-REJECTED: run the batch, count both sides.
batch() {
	rm -f rej.jsonl
	timeout 60 "$norm" --rejects rej.jsonl "$1.jsonl" >out.jsonl 2>err
	rc=$?
	expect_eq "$1: exit" 0 $rc
	expect_eq "$1: lines accepted" "$2" "$(wc -l <out.jsonl)"
	expect_eq "$1: lines refused" "$3" "$( [ -e rej.jsonl ] && wc -l <rej.jsonl || echo 0)"
}
lines() { wc -l <"$1.jsonl"; }

ny=$(lines y_obj) nn=$(lines n) ni=$(($(lines i_acc) + $(lines i_rej)))
batch y_obj "$ny" 0
expect_file_eq "y_ objects written back as read" y_obj.jsonl out.jsonl
batch y_other 0 "$(lines y_other)"		# valid JSON, not objects
batch n 0 "$nn"
batch y_wrap "$(lines y_wrap)" 0
batch n_wrap 0 "$(lines n_wrap)"
batch i_acc "$(lines i_acc)" 0
batch i_rej 0 "$(lines i_rej)"
# The BOM case alone, as an input of its own: refused, exit 65.
"$norm" "$suite/n_structure_UTF8_BOM_no_data.json" >/dev/null 2>err
expect_eq "n_structure_UTF8_BOM_no_data: exit" 65 $?

echo "conformance: $ny y_ objects, $(lines y_other) other y_, $((nn + 1)) n_, $ni i_ single-line files"
[ "$(lines y_wrap)" -gt 90 ] && [ "$nn" -gt 150 ] && [ "$ni" -gt 30 ] ||
	fail "too few files found"
done_tests
