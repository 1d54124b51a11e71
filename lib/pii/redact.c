/*
 * redact: replace what pii_find() found, by a placeholder naming its kind,
 * by as many mask characters as it has characters, or by a keyed hash.
 */
#include <stdlib.h>
#include <string.h>

#include "core/sha256.h"
#include "core/util.h"
#include "pii/internal.h"

struct pii_redactor {
	enum pii_how how;
	char mask[4];			/* PII_MASK_CHAR: one UTF-8 character */
	size_t mask_len;
	struct hmac_sha256_key key;	/* PII_HASH */
};

#define HASH_BYTES 8		/* of the HMAC shown: 64 bits */

struct pii_redactor *
pii_redactor_new(enum pii_how how, const char *arg, size_t arglen)
{
	struct pii_redactor *r = xcalloc(1, sizeof *r);

	r->how = how;
	if (how == PII_MASK_CHAR) {
		r->mask_len = arglen < sizeof r->mask ? arglen : sizeof r->mask;
		memcpy(r->mask, arg, r->mask_len);
	} else if (how == PII_HASH) {
		hmac_sha256_key(&r->key, arg, arglen);
	}
	return r;
}

void
pii_redactor_free(struct pii_redactor *r)
{
	if (r == NULL)
		return;
	memset(r, 0, sizeof *r);
	free(r);
}

static void
add_hash(const struct pii_redactor *r, const char *s, const struct pii *p,
    struct buf *canon, struct buf *out)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char mac[SHA256_LEN];
	const char *name = pii_type_name(p->type);
	size_t i, n = strlen(name);

	/* "PHONE:01012345678": the kind keeps equal digits of two kinds apart */
	buf_reset(canon);
	buf_add(canon, name, n);
	buf_addc(canon, ':');
	pii_canonical(s, p, canon);
	hmac_sha256(&r->key, canon->data, canon->len, mac);
	buf_addc(out, '<');
	buf_add(out, name, n);
	buf_addc(out, ':');
	for (i = 0; i < HASH_BYTES; i++) {
		buf_addc(out, hex[mac[i] >> 4]);
		buf_addc(out, hex[mac[i] & 15]);
	}
	buf_addc(out, '>');
}

void
pii_redact(const struct pii_redactor *r, const char *s, size_t len,
    struct pii_list *l, struct buf *out)
{
	struct buf canon = BUF_INIT;
	size_t base = out->len, pos = 0, i, k;

	for (i = 0; i < l->n; i++) {
		struct pii *p = &l->v[i];
		size_t start;

		buf_add(out, s + pos, p->start - pos);
		start = out->len - base;
		switch (r->how) {
		case PII_MASK:
			buf_addc(out, '<');
			buf_addstr(out, pii_type_name(p->type));
			buf_addc(out, '>');
			break;
		case PII_MASK_CHAR:
			for (k = p->start; k < p->end; k++)
				if (((unsigned char)s[k] & 0xC0) != 0x80)
					buf_add(out, r->mask, r->mask_len);
			break;
		case PII_HASH:
			add_hash(r, s, p, &canon, out);
			break;
		}
		pos = p->end;
		p->start = start;
		p->end = out->len - base;
	}
	buf_add(out, s + pos, len - pos);
	buf_release(&canon);
}
