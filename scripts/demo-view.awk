# demo-view.awk: the page-by-page view of make demo, for a terminal and as
# a web page.  Run with LC_ALL=C (strings are bytes; widths are reckoned
# from the UTF-8 here, as wcwidth does: Hangul and CJK take two columns).
#
#   awk -v width=N -v html=FILE -f demo-view.awk \
#       in.jsonl out.jsonl cuts.jsonl dups.jsonl money.jsonl entities.jsonl
#
# in.jsonl, out.jsonl: the records before winnow-strip and at the end (for
# their ids and the lines of their text); cuts.jsonl: winnow-strip --removed; dups.jsonl:
# winnow-dedupe --removed; money.jsonl, entities.jsonl: winnow-money
# --flat and winnow-tag --flat.  Every line these filters write is one
# JSON object with the members read below, so a member is found by name.

function init(  i) {
	for (i = 0; i < 256; i++)
		ord[sprintf("%c", i)] = i
	ell = "\342\200\246"	# …
	bar = "\342\224\202"	# │
}

# jstr(line, key): the string member 'key' of a one-object line, decoded.
function jstr(line, key,   p, i, n, c, out, h, cp) {
	p = index(line, "\"" key "\":\"")
	if (p == 0)
		return ""
	i = p + length(key) + 4
	n = length(line)
	out = ""
	for (; i <= n; i++) {
		c = substr(line, i, 1)
		if (c == "\"")
			break
		if (c != "\\") {
			out = out c
			continue
		}
		c = substr(line, ++i, 1)
		if (c == "n") out = out (keep_nl ? "\n" : " ")
		else if (c == "t") out = out " "
		else if (c == "u") {
			h = substr(line, i + 1, 4)
			i += 4
			cp = hex(h)
			out = out (cp < 32 ? " " : utf8(cp))
		} else if (c == "r" || c == "b" || c == "f")
			out = out " "
		else
			out = out c
	}
	return out
}

# jnum(line, key): a number member (or null), as written.
function jnum(line, key,   p, rest) {
	p = index(line, "\"" key "\":")
	if (p == 0)
		return ""
	rest = substr(line, p + length(key) + 3)
	if (match(rest, /^-?[0-9][0-9.eE+-]*|^null|^true|^false/))
		return substr(rest, 1, RLENGTH)
	return ""
}

function hex(h,   i, v, c) {
	v = 0
	for (i = 1; i <= 4; i++) {
		c = index("0123456789abcdef", tolower(substr(h, i, 1))) - 1
		v = v * 16 + c
	}
	return v
}

function utf8(cp) {
	if (cp < 128)
		return sprintf("%c", cp)
	if (cp < 2048)
		return sprintf("%c%c", 192 + int(cp / 64), 128 + cp % 64)
	return sprintf("%c%c%c", 224 + int(cp / 4096), 128 + int(cp / 64) % 64, 128 + cp % 64)
}

# cw(s, i): the columns the character at byte i takes; its bytes in 'clen'.
function cw(s, i,   b, cp) {
	b = ord[substr(s, i, 1)]
	if (b < 128) { clen = 1; return b < 32 ? 0 : 1 }
	if (b < 224) { clen = 2; return 1 }
	if (b >= 240) { clen = 4; return 2 }
	clen = 3
	cp = (b % 16) * 4096 + (ord[substr(s, i + 1, 1)] % 64) * 64 + ord[substr(s, i + 2, 1)] % 64
	if ((cp >= 4448 && cp <= 4607) || (cp >= 8203 && cp <= 8207) || cp == 65279)
		return 0	# Hangul medial and final jamo, zero-width spaces
	if ((cp >= 4352 && cp <= 4447) || (cp >= 11904 && cp <= 42191) ||
	    (cp >= 44032 && cp <= 55203) || (cp >= 63744 && cp <= 64255) ||
	    (cp >= 65072 && cp <= 65103) || (cp >= 65280 && cp <= 65376) ||
	    (cp >= 65504 && cp <= 65510))
		return 2
	return 1
}

# cols(s): the columns s takes on a terminal.
function cols(s,   i, n, w) {
	n = length(s)
	w = 0
	for (i = 1; i <= n; i += clen)
		w += cw(s, i)
	return w
}

# fit(s, w): s in exactly w columns: cut at a character (never inside one)
# with an ellipsis when longer, padded with spaces when shorter.
function fit(s, w,   i, n, used, c, out) {
	if (cols(s) <= w)
		return s sprintf("%*s", w - cols(s), "")
	n = length(s)
	used = 0
	out = ""
	for (i = 1; i <= n; i += clen) {
		c = cw(s, i)
		if (used + c > w - 1)
			break
		out = out substr(s, i, clen)
		used += c
	}
	return out ell sprintf("%*s", w - 1 - used, "")
}

function trim_right(s) {
	sub(/ +$/, "", s)
	return s
}

function esc(s) {
	gsub(/&/, "\\&amp;", s)
	gsub(/</, "\\&lt;", s)
	gsub(/>/, "\\&gt;", s)
	return s
}

function short(id) {
	sub(/^.*\//, "", id)
	sub(/\.txt$/, "", id)
	return id
}

# row(mark, label, text): one line of a page: a mark, a label of 14
# columns, and the text cut to the width left.
function row(mark, label, text) {
	print trim_right("  " mark " " fit(label, 14) " " bar " " fit(text, width - 21))
}

# wrapped(prefix, items): items (separated by \t) as lines of the width.
function wrapped(prefix, items,   n, a, i, line, w) {
	n = split(items, a, "\t")
	line = prefix
	for (i = 1; i <= n; i++) {
		w = cols(a[i])
		if (cols(line) + w + 2 > width && line !~ /^ *$/ && line != prefix) {
			print trim_right(line)
			line = sprintf("%*s", cols(prefix), "")
		}
		if (cols(line) + w + 1 > width)	# too long for a line of its own
			a[i] = trim_right(fit(a[i], width - cols(line) - 1))
		line = line a[i] (i < n ? ", " : "")
	}
	print trim_right(line)
}

BEGIN {
	init()
	if (width < 40)
		width = 40
	file = 0
}
FNR == 1 { file++ }
# nlines(line): the non-blank lines of the record's text.
function nlines(line,   t, n, a, i, k) {
	keep_nl = 1
	t = jstr(line, "text")
	keep_nl = 0
	n = split(t, a, "\n")
	k = 0
	for (i = 1; i <= n; i++)
		k += a[i] ~ /[^ ]/
	return k
}
file == 1 {
	id = jstr($0, "id")
	order[++nids] = id
	lines_in[id] = nlines($0)
	next
}
file == 2 {
	lines_out[jstr($0, "id")] = nlines($0)
	next
}
file == 3 {	# winnow-strip --removed
	id = jstr($0, "id")
	ncut[id]++
	cut[id, ncut[id]] = jstr($0, "rule") "\t" jstr($0, "text")
	next
}
file == 4 {	# winnow-dedupe --removed
	id = jstr($0, "id")
	ndup[id]++
	sim = jnum($0, "similarity")
	dup[id, ndup[id]] = jstr($0, "reason") (sim != "" && sim != "null" ? " " sim : "") \
	    "\t" jstr($0, "text") "\t" short(jstr($0, "first"))
	next
}
file == 5 {	# winnow-money --flat
	id = jstr($0, "id")
	v = jnum($0, "value")
	if (v == "null")
		v = jnum($0, "min") ".." jnum($0, "max")
	q = jstr($0, "qualifier")
	money[id] = money[id] (money[id] == "" ? "" : "\t") jstr($0, "text") " = " \
	    jstr($0, "currency") " " v (q != "" ? " (" q ")" : "")
	next
}
file == 6 {	# winnow-tag --flat
	id = jstr($0, "id")
	e = jstr($0, "text") "/" jstr($0, "label")
	if ((id, e) in seen_ent)
		next
	seen_ent[id, e] = 1
	ents[id] = ents[id] (ents[id] == "" ? "" : "\t") e
	next
}
END {
	if (html != "") {
		print "<!DOCTYPE html>\n<html lang=\"ko\"><head><meta charset=\"utf-8\">" \
		    "<title>make demo: what was removed</title><style>" \
		    "body{font:15px/1.4 system-ui,'Noto Sans CJK KR','NanumGothic',sans-serif;" \
		    "max-width:1000px;margin:2em auto;padding:0 1em;color:#222}" \
		    "h2{font-size:1.1em;border-bottom:1px solid #ccc;margin-top:1.6em}" \
		    "table{border-collapse:collapse;width:100%}td{padding:.15em .5em;" \
		    "vertical-align:top;border-bottom:1px solid #eee}" \
		    "td.r{white-space:nowrap;color:#a33;width:9em}tr.dup td.r{color:#36a}" \
		    "p.m{margin:.3em 0;color:#444}</style></head><body>\n" \
		    "<h1>make demo: what was removed, and why</h1>\n" \
		    "<p>Each page of data/sample through winnow-norm, winnow-strip " \
		    "--explain, winnow-dedupe --near 0.8, winnow-money and winnow-tag. " \
		    "Red: removed by winnow-strip, with its rule; blue: dropped by " \
		    "winnow-dedupe, with the page that held it first.</p>" > html
	}
	for (k = 1; k <= nids; k++) {
		id = order[k]
		head = "── " short(id) ": " lines_in[id] " lines in, " lines_out[id] " kept "
		print ""
		line = cols(head) > width ? fit(head, width) : head
		for (j = cols(line); j < width; j++)
			line = line "\342\224\200"
		print line
		for (j = 1; j <= ncut[id]; j++) {
			split(cut[id, j], c, "\t")
			row("-", c[1], c[2])
		}
		for (j = 1; j <= ndup[id]; j++) {
			split(dup[id, j], c, "\t")
			row("=", c[1], c[2] (c[3] != "" ? "  [" c[3] "]" : ""))
		}
		if (money[id] != "")
			wrapped("  money:    ", money[id])
		if (ents[id] != "")
			wrapped("  entities: ", ents[id])
		if (html == "")
			continue
		print "<h2>" esc(short(id)) ": " lines_in[id] " lines in, " lines_out[id] \
		    " kept</h2>\n<table>" > html
		for (j = 1; j <= ncut[id]; j++) {
			split(cut[id, j], c, "\t")
			print "<tr><td class=\"r\">" esc(c[1]) "</td><td>" esc(c[2]) "</td></tr>" > html
		}
		for (j = 1; j <= ndup[id]; j++) {
			split(dup[id, j], c, "\t")
			print "<tr class=\"dup\"><td class=\"r\">" esc(c[1]) "</td><td>" esc(c[2]) \
			    (c[3] != "" ? " <i>(first in " esc(c[3]) ")</i>" : "") "</td></tr>" > html
		}
		print "</table>" > html
		if (money[id] != "") {
			m = money[id]
			gsub(/\t/, "; ", m)
			print "<p class=\"m\">money: " esc(m) "</p>" > html
		}
		if (ents[id] != "") {
			m = ents[id]
			gsub(/\t/, ", ", m)
			print "<p class=\"m\">entities: " esc(m) "</p>" > html
		}
	}
	if (html != "")
		print "</body></html>" > html
}
