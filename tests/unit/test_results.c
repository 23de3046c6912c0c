/* Unit tests for results: summaries (quantiles as numpy's default, CVaR,
 * exceedance), row pointers, accumulators, the verification hash. */
#include "check.h"

#include "core/vocab.h"
#include "results/results.h"

#include <float.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void test_summary(void)
{
    /* 1..20 shuffled */
    double x[20] = {7, 3, 19, 1, 15, 12, 20, 5, 9, 2, 18, 11, 4, 16, 8, 13, 6, 17, 10, 14};
    double scratch[20], spare[20];
    ssim_summary_t s;
    ssim_summary_compute(&s, x, 20, 1, scratch, spare);
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
    ssim_summary_compute(&s, y, 2, 2, scratch, spare);
    CHECK_NEAR(s.mean, 1.5, 1e-12);
    CHECK_NEAR(s.p_nonzero, 0.5, 0);
}

/* ---- the summaries against a slow, obviously-correct reference ---- */

/* A value and its input position: the reference sorts by value, then by
 * position (a stable sort, as glibc's merge-sort qsort was), which fixes
 * where -0.0 and +0.0 land among equal zeros. */
typedef struct {
    double v;
    size_t i;
} ref_item_t;

static int ref_cmp(const void *a, const void *b)
{
    const ref_item_t *x = a, *y = b;
    if (x->v != y->v)
        return x->v < y->v ? -1 : 1;
    return (x->i > y->i) - (x->i < y->i);
}

/* Sort x[0], x[stride], ... into y (length n) with qsort. */
static void ref_sort(double *y, const double *x, size_t n, size_t stride)
{
    ref_item_t *it = malloc(n * sizeof *it);
    for (size_t i = 0; i < n; i++)
        it[i] = (ref_item_t){x[i * stride], i};
    qsort(it, n, sizeof *it, ref_cmp);
    for (size_t i = 0; i < n; i++)
        y[i] = it[i].v;
    free(it);
}

/* Type-7 quantile of sorted y (length n >= 1). */
static double ref_quantile(const double *y, size_t n, double p)
{
    double h = (double)(n - 1) * p;
    size_t lo = (size_t)floor(h);
    if (lo + 1 >= n)
        return y[n - 1];
    return y[lo] + (h - (double)lo) * (y[lo + 1] - y[lo]);
}

/* Mean of the largest ceil(alpha * n) values of sorted y, in ascending order. */
static double ref_cvar(const double *y, size_t n, double alpha)
{
    size_t k = (size_t)ceil(alpha * (double)n - 1e-12);
    if (k < 1)
        k = 1;
    double sum = 0;
    for (size_t i = n - k; i < n; i++)
        sum += y[i];
    return sum / (double)k;
}

/* The summary as it was computed with a comparison sort. */
static void ref_summary(ssim_summary_t *s, const double *x, size_t n, size_t stride)
{
    memset(s, 0, sizeof *s);
    if (n == 0)
        return;
    double sum = 0, ss = 0;
    size_t nonzero = 0;
    for (size_t i = 0; i < n; i++) {
        sum += x[i * stride];
        nonzero += x[i * stride] > 0;
    }
    s->mean = sum / (double)n;
    for (size_t i = 0; i < n; i++)
        ss += (x[i * stride] - s->mean) * (x[i * stride] - s->mean);
    s->sd = n > 1 ? sqrt(ss / (double)(n - 1)) : 0.0;
    s->se = s->sd / sqrt((double)n);
    s->ci_low = s->mean - 1.959963984540054 * s->se;
    s->ci_high = s->mean + 1.959963984540054 * s->se;
    s->p_nonzero = (double)nonzero / (double)n;
    double *y = malloc(n * sizeof *y);
    ref_sort(y, x, n, stride);
    s->min = y[0];
    s->max = y[n - 1];
    for (int q = 0; q < SSIM_N_QUANTILES; q++)
        s->quantile[q] = ref_quantile(y, n, ssim_quantile_levels[q]);
    for (int e = 0; e < SSIM_N_EXCEEDANCE; e++)
        s->exceedance[e] = ref_quantile(y, n, 1.0 - ssim_exceedance_probs[e]);
    s->cvar95 = ref_cvar(y, n, 0.05);
    s->cvar99 = ref_cvar(y, n, 0.01);
    free(y);
}

/* Bit-for-bit equality of two doubles (+0.0 and -0.0 differ). */
static int same_bits(double a, double b)
{
    return memcmp(&a, &b, sizeof a) == 0;
}

/* Bit-for-bit equality of two summaries (all doubles), naming the first
 * field index that differs. */
static int same_summary(const ssim_summary_t *a, const ssim_summary_t *b, const char *what)
{
    enum { N_FIELDS = sizeof(ssim_summary_t) / sizeof(double) };
    double x[N_FIELDS], y[N_FIELDS];
    memcpy(x, a, sizeof x);
    memcpy(y, b, sizeof y);
    for (int i = 0; i < N_FIELDS; i++)
        if (!same_bits(x[i], y[i])) {
            fprintf(stderr, "%s: field %d is %a, reference %a\n", what, i, x[i], y[i]);
            return 0;
        }
    return 1;
}

static uint64_t rng_state = 0x243f6a8885a308d3ull;

/* Uniform on [0, 1) (xorshift64*; the test needs no better). */
static double uniform(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (double)((rng_state * 0x2545f4914f6cdd1dull) >> 11) / 9007199254740992.0;
}

/* Value distributions that stress the order statistics. */
typedef enum {
    MIX_TIES,       /* a few small multiples of 0.25, a third zeros */
    MIX_SPARSE,     /* 95 % zeros, the rest continuous */
    MIX_ZEROS,      /* all zeros, +0.0 and -0.0 */
    MIX_SIGNED,     /* negatives, +-0.0 and positives, tied and continuous */
    MIX_EXTREMES,   /* huge, tiny and subnormal magnitudes of both signs, +-0.0 */
    MIX_CONTINUOUS, /* no ties: every key bit varies */
    N_MIX
} mix_t;

static double draw(mix_t mix)
{
    static const double extremes[] = {1e300, -1e300, 1e-300, -1e-300, 4.9e-324, -4.9e-324,
                                      DBL_MAX / 4, 1.0, -1.0, 0.0, -0.0, 3e-310};
    double u = uniform();
    switch (mix) {
    case MIX_TIES:
        return u < 1.0 / 3 ? 0.0 : 0.25 * floor(8 * uniform());
    case MIX_SPARSE:
        return u < 0.95 ? 0.0 : exp(20 * uniform());
    case MIX_ZEROS:
        return u < 0.5 ? 0.0 : -0.0;
    case MIX_SIGNED:
        return u < 0.2 ? -0.0 : u < 0.4 ? 0.0 : u < 0.6 ? floor(8 * uniform()) - 4
                                                        : 200 * uniform() - 100;
    case MIX_EXTREMES:
        return extremes[(size_t)(u * (sizeof extremes / sizeof extremes[0]))];
    default:
        return 1e6 * u;
    }
}

/* ssim_summary_compute equals the reference bit for bit on every mix, at
 * sizes that reach the quantile edges and the sort's passes, with strides. */
static void test_summary_matches_reference(void)
{
    static const size_t sizes[] = {1, 2, 3, 10, 1000, 100003};
    size_t n_max = 100003, stride_max = 3;
    double *x = malloc(n_max * stride_max * sizeof *x);
    double *scratch = malloc(n_max * sizeof *scratch), *spare = malloc(n_max * sizeof *spare);
    for (int mix = 0; mix < N_MIX; mix++)
        for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++)
            for (size_t stride = 1; stride <= stride_max; stride += 2) {
                size_t n = sizes[k];
                for (size_t i = 0; i < n * stride; i++) /* skipped slots: out of range */
                    x[i] = i % stride ? 1e308 : draw((mix_t)mix);
                ssim_summary_t got, want;
                ssim_summary_compute(&got, x, n, stride, scratch, spare);
                ref_summary(&want, x, n, stride);
                char what[64];
                snprintf(what, sizeof what, "mix %d, n %zu, stride %zu", mix, n, stride);
                CHECK(same_summary(&got, &want, what));
            }
    free(x);
    free(scratch);
    free(spare);
}

/* Fill every per-trial array of r (econ included) with mixed values. */
static void fill_rows(ssim_results_t *r)
{
    size_t T = (size_t)r->n_trials, S = r->n_sectors, KS = r->n_steps * S, N = r->econ_n;
    for (size_t t = 0; t < T; t++) {
        r->customer_hours[t] = draw(MIX_SPARSE);
        r->peak_customers_out[t] = draw(MIX_TIES);
        r->max_sectors_out[t] = (int32_t)(t % 4);
        r->econ_loss[t] = draw(MIX_SPARSE);
    }
    for (size_t i = 0; i < T * S; i++)
        r->sector_customer_hours[i] = draw((mix_t)(i % N_MIX));
    for (size_t i = 0; i < T * SSIM_N_PREFECTURES; i++)
        r->pref_customer_hours[i] = draw(MIX_SPARSE);
    for (size_t i = 0; i < T * KS; i++)
        r->time_series[i] = (float)draw(i % 3 ? MIX_TIES : MIX_SPARSE);
    for (size_t i = 0; i < T * N; i++) {
        r->econ_sector_loss[i] = draw((mix_t)(i % N_MIX));
        r->econ_impact[i] = draw(MIX_TIES);
    }
    for (size_t i = 0; i < T * r->n_steps * N; i++)
        r->econ_q[i] = (float)draw(MIX_SPARSE);
}

/* ssim_results_summarize gives the same bytes on 1 and 4 threads: 96 steps x
 * 5 sectors make eight groups of time-series columns, beside the sector,
 * economic, total, peak, mean and hash jobs; the hash is the serial one. */
static void test_summarize_threads(void)
{
    size_t T = 2000, S = 5, N = 3;
    const char *names[] = {"a", "b", "c"};
    double x[] = {1, 2, 3}, k[] = {0.1, 0.2, 0.3};
    ssim_results_t a, b;
    CHECK(ssim_results_init(&a, T, S, 3, 24, 0.25, 1) == SSIM_OK);
    CHECK(ssim_results_init(&b, T, S, 3, 24, 0.25, 1) == SSIM_OK);
    CHECK(ssim_results_econ_init(&a, N, names, x, k) == SSIM_OK);
    CHECK(ssim_results_econ_init(&b, N, names, x, k) == SSIM_OK);
    fill_rows(&a);
    size_t KS = a.n_steps * S;
    memcpy(b.customer_hours, a.customer_hours, T * sizeof(double));
    memcpy(b.peak_customers_out, a.peak_customers_out, T * sizeof(double));
    memcpy(b.max_sectors_out, a.max_sectors_out, T * sizeof(int32_t));
    memcpy(b.sector_customer_hours, a.sector_customer_hours, T * S * sizeof(double));
    memcpy(b.pref_customer_hours, a.pref_customer_hours, T * SSIM_N_PREFECTURES * sizeof(double));
    memcpy(b.time_series, a.time_series, T * KS * sizeof(float));
    memcpy(b.econ_loss, a.econ_loss, T * sizeof(double));
    memcpy(b.econ_sector_loss, a.econ_sector_loss, T * N * sizeof(double));
    memcpy(b.econ_impact, a.econ_impact, T * N * sizeof(double));
    memcpy(b.econ_q, a.econ_q, T * a.n_steps * N * sizeof(float));
    CHECK(ssim_results_summarize(&a, 1) == SSIM_OK);
    CHECK(ssim_results_summarize(&b, 4) == SSIM_OK);
    uint64_t h = b.verification;
    ssim_results_hash(&b);
    CHECK(a.verification == h && b.verification == h);
    CHECK(memcmp(&a.total, &b.total, sizeof a.total) == 0);
    CHECK(memcmp(&a.peak, &b.peak, sizeof a.peak) == 0);
    CHECK(memcmp(a.sector, b.sector, S * sizeof *a.sector) == 0);
    CHECK(memcmp(a.pref_mean, b.pref_mean, SSIM_N_PREFECTURES * sizeof(double)) == 0);
    CHECK(a.p_multi_sector == b.p_multi_sector && a.p_multi_sector > 0.4);
    CHECK(memcmp(a.ts_mean, b.ts_mean, KS * sizeof(double)) == 0);
    CHECK(memcmp(a.ts_p05, b.ts_p05, KS * sizeof(double)) == 0);
    CHECK(memcmp(a.ts_p95, b.ts_p95, KS * sizeof(double)) == 0);
    CHECK(memcmp(&a.econ_total, &b.econ_total, sizeof a.econ_total) == 0);
    CHECK(memcmp(a.econ_sector, b.econ_sector, N * sizeof *a.econ_sector) == 0);
    CHECK(memcmp(a.econ_impact_mean, b.econ_impact_mean, N * sizeof(double)) == 0);
    CHECK(memcmp(a.econ_q_mean, b.econ_q_mean, a.n_steps * N * sizeof(double)) == 0);
    CHECK(a.sector[2].max > 0 && a.econ_total.mean > 0 && a.ts_p95[KS - 1] > 0);
    ssim_results_destroy(&a);
    ssim_results_destroy(&b);
}

/* ssim_results_summarize, which gathers columns in groups, gives each
 * sector the summary of its column and each time-series cell the reference
 * mean and quantiles; 24 steps x 6 sectors is more than two groups of
 * columns. */
static void test_summarize_matches_reference(void)
{
    size_t T = 301, S = N_MIX;
    ssim_results_t r;
    CHECK(ssim_results_init(&r, T, S, 3, 24, 1, 1) == SSIM_OK);
    size_t KS = r.n_steps * S;
    for (size_t i = 0; i < T * S; i++)
        r.sector_customer_hours[i] = draw((mix_t)(i % S));
    for (size_t i = 0; i < T * KS; i++)
        r.time_series[i] = (float)draw(i % 3 ? MIX_TIES : MIX_SPARSE);
    CHECK(ssim_results_summarize(&r, 1) == SSIM_OK);
    for (size_t s = 0; s < S; s++) {
        ssim_summary_t want;
        ref_summary(&want, r.sector_customer_hours + s, T, S);
        CHECK(same_summary(&r.sector[s], &want, "sector"));
    }
    double *col = malloc(T * sizeof *col), *y = malloc(T * sizeof *y);
    int same = 1;
    for (size_t ks = 0; ks < KS; ks++) {
        double sum = 0;
        for (size_t t = 0; t < T; t++)
            sum += col[t] = r.time_series[t * KS + ks];
        ref_sort(y, col, T, 1);
        same &= same_bits(r.ts_mean[ks], sum / (double)T);
        same &= same_bits(r.ts_p05[ks], ref_quantile(y, T, 0.05));
        same &= same_bits(r.ts_p50[ks], ref_quantile(y, T, 0.50));
        same &= same_bits(r.ts_p95[ks], ref_quantile(y, T, 0.95));
    }
    CHECK(same);
    free(col);
    free(y);
    ssim_results_destroy(&r);
}

static void test_storage(void)
{
    ssim_results_t r;
    CHECK(ssim_results_init(&r, 10, 3, 5, 24, 5, 1) == SSIM_OK);
    CHECK_EQ_INT(r.n_steps, 5); /* ceil(24/5) */
    CHECK_EQ_INT(ssim_results_n_steps(24, 6), 4);
    ssim_trial_row_t row;
    ssim_results_row(&r, 7, NULL, &row);
    CHECK(row.customer_hours == &r.customer_hours[7]);
    CHECK(row.sector_out == &r.sector_out[21]);
    CHECK(row.pref_customer_hours == &r.pref_customer_hours[7 * 47]);
    CHECK(row.time_series == &r.time_series[7 * 5 * 3]);
    for (uint64_t t = 0; t < 10; t++) {
        ssim_results_row(&r, t, NULL, &row);
        *row.customer_hours = (double)t;
        *row.max_sectors_out = t % 3 == 0 ? 2 : 1;
        row.time_series[4 * 3 + 1] = (float)t;
    }
    CHECK(ssim_results_summarize(&r, 1) == SSIM_OK);
    CHECK_NEAR(r.total.mean, 4.5, 1e-12);
    CHECK_NEAR(r.p_multi_sector, 0.4, 1e-12);
    CHECK_NEAR(r.ts_mean[4 * 3 + 1], 4.5, 1e-12);
    CHECK_NEAR(r.ts_p50[4 * 3 + 1], 4.5, 1e-12);
    uint64_t h = r.verification;
    r.customer_hours[3] += 1e-9;
    CHECK(ssim_results_summarize(&r, 1) == SSIM_OK);
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
    CHECK_STR_CONTAINS(buf, "--summary-only");
    /* The economic layer's check counts the storage already there: lean rows
     * of half the cap fit (reserved, never touched), and 20 IO sectors' losses
     * beside them (168 bytes a trial against 128) do not. */
    uint64_t cap = (uint64_t)sysconf(_SC_PHYS_PAGES) * (uint64_t)sysconf(_SC_PAGE_SIZE) / 5 * 4;
    uint64_t T = cap / 2 / 128;
    if (ssim_results_init(&r, T, 13, 10, 1, 1, SSIM_RESULTS_LEAN) == SSIM_OK) {
        const char *names[20];
        double x[20], k[20];
        for (int j = 0; j < 20; j++)
            names[j] = "io", x[j] = 1, k[j] = 0.1;
        ssim_error_capture(buf, sizeof buf);
        CHECK(ssim_results_econ_init(&r, 20, names, x, k) == SSIM_ENOMEM);
        CHECK_STR_CONTAINS(buf, "with the economic layer needs");
        CHECK(strstr(buf, "--summary-only") == NULL); /* it is already lean */
        ssim_results_destroy(&r);
    } else {
        printf("test_storage: could not reserve %.1f GB of lean rows; economic cap check "
               "skipped\n", (double)T * 128 / 1e9);
    }
    ssim_error_capture(NULL, 0);
}

/* Lean storage: the folded values pass through a scratch row into block
 * sums (T = 20 000: blocks of 16 trials).  The summaries equal full storage's
 * to the bit, the lean hash is the serial one at 4 threads and changes with a
 * block's sums, and the storage is a fraction of the full rows. */
static void test_lean_storage(void)
{
    size_t T = 20000, S = 5, N = 3, P = SSIM_N_PREFECTURES;
    const char *names[] = {"a", "b", "c"};
    double x[] = {1, 2, 3}, k[] = {0.1, 0.2, 0.3};
    ssim_results_t a, b;
    CHECK(ssim_results_init(&a, T, S, 3, 24, 0.25, SSIM_RESULTS_TIME_SERIES) == SSIM_OK);
    CHECK(ssim_results_init(&b, T, S, 3, 24, 0.25, SSIM_RESULTS_TIME_SERIES | SSIM_RESULTS_LEAN) ==
          SSIM_OK);
    CHECK(ssim_results_econ_init(&a, N, names, x, k) == SSIM_OK);
    CHECK(ssim_results_econ_init(&b, N, names, x, k) == SSIM_OK);
    CHECK(b.lean && b.block == 16 && !b.pref_customer_hours && !b.sector_out && !b.econ_impact);
    CHECK(ssim_results_scratch_bytes(&a) == 0 && ssim_results_scratch_bytes(&b) > 0);
    fill_rows(&a);
    for (size_t t = 0; t < T; t++) {
        a.suppliers_compromised[t] = (int32_t)(t % 3);
        a.operators_compromised[t] = (int32_t)(t % 7);
        a.operators_out[t] = (int32_t)(t % 11);
        for (size_t s = 0; s < S; s++) {
            a.sector_compromised[t * S + s] = (int32_t)((t + s) % 5);
            a.sector_out[t * S + s] = (int32_t)((t * s) % 9);
        }
        for (size_t j = 0; j < N; j++)
            a.econ_peak[t * N + j] = draw(MIX_TIES);
    }
    void *scratch = malloc(ssim_results_scratch_bytes(&b));
    size_t KS = a.n_steps * S;
    for (size_t t = 0; t < T; t++) {
        ssim_trial_row_t ra, rb;
        ssim_results_row(&a, t, NULL, &ra);
        ssim_results_row(&b, t, scratch, &rb);
        *rb.customer_hours = *ra.customer_hours;
        *rb.peak_customers_out = *ra.peak_customers_out;
        *rb.max_sectors_out = *ra.max_sectors_out;
        *rb.suppliers_compromised = *ra.suppliers_compromised;
        *rb.operators_compromised = *ra.operators_compromised;
        *rb.operators_out = *ra.operators_out;
        memcpy(rb.sector_customer_hours, ra.sector_customer_hours, S * sizeof(double));
        memcpy(rb.sector_compromised, ra.sector_compromised, S * sizeof(int32_t));
        memcpy(rb.sector_out, ra.sector_out, S * sizeof(int32_t));
        memcpy(rb.pref_customer_hours, ra.pref_customer_hours, P * sizeof(double));
        memcpy(rb.time_series, ra.time_series, KS * sizeof(float));
        *rb.econ_loss = *ra.econ_loss;
        memcpy(rb.econ_sector_loss, ra.econ_sector_loss, N * sizeof(double));
        memcpy(rb.econ_impact, ra.econ_impact, N * sizeof(double));
        memcpy(rb.econ_peak, ra.econ_peak, N * sizeof(double));
        memcpy(rb.econ_q, ra.econ_q, a.n_steps * N * sizeof(float));
        ssim_results_fold(&b, t, &rb);
    }
    free(scratch);
    CHECK(ssim_results_summarize(&a, 1) == SSIM_OK);
    CHECK(ssim_results_summarize(&b, 4) == SSIM_OK);
    CHECK(memcmp(&a.total, &b.total, sizeof a.total) == 0);
    CHECK(memcmp(&a.peak, &b.peak, sizeof a.peak) == 0);
    CHECK(memcmp(a.sector, b.sector, S * sizeof *a.sector) == 0);
    CHECK(memcmp(a.pref_mean, b.pref_mean, P * sizeof(double)) == 0);
    CHECK(memcmp(a.sector_compromised_mean, b.sector_compromised_mean, S * sizeof(double)) == 0);
    CHECK(memcmp(a.sector_out_mean, b.sector_out_mean, S * sizeof(double)) == 0);
    CHECK(a.suppliers_compromised_mean == b.suppliers_compromised_mean);
    CHECK(a.operators_compromised_mean == b.operators_compromised_mean);
    CHECK(a.p_multi_sector == b.p_multi_sector);
    CHECK(memcmp(a.ts_mean, b.ts_mean, KS * sizeof(double)) == 0);
    CHECK(memcmp(&a.econ_total, &b.econ_total, sizeof a.econ_total) == 0);
    CHECK(memcmp(a.econ_impact_mean, b.econ_impact_mean, N * sizeof(double)) == 0);
    /* the means themselves: integer counts exactly, the rest to rounding */
    double out1 = 0, pref0 = 0;
    size_t multi = 0;
    for (size_t t = 0; t < T; t++) {
        out1 += a.sector_out[t * S + 1];
        pref0 += a.pref_customer_hours[t * P];
        multi += a.max_sectors_out[t] >= 2;
    }
    CHECK(b.sector_out_mean[1] == out1 / (double)T && out1 > 0);
    CHECK(b.p_multi_sector == (double)multi / (double)T);
    CHECK_NEAR(b.pref_mean[0], pref0 / (double)T, 1e-12 * pref0 / (double)T);
    CHECK(b.suppliers_compromised_mean == 19999.0 / 20000); /* (0 + 1 + 2) x 6666 + 0 + 1 */
    /* the hash: the serial one; a block's sums are part of it */
    uint64_t h = b.verification;
    ssim_results_hash(&b);
    CHECK(b.verification == h && h != a.verification);
    b.fold[b.fold_width * 17 + 5] += 1.0;
    ssim_results_hash(&b);
    CHECK(b.verification != h);
    /* storage of 2e6 trials of the benchmark's shape (13 sectors, no time
     * series): 620 bytes a trial in full; lean, 128 bytes and a block of 64
     * trials' 3 + 2 x 13 + 47 sums */
    uint64_t full = ssim_results_bytes(2000000, 13, 0, 1, 0);
    uint64_t lean = ssim_results_bytes(2000000, 13, 0, 1, SSIM_RESULTS_LEAN);
    CHECK(full == 2000000ull * 620 && lean == 2000000ull * 128 + 31250 * 76 * 8);
    ssim_results_destroy(&a);
    ssim_results_destroy(&b);
}

int main(void)
{
    test_summary();
    test_summary_matches_reference();
    test_summarize_matches_reference();
    test_summarize_threads();
    test_lean_storage();
    test_storage();
    return check_report("test_results");
}
