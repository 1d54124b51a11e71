# winnow-tag: a model file that is truncated, corrupt or foreign is refused
# with a message naming it (exit 2), never half-read; a sound one is used.
. "$SRC/tests/cli/lib.sh"
tag=$bin/winnow-tag
model=$SRC/data/ner-en.wnm
cd "$TMP" || exit 1
printf '{"text":"Samsung met Sam Altman in Seoul."}\n' >in.jsonl

"$tag" <in.jsonl >builtin.out
expect_eq "built-in: exit" 0 $?
"$tag" --model "$model" <in.jsonl >file.out
expect_eq "--model: exit" 0 $?
expect_file_eq "--model gives what the built-in model gives" builtin.out file.out

size=$(wc -c <"$model")
head -c $((size - 100)) "$model" >trunc.wnm
"$tag" --model trunc.wnm <in.jsonl >out 2>err
expect_eq "truncated: exit" 2 $?
expect_grep "truncated: said so" "model 'trunc.wnm': truncated: $((size - 100)) of $size bytes" err
expect_eq "truncated: no output" "" "$(cat out)"

cp "$model" flipped.wnm
printf 'X' | dd of=flipped.wnm bs=1 seek=5000 conv=notrunc 2>/dev/null
"$tag" --model flipped.wnm <in.jsonl >out 2>err
expect_eq "corrupt: exit" 2 $?
expect_grep "corrupt: said so" "model 'flipped.wnm': corrupt (checksum mismatch)" err

printf 'PERSON\tSam Altman\n' >names.wnm
"$tag" --model names.wnm <in.jsonl >out 2>err
expect_eq "foreign: exit" 2 $?
expect_grep "foreign: said so" "model 'names.wnm': not a winnow-tag model" err

"$tag" --model missing.wnm <in.jsonl >out 2>err
expect_eq "missing: exit" 2 $?
expect_grep "missing: said so" "cannot open model 'missing.wnm': No such file" err

printf 'Sam Altman\tPERSON\nOpenAI\tCOMPANY\n' >bad.tsv
"$tag" --gazetteer bad.tsv <in.jsonl >out 2>err
expect_eq "bad gazetteer: exit" 2 $?
expect_grep "bad gazetteer: file and line" "bad.tsv:2: unknown entity type" err

"$tag" --lang fr <in.jsonl >out 2>err
expect_eq "bad --lang: exit" 2 $?
expect_grep "bad --lang: said so" "option '--lang' wants auto, ko or en, not 'fr'" err
done_tests
