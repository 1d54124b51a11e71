/* Unit tests for lib/core/sha256: the FIPS 180 examples and RFC 4231's HMAC cases. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "core/sha256.h"
#include "check_main.h"

static void
hex(const unsigned char *d, char out[2 * SHA256_LEN + 1])
{
	int i;

	for (i = 0; i < SHA256_LEN; i++)
		snprintf(out + 2 * i, 3, "%02x", d[i]);
}

static const struct {
	const char *msg;
	const char *want;
} digests[] = {
	{ "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
	{ "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
	/* 56 bytes: the length no longer fits the first block */
	{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
	    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
};

START_TEST(test_sha256_fips)
{
	struct sha256 h;
	unsigned char d[SHA256_LEN];
	char got[2 * SHA256_LEN + 1];

	sha256_init(&h);
	sha256_update(&h, digests[_i].msg, strlen(digests[_i].msg));
	sha256_final(&h, d);
	hex(d, got);
	ck_assert_str_eq(got, digests[_i].want);
}
END_TEST

/* A million 'a' fed in uneven pieces: the buffering across blocks. */
START_TEST(test_sha256_pieces)
{
	static char a[1000];
	struct sha256 h;
	unsigned char d[SHA256_LEN];
	char got[2 * SHA256_LEN + 1];
	size_t done = 0, step = 1;

	memset(a, 'a', sizeof a);
	sha256_init(&h);
	while (done < 1000000) {
		size_t n = step % 997 + 1;

		if (n > 1000000 - done)
			n = 1000000 - done;
		sha256_update(&h, a, n);
		done += n;
		step = step * 7 + 3;
	}
	sha256_final(&h, d);
	hex(d, got);
	ck_assert_str_eq(got,
	    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}
END_TEST

START_TEST(test_hmac_rfc4231)
{
	static unsigned char k1[20], k6[131];
	static const struct {
		const unsigned char *key;
		size_t keylen;
		const char *msg;
		const char *want;
	} cases[] = {
		{ k1, sizeof k1, "Hi There",
		    "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7" },
		{ (const unsigned char *)"Jefe", 4, "what do ya want for nothing?",
		    "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843" },
		{ k6, sizeof k6, "Test Using Larger Than Block-Size Key - Hash Key First",
		    "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54" },
		{ k6, sizeof k6, "This is a test using a larger than block-size key "
		    "and a larger than block-size data. The key needs to be hashed "
		    "before being used by the HMAC algorithm.",
		    "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2" },
	};
	struct hmac_sha256_key k;
	unsigned char d[SHA256_LEN];
	char got[2 * SHA256_LEN + 1];
	size_t i;

	memset(k1, 0x0b, sizeof k1);
	memset(k6, 0xaa, sizeof k6);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		hmac_sha256_key(&k, cases[i].key, cases[i].keylen);
		hmac_sha256(&k, cases[i].msg, strlen(cases[i].msg), d);
		hex(d, got);
		ck_assert_msg(strcmp(got, cases[i].want) == 0, "case %zu: %s", i, got);
		/* the prepared key is reusable */
		hmac_sha256(&k, cases[i].msg, strlen(cases[i].msg), d);
		hex(d, got);
		ck_assert_str_eq(got, cases[i].want);
	}
}
END_TEST

static Suite *
sha256_suite(void)
{
	Suite *s = suite_create("sha256");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_sha256_fips, 0,
	    sizeof digests / sizeof digests[0]);
	tcase_add_test(tc, test_sha256_pieces);
	tcase_add_test(tc, test_hmac_rfc4231);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(sha256_suite)
