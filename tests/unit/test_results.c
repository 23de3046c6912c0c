/* Unit tests for results: summaries (quantiles as numpy's default, CVaR,
 * exceedance), row pointers, accumulators, the verification hash. */
#include "check.h"

#include "core/vocab.h"
#include "results/results.h"

#include <float.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A table added beside the base table, shaped like the economic layer's
 * (models/economic): a scalar and an axis column with statistics, two folded
 * axis columns, a time series along the axis.  The results layer knows no
 * model: these rows are all it needs. */
enum { TOY_LOSS, TOY_SECTOR_LOSS, TOY_IMPACT, TOY_PEAK, TOY_Q, TOY_N };
#define TOY_COL(name) (SSIM_N_BASE_COLS + TOY_##name)
static const ssim_col_def_t toy_cols[TOY_N] = {
    [TOY_LOSS] = {.name = "toy_loss",
                  .type = SSIM_COL_F64,
                  .shape = SSIM_COL_SCALAR,
                  .summary = SSIM_COL_SUM_STATS,
                  .units = "1",
                  .long_name = "loss",
                  .summary_name = "toy_loss",
                  .summary_long_name = "loss"},
    [TOY_SECTOR_LOSS] = {.name = "toy_axis_loss",
                         .type = SSIM_COL_F64,
                         .shape = SSIM_COL_AXIS,
                         .summary = SSIM_COL_SUM_STATS,
                         .units = "1",
                         .long_name = "loss by j",
                         .summary_name = "toy_axis_loss",
                         .summary_long_name = "loss by j"},
    [TOY_IMPACT] = {.name = "toy_impact",
                    .type = SSIM_COL_F64,
                    .shape = SSIM_COL_AXIS,
                    .flags = SSIM_COL_FOLDED,
                    .summary = SSIM_COL_SUM_MEAN,
                    .units = "h",
                    .long_name = "impact by j"},
    [TOY_PEAK] = {.name = "toy_peak",
                  .type = SSIM_COL_F64,
                  .shape = SSIM_COL_AXIS,
                  .flags = SSIM_COL_FOLDED,
                  .summary = SSIM_COL_SUM_MEAN,
                  .units = "1",
                  .long_name = "peak by j"},
    [TOY_Q] = {.name = "toy_q",
               .type = SSIM_COL_F32,
               .shape = SSIM_COL_STEP_AXIS,
               .flags = SSIM_COL_SERIES,
               .summary = SSIM_COL_SUM_MEAN,
               .units = "1",
               .long_name = "q by step and j"},
};
static const ssim_col_table_t toy_table = {"economic", toy_cols, TOY_N, "io_sector"};

/* Add the toy table along an axis of n (all columns present), checking the ids. */
static ssim_status_t add_toy(ssim_results_t *r, size_t n, const char *const *names, int check)
{
    int first = -1;
    ssim_status_t st = ssim_results_add_table(r, &toy_table, NULL, n, names, &first);
    if (st == SSIM_OK && check)
        CHECK_EQ_INT(first, SSIM_N_BASE_COLS);
    return st;
}

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
static int same_bits(double a, double b) { return memcmp(&a, &b, sizeof a) == 0; }

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
    static const double extremes[] = {1e300,       -1e300, 1e-300, -1e-300, 4.9e-324, -4.9e-324,
                                      DBL_MAX / 4, 1.0,    -1.0,   0.0,     -0.0,     3e-310};
    double u = uniform();
    switch (mix) {
    case MIX_TIES:
        return u < 1.0 / 3 ? 0.0 : 0.25 * floor(8 * uniform());
    case MIX_SPARSE:
        return u < 0.95 ? 0.0 : exp(20 * uniform());
    case MIX_ZEROS:
        return u < 0.5 ? 0.0 : -0.0;
    case MIX_SIGNED:
        return u < 0.2   ? -0.0
               : u < 0.4 ? 0.0
               : u < 0.6 ? floor(8 * uniform()) - 4
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
    size_t T = (size_t)r->n_trials, S = r->n_sectors, KS = r->n_steps * S, N = r->axis_n;
    for (size_t t = 0; t < T; t++) {
        ssim_results_f64(r, SSIM_COL_PEOPLE_HOURS)[t] = draw(MIX_SPARSE);
        ssim_results_f64(r, SSIM_COL_PEAK_PEOPLE)[t] = draw(MIX_TIES);
        ssim_results_i32(r, SSIM_COL_MAX_SECTORS_OUT)[t] = (int32_t)(t % 4);
        ssim_results_f64(r, TOY_COL(LOSS))[t] = draw(MIX_SPARSE);
    }
    for (size_t i = 0; i < T * S; i++)
        ssim_results_f64(r, SSIM_COL_SECTOR_SERVICE)[i] = draw((mix_t)(i % N_MIX));
    for (size_t i = 0; i < T * SSIM_N_PREFECTURES; i++)
        ssim_results_f64(r, SSIM_COL_PREF_PEOPLE_HOURS)[i] = draw(MIX_SPARSE);
    for (size_t i = 0; i < T * KS; i++)
        ssim_results_f32(r, SSIM_COL_TIME_SERIES)[i] = (float)draw(i % 3 ? MIX_TIES : MIX_SPARSE);
    for (size_t i = 0; i < T * N; i++) {
        ssim_results_f64(r, TOY_COL(SECTOR_LOSS))[i] = draw((mix_t)(i % N_MIX));
        ssim_results_f64(r, TOY_COL(IMPACT))[i] = draw(MIX_TIES);
    }
    for (size_t i = 0; i < T * r->n_steps * N; i++)
        ssim_results_f32(r, TOY_COL(Q))[i] = (float)draw(MIX_SPARSE);
}

/* ssim_results_summarize gives the same bytes on 1 and 4 threads: 96 steps x
 * 5 sectors make eight groups of time-series columns, beside the sector,
 * economic, total, peak, mean and hash jobs; the hash is the serial one. */
static void test_summarize_threads(void)
{
    size_t T = 2000, S = 5, N = 3;
    const char *names[] = {"a", "b", "c"};
    ssim_results_t a, b;
    CHECK(ssim_results_init(&a, T, S, 3, 24, 0.25, 1) == SSIM_OK);
    CHECK(ssim_results_init(&b, T, S, 3, 24, 0.25, 1) == SSIM_OK);
    CHECK(add_toy(&a, N, names, 1) == SSIM_OK);
    CHECK(add_toy(&b, N, names, 1) == SSIM_OK);
    fill_rows(&a);
    size_t KS = a.n_steps * S;
    memcpy(ssim_results_f64(&b, SSIM_COL_PEOPLE_HOURS), ssim_results_f64(&a, SSIM_COL_PEOPLE_HOURS),
           T * sizeof(double));
    memcpy(ssim_results_f64(&b, SSIM_COL_PEAK_PEOPLE), ssim_results_f64(&a, SSIM_COL_PEAK_PEOPLE),
           T * sizeof(double));
    memcpy(ssim_results_i32(&b, SSIM_COL_MAX_SECTORS_OUT),
           ssim_results_i32(&a, SSIM_COL_MAX_SECTORS_OUT), T * sizeof(int32_t));
    memcpy(ssim_results_f64(&b, SSIM_COL_SECTOR_SERVICE),
           ssim_results_f64(&a, SSIM_COL_SECTOR_SERVICE), T * S * sizeof(double));
    memcpy(ssim_results_f64(&b, SSIM_COL_PREF_PEOPLE_HOURS),
           ssim_results_f64(&a, SSIM_COL_PREF_PEOPLE_HOURS),
           T * SSIM_N_PREFECTURES * sizeof(double));
    memcpy(ssim_results_f32(&b, SSIM_COL_TIME_SERIES), ssim_results_f32(&a, SSIM_COL_TIME_SERIES),
           T * KS * sizeof(float));
    memcpy(ssim_results_f64(&b, TOY_COL(LOSS)), ssim_results_f64(&a, TOY_COL(LOSS)),
           T * sizeof(double));
    memcpy(ssim_results_f64(&b, TOY_COL(SECTOR_LOSS)), ssim_results_f64(&a, TOY_COL(SECTOR_LOSS)),
           T * N * sizeof(double));
    memcpy(ssim_results_f64(&b, TOY_COL(IMPACT)), ssim_results_f64(&a, TOY_COL(IMPACT)),
           T * N * sizeof(double));
    memcpy(ssim_results_f32(&b, TOY_COL(Q)), ssim_results_f32(&a, TOY_COL(Q)),
           T * a.n_steps * N * sizeof(float));
    CHECK(ssim_results_summarize(&a, 1) == SSIM_OK);
    CHECK(ssim_results_summarize(&b, 4) == SSIM_OK);
    uint64_t h = b.verification;
    ssim_results_hash(&b);
    CHECK(a.verification == h && b.verification == h);
    CHECK(memcmp(ssim_results_stats(&a, SSIM_COL_PEOPLE_HOURS),
                 ssim_results_stats(&b, SSIM_COL_PEOPLE_HOURS), sizeof(ssim_summary_t)) == 0);
    CHECK(memcmp(ssim_results_stats(&a, SSIM_COL_PEAK_PEOPLE),
                 ssim_results_stats(&b, SSIM_COL_PEAK_PEOPLE), sizeof(ssim_summary_t)) == 0);
    CHECK(memcmp(ssim_results_stats(&a, SSIM_COL_SECTOR_SERVICE),
                 ssim_results_stats(&b, SSIM_COL_SECTOR_SERVICE), S * sizeof(ssim_summary_t)) == 0);
    CHECK(memcmp(a.col[SSIM_COL_PREF_PEOPLE_HOURS].mean, b.col[SSIM_COL_PREF_PEOPLE_HOURS].mean,
                 SSIM_N_PREFECTURES * sizeof(double)) == 0);
    CHECK(a.col[SSIM_COL_MAX_SECTORS_OUT].mean[0] == b.col[SSIM_COL_MAX_SECTORS_OUT].mean[0] &&
          a.col[SSIM_COL_MAX_SECTORS_OUT].mean[0] > 0.4);
    CHECK(memcmp(a.col[SSIM_COL_TIME_SERIES].mean, b.col[SSIM_COL_TIME_SERIES].mean,
                 KS * sizeof(double)) == 0);
    CHECK(memcmp(a.col[SSIM_COL_TIME_SERIES].p05, b.col[SSIM_COL_TIME_SERIES].p05,
                 KS * sizeof(double)) == 0);
    CHECK(memcmp(a.col[SSIM_COL_TIME_SERIES].p95, b.col[SSIM_COL_TIME_SERIES].p95,
                 KS * sizeof(double)) == 0);
    CHECK(memcmp(ssim_results_stats(&a, TOY_COL(LOSS)), ssim_results_stats(&b, TOY_COL(LOSS)),
                 sizeof(ssim_summary_t)) == 0);
    CHECK(memcmp(ssim_results_stats(&a, TOY_COL(SECTOR_LOSS)),
                 ssim_results_stats(&b, TOY_COL(SECTOR_LOSS)), N * sizeof(ssim_summary_t)) == 0);
    CHECK(memcmp(a.col[TOY_COL(IMPACT)].mean, b.col[TOY_COL(IMPACT)].mean, N * sizeof(double)) ==
          0);
    CHECK(memcmp(a.col[TOY_COL(Q)].mean, b.col[TOY_COL(Q)].mean, a.n_steps * N * sizeof(double)) ==
          0);
    CHECK(ssim_results_stats(&a, SSIM_COL_SECTOR_SERVICE)[2].max > 0 &&
          ssim_results_stats(&a, TOY_COL(LOSS))->mean > 0 &&
          a.col[SSIM_COL_TIME_SERIES].p95[KS - 1] > 0);
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
        ssim_results_f64(&r, SSIM_COL_SECTOR_SERVICE)[i] = draw((mix_t)(i % S));
    for (size_t i = 0; i < T * KS; i++)
        ssim_results_f32(&r, SSIM_COL_TIME_SERIES)[i] = (float)draw(i % 3 ? MIX_TIES : MIX_SPARSE);
    CHECK(ssim_results_summarize(&r, 1) == SSIM_OK);
    for (size_t s = 0; s < S; s++) {
        ssim_summary_t want;
        ref_summary(&want, ssim_results_f64(&r, SSIM_COL_SECTOR_SERVICE) + s, T, S);
        CHECK(same_summary(&ssim_results_stats(&r, SSIM_COL_SECTOR_SERVICE)[s], &want, "sector"));
    }
    double *col = malloc(T * sizeof *col), *y = malloc(T * sizeof *y);
    int same = 1;
    for (size_t ks = 0; ks < KS; ks++) {
        double sum = 0;
        for (size_t t = 0; t < T; t++)
            sum += col[t] = ssim_results_f32(&r, SSIM_COL_TIME_SERIES)[t * KS + ks];
        ref_sort(y, col, T, 1);
        same &= same_bits(r.col[SSIM_COL_TIME_SERIES].mean[ks], sum / (double)T);
        same &= same_bits(r.col[SSIM_COL_TIME_SERIES].p05[ks], ref_quantile(y, T, 0.05));
        same &= same_bits(r.col[SSIM_COL_TIME_SERIES].p50[ks], ref_quantile(y, T, 0.50));
        same &= same_bits(r.col[SSIM_COL_TIME_SERIES].p95[ks], ref_quantile(y, T, 0.95));
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
    CHECK(ssim_row_f64(&row, SSIM_COL_PEOPLE_HOURS) ==
          &ssim_results_f64(&r, SSIM_COL_PEOPLE_HOURS)[7]);
    CHECK(ssim_row_i32(&row, SSIM_COL_SECTOR_OUT) ==
          &ssim_results_i32(&r, SSIM_COL_SECTOR_OUT)[21]);
    CHECK(ssim_row_f64(&row, SSIM_COL_PREF_PEOPLE_HOURS) ==
          &ssim_results_f64(&r, SSIM_COL_PREF_PEOPLE_HOURS)[7 * 47]);
    CHECK(ssim_row_f32(&row, SSIM_COL_TIME_SERIES) ==
          &ssim_results_f32(&r, SSIM_COL_TIME_SERIES)[7 * 5 * 3]);
    for (uint64_t t = 0; t < 10; t++) {
        ssim_results_row(&r, t, NULL, &row);
        *ssim_row_f64(&row, SSIM_COL_PEOPLE_HOURS) = (double)t;
        *ssim_row_i32(&row, SSIM_COL_MAX_SECTORS_OUT) = t % 3 == 0 ? 2 : 1;
        ssim_row_f32(&row, SSIM_COL_TIME_SERIES)[4 * 3 + 1] = (float)t;
    }
    CHECK(ssim_results_summarize(&r, 1) == SSIM_OK);
    CHECK_NEAR(ssim_results_stats(&r, SSIM_COL_PEOPLE_HOURS)->mean, 4.5, 1e-12);
    CHECK_NEAR(r.col[SSIM_COL_MAX_SECTORS_OUT].mean[0], 0.4, 1e-12);
    CHECK_NEAR(r.col[SSIM_COL_TIME_SERIES].mean[4 * 3 + 1], 4.5, 1e-12);
    CHECK_NEAR(r.col[SSIM_COL_TIME_SERIES].p50[4 * 3 + 1], 4.5, 1e-12);
    uint64_t h = r.verification;
    ssim_results_f64(&r, SSIM_COL_PEOPLE_HOURS)[3] += 1e-9;
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
        for (int j = 0; j < 20; j++)
            names[j] = "io";
        ssim_error_capture(buf, sizeof buf);
        CHECK(add_toy(&r, 20, names, 1) == SSIM_ENOMEM);
        CHECK_STR_CONTAINS(buf, "with the economic columns needs");
        CHECK(strstr(buf, "--summary-only") == NULL); /* it is already lean */
        ssim_results_destroy(&r);
    } else {
        printf("test_storage: could not reserve %.1f GB of lean rows; economic cap check "
               "skipped\n",
               (double)T * 128 / 1e9);
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
    ssim_results_t a, b;
    CHECK(ssim_results_init(&a, T, S, 3, 24, 0.25, SSIM_RESULTS_TIME_SERIES) == SSIM_OK);
    CHECK(ssim_results_init(&b, T, S, 3, 24, 0.25, SSIM_RESULTS_TIME_SERIES | SSIM_RESULTS_LEAN) ==
          SSIM_OK);
    CHECK(add_toy(&a, N, names, 1) == SSIM_OK);
    CHECK(add_toy(&b, N, names, 1) == SSIM_OK);
    CHECK(b.lean && b.block == 16 && !ssim_results_f64(&b, SSIM_COL_PREF_PEOPLE_HOURS) &&
          !ssim_results_i32(&b, SSIM_COL_SECTOR_OUT) && !ssim_results_f64(&b, TOY_COL(IMPACT)));
    CHECK(a.scratch_bytes == 0 && b.scratch_bytes > 0);
    fill_rows(&a);
    for (size_t t = 0; t < T; t++) {
        ssim_results_i32(&a, SSIM_COL_SUPPLIERS_COMPROMISED)[t] = (int32_t)(t % 3);
        ssim_results_i32(&a, SSIM_COL_OPERATORS_COMPROMISED)[t] = (int32_t)(t % 7);
        ssim_results_i32(&a, SSIM_COL_OPERATORS_OUT)[t] = (int32_t)(t % 11);
        for (size_t s = 0; s < S; s++) {
            ssim_results_i32(&a, SSIM_COL_SECTOR_COMPROMISED)[t * S + s] = (int32_t)((t + s) % 5);
            ssim_results_i32(&a, SSIM_COL_SECTOR_OUT)[t * S + s] = (int32_t)((t * s) % 9);
        }
        for (size_t j = 0; j < N; j++)
            ssim_results_f64(&a, TOY_COL(PEAK))[t * N + j] = draw(MIX_TIES);
    }
    void *scratch = malloc(b.scratch_bytes);
    size_t KS = a.n_steps * S;
    for (size_t t = 0; t < T; t++) {
        ssim_trial_row_t ra, rb;
        ssim_results_row(&a, t, NULL, &ra);
        ssim_results_row(&b, t, scratch, &rb);
        *ssim_row_f64(&rb, SSIM_COL_PEOPLE_HOURS) = *ssim_row_f64(&ra, SSIM_COL_PEOPLE_HOURS);
        *ssim_row_f64(&rb, SSIM_COL_PEAK_PEOPLE) = *ssim_row_f64(&ra, SSIM_COL_PEAK_PEOPLE);
        *ssim_row_i32(&rb, SSIM_COL_MAX_SECTORS_OUT) = *ssim_row_i32(&ra, SSIM_COL_MAX_SECTORS_OUT);
        *ssim_row_i32(&rb, SSIM_COL_SUPPLIERS_COMPROMISED) =
            *ssim_row_i32(&ra, SSIM_COL_SUPPLIERS_COMPROMISED);
        *ssim_row_i32(&rb, SSIM_COL_OPERATORS_COMPROMISED) =
            *ssim_row_i32(&ra, SSIM_COL_OPERATORS_COMPROMISED);
        *ssim_row_i32(&rb, SSIM_COL_OPERATORS_OUT) = *ssim_row_i32(&ra, SSIM_COL_OPERATORS_OUT);
        memcpy(ssim_row_f64(&rb, SSIM_COL_SECTOR_SERVICE),
               ssim_row_f64(&ra, SSIM_COL_SECTOR_SERVICE), S * sizeof(double));
        memcpy(ssim_row_i32(&rb, SSIM_COL_SECTOR_COMPROMISED),
               ssim_row_i32(&ra, SSIM_COL_SECTOR_COMPROMISED), S * sizeof(int32_t));
        memcpy(ssim_row_i32(&rb, SSIM_COL_SECTOR_OUT), ssim_row_i32(&ra, SSIM_COL_SECTOR_OUT),
               S * sizeof(int32_t));
        memcpy(ssim_row_f64(&rb, SSIM_COL_PREF_PEOPLE_HOURS),
               ssim_row_f64(&ra, SSIM_COL_PREF_PEOPLE_HOURS), P * sizeof(double));
        memcpy(ssim_row_f32(&rb, SSIM_COL_TIME_SERIES), ssim_row_f32(&ra, SSIM_COL_TIME_SERIES),
               KS * sizeof(float));
        *ssim_row_f64(&rb, TOY_COL(LOSS)) = *ssim_row_f64(&ra, TOY_COL(LOSS));
        memcpy(ssim_row_f64(&rb, TOY_COL(SECTOR_LOSS)), ssim_row_f64(&ra, TOY_COL(SECTOR_LOSS)),
               N * sizeof(double));
        memcpy(ssim_row_f64(&rb, TOY_COL(IMPACT)), ssim_row_f64(&ra, TOY_COL(IMPACT)),
               N * sizeof(double));
        memcpy(ssim_row_f64(&rb, TOY_COL(PEAK)), ssim_row_f64(&ra, TOY_COL(PEAK)),
               N * sizeof(double));
        memcpy(ssim_row_f32(&rb, TOY_COL(Q)), ssim_row_f32(&ra, TOY_COL(Q)),
               a.n_steps * N * sizeof(float));
        ssim_results_fold(&b, t, &rb);
    }
    free(scratch);
    CHECK(ssim_results_summarize(&a, 1) == SSIM_OK);
    CHECK(ssim_results_summarize(&b, 4) == SSIM_OK);
    CHECK(memcmp(ssim_results_stats(&a, SSIM_COL_PEOPLE_HOURS),
                 ssim_results_stats(&b, SSIM_COL_PEOPLE_HOURS), sizeof(ssim_summary_t)) == 0);
    CHECK(memcmp(ssim_results_stats(&a, SSIM_COL_PEAK_PEOPLE),
                 ssim_results_stats(&b, SSIM_COL_PEAK_PEOPLE), sizeof(ssim_summary_t)) == 0);
    CHECK(memcmp(ssim_results_stats(&a, SSIM_COL_SECTOR_SERVICE),
                 ssim_results_stats(&b, SSIM_COL_SECTOR_SERVICE), S * sizeof(ssim_summary_t)) == 0);
    CHECK(memcmp(a.col[SSIM_COL_PREF_PEOPLE_HOURS].mean, b.col[SSIM_COL_PREF_PEOPLE_HOURS].mean,
                 P * sizeof(double)) == 0);
    CHECK(memcmp(a.col[SSIM_COL_SECTOR_COMPROMISED].mean, b.col[SSIM_COL_SECTOR_COMPROMISED].mean,
                 S * sizeof(double)) == 0);
    CHECK(memcmp(a.col[SSIM_COL_SECTOR_OUT].mean, b.col[SSIM_COL_SECTOR_OUT].mean,
                 S * sizeof(double)) == 0);
    CHECK(a.col[SSIM_COL_SUPPLIERS_COMPROMISED].mean[0] ==
          b.col[SSIM_COL_SUPPLIERS_COMPROMISED].mean[0]);
    CHECK(a.col[SSIM_COL_OPERATORS_COMPROMISED].mean[0] ==
          b.col[SSIM_COL_OPERATORS_COMPROMISED].mean[0]);
    CHECK(a.col[SSIM_COL_MAX_SECTORS_OUT].mean[0] == b.col[SSIM_COL_MAX_SECTORS_OUT].mean[0]);
    CHECK(memcmp(a.col[SSIM_COL_TIME_SERIES].mean, b.col[SSIM_COL_TIME_SERIES].mean,
                 KS * sizeof(double)) == 0);
    CHECK(memcmp(ssim_results_stats(&a, TOY_COL(LOSS)), ssim_results_stats(&b, TOY_COL(LOSS)),
                 sizeof(ssim_summary_t)) == 0);
    CHECK(memcmp(a.col[TOY_COL(IMPACT)].mean, b.col[TOY_COL(IMPACT)].mean, N * sizeof(double)) ==
          0);
    /* the means themselves: integer counts exactly, the rest to rounding */
    double out1 = 0, pref0 = 0;
    size_t multi = 0;
    for (size_t t = 0; t < T; t++) {
        out1 += ssim_results_i32(&a, SSIM_COL_SECTOR_OUT)[t * S + 1];
        pref0 += ssim_results_f64(&a, SSIM_COL_PREF_PEOPLE_HOURS)[t * P];
        multi += ssim_results_i32(&a, SSIM_COL_MAX_SECTORS_OUT)[t] >= 2;
    }
    CHECK(b.col[SSIM_COL_SECTOR_OUT].mean[1] == out1 / (double)T && out1 > 0);
    CHECK(b.col[SSIM_COL_MAX_SECTORS_OUT].mean[0] == (double)multi / (double)T);
    CHECK_NEAR(b.col[SSIM_COL_PREF_PEOPLE_HOURS].mean[0], pref0 / (double)T,
               1e-12 * pref0 / (double)T);
    CHECK(b.col[SSIM_COL_SUPPLIERS_COMPROMISED].mean[0] ==
          19999.0 / 20000); /* (0 + 1 + 2) x 6666 + 0 + 1 */
    /* the hash: the serial one; a block's sums are part of it */
    uint64_t h = b.verification;
    ssim_results_hash(&b);
    CHECK(b.verification == h && h != a.verification);
    b.fold[b.fold_width * 17 + 5] += 1.0;
    ssim_results_hash(&b);
    CHECK(b.verification != h);
    /* storage of 2e6 trials of the benchmark's shape (13 sectors, no time
     * series): 704 bytes a trial in full; lean, 144 bytes and a block of 64
     * trials' 5 + 3 x 13 + 47 sums */
    uint64_t full = ssim_results_bytes(2000000, 13, 0, 1, 0) - ssim_results_bytes(0, 13, 0, 1, 0);
    uint64_t lean = ssim_results_bytes(2000000, 13, 0, 1, SSIM_RESULTS_LEAN) -
                    ssim_results_bytes(0, 13, 0, 1, SSIM_RESULTS_LEAN);
    /* the summaries are counted too (issue 18, defect 7): the time series'
     * four bands of K x S doubles among them */
    CHECK(ssim_results_bytes(0, 13, 0, 100000, SSIM_RESULTS_TIME_SERIES) >=
          4ull * 100000 * 13 * sizeof(double));
    CHECK(full == 2000000ull * 704 && lean == 2000000ull * 144 + 31250 * 91 * 8);
    ssim_results_destroy(&a);
    ssim_results_destroy(&b);
}

/* The trial loop's rows (ssim_results_row_begin, _seek, _fold_take) against
 * ssim_results_row and ssim_results_fold: the same stored values and block
 * sums to the bit, and the scratch row all zeros again after each trial. */
static void test_loop_rows(void)
{
    size_t T = 5000, S = 4;
    ssim_results_t a, b;
    CHECK(ssim_results_init(&a, T, S, 3, 24, 1, SSIM_RESULTS_LEAN) == SSIM_OK);
    CHECK(ssim_results_init(&b, T, S, 3, 24, 1, SSIM_RESULTS_LEAN) == SSIM_OK);
    CHECK(a.scratch_bytes > 0 && a.scratch_bytes == b.scratch_bytes && a.block > 1);
    unsigned char *sa = malloc(a.scratch_bytes), *sb = calloc(1, b.scratch_bytes);
    CHECK(sa && sb);
    ssim_trial_row_t ra, rb;
    ssim_results_row_begin(&b, sb, &rb);
    uint64_t x = 12345;
    for (uint64_t t = 0; t < T; t++) {
        ssim_results_row(&a, t, sa, &ra);
        ssim_results_row_seek(&b, t, &rb);
        for (size_t c = 0; c < a.n_cols; c++) {
            CHECK((ra.col[c] == NULL) == (rb.col[c] == NULL));
            for (size_t j = 0; ra.col[c] && j < a.col[c].width; j++) {
                x = x * 6364136223846793005ull + 1442695040888963407ull;
                int v = (int)(x >> 61); /* 0..7: zeros, and values on both sides of at_least */
                switch (a.col[c].def->type) {
                case SSIM_COL_F64:
                    ((double *)ra.col[c])[j] = ((double *)rb.col[c])[j] = v * 0.1;
                    break;
                case SSIM_COL_F32:
                    ((float *)ra.col[c])[j] = ((float *)rb.col[c])[j] = (float)v * 0.1f;
                    break;
                case SSIM_COL_I32:
                    ((int32_t *)ra.col[c])[j] = ((int32_t *)rb.col[c])[j] = v;
                    break;
                case SSIM_COL_U32:
                    ((uint32_t *)ra.col[c])[j] = ((uint32_t *)rb.col[c])[j] = (uint32_t)v;
                    break;
                }
            }
        }
        ssim_results_fold(&a, t, &ra);
        ssim_results_fold_take(&b, t, &rb);
        size_t nonzero = 0;
        for (size_t i = 0; i < b.scratch_bytes; i++)
            nonzero += sb[i] != 0;
        CHECK(nonzero == 0);
    }
    size_t sums = (size_t)((T + a.block - 1) / a.block) * a.fold_width;
    CHECK(memcmp(a.fold, b.fold, sums * sizeof(double)) == 0);
    for (size_t c = 0; c < a.n_cols; c++)
        if (a.col[c].data)
            CHECK(memcmp(a.col[c].data, b.col[c].data,
                         T * a.col[c].width * (a.col[c].def->type == SSIM_COL_F64 ? 8 : 4)) == 0);
    ssim_results_hash(&a);
    ssim_results_hash(&b);
    CHECK(a.verification == b.verification);
    free(sa);
    free(sb);
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
    test_loop_rows();
    test_storage();
    return check_report("test_results");
}
