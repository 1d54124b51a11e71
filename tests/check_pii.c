/* Unit tests for lib/pii: what is personal data and what is not, check digits, masks and hashes. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "pii/internal.h"
#include "pii/pii.h"
#include "check_main.h"

/* What pii_find() found, as "TYPE text" (" ?" when not valid), joined by " | ". */
static void
render(const char *s, const struct pii_list *l, struct buf *out)
{
	size_t i;

	buf_reset(out);
	buf_addstr(out, "");
	for (i = 0; i < l->n; i++) {
		const struct pii *p = &l->v[i];

		buf_printf(out, "%s%s %.*s%s", i ? " | " : "", pii_type_name(p->type),
		    (int)(p->end - p->start), s + p->start, p->valid ? "" : " ?");
	}
}

static void
ck_pii(unsigned types, const char *in, const char *want)
{
	struct pii_cfg cfg = { types, 2025 };
	struct pii_list l = PII_LIST_INIT;
	struct buf got = BUF_INIT;

	pii_find(&cfg, in, strlen(in), &l);
	render(in, &l, &got);
	ck_assert_msg(strcmp(got.data, want) == 0, "%s\n   got: %s\n  want: %s",
	    in, got.data, want);
	buf_release(&got);
	pii_list_release(&l);
}

/*
 * Each row: a text and every item in it, "" for none.  Every form the
 * filter promises has a row, and so has each trap it must not fall into.
 */
static const struct {
	const char *in;
	const char *want;
} rows[] = {
	/* e-mail */
	{ "문의 hong@yna.co.kr로 보내 주세요", "EMAIL hong@yna.co.kr" },
	{ "kim.cs_01+news@mail.example.org.", "EMAIL kim.cs_01+news@mail.example.org" },
	{ "(seon@osen.co.kr)", "EMAIL seon@osen.co.kr" },
	{ "기자hong@naver.com", "EMAIL hong@naver.com" },
	{ "홍길동@예시.한국으로 보내라", "EMAIL 홍길동@예시.한국" },
	{ "user@회사.한국", "EMAIL user@회사.한국" },
	{ "hong [at] yna [dot] co [dot] kr", "EMAIL hong [at] yna [dot] co [dot] kr" },
	{ "hong(at)yna.co.kr", "EMAIL hong(at)yna.co.kr" },
	{ "jungyeul.park (AT) gmail.com", "EMAIL jungyeul.park (AT) gmail.com" },
	{ "hong＠yna.co.kr", "EMAIL hong＠yna.co.kr" },
	{ "hong @ naver.com", "EMAIL hong @ naver.com" },
	{ "user@xn--3e0b707e.xn--3e0b707e", "EMAIL user@xn--3e0b707e.xn--3e0b707e" },
	{ "icon@2x.png logo@3x.jpg", "" },
	{ "@newsdesk, user@localhost, a@b.c1", "" },
	{ "meet (at) noon", "" },
	{ "a..b@example.com", "EMAIL a..b@example.com" },
	{ "'o'brien@example.ie'", "EMAIL o'brien@example.ie" },
	/* Korean phones */
	{ "010-1234-5678", "PHONE 010-1234-5678" },
	{ "010 1234 5678", "PHONE 010 1234 5678" },
	{ "010.1234.5678", "PHONE 010.1234.5678" },
	{ "01012345678로", "PHONE 01012345678" },
	{ "011-123-4567", "PHONE 011-123-4567" },
	{ "02-123-4567, 02-1234-5678", "PHONE 02-123-4567 | PHONE 02-1234-5678" },
	{ "031)123-4567", "PHONE 031)123-4567" },
	{ "(031) 123-4567", "PHONE (031) 123-4567" },
	{ "(02)1234-5678", "PHONE (02)1234-5678" },
	{ "064-123-4567 070-1234-5678 0505-123-4567",
	    "PHONE 064-123-4567 | PHONE 070-1234-5678 | PHONE 0505-123-4567" },
	{ "010 - 1234 - 5678", "PHONE 010 - 1234 - 5678" },
	{ "010–1234–5678", "PHONE 010–1234–5678" },
	{ "010 – 1234 – 5678", "PHONE 010 – 1234 – 5678" },
	{ "credit card 4111111111111111 — 44", "CARD 4111111111111111" },
	{ "+82 10-1234-5678", "PHONE +82 10-1234-5678" },
	{ "+82-2-123-4567", "PHONE +82-2-123-4567" },
	{ "+82 (0)10 1234 5678", "PHONE +82 (0)10 1234 5678" },
	{ "+821012345678", "PHONE +821012345678" },
	{ "(+82) 10-1234-5678", "PHONE (+82) 10-1234-5678" },
	{ "+82 010-1234-5678", "PHONE +82 010-1234-5678" },
	{ "02-123-4567/8", "PHONE 02-123-4567" },
	{ "010-1234-5678~9", "PHONE 010-1234-5678" },
	{ "010-****-5678, 010-1234-xxxx", "PHONE 010-****-5678 ? | PHONE 010-1234-xxxx ?" },
	{ "☎ 723-4567, 전화 2345-6789", "PHONE 723-4567 | PHONE 2345-6789" },
	{ "123-4567", "" },
	/* business lines */
	{ "고객센터 1588-1234", "BIZ_PHONE 1588-1234" },
	{ "1577-0000, 1644-1234", "BIZ_PHONE 1577-0000 | BIZ_PHONE 1644-1234" },
	{ "1588 1234, 1661.2345, 15881234", "BIZ_PHONE 1588 1234 | BIZ_PHONE 1661.2345" },
	{ "080-123-4567", "BIZ_PHONE 080-123-4567" },
	{ "1-800-555-0199", "BIZ_PHONE 1-800-555-0199" },
	{ "임진왜란(1592-1598)과 1800-1900년대", "" },
	{ "ISSN 1598-2345", "" },
	{ "(문의: 1623-1723)", "BIZ_PHONE 1623-1723" },
	{ "전문의 1623-1723", "" },
	/* North American and international */
	{ "(202) 555-0143", "PHONE (202) 555-0143" },
	{ "202-555-0143 and 202.555.0143", "PHONE 202-555-0143 | PHONE 202.555.0143" },
	{ "+1 (202) 555-0143", "PHONE +1 (202) 555-0143" },
	{ "+44 20 7946 0958", "PHONE +44 20 7946 0958" },
	{ "+33 1 23 45 67 89 10 people", "PHONE +33 1 23 45 67 89" },
	{ "+81-3-1234-5678", "PHONE +81-3-1234-5678" },
	{ "+86 10 1234 5678", "PHONE +86 10 1234 5678" },
	{ "123-456-7890", "" },	/* area code 123 is no area code */
	/* resident registration numbers */
	{ "900101-1234568", "RRN 900101-1234568" },
	{ "900101-1234567", "RRN 900101-1234567 ?" },
	{ "050505-3123458", "RRN 050505-3123458 ?" },
	{ "9001011234568", "RRN 9001011234568" },
	{ "900101 1234568", "RRN 900101 1234568" },
	{ "900101-1******, 900101-1xxxxxx", "RRN 900101-1****** ? | RRN 900101-1xxxxxx ?" },
	{ "901301-1234567", "" },		/* month 13 */
	{ "900230-1234567", "" },		/* 30 February */
	{ "000229-3234567", "RRN 000229-3234567 ?" },	/* 2000 was leap */
	{ "250101-3234567", "RRN 250101-3234567 ?" },
	{ "350101-3234567", "" },		/* born in 2035: not yet */
	{ "900101-5234567", "FRN 900101-5234567 ?" },
	{ "800101-5000001", "FRN 800101-5000001" },
	/* business and corporate registration numbers */
	{ "124-81-00998", "BRN 124-81-00998" },
	{ "124-81-00999", "" },
	{ "사업자등록번호 124-81-00999", "BRN 124-81-00999 ?" },
	{ "사업자등록번호 1248100998", "BRN 1248100998" },
	{ "법인등록번호 130111-0006246", "CRN 130111-0006246" },
	{ "법인등록번호 130111-0006245", "CRN 130111-0006245 ?" },
	{ "130111-0006246", "CRN 130111-0006246" },
	{ "법무법인 측 900101-1234568", "RRN 900101-1234568" },
	/* cards */
	{ "4111 1111 1111 1111", "CARD 4111 1111 1111 1111" },
	{ "4111-1111-1111-1111", "CARD 4111-1111-1111-1111" },
	{ "4111111111111111", "CARD 4111111111111111" },
	{ "3782 822463 10005", "CARD 3782 822463 10005" },
	{ "5555-5555-5555-4444", "CARD 5555-5555-5555-4444" },
	{ "4111-1111-1111-1112", "" },
	{ "카드번호 4111-1111-1111-1112", "CARD 4111-1111-1111-1112 ?" },
	{ "1234-****-****-5678", "CARD 1234-****-****-5678 ?" },
	{ "4111 1111 1111 1111 1111", "" },	/* 20 digits */
	/* in context only */
	{ "국민은행 계좌 123456-78-901234", "ACCOUNT 123456-78-901234" },
	{ "입금 계좌: 신한은행 110-123-456789 (예금주 홍길동)", "ACCOUNT 110-123-456789" },
	{ "account number 12345678901", "ACCOUNT 12345678901" },
	{ "123456-78-901234", "" },
	{ "신한 110-123-456789 홍길동", "ACCOUNT 110-123-456789" },
	{ "국민 여러분 830-98-38576", "" },
	{ "4414 7089 1558 0299", "" },
	{ "여권번호 M12345678", "PASSPORT M12345678" },
	{ "여권 번호는 M123A4567이다", "PASSPORT M123A4567" },
	{ "passport no. 123456789", "PASSPORT 123456789" },
	{ "M12345678", "" },
	{ "SSN 078-05-1120", "SSN 078-05-1120" },
	{ "Social Security number 078051120", "SSN 078051120" },
	{ "SSN 666-05-1120", "SSN 666-05-1120 ?" },
	{ "078-05-1120", "" },
	/* IP addresses */
	{ "192.168.0.1에서 접속", "IP 192.168.0.1" },
	{ "10.0.0.1:8080, 172.16.0.0/12", "IP 10.0.0.1 | IP 172.16.0.0" },
	{ "2001:db8::8a2e:370:7334", "IP 2001:db8::8a2e:370:7334" },
	{ "2001:0db8:85a3:0000:0000:8a2e:0370:7334", "IP 2001:0db8:85a3:0000:0000:8a2e:0370:7334" },
	{ "fe80::1ff:fe23:4567:890a", "IP fe80::1ff:fe23:4567:890a" },
	{ "::ffff:192.0.2.128", "IP ::ffff:192.0.2.128" },
	{ "256.1.1.1, 1.2.3.4.5, 01.02.03.04", "" },
	{ "버전 1.2.3.4, version 10.0.1.2", "" },
	{ "iOS 17.1.2.1, Android 4.4.2.1", "" },
	{ "the app connected to 10.0.0.1", "IP 10.0.0.1" },
	{ "10:30:45, std::vector, a::b", "" },
	/* numbers of other kinds */
	{ "2024-01-15, 2024.01.15, 20240115, 14:30:15", "" },
	{ "1,234,567원, $12,345, 3,000만 원", "" },
	{ "제3조 제2항, 제2024-1234호", "" },
	{ "삼성전자(005930)", "" },
	{ "ISBN 978-89-1234-567-8", "" },
	{ "3-1로 이겼다, 102-98", "" },
	{ "12-010-1234-5678, 010-1234-5678-9", "" },
	{ "1234010-1234-5678", "" },
	{ "010-1234-5678원", "" },
	{ "https://news.example.com/view?aid=01012345678", "" },
	{ "v1.2.3.4", "" },
	{ "37.5665, 126.9780", "" },
	{ "12345678901234567890", "" },
	{ "135-080", "" },
};

START_TEST(test_pii_rows)
{
	ck_pii(PII_ALL, rows[_i].in, rows[_i].want);
}
END_TEST

/* --types: the kinds left out are not reported, and not taken for others. */
START_TEST(test_pii_types)
{
	const char *s = "900101-1234568 010-1234-5678 hong@yna.co.kr";
	unsigned t;

	ck_pii(1u << PII_PHONE, s, "PHONE 010-1234-5678");
	ck_pii(1u << PII_EMAIL | 1u << PII_RRN, s, "RRN 900101-1234568 | EMAIL hong@yna.co.kr");
	ck_pii(1u << PII_CARD, s, "");
	ck_assert_int_eq(pii_types_parse("--types", "email,PHONE", &t), 0);
	ck_assert_uint_eq(t, 1u << PII_EMAIL | 1u << PII_PHONE);
	ck_assert_int_eq(pii_types_parse("--types", "-ip, -biz-phone", &t), 0);
	ck_assert_uint_eq(t, PII_ALL & ~(1u << PII_IP | 1u << PII_BIZ_PHONE));
	ck_assert_int_eq(pii_types_parse("--types", "all,-card", &t), 0);
	ck_assert_uint_eq(t, PII_ALL & ~(1u << PII_CARD));
	ck_assert_int_eq(pii_types_parse("--types", "phone,mail", &t), -1);
	ck_assert_int_eq(pii_types_parse("--types", "phone,", &t), -1);
}
END_TEST

static const struct {
	const char *digits;
	int (*check)(const char *);
	int want;
} checks[] = {
	{ "1248100998", brn_check_ok, 1 },	/* Samsung Electronics */
	{ "1248100999", brn_check_ok, 0 },
	{ "1301110006246", crn_check_ok, 1 },	/* Samsung Electronics */
	{ "1301110006247", crn_check_ok, 0 },
	{ "9001011234568", rrn_check_ok, 1 },
	{ "9001011234567", rrn_check_ok, 0 },
	{ "8001015000001", frn_check_ok, 1 },
	{ "8001015000003", frn_check_ok, 0 },
	{ "078051120", ssn_ok, 1 },
	{ "000051120", ssn_ok, 0 },
	{ "666051120", ssn_ok, 0 },
	{ "900051120", ssn_ok, 0 },
	{ "078001120", ssn_ok, 0 },
	{ "078050000", ssn_ok, 0 },
};

START_TEST(test_pii_checks)
{
	ck_assert_msg(checks[_i].check(checks[_i].digits) == checks[_i].want, "%s",
	    checks[_i].digits);
}
END_TEST

START_TEST(test_pii_card_checks)
{
	ck_assert(luhn_ok("4111111111111111", 16));
	ck_assert(!luhn_ok("4111111111111112", 16));
	ck_assert(luhn_ok("378282246310005", 15));
	ck_assert(card_prefix_ok("378282246310005", 15));
	ck_assert(!card_prefix_ok("378282246310005", 16));
	ck_assert(card_prefix_ok("2221000000000009", 16));
	ck_assert(!card_prefix_ok("2721000000000000", 16));
	ck_assert(!card_prefix_ok("1234567812345678", 16));
	ck_assert_int_eq(rrn_kind("9001011", 2025), PII_RRN);
	ck_assert_int_eq(rrn_kind("0001013", 2025), PII_RRN);
	ck_assert_int_eq(rrn_kind("2601013", 2025), -1);
	ck_assert_int_eq(rrn_kind("2601013", 2026), PII_RRN);
	ck_assert_int_eq(rrn_kind("0001017", 2025), PII_FRN);
	ck_assert_int_eq(rrn_kind("9001019", 2025), -1);
	ck_assert_int_eq(rrn_kind("9602291", 2025), PII_RRN);
	ck_assert_int_eq(rrn_kind("9702291", 2025), -1);
}
END_TEST

/* One number written in many ways has one canonical form. */
START_TEST(test_pii_canonical)
{
	static const struct {
		const char *in, *want;
	} rows_c[] = {
		{ "010-1234-5678", "01012345678" },
		{ "+82 10 1234 5678", "01012345678" },
		{ "+82 (0)10-1234-5678", "01012345678" },
		{ "+82 010-1234-5678", "01012345678" },
		{ "(202) 555-0143", "+12025550143" },
		{ "+1 202-555-0143", "+12025550143" },
		{ "1-202-555-0143", "+12025550143" },
		{ "+44 (0)20 7946 0958", "+442079460958" },
		{ "Hong [at] YNA [dot] co [dot] kr", "hong@yna.co.kr" },
		{ "hong＠yna.co.kr", "hong@yna.co.kr" },
		{ "900101-1234568", "9001011234568" },
		{ "2001:DB8::1", "2001:db8::1" },
	};
	struct pii_cfg cfg = { PII_ALL, 2025 };
	struct pii_list l = PII_LIST_INIT;
	struct buf c = BUF_INIT;
	size_t i;

	for (i = 0; i < sizeof rows_c / sizeof rows_c[0]; i++) {
		pii_find(&cfg, rows_c[i].in, strlen(rows_c[i].in), &l);
		ck_assert_msg(l.n == 1, "%s: %zu items", rows_c[i].in, l.n);
		buf_reset(&c);
		pii_canonical(rows_c[i].in, &l.v[0], &c);
		ck_assert_msg(strcmp(c.data, rows_c[i].want) == 0, "%s: %s", rows_c[i].in, c.data);
	}
	buf_release(&c);
	pii_list_release(&l);
}
END_TEST

/* The "pii" array: code-point offsets, with or without the text. */
START_TEST(test_pii_json)
{
	const char *s = "전화 010-1234-5678, ☎ 02)123-4567";
	struct pii_cfg cfg = { PII_ALL, 2025 };
	struct pii_list l = PII_LIST_INIT;
	struct buf out = BUF_INIT;
	struct jsonw w;

	pii_find(&cfg, s, strlen(s), &l);
	jsonw_init(&w, &out);
	pii_json_list(&w, s, &l, 1);
	ck_assert_str_eq(out.data, "[{\"start\":3,\"end\":16,\"type\":\"PHONE\","
	    "\"text\":\"010-1234-5678\",\"valid\":true},{\"start\":20,\"end\":31,"
	    "\"type\":\"PHONE\",\"text\":\"02)123-4567\",\"valid\":true}]");
	buf_reset(&out);
	jsonw_init(&w, &out);
	l.n = 0;
	pii_json_list(&w, s, &l, 0);
	ck_assert_str_eq(out.data, "[]");
	buf_release(&out);
	pii_list_release(&l);
}
END_TEST

static void
ck_redact(enum pii_how how, const char *arg, const char *in, const char *want,
    const char *want_spans)
{
	struct pii_cfg cfg = { PII_ALL, 2025 };
	struct pii_list l = PII_LIST_INIT;
	struct pii_redactor *r = pii_redactor_new(how, arg, arg ? strlen(arg) : 0);
	struct buf out = BUF_INIT, spans = BUF_INIT;
	size_t i;

	buf_addstr(&out, ">");	/* spans count from where the text starts */
	pii_find(&cfg, in, strlen(in), &l);
	pii_redact(r, in, strlen(in), &l, &out);
	ck_assert_msg(strcmp(out.data + 1, want) == 0, "%s\n   got: %s\n  want: %s", in,
	    out.data + 1, want);
	buf_addstr(&spans, "");
	for (i = 0; i < l.n; i++)
		buf_printf(&spans, "%s%zu-%zu", i ? " " : "", l.v[i].start, l.v[i].end);
	ck_assert_str_eq(spans.data, want_spans);
	buf_release(&out);
	buf_release(&spans);
	pii_list_release(&l);
	pii_redactor_free(r);
}

START_TEST(test_pii_redact)
{
	const char *s = "전화 010-1234-5678, hong@yna.co.kr";

	ck_redact(PII_MASK, NULL, s, "전화 <PHONE>, <EMAIL>", "7-14 16-23");
	ck_redact(PII_MASK_CHAR, "*", s, "전화 *************, **************", "7-20 22-36");
	ck_redact(PII_MASK_CHAR, "●", "a 010-1234-5678", "a ●●●●●●●●●●●●●", "2-41");
	/* HMAC-SHA256("secret", "PHONE:01012345678"), as Python's hmac gives it */
	ck_redact(PII_HASH, "secret", s, "전화 <PHONE:2f92b4d4672b3382>, <EMAIL:8bd2720e81a2e88c>",
	    "7-31 33-57");
	/* the same number written otherwise: the same hash */
	ck_redact(PII_HASH, "secret", "+82 10 1234 5678", "<PHONE:2f92b4d4672b3382>", "0-24");
	ck_redact(PII_HASH, "other", "+82 10 1234 5678", "<PHONE:e062aa472b5de631>", "0-24");
	ck_redact(PII_MASK, NULL, "nothing here", "nothing here", "");
}
END_TEST

static Suite *
pii_suite(void)
{
	Suite *s = suite_create("pii");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_pii_rows, 0, sizeof rows / sizeof rows[0]);
	tcase_add_test(tc, test_pii_types);
	tcase_add_loop_test(tc, test_pii_checks, 0, sizeof checks / sizeof checks[0]);
	tcase_add_test(tc, test_pii_card_checks);
	tcase_add_test(tc, test_pii_canonical);
	tcase_add_test(tc, test_pii_json);
	tcase_add_test(tc, test_pii_redact);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(pii_suite)
