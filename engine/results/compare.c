/* results/compare — paired statistics and the comparison table (compare.h). */
#include "results/compare.h"

#include "core/alloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define Z95 1.959963984540054

/* Sample variance of x (length n), two passes, in order. */
static double variance(const double *x, uint64_t n)
{
    if (n < 2)
        return 0.0;
    double sum = 0, ss = 0;
    for (uint64_t t = 0; t < n; t++)
        sum += x[t];
    double mean = sum / (double)n;
    for (uint64_t t = 0; t < n; t++)
        ss += (x[t] - mean) * (x[t] - mean);
    return ss / (double)(n - 1);
}

void ssim_paired_compute(ssim_paired_t *p, const double *a, const double *b, uint64_t n)
{
    double sum = 0, max_abs = 0, ss = 0;
    for (uint64_t t = 0; t < n; t++) {
        double d = a[t] - b[t];
        sum += d;
        max_abs = fmax(max_abs, fabs(d));
    }
    double mean = sum / (double)n;
    for (uint64_t t = 0; t < n; t++) {
        double d = a[t] - b[t] - mean;
        ss += d * d;
    }
    p->mean = mean;
    p->se = n > 1 ? sqrt(ss / (double)(n - 1) / (double)n) : 0.0;
    p->ci_low = mean - Z95 * p->se;
    p->ci_high = mean + Z95 * p->se;
    p->unpaired_se = sqrt((variance(a, n) + variance(b, n)) / (double)n);
    p->max_abs = max_abs;
}

ssim_status_t ssim_compare_init(ssim_compare_t *c, size_t n_options, size_t n_sectors,
                                size_t n_levers, size_t n_operators, uint64_t n_trials,
                                int keep_trials)
{
    memset(c, 0, sizeof *c);
    size_t N = n_options, NS = n_options * n_sectors, NO = n_options * n_operators;
    c->n_options = n_options;
    c->n_operators = n_operators;
    c->n_sectors = n_sectors;
    c->n_levers = n_levers;
    c->n_trials = n_trials;
    c->keep_trials = keep_trials;
    int ok = 1;
#define ALLOC(field, count)                                                                        \
    ok &= (c->field = ssim_calloc((count), sizeof *c->field, #field)) != NULL
    ALLOC(names, N);
    ALLOC(mean, N);
    ALLOC(p95, N);
    ALLOC(p99, N);
    ALLOC(cvar95, N);
    ALLOC(yen_mean, N);
    ALLOC(yen_diff_mean, N);
    ALLOC(yen_diff_lo, N);
    ALLOC(yen_diff_hi, N);
    ALLOC(p_multi, N);
    ALLOC(econ_mean, N);
    ALLOC(ops_compromised, N);
    ALLOC(sector_mean, NS);
    ALLOC(burden, N);
    ALLOC(burden_lever, N * n_levers);
    ALLOC(burden_sector, NS);
    ALLOC(burden_oneoff, N);
    ALLOC(burden_recurring, N);
    ALLOC(replaced, NS);
    ALLOC(blocked, NS);
    ALLOC(held_days, NS);
    ALLOC(patch_days, NS);
    ALLOC(regulated, NS);
    ALLOC(buffer_hours, NS);
    ALLOC(diff_mean, N);
    ALLOC(diff_se, N);
    ALLOC(diff_lo, N);
    ALLOC(diff_hi, N);
    ALLOC(unpaired_se, N);
    ALLOC(max_abs_diff, N);
    ALLOC(per_burden, N);
    ALLOC(ops_changed, N);
    ALLOC(frontier, N);
    ALLOC(op_p_compromised, NO);
    ALLOC(op_p_out, NO);
    ALLOC(op_outage_hours, NO);
    if (keep_trials)
        ALLOC(people_hours, N * (size_t)n_trials);
#undef ALLOC
    if (!ok) {
        ssim_compare_destroy(c);
        return SSIM_ENOMEM;
    }
    for (size_t i = 0; i < N; i++)
        c->econ_mean[i] = c->per_burden[i] = NAN;
    return SSIM_OK;
}

void ssim_compare_destroy(ssim_compare_t *c)
{
    if (!c)
        return;
    void *arrays[] = {c->names,
                      c->mean,
                      c->p95,
                      c->p99,
                      c->cvar95,
                      c->p_multi,
                      c->econ_mean,
                      c->ops_compromised,
                      c->sector_mean,
                      c->burden,
                      c->burden_lever,
                      c->burden_sector,
                      c->burden_oneoff,
                      c->burden_recurring,
                      c->replaced,
                      c->blocked,
                      c->held_days,
                      c->patch_days,
                      c->regulated,
                      c->buffer_hours,
                      c->diff_mean,
                      c->diff_se,
                      c->diff_lo,
                      c->diff_hi,
                      c->unpaired_se,
                      c->max_abs_diff,
                      c->per_burden,
                      c->ops_changed,
                      c->frontier,
                      c->people_hours,
                      c->yen_mean,
                      c->yen_diff_mean,
                      c->yen_diff_lo,
                      c->yen_diff_hi,
                      c->op_p_compromised,
                      c->op_p_out,
                      c->op_outage_hours};
    for (size_t i = 0; i < sizeof arrays / sizeof *arrays; i++)
        free(arrays[i]);
    memset(c, 0, sizeof *c);
}

void ssim_frontier_mark(const double *risk, size_t stride, const double *burden, size_t n,
                        uint8_t *frontier)
{
    for (size_t i = 0; i < n; i++) {
        double ri = risk[i * stride], bi = burden[i];
        frontier[i] = 1;
        for (size_t j = 0; j < n && frontier[i]; j++) {
            double rj = risk[j * stride], bj = burden[j];
            if (j != i && rj <= ri && bj <= bi && (rj < ri || bj < bi))
                frontier[i] = 0;
        }
    }
}

void ssim_compare_frontier(ssim_compare_t *c)
{
    ssim_frontier_mark(c->mean, 1, c->burden, c->n_options, c->frontier);
}
