/* Unit tests for results: summaries (quantiles as numpy's default, CVaR,
 * exceedance), row pointers, accumulators, the verification hash. */
#include "check.h"

#include "results/results.h"

#include <stdlib.h>

static void test_summary(void)
{
    /* 1..20 shuffled */
    double x[20] = {7, 3, 19, 1, 15, 12, 20, 5, 9, 2, 18, 11, 4, 16, 8, 13, 6, 17, 10, 14};
    double scratch[20];
    ssim_summary_t s;
    ssim_summary_compute(&s, x, 20, 1, scratch);
    CHECK_NEAR(s.mean, 10.5, 1e-12);
    CHECK_NEAR(s.sd, sqrt(35.0), 1e-12); /* var of 1..20 with n-1 = 35 */
    CHECK_NEAR(s.se, sqrt(35.0 / 20), 1e-12);
    CHECK_NEAR(s.ci_low, 10.5 - 1.959963984540054 * sqrt(35.0 / 20), 1e-12);
    CHECK_NEAR(s.min, 1, 0);
    CHECK_NEAR(s.max, 20, 0);
    /* numpy.quantile(range(1,21), [0.5,0.75,0.9,0.95,0.99,0.999]) */
    const double q[SSIM_N_QUANTILES] = {10.5, 15.25, 18.1, 19.05, 19.81, 19.981};
    for (int i = 0; i < SSIM_N_QUANTILES; i++)
        CHECK_NEAR(s.quantile[i], q[i], 1e-9);
    CHECK_NEAR(s.cvar95, 20, 1e-12);          /* worst ceil(0.05*20) = 1 value */
    CHECK_NEAR(s.exceedance[0], 10.5, 1e-12); /* exceeded with probability 0.5 */
    CHECK_NEAR(s.exceedance[2], 18.1, 1e-9);  /* 0.1 */
    CHECK_NEAR(s.p_nonzero, 1.0, 0);

    double y[4] = {0, 0, 3, 1}; /* strided view: x[0], x[2] of pairs */
    ssim_summary_compute(&s, y, 2, 2, scratch);
    CHECK_NEAR(s.mean, 1.5, 1e-12);
    CHECK_NEAR(s.p_nonzero, 0.5, 0);
}

static void test_storage(void)
{
    ssim_results_t r;
    CHECK(ssim_results_init(&r, 10, 3, 5, 24, 5, 1) == SSIM_OK);
    CHECK_EQ_INT(r.n_steps, 5); /* ceil(24/5) */
    CHECK_EQ_INT(ssim_results_n_steps(24, 6), 4);
    ssim_trial_row_t row;
    ssim_results_row(&r, 7, &row);
    CHECK(row.customer_hours == &r.customer_hours[7]);
    CHECK(row.sector_out == &r.sector_out[21]);
    CHECK(row.pref_customer_hours == &r.pref_customer_hours[7 * 47]);
    CHECK(row.time_series == &r.time_series[7 * 5 * 3]);
    for (uint64_t t = 0; t < 10; t++) {
        ssim_results_row(&r, t, &row);
        *row.customer_hours = (double)t;
        *row.max_sectors_out = t % 3 == 0 ? 2 : 1;
        row.time_series[4 * 3 + 1] = (float)t;
    }
    CHECK(ssim_results_summarize(&r) == SSIM_OK);
    CHECK_NEAR(r.total.mean, 4.5, 1e-12);
    CHECK_NEAR(r.p_multi_sector, 0.4, 1e-12);
    CHECK_NEAR(r.ts_mean[4 * 3 + 1], 4.5, 1e-12);
    CHECK_NEAR(r.ts_p50[4 * 3 + 1], 4.5, 1e-12);
    uint64_t h = r.verification;
    r.customer_hours[3] += 1e-9;
    CHECK(ssim_results_summarize(&r) == SSIM_OK);
    CHECK(r.verification != h); /* any change in a row changes the hash */

    ssim_op_accum_t a;
    CHECK(ssim_op_accum_init(&a, 5) == SSIM_OK);
    a.n_out[2] = 3;
    a.outage_ms[4] = 1500;
    ssim_op_accum_add(&r.ops, &a, 5);
    ssim_op_accum_add(&r.ops, &a, 5);
    CHECK_EQ_INT(r.ops.n_out[2], 6);
    CHECK_EQ_INT(r.ops.outage_ms[4], 3000);
    ssim_op_accum_destroy(&a);
    ssim_results_destroy(&r);
    ssim_results_destroy(NULL);

    char buf[512];
    ssim_error_capture(buf, sizeof buf);
    CHECK(ssim_results_init(&r, 100000000ULL, 13, 10, 1e5, 0.01, 1) == SSIM_ENOMEM);
    CHECK_STR_CONTAINS(buf, "result storage needs");
    ssim_error_capture(NULL, 0);
}

int main(void)
{
    test_summary();
    test_storage();
    return check_report("test_results");
}
