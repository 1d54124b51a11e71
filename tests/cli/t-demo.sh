# make demo reads as a person reads it: at any terminal width every line
# fits (Hangul counted two columns, as wcwidth does), no character is cut
# in two, each line winnow-strip removed is shown with its rule and each
# paragraph winnow-dedupe dropped with its reason, and it needs no jq.
. "$SRC/tests/cli/lib.sh"
cd "$TMP" || exit 1
# A copy of the tree's scripts and data, so the demo writes here.
mkdir -p tree/scripts tree/data
cp "$SRC/scripts/demo" "$SRC/scripts/demo-view.awk" tree/scripts/
cp -r "$SRC/data/sample" tree/data/
ln -s "$bin" tree/b
mkdir nojq
for w in 50 80 132; do
	# PATH without jq: the demo uses the programs and POSIX tools only.
	COLUMNS=$w BUILD=b PATH="$TMP/nojq:/usr/bin:/bin" sh tree/scripts/demo >demo-$w.txt 2>err.txt
	expect_eq "demo at $w columns: exit" 0 $?
	python3 - "$w" demo-$w.txt <<'PY' || fail "demo at $w columns: $(cat width.err)"
import sys, unicodedata
w = int(sys.argv[1])
data = open(sys.argv[2], 'rb').read()
try:
    text = data.decode('utf-8')
except UnicodeDecodeError as e:
    open('width.err', 'w').write('invalid UTF-8 at byte %d' % e.start)
    sys.exit(1)
for n, line in enumerate(text.split('\n'), 1):
    cols = sum(0 if unicodedata.combining(c) else
               2 if unicodedata.east_asian_width(c) in 'WF' else 1 for c in line)
    if cols > w:
        open('width.err', 'w').write('line %d is %d columns: %s' % (n, cols, line))
        sys.exit(1)
PY
done
out=tree/b/demo
cuts=$(wc -l <$out/cuts.jsonl)
dups=$(wc -l <$out/dups.jsonl)
[ "$cuts" -gt 100 ] && [ "$dups" -gt 5 ] || fail "too few cuts ($cuts) or drops ($dups) to judge"
expect_eq "every cut shown with its rule" "$cuts" "$(grep -c '^  - ' demo-132.txt)"
expect_eq "every drop shown with its reason" "$dups" "$(grep -c '^  = ' demo-132.txt)"
expect_grep "a rule and its line" '^  - copyright .*│ \[ⓒ 누리경제' demo-132.txt
expect_grep "a drop and the page that held it first" '^  = exact .*\[05-barun-wire-battery\]' demo-132.txt
expect_grep "amounts per page" '^  money: .*= KRW ' demo-132.txt
expect_grep "entities per page" '^  entities: ' demo-132.txt
# The bar stands at the same column on every row, whatever the text.
python3 -c '
import sys, unicodedata
cols = lambda s: sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
print(len({cols(l.split("\u2502")[0]) for l in open(sys.argv[1], encoding="utf-8")
           if l.startswith(("  - ", "  = "))}))' demo-80.txt >bars.txt
expect_eq "the bar's column" 1 "$(cat bars.txt)"
expect_grep "the web page" '<tr class="dup">' $out/removed.html
done_tests
