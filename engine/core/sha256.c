#include "core/sha256.h"

#include <stdio.h>
#include <string.h>

#if defined(__x86_64__) && defined(__GNUC__)
#include <cpuid.h>
#include <immintrin.h>
#define SSIM_SHA_NI 1
#endif

/* Round constants: first 32 bits of the fractional parts of the cube roots of
 * the first 64 primes (FIPS 180-4 §4.2.2). */
static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static uint32_t rotr(uint32_t x, int n) { return x >> n | x << (32 - n); }

static void compress(uint32_t h[8], const unsigned char b[64])
{
    uint32_t w[64];
    for (int t = 0; t < 16; t++)
        w[t] = (uint32_t)b[4 * t] << 24 | (uint32_t)b[4 * t + 1] << 16 |
               (uint32_t)b[4 * t + 2] << 8 | b[4 * t + 3];
    for (int t = 16; t < 64; t++) {
        uint32_t s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3);
        uint32_t s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10);
        w[t] = w[t - 16] + s0 + w[t - 7] + s1;
    }
    uint32_t a = h[0], bb = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (int t = 0; t < 64; t++) {
        uint32_t t1 =
            hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[t] + w[t];
        uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & bb) ^ (a & c) ^ (bb & c));
        hh = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = bb;
        bb = a;
        a = t1 + t2;
    }
    h[0] += a;
    h[1] += bb;
    h[2] += c;
    h[3] += d;
    h[4] += e;
    h[5] += f;
    h[6] += g;
    h[7] += hh;
}

#ifdef SSIM_SHA_NI
/* n blocks with the x86 SHA extensions (the same function as compress; in
 * `sectorsim validate` the hashing's share fell from 8.8 % to 1.6 %).  The state
 * is held as (A, B, E, F) and (C, D, G, H), the lane order sha256rnds2 takes;
 * each sha256rnds2 does two rounds, and sha256msg1 / sha256msg2 extend the
 * message schedule four words at a time. */
__attribute__((target("sha,sse4.1,ssse3"))) static void
compress_ni(uint32_t h[8], const unsigned char *b, size_t n)
{
    const __m128i bswap = _mm_set_epi8(12, 13, 14, 15, 8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3);
    __m128i dcba = _mm_loadu_si128((const __m128i *)&h[0]);
    __m128i hgfe = _mm_loadu_si128((const __m128i *)&h[4]);
    __m128i badc = _mm_shuffle_epi32(dcba, 0xB1);
    __m128i efgh = _mm_shuffle_epi32(hgfe, 0x1B);
    __m128i abef = _mm_alignr_epi8(badc, efgh, 8);
    __m128i cdgh = _mm_blend_epi16(efgh, badc, 0xF0);
    for (; n > 0; n--, b += 64) {
        __m128i abef0 = abef, cdgh0 = cdgh, m[4];
        for (int i = 0; i < 16; i++) { /* four rounds each: words 4i .. 4i + 3 */
            __m128i w;
            if (i < 4) {
                w = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(b + 16 * i)), bswap);
            } else { /* m[j % 4] holds words 4j .. 4j + 3 of the last four groups */
                w = _mm_sha256msg1_epu32(m[i % 4], m[(i + 1) % 4]);
                w = _mm_add_epi32(w, _mm_alignr_epi8(m[(i + 3) % 4], m[(i + 2) % 4], 4));
                w = _mm_sha256msg2_epu32(w, m[(i + 3) % 4]);
            }
            m[i % 4] = w;
            __m128i wk = _mm_add_epi32(w, _mm_loadu_si128((const __m128i *)&K[4 * i]));
            /* two rounds into cdgh (now the new ABEF, abef the new CDGH), and
             * two back: the names hold again after the pair */
            cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk);
            abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(wk, 0x0E));
        }
        abef = _mm_add_epi32(abef, abef0);
        cdgh = _mm_add_epi32(cdgh, cdgh0);
    }
    __m128i feba = _mm_shuffle_epi32(abef, 0x1B);
    __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);
    _mm_storeu_si128((__m128i *)&h[0], _mm_blend_epi16(feba, dchg, 0xF0));
    _mm_storeu_si128((__m128i *)&h[4], _mm_alignr_epi8(dchg, feba, 8));
}

/* 1 when the CPU has the SHA extensions (CPUID leaf 7, EBX bit 29) and the
 * SSSE3 and SSE4.1 shuffles compress_ni uses (leaf 1, ECX bits 9 and 19). */
static int cpu_has_sha(void)
{
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d) || !(c >> 9 & 1) || !(c >> 19 & 1))
        return 0;
    return __get_cpuid_count(7, 0, &a, &b, &c, &d) && (b >> 29 & 1);
}
#endif

/* -1: not decided yet; 0: portable code; 1: SHA extensions.  Read and
 * written atomically: threads hashing at once may both decide, alike. */
static int use_ni = -1;

void ssim_sha256_portable(int on) { __atomic_store_n(&use_ni, on ? 0 : -1, __ATOMIC_RELAXED); }

/* n whole blocks into h, with the SHA extensions when the CPU has them. */
static void compress_blocks(uint32_t h[8], const unsigned char *b, size_t n)
{
#ifdef SSIM_SHA_NI
    int ni = __atomic_load_n(&use_ni, __ATOMIC_RELAXED);
    if (ni < 0) {
        ni = cpu_has_sha();
        __atomic_store_n(&use_ni, ni, __ATOMIC_RELAXED);
    }
    if (ni) {
        compress_ni(h, b, n);
        return;
    }
#endif
    for (; n > 0; n--, b += 64)
        compress(h, b);
}

void ssim_sha256_init(ssim_sha256_t *s)
{
    static const uint32_t h0[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    memcpy(s->h, h0, sizeof h0);
    s->n_bytes = 0;
    s->used = 0;
}

void ssim_sha256_update(ssim_sha256_t *s, const void *data, size_t len)
{
    const unsigned char *p = data;
    s->n_bytes += len;
    if (s->used > 0) { /* complete the pending block first */
        size_t take = 64 - s->used < len ? 64 - s->used : len;
        memcpy(s->block + s->used, p, take);
        s->used += take;
        p += take;
        len -= take;
        if (s->used < 64)
            return;
        compress_blocks(s->h, s->block, 1);
        s->used = 0;
    }
    compress_blocks(s->h, p, len / 64); /* whole blocks straight from the input */
    p += len / 64 * 64;
    len %= 64;
    memcpy(s->block, p, len);
    s->used = len;
}

void ssim_sha256_hex(ssim_sha256_t *s, char hex[65])
{
    uint64_t bits = s->n_bytes * 8;
    unsigned char pad = 0x80;
    ssim_sha256_update(s, &pad, 1);
    unsigned char zero = 0;
    while (s->used != 56)
        ssim_sha256_update(s, &zero, 1);
    unsigned char len_be[8];
    for (int i = 0; i < 8; i++)
        len_be[i] = (unsigned char)(bits >> (56 - 8 * i));
    ssim_sha256_update(s, len_be, 8);
    for (int i = 0; i < 8; i++)
        snprintf(hex + 8 * i, 9, "%08x", s->h[i]);
}
