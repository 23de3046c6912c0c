/* results/compare — the comparison of regulation options (sectorsim compare;
 * docs/regulation.md): one row per option, index 0 = the baseline.
 *
 * Every array has a documented length: "N" = n_options (baseline included),
 * "S" = n_sectors, "L" = n_levers, "T" = n_trials; row-major [i][s] is
 * i*S + s.  All values are reductions in trial order, so they do not depend
 * on the thread count.
 */
#ifndef SSIM_RESULTS_COMPARE_H
#define SSIM_RESULTS_COMPARE_H

#include "core/status.h"

#include <stddef.h>
#include <stdint.h>

/* Paired (or unpaired) statistics of a difference of means. */
typedef struct {
    double mean;            /* mean of a[t] - b[t] */
    double se;              /* its standard error, paired (SD of the differences / sqrt T) */
    double ci_low, ci_high; /* 95% normal interval: mean -/+ 1.96 se */
    double unpaired_se;     /* sqrt(var(a)/T + var(b)/T): the SE without pairing */
    double max_abs;         /* largest |a[t] - b[t]| */
} ssim_paired_t;

/* Paired difference a - b over n trials (n >= 1), in trial order.  O(n). */
void ssim_paired_compute(ssim_paired_t *p, const double *a, const double *b, uint64_t n);

typedef struct {
    size_t n_options, n_sectors, n_levers, n_operators;
    uint64_t n_trials;
    int keep_trials;            /* people_hours per trial kept (output.per_trial) */
    int econ;                   /* economic loss known (economic.enabled with outputs) */
    const char **names;         /* N: "baseline", then the option names (borrowed) */
    const char **lever_names;   /* L (borrowed) */
    double *mean;               /* N: expected person-hours affected (SSIM_COL_PRIMARY) */
    double *p95, *p99, *cvar95; /* N: its tail */
    double *yen_mean;           /* N: expected value of lost service, yen */
    double *yen_diff_mean, *yen_diff_lo, *yen_diff_hi; /* N: paired baseline - option, yen */
    double *p_multi;                                   /* N: P(>= 2 sectors out at once) */
    double *econ_mean;              /* N: expected economic loss, yen (NaN when unknown) */
    double *ops_compromised;        /* N: expected operators compromised */
    double *sector_mean;            /* N*S: expected lost service by sector, its own unit */
    double *burden;                 /* N: annualised burden, yen per year */
    double *burden_lever;           /* N*L: annualised, yen per year by lever */
    double *burden_sector;          /* N*S: annualised, yen per year by sector */
    double *burden_oneoff;          /* N: one-off costs, yen (switching, buffers, segmentation) */
    double *burden_recurring;       /* N: recurring costs, yen per year */
    double *replaced, *blocked;     /* N*S: supply edges */
    double *held_days, *patch_days; /* N*S: operator-days per year */
    double *regulated;              /* N*S: operators under an obligation */
    double *buffer_hours;           /* N*S: buffer-hours added */
    double *diff_mean, *diff_se, *diff_lo, *diff_hi; /* N: paired baseline - option */
    double *unpaired_se;                             /* N */
    double *max_abs_diff;                            /* N */
    double *per_burden;    /* N: diff_mean per 1e9 yen of burden (NaN when burden 0) */
    uint64_t *ops_changed; /* N: operators whose statistics differ from the baseline's */
    uint8_t *frontier;     /* N: 1 when non-dominated on (mean, burden) */
    double *people_hours;  /* N*T: per trial (NULL unless keep_trials) */
    /* N*O: each option's per-operator statistics (as /operators has the baseline's) */
    double *op_p_compromised, *op_p_out, *op_outage_hours;
} ssim_compare_t;

/* Allocate (zeroed; econ_mean and per_burden NaN).  SSIM_ENOMEM on failure. */
ssim_status_t ssim_compare_init(ssim_compare_t *c, size_t n_options, size_t n_sectors,
                                size_t n_levers, size_t n_operators, uint64_t n_trials,
                                int keep_trials);
void ssim_compare_destroy(ssim_compare_t *c);

/* Mark the rows not dominated on (mean, burden): no other row is at least as
 * good on both and strictly better on one.  O(N^2). */
void ssim_compare_frontier(ssim_compare_t *c);

/* The same rule for any table (compare, risk): frontier[i] = 1 when no row j
 * has risk[j * stride] <= risk[i * stride] and burden[j] <= burden[i], one of
 * them strictly lower. */
void ssim_frontier_mark(const double *risk, size_t stride, const double *burden, size_t n,
                        uint8_t *frontier);

#endif
