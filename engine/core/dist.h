/* core/dist — probability distributions used as scenario parameters.
 *
 *   kind          parameters            mean
 *   fixed         value                 value
 *   exponential   mean                  mean
 *   lognormal     median, sigma         median * exp(sigma^2 / 2)
 *   gamma         shape, scale          shape * scale
 *   uniform       min, max              (min + max) / 2
 *
 * All samples are >= 0 (they are durations or multipliers); parameters are
 * checked by ssim_dist_check().
 */
#ifndef SSIM_CORE_DIST_H
#define SSIM_CORE_DIST_H

#include <gsl/gsl_rng.h>
#include <stddef.h>

typedef enum {
    SSIM_DIST_FIXED = 0,
    SSIM_DIST_EXPONENTIAL,
    SSIM_DIST_LOGNORMAL,
    SSIM_DIST_GAMMA,
    SSIM_DIST_UNIFORM,
    SSIM_DIST_N_KINDS
} ssim_dist_kind_t;

#define SSIM_DIST_MAX_PARAMS 2

typedef struct {
    ssim_dist_kind_t kind;
    double p[SSIM_DIST_MAX_PARAMS]; /* in the order of ssim_dist_param_name() */
} ssim_dist_t;

/* "fixed", "exponential", ... */
const char *ssim_dist_kind_name(ssim_dist_kind_t kind);

/* Parse a kind name; returns 0 on success, -1 when unknown. */
int ssim_dist_kind_parse(const char *name, ssim_dist_kind_t *kind);

/* Number of parameters of a kind, and the name of parameter i. */
int ssim_dist_n_params(ssim_dist_kind_t kind);
const char *ssim_dist_param_name(ssim_dist_kind_t kind, int i);

/* Check parameters; on failure writes the broken rule into why and returns -1. */
int ssim_dist_check(const ssim_dist_t *d, char *why, size_t why_size);

/* One sample (>= 0) drawn from r. */
double ssim_dist_sample(const ssim_dist_t *d, gsl_rng *r);

/* The distribution's mean. */
double ssim_dist_mean(const ssim_dist_t *d);

/* Convenience constructor for a fixed value. */
ssim_dist_t ssim_dist_fixed(double value);

/* Write a compact JSON object, e.g. {"dist":"lognormal","median":96,"sigma":0.8}, its
 * numbers in the shortest form that reads back (core/text, SSIM_TEXT_INTEGRAL). */
int ssim_dist_to_json(const ssim_dist_t *d, char *buf, size_t size);

#endif
