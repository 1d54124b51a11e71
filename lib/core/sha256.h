/*
 * sha256: SHA-256 (FIPS 180-4) and HMAC-SHA256 (RFC 2104), for keyed
 * hashes that must not be reversible or forgeable without the key.
 *
 * The project's other hashes (XXH3, lib/core/hset) are fast checksums with
 * no key: anyone can hash a guess and compare, so they cannot stand in for
 * a secret.  HMAC-SHA256 is the common keyed construction with a key of any
 * length, and any tool can recompute it (Python: hmac.new(key, msg,
 * hashlib.sha256)), so a user holding the key can find a known value among
 * the hashed ones.  It is slow next to XXH3, which does not matter for the
 * few short strings it is given.
 *
 *	struct sha256 h;
 *	unsigned char out[SHA256_LEN];
 *	sha256_init(&h);
 *	sha256_update(&h, s, len);
 *	sha256_final(&h, out);
 */
#ifndef WINNOW_SHA256_H
#define WINNOW_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_LEN 32		/* bytes of a digest */
#define SHA256_BLOCK 64		/* bytes of a block */

struct sha256 {
	uint32_t state[8];
	uint64_t bytes;			/* hashed so far */
	unsigned char block[SHA256_BLOCK];
	size_t fill;			/* bytes waiting in 'block' */
};

void sha256_init(struct sha256 *h);
void sha256_update(struct sha256 *h, const void *p, size_t n);
/* sha256_final(h, out): the digest of everything given; 'h' is spent. */
void sha256_final(struct sha256 *h, unsigned char out[SHA256_LEN]);

/*
 * A key made ready once for many HMACs: the inner and outer states after
 * their padded key block, so each message costs only its own blocks.
 */
struct hmac_sha256_key {
	struct sha256 inner, outer;
};

/* hmac_sha256_key(k, key, keylen): prepare key 'key' (any length). */
void hmac_sha256_key(struct hmac_sha256_key *k, const void *key, size_t keylen);

/* hmac_sha256(k, msg, len, out): HMAC-SHA256 of 'msg' under prepared 'k'. */
void hmac_sha256(const struct hmac_sha256_key *k, const void *msg, size_t len,
    unsigned char out[SHA256_LEN]);

#endif
