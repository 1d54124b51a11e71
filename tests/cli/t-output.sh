# -o writes atomically; FILE operands, gzip and zstd input; passthrough
# fidelity: a filter that changes nothing writes back the bytes it read.
. "$SRC/tests/cli/lib.sh"
norm=$bin/winnow-norm
cd "$TMP" || exit 1

printf '{"text":"  a  "}\n' >in.jsonl
printf 'old\n' >out.jsonl
"$norm" -o out.jsonl in.jsonl
expect_eq "-o: exit" 0 $?
expect_eq "-o: written" '{"text":"a"}' "$(cat out.jsonl)"
expect_eq "-o: no temporary left" 2 "$(ls -A | wc -l)"

# Through a symbolic link: the target is replaced, the link stays a link.
mkdir -p real
printf 'old\n' >real/target.jsonl
ln -s real/target.jsonl link.jsonl
"$norm" -o link.jsonl in.jsonl
expect_eq "-o link: target written" '{"text":"a"}' "$(cat real/target.jsonl)"
[ -L link.jsonl ] || fail "-o link: the link was replaced by a file"
expect_eq "-o link: no temporary left" 1 "$(ls -A real | wc -l)"
rm -rf real link.jsonl

# A failed run leaves FILE as it was, and no temporary file.
printf '{"text":"b"}\nnot json\n' >bad.jsonl
"$norm" -o out.jsonl bad.jsonl 2>err
expect_eq "-o failed: exit" 65 $?
expect_eq "-o failed: untouched" '{"text":"a"}' "$(cat out.jsonl)"
expect_grep "-o failed: said so" "'out.jsonl' left unchanged" err
expect_eq "-o failed: no temporary left" 4 "$(ls -A | wc -l)"

# -o to something not a regular file is written in place, never renamed
# over (as root that would turn /dev/null into a regular file).
mkfifo fifo
cat fifo >from-fifo &
"$norm" -o fifo in.jsonl
expect_eq "-o fifo: exit" 0 $?
wait
expect_eq "-o fifo: still a fifo" fifo "$(stat -c %F fifo | sed 's/.*fifo.*/fifo/')"
expect_eq "-o fifo: written" '{"text":"a"}' "$(cat from-fifo)"
rm -f fifo from-fifo

# Several inputs, plain, gzip and zstd, read in order.
printf '{"text":"one"}\n' >1.jsonl
printf '{"text":"two"}\n' | gzip >2.jsonl.gz
printf '{"text":"three"}\n' | zstd -q >3.jsonl.zst
"$norm" 1.jsonl 2.jsonl.gz - 3.jsonl.zst <in.jsonl >out
expect_eq "inputs in order" '{"text":"one"}
{"text":"two"}
{"text":"a"}
{"text":"three"}' "$(cat out)"

# Passthrough fidelity: odd spacing, escapes, numbers, unicode, deep values,
# CRLF, a BOM and no final newline come back byte for byte (LF line ends).
printf '\357\273\277{ "text" : "caf\\u00e9 \\/ \\ud83d\\ude00" , "n":-1.5E+3 }\r\n' >fid.jsonl
printf '{"a":{"b":[{"c":[null,true,false,"\\"q\\""]}]},"text":"\352\260\200"}\n' >>fid.jsonl
printf '\n   \n{"text":"already clean.\\n두 줄."}\n' >>fid.jsonl
printf '{"id":"x","text":"no newline at the end"}' >>fid.jsonl
sed -e '1s/^\xef\xbb\xbf//' -e 's/\r$//' -e '/^ *$/d' fid.jsonl >want
[ -n "$(tail -c1 want)" ] && echo >>want
"$norm" --field absent fid.jsonl >out
expect_file_eq "fidelity (absent field)" want out
"$norm" fid.jsonl >out
expect_file_eq "fidelity (clean text)" want out

done_tests
