# help.awk: reading a winnow program's --help, for scripts/mkman and
# scripts/mkcompletion (run with LC_ALL=C: strings are bytes).

# init_bytes(): the byte value of every character, for uesc().
function init_bytes(  i) {
	for (i = 0; i < 256; i++)
		ord[sprintf("%c", i)] = i
}

# uesc(s): non-ASCII UTF-8 as \[uXXXX], as groff spells code points.
function uesc(s,   out, i, n, c, b, cp, need) {
	out = ""
	n = length(s)
	for (i = 1; i <= n; i++) {
		c = substr(s, i, 1)
		b = ord[c]
		if (b < 128) {
			out = out c
			continue
		}
		if (b >= 240) { cp = b % 8; need = 3 }
		else if (b >= 224) { cp = b % 16; need = 2 }
		else if (b >= 192) { cp = b % 32; need = 1 }
		else { out = out "\\[uFFFD]"; continue }
		while (need-- > 0 && i < n) {
			i++
			cp = cp * 64 + ord[substr(s, i, 1)] % 64
		}
		out = out sprintf("\\[u%04X]", cp)
	}
	return out
}

function trim(s) {
	sub(/^[ \t]+/, "", s)
	sub(/[ \t]+$/, "", s)
	return s
}

# is_option_line(s): "  -f, --field NAME   ..." (indented at most 8).
function is_option_line(s) {
	return s ~ /^ +-/ && match(s, /^ +/) && RLENGTH <= 8
}

# spec_word(w): whether 'w' belongs to an option's spec ("-f," "--field"
# "NAME" "--wait[=SECS]" "file|para|line") rather than its description.
function spec_word(w) {
	return w ~ /^-/ || w ~ /^\[?=/ || w ~ /^[A-Z][A-Z0-9_]*(\.\.\.)?[],]?$/ ||
	    w ~ /^[a-z0-9]+(\|[a-z0-9]+)+$/
}

# split_option(line): set opt_spec ("-f, --field NAME") and opt_desc.
function split_option(line,   words, n, i) {
	n = split(trim(line), words, / +/)
	opt_spec = ""
	for (i = 1; i <= n && spec_word(words[i]); i++)
		opt_spec = opt_spec (opt_spec == "" ? "" : " ") words[i]
	opt_desc = ""
	for (; i <= n; i++)
		opt_desc = opt_desc (opt_desc == "" ? "" : " ") words[i]
}

# short_purpose(p): the purpose's first sentence, before a colon when long,
# without its full stop: what NAME sections and lists show.
function short_purpose(p) {
	if (match(p, /\. /))
		p = substr(p, 1, RSTART - 1)
	if (length(p) > 50 && match(p, /: /))
		p = substr(p, 1, RSTART - 1)
	sub(/\.$/, "", p)
	return p
}
