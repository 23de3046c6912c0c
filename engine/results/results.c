#include "results/results.h"

#include "core/alloc.h"
#include "core/rng.h"
#include "core/vocab.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const double ssim_quantile_levels[SSIM_N_QUANTILES] = {0.5, 0.75, 0.9, 0.95, 0.99, 0.999};
const double ssim_exceedance_probs[SSIM_N_EXCEEDANCE] = {0.5,   0.2,   0.1,    0.05,  0.02,
                                                          0.01,  0.005, 0.002, 0.001, 0.0001};

size_t ssim_results_n_steps(double horizon_hours, double step_hours)
{
    double k = ceil(horizon_hours / step_hours - 1e-9);
    return k < 1 ? 1 : (size_t)k;
}

uint64_t ssim_results_bytes(uint64_t n_trials, size_t n_sectors, size_t n_operators,
                            size_t n_steps, int keep_time_series)
{
    uint64_t per_trial = 2 * sizeof(double) + 4 * sizeof(int32_t) + sizeof(uint32_t) +
                         n_sectors * (sizeof(double) + 2 * sizeof(int32_t)) +
                         SSIM_N_PREFECTURES * sizeof(double);
    if (keep_time_series)
        per_trial += (uint64_t)n_steps * n_sectors * sizeof(float);
    uint64_t per_op = 2 * sizeof(uint32_t) + sizeof(uint64_t);
    return n_trials * per_trial + n_operators * per_op;
}

/* Memory cap for result storage: 80% of physical memory. */
static uint64_t memory_cap(void)
{
    long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGE_SIZE);
    if (pages <= 0 || page <= 0)
        return UINT64_MAX;
    return (uint64_t)pages * (uint64_t)page / 5 * 4;
}

ssim_status_t ssim_op_accum_init(ssim_op_accum_t *a, size_t n_operators)
{
    a->n_compromised = ssim_calloc(n_operators, sizeof *a->n_compromised, "operator counts");
    a->n_out = ssim_calloc(n_operators, sizeof *a->n_out, "operator counts");
    a->outage_ms = ssim_calloc(n_operators, sizeof *a->outage_ms, "operator outage sums");
    if (!a->n_compromised || !a->n_out || !a->outage_ms) {
        ssim_op_accum_destroy(a);
        return SSIM_ENOMEM;
    }
    return SSIM_OK;
}

void ssim_op_accum_add(ssim_op_accum_t *into, const ssim_op_accum_t *from, size_t n_operators)
{
    for (size_t i = 0; i < n_operators; i++) {
        into->n_compromised[i] += from->n_compromised[i];
        into->n_out[i] += from->n_out[i];
        into->outage_ms[i] += from->outage_ms[i];
    }
}

void ssim_op_accum_destroy(ssim_op_accum_t *a)
{
    if (!a)
        return;
    free(a->n_compromised);
    free(a->n_out);
    free(a->outage_ms);
    memset(a, 0, sizeof *a);
}

ssim_status_t ssim_results_init(ssim_results_t *r, uint64_t n_trials, size_t n_sectors,
                                size_t n_operators, double horizon_hours, double step_hours,
                                int keep_time_series)
{
    memset(r, 0, sizeof *r);
    size_t K = ssim_results_n_steps(horizon_hours, step_hours);
    uint64_t need = ssim_results_bytes(n_trials, n_sectors, n_operators, K, keep_time_series);
    uint64_t cap = memory_cap();
    if (need > cap)
        return ssim_error(SSIM_ENOMEM, SSIM_LOC_NONE,
                          "result storage needs %.1f GiB, over the cap of %.1f GiB (80%% of "
                          "memory): use fewer trials or turn off output.time_series",
                          (double)need / (1 << 30), (double)cap / (1 << 30));
    r->n_trials = n_trials;
    r->n_sectors = n_sectors;
    r->n_steps = K;
    r->n_operators = n_operators;
    r->step_hours = step_hours;
    r->horizon_hours = horizon_hours;
    r->keep_time_series = keep_time_series;
    size_t T = (size_t)n_trials, S = n_sectors, P = SSIM_N_PREFECTURES;
    int ok = 1;
#define ALLOC(field, count) ok &= (r->field = ssim_calloc((count), sizeof *r->field, #field)) != NULL
    ALLOC(customer_hours, T);
    ALLOC(peak_customers_out, T);
    ALLOC(max_sectors_out, T);
    ALLOC(suppliers_compromised, T);
    ALLOC(operators_compromised, T);
    ALLOC(operators_out, T);
    ALLOC(events, T);
    ALLOC(sector_customer_hours, T * S);
    ALLOC(sector_compromised, T * S);
    ALLOC(sector_out, T * S);
    ALLOC(pref_customer_hours, T * P);
    ALLOC(sector, S);
    ALLOC(pref_mean, P);
    if (keep_time_series) {
        ALLOC(time_series, T * K * S);
        ALLOC(ts_mean, K * S);
        ALLOC(ts_p05, K * S);
        ALLOC(ts_p50, K * S);
        ALLOC(ts_p95, K * S);
    }
#undef ALLOC
    if (!ok || ssim_op_accum_init(&r->ops, n_operators) != SSIM_OK) {
        ssim_results_destroy(r);
        return SSIM_ENOMEM;
    }
    return SSIM_OK;
}

/* Release the economic storage (names included) and zero its fields. */
static void econ_destroy(ssim_results_t *r)
{
    for (size_t j = 0; r->econ_names && j < r->econ_n; j++)
        free(r->econ_names[j]);
    free(r->econ_names);
    free(r->econ_x_per_hour);
    free(r->econ_k);
    free(r->econ_loss);
    free(r->econ_sector_loss);
    free(r->econ_impact);
    free(r->econ_peak);
    free(r->econ_q);
    free(r->econ_sector);
    free(r->econ_impact_mean);
    free(r->econ_q_mean);
    r->econ_n = 0;
    r->econ_names = NULL;
    r->econ_x_per_hour = r->econ_k = r->econ_loss = r->econ_sector_loss = NULL;
    r->econ_impact = r->econ_peak = r->econ_impact_mean = r->econ_q_mean = NULL;
    r->econ_q = NULL;
    r->econ_sector = NULL;
    memset(&r->econ_total, 0, sizeof r->econ_total);
}

ssim_status_t ssim_results_econ_init(ssim_results_t *r, size_t n, const char *const *names,
                                     const double *x_per_hour, const double *k)
{
    econ_destroy(r);
    size_t T = (size_t)r->n_trials, K = r->n_steps, keep = r->time_series != NULL;
    uint64_t per_trial = sizeof(double) * (1 + 3 * n) + (keep ? K * n * sizeof(float) : 0);
    uint64_t need = (uint64_t)T * per_trial;
    if (need > memory_cap())
        return ssim_error(SSIM_ENOMEM, SSIM_LOC_NONE,
                          "economic result storage needs %.1f GiB, over the cap (80%% of "
                          "memory): use fewer trials or turn off output.time_series",
                          (double)need / (1 << 30));
    r->econ_n = n;
    int ok = 1;
#define ALLOC(field, count) ok &= (r->field = ssim_calloc((count), sizeof *r->field, #field)) != NULL
    ALLOC(econ_names, n);
    ALLOC(econ_k, n);
    ALLOC(econ_impact, T * n);
    ALLOC(econ_peak, T * n);
    ALLOC(econ_impact_mean, n);
    if (x_per_hour) {
        ALLOC(econ_x_per_hour, n);
        ALLOC(econ_loss, T);
        ALLOC(econ_sector_loss, T * n);
        ALLOC(econ_sector, n);
    }
    if (keep) {
        ALLOC(econ_q, T * K * n);
        ALLOC(econ_q_mean, K * n);
    }
#undef ALLOC
    for (size_t j = 0; ok && j < n; j++) {
        ok &= (r->econ_names[j] = ssim_strdup(names[j], "IO sector name")) != NULL;
        r->econ_k[j] = k[j];
        if (x_per_hour)
            r->econ_x_per_hour[j] = x_per_hour[j];
    }
    if (!ok) {
        econ_destroy(r);
        return SSIM_ENOMEM;
    }
    return SSIM_OK;
}

void ssim_event_log_add(ssim_event_log_t *log, uint64_t trial, double time, int kind,
                        int32_t source, int32_t target)
{
    if (log->failed)
        return;
    if (log->n == log->cap) {
        size_t cap = log->cap ? 2 * log->cap : 1024;
        ssim_event_rec_t *bigger = realloc(log->rec, cap * sizeof *bigger);
        if (!bigger) {
            log->failed = 1;
            return;
        }
        log->rec = bigger;
        log->cap = cap;
    }
    log->rec[log->n++] = (ssim_event_rec_t){trial, time, source, target, (int8_t)kind};
}

void ssim_event_log_destroy(ssim_event_log_t *log)
{
    if (!log)
        return;
    free(log->rec);
    memset(log, 0, sizeof *log);
}

static void free_events(ssim_results_t *r)
{
    free(r->ev_trial);
    free(r->ev_time);
    free(r->ev_kind);
    free(r->ev_source);
    free(r->ev_target);
    r->ev_trial = NULL;
    r->ev_time = NULL;
    r->ev_kind = NULL;
    r->ev_source = r->ev_target = NULL;
    r->n_event_rows = 0;
}

ssim_status_t ssim_results_set_events(ssim_results_t *r, ssim_event_log_t *logs, size_t n_logs)
{
    free_events(r);
    size_t total = 0;
    for (size_t i = 0; i < n_logs; i++) {
        if (logs[i].failed)
            return ssim_error(SSIM_ENOMEM, SSIM_LOC_NONE, "out of memory growing the event table");
        total += logs[i].n;
    }
    size_t *pos = ssim_calloc(n_logs + 1, sizeof *pos, "event merge");
    int ok = pos != NULL;
#define ALLOC(field) ok &= (r->field = ssim_malloc(total + 1, sizeof *r->field, #field)) != NULL
    ALLOC(ev_trial);
    ALLOC(ev_time);
    ALLOC(ev_kind);
    ALLOC(ev_source);
    ALLOC(ev_target);
#undef ALLOC
    if (!ok) {
        free(pos);
        free_events(r);
        return SSIM_ENOMEM;
    }
    /* k-way merge by trial: each log is already in trial order, and a trial's
     * rows all sit in one log. */
    for (size_t k = 0; k < total; k++) {
        size_t best = n_logs;
        for (size_t i = 0; i < n_logs; i++)
            if (pos[i] < logs[i].n &&
                (best == n_logs || logs[i].rec[pos[i]].trial < logs[best].rec[pos[best]].trial))
                best = i;
        const ssim_event_rec_t *e = &logs[best].rec[pos[best]++];
        r->ev_trial[k] = e->trial;
        r->ev_time[k] = e->time;
        r->ev_kind[k] = e->kind;
        r->ev_source[k] = e->source;
        r->ev_target[k] = e->target;
    }
    r->n_event_rows = total;
    free(pos);
    return SSIM_OK;
}

void ssim_results_destroy(ssim_results_t *r)
{
    if (!r)
        return;
    free_events(r);
    free(r->customer_hours);
    free(r->peak_customers_out);
    free(r->max_sectors_out);
    free(r->suppliers_compromised);
    free(r->operators_compromised);
    free(r->operators_out);
    free(r->events);
    free(r->sector_customer_hours);
    free(r->sector_compromised);
    free(r->sector_out);
    free(r->pref_customer_hours);
    free(r->time_series);
    free(r->sector);
    free(r->pref_mean);
    free(r->ts_mean);
    free(r->ts_p05);
    free(r->ts_p50);
    free(r->ts_p95);
    econ_destroy(r);
    ssim_op_accum_destroy(&r->ops);
    memset(r, 0, sizeof *r);
}

void ssim_results_row(ssim_results_t *r, uint64_t t, ssim_trial_row_t *row)
{
    size_t S = r->n_sectors, K = r->n_steps;
    row->customer_hours = &r->customer_hours[t];
    row->peak_customers_out = &r->peak_customers_out[t];
    row->max_sectors_out = &r->max_sectors_out[t];
    row->suppliers_compromised = &r->suppliers_compromised[t];
    row->operators_compromised = &r->operators_compromised[t];
    row->operators_out = &r->operators_out[t];
    row->events = &r->events[t];
    row->sector_customer_hours = &r->sector_customer_hours[t * S];
    row->sector_compromised = &r->sector_compromised[t * S];
    row->sector_out = &r->sector_out[t * S];
    row->pref_customer_hours = &r->pref_customer_hours[t * SSIM_N_PREFECTURES];
    row->time_series = r->time_series ? &r->time_series[t * K * S] : NULL;
    size_t N = r->econ_n;
    row->econ_loss = r->econ_loss ? &r->econ_loss[t] : NULL;
    row->econ_sector_loss = r->econ_sector_loss ? &r->econ_sector_loss[t * N] : NULL;
    row->econ_impact = r->econ_impact ? &r->econ_impact[t * N] : NULL;
    row->econ_peak = r->econ_peak ? &r->econ_peak[t * N] : NULL;
    row->econ_q = r->econ_q ? &r->econ_q[t * K * N] : NULL;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Quantile of sorted x (length n >= 1) at level p, linear interpolation
 * between order statistics (Hyndman & Fan type 7, numpy's default). */
static double quantile_sorted(const double *x, size_t n, double p)
{
    double h = (double)(n - 1) * p;
    size_t lo = (size_t)floor(h);
    if (lo + 1 >= n)
        return x[n - 1];
    return x[lo] + (h - (double)lo) * (x[lo + 1] - x[lo]);
}

/* Mean of the largest ceil(alpha * n) values of sorted x. */
static double cvar_sorted(const double *x, size_t n, double alpha)
{
    size_t k = (size_t)ceil(alpha * (double)n - 1e-12);
    if (k < 1)
        k = 1;
    double sum = 0;
    for (size_t i = n - k; i < n; i++)
        sum += x[i];
    return sum / (double)k;
}

void ssim_summary_compute(ssim_summary_t *s, const double *x, size_t n, size_t stride,
                          double *scratch)
{
    memset(s, 0, sizeof *s);
    if (n == 0)
        return;
    double sum = 0;
    size_t nonzero = 0;
    for (size_t i = 0; i < n; i++) {
        scratch[i] = x[i * stride];
        sum += scratch[i];
        nonzero += scratch[i] > 0;
    }
    s->mean = sum / (double)n;
    double ss = 0;
    for (size_t i = 0; i < n; i++)
        ss += (scratch[i] - s->mean) * (scratch[i] - s->mean);
    s->sd = n > 1 ? sqrt(ss / (double)(n - 1)) : 0.0;
    s->se = s->sd / sqrt((double)n);
    s->ci_low = s->mean - 1.959963984540054 * s->se;
    s->ci_high = s->mean + 1.959963984540054 * s->se;
    s->p_nonzero = (double)nonzero / (double)n;
    qsort(scratch, n, sizeof *scratch, cmp_double);
    s->min = scratch[0];
    s->max = scratch[n - 1];
    for (int q = 0; q < SSIM_N_QUANTILES; q++)
        s->quantile[q] = quantile_sorted(scratch, n, ssim_quantile_levels[q]);
    for (int e = 0; e < SSIM_N_EXCEEDANCE; e++)
        s->exceedance[e] = quantile_sorted(scratch, n, 1.0 - ssim_exceedance_probs[e]);
    s->cvar95 = cvar_sorted(scratch, n, 0.05);
    s->cvar99 = cvar_sorted(scratch, n, 0.01);
}

/* Fold the bytes of an array into the verification hash. */
static uint64_t fold(uint64_t h, const void *data, size_t bytes)
{
    const unsigned char *p = data;
    uint64_t word = 0;
    size_t i = 0;
    for (; i + 8 <= bytes; i += 8) {
        memcpy(&word, p + i, 8);
        h = ssim_hash64(h ^ word);
    }
    word = 0;
    if (i < bytes) {
        memcpy(&word, p + i, bytes - i);
        h = ssim_hash64(h ^ word);
    }
    return h;
}

static void summarize_time_series(ssim_results_t *r, double *scratch)
{
    size_t T = (size_t)r->n_trials, K = r->n_steps, S = r->n_sectors;
    for (size_t ks = 0; ks < K * S; ks++) {
        double sum = 0;
        for (size_t t = 0; t < T; t++) {
            scratch[t] = r->time_series[t * K * S + ks];
            sum += scratch[t];
        }
        r->ts_mean[ks] = sum / (double)T;
        qsort(scratch, T, sizeof *scratch, cmp_double);
        r->ts_p05[ks] = quantile_sorted(scratch, T, 0.05);
        r->ts_p50[ks] = quantile_sorted(scratch, T, 0.50);
        r->ts_p95[ks] = quantile_sorted(scratch, T, 0.95);
    }
}

/* Economic summaries, in trial order: loss (total and by IO sector), the
 * mean impact and the mean step inoperability. */
static void summarize_econ(ssim_results_t *r, double *scratch)
{
    size_t T = (size_t)r->n_trials, N = r->econ_n, K = r->n_steps;
    if (r->econ_loss) {
        ssim_summary_compute(&r->econ_total, r->econ_loss, T, 1, scratch);
        for (size_t j = 0; j < N; j++)
            ssim_summary_compute(&r->econ_sector[j], r->econ_sector_loss + j, T, N, scratch);
    }
    for (size_t j = 0; j < N; j++) {
        double sum = 0;
        for (size_t t = 0; t < T; t++)
            sum += r->econ_impact[t * N + j];
        r->econ_impact_mean[j] = T ? sum / (double)T : 0.0;
    }
    for (size_t kj = 0; r->econ_q && kj < K * N; kj++) {
        double sum = 0;
        for (size_t t = 0; t < T; t++)
            sum += r->econ_q[t * K * N + kj];
        r->econ_q_mean[kj] = T ? sum / (double)T : 0.0;
    }
}

/* The economic per-trial arrays folded into the verification hash. */
static uint64_t fold_econ(const ssim_results_t *r, uint64_t h)
{
    size_t T = (size_t)r->n_trials, N = r->econ_n;
    if (r->econ_loss) {
        h = fold(h, r->econ_loss, T * sizeof(double));
        h = fold(h, r->econ_sector_loss, T * N * sizeof(double));
    }
    h = fold(h, r->econ_impact, T * N * sizeof(double));
    h = fold(h, r->econ_peak, T * N * sizeof(double));
    if (r->econ_q)
        h = fold(h, r->econ_q, T * r->n_steps * N * sizeof(float));
    return h;
}

ssim_status_t ssim_results_summarize(ssim_results_t *r)
{
    size_t T = (size_t)r->n_trials, S = r->n_sectors, P = SSIM_N_PREFECTURES;
    double *scratch = ssim_malloc(T ? T : 1, sizeof *scratch, "summary scratch");
    if (!scratch)
        return SSIM_ENOMEM;
    ssim_summary_compute(&r->total, r->customer_hours, T, 1, scratch);
    ssim_summary_compute(&r->peak, r->peak_customers_out, T, 1, scratch);
    for (size_t s = 0; s < S; s++)
        ssim_summary_compute(&r->sector[s], r->sector_customer_hours + s, T, S, scratch);
    for (size_t p = 0; p < P; p++) {
        double sum = 0;
        for (size_t t = 0; t < T; t++)
            sum += r->pref_customer_hours[t * P + p];
        r->pref_mean[p] = T ? sum / (double)T : 0.0;
    }
    size_t multi = 0;
    for (size_t t = 0; t < T; t++)
        multi += r->max_sectors_out[t] >= 2;
    r->p_multi_sector = T ? (double)multi / (double)T : 0.0;
    if (r->time_series && T)
        summarize_time_series(r, scratch);
    if (r->econ_n)
        summarize_econ(r, scratch);
    free(scratch);

    uint64_t h = 0x5345435452534d31ull; /* "SECTRSM1" */
    h = fold(h, r->customer_hours, T * sizeof(double));
    h = fold(h, r->peak_customers_out, T * sizeof(double));
    h = fold(h, r->max_sectors_out, T * sizeof(int32_t));
    h = fold(h, r->suppliers_compromised, T * sizeof(int32_t));
    h = fold(h, r->operators_compromised, T * sizeof(int32_t));
    h = fold(h, r->operators_out, T * sizeof(int32_t));
    h = fold(h, r->sector_customer_hours, T * S * sizeof(double));
    h = fold(h, r->sector_compromised, T * S * sizeof(int32_t));
    h = fold(h, r->sector_out, T * S * sizeof(int32_t));
    h = fold(h, r->pref_customer_hours, T * P * sizeof(double));
    if (r->time_series)
        h = fold(h, r->time_series, T * r->n_steps * S * sizeof(float));
    if (r->econ_n)
        h = fold_econ(r, h);
    r->verification = h;
    return SSIM_OK;
}
