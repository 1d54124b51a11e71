# winnow-read's inputs as a user gives them: folders walked in a stable
# order without hidden and backup files, file lists (--files-from, -0,
# stdin), binary files skipped with a warning, empty stdin.
. "$SRC/tests/cli/lib.sh"
read=$bin/winnow-read
cd "$TMP" || exit 1

mkdir -p site/b site/a site/.git site/a/deep
printf 'b1\n' >site/b/1.txt
printf 'a2\n' >site/a/2.txt
printf 'a10\n' >site/a/10.txt
printf 'deep\n' >site/a/deep/x.txt
printf 'Z\n' >site/Z.txt
printf 'hidden\n' >site/.hidden.txt
printf 'git\n' >site/.git/config
printf 'backup\n' >site/a/2.txt~
printf 'autosave\n' >'site/#a.txt#'
printf 'sp ace\n' >'site/with space.txt'
ln -s ../Z.txt site/b/link.txt
ln -s ../a site/b/linked-dir

# Byte order at every level (Z before a; 10 before 2), folders depth first.
"$read" site >out.jsonl
expect_eq "dir: exit" 0 $?
expect_eq "dir: ids in order" \
    "site/Z.txt site/a/10.txt site/a/2.txt site/a/deep/x.txt site/b/1.txt site/b/link.txt site/with space.txt" \
    "$(jq -r .id out.jsonl | tr '\n' ' ' | sed 's/ $//')"
expect_eq "dir: link to a file read" "Z" "$(jq -r 'select(.id == "site/b/link.txt") | .text' out.jsonl | tr -d '\n')"
# The same whatever the locale and the order files were made in.
LC_ALL=C "$read" site/ | jq -r .id >c.ids
jq -r .id out.jsonl >ids
expect_file_eq "dir: trailing slash, C locale" ids c.ids

# A list of names: the same records as the same names given as operands;
# a folder in a list is walked too.
jq -r .id out.jsonl >list.txt
"$read" --files-from list.txt >fromlist.jsonl
expect_file_eq "files-from: as the folder" out.jsonl fromlist.jsonl
printf 'site/a\n\nsite/b/1.txt\n' | "$read" -T - >stdinlist.jsonl
expect_eq "files-from stdin: folder walked, blank line skipped" \
    "site/a/10.txt site/a/2.txt site/a/deep/x.txt site/b/1.txt" \
    "$(jq -r .id stdinlist.jsonl | tr '\n' ' ' | sed 's/ $//')"
# NUL-separated, as find -print0 writes: a name with a newline in it.
printf 'nl\n' >"site/new
line.txt"
(cd site && find . -name '*line.txt' -print0) >nul.list
(cd site && "$read" -0 --files-from "$TMP/nul.list") >nul.jsonl
expect_eq "files-from -0: newline in a name" '"./new\nline.txt"' "$(jq -c .id nul.jsonl)"
"$read" -0 site/Z.txt >/dev/null 2>err
expect_eq "-0 without a list: usage" 2 $?
"$read" --files-from no-such-list >/dev/null 2>err
expect_eq "files-from missing: exit" 74 $?
expect_grep "files-from missing: message" "cannot open 'no-such-list'" err

# A binary file is skipped with a warning, not read as Latin-1; the run
# goes on.  UTF-16 with its BOM is text.
printf 'PNG\0\0\0\1\2\3' >bin.dat
printf '\377\376h\000i\000' >u16.txt
"$read" -v bin.dat u16.txt site/Z.txt >bin.jsonl 2>err
expect_eq "binary: exit" 0 $?
expect_eq "binary: skipped, others read" "u16.txt site/Z.txt" "$(jq -r .id bin.jsonl | tr '\n' ' ' | sed 's/ $//')"
expect_grep "binary: warning" "bin.dat: skipped: a binary file" err
expect_grep "binary: counted" "1 binary files skipped" err

# Empty stdin: no record (an empty file named on the command line still is one).
: | "$read" >empty.jsonl
expect_eq "empty stdin: exit" 0 $?
expect_eq "empty stdin: no record" 0 "$(wc -c <empty.jsonl)"
: >empty.txt
"$read" empty.txt >emptyfile.jsonl
expect_eq "empty file: one record" '{"id":"empty.txt","text":""}' "$(cat emptyfile.jsonl)"

# An unreadable folder is named, the rest is read, and the exit says so.
if [ "$(id -u)" != 0 ]; then
	mkdir -p locked/in && printf 'x\n' >locked/in/x.txt && chmod 000 locked/in
	"$read" locked site/Z.txt >locked.jsonl 2>err
	expect_eq "unreadable folder: exit" 74 $?
	expect_grep "unreadable folder: named" "locked/in" err
	chmod 755 locked/in
fi
done_tests
