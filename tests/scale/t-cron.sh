# scripts/cron-example over two days: day 2 drops what day 1 kept; a
# failed run changes nothing; a second run at once is told the lock is held.
. "$SRC/tests/cli/lib.sh"
cd "$TMP" || exit 1
PATH=$bin:$PATH
export PATH
job=$SRC/scripts/cron-example
mkdir inbox out var
sample=$SRC/data/sample

# paragraphs FILE: the text lines of the records that dedupe judges (a
# key weight of 20: a Hangul character weighs 2, a Latin letter or digit
# 1; spaces and punctuation nothing), with a margin for punctuation this
# rough count weighs.
paragraphs() {
	jq -r .text "$1" | LC_ALL=C awk '{
		s = $0; w = gsub(/[A-Za-z0-9]/, "", s); w += gsub(/[\200-\377]/, "", s) * 2 / 3
		if (w >= 30) print
	}' | sort -u
}

# Day 1: ten pages.
cp "$sample"/0[1-9]-*.txt "$sample"/10-*.txt inbox/
WINNOW_DATE=day1 bash "$job" inbox out var
expect_eq "day 1: exit" 0 $?
expect_eq "day 1: ten records" 10 "$(wc -l <out/day1.jsonl)"
expect_eq "day 1: pages moved to done" 10 "$(ls inbox/done/day1 | wc -l)"
expect_eq "day 1: inbox empty" 0 "$(find inbox -maxdepth 1 -type f | wc -l)"
expect_grep "day 1: logged" "ok: 10 pages" var/log/day1.log
[ -s var/seen.wds ] || fail "day 1: no state"

# Day 2: pages 08-15, three of them seen yesterday, and page 01 again with
# a new paragraph in its body.
cp "$sample"/0[89]-*.txt "$sample"/1[0-5]-*.txt inbox/
new='세온반도체는 이번 계약과 별도로 유럽 통신사 두 곳과도 차세대 메모리 공급 협상을 벌이고 있다고 이날 밝혔다.'
awk -v new="$new" '{ print } /^노스게이트는 지난 8월/ { print new }' "$sample"/01-*.txt \
    >inbox/01-again.txt
WINNOW_DATE=day2 bash "$job" inbox out var
expect_eq "day 2: exit" 0 $?
expect_eq "day 2: nine records" 9 "$(wc -l <out/day2.jsonl)"
paragraphs out/day1.jsonl >kept1
paragraphs out/day2.jsonl >kept2
[ -s kept1 ] && [ -s kept2 ] || fail "no paragraphs to compare"
expect_eq "day 2 keeps nothing day 1 kept" "" "$(comm -12 kept1 kept2)"
expect_grep "day 2 keeps the new paragraph" "유럽 통신사 두 곳과도" kept2
jq 'select(.id | test("/0[89]-|/10-"))' out/day2.jsonl >seen-again.jsonl
expect_eq "day 2: pages seen yesterday keep no paragraph" "" "$(paragraphs seen-again.jsonl)"
# Day 2 alone (no state) would have kept them: the test can fail.
winnow-read --by file inbox/done/day2/*.txt | winnow-norm | winnow-dedupe >alone.jsonl
paragraphs alone.jsonl >kept-alone
[ -n "$(comm -12 kept1 kept-alone)" ] || fail "day 2 shares nothing with day 1: a weak test"

# Nothing new: exit 0, said so.
WINNOW_DATE=day3 bash "$job" inbox out var
expect_eq "empty inbox: exit" 0 $?
expect_grep "empty inbox: logged" "no new pages" var/log/day3.log

# Another run holds the lock: 75 at once, nothing touched.
cp "$sample"/16-*.txt inbox/
cp var/seen.wds seen.before
mkfifo held release	# the holder says when it holds the lock, and waits to be let go
(flock 9; echo >held; read -r _ <release) 9>>var/lock &
holder=$!
read -r _ <held
WINNOW_DATE=day3 bash "$job" inbox out var
expect_eq "locked: exit" 75 $?
echo >release
wait $holder
expect_grep "locked: logged" "another run holds" var/log/day3.log

# A stage fails (a full disk, say): its status, nothing committed.
mkdir fake
printf '#!/bin/sh\ncat >/dev/null; echo "winnow-norm: write error: No space left on device" >&2; exit 74\n' \
    >fake/winnow-norm
chmod +x fake/winnow-norm
PATH=$TMP/fake:$PATH WINNOW_DATE=day4 bash "$job" inbox out var
expect_eq "failed stage: exit" 74 $?
expect_file_eq "failed stage: state unchanged" seen.before var/seen.wds
[ -e out/day4.jsonl ] && fail "failed stage: output written"
expect_eq "failed stage: no temporary left" "" "$(ls -A out | grep -v '^day[12].jsonl$')"
expect_eq "failed stage: page left in the inbox" 1 "$(find inbox -maxdepth 1 -type f | wc -l)"
expect_grep "failed stage: logged" "FAILED: winnow-norm exited 74" var/log/day4.log

# The next run takes it.
WINNOW_DATE=day4 bash "$job" inbox out var
expect_eq "after the failure: exit" 0 $?
expect_eq "after the failure: one record" 1 "$(wc -l <out/day4.jsonl)"
done_tests
