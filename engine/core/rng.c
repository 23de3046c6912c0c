#include "core/rng.h"

#include "core/status.h"

#include <Random123/philox.h>
#include <string.h>

void ssim_rng_philox(const uint32_t ctr[4], const uint32_t key[2], uint32_t out[4])
{
    philox4x32_ctr_t c = {{ctr[0], ctr[1], ctr[2], ctr[3]}};
    philox4x32_key_t k = {{key[0], key[1]}};
    philox4x32_ctr_t r = philox4x32_R(10, c, k);
    memcpy(out, r.v, sizeof r.v);
}

void ssim_rng_seed(ssim_rng_t *rng, uint64_t seed, uint64_t trial, uint32_t entity,
                   uint16_t purpose)
{
    rng->key[0] = (uint32_t)seed;
    rng->key[1] = (uint32_t)(seed >> 32);
    rng->ctr[0] = 0;
    rng->ctr[1] = entity;
    rng->ctr[2] = (uint32_t)trial;
    rng->ctr[3] = (uint32_t)((trial >> 32) & 0xffffu) << 16 | purpose;
    rng->next = 4;
}

uint32_t ssim_rng_u32(ssim_rng_t *rng)
{
    if (rng->next >= 4) {
        ssim_rng_philox(rng->ctr, rng->key, rng->buf);
        rng->ctr[0]++;
        rng->next = 0;
    }
    return rng->buf[rng->next++];
}

double ssim_rng_uniform(ssim_rng_t *rng)
{
    uint64_t hi = ssim_rng_u32(rng) >> 5; /* 27 bits */
    uint64_t lo = ssim_rng_u32(rng) >> 6; /* 26 bits */
    return (double)(hi << 26 | lo) * 0x1.0p-53;
}

/* ---- the gsl_rng_type adapter ---- */

static void gsl_set(void *state, unsigned long int seed)
{
    /* GSL calls set() at allocation; the stream is positioned later by
     * ssim_rng_gsl_seed(), so any seed gives a valid (unused) stream here. */
    ssim_rng_seed(state, (uint64_t)seed, 0, 0, 0);
}

static unsigned long int gsl_get(void *state) { return ssim_rng_u32(state); }

static double gsl_get_double(void *state) { return ssim_rng_uniform(state); }

static const gsl_rng_type philox_type = {
    "ssim_philox4x32", 0xffffffffUL, 0, sizeof(ssim_rng_t), gsl_set, gsl_get, gsl_get_double,
};

gsl_rng *ssim_rng_gsl_alloc(void)
{
    gsl_rng *r = gsl_rng_alloc(&philox_type);
    if (!r)
        ssim_error(SSIM_ENOMEM, SSIM_LOC_NONE, "out of memory allocating a random stream");
    return r;
}

void ssim_rng_gsl_seed(gsl_rng *r, uint64_t seed, uint64_t trial, uint32_t entity, uint16_t purpose)
{
    ssim_rng_seed(r->state, seed, trial, entity, purpose);
}

ssim_rng_t *ssim_rng_gsl_stream(gsl_rng *r) { return r->state; }

void ssim_rng_gsl_seed_sub(gsl_rng *r, uint64_t seed, uint64_t trial, uint32_t entity,
                           uint16_t purpose, uint16_t sub)
{
    ssim_rng_t *rng = r->state;
    ssim_rng_seed(rng, seed, trial, entity, purpose);
    rng->ctr[0] = (uint32_t)sub << 16;
}
