# winnow-strip: a rule that backtracks catastrophically, --removed, site
# templates across runs, a locked templates file, --dump-rules, --drop-empty,
# --model and --explain's features.
. "$SRC/tests/cli/lib.sh"
strip=$bin/winnow-strip
cd "$TMP" || exit 1

body1='The council voted on Tuesday to approve a budget that includes money for road repairs and two new parks.'
body2='Members said the plan would be reviewed in the spring, when the state says how much it will give to the bridge.'
body3='The mayor said she would sign the budget but warned that the cost of the new fire station could still rise.'

# A user rule that backtracks catastrophically on a long line: the record
# passes through unchanged with a warning naming the rule, the next record
# is stripped as usual, and the run ends (in seconds, not hours).
printf 'evil line:100000 en ^(a|aa)+$\n' >evil.rules
long=$(head -c 20000 /dev/zero | tr '\0' a)b
printf '{"id":1,"text":"Advertisement\\n%s"}\n{"id":2,"text":"%s\\nAdvertisement\\n%s\\n%s"}\n' \
    "$long" "$body1" "$body2" "$body3" >evil.jsonl
timeout 120 "$strip" --lang en --rules evil.rules evil.jsonl >out 2>err
expect_eq "evil rule: exit" 0 $?
expect_eq "evil rule: first record unchanged" "$(head -1 evil.jsonl)" "$(head -1 out)"
expect_grep "evil rule: warning" "^winnow-strip: evil.jsonl:1: rule 'evil' (evil.rules:1) pattern hit its backtracking limit: text left as it was$" err
expect_eq "evil rule: second record stripped" \
    "{\"id\":2,\"text\":\"$body1\\n$body2\\n$body3\"}" "$(sed -n 2p out)"

# --removed: one JSON line per cut, with the record's id (or FILE:LINE).
printf '{"id":"a","text":"%s\\nAdvertisement\\n%s\\n%s\\nShare this article"}\n{"text":"%s\\nAdvertisement\\n%s\\n%s"}\n' \
    "$body1" "$body2" "$body3" "$body1" "$body2" "$body3" >page.jsonl
"$strip" --lang en --removed cut.jsonl page.jsonl >out 2>err
expect_eq "removed: exit" 0 $?
expect_eq "removed: lines" 3 "$(wc -l <cut.jsonl)"
expect_grep "removed: by id" '^{"id":"a","line":2,"rule":"ad","text":"Advertisement"}$' cut.jsonl
expect_grep "removed: last line" '^{"id":"a","line":5,"rule":"widget","text":"Share this article"}$' cut.jsonl
expect_grep "removed: by place" '^{"id":"page.jsonl:2","line":2,"rule":"ad","text":"Advertisement"}$' cut.jsonl

# Site templates: a footer line that every page of a site holds goes once
# --min-docs pages held it; the counts carry over to the next run.
page() {	# TOWN: an article of its own, the same footer
	printf '{"id":"%s","text":"The %s council voted on Tuesday to approve a budget with money for roads and parks.\\nFollow the Daily Example for more local news\\nMembers in %s said the plan would be reviewed in the spring, when the state says what it will give.\\nThe mayor of %s said she would sign the budget but warned that the cost of a new fire station could rise."}\n' \
	    "$1" "$1" "$1" "$1"
}
{ page Ashford; page Brookline; } >run1.jsonl
{ page Carlow; page Dunmore; } >run2.jsonl
"$strip" --lang en --templates site.wts --min-docs 3 run1.jsonl >out1 2>err
expect_eq "templates run 1: exit" 0 $?
expect_eq "templates run 1: footer kept" 2 "$(grep -c 'Follow the Daily' out1)"
"$strip" --lang en --templates site.wts --min-docs 3 -v --explain run2.jsonl >out2 2>err
expect_eq "templates run 2: exit" 0 $?
expect_eq "templates run 2: footer removed" 0 "$(grep -c 'for more local news\\n' out2)"
expect_grep "templates run 2: reason" '"stripped":\[{"line":2,"rule":"template","text":"Follow the Daily Example for more local news"}\]' out2
expect_eq "templates run 2: bodies kept" 2 "$(grep -c 'The mayor of' out2)"
expect_grep "templates run 2: summary" 'template lines known' err

# A templates file another run holds: exit 75 at once, or --wait.
if command -v flock >/dev/null 2>&1; then
	# The holder says through a pipe when it holds the lock, and lets it
	# go when told to: no guessing with sleeps.
	mkfifo held release
	(flock 9; echo >held; read -r _ <release) 9>>site.wts.lock &
	holder=$!
	read -r _ <held
	"$strip" --templates site.wts run1.jsonl >/dev/null 2>err
	expect_eq "locked: exit" 75 $?
	expect_grep "locked: message" "locked" err
	"$strip" --templates site.wts --wait=60 run1.jsonl >/dev/null 2>err &
	waiter=$!
	echo >release
	wait $waiter
	expect_eq "locked, --wait: exit" 0 $?
	wait $holder
fi

# A file that is not a templates state is refused, not half-read.
printf 'not a state file' >junk.wts
"$strip" --templates junk.wts run1.jsonl >/dev/null 2>err
expect_eq "junk state: exit" 2 $?

# --dump-rules prints the built-in rules; as a user rule file they give
# the same output as the built-in set.
"$strip" --dump-rules >builtin.rules
expect_eq "dump-rules: exit" 0 $?
expect_grep "dump-rules: a rule" '^copyright' builtin.rules
"$strip" --dump-rules >/dev/full 2>err
expect_eq "dump-rules to /dev/full: exit" 74 $?
expect_grep "dump-rules to /dev/full: message" "^winnow-strip: write error" err
"$strip" --lang en page.jsonl >with-builtin 2>/dev/null
"$strip" --lang en --no-builtin --rules builtin.rules page.jsonl >with-file 2>/dev/null
expect_file_eq "dump-rules round trip" with-builtin with-file

# Usage errors: exit 2 with the option named.
"$strip" --lang jp page.jsonl >/dev/null 2>err
expect_eq "bad --lang: exit" 2 $?
expect_grep "bad --lang: message" "option '--lang' wants ko, en or auto, not 'jp'" err
"$strip" --rules /nonexistent.rules page.jsonl >/dev/null 2>err
expect_eq "missing rule file: exit" 2 $?
expect_grep "missing rule file: message" "cannot open rule file '/nonexistent.rules'" err

# --drop-empty: a record that loses every line is dropped, listed in
# --removed after its cuts, and counted; --keep-empty leaves it whole.
printf '{"id":"e","text":"Advertisement\\nShare this article"}\n{"id":"b","text":"%s\\n%s\\n%s"}\n' \
    "$body1" "$body2" "$body3" >empty.jsonl
"$strip" --lang en --drop-empty --removed cut.jsonl -v empty.jsonl >out 2>err
expect_eq "drop-empty: exit" 0 $?
expect_eq "drop-empty: one record out" 1 "$(wc -l <out)"
expect_grep "drop-empty: the other kept" '"id":"b"' out
expect_eq "drop-empty: removed lines" 3 "$(wc -l <cut.jsonl)"
expect_grep "drop-empty: the record listed" '^{"id":"e","rule":"empty-record"}$' cut.jsonl
expect_grep "drop-empty: counted" '1 dropped (--drop-empty)' err
"$strip" --lang en --keep-empty empty.jsonl >out 2>err
expect_eq "keep-empty: both out" 2 "$(wc -l <out)"
"$strip" --keep-empty --drop-empty empty.jsonl >/dev/null 2>err
expect_eq "keep-empty and drop-empty: exit" 2 $?
expect_grep "keep-empty and drop-empty: message" "do not go together" err

# --model FILE: a model of one's own; its cuts say "model" and, with
# --explain, the features that weighed.  A broken model file is a usage
# error naming the file and line.
cat >hand.model <<'EOF'
winnow-strip-model 3
depth 1
ko threshold 0.5
ko mean under-8-chars 0.2
ko tree 1 under-8-chars<0.5:0 : -4 4
ko tree 2 first-score<0.5:0 : -5 5
en threshold 0.5
en base 1 -3
en base 2 -3
EOF
printf '{"id":"k","text":"%s\\n짧은줄\\n%s"}\n' \
    '정부는 오늘 새 경제 정책을 발표하면서 올해 성장률 전망치를 낮췄다고 밝혔다.' \
    '전문가들은 내수 부진이 이어지면서 하반기에도 경기 회복이 쉽지 않을 것이라고 내다봤다.' >ko.jsonl
"$strip" --model hand.model --explain ko.jsonl >out 2>err
expect_eq "model: exit" 0 $?
expect_grep "model: the cut and its features" '"stripped":\[{"line":2,"rule":"model","text":"짧은줄","features":\["first-score"\]}\]' out
"$strip" --no-model --explain ko.jsonl >out 2>err
expect_eq "no-model: exit" 0 $?
expect_eq "no-model: layout decides" 0 "$(grep -c '"rule":"model"' out)"
sed 's/^ko tree 1 .*/ko tree 1 no-such<0.5:0 : -4 4/' hand.model >bad.model
"$strip" --model bad.model ko.jsonl >/dev/null 2>err
expect_eq "bad model: exit" 2 $?
expect_grep "bad model: message" "^winnow-strip: bad.model:5: split 1 of the tree" err
"$strip" --model /nonexistent.model ko.jsonl >/dev/null 2>err
expect_eq "missing model: exit" 2 $?
expect_grep "missing model: message" "cannot open model file '/nonexistent.model'" err
"$strip" --model hand.model --no-model ko.jsonl >/dev/null 2>err
expect_eq "model and no-model: exit" 2 $?

done_tests
