# winnow-read on WARC archives: a WARC made of pages gives the records the
# pages give read one by one; broken records are bad records (file and
# byte offset; --rejects goes on); warcio's test files are read or refused
# as their names say (when ../shared is here).
. "$SRC/tests/cli/lib.sh"
read=$bin/winnow-read
cd "$TMP" || exit 1
command -v python3 >/dev/null || { echo "skip: no python3 to make a WARC"; exit 0; }

pages="$SRC/tests/cli/data/page.html $SRC/tests/cli/data/euckr.html"
bench=$SRC/../shared/data/clean
if [ -d "$bench/ko-bench-dev/html" ]; then
	pages="$pages $(ls "$bench"/ko-bench-dev/html/*.html "$bench"/en-bench-dev/html/*.html.gz | head -60)"
else
	echo "note: no ../shared bench pages: the WARC holds the project's own two"
fi
# shellcheck disable=SC2086
"$SRC/tests/mkwarc" pages.warc.gz $pages
# shellcheck disable=SC2086
"$read" --format html $pages | jq -c '{title, lang, encoding, text}' >one.jsonl
"$read" -v pages.warc.gz 2>err | jq -c '{title, lang, encoding, text}' >warc.jsonl
expect_eq "warc: exit" 0 $?
expect_file_eq "warc: the pages' records" one.jsonl warc.jsonl
expect_grep "warc: skipped counted" "of other types" err
"$read" pages.warc.gz | jq -r '[.id, .url, .date] | @tsv' | head -1 >first
expect_grep "warc: id from WARC-Record-ID" '^urn:uuid:' first
expect_grep "warc: url from the target" 'file:///page.html' first
# zstd is as transparent as gzip
if command -v zstd >/dev/null; then
	zcat pages.warc.gz | zstd -q -o pages.warc.zst
	"$read" pages.warc.zst | jq -c '{title, lang, encoding, text}' >zst.jsonl
	expect_file_eq "warc.zst" one.jsonl zst.jsonl
fi

# A truncated archive: the good records, then a bad record named by its byte.
zcat pages.warc.gz | head -c 3000 >trunc.warc
"$read" trunc.warc >trunc.jsonl 2>err
expect_eq "truncated: exit" 65 $?
expect_grep "truncated: file and byte" "trunc.warc: bad WARC record: record at byte [0-9]*: truncated" err
# Junk between records: rejected, and the next record is found again.
{ zcat pages.warc.gz; printf 'JUNK\r\n'; zcat pages.warc.gz; } >junk.warc
"$read" --rejects rej.jsonl junk.warc >junk.jsonl 2>err
expect_eq "junk: --rejects goes on" 0 $?
expect_eq "junk: every page before and after it" "$(($(wc -l <warc.jsonl) * 2))" "$(wc -l <junk.jsonl)"
expect_eq "junk: one bad record saved" 1 "$(wc -l <rej.jsonl)"
expect_grep "junk: message" "not a WARC record" rej.jsonl

w=$SRC/../shared/data/warc
if [ -d "$w" ]; then
	for f in example.warc example.warc.gz example-iana.org-chunked.warc \
	    example-resource.warc.gz example-wrong-chunks.warc.gz; do
		"$read" "$w/$f" >out.jsonl 2>err
		expect_eq "$f: exit" 0 $?
		expect_eq "$f: one page" 1 "$(wc -l <out.jsonl)"
	done
	expect_grep "chunked: decoded" "Example Domain" out.jsonl
	"$read" "$w/example-iana.org-chunked.warc" | jq -r .text >iana.txt
	grep -q '^[0-9a-f]*$' iana.txt && fail "chunked: chunk sizes in the text"
	for f in example-trunc.warc example.arc example.arc.gz bad.arc; do
		"$read" "$w/$f" >/dev/null 2>err
		expect_eq "$f: refused" 65 $?
		expect_grep "$f: byte" "record at byte" err
	done
else
	echo "note: no ../shared/data/warc: warcio's files not read"
fi
done_tests
