/* results/order — order statistics of one column of trial values without a
 * comparison sort (quantiles, min, max, CVaR for the summaries): only the
 * nonzero values are radix-sorted; results are bit-identical to a stable
 * comparison sort of the whole column (order.c says why).  No NaN inputs.
 */
#ifndef SSIM_RESULTS_ORDER_H
#define SSIM_RESULTS_ORDER_H

#include "results/results.h"

#include <stddef.h>
#include <stdint.h>

/* A view of a column of n >= 1 values in ascending order (after ssim_order_sort).
 * The nonzero values sort by their rank key ((order_key - kmin) >> shift),
 * which drops the bits they all share: small integers, say, span a few
 * thousand rank keys at most. */
typedef struct {
    double *nz;      /* the nonzero values, length n - n_zero; ascending once sorted */
    size_t n;        /* values in the column */
    size_t n_neg;    /* values < 0 */
    size_t n_zero;   /* values == 0, either sign */
    double sum;      /* the column summed in input order */
    double min, max; /* x[0] and x[n-1] of a stable sort of the column */
    uint64_t kmin;   /* the smallest order_key of a nonzero value */
    int shift;       /* the lowest bit in which the nonzero values' keys differ */
    uint64_t range;  /* the largest rank key (0: all nonzero values are equal) */
} ssim_order_t;

/* One pass over col[0 .. n) (n >= 1) in input order: counts, the sum, min
 * and max, and the nonzero values copied into spare (length n), which o then
 * views. */
void ssim_order_scan(ssim_order_t *o, const double *col, size_t n, double *spare);

/* Sort o's nonzero values; col (length >= n - n_zero) is the radix sort's
 * second buffer and is clobbered. */
void ssim_order_sort(ssim_order_t *o, double *col);

/* Type-7 quantile (numpy's default) at level p of a sorted view. */
double ssim_order_quantile(const ssim_order_t *o, double p);

/* Mean of the largest ceil(alpha n) values, summed in ascending order. */
double ssim_order_cvar(const ssim_order_t *o, double alpha);

/* Every statistic of ssim_summary_t for col[0 .. n) in trial order (zeroed
 * when n == 0); col is clobbered, spare has length n. */
void ssim_summary_of_column(ssim_summary_t *s, double *col, size_t n, double *spare);

#endif
