# Every command the documentation shows runs, and prints what it shows
# (as jq tests its manual).  Examples are taken from
#   README.md          indented lines starting with "$ " (a line ending in
#                      '|' or '\' goes on on the next), output lines after;
#   man/*.sections, man/winnow.7   the same between .EX and .EE, un-roffed;
#   each program's --help   the lines of its "Example:" section, which the
#                      man page shows too (run, no output to compare).
# Each document's commands run in order, in a folder of their own holding
# site/, pages/ and news/ (the sample pages), data/ (the tree's) and the
# few files the examples name, with the programs of $BUILD first on PATH.
# A command must exit 0 and, when output is shown, print exactly that.
# The README's set-up commands (make, export) are left to the install test
# and a fresh machine: they are counted and named.
. "$SRC/tests/cli/lib.sh"
cd "$TMP" || exit 1

# The fixture: what the examples read.
fixture() {
	mkdir -p "$1/site" "$1/bin"
	cp "$SRC"/data/sample/*.txt "$1/site/"
	cp -r "$1/site" "$1/pages"
	cp -r "$1/site" "$1/news"
	cp -r "$1/site" "$1/inbox"
	touch -d 2000-01-01 "$1/stamp"
	mkdir -p "$1/saved-pages"
	cp "$SRC"/tests/cli/data/*.html "$1/saved-pages/"
	"$SRC/tests/mkwarc" "$1/crawl.warc.gz" "$SRC"/tests/cli/data/*.html
	ln -s "$SRC/data" "$1/data"
	(
		cd "$1" || exit 1
		"$bin/winnow-read" site/*.txt >news.jsonl
		cp news.jsonl pages.jsonl
		cp news.jsonl day.jsonl
		gzip -c day.jsonl >day.jsonl.gz
		"$bin/winnow-read" site/17-en-harbor-shore-power.txt >page.jsonl
		"$bin/winnow-norm" news.jsonl | "$bin/winnow-strip" >clean.jsonl
		sed 's/"text":/"body":/' news.jsonl | gzip -c >scraped.jsonl.gz
		if command -v zstd >/dev/null; then
			zstd -q news.jsonl -o news.jsonl.zst
			cp news.jsonl.zst comments.jsonl.zst
		fi
		echo 'a key of the examples, not a secret' >key.txt
		gzip -c "$SRC/tests/cli/data/cp949.txt" >old-archive.txt.gz
		cp "$SRC/tests/cli/data/strip-user.rules" mine.rules
		cp "$SRC/tests/cli/data/tag-names.tsv" names.tsv
		cp "$SRC/tests/cli/data/examples/labelled.jsonl" labelled.jsonl
		cp "$SRC/tests/cli/data/examples/tiny-ko.tsv" tiny.tsv
		cp tiny.tsv klue-ner-train4k.tsv
		cp "$SRC/tests/cli/data/examples/tiny-en.conll" wikigold.conllu
		cp wikigold.conllu wnut17train.conll
		"$bin/winnow-dedupe" --state base.wds </dev/null
		for i in 1 2; do
			cp base.wds shard-$i.wds
			sed -n "${i}~2p" news.jsonl | "$bin/winnow-dedupe" --state shard-$i.wds >/dev/null
		done
		# A pager that only copies: examples end in '| less'.
		printf '#!/bin/sh\nexec cat "$@"\n' >bin/less
		chmod +x bin/less
	)
}

# unroff: a man page line as it reads.
unroff() {
	sed -e 's/\\e/\x01/g' -e 's/\\-/-/g' -e "s/\\\\(aq/'/g" -e 's/\\(dq/"/g' \
	    -e 's/\\f[BIRP]//g' -e 's/\\&//g' -e 's/\\(em/—/g' -e 's/\x01/\\/g'
}

# examples DOC: the examples of DOC as "$ command" and output lines, each
# example ending with a line "@@"; --help examples as "% command".
examples() {
	case $1 in
	*.md)
		awk '
		function flush() { if (open) print "@@"; open = 0 }
		/^    \$ / {
			flush(); cmd = substr($0, 7); open = 1
			while (cmd ~ /[|\\]$/ && (getline line) > 0) {
				sub(/^ +/, "", line)
				cmd = cmd "\n" line
			}
			print "$ " cmd; next
		}
		/^    / && open { print substr($0, 5); next }
		{ flush() }
		END { flush() }' "$1" ;;
	*)
		awk '
		function flush() { if (open) print "@@"; open = 0 }
		/^\.EX/ { ex = 1; next }
		/^\.EE/ { flush(); ex = 0; next }
		ex && /^\$ / {
			flush(); cmd = substr($0, 3); open = 1
			while (cmd ~ /[|\\]$/ && (getline line) > 0) {
				sub(/^ +/, "", line)
				cmd = cmd "\n" line
			}
			print "$ " cmd; next
		}
		ex && open { print; next }' "$1" | unroff ;;
	esac
}

# run_doc NAME DOC: run DOC's examples in a fresh fixture.
ran=0 skipped=
run_doc() {
	local dir=$TMP/$1 cmd= want= n=0
	rm -rf "$dir"
	fixture "$dir"
	examples "$SRC/$2" >"$dir.ex"
	while IFS= read -r line; do
		case $line in
		'$ '*)	cmd=${line#\$ }; want= ;;
		@@)	run_one "$2" "$dir" "$cmd" "$want"; cmd= ;;
		*)	# a command's next line, or its output
			if [ -z "$want" ] && printf '%s' "$cmd" | tail -c 1 | grep -q '[|\\]'; then
				cmd="$cmd
$line"
			else
				want="$want$line
"
			fi ;;
		esac
	done <"$dir.ex"
}

# run_one DOC DIR COMMAND WANT
run_one() {
	case $3 in
	make\ *|export\ *)
		skipped="$skipped
  $1: $3"
		return ;;
	esac
	ran=$((ran + 1))
	(cd "$2" && PATH=$2/bin:$bin:$PATH timeout 120 bash -c "$3") </dev/null \
	    >out.txt 2>err.txt
	st=$?
	if [ $st != 0 ]; then
		fail "$1: '$3': exit $st: $(head -3 err.txt)"
	elif [ -n "$4" ] && [ "$(cat out.txt)" != "$(printf '%s' "$4")" ]; then
		fail "$1: '$3' printed other than shown:"
		printf '%s' "$4" >want.txt
		diff want.txt out.txt | head -10
	fi
}

run_doc readme README.md
for page in "$SRC"/man/*.sections "$SRC/man/winnow.7"; do
	[ -e "$page" ] || continue
	run_doc "$(basename "$page")" "man/${page##*/}"
done

# The examples of each program's --help (the EXAMPLES of its man page).
dir=$TMP/help
rm -rf "$dir"
fixture "$dir"
for p in "$bin"/winnow-*; do
	[ -x "$p" ] || continue
	case $p in *.*) continue ;; esac
	"$p" --help | awk '
	/^Examples?:$/ { ex = 1; next }
	ex && /^  [^ ]/ { if (cmd != "") print cmd "\n@@"; cmd = substr($0, 3); next }
	ex && /^    / { sub(/^ +/, ""); cmd = cmd "\n" $0; next }
	ex && /^$/ { ex = 0 }
	END { if (cmd != "") print cmd "\n@@" }' >"$dir.ex"
	cmd=
	while IFS= read -r line; do
		if [ "$line" = @@ ]; then
			run_one "$(basename "$p") --help" "$dir" "$cmd" ""
			cmd=
		elif [ -z "$cmd" ]; then
			cmd=$line
		else
			cmd="$cmd
$line"
		fi
	done <"$dir.ex"
done

[ $ran -ge 30 ] || fail "only $ran examples found: the extraction is broken"
echo "note: $ran examples ran; set-up commands left to the install test and a fresh machine:$skipped"
done_tests
