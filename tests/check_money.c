/* Unit tests for lib/money: the recognizer, its table of cases and options. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/jsonw.h"
#include "money/internal.h"
#include "money/money.h"
#include "check_main.h"

/*
 * Render what money_find() found as "TEXT=VALUE CUR", amounts joined by
 * " | ": VALUE is min..max for a range or a vague amount, "~" marks
 * approx, and a qualifier other than approx follows by name.
 */
static void
render(const char *s, const struct money_list *l, struct buf *out)
{
	size_t i;

	buf_reset(out);
	buf_addstr(out, "");
	for (i = 0; i < l->n; i++) {
		const struct money *m = &l->v[i];
		const char *q = money_qual_name(m->qualifier);
		char a[DEC_STRLEN], b[DEC_STRLEN];

		if (m->has_value) {
			dec_format(&m->value, a);
			b[0] = '\0';
		} else {
			dec_format(&m->min, a);
			dec_format(&m->max, b);
		}
		buf_printf(out, "%s%.*s=%s%s%s %s%s%s%s", i ? " | " : "",
		    (int)(m->end - m->start), s + m->start, a, b[0] ? ".." : "", b,
		    m->currency, m->approx ? " ~" : "",
		    q && m->qualifier != MONEY_APPROX ? " " : "",
		    q && m->qualifier != MONEY_APPROX ? q : "");
	}
}

static void
ck_money(const struct money_cfg *cfg, const char *in, const char *want)
{
	struct money_list l = MONEY_LIST_INIT;
	struct buf got = BUF_INIT;

	money_find(cfg, in, strlen(in), &l);
	render(in, &l, &got);
	ck_assert_msg(strcmp(got.data, want) == 0, "%s\n   got: %s\n  want: %s",
	    in, got.data, want);
	buf_release(&got);
	money_list_release(&l);
}

/*
 * Each row: a text and every amount in it.  Every construct of the issue
 * and each false-positive trap has a row; an empty want means "no money
 * here".
 */
static const struct {
	const char *in;
	const char *want;
} rows[] = {
	/*  Korean: digits with myriad units */
	{ "20조원",
	    "20조원=20000000000000 KRW" },
	{ "700조 원",
	    "700조 원=700000000000000 KRW" },
	{ "약 9300조원",
	    "9300조원=9300000000000000 KRW ~" },
	{ "9300조원",
	    "9300조원=9300000000000000 KRW" },
	{ "1조2000억원",
	    "1조2000억원=1200000000000 KRW" },
	{ "1조 2,000억원",
	    "1조 2,000억원=1200000000000 KRW" },
	{ "1조 2,345억 6,789만 원",
	    "1조 2,345억 6,789만 원=1234567890000 KRW" },
	{ "23억8천만 달러",
	    "23억8천만 달러=2380000000 USD" },
	{ "23억8천만 원",
	    "23억8천만 원=2380000000 KRW" },
	{ "4천 820만 달러",
	    "4천 820만 달러=48200000 USD" },
	{ "7천 5백만 달러",
	    "7천 5백만 달러=75000000 USD" },
	{ "1천 1백 70만 달러",
	    "1천 1백 70만 달러=11700000 USD" },
	{ "천 4백만 달러",
	    "천 4백만 달러=14000000 USD" },
	{ "1백억 5천만 홍콩 달러",
	    "1백억 5천만 홍콩 달러=10050000000 HKD" },
	{ "30만9천381엔",
	    "30만9천381엔=309381 JPY" },
	{ "8백 10만 파운드",
	    "8백 10만 파운드=8100000 GBP" },
	{ "5 억 달러",
	    "5 억 달러=500000000 USD" },
	{ "5,000억 달러",
	    "5,000억 달러=500000000000 USD" },
	{ "9999경 원",
	    "9999경 원=99990000000000000000 KRW" },
	{ "1만 2천 345 달러",
	    "1만 2천 345 달러=12345 USD" },
	{ "50만 9375달러로",
	    "50만 9375달러=509375 USD" },
	{ "1천 15 프랑",
	    "1천 15 프랑=1015 CHF" },
	{ "9만 4천 달러를",
	    "9만 4천 달러=94000 USD" },
	{ "12만 5천 달러에",
	    "12만 5천 달러=125000 USD" },
	{ "2억 4천 4백만 달러",
	    "2억 4천 4백만 달러=244000000 USD" },
	{ "2천 2백 50만 달러",
	    "2천 2백 50만 달러=22500000 USD" },
	{ "7천5백30만 달러였다",
	    "7천5백30만 달러=75300000 USD" },
	{ "1.5조원",
	    "1.5조원=1500000000000 KRW" },
	{ "1.5조 원",
	    "1.5조 원=1500000000000 KRW" },
	{ "2.75 달러",
	    "2.75 달러=2.75 USD" },
	{ "３．２천 원",
	    "３．２천 원=3200 KRW" },
	{ "１２０만원",
	    "１２０만원=1200000 KRW" },
	{ "１，０００원",
	    "１，０００원=1000 KRW" },
	{ "64.2 센트",
	    "64.2 센트=0.642 USD" },
	{ "0.5억 원",
	    "0.5억 원=50000000 KRW" },
	{ "2,400여만 원",
	    "2,400여만 원=24000000 KRW ~" },
	{ "100여억 원",
	    "100여억 원=10000000000 KRW ~" },
	{ "5000억∼1조원",
	    "5000억∼1조원=500000000000..1000000000000 KRW range" },
	{ "1억~1억5000만원",
	    "1억~1억5000만원=100000000..150000000 KRW range" },
	/*  Korean: Sino-Korean numerals */
	{ "삼천만 원",
	    "삼천만 원=30000000 KRW" },
	{ "이천칠백삼십오만 원",
	    "이천칠백삼십오만 원=27350000 KRW" },
	{ "오백억 원",
	    "오백억 원=50000000000 KRW" },
	{ "일점이삼 달러",
	    "일점이삼 달러=1.23 USD" },
	{ "일쩜오 달러",
	    "일쩜오 달러=1.5 USD" },
	{ "천 원",
	    "천 원=1000 KRW" },
	{ "만 원짜리",
	    "만 원=10000 KRW" },
	{ "십만 원",
	    "십만 원=100000 KRW" },
	{ "백만 원을",
	    "백만 원=1000000 KRW" },
	{ "삼천오백만 원",
	    "삼천오백만 원=35000000 KRW" },
	{ "오천 원권",
	    "오천 원=5000 KRW" },	/* a banknote names a sum */
	{ "5만원권 1천600장",
	    "5만원=50000 KRW" },
	/*  paired conversions */
	{ "5,000억 달러(약 700조 원)",
	    "5,000억 달러=500000000000 USD | 700조 원=700000000000000 KRW ~" },
	{ "380억 달러(약 52조 원)",
	    "380억 달러=38000000000 USD | 52조 원=52000000000000 KRW ~" },
	{ "20조원(약 150억 달러)",
	    "20조원=20000000000000 KRW | 150억 달러=15000000000 USD ~" },
	/*  currencies, Korean names */
	{ "100 달러",
	    "100 달러=100 USD" },
	{ "100달러짜리",
	    "100달러=100 USD" },
	{ "100 미국 달러",
	    "100 미국 달러=100 USD" },
	{ "100 미 달러",
	    "100 미 달러=100 USD" },
	{ "100 US 달러",
	    "100 US 달러=100 USD" },
	{ "미화 100만 달러",
	    "미화 100만 달러=1000000 USD" },
	{ "100만 미화",
	    "100만 미화=1000000 USD" },
	{ "500 미국 달러화",
	    "500 미국 달러화=500 USD" },
	{ "10 캐나다 달러",
	    "10 캐나다 달러=10 CAD" },
	{ "10 호주 달러",
	    "10 호주 달러=10 AUD" },
	{ "10 호주달러",
	    "10 호주달러=10 AUD" },
	{ "10 홍콩 달러",
	    "10 홍콩 달러=10 HKD" },
	{ "10 대만 달러",
	    "10 대만 달러=10 TWD" },
	{ "10 싱가포르 달러",
	    "10 싱가포르 달러=10 SGD" },
	{ "10 뉴질랜드 달러",
	    "10 뉴질랜드 달러=10 NZD" },
	{ "1천억 위안",
	    "1천억 위안=100000000000 CNY" },
	{ "1천억 위안화",
	    "1천억 위안화=100000000000 CNY" },
	{ "100 중국 위안",
	    "100 중국 위안=100 CNY" },
	{ "100元",
	    "100元=100 CNY" },
	{ "500만 엔",
	    "500만 엔=5000000 JPY" },
	{ "500만 엔화",
	    "500만 엔화=5000000 JPY" },
	{ "1엔 입찰",
	    "1엔=1 JPY" },
	{ "2백만 유로",
	    "2백만 유로=2000000 EUR" },
	{ "10억유로를",
	    "10억유로=1000000000 EUR" },
	{ "100 파운드짜리",
	    "100 파운드=100 GBP" },
	{ "470 펜스",
	    "470 펜스=4.7 GBP" },
	{ "1 페니",
	    "1 페니=0.01 GBP" },
	{ "1만 스위스 프랑",
	    "1만 스위스 프랑=10000 CHF" },
	{ "200억 프랑",
	    "200억 프랑=20000000000 CHF" },
	{ "10만 루피",
	    "10만 루피=100000 INR" },
	{ "300만 루블",
	    "300만 루블=3000000 RUB" },
	{ "100 리라",
	    "100 리라=100 TRY" },
	{ "50 센트",
	    "50 센트=0.5 USD" },
	{ "10만 센트",
	    "10만 센트=1000 USD" },
	{ "100불",
	    "100불=100 USD" },
	{ "100불짜리",
	    "100불=100 USD" },
	{ "1천불",
	    "1천불=1000 USD" },
	{ "₩1,000",
	    "₩1,000=1000 KRW" },
	{ "1,000₩",
	    "1,000₩=1000 KRW" },
	{ "￦5000",
	    "￦5000=5000 KRW" },
	{ "KRW 1,000",
	    "KRW 1,000=1000 KRW" },
	{ "100 KRW",
	    "100 KRW=100 KRW" },
	{ "10억 USD",
	    "10억 USD=1000000000 USD" },
	{ "USD 100만",
	    "USD 100만=1000000 USD" },
	{ "4억 2천만 핀란드 마르카",
	    "4억 2천만 핀란드 마르카=420000000 FIM" },
	{ "66억 5천만 페세타",
	    "66억 5천만 페세타=6650000000 ESP" },
	{ "2억 5천만 네덜란드 휠던",
	    "2억 5천만 네덜란드 휠던=250000000 NLG" },
	{ "100 콜론",
	    "100 콜론=100 CRC" },
	{ "100 라리",
	    "100 라리=100 GEL" },
	{ "10만 킵",
	    "10만 킵=100000 LAK" },
	{ "10 비트코인",
	    "10 비트코인=10 BTC" },
	/*  cents composing */
	{ "64달러 45센트",
	    "64달러 45센트=64.45 USD" },
	{ "3 달러 50 센트",
	    "3 달러 50 센트=3.5 USD" },
	{ "1달러 20센트",
	    "1달러 20센트=1.2 USD" },
	{ "1 달러와 1 그리고 1 점",
	    "1 달러와 1=1.01 USD" },
	{ "5 달러와 3 명",
	    "5 달러=5 USD" },
	/*  qualifiers */
	{ "약 100억 원",
	    "100억 원=10000000000 KRW ~" },
	{ "대략 100억 원",
	    "100억 원=10000000000 KRW ~" },
	{ "얼추 100억 원",
	    "100억 원=10000000000 KRW ~" },
	{ "대충 100만 원",
	    "100만 원=1000000 KRW ~" },
	{ "거의 100억 원",
	    "100억 원=10000000000 KRW ~" },
	{ "100억 원 정도",
	    "100억 원=10000000000 KRW ~" },
	{ "100억원가량",
	    "100억원=10000000000 KRW ~" },
	{ "100억 원 쯤",
	    "100억 원=10000000000 KRW ~" },
	{ "100억 원 안팎",
	    "100억 원=10000000000 KRW ~" },
	{ "100억원 남짓",
	    "100억원=10000000000 KRW ~" },
	{ "최대 100억 원",
	    "100억 원=10000000000 KRW max" },
	{ "최소 50만 원",
	    "50만 원=500000 KRW min" },
	{ "100억 원 이상",
	    "100억 원=10000000000 KRW over" },
	{ "100억 원 초과",
	    "100억 원=10000000000 KRW over" },
	{ "100억 원 이하",
	    "100억 원=10000000000 KRW under" },
	{ "100억원 미만",
	    "100억원=10000000000 KRW under" },
	{ "최대 약 100억 원",
	    "100억 원=10000000000 KRW ~ max" },
	{ "약100억원",
	    "100억원=10000000000 KRW ~" },
	/*  ranges */
	{ "100억~200억원",
	    "100억~200억원=10000000000..20000000000 KRW range" },
	{ "100~200억원",
	    "100~200억원=10000000000..20000000000 KRW range" },
	{ "5~10만원",
	    "5~10만원=50000..100000 KRW range" },
	{ "1조~2조원",
	    "1조~2조원=1000000000000..2000000000000 KRW range" },
	{ "3천억에서 5천억 원",
	    "3천억에서 5천억 원=300000000000..500000000000 KRW range" },
	{ "100억부터 200억 원까지",
	    "100억부터 200억 원=10000000000..20000000000 KRW range" },
	{ "100억 원~200억 원",
	    "100억 원~200억 원=10000000000..20000000000 KRW range" },
	{ "100억 내지 200억 원",
	    "100억 내지 200억 원=10000000000..20000000000 KRW range" },
	{ "200억~100억원",
	    "100억원=10000000000 KRW" },
	{ "50000~10만원",
	    "50000~10만원=50000..100000 KRW range" },
	{ "100달러~200유로",
	    "100달러=100 USD | 200유로=200 EUR" },
	{ "3천억에서 5천억 원으로 늘었다",
	    "3천억=300000000000 KRW | 5천억 원=500000000000 KRW" },
	/*  vague */
	{ "수십억 원",
	    "수십억 원=2000000000..9000000000 KRW ~ vague" },
	{ "수백만 달러",
	    "수백만 달러=2000000..9000000 USD ~ vague" },
	{ "수조 원",
	    "수조 원=2000000000000..9000000000000 KRW ~ vague" },
	{ "수천억 원",
	    "수천억 원=200000000000..900000000000 KRW ~ vague" },
	{ "십수억 원을",
	    "십수억 원=1100000000..1900000000 KRW ~ vague" },
	{ "몇십만 원",
	    "몇십만 원=200000..900000 KRW ~ vague" },
	{ "수백억~수천억 원",
	    "수백억~수천억 원=20000000000..900000000000 KRW ~ range" },
	/*  Korean false friends */
	{ "직원 10명",
	    "" },
	{ "지원 5억",
	    "" },
	{ "원인을 찾다",
	    "" },
	{ "3원칙",
	    "" },
	{ "유로존 위기",
	    "" },
	{ "불과 3일",
	    "" },
	{ "20조 규모의 예산",
	    "" },
	{ "제3조 원칙",
	    "" },
	{ "사원 5명과 구원 투수",
	    "" },
	{ "사회의 일원으로",
	    "" },
	{ "이원화 체계",
	    "" },
	{ "수원 삼성",
	    "" },
	{ "3불 정책",
	    "" },
	{ "3원색",
	    "" },
	{ "2원소",
	    "" },
	{ "만 하루",
	    "" },
	{ "달러 강세",
	    "" },
	{ "엔화 약세",
	    "" },
	{ "100엔진",
	    "" },
	{ "5세대 이동통신",
	    "" },
	{ "2024년 5월 3일",
	    "" },
	{ "10년간 1위",
	    "" },
	{ "3분기 영업이익 20%",
	    "" },
	{ "이 회사는",
	    "" },
	/*  English: digits and scales */
	{ "$38 billion",
	    "$38 billion=38000000000 USD" },
	{ "US$1.2m",
	    "US$1.2m=1200000 USD" },
	{ "€5bn",
	    "€5bn=5000000000 EUR" },
	{ "KRW 1.2 trillion",
	    "KRW 1.2 trillion=1200000000000 KRW" },
	{ "20 trillion won ($14.5 billion)",
	    "20 trillion won=20000000000000 KRW | $14.5 billion=14500000000 USD" },
	{ "$10K",
	    "$10K=10000 USD" },
	{ "$1.5B",
	    "$1.5B=1500000000 USD" },
	{ "$ 75 million",
	    "$ 75 million=75000000 USD" },
	{ "c $ 16.4 million",
	    "c $ 16.4 million=16400000 CAD" },
	{ "hk $ 10.05 billion",
	    "hk $ 10.05 billion=10050000000 HKD" },
	{ "u.s $ 100,000,000",
	    "u.s $ 100,000,000=100000000 USD" },
	{ "us $ 150 million",
	    "us $ 150 million=150000000 USD" },
	{ "C$1.34",
	    "C$1.34=1.34 CAD" },
	{ "A$ 5 million",
	    "A$ 5 million=5000000 AUD" },
	{ "NZ$20",
	    "NZ$20=20 NZD" },
	{ "HK$10.05 billion",
	    "HK$10.05 billion=10050000000 HKD" },
	{ "NT$ 100",
	    "NT$ 100=100 TWD" },
	{ "R$ 50",
	    "R$ 50=50 BRL" },
	{ "S$3",
	    "S$3=3 SGD" },
	{ "Mex$ 10 million",
	    "Mex$ 10 million=10000000 MXN" },
	{ "£ 8.10 million",
	    "£ 8.10 million=8100000 GBP" },
	{ "£100",
	    "£100=100 GBP" },
	{ "€ 2 million",
	    "€ 2 million=2000000 EUR" },
	{ "¥10,000",
	    "¥10,000=10000 JPY" },
	{ "￥500",
	    "￥500=500 JPY" },
	{ "₹500 crore",
	    "₹500 crore=5000000000 INR" },
	{ "Rs 5 crore",
	    "Rs 5 crore=50000000 INR" },
	{ "35 lakh rupees",
	    "35 lakh rupees=3500000 INR" },
	{ "12,34,567.89 rupees",
	    "12,34,567.89 rupees=1234567.89 INR" },
	{ "22,90 €",
	    "22,90 €=22.9 EUR" },
	{ "€22,90",
	    "€22,90=22.9 EUR" },
	{ "1.234.567,89 €",
	    "1.234.567,89 €=1234567.89 EUR" },
	{ "$ 20,000.00 $ 37,305.97",
	    "$ 20,000.00=20000 USD | $ 37,305.97=37305.97 USD" },
	{ "5 €, 10 €, 20 €",
	    "5 €=5 EUR | 10 €=10 EUR | 20 €=20 EUR" },
	/*  ISO codes before and after */
	{ "USD 200",
	    "USD 200=200 USD" },
	{ "usd 200",
	    "usd 200=200 USD" },
	{ "USD115",
	    "USD115=115 USD" },
	{ "USD115.5",
	    "USD115.5=115.5 USD" },
	{ "115USD",
	    "115USD=115 USD" },
	{ "115.5USD",
	    "115.5USD=115.5 USD" },
	{ "usd$ 15",
	    "usd$ 15=15 USD" },
	{ "mxn$ 15",
	    "mxn$ 15=15 MXN" },
	{ "aud$ 15",
	    "aud$ 15=15 AUD" },
	{ "cad$ 15",
	    "cad$ 15=15 CAD" },
	{ "nzd$15",
	    "nzd$15=15 NZD" },
	{ "75 USD million",
	    "75 USD million=75000000 USD" },
	{ "USD 22.5 million",
	    "USD 22.5 million=22500000 USD" },
	{ "30 MUSD",
	    "30 MUSD=30000000 USD" },
	{ "MEUR 120",
	    "MEUR 120=120000000 EUR" },
	{ "48.5 MGBP",
	    "48.5 MGBP=48500000 GBP" },
	{ "MAUD 60",
	    "MAUD 60=60000000 AUD" },
	{ "EUR 125",
	    "EUR 125=125 EUR" },
	{ "GBP 350",
	    "GBP 350=350 GBP" },
	{ "CHF 1,000",
	    "CHF 1,000=1000 CHF" },
	{ "JPY 10,000",
	    "JPY 10,000=10000 JPY" },
	{ "SEK 2.5 billion",
	    "SEK 2.5 billion=2500000000 SEK" },
	{ "CAD 1,500",
	    "CAD 1,500=1500 CAD" },
	{ "10 rmb 20 usd",
	    "10 rmb=10 CNY | 20 usd=20 USD" },
	{ "rmb 10 usd 20",
	    "rmb 10=10 CNY | usd 20=20 USD" },
	{ "17 USD 25.",
	    "17 USD 25=17.25 USD" },
	{ "3 USD50 Cards",
	    "USD50=50 USD" },
	{ "500 USD,100 times",
	    "500 USD=500 USD" },
	/*  English names */
	{ "5 dollars",
	    "5 dollars=5 USD" },
	{ "50 dollar bills",
	    "50 dollar=50 USD" },
	{ "100 yuan",
	    "100 yuan=100 CNY" },
	{ "100 chinese yuan",
	    "100 chinese yuan=100 CNY" },
	{ "10 us dollar",
	    "10 us dollar=10 USD" },
	{ "125 million australian dollars",
	    "125 million australian dollars=125000000 AUD" },
	{ "10,000 swiss francs",
	    "10,000 swiss francs=10000 CHF" },
	{ "528 million francs",
	    "528 million francs=528000000 CHF" },
	{ "420 million finnish markka",
	    "420 million finnish markka=420000000 FIM" },
	{ "250 million dutch guilders",
	    "250 million dutch guilders=250000000 NLG" },
	{ "6.65 billion pesetas",
	    "6.65 billion pesetas=6650000000 ESP" },
	{ "10 turkish lira",
	    "10 turkish lira=10 TRY" },
	{ "323 million euros",
	    "323 million euros=323000000 EUR" },
	{ "361 million pounds",
	    "361 million pounds=361000000 GBP" },
	{ "470 pence",
	    "470 pence=4.7 GBP" },
	{ "one penny",
	    "one penny=0.01 GBP" },
	{ "197 pence",
	    "197 pence=1.97 GBP" },
	{ "100 bucks",
	    "100 bucks=100 USD" },
	{ "10000 bitcoins",
	    "10000 bitcoins=10000 BTC" },
	{ "6.25 BTC",
	    "6.25 BTC=6.25 BTC" },
	{ "2 satoshis",
	    "2 satoshis=0.00000002 BTC" },
	{ "₿21,000,000",
	    "₿21,000,000=21000000 BTC" },
	{ "100 ₡",
	    "100 ₡=100 CRC" },
	{ "100₾",
	    "100₾=100 GEL" },
	{ "100,000 ₭",
	    "100,000 ₭=100000 LAK" },
	{ "100,000 ரூ",
	    "100,000 ரூ=100000 LKR" },
	{ "20 trillion won",
	    "20 trillion won=20000000000000 KRW" },
	{ "5,000 won",
	    "5,000 won=5000 KRW" },
	{ "dollar 22.5 million",
	    "dollar 22.5 million=22500000 USD" },
	{ "Euro 2.5 billion",
	    "Euro 2.5 billion=2500000000 EUR" },
	/*  English number words */
	{ "a million dollars",
	    "a million dollars=1000000 USD" },
	{ "ten dollars",
	    "ten dollars=10 USD" },
	{ "five million yen",
	    "five million yen=5000000 JPY" },
	{ "one-yen bid",
	    "one-yen=1 JPY" },
	{ "12-cent dividend",
	    "12-cent=0.12 USD" },
	{ "a 20-dollar bill",
	    "20-dollar=20 USD" },
	{ "half million usd",
	    "half million usd=500000 USD" },
	{ "quarter million us dollars",
	    "quarter million us dollars=250000 USD" },
	{ "a quarter million us dollars",
	    "a quarter million us dollars=250000 USD" },
	{ "three quarters billion us dollars",
	    "three quarters billion us dollars=750000000 USD" },
	{ "one hundred and five dollars",
	    "one hundred and five dollars=105 USD" },
	{ "one and a half million dollars",
	    "one and a half million dollars=1500000 USD" },
	{ "fifteen thousand two hundred fifty five dollars",
	    "fifteen thousand two hundred fifty five dollars=15255 USD" },
	{ "twenty-five cents",
	    "twenty-five cents=0.25 USD" },
	{ "twenty MUSD",
	    "twenty MUSD=20000000 USD" },
	/*  English cents composing */
	{ "3 dollars 50 cents",
	    "3 dollars 50 cents=3.5 USD" },
	{ "thirteen dollars and forty-five cents",
	    "thirteen dollars and forty-five cents=13.45 USD" },
	{ "thirteen dollars forty-five cents",
	    "thirteen dollars forty-five cents=13.45 USD" },
	{ "thirteen dollars forty five",
	    "thirteen dollars forty five=13.45 USD" },
	{ "15 dollars 50.",
	    "15 dollars 50=15.5 USD" },
	{ "15 dollars and 15.",
	    "15 dollars and 15=15.15 USD" },
	{ "one dollar and one and one point",
	    "one dollar and one=1.01 USD" },
	{ "c $ 100 and fifty.",
	    "c $ 100 and fifty=100.5 CAD" },
	{ "10 $ 30 cent",
	    "10 $ 30 cent=10.3 USD" },
	{ "10 euros and 50 cents",
	    "10 euros and 50 cents=10.5 EUR" },
	{ "one kuai and five mao five.",
	    "one kuai and five mao five=1.55 CNY" },
	{ "$5 and 3 people",
	    "$5=5 USD" },
	/*  English qualifiers and ranges */
	{ "about $3.5 million",
	    "$3.5 million=3500000 USD ~" },
	{ "around 100 euros",
	    "100 euros=100 EUR ~" },
	{ "approximately $5 billion",
	    "$5 billion=5000000000 USD ~" },
	{ "nearly $2 million",
	    "$2 million=2000000 USD ~" },
	{ "almost 1,000 dollars",
	    "1,000 dollars=1000 USD ~" },
	{ "up to $5 million",
	    "$5 million=5000000 USD max" },
	{ "at least 10 euros",
	    "10 euros=10 EUR min" },
	{ "no more than $100",
	    "$100=100 USD max" },
	{ "more than $2 billion",
	    "$2 billion=2000000000 USD over" },
	{ "over $1 million",
	    "$1 million=1000000 USD over" },
	{ "less than £5",
	    "£5=5 GBP under" },
	{ "under $50",
	    "$50=50 USD under" },
	{ "$5 million or more",
	    "$5 million=5000000 USD over" },
	{ "$1.2-1.5 billion",
	    "$1.2-1.5 billion=1200000000..1500000000 USD range" },
	{ "between $1 and $2 million",
	    "$1 and $2 million=1000000..2000000 USD range" },
	{ "$5 to $7 million",
	    "$5 to $7 million=5000000..7000000 USD range" },
	{ "rose from $5 million to $7 million",
	    "$5 million=5000000 USD | $7 million=7000000 USD" },
	{ "$5 to 10 people",
	    "$5=5 USD" },
	{ "$500 to $7 million",
	    "$500=500 USD | $7 million=7000000 USD" },
	/*  English vague */
	{ "tens of millions of dollars",
	    "tens of millions of dollars=10000000..90000000 USD ~ vague" },
	{ "hundreds of thousands of euros",
	    "hundreds of thousands of euros=100000..900000 EUR ~ vague" },
	{ "millions of dollars",
	    "millions of dollars=1000000..999000000 USD ~ vague" },
	{ "several million dollars",
	    "several million dollars=2000000..9000000 USD ~ vague" },
	{ "a few billion dollars",
	    "a few billion dollars=2000000000..9000000000 USD ~ vague" },
	{ "a multibillion-dollar deal",
	    "multibillion-dollar=2000000000..999000000000 USD ~ vague" },
	{ "multi-million dollar",
	    "multi-million dollar=2000000..999000000 USD ~ vague" },
	/*  English false friends */
	{ "All 70 of us.",
	    "" },
	{ "ALL 5 solutions are wrong.",
	    "" },
	{ "All seventeen tests were succesful.",
	    "" },
	{ "I tried to call Bob 3 times already.",
	    "" },
	{ "He has lost his pen 7 times since Monday.",
	    "" },
	{ "Silica gel is used to absorb moisture.",
	    "" },
	{ "She got really mad when she heard what happened.",
	    "" },
	{ "TOP 100 songs",
	    "" },
	{ "PHP 7 release",
	    "" },
	{ "CRC 32 check",
	    "" },
	{ "the euro 2020 final",
	    "" },
	{ "the dollar fell 1.5 percent",
	    "" },
	{ "5 pounds of apples",
	    "" },
	{ "a 200-pound man",
	    "" },
	{ "In 2019 won the cup",
	    "" },
	{ "5 per cent",
	    "" },
	{ "5G networks",
	    "" },
	{ "abc1 10eur",
	    "10eur=10 EUR" },
	{ "One of the dollars",
	    "" },
	{ "stage 3 colon cancer",
	    "" },
	{ "Real Madrid won 3-1",
	    "" },
	{ "LOSE 25 POUNDS",
	    "" },
	{ "1.8M pounds of food",
	    "" },
	{ "ノート100YEN.com",
	    "" },
	{ "A quarter of a million dollars",
	    "A quarter of a million dollars=250000 USD" },
	{ "20 quid",
	    "20 quid=20 GBP" },
	{ "100 rupees 50 paise",
	    "100 rupees 50 paise=100.5 INR" },
	{ "2 francs 50 centimes",
	    "2 francs 50 centimes=2.5 CHF" },
	{ "The rooms cost $100 to $150 a night",
	    "$100 to $150=100..150 USD range" },
	{ "costs between 5 and 10 dollars",
	    "5 and 10 dollars=5..10 USD range" },
	/*  scale words glued by a hyphen, or written out */
	{ "a $4.5-billion deal",
	    "$4.5-billion=4500000000 USD" },
	{ "€20-million fine",
	    "€20-million=20000000 EUR" },
	{ "a 4.5-billion-dollar deal",
	    "4.5-billion-dollar=4500000000 USD" },
	{ "a 20-million-strong army",
	    "" },
	{ "two hundred dollars",
	    "two hundred dollars=200 USD" },
	{ "one dollar",
	    "one dollar=1 USD" },
	{ "a couple of dollars",
	    "a couple of dollars=2 USD ~" },
	{ "a couple hundred dollars",
	    "a couple hundred dollars=200 USD ~" },
	{ "a couple of million dollars",
	    "a couple of million dollars=2000000 USD ~" },
	{ "a few dollars",
	    "a few dollars=2..9 USD ~ vague" },
	{ "billions and billions of dollars",
	    "billions and billions of dollars=1000000000..999000000000 USD ~ vague" },
	{ "millions and billions of dollars",
	    "billions of dollars=1000000000..999000000000 USD ~ vague" },
	{ "삼점오 달러",
	    "삼점오 달러=3.5 USD" },
	{ "오백 유로",
	    "오백 유로=500 EUR" },
	{ "이십오만 원",
	    "이십오만 원=250000 KRW" },
	/*  ranges and changes */
	{ "$8 to $15",
	    "$8 to $15=8..15 USD range" },
	{ "tickets cost from 30 to 40 euros",
	    "30 to 40 euros=30..40 EUR range" },
	{ "ranges from $150 to $200",
	    "$150 to $200=150..200 USD range" },
	{ "prices fell from $80 to $35",
	    "$80=80 USD | $35=35 USD" },
	{ "revenue rose from $5 million to $7 million",
	    "$5 million=5000000 USD | $7 million=7000000 USD" },
	{ "the offer was raised from $20 to $25 a share",
	    "$20=20 USD | $25=25 USD" },
	{ "5 dollars to 10 million dollars",
	    "5 dollars to 10 million dollars=5..10000000 USD range" },
	{ "5~7억 원",
	    "5~7억 원=500000000..700000000 KRW range" },
	{ "2천만원 이상 3천만원 미만",
	    "2천만원 이상 3천만원=20000000..30000000 KRW range" },
	{ "2천만원 이상 3천만원을",
	    "2천만원=20000000 KRW over | 3천만원=30000000 KRW" },
	{ "4억에서 6억 원으로",
	    "4억=400000000 KRW | 6억 원=600000000 KRW" },
	{ "요금은 1천50원에서 1천250원 인상된다",
	    "1천50원=1050 KRW | 1천250원=1250 KRW" },
	{ "범위는 8400만원에서 1억6600만원",
	    "8400만원에서 1억6600만원=84000000..166000000 KRW range" },
	{ "10만 달러에서 약 20만 달러",
	    "10만 달러에서 약 20만 달러=100000..200000 USD ~ range" },
	{ "약 5~6억 원",
	    "5~6억 원=500000000..600000000 KRW ~ range" },
	{ "수십만-수백만 원씩",
	    "수십만-수백만 원=200000..9000000 KRW ~ range" },
	/*  qualifiers, before and after, both languages */
	{ "lower than $5",
	    "$5=5 USD under" },
	{ "higher than $5",
	    "$5=5 USD over" },
	{ "near $5",
	    "$5=5 USD ~" },
	{ "as much as $5",
	    "$5=5 USD max" },
	{ "$5 or higher",
	    "$5=5 USD over" },
	{ "$5 and above",
	    "$5=5 USD over" },
	{ "$5 or less",
	    "$5=5 USD under" },
	{ "$5 at most",
	    "$5=5 USD max" },
	{ "400억원 가까운 투자",
	    "400억원=40000000000 KRW ~" },
	{ "5조원 육박",
	    "5조원=5000000000000 KRW ~" },
	{ "1200원대 주유소",
	    "1200원=1200 KRW ~" },
	{ "3천만원 대 5천만원",
	    "3천만원=30000000 KRW | 5천만원=50000000 KRW" },
	{ "100억원 넘는 빚",
	    "100억원=10000000000 KRW over" },
	{ "1억 달러가 넘는",
	    "1억 달러=100000000 USD over" },
	/*  compound amounts, in the main unit */
	{ "$15 and 20c",
	    "$15 and 20c=15.2 USD" },
	{ "7 pounds 50p",
	    "7 pounds 50p=7.5 GBP" },
	{ "15달러 20센트",
	    "15달러 20센트=15.2 USD" },
	{ "15원 50전",
	    "15원 50전=15.5 KRW" },
	{ "50전 5승",
	    "" },
	{ "720p video at 20c",
	    "" },
	/*  local abbreviations and signs */
	{ "RM 500",
	    "RM 500=500 MYR" },
	{ "LE 500",
	    "LE 500=500 EGP" },
	{ "SAR 500",
	    "SAR 500=500 SAR" },
	{ "N500,000 and N5 billion",
	    "N500,000=500000 NGN | N5 billion=5000000000 NGN" },
	{ "an N95 mask",
	    "" },
	{ "500 zł",
	    "500 zł=500 PLN" },
	{ "₱500 and ₫500",
	    "₱500=500 PHP | ₫500=500 VND" },
	{ "50 sen",
	    "50 sen=0.5 MYR" },
	{ "25억 弗",
	    "25억 弗=2500000000 USD" },
	{ "3조弗 시장",
	    "3조弗=3000000000000 USD" },
	/*  ISO 4217 by English name and plural, Korean name and sign (CLDR) */
	{ "500 hryvnias",
	    "500 hryvnias=500 UAH" },
	{ "10 ghanaian cedis",
	    "10 ghanaian cedis=10 GHS" },
	{ "E£50 and GH₵20",
	    "E£50=50 EGP | GH₵20=20 GHS" },
	{ "100 폴란드 즐로티",
	    "100 폴란드 즐로티=100 PLN" },
	{ "2,000 Hungarian forints",
	    "2,000 Hungarian forints=2000 HUF" },
	{ "5 real reasons",
	    "" },
	/*  a currency named twice is one amount */
	{ "a $75.3 billion dollar hit",
	    "$75.3 billion dollar=75300000000 USD" },
	/*  not money, by context */
	{ "a 180-pound linebacker",
	    "" },
	{ "체중 150파운드",
	    "" },
	{ "150파운드(약 68kg)",
	    "" },
	{ "30파운드를 감량했다",
	    "" },
	{ "weighs 180 pounds (82 kg)",
	    "" },
	{ "150파운드(약 25만원)",
	    "150파운드=150 GBP | 25만원=250000 KRW ~" },
	{ "객석이 만원이다",
	    "" },
	{ "만원 버스에 시달리다",
	    "" },
	{ "초만원을 이뤘다",
	    "" },
	{ "가격은 만원이다",
	    "만원=10000 KRW" },
	{ "a rapper called 50 Cent",
	    "" },
	{ "Gas Up 50 Cents",
	    "50 Cents=0.5 USD" },
	{ "1 Cent",
	    "1 Cent=0.01 USD" },
	/*  amounts in thousands and millions, as tables write them */
	{ "3,500백만원",
	    "3,500백만원=3500000000 KRW" },
	{ "75백만 달러",
	    "75백만 달러=75000000 USD" },
	{ "2,000천원",
	    "2,000천원=2000000 KRW" },
	{ "12천 원",
	    "12천 원=12000 KRW" },
	{ "120천만 원",
	    "120천만 원=1200000000 KRW" },
	/*  codes that are words too: in capitals, and not among capitals */
	{ "CAD 45",
	    "CAD 45=45 CAD" },
	{ "a fee of 45 CAD.",
	    "45 CAD=45 CAD" },
	{ "ZAR 300",
	    "ZAR 300=300 ZAR" },
	{ "It costs MAD 42 a night.",
	    "MAD 42=42 MAD" },
	{ "TRY 3 TIMES",
	    "" },
	{ "NOW ONLY ZAR 300",
	    "" },
	{ "cad 45",
	    "" },
	{ "Calum Hood from 5 SOS",
	    "" },
	{ "RON 95 petrol",
	    "" },
	{ "TOP 10",
	    "" },
	/*  names from CLDR in another spelling, and of codes whose word is common */
	{ "42 Qatari riyals",
	    "42 Qatari riyals=42 QAR" },
	{ "42 Qatari rials",
	    "42 Qatari rials=42 QAR" },
	{ "900 Russian roubles",
	    "900 Russian roubles=900 RUB" },
	{ "42 Peruvian soles",
	    "42 Peruvian soles=42 PEN" },
	{ "42 soles",
	    "" },
	{ "20 Rs.",
	    "20 Rs.=20 INR" },
	{ "20Rs",
	    "20Rs=20 INR" },
	/*  letters glued to the number: a code, a handle, or a scale */
	{ "Product code EUR5X",
	    "" },
	{ "@N4T4YLOR he said",
	    "" },
	{ "#RM8 tag",
	    "" },
	{ "Shares at $ 17each in IPO",
	    "$ 17=17 USD" },
	{ "a difference of $15mm",
	    "$15mm=15000000 USD" },
	{ "Treasury deprived of $4T",
	    "$4T=4000000000000 USD" },
	{ "5t of steel",
	    "" },
	/*  thousands grouped by spaces, when a currency follows */
	{ "1 200 zł",
	    "1 200 zł=1200 PLN" },
	{ "12 500,50 €",
	    "12 500,50 €=12500.5 EUR" },
	{ "1\u00a0200\u00a0000 €",
	    "1\u00a0200\u00a0000 €=1200000 EUR" },
	{ "1\u202f500 €",
	    "1\u202f500 €=1500 EUR" },
	{ "page 1 200 zł",
	    "1 200 zł=1200 PLN" },
	{ "5 500 people",
	    "" },
	{ "3 1000 zł",
	    "1000 zł=1000 PLN" },
	/*  a dot before three digits: European, or a currency without cents */
	{ "€1.234,56",
	    "€1.234,56=1234.56 EUR" },
	{ "1.234,56 €",
	    "1.234,56 €=1234.56 EUR" },
	{ "R$ 2.500,00",
	    "R$ 2.500,00=2500 BRL" },
	{ "1.234,567 €",
	    "" },
	{ "40.000 ₫",
	    "40.000 ₫=40000 VND" },
	{ "¥1.500",
	    "¥1.500=1500 JPY" },
	{ "$1.234",
	    "$1.234=1.234 USD" },
	{ "€1.234, and more",
	    "€1.234=1.234 EUR" },
	/*  pounds of weight, unless a thing of money follows */
	{ "a 10-pound note",
	    "10-pound=10 GBP" },
	{ "a 50-pound fine",
	    "50-pound=50 GBP" },
	{ "a 12-pound turkey",
	    "" },
	/*  Sino-Korean numbers with 십 백 천 compose with their cents */
	{ "십오 달러 이십 센트",
	    "십오 달러 이십 센트=15.2 USD" },
	{ "백 달러 오십 센트",
	    "백 달러 오십 센트=100.5 USD" },
	{ "5천 달러 50센트",
	    "5천 달러 50센트=5000.5 USD" },
	{ "3만 달러 50센트",
	    "3만 달러=30000 USD | 50센트=0.5 USD" },
	/*  a stage name after a word for a performer */
	{ "래퍼 50센트의 공연",
	    "" },
	{ "힙합가수 50센트",
	    "" },
	{ "rapper 50 cent",
	    "" },
	{ "그 가수는 50센트를 받았다",
	    "50센트=0.5 USD" },
	/*  Korean verbs of bound after a particle; more English qualifiers */
	{ "100만원이 넘는 돈",
	    "100만원=1000000 KRW over" },
	{ "100만원을 넘지 않는",
	    "100만원=1000000 KRW max" },
	{ "1억원을 웃도는 연봉",
	    "1억원=100000000 KRW over" },
	{ "1억원을 밑도는 가격",
	    "1억원=100000000 KRW under" },
	{ "2조원에 육박한다",
	    "2조원=2000000000000 KRW ~" },
	{ "1억원에 달하는",
	    "1억원=100000000 KRW" },
	{ "100만원이 든다",
	    "100만원=1000000 KRW" },
	{ "10만원 이내",
	    "10만원=100000 KRW max" },
	{ "a little over $20",
	    "$20=20 USD ~ over" },
	{ "slightly less than €5",
	    "€5=5 EUR ~ under" },
	{ "just shy of $5",
	    "$5=5 USD ~ under" },
	{ "north of $10 million",
	    "$10 million=10000000 USD over" },
	/*  the sign a country writes for its own currency (CLDR en_KE, en_TZ...) */
	{ "Ksh 500",
	    "Ksh 500=500 KES" },
	{ "TSh 5,000",
	    "TSh 5,000=5000 TZS" },
	{ "FBu 1,000",
	    "FBu 1,000=1000 BIF" },
	{ "WS$10",
	    "WS$10=10 WST" },
	{ "MK 5,000",
	    "MK 5,000=5000 MWK" },
	{ "MK 500",
	    "" },
	{ "ksh 500",
	    "" },
	/*  grand: a thousand, when no noun follows */
	{ "fifty grand",
	    "fifty grand=50000 USD" },
	{ "10 grand a year",
	    "10 grand=10000 USD" },
	{ "two grand slams",
	    "" },
	{ "3 Grand Prix wins",
	    "" },
	/*  a decimal comma before a scale; no scale alone after a bad number */
	{ "1,5 million euros",
	    "1,5 million euros=1500000 EUR" },
	{ "7,5 Euros",
	    "7,5 Euros=7.5 EUR" },
	{ "1,2,3 million euros",
	    "" },
};

START_TEST(test_money_table)
{
	ck_money(NULL, rows[_i].in, rows[_i].want);
}
END_TEST

/* The fields behind the rendering: spans, min and max, approx. */
START_TEST(test_money_fields)
{
	struct money_list l = MONEY_LIST_INIT;
	const char *s = "매출 약 100억~200억원, 최대 5천만 달러";
	char a[DEC_STRLEN];

	ck_assert_uint_eq(money_find(NULL, s, strlen(s), &l), 2);
	/* byte spans: "매출 약 " is 11 bytes */
	ck_assert_uint_eq(l.v[0].start, 11);
	ck_assert_uint_eq(l.v[0].end, 11 + strlen("100억~200억원"));
	ck_assert(!l.v[0].has_value && l.v[0].has_min && l.v[0].has_max);
	ck_assert(l.v[0].approx);
	ck_assert_int_eq(l.v[0].qualifier, MONEY_RANGE);
	dec_format(&l.v[0].min, a);
	ck_assert_str_eq(a, "10000000000");
	dec_format(&l.v[0].max, a);
	ck_assert_str_eq(a, "20000000000");
	ck_assert_str_eq(l.v[0].currency, "KRW");
	ck_assert(l.v[1].has_value && l.v[1].has_max && !l.v[1].has_min);
	ck_assert_int_eq(l.v[1].qualifier, MONEY_MAX);
	ck_assert_str_eq(l.v[1].currency, "USD");
	/* a second call starts from an empty list */
	ck_assert_uint_eq(money_find(NULL, "none", 4, &l), 0);
	ck_assert_uint_eq(l.n, 0);
	money_list_release(&l);
}
END_TEST

START_TEST(test_money_qual_names)
{
	ck_assert_ptr_null(money_qual_name(MONEY_EXACT));
	ck_assert_str_eq(money_qual_name(MONEY_APPROX), "approx");
	ck_assert_str_eq(money_qual_name(MONEY_OVER), "over");
	ck_assert_str_eq(money_qual_name(MONEY_VAGUE), "vague");
	ck_assert_ptr_null(money_qual_name(99));
}
END_TEST

/* --assume: the family follows everywhere: $, 달러, dollars, cents. */
START_TEST(test_money_assume)
{
	struct money_cfg *cfg = money_cfg_new();

	ck_assert_int_eq(money_cfg_assume(cfg, "--assume", "$=CAD,¥=cny"), 0);
	ck_money(cfg, "$5 and 100 달러, 50 cents",
	    "$5=5 CAD | 100 달러=100 CAD | 50 cents=0.5 CAD");
	ck_money(cfg, "¥500 and 500 yen", "¥500=500 CNY | 500 yen=500 JPY");
	ck_money(cfg, "US$5", "US$5=5 USD");	/* explicit stays */
	ck_assert_int_eq(money_cfg_assume(cfg, "--assume", "달러=AUD"), 0);
	ck_money(cfg, "100 달러", "100 달러=100 AUD");
	ck_assert_int_eq(money_cfg_assume(cfg, "--assume", "franc=XOF"), 0);
	ck_money(cfg, "100 francs", "100 francs=100 XOF");
	money_cfg_free(cfg);
	money_cfg_free(NULL);
}
END_TEST

START_TEST(test_money_assume_errors)
{
	struct money_cfg *cfg = money_cfg_new();

	ck_assert_int_eq(money_cfg_assume(cfg, "--assume", "$"), -1);
	ck_assert_int_eq(money_cfg_assume(cfg, "--assume", "=USD"), -1);
	ck_assert_int_eq(money_cfg_assume(cfg, "--assume", "$="), -1);
	ck_assert_int_eq(money_cfg_assume(cfg, "--assume", "$=XYZ"), -1);
	ck_assert_int_eq(money_cfg_assume(cfg, "--assume", "€=USD"), -1);
	ck_assert_int_eq(money_cfg_assume(cfg, "--assume", "$=USD,,¥=JPY"), -1);
	money_cfg_free(cfg);
}
END_TEST

/* --default-currency: the local currency settles every family it is in. */
START_TEST(test_money_default_currency)
{
	struct money_cfg *cfg = money_cfg_new();

	ck_assert_int_eq(money_cfg_default(cfg, "--default-currency", "cad"), 0);
	ck_money(cfg, "$5, 5 dollars, ¥5", "$5=5 CAD | 5 dollars=5 CAD | ¥5=5 JPY");
	ck_assert_int_eq(money_cfg_default(cfg, "--default-currency", "CNY"), 0);
	ck_money(cfg, "¥5", "¥5=5 CNY");
	ck_assert_int_eq(money_cfg_default(cfg, "--default-currency", "EUR"), -1);
	ck_assert_int_eq(money_cfg_default(cfg, "--default-currency", "ZZZ"), -1);
	money_cfg_free(cfg);
}
END_TEST

START_TEST(test_money_families_help)
{
	struct buf b = BUF_INIT;

	money_families_help(&b);
	ck_assert_ptr_nonnull(strstr(b.data, "$=USD"));
	ck_assert_ptr_nonnull(strstr(b.data, "¥=JPY"));
	buf_release(&b);
}
END_TEST

/* Hostile text: long runs end quickly and find what is findable. */
START_TEST(test_money_hostile)
{
	struct money_list l = MONEY_LIST_INIT;
	struct buf b = BUF_INIT;
	size_t i, k;
	static const char *const units[] = { "1", "9", "천", "만", "조", "수",
	    "일", "$", " ", ",", ".", "~", "원", "달러", "million ", "and ",
	    "\xff", "\xed\xa0\x80", "ten ", "of ", "-" };

	/* 200 KB of digits: one number, too long to be a value */
	for (i = 0; i < 200000; i++)
		buf_addc(&b, '7');
	buf_addstr(&b, " 달러");
	ck_assert_uint_eq(money_find(NULL, b.data, b.len, &l), 0);
	/* every pair of the pieces above, repeated: no crash, no overlap */
	for (i = 0; i < sizeof units / sizeof units[0]; i++)
		for (k = 0; k < sizeof units / sizeof units[0]; k++) {
			size_t n, j;

			buf_reset(&b);
			for (n = 0; n < 300; n++) {
				buf_addstr(&b, units[i]);
				buf_addstr(&b, units[k]);
			}
			money_find(NULL, b.data, b.len, &l);
			for (j = 0; j < l.n; j++) {
				ck_assert(l.v[j].start < l.v[j].end);
				ck_assert(l.v[j].end <= b.len);
				ck_assert(j == 0 || l.v[j - 1].end <= l.v[j].start);
			}
		}
	/* text with NUL and invalid bytes around a real amount */
	ck_assert_uint_eq(money_find(NULL, "\0\xff 5 달러 \xc3", 12, &l), 1);
	ck_assert_uint_eq(l.v[0].start, 3);
	buf_release(&b);
	money_list_release(&l);
}
END_TEST


/* The JSON an amount becomes: code-point offsets, exact digits, bounds. */
START_TEST(test_money_json)
{
	struct money_list l = MONEY_LIST_INIT;
	struct utf8_pos pos = UTF8_POS_INIT;
	struct buf b = BUF_INIT;
	struct jsonw w;
	const char *s = "매출 약 100억~200억원, \"$5\" 최대 9300조원";

	money_find(NULL, s, strlen(s), &l);
	jsonw_init(&w, &b);
	money_json_list(&w, s, &l);
	ck_assert_str_eq(b.data, "[{\"start\":5,\"end\":15,\"text\":\"100억~200억원\","
	    "\"value\":null,\"currency\":\"KRW\",\"approx\":true,"
	    "\"qualifier\":\"range\",\"min\":10000000000,\"max\":20000000000},"
	    "{\"start\":18,\"end\":20,\"text\":\"$5\",\"value\":5,"
	    "\"currency\":\"USD\",\"approx\":false,\"qualifier\":null},"
	    "{\"start\":25,\"end\":31,\"text\":\"9300조원\","
	    "\"value\":9300000000000000,\"currency\":\"KRW\",\"approx\":false,"
	    "\"qualifier\":\"max\",\"max\":9300000000000000}]");
	/* one amount's members inside an object the caller opens */
	buf_reset(&b);
	jsonw_init(&w, &b);
	jsonw_begin_object(&w);
	jsonw_name(&w, "id");
	jsonw_raw(&w, "7", 1);
	money_json(&w, s, &l.v[1], &pos);
	jsonw_end_object(&w);
	ck_assert_str_eq(b.data, "{\"id\":7,\"start\":18,\"end\":20,\"text\":\"$5\","
	    "\"value\":5,\"currency\":\"USD\",\"approx\":false,\"qualifier\":null}");
	/* no amounts: an empty array */
	money_find(NULL, "직원 10명", strlen("직원 10명"), &l);
	buf_reset(&b);
	jsonw_init(&w, &b);
	money_json_list(&w, "직원 10명", &l);
	ck_assert_str_eq(b.data, "[]");
	buf_release(&b);
	money_list_release(&l);
}
END_TEST

/*
 * The number readers' contract: 1 and the longest reading, 0 for no
 * number, -1 for a number out of range (with its end, to step over it).
 */
START_TEST(test_money_parse_contract)
{
	struct num n;
	struct buf b = BUF_INIT;
	char v[DEC_STRLEN];
	size_t i;

	money_tables();
	memset(&n, 0, sizeof n);
	ck_assert_int_eq(money_parse_korean("1조 2,345억 원", 18, 0, &n), 1);
	ck_assert_uint_eq(n.end, strlen("1조 2,345억"));
	dec_format(&n.lo, v);
	ck_assert_str_eq(v, "1234500000000");
	ck_assert(n.flags & N_UNIT);
	/* 23억8천: the 8 is read with its 천; "억 원" alone ends before 원 */
	memset(&n, 0, sizeof n);
	ck_assert_int_eq(money_parse_korean("삼천만", 9, 0, &n), 1);
	dec_format(&n.lo, v);
	ck_assert_str_eq(v, "30000000");
	memset(&n, 0, sizeof n);
	ck_assert_int_eq(money_parse_korean("원인", 6, 0, &n), 0);
	ck_assert_uint_eq(n.end, 0);
	/* 억 alone is no number; 만 alone is ten thousand */
	memset(&n, 0, sizeof n);
	ck_assert_int_eq(money_parse_korean("억", 3, 0, &n), 0);
	memset(&n, 0, sizeof n);
	ck_assert_int_eq(money_parse_korean("만 원", 7, 0, &n), 1);
	ck_assert_uint_eq(n.end, 3);
	/* 50 digits: out of range, and the scan steps over all of them */
	for (i = 0; i < 50; i++)
		buf_addc(&b, '9');
	buf_addstr(&b, "억 원");
	memset(&n, 0, sizeof n);
	ck_assert_int_eq(money_parse_korean(b.data, b.len, 0, &n), -1);
	ck_assert_uint_eq(n.end, 50);
	/* 9999경 fits; 9999경 times 10^22 more does not: the whole is dropped */
	memset(&n, 0, sizeof n);
	ck_assert_int_eq(money_parse_korean("99999999999999999999999999999999999천만",
	    strlen("99999999999999999999999999999999999천만"), 0, &n), -1);
	/* English words: never -1; a word that would overflow ends the number */
	memset(&n, 0, sizeof n);
	ck_assert_int_eq(money_parse_words("forty-five dollars", 18, 0, &n), 1);
	ck_assert_uint_eq(n.end, 10);
	dec_format(&n.lo, v);
	ck_assert_str_eq(v, "45");
	memset(&n, 0, sizeof n);
	ck_assert_int_eq(money_parse_words("dollars", 7, 0, &n), 0);
	memset(&n, 0, sizeof n);
	ck_assert_int_eq(money_parse_words("tens of millions of", 19, 0, &n), 1);
	ck_assert(n.flags & N_VAGUE);
	ck_assert_uint_eq(n.end, strlen("tens of millions"));
	buf_release(&b);
}
END_TEST

static Suite *
money_suite(void)
{
	Suite *s = suite_create("money");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_money_table, 0, sizeof rows / sizeof rows[0]);
	tcase_add_test(tc, test_money_fields);
	tcase_add_test(tc, test_money_qual_names);
	tcase_add_test(tc, test_money_assume);
	tcase_add_test(tc, test_money_assume_errors);
	tcase_add_test(tc, test_money_default_currency);
	tcase_add_test(tc, test_money_families_help);
	tcase_add_test(tc, test_money_hostile);
	tcase_add_test(tc, test_money_json);
	tcase_add_test(tc, test_money_parse_contract);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(money_suite)
