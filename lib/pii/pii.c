/*
 * pii: find personal data in text (see pii.h).
 *
 * One pass over the bytes stops only where an item can start: the first
 * digit of a run, '@' (or ＠), a bracket that may hold an obfuscated [at],
 * and ':' (IPv6).  From there a hand-written reader takes the digit groups
 * or the address and decides its kind by shape, check digits and, for the
 * kinds a shape alone cannot tell (accounts, passports, SSNs), the words
 * around it.  Nothing else is looked at, so Hangul and Latin text runs
 * past at the speed of a table lookup per byte.
 */
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <strings.h>
#include <time.h>

#include "core/jsonw.h"
#include "core/utf8.h"
#include "core/util.h"
#include "pii/internal.h"

static const char *const type_names[PII_NTYPES] = {
	"EMAIL", "PHONE", "BIZ_PHONE", "RRN", "FRN", "BRN", "CRN", "CARD",
	"ACCOUNT", "PASSPORT", "IP", "SSN"
};

/* ------------------------------------------------------------ context */

const char *const ctx_account[] = {
	"계좌", "입금", "예금주", "송금", "이체", "은행", "뱅크", "농협", "신협",
	"우체국", "금고", "수협", "신한", "account", "accounts", "acct", "a/c",
	"bank", "iban", NULL
};
const char *const ctx_passport[] = { "여권", "passport", NULL };
const char *const ctx_ssn[] = {
	"ssn", "social security", "ss#", "사회보장번호", NULL
};
const char *const ctx_brn[] = {
	"사업자", "business registration", "business number", "tax id", NULL
};
const char *const ctx_crn[] = {
	"법인등록", "법인 등록", "법인번호", "corporate registration",
	"corporation number", "company registration", NULL
};
const char *const ctx_rrn[] = {
	"주민", "외국인등록", "resident registration", "alien registration", NULL
};
const char *const ctx_card[] = {
	"카드", "card", "credit", "visa", "mastercard", "amex", NULL
};
const char *const ctx_phone[] = {
	"전화", "☎", "☏", "tel", "telephone", "fax", "팩스", "연락처",
	"phone", "phones", "call", "핸드폰", "휴대폰", "대표번호", "콜센터",
	"고객센터", "hotline", "^문의", "^상담", NULL
};
/* Words before a version number: the word itself, or software's names. */
const char *const ctx_version[] = {
	"version", "ver.", "ver", "버전", "build", "release", "firmware",
	"펌웨어", "update", "업데이트", "패치", "patch", "v.", "ios", "ipados",
	"android", "windows", "macos", "os x", "linux", "ubuntu", "chrome",
	"firefox", "safari", "edge", "kernel", "sdk", "api", "python", "java",
	"node", "앱", "app", NULL
};
const char *const ctx_not_phone[] = {
	"isbn", "issn", "doi", "특허", "patent", NULL
};

/*
 * 'w' at s[i, end): ASCII letters in any case; a word that starts (ends)
 * with an ASCII letter starts (ends) a word of the text.
 */
static int
word_at(const char *s, size_t i, size_t end, const char *w, size_t wl)
{
	size_t k;

	if (wl > end - i)
		return 0;
	for (k = 0; k < wl; k++) {
		unsigned char a = (unsigned char)s[i + k], b = (unsigned char)w[k];

		if (a != b && !(ascii_is_alpha(b) && (a | 0x20) == b))
			return 0;
	}
	if (ascii_is_alpha((unsigned char)w[0]) && i > 0 && ascii_is_alpha((unsigned char)s[i - 1]))
		return 0;
	return !(ascii_is_alpha((unsigned char)w[wl - 1]) && i + wl < end &&
	    ascii_is_alpha((unsigned char)s[i + wl]));
}

/*
 * One of 'words' in s[a, b).  A word written "^문의" must start a word: no
 * Hangul syllable before it (문의, not 전문의).
 */
static int
window_has(const char *s, size_t a, size_t b, const char *const *words)
{
	size_t i;

	for (; *words; words++) {
		const char *w = *words + (**words == '^');
		size_t wl = strlen(w);
		unsigned char first = (unsigned char)w[0];
		int n;

		for (i = a; i + wl <= b; i++)
			if ((ascii_is_alpha(first) ? ((unsigned char)s[i] | 0x20) == first :
			    (unsigned char)s[i] == first) && word_at(s, i, b, w, wl) &&
			    !(w != *words && utf8_is_hangul_syllable(cp_before(s, i, 0, &n))))
				return 1;
	}
	return 0;
}

int
ctx_near(const struct scan *sc, size_t start, size_t end, const char *const *words)
{
	const char *s = sc->s, *nl;
	size_t a = start > CTX_BEFORE ? start - CTX_BEFORE : 0;
	size_t b = end + CTX_AFTER < sc->len ? end + CTX_AFTER : sc->len;

	if ((nl = memrchr(s + a, '\n', start - a)) != NULL)
		a = (size_t)(nl - s) + 1;
	if ((nl = memchr(s + end, '\n', b - end)) != NULL)
		b = (size_t)(nl - s);
	return window_has(s, a, start, words) || window_has(s, end, b, words);
}

int
ctx_just_before(const struct scan *sc, size_t start, const char *const *words,
    size_t bytes)
{
	const char *nl;
	size_t a = start > bytes ? start - bytes : 0;

	if ((nl = memrchr(sc->s + a, '\n', start - a)) != NULL)
		a = (size_t)(nl - sc->s) + 1;
	return window_has(sc->s, a, start, words);
}

int
word_just_before(const struct scan *sc, size_t start, const char *const *words)
{
	const char *s = sc->s;
	size_t j = start;

	while (j > 0 && start - j < 4 && (s[j - 1] == ' ' || s[j - 1] == ':' || s[j - 1] == '('))
		j--;
	for (; *words; words++) {
		size_t wl = strlen(*words);

		if (wl <= j && word_at(s, j - wl, j, *words, wl))
			return 1;
	}
	return 0;
}

int
in_url(const struct scan *sc, size_t start)
{
	const char *s = sc->s;
	size_t t = start, i;

	while (t > 0 && start - t < 512 && (unsigned char)s[t - 1] > ' ' &&
	    s[t - 1] != '"' && s[t - 1] != '<' && s[t - 1] != '(')
		t--;
	for (i = t; i + 3 <= start; i++)
		if ((s[i] == ':' && s[i + 1] == '/' && s[i + 2] == '/') ||
		    (i + 4 <= start && word_at(s, i, start, "www.", 4)))
			return 1;
	return 0;
}

/* ---------------------------------------------------------- characters */

int32_t
cp_at(const char *s, size_t len, size_t i, int *n)
{
	int32_t cp;

	if (i >= len) {
		*n = 0;
		return -1;
	}
	*n = utf8_decode(s + i, len - i, &cp);
	return cp;
}

int32_t
cp_before(const char *s, size_t i, size_t floor, int *n)
{
	size_t j = i;
	int32_t cp;

	*n = 0;
	if (i <= floor)
		return -1;
	while (j > floor && i - j < 4 && ((unsigned char)s[j - 1] & 0xC0) == 0x80)
		j--;
	if (j == floor || j == i)
		j = i - 1;
	else
		j--;
	if (utf8_decode(s + j, i - j, &cp) != (int)(i - j))
		return -1;
	*n = (int)(i - j);
	return cp;
}

/* ---------------------------------------------------------------- scan */

void
pii_push(struct scan *sc, size_t start, size_t end, int type, int valid)
{
	struct pii_list *l = sc->out;

	sc->floor = end;
	if (!wants(sc, type))
		return;		/* known for what it is, so not taken for another kind */
	l->v = xreserve(l->v, &l->cap, l->n + 1, sizeof *l->v);
	l->v[l->n].start = start;
	l->v[l->n].end = end;
	l->v[l->n].type = (unsigned char)type;
	l->v[l->n].valid = (unsigned char)(valid != 0);
	l->n++;
}

/* Bytes where an item can start: 1 a digit, 2 '@', 3 a bracket, 4 ':', 5 U+FF20's lead. */
static const unsigned char trigger[256] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1,
	['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
	['@'] = 2, ['['] = 3, ['('] = 3, ['{'] = 3, [':'] = 4, [0xEF] = 5
};

/*
 * From 'i', skip whole blocks of 16 bytes holding no trigger byte (in
 * Hangul text most blocks): digits and ':' (0x30 to 0x3A), '(', '@', '['
 * '{' and 0xEF.  Returns where the byte-by-byte loop takes over.
 */
static size_t
skip_quiet(const unsigned char *u, size_t i, size_t len)
{
#if defined(__SSE2__)
	const __m128i lo = _mm_set1_epi8(0x30), hi = _mm_set1_epi8(0x3A);
	const __m128i paren = _mm_set1_epi8('('), at = _mm_set1_epi8('@');
	const __m128i bracket = _mm_set1_epi8('['), brace = _mm_set1_epi8('{');
	const __m128i ef = _mm_set1_epi8((char)0xEF);

	while (len - i >= 16) {
		__m128i b = _mm_loadu_si128((const __m128i *)(u + i));
		__m128i digit = _mm_and_si128(_mm_cmpeq_epi8(_mm_max_epu8(b, lo), b),
		    _mm_cmpeq_epi8(_mm_min_epu8(b, hi), b));
		__m128i hit = _mm_or_si128(_mm_or_si128(digit, _mm_cmpeq_epi8(b, paren)),
		    _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(b, at), _mm_cmpeq_epi8(b, bracket)),
		    _mm_or_si128(_mm_cmpeq_epi8(b, brace), _mm_cmpeq_epi8(b, ef))));
		int m = _mm_movemask_epi8(hit);

		if (m)
			return i + (size_t)__builtin_ctz((unsigned)m);
		i += 16;
	}
#endif
	return i;
}

void
pii_cfg_init(struct pii_cfg *cfg)
{
	time_t now = time(NULL);
	struct tm tm;

	cfg->types = PII_ALL;
	cfg->year = gmtime_r(&now, &tm) ? tm.tm_year + 1900 : 2025;
}

size_t
pii_find(const struct pii_cfg *cfg, const char *s, size_t len,
    struct pii_list *out)
{
	struct scan sc = { s, len, cfg, out, 0 };
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, next;

	out->n = 0;
	while (i < len) {
		switch (trigger[u[i]]) {
		case 0:
			i = skip_quiet(u, i + 1, len);
			continue;
		case 1:
			next = i > 0 && ascii_is_digit(u[i - 1]) ? i + 1 : number_at(&sc, i);
			break;
		case 2:
			next = email_at(&sc, i);
			break;
		case 3:
			next = email_obfuscated_at(&sc, i);
			break;
		case 4:
			next = ipv6_at(&sc, i);
			break;
		default:	/* ＠, the full-width at sign */
			next = i + 2 < len && u[i + 1] == 0xBC && u[i + 2] == 0xA0 ?
			    email_at(&sc, i) : i + 1;
			break;
		}
		i = next > i ? next : i + 1;
	}
	return out->n;
}

void
pii_list_release(struct pii_list *l)
{
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

/* --------------------------------------------------------------- output */

void
pii_json_list(struct jsonw *w, const char *s, const struct pii_list *l,
    int with_text)
{
	struct utf8_pos pos = UTF8_POS_INIT;
	size_t i;

	jsonw_begin_array(w);
	for (i = 0; i < l->n; i++) {
		const struct pii *p = &l->v[i];

		jsonw_begin_object(w);
		jsonw_name(w, "start");
		jsonw_uint(w, utf8_pos_cp(&pos, s, p->start));
		jsonw_name(w, "end");
		jsonw_uint(w, utf8_pos_cp(&pos, s, p->end));
		jsonw_name(w, "type");
		jsonw_str(w, pii_type_name(p->type));
		if (with_text) {
			jsonw_name(w, "text");
			jsonw_string(w, s + p->start, p->end - p->start);
		}
		jsonw_name(w, "valid");
		jsonw_bool(w, p->valid);
		jsonw_end_object(w);
	}
	jsonw_end_array(w);
}

/* ---------------------------------------------------------------- names */

const char *
pii_type_name(int type)
{
	return type >= 0 && type < PII_NTYPES ? type_names[type] : "?";
}

void
pii_types_help(struct buf *out)
{
	int t;

	for (t = 0; t < PII_NTYPES; t++) {
		const char *p;

		buf_addstr(out, t ? ", " : "");
		for (p = type_names[t]; *p; p++)
			buf_addc(out, *p >= 'A' && *p <= 'Z' ? (char)(*p | 0x20) : *p);
	}
}

/* The kind named s[0, n) in any case, '-' for '_'; -1 when none. */
static int
type_by_name(const char *s, size_t n)
{
	int t;
	size_t k;

	for (t = 0; t < PII_NTYPES; t++) {
		const char *name = type_names[t];

		if (strlen(name) != n)
			continue;
		for (k = 0; k < n; k++) {
			char c = s[k] == '-' ? '_' : s[k];

			if (c >= 'a' && c <= 'z')
				c = (char)(c - 'a' + 'A');
			if (c != name[k])
				break;
		}
		if (k == n)
			return t;
	}
	return -1;
}

int
pii_types_parse(const char *opt, const char *list, unsigned *types)
{
	const char *p = list;
	unsigned set = 0;
	int first = 1;

	for (;;) {
		const char *end = p + strcspn(p, ",");
		const char *a = p, *b = end;
		int minus, t;

		while (a < b && (*a == ' ' || *a == '\t'))
			a++;
		while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
			b--;
		minus = a < b && *a == '-';
		if (minus)
			a++;
		if (a == b) {
			warnx("%s: empty kind in '%s'", opt, list);
			return -1;
		}
		if (first && minus)
			set = PII_ALL;	/* "-ip": everything but */
		first = 0;
		if ((size_t)(b - a) == 3 && strncasecmp(a, "all", 3) == 0) {
			set = minus ? 0 : PII_ALL;
		} else if ((t = type_by_name(a, (size_t)(b - a))) >= 0) {
			if (minus)
				set &= ~(1u << t);
			else
				set |= 1u << t;
		} else {
			struct buf kinds = BUF_INIT;

			pii_types_help(&kinds);
			warnx("%s: unknown kind '%.*s' (kinds: %s)", opt, (int)(b - a), a,
			    kinds.data);
			buf_release(&kinds);
			return -1;
		}
		if (*end == '\0')
			break;
		p = end + 1;
	}
	*types = set;
	return 0;
}

/* ------------------------------------------------------------ canonical */

/* An e-mail address: lower case, no spaces, [at] and [dot] read. */
static void
canonical_email(const char *s, size_t n, struct buf *out)
{
	size_t i = 0;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];

		if (c == '[' || c == '(' || c == '{') {
			const char *close = memchr(s + i, c == '[' ? ']' : c == '(' ? ')' : '}', n - i);

			if (close) {
				size_t a = i + 1, b = (size_t)(close - s);
				int dot;

				while (a < b && s[a] == ' ')
					a++;
				while (b > a && s[b - 1] == ' ')
					b--;
				dot = b - a == 3 && strncasecmp(s + a, "dot", 3) == 0;
				buf_addc(out, dot ? '.' : '@');
				i = (size_t)(close - s) + 1;
				continue;
			}
		}
		if (c == 0xEF && i + 2 < n && (unsigned char)s[i + 1] == 0xBC &&
		    (unsigned char)s[i + 2] == 0xA0) {
			buf_addc(out, '@');
			i += 3;
			continue;
		}
		if (c != ' ')
			buf_addc(out, (char)(c >= 'A' && c <= 'Z' ? c | 0x20 : c));
		i++;
	}
}

/*
 * A phone number: Korean ones in national form (+82 10... is 010...),
 * North American ones as +1 and ten digits, others as + and their digits;
 * a trunk "(0)" after a country code is dropped.
 */
static void
canonical_phone(const char *s, size_t n, struct buf *out)
{
	struct buf d = BUF_INIT;
	size_t i;
	int plus = n > 0 && s[0] == '+';

	for (i = 0; i < n; i++) {
		int m;

		if (plus && s[i] == '(' && i + 2 < n && s[i + 1] == '0' && s[i + 2] == ')') {
			i += 2;
			continue;
		}
		if (ascii_is_digit((unsigned char)s[i])) {
			buf_addc(&d, s[i]);
		} else if ((m = mask_at(s, n, i)) > 0) {
			buf_addc(&d, '*');
			i += (size_t)m - 1;
		}
	}
	if (d.len == 0) {
		buf_release(&d);
		return;
	}
	if (plus && d.len > 2 && d.data[0] == '8' && d.data[1] == '2') {
		if (d.data[2] != '0')
			buf_addc(out, '0');
		buf_add(out, d.data + 2, d.len - 2);
	} else if (plus) {
		buf_addc(out, '+');
		buf_add(out, d.data, d.len);
	} else if (d.data[0] == '0') {
		buf_add(out, d.data, d.len);
	} else if (d.len == 11 && d.data[0] == '1') {
		buf_addc(out, '+');
		buf_add(out, d.data, d.len);
	} else if (d.len == 10) {
		buf_addstr(out, "+1");
		buf_add(out, d.data, d.len);
	} else {
		buf_add(out, d.data, d.len);
	}
	buf_release(&d);
}

void
pii_canonical(const char *s, const struct pii *p, struct buf *out)
{
	const char *t = s + p->start;
	size_t n = p->end - p->start, i;

	switch (p->type) {
	case PII_EMAIL:
		canonical_email(t, n, out);
		return;
	case PII_PHONE:
	case PII_BIZ_PHONE:
		canonical_phone(t, n, out);
		return;
	case PII_IP:
		for (i = 0; i < n; i++)
			buf_addc(out, (char)(t[i] >= 'A' && t[i] <= 'Z' ? t[i] | 0x20 : t[i]));
		return;
	case PII_PASSPORT:
		for (i = 0; i < n; i++)
			if (ascii_is_alnum((unsigned char)t[i]))
				buf_addc(out, (char)(t[i] >= 'a' && t[i] <= 'z' ? t[i] - 32 : t[i]));
		return;
	default:	/* numbers: the digits, '*' for each masked one */
		for (i = 0; i < n; i++) {
			int m;

			if (ascii_is_digit((unsigned char)t[i])) {
				buf_addc(out, t[i]);
			} else if ((m = mask_at(t, n, i)) > 0) {
				buf_addc(out, '*');
				i += (size_t)m - 1;
			}
		}
		return;
	}
}
