# make install into a prefix as a normal user would: programs run, man
# pages render without groff warnings and agree with --help, completions
# offer each filter's options; make uninstall removes every file installed.
. "$SRC/tests/cli/lib.sh"
cd "$TMP" || exit 1
mk() {
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -C "$SRC" BUILD="$BUILD" "$@"
}

p=$TMP/prefix
mk install PREFIX="$p" >install.log 2>&1
expect_eq "install: exit" 0 $?
filters=$(cd "$bin" && ls winnow-* | grep -v '\.' | sort)
[ -n "$filters" ] || fail "no filters built in $bin"

# Programs: the dispatcher finds the filters installed beside it.
"$p/bin/winnow" help >help.txt
expect_eq "winnow help: exit" 0 $?
for f in $filters; do
	[ -x "$p/bin/$f" ] || fail "$f not installed"
	expect_grep "winnow help lists $f" "^  ${f#winnow-} " help.txt
done
grep -E '^  [a-z-]+ +(or:|Usage)' help.txt && fail "winnow help shows a usage line as a purpose"
echo '{"text":"a  b"}' | "$p/bin/winnow" norm >norm.out
expect_eq "winnow norm runs" '{"text":"a b"}' "$(cat norm.out)"

# Man pages: one per filter and winnow(7); each renders with no warning,
# and every option its --help names is in it.
export MANWIDTH=80 MANPAGER=cat PAGER=cat
for f in $filters; do
	page=$p/share/man/man1/$f.1
	[ -f "$page" ] || { fail "no man page for $f"; continue; }
	groff -man -Tutf8 -ww -z "$page" 2>groff.err
	[ -s groff.err ] && fail "groff warns on $f.1: $(head -3 groff.err)"
	man -M "$p/share/man" "$f" >man.txt 2>man.err
	expect_eq "man $f: exit" 0 $?
	expect_grep "man $f: NAME" "^NAME" man.txt
	for opt in $("$bin/$f" --help | grep -o -- '^ *-[-a-zA-Z, ]*--[a-z-]*' | grep -o -- '--[a-z-]*'); do
		grep -q -- "$opt" man.txt || fail "man $f lacks $opt"
	done
done
groff -man -Tutf8 -ww -z "$p/share/man/man7/winnow.7" 2>groff.err
[ -s groff.err ] && fail "groff warns on winnow.7: $(head -3 groff.err)"
man -M "$p/share/man" winnow >man.txt 2>&1
expect_grep "man winnow is winnow(7)" "^WINNOW(7)" man.txt
tr -s ' ' <man.txt >squeezed.txt	# justified text has runs of spaces
expect_grep "winnow(7): exit statuses" "^ 75 a state file is locked" squeezed.txt
for f in $filters; do
	expect_grep "winnow(7) lists $f" "^ *$f(1)" man.txt
done

# Completions: bash offers a filter's options and its argument words.
comp=$p/share/bash-completion/completions
[ -f "$comp/winnow" ] || fail "no bash completion"
for f in $filters; do
	[ -L "$comp/$f" ] || fail "no bash completion link for $f"
done
[ -f "$p/share/zsh/site-functions/_winnow" ] || fail "no zsh completion"
if command -v zsh >/dev/null; then
	zsh -n "$p/share/zsh/site-functions/_winnow" || fail "zsh completion: syntax"
fi
got=$(bash -c '. "$1/winnow"
	COMP_WORDS=(winnow-norm --nf); COMP_CWORD=1; _winnow_filter winnow-norm
	echo "${COMPREPLY[*]}"
	COMP_WORDS=(winnow-read --by ""); COMP_CWORD=2; _winnow_filter winnow-read
	echo "${COMPREPLY[*]}"
	COMP_WORDS=(winnow no); COMP_CWORD=1; _winnow
	echo "${COMPREPLY[*]}"' sh "$comp" 2>&1)
expect_eq "bash completion" "--nfc --nfkc
file para line
norm" "$got"
[ -f "$p/share/doc/winnow/README.md" ] || fail "no README in share/doc"

# Uninstall removes every file, and nothing else.
touch "$p/bin/mine"
mk uninstall PREFIX="$p" >uninstall.log 2>&1
expect_eq "uninstall: exit" 0 $?
left=$(cd "$p" && find . ! -type d | sort)
expect_eq "uninstall left only the user's file" "./bin/mine" "$left"

# DESTDIR: staged under DESTDIR, paths as for PREFIX.
mk install DESTDIR="$TMP/stage" PREFIX=/usr >/dev/null 2>&1
[ -x "$TMP/stage/usr/bin/winnow" ] || fail "DESTDIR install: no bin/winnow"
expect_grep "DESTDIR: manifest without DESTDIR" "^/usr/bin/winnow$" \
    "$TMP/stage/usr/share/doc/winnow/installed-files"
mk uninstall DESTDIR="$TMP/stage" PREFIX=/usr >/dev/null 2>&1
expect_eq "DESTDIR uninstall" "" "$(find "$TMP/stage" ! -type d)"
done_tests
