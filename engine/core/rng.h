/* core/rng — counter-based random streams (Philox4x32-10, Random123).
 *
 * A stream is a pure function of (seed, trial, entity, purpose): the n-th
 * number of a stream never depends on the thread, the schedule, or on how many
 * numbers any other stream used.  This is what makes results byte-identical at
 * any thread count and gives common random numbers across regulation options.
 *
 * Counter layout (4 x 32 bits) and key (2 x 32 bits):
 *     key    = { seed & 0xffffffff, seed >> 32 }
 *     ctr[0] = block index within the stream (4 numbers per block)
 *     ctr[1] = entity (an operator, supplier or edge index)
 *     ctr[2] = trial & 0xffffffff
 *     ctr[3] = (trial >> 32) << 16 | purpose      (trial < 2^48, purpose < 2^16)
 *
 * A stream yields up to 2^34 32-bit numbers.  ssim_rng_gsl() wraps a stream
 * as a gsl_rng so GSL's gsl_ran_* samplers draw from it.
 */
#ifndef SSIM_CORE_RNG_H
#define SSIM_CORE_RNG_H

#include <gsl/gsl_rng.h>
#include <stdint.h>

#define SSIM_RNG_NAME "philox4x32-10"
#define SSIM_RNG_MAX_TRIAL ((uint64_t)1 << 48)

typedef struct {
    uint32_t key[2];
    uint32_t ctr[4];
    uint32_t buf[4];
    unsigned next; /* index into buf of the next unused number; 4 = empty */
} ssim_rng_t;

/* Position the stream at the first number of (seed, trial, entity, purpose).
 * O(1), no allocation. */
void ssim_rng_seed(ssim_rng_t *rng, uint64_t seed, uint64_t trial, uint32_t entity,
                   uint16_t purpose);

/* Next 32-bit number of the stream. */
uint32_t ssim_rng_u32(ssim_rng_t *rng);

/* Uniform on [0, 1) with 53 random bits (two 32-bit numbers). */
double ssim_rng_uniform(ssim_rng_t *rng);

/* Raw Philox4x32-10 block: out = philox(ctr, key).  For known-answer tests. */
void ssim_rng_philox(const uint32_t ctr[4], const uint32_t key[2], uint32_t out[4]);

/* A gsl_rng drawing from an ssim_rng_t stream.  Allocate once per thread
 * (caller frees with gsl_rng_free); reposition per draw site with
 * ssim_rng_gsl_seed().  NULL (error raised) when out of memory. */
gsl_rng *ssim_rng_gsl_alloc(void);
void ssim_rng_gsl_seed(gsl_rng *r, uint64_t seed, uint64_t trial, uint32_t entity,
                       uint16_t purpose);
ssim_rng_t *ssim_rng_gsl_stream(gsl_rng *r);

/* Like ssim_rng_gsl_seed, for the sub-th occurrence of a repeated draw site
 * (e.g. the k-th restart of one dependency): the stream starts at block
 * sub * 2^16, so occurrences never overlap (each has 2^18 numbers). */
void ssim_rng_gsl_seed_sub(gsl_rng *r, uint64_t seed, uint64_t trial, uint32_t entity,
                           uint16_t purpose, uint16_t sub);

/* 64-bit mixing hash (splitmix64 finaliser); used for verification hashes.
 * Inline: the hash folds millions of words, in independent lanes that the
 * processor overlaps only when it sees the arithmetic. */
static inline uint64_t ssim_hash64(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

#endif
