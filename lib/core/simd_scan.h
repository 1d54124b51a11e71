/*
 * simd_scan.h: the bodies of the simd.h scans, included by simd.c once per
 * vector width with these defined:
 *
 *	VEC		the vector type		W	its width in bytes
 *	SCAN(name)	the name with its width suffix
 *	TARGET		the function attribute enabling the instructions
 *	LOAD(p)		an unaligned load	MASK(v)	the byte sign bits
 *	SPLAT(c)	every byte 'c'
 *	EQ, AND, OR, ANDNOT(a, b) = ~a & b, MAXU, MINU: bytewise
 *
 * Every test stays in vector registers and ends in one MASK per block.
 * Loading the block again one, two and three bytes earlier lines each byte
 * up with the bytes before it, so UTF-8 validation needs no state carried
 * from block to block: a byte must be a continuation byte (10xxxxxx)
 * exactly when a lead one, two or three bytes back announced one.
 */

/* Unsigned byte compares: a >= c and a <= c. */
#define UGE(a, c) EQ(MAXU(a, SPLAT(c)), a)
#define ULE(a, c) EQ(MINU(a, SPLAT(c)), a)

static TARGET const unsigned char *
SCAN(skip_json_string)(const unsigned char *p, const unsigned char *start,
    const unsigned char *end)
{
	const unsigned char *from = p;

	if (p - start < 3)
		return p;		/* the loads reach three bytes back */
	while (end - p >= W) {
		VEC b = LOAD(p), p1 = LOAD(p - 1), p2 = LOAD(p - 2), p3 = LOAD(p - 3);
		VEC special, bad, cont, owed;
		uint64_t sm, bm;

		special = OR(OR(EQ(b, SPLAT('"')), EQ(b, SPLAT('\\'))), ULE(b, 0x1F));
		cont = EQ(AND(b, SPLAT(0xC0)), SPLAT(0x80));
		owed = OR(OR(UGE(p1, 0xC0), UGE(p2, 0xE0)), UGE(p3, 0xF0));
		bad = OR(ANDNOT(cont, owed), ANDNOT(owed, cont));
		/* Never valid: C0, C1, F5..FF. */
		bad = OR(bad, OR(EQ(ANDNOT(SPLAT(0x01), b), SPLAT(0xC0)),
		    UGE(b, 0xF5)));
		/* Overlong, surrogate, above U+10FFFF: E0 80..9F, ED A0..BF,
		 * F0 80..8F, F4 90..BF. */
		bad = OR(bad, AND(EQ(p1, SPLAT(0xE0)), ULE(b, 0x9F)));
		bad = OR(bad, AND(EQ(p1, SPLAT(0xED)), UGE(b, 0xA0)));
		bad = OR(bad, AND(EQ(p1, SPLAT(0xF0)), ULE(b, 0x8F)));
		bad = OR(bad, AND(EQ(p1, SPLAT(0xF4)), UGE(b, 0x90)));
		sm = (uint32_t)MASK(special);
		bm = (uint32_t)MASK(bad);
		if ((sm | bm) == 0) {
			p += W;
			continue;
		}
		/*
		 * A quote, backslash or control byte with nothing wrong up to
		 * and at it: go straight there, where the character-by-
		 * character code takes over.  Anything wrong before it is
		 * left to that code to find and report.
		 */
		if (sm && (bm & (((sm & -sm) << 1) - 1)) == 0)
			return p + __builtin_ctzll(sm);
		break;
	}
	/*
	 * Stop at the start of the last character if it is unfinished: its
	 * continuation bytes, in the block that stopped the scan, are not
	 * checked yet (its lead only was).  Bytes before 'from' were checked
	 * by the caller and end with a whole character.
	 */
	if (p > from) {
		const unsigned char *q = p;

		while (q > from && p - q < 3 && (q[-1] & 0xC0) == 0x80)
			q--;
		if (q > from && q[-1] >= 0xC0 &&
		    q - 1 + (q[-1] >= 0xF0 ? 4 : q[-1] >= 0xE0 ? 3 : 2) > p)
			p = q - 1;
	}
	return p;
}

/*
 * The bytes of block 'b' (next bytes 'b1') that are not ASCII nor part of
 * a precomposed Hangul syllable U+AC00..U+D77F: leads other than EA..ED, EA
 * with a second byte below B0, ED with one above 9D.
 */
static TARGET inline VEC
SCAN(not_hangul)(VEC b, VEC b1)
{
	VEC lead = UGE(b, 0xC0);
	VEC bad = ANDNOT(AND(UGE(b, 0xEA), ULE(b, 0xED)), lead);

	bad = OR(bad, AND(EQ(b, SPLAT(0xEA)), ULE(b1, 0xAF)));
	return OR(bad, AND(EQ(b, SPLAT(0xED)), UGE(b1, 0x9E)));
}

static TARGET size_t
SCAN(skip_clean_valid)(const unsigned char *s, size_t i, size_t len,
    int *line_start, int *prev_space)
{
	size_t from = i;

	while (len - i >= W + 1) {	/* the next bytes are loaded too */
		VEC b = LOAD(s + i), b1 = LOAD(s + i + 1);
		VEC sp = EQ(b, SPLAT(' '));
		VEC bad = OR(ULE(b, 0x1F), EQ(b, SPLAT(0x7F)));	/* controls */
		uint64_t bm;
		size_t k;

		bad = OR(bad, AND(sp, EQ(b1, SPLAT(' '))));	/* two spaces */
		bad = OR(bad, SCAN(not_hangul)(b, b1));
		if (s[i] == ' ' && (*line_start || *prev_space))
			break;				/* a leading space */
		bm = (uint32_t)MASK(bad);
		/*
		 * Go up to the first byte needing a closer look: a control,
		 * the first of two spaces, or the lead of a character other
		 * than Hangul, each the start of a character.
		 */
		k = bm ? (size_t)__builtin_ctzll(bm) : W;
		if (k > 0) {
			*line_start = 0;	/* no leading space, no run: not all spaces */
			*prev_space = s[i + k - 1] == ' ';
			i += k;
		}
		if (bm)
			return i;
	}
	/* Stop at a character boundary: a block may end inside one. */
	while (i > from && (s[i] & 0xC0) == 0x80)
		i--;
	return i;
}

static TARGET size_t
SCAN(skip_hangul_valid)(const unsigned char *s, size_t i, size_t len)
{
	size_t from = i;

	while (len - i >= W + 1) {
		VEC b = LOAD(s + i);
		uint64_t bm;

		if (MASK(b) == 0) {
			i += W;
			continue;
		}
		bm = (uint32_t)MASK(SCAN(not_hangul)(b, LOAD(s + i + 1)));
		if (bm)
			return i + (size_t)__builtin_ctzll(bm);	/* a lead */
		i += W;
	}
	while (i > from && (s[i] & 0xC0) == 0x80)
		i--;
	return i;
}

/*
 * The number of continuation bytes (80..BF) in s[0, len): each block's
 * compare gives -1 per such byte, subtracted from byte counters, which are
 * summed before they can wrap (every 255 blocks).
 */
static TARGET size_t
SCAN(count_cont)(const unsigned char *s, size_t len)
{
	size_t i = 0, total = 0;

	while (len - i >= W) {
		VEC acc = SPLAT(0);
		unsigned char lanes[W];
		int k, j;

		for (k = 0; k < 255 && len - i >= W; k++, i += W) {
			VEC b = LOAD(s + i);

			acc = SUB(acc, EQ(AND(b, SPLAT(0xC0)), SPLAT(0x80)));
		}
		memcpy(lanes, &acc, W);
		for (j = 0; j < W; j++)
			total += lanes[j];
	}
	for (; i < len; i++)
		total += (s[i] & 0xC0) == 0x80;
	return total;
}

#undef UGE
#undef ULE
