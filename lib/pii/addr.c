/*
 * addr: e-mail addresses and IPv6 addresses.
 *
 * An e-mail address is read outwards from its '@' (or ＠, or a bracketed
 * [at], (at), {at}, [@], (골뱅이)): back over the local part (ASCII
 * letters, digits and ._%+-), forward over dot-separated domain labels
 * (ASCII, or letters of any script for internationalized domains; [dot]
 * and (dot) count as dots).  The last label must look like a top-level
 * domain: ASCII letters (or xn--), or a label in another script.  Korean
 * particles stuck to the address (hong@yna.co.kr로, 홍@예시.한국으로) are
 * cut off: a final label of ASCII letters then Hangul keeps its ASCII
 * part, and a known internationalized top-level domain ends the label.
 */
#include <string.h>
#include <strings.h>

#include "pii/internal.h"

#define MAX_LOCAL 64
#define MAX_DOMAIN 253
#define MAX_LABEL 63

/* Letters of a domain label outside ASCII: any script, no punctuation or symbols. */
static int
idn_letter(int32_t cp)
{
	if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7)
		return 0;
	if ((cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
	    (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF65) ||
	    (cp >= 0xE000 && cp <= 0xF8FF) || cp >= 0xFFF0)
		return 0;
	return 1;
}

/* Internationalized top-level domains, to cut a particle off the last label. */
static const char *const idn_tlds[] = {
	"한국", "닷컴", "닷넷", "삼성", "中国", "中國", "公司", "网络", "香港",
	"台灣", "台湾", "新加坡", "рф", "укр", "срб", "бел", "қаз", "мон", "ελ",
	"भारत", "ไทย", "みんな", "コム", "онлайн", "сайт", NULL
};

/* Extensions of file names that look like addresses: icon@2x.png. */
static const char *const file_ext[] = {
	"png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "pdf", "doc", "docx",
	"xls", "xlsx", "ppt", "pptx", "txt", "zip", "js", "css", "html", "htm",
	"php", "json", "xml", "mp3", "mp4", "avi", "mov", "hwp", NULL
};

static int
local_char(unsigned char c)
{
	return ascii_is_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-' ||
	    c == '\'';
}

/* The start of the local part ending at 'le', or 'le' when there is none. */
static size_t
local_start(const struct scan *sc, size_t le)
{
	const char *s = sc->s;
	size_t ls = le;

	while (ls > sc->floor && le - ls < MAX_LOCAL && local_char((unsigned char)s[ls - 1]))
		ls--;
	if (ls > sc->floor && local_char((unsigned char)s[ls - 1]))
		return le;	/* longer than a local part can be */
	while (ls < le && (s[ls] == '.' || s[ls] == '-' || s[ls] == '+' || s[ls] == '%' ||
	    s[ls] == '\''))
		ls++;
	if (ls == le || s[le - 1] == '.')
		return le;
	return ls;
}

/* An obfuscated dot at 'p': [dot], (dot), {dot}, spaces around allowed; its end or 0. */
static size_t
obfuscated(const char *s, size_t len, size_t p, const char *word)
{
	size_t q = p, wl = strlen(word);
	char close;

	if (q < len && s[q] == ' ')
		q++;
	if (q >= len || (s[q] != '[' && s[q] != '(' && s[q] != '{'))
		return 0;
	close = s[q] == '[' ? ']' : s[q] == '(' ? ')' : '}';
	q++;
	if (q < len && s[q] == ' ')
		q++;
	if (q + wl > len || strncasecmp(s + q, word, wl) != 0)
		return 0;
	q += wl;
	if (q < len && s[q] == ' ')
		q++;
	if (q >= len || s[q] != close)
		return 0;
	q++;
	if (q < len && s[q] == ' ')
		q++;
	return q;
}

/*
 * Read a label at 'p': returns its end; '*ascii_end' is where its leading
 * ASCII part ends and '*non' the non-ASCII letters in it.
 */
static size_t
read_label(const struct scan *sc, size_t p, size_t *ascii_end, int *non)
{
	const char *s = sc->s;
	size_t q = p;

	*non = 0;
	*ascii_end = p;
	while (q < sc->len && q - p <= MAX_LABEL) {
		unsigned char c = (unsigned char)s[q];
		int n;

		if (ascii_is_alnum(c) || c == '-') {
			q++;
			if (!*non)
				*ascii_end = q;
		} else if (c >= 0x80 && idn_letter(cp_at(s, sc->len, q, &n))) {
			q += (size_t)n;
			(*non)++;
		} else {
			break;
		}
	}
	return q;
}

/*
 * Where the domain starting at 'p' ends, or 0 when it is not a domain;
 * '*idn' says whether a label holds letters outside ASCII.
 */
static size_t
domain_end(const struct scan *sc, size_t p, int *idn)
{
	const char *s = sc->s;
	size_t len = sc->len, start = p, q, tld = p, tld_end = p, ascii_end = p, k;
	int labels = 0, non = 0;

	*idn = 0;
	for (;;) {
		size_t next;

		q = read_label(sc, p, &ascii_end, &non);
		if (q == p || q - p > MAX_LABEL || s[p] == '-' || q - start > MAX_DOMAIN)
			break;
		labels++;
		*idn |= non > 0;
		tld = p;
		tld_end = q;
		if (q + 1 < len && s[q] == '.' && (ascii_is_alnum((unsigned char)s[q + 1]) ||
		    (unsigned char)s[q + 1] >= 0x80))
			next = q + 1;
		else if ((next = obfuscated(s, len, q, "dot")) == 0)
			break;
		p = next;
	}
	if (labels < 2)
		return 0;
	/* the last label: its ASCII part, or an IDN top-level domain */
	if (ascii_end > tld) {
		tld_end = ascii_end;
		while (tld_end > tld && s[tld_end - 1] == '-')
			tld_end--;
		if (tld_end - tld < 2 || tld_end - tld > 24)
			return 0;
		if (!(tld_end - tld > 4 && strncasecmp(s + tld, "xn--", 4) == 0))
			for (k = tld; k < tld_end; k++)
				if (!ascii_is_alpha((unsigned char)s[k]))
					return 0;
		for (k = 0; file_ext[k]; k++)
			if (strlen(file_ext[k]) == tld_end - tld &&
			    strncasecmp(s + tld, file_ext[k], tld_end - tld) == 0)
				return 0;
		return tld_end;
	}
	if (non == 0)
		return 0;
	for (k = 0; idn_tlds[k]; k++) {
		size_t n = strlen(idn_tlds[k]);

		if (n <= tld_end - tld && memcmp(s + tld, idn_tlds[k], n) == 0)
			return tld + n;
	}
	return tld_end;
}

/*
 * The local part ending at 'le' in the script of an internationalized
 * address (홍길동@예시.한국): letters outside ASCII back to a space or a
 * sign; its start, or 'le'.
 */
static size_t
local_start_idn(const struct scan *sc, size_t le)
{
	size_t ls = le;
	int n, count = 0;

	while (count < MAX_LOCAL && idn_letter(cp_before(sc->s, ls, sc->floor, &n))) {
		ls -= (size_t)n;
		count++;
	}
	return count == MAX_LOCAL ? le : ls;
}

/* The address whose local part ends at 'le' and domain starts at 'ds'; its end or 0. */
static size_t
email(struct scan *sc, size_t le, size_t ds)
{
	size_t ls = local_start(sc, le), de;
	int idn;

	if (ls == le) {
		/* no ASCII local part: one in Hangul or another script, with an IDN domain */
		ls = local_start_idn(sc, le);
		if (ls == le || (de = domain_end(sc, ds, &idn)) == 0 || !idn)
			return 0;
	} else if ((de = domain_end(sc, ds, &idn)) == 0) {
		return 0;
	}
	pii_push(sc, ls, de, PII_EMAIL, 1);
	return de;
}

size_t
email_at(struct scan *sc, size_t i)
{
	const char *s = sc->s;
	size_t at_len = s[i] == '@' ? 1 : 3, le = i, ds = i + at_len, de;

	/* hong @ naver.com: one space on both sides */
	if (i > 0 && s[i - 1] == ' ' && ds < sc->len && s[ds] == ' ') {
		le = i - 1;
		ds++;
	}
	de = email(sc, le, ds);
	return de ? de : i + at_len;
}

size_t
email_obfuscated_at(struct scan *sc, size_t i)
{
	static const char *const at_words[] = { "at", "@", "골뱅이", NULL };
	const char *s = sc->s;
	size_t le = i, ds = 0, de;
	int k;

	for (k = 0; at_words[k] && ds == 0; k++)
		ds = obfuscated(s, sc->len, i, at_words[k]);
	if (ds == 0)
		return i + 1;
	if (le > 0 && s[le - 1] == ' ')
		le--;
	de = email(sc, le, ds);
	return de ? de : i + 1;
}

/* ------------------------------------------------------------------ IPv6 */

/* A dotted quad at 'p' (the tail of ::ffff:192.0.2.1): its end, or 0. */
static size_t
dotted_quad(const char *s, size_t len, size_t p)
{
	int part, v, nd;

	for (part = 0; part < 4; part++) {
		if (part && (p >= len || s[p++] != '.'))
			return 0;
		for (v = nd = 0; p < len && ascii_is_digit((unsigned char)s[p]) && nd < 4; p++, nd++)
			v = v * 10 + s[p] - '0';
		if (nd == 0 || nd > 3 || v > 255)
			return 0;
	}
	return p;
}

size_t
ipv6_at(struct scan *sc, size_t i)
{
	const char *s = sc->s;
	size_t len = sc->len, b = i, p, e;
	int groups = 0, dbl = -1, digits = 0, hexdigits = 0;

	int next_colon = i + 1 < len && s[i + 1] == ':';
	int prev_hex = i > 0 && (ascii_is_hex((unsigned char)s[i - 1]) || s[i - 1] == ':');
	int next_hex = i + 1 < len && ascii_is_hex((unsigned char)s[i + 1]);

	if (!next_colon && !(prev_hex && next_hex))
		return i + 1;
	while (b > sc->floor && i - b < 40 && (ascii_is_hex((unsigned char)s[b - 1]) || s[b - 1] == ':'))
		b--;
	if (b > 0 && (ascii_is_alnum((unsigned char)s[b - 1]) || s[b - 1] == ':' ||
	    s[b - 1] == '.' || s[b - 1] == '_' || s[b - 1] == '-' || s[b - 1] == '@'))
		return i + 1;
	p = b;
	if (s[p] == ':') {
		if (p + 1 >= len || s[p + 1] != ':')
			return i + 1;
		dbl = 0;
		p += 2;
	}
	for (;;) {
		size_t q = p;

		while (q < len && ascii_is_hex((unsigned char)s[q]) && q - p <= 4)
			q++;
		if (q == p)
			break;
		if (q - p > 4)
			return i + 1;
		if (q < len && s[q] == '.' && (groups == 6 || (dbl >= 0 && groups <= 5))) {
			if ((e = dotted_quad(s, len, p)) == 0)
				return i + 1;
			groups += 2;
			digits++;
			hexdigits += 4;
			p = e;
			break;
		}
		for (; p < q; p++) {
			digits += ascii_is_digit((unsigned char)s[p]);
			hexdigits++;
		}
		groups++;
		if (groups > 8)
			return i + 1;
		if (p + 1 < len && s[p] == ':' && s[p + 1] == ':') {
			if (dbl >= 0)
				return i + 1;
			dbl = groups;
			p += 2;
			continue;
		}
		if (p + 1 < len && s[p] == ':' && ascii_is_hex((unsigned char)s[p + 1])) {
			p++;
			continue;
		}
		break;
	}
	if ((dbl < 0 && groups != 8) || (dbl >= 0 && groups > 7) || groups < 2 ||
	    digits == 0 || hexdigits < 4)
		return i + 1;
	if (p < len && (ascii_is_alnum((unsigned char)s[p]) || s[p] == ':' || s[p] == '_' ||
	    (s[p] == '.' && p + 1 < len && ascii_is_alnum((unsigned char)s[p + 1]))))
		return i + 1;
	pii_push(sc, b, p, PII_IP, 1);
	return p;
}
