# winnow-strip-train: the same pages give the same model; the model it
# writes is one winnow-strip reads and follows; bad labels are bad input;
# --cross-validate writes each page stripped by a model that never saw its
# site.
. "$SRC/tests/cli/lib.sh"
train=$bin/winnow-strip-train
strip=$bin/winnow-strip
cd "$TMP" || exit 1

# Pages of three sites: menus above, an article, a footer; every line
# labelled (1 keep, 0 drop).
page() {	# SITE K
	printf '{"id":"%s-%s","site":"%s","lang":"ko","text":"정치\\n경제\\n사회\\n국제 %s\\n정부는 오늘 새 경제 정책을 발표하면서 올해 성장률 전망치를 낮췄다고 밝혔다.\\n전문가들은 내수 부진이 이어지면서 하반기에도 경기 회복이 쉽지 않을 것이라고 내다봤다.\\n관련 부처들은 세부 방안을 협의하고 있는 것으로 알려졌다 %s.\\n회사소개 광고문의\\n","labels":[0,0,0,0,1,1,1,0,null]}\n' \
	    "$1" "$2" "$1" "$2" "$2"
}
for s in a.example b.example c.example; do
	for k in 1 2 3; do page $s $k; done
done >pages.jsonl

"$train" --trees 10 --depth 2 --folds 2 -v -o m1.model pages.jsonl 2>err
expect_eq "train: exit" 0 $?
expect_grep "train: summary" '72 labelled lines for the model (27 body, 45 boilerplate) from 9 pages of 3 sites' err
"$train" --trees 10 --depth 2 --folds 2 pages.jsonl >m2.model 2>/dev/null
expect_file_eq "train: the same bytes again" m1.model m2.model
expect_grep "train: a model" '^winnow-strip-model 3$' m1.model

# The model it wrote: winnow-strip keeps the article, cuts the menus.
page d.example 9 | "$strip" --model m1.model >out 2>err
expect_eq "strip with it: exit" 0 $?
expect_grep "strip with it: article kept" '정부는 오늘 새 경제 정책을' out
expect_eq "strip with it: menus cut" 0 "$(grep -c '정치\\n경제' out)"

# Labels that are no array of 1, 0 and null, or past the end of the text,
# are bad input: exit 65 naming the line, or saved with --rejects.
{ page a.example 1; printf '{"text":"a\\nb","labels":[1,"x"]}\n'; } >bad.jsonl
"$train" bad.jsonl >/dev/null 2>err
expect_eq "bad labels: exit" 65 $?
expect_grep "bad labels: message" "^winnow-strip-train: bad.jsonl:2: the labels are not an array of 1, 0 and null" err
printf '{"text":"a\\nb","labels":[1,0,1]}\n' >long.jsonl
"$train" long.jsonl >/dev/null 2>err
expect_eq "too many labels: exit" 65 $?
expect_grep "too many labels: message" "a label for a line past the end" err
"$train" --rejects rej.jsonl -v bad.jsonl >/dev/null 2>err
expect_eq "bad labels, --rejects: exit" 0 $?
expect_eq "bad labels, --rejects: saved" 1 "$(wc -l <rej.jsonl)"

# Pages without labels teach nothing: counted, and the model keeps all.
printf '{"text":"정치\\n경제"}\n' >plain.jsonl
"$train" -v plain.jsonl >plain.model 2>err
expect_eq "no labels: exit" 0 $?
expect_grep "no labels: counted" '1 pages without labels' err
expect_grep "no labels: said" 'nothing to learn from' err
page d.example 9 | "$strip" --model plain.model >out 2>/dev/null
expect_grep "no labels: the model keeps all" '정치\\n경제\\n사회' out

# --cross-validate: every page once, stripped, with its site; --scores
# gives each line's score.
"$train" --cross-validate --scores --trees 10 --depth 2 --folds 2 pages.jsonl >cv.jsonl 2>err
expect_eq "cross-validate: exit" 0 $?
expect_eq "cross-validate: one record a page" 9 "$(wc -l <cv.jsonl)"
expect_grep "cross-validate: fields" '^{"id":"a.example-1","site":"a.example","text":"' cv.jsonl
expect_grep "cross-validate: scores" '"scores":\[[0-9.]*,' cv.jsonl
"$train" --cross-validate --cv-folds 2 --trees 10 --depth 2 --folds 2 pages.jsonl >cv2.jsonl 2>err
expect_eq "cv-folds: one record a page" 9 "$(wc -l <cv2.jsonl)"

done_tests
