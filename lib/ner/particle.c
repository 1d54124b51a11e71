/* ner particles: the Korean particles and suffixes that follow a name. */
#include <stdint.h>
#include <string.h>

#include "core/util.h"
#include "ner/internal.h"

/*
 * Particles cut off the end of a span: only those that no name ends with
 * (in KLUE's training data none of these closes an entity), longest first.
 * 이, 가, 은, 도, 의... also end names (김영이, 이영도), so they are left to
 * the model, which sees them in context.
 */
static const char *const josa_cut[] = {
	"으로부터", "에게서는", "에서부터",
	"에서는", "에서도", "에서의", "으로는", "으로서", "으로의", "이라는",
	"이라고", "에게는", "까지는", "부터는", "로부터", "에게서", "이었다",
	"이지만",
	"에서", "에게", "께서", "으로", "에는", "에도", "까지", "부터", "와의",
	"과의", "처럼", "보다", "한테", "라는", "라고", "이다", "이랑", "로는",
	"로서", "조차", "마저", "밖에", "이며", "이고", "였다", "에선", "에겐",
	"는", "를",
	NULL
};

size_t
ner_josa_len(const char *s, size_t len)
{
	size_t k, n;

	for (k = 0; josa_cut[k]; k++) {
		n = strlen(josa_cut[k]);
		if (n < len && memcmp(s + len - n, josa_cut[k], n) == 0)
			return n;
	}
	return 0;
}

/*
 * Particles and suffixes that may follow a name in its word, alone or in a
 * common sequence; a feature of the model and the test for user names.
 */
static const char *const josa_list[] = {
	"이", "가", "을", "를", "은", "는", "의", "에", "에서", "에게", "께",
	"께서", "한테", "와", "과", "도", "로", "으로", "만", "까지", "부터",
	"처럼", "보다", "랑", "이랑", "나", "이나", "에는", "에서는", "에게는",
	"으로는", "로는", "에도", "에서도", "와의", "과의", "에서의", "으로의",
	"로의", "이라는", "라는", "이라고", "라고", "이다", "이며", "이고",
	"이었다", "였다", "이자", "조차", "마저", "밖에", "뿐", "까지의",
	"부터의", "만의", "만에", "으로부터", "로부터", "에게서", "로서",
	"으로서", "와는", "과는", "에선", "에겐", "이란", "란", "인", "씨",
	"씨는", "씨가", "씨의", "씨를", "씨와", "측", "측은", "측의", "측이",
	"등", "등의", "등은", "쪽", "께서는", "이든", "든", "야", "아", "요",
	"이요", "이지만", "지만", NULL
};

/*
 * The particles by hash, built once: ner_is_josa runs for every character
 * of Korean text, and a scan of the list was a tenth of the tagger's time.
 */
#define JOSA_SLOTS 512

int
ner_is_josa(const char *s, size_t len)
{
	static int16_t slot[JOSA_SLOTS];
	static int ready;
	uint32_t i;

	if (len == 0 || len > 16)
		return 0;
	if (!ready) {
		int k;

		for (i = 0; i < JOSA_SLOTS; i++)
			slot[i] = -1;
		for (k = 0; josa_list[k]; k++) {
			i = fnv1a(josa_list[k], strlen(josa_list[k]));
			while (slot[i % JOSA_SLOTS] >= 0)
				i++;
			slot[i % JOSA_SLOTS] = (int16_t)k;
		}
		ready = 1;
	}
	for (i = fnv1a(s, len); slot[i % JOSA_SLOTS] >= 0; i++) {
		const char *j = josa_list[slot[i % JOSA_SLOTS]];

		if (strlen(j) == len && memcmp(j, s, len) == 0)
			return 1;
	}
	return 0;
}

/*
 * What follows a number, a date or a time in its word without being part
 * of it: approximation and distribution (쯤, 께, 가량, 씩, 당, 여, 짜리), a
 * range (이상, 미만, 안팎, 동안, 전, 후), what a year or a count makes a
 * noun of (1978년작, 5년형, 1990년생, 2014판, 1부급), the copula with
 * any ending (2위다, 3점이면, 28명입니다), each alone or before a particle
 * (3분기에만 is 3분기 and 에만).
 */
static const char *const num_suffixes[] = {
	"가까이", "남짓", "안팎", "이상", "이하", "미만", "이내", "가량", "정도",
	"어치", "짜리", "동안", "넘게", "마다", "쯤", "께", "경", "당", "씩",
	"여", "꼴", "째", "간", "대", "내", "전", "후", "뒤", "때", "엔",
	"작", "형", "생", "판", "급",
	"이었다", "였다", "이다", "다", "인데", "에만", "만에", "만", "에", NULL
};

int
ner_is_num_suffix(const char *s, size_t len)
{
	/* the copula's stems, whatever ending follows: 이면, 입니다, 인지 */
	static const char *const copula[] = { "이", "입", "인", "일", "였",
	    NULL };
	size_t k, n;

	if (ner_is_josa(s, len))
		return 1;
	for (k = 0; copula[k]; k++)
		if (len >= 3 && memcmp(s, copula[k], 3) == 0)
			return 1;
	for (k = 0; num_suffixes[k]; k++) {
		n = strlen(num_suffixes[k]);
		if (n <= len && memcmp(s, num_suffixes[k], n) == 0 &&
		    (n == len || ner_is_num_suffix(s + n, len - n)))
			return 1;
	}
	return 0;
}

/*
 * ner_after_name(s, len): whether UTF-8 text 's' may follow a name in its
 * word: a particle run, or, alone or before a particle, what Korean writes
 * after a person's name or a letter standing for one (씨에게, 양을, 측과,
 * 이모씨: 모 for the given name), the copula (아이유다, 스콧입니다,
 * 톰크루즈며), a likeness, a version or an origin (우디앨런식, 쿠스트리차같은,
 * 미국판, 헐리우드급, 한국산, 한국계), or a person addressed (짐캐리아저씨,
 * 정소민분, 장현우쌤).
 */
static const char *const after_name[] = {
	"씨", "양", "군", "님", "측", "다", "입니다", "이에요", "예요", "이야",
	"며", "같은", "같이", "식", "판", "급", "풍", "산", "계", "분", "편",
	"아저씨", "언니", "오빠", "누나", "쌤", NULL
};

int
ner_after_name(const char *s, size_t len)
{
	size_t k, n;

	if (ner_is_josa(s, len))
		return 1;
	for (k = 0; after_name[k]; k++) {
		n = strlen(after_name[k]);
		if (len >= n && memcmp(s, after_name[k], n) == 0 &&
		    (len == n || ner_is_josa(s + n, len - n)))
			return 1;
	}
	return len > 3 && memcmp(s, "모", 3) == 0 &&
	    ner_after_name(s + 3, len - 3) && memcmp(s + 3, "모", 3) != 0;
}
