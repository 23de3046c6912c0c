#include "core/dist.h"
#include "core/text.h"

#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *name;
    int n_params;
    const char *params[SSIM_DIST_MAX_PARAMS];
} kinds[SSIM_DIST_N_KINDS] = {
    [SSIM_DIST_FIXED] = {"fixed", 1, {"value", NULL}},
    [SSIM_DIST_EXPONENTIAL] = {"exponential", 1, {"mean", NULL}},
    [SSIM_DIST_LOGNORMAL] = {"lognormal", 2, {"median", "sigma"}},
    [SSIM_DIST_GAMMA] = {"gamma", 2, {"shape", "scale"}},
    [SSIM_DIST_UNIFORM] = {"uniform", 2, {"min", "max"}},
};

const char *ssim_dist_kind_name(ssim_dist_kind_t kind)
{
    return (unsigned)kind < SSIM_DIST_N_KINDS ? kinds[kind].name : "unknown";
}

int ssim_dist_kind_parse(const char *name, ssim_dist_kind_t *kind)
{
    for (int k = 0; k < SSIM_DIST_N_KINDS; k++) {
        if (strcmp(name, kinds[k].name) == 0) {
            *kind = (ssim_dist_kind_t)k;
            return 0;
        }
    }
    return -1;
}

int ssim_dist_n_params(ssim_dist_kind_t kind) { return kinds[kind].n_params; }

const char *ssim_dist_param_name(ssim_dist_kind_t kind, int i)
{
    return i >= 0 && i < kinds[kind].n_params ? kinds[kind].params[i] : NULL;
}

ssim_dist_t ssim_dist_fixed(double value) { return (ssim_dist_t){SSIM_DIST_FIXED, {value, 0}}; }

int ssim_dist_check(const ssim_dist_t *d, char *why, size_t why_size)
{
    const double *p = d->p;
    for (int i = 0; i < kinds[d->kind].n_params; i++) {
        if (!isfinite(p[i])) {
            snprintf(why, why_size, "%s must be a finite number", kinds[d->kind].params[i]);
            return -1;
        }
    }
    switch (d->kind) {
    case SSIM_DIST_FIXED:
        if (p[0] < 0) {
            snprintf(why, why_size, "value must be >= 0 (got %g)", p[0]);
            return -1;
        }
        break;
    case SSIM_DIST_EXPONENTIAL:
        if (p[0] <= 0) {
            snprintf(why, why_size, "mean must be > 0 (got %g)", p[0]);
            return -1;
        }
        break;
    case SSIM_DIST_LOGNORMAL:
        if (p[0] <= 0) {
            snprintf(why, why_size, "median must be > 0 (got %g)", p[0]);
            return -1;
        }
        if (p[1] < 0 || p[1] > 10) {
            snprintf(why, why_size, "sigma must be in [0, 10] (got %g)", p[1]);
            return -1;
        }
        break;
    case SSIM_DIST_GAMMA:
        if (p[0] <= 0 || p[1] <= 0) {
            snprintf(why, why_size, "shape and scale must be > 0 (got %g, %g)", p[0], p[1]);
            return -1;
        }
        break;
    case SSIM_DIST_UNIFORM:
        if (p[0] < 0 || p[1] < p[0]) {
            snprintf(why, why_size, "uniform needs 0 <= min <= max (got %g, %g)", p[0], p[1]);
            return -1;
        }
        break;
    default:
        snprintf(why, why_size, "unknown distribution kind");
        return -1;
    }
    return 0;
}

double ssim_dist_sample(const ssim_dist_t *d, gsl_rng *r)
{
    const double *p = d->p;
    switch (d->kind) {
    case SSIM_DIST_FIXED:
        return p[0];
    case SSIM_DIST_EXPONENTIAL:
        return gsl_ran_exponential(r, p[0]);
    case SSIM_DIST_LOGNORMAL:
        return p[1] == 0 ? p[0] : gsl_ran_lognormal(r, log(p[0]), p[1]);
    case SSIM_DIST_GAMMA:
        return gsl_ran_gamma(r, p[0], p[1]);
    case SSIM_DIST_UNIFORM:
        return p[0] == p[1] ? p[0] : gsl_ran_flat(r, p[0], p[1]);
    default:
        return 0.0;
    }
}

double ssim_dist_mean(const ssim_dist_t *d)
{
    const double *p = d->p;
    switch (d->kind) {
    case SSIM_DIST_FIXED:
        return p[0];
    case SSIM_DIST_EXPONENTIAL:
        return p[0];
    case SSIM_DIST_LOGNORMAL:
        return p[0] * exp(p[1] * p[1] / 2);
    case SSIM_DIST_GAMMA:
        return p[0] * p[1];
    case SSIM_DIST_UNIFORM:
        return (p[0] + p[1]) / 2;
    default:
        return 0.0;
    }
}

int ssim_dist_to_json(const ssim_dist_t *d, char *buf, size_t size)
{
    char num[SSIM_TEXT_DOUBLE_SIZE];
    int n = snprintf(buf, size, "{\"dist\":\"%s\"", kinds[d->kind].name);
    for (int i = 0; i < kinds[d->kind].n_params && n > 0 && (size_t)n < size; i++) {
        ssim_text_double(num, sizeof num, d->p[i], SSIM_TEXT_INTEGRAL);
        n += snprintf(buf + n, size - (size_t)n, ",\"%s\":%s", kinds[d->kind].params[i], num);
    }
    if (n > 0 && (size_t)n < size)
        n += snprintf(buf + n, size - (size_t)n, "}");
    return n;
}
