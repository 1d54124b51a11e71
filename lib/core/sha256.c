/*
 * sha256: SHA-256 after FIPS 180-4, section 6.2, and HMAC after RFC 2104.
 * Checked against the FIPS examples and RFC 4231's test cases
 * (tests/check_sha256.c).
 */
#include <string.h>

#include "core/sha256.h"

static const uint32_t K[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
	0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
	0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
	0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
};

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void
compress(uint32_t st[8], const unsigned char *p)
{
	uint32_t w[64], a, b, c, d, e, f, g, h, t1, t2;
	int i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		    (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
	for (i = 16; i < 64; i++) {
		uint32_t s0 = ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^ (w[i - 15] >> 3);
		uint32_t s1 = ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^ (w[i - 2] >> 10);

		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	a = st[0]; b = st[1]; c = st[2]; d = st[3];
	e = st[4]; f = st[5]; g = st[6]; h = st[7];
	for (i = 0; i < 64; i++) {
		t1 = h + (ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25)) + ((e & f) ^ (~e & g)) +
		    K[i] + w[i];
		t2 = (ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
		h = g; g = f; f = e; e = d + t1;
		d = c; c = b; b = a; a = t1 + t2;
	}
	st[0] += a; st[1] += b; st[2] += c; st[3] += d;
	st[4] += e; st[5] += f; st[6] += g; st[7] += h;
}

void
sha256_init(struct sha256 *h)
{
	static const uint32_t iv[8] = {
		0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
		0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
	};

	memcpy(h->state, iv, sizeof iv);
	h->bytes = 0;
	h->fill = 0;
}

void
sha256_update(struct sha256 *h, const void *data, size_t n)
{
	const unsigned char *p = data;

	h->bytes += n;
	if (h->fill) {
		size_t take = SHA256_BLOCK - h->fill;

		if (take > n)
			take = n;
		memcpy(h->block + h->fill, p, take);
		h->fill += take;
		p += take;
		n -= take;
		if (h->fill < SHA256_BLOCK)
			return;
		compress(h->state, h->block);
		h->fill = 0;
	}
	for (; n >= SHA256_BLOCK; p += SHA256_BLOCK, n -= SHA256_BLOCK)
		compress(h->state, p);
	if (n) {
		memcpy(h->block, p, n);
		h->fill = n;
	}
}

void
sha256_final(struct sha256 *h, unsigned char out[SHA256_LEN])
{
	uint64_t bits = h->bytes * 8;
	int i;

	/* A 1 bit, zeros up to 56 bytes into a block, the length in bits. */
	h->block[h->fill++] = 0x80;
	if (h->fill > SHA256_BLOCK - 8) {
		memset(h->block + h->fill, 0, SHA256_BLOCK - h->fill);
		compress(h->state, h->block);
		h->fill = 0;
	}
	memset(h->block + h->fill, 0, SHA256_BLOCK - 8 - h->fill);
	for (i = 0; i < 8; i++)
		h->block[SHA256_BLOCK - 1 - i] = (unsigned char)(bits >> (8 * i));
	compress(h->state, h->block);
	for (i = 0; i < 8; i++) {
		out[4 * i] = (unsigned char)(h->state[i] >> 24);
		out[4 * i + 1] = (unsigned char)(h->state[i] >> 16);
		out[4 * i + 2] = (unsigned char)(h->state[i] >> 8);
		out[4 * i + 3] = (unsigned char)h->state[i];
	}
}

void
hmac_sha256_key(struct hmac_sha256_key *k, const void *key, size_t keylen)
{
	unsigned char block[SHA256_BLOCK], pad[SHA256_BLOCK];
	int i;

	/* A key longer than a block is hashed first (RFC 2104, section 2). */
	memset(block, 0, sizeof block);
	if (keylen > SHA256_BLOCK) {
		struct sha256 h;

		sha256_init(&h);
		sha256_update(&h, key, keylen);
		sha256_final(&h, block);
	} else if (keylen > 0) {
		memcpy(block, key, keylen);
	}
	for (i = 0; i < SHA256_BLOCK; i++)
		pad[i] = block[i] ^ 0x36;
	sha256_init(&k->inner);
	sha256_update(&k->inner, pad, sizeof pad);
	for (i = 0; i < SHA256_BLOCK; i++)
		pad[i] = block[i] ^ 0x5c;
	sha256_init(&k->outer);
	sha256_update(&k->outer, pad, sizeof pad);
	memset(block, 0, sizeof block);
	memset(pad, 0, sizeof pad);
}

void
hmac_sha256(const struct hmac_sha256_key *k, const void *msg, size_t len,
    unsigned char out[SHA256_LEN])
{
	struct sha256 h = k->inner;
	unsigned char inner[SHA256_LEN];

	sha256_update(&h, msg, len);
	sha256_final(&h, inner);
	h = k->outer;
	sha256_update(&h, inner, sizeof inner);
	sha256_final(&h, out);
}
