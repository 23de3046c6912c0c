/* study/risk — see risk.h. */
#include "study/risk.h"

#include "core/sha256.h"
#include "ssim_revision.h"
#include "ssim_version.h"
#include "study/split.h"

#include "core/alloc.h"
#include "core/log.h"
#include "core/rng.h"
#include "core/vocab.h"
#include "models/regulation/variant.h"
#include "results/compare.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ the job */

/* The class's seed: the catalogue seed mixed with a hash of the class name
 * (FNV-1a), so a class keeps its incidents when others are added. */
static uint64_t class_seed(uint64_t seed, const char *name)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        h = (h ^ *p) * 0x100000001b3ull;
    return ssim_hash64(seed ^ ssim_hash64(h));
}

static ssim_status_t load_class(ssim_risk_job_t *job, size_t c)
{
    const ssim_catalogue_class_t *k = &job->cat.classes[c];
    struct ssim_risk_class *cl = &job->cls[c];
    ssim_status_t st = ssim_scenario_load(&cl->sc, k->scenario_path, ssim_model_catalog());
    if (st != SSIM_OK)
        return ssim_error(st, k->loc, "catalogue: class %s: its scenario %s does not load", k->name,
                          k->scenario_path);
    cl->seed = class_seed(job->cat.seed, k->name);
    if ((st = ssim_scenario_set_network(&cl->sc, job->cat.network_dir)) == SSIM_OK)
        st = ssim_scenario_override(&cl->sc, 0, 1, cl->seed);
    if (st != SSIM_OK)
        return st;
    if (!(cl->model = ssim_model_find(cl->sc.model)))
        return ssim_error(SSIM_EINVAL, k->loc, "catalogue: class %s: unknown model '%s'", k->name,
                          cl->sc.model);
    if (job->options_sc.path && !(cl->model->caps & SSIM_MODEL_CAP_VARIANTS))
        return ssim_error(SSIM_EINVAL, k->loc,
                          "catalogue: class %s: model %s does not run regulation options, which "
                          "%s lists",
                          k->name, cl->model->name, job->options_sc.path);
    return SSIM_OK;
}

ssim_status_t ssim_risk_job_load(ssim_risk_job_t *job, const char *path, uint64_t years,
                                 int have_seed, uint64_t seed, const char *options_path)
{
    memset(job, 0, sizeof *job);
    ssim_status_t st = ssim_catalogue_load(&job->cat, path);
    if (st == SSIM_OK)
        st = ssim_catalogue_override(&job->cat, years, have_seed, seed);
    if (st == SSIM_OK && options_path) {
        free(job->cat.options_path);
        if (!(job->cat.options_path = ssim_strdup(options_path, "options path")))
            st = SSIM_ENOMEM;
    }
    if (st == SSIM_OK && job->cat.options_path) {
        st = ssim_scenario_load(&job->options_sc, job->cat.options_path, ssim_model_catalog());
        if (st == SSIM_OK && job->options_sc.n_options == 0)
            st = ssim_error(SSIM_EINVAL, (ssim_loc_t){job->options_sc.path, 0, 0},
                            "risk: the options file has no options (add an `options:` list)");
    }
    if (st != SSIM_OK)
        return st;
    ssim_debug("loading network %s", job->cat.network_dir);
    if ((st = ssim_network_load(&job->net, job->cat.network_dir)) != SSIM_OK)
        return st;
    if ((st = ssim_graph_build(&job->graph, &job->net)) != SSIM_OK)
        return st;
    if (!(job->cls = ssim_calloc(job->cat.n_classes, sizeof *job->cls, "catalogue classes")))
        return SSIM_ENOMEM;
    for (size_t c = 0; st == SSIM_OK && c < job->cat.n_classes; c++)
        st = load_class(job, c);
    return st;
}

void ssim_risk_job_destroy(ssim_risk_job_t *job)
{
    for (size_t c = 0; job->cls && c < job->cat.n_classes; c++)
        ssim_scenario_destroy(&job->cls[c].sc);
    free(job->cls);
    ssim_scenario_destroy(&job->options_sc);
    ssim_graph_destroy(&job->graph);
    ssim_network_destroy(&job->net);
    ssim_catalogue_destroy(&job->cat);
    memset(job, 0, sizeof *job);
}

ssim_status_t ssim_risk_check_output(const ssim_risk_job_t *job, const char *output)
{
    size_t n = 2 + job->cat.n_classes;
    const char **inputs = ssim_calloc(n, sizeof *inputs, "risk inputs");
    if (!inputs)
        return SSIM_ENOMEM;
    inputs[0] = job->cat.path;
    inputs[1] = job->options_sc.path;
    for (size_t c = 0; c < job->cat.n_classes; c++)
        inputs[2 + c] = job->cls[c].sc.path;
    ssim_status_t st = ssim_study_check_output_paths(output, inputs, n, job->cat.network_dir);
    free(inputs);
    return st;
}

/* ------------------------------------------------------------ the storage */

/* Allocate r->field zeroed, n elements (at least one). */
#define ALLOC(field, n) alloc_zeroed((void **)&r->field, (n), sizeof *r->field, "risk " #field)

static int alloc_zeroed(void **p, size_t n, size_t size, const char *what)
{
    *p = ssim_calloc(n > 0 ? n : 1, size, what);
    return *p != NULL;
}

static ssim_status_t alloc_risk(ssim_risk_t *r)
{
    size_t O = r->n_options, C = r->n_classes, M = r->n_metrics, Y = r->n_years;
    size_t R = r->n_replicates, P = SSIM_RISK_N_RP, SK = r->n_sectors * r->n_categories;
    int ok = ALLOC(option_names, O) && ALLOC(class_names, C) && ALLOC(class_source, C) &&
             ALLOC(class_confidence, C) && ALLOC(class_rate_mean, C) &&
             ALLOC(class_options_apply, C) && ALLOC(rate, R * C) && ALLOC(count, Y * C) &&
             ALLOC(year_agg, O * Y * M) && ALLOC(year_occ, O * Y * M) && ALLOC(aal, O * M) &&
             ALLOC(aal_se, O * M) && ALLOC(aal_lo, O * M) && ALLOC(aal_hi, O * M) &&
             ALLOC(aal_rep_p05, O * M) && ALLOC(aal_rep_p95, O * M) && ALLOC(aep, O * P * M) &&
             ALLOC(oep, O * P * M) && ALLOC(class_aal, O * C * M) && ALLOC(tail_mean, O * M) &&
             ALLOC(class_tail, O * C * M) && ALLOC(red_aal, O * M) && ALLOC(red_lo, O * M) &&
             ALLOC(red_hi, O * M) && ALLOC(red_max_abs, O * M) && ALLOC(red_aep, O * P * M) &&
             ALLOC(red_aep_lo, O * P * M) && ALLOC(red_aep_hi, O * P * M) && ALLOC(oneoff, O) &&
             ALLOC(recurring, O) && ALLOC(annualised, O) && ALLOC(net_benefit, O) &&
             ALLOC(nb_lo, O) && ALLOC(nb_hi, O) && ALLOC(per_burden, O) && ALLOC(pb_lo, O) &&
             ALLOC(pb_hi, O) && ALLOC(break_even, O) && ALLOC(be_lo, O) && ALLOC(be_hi, O) &&
             ALLOC(p_beats, O * O) && ALLOC(frontier, O) && ALLOC(hhi, O * SK) &&
             ALLOC(top_share, O) && ALLOC(top_share_sector, O) && ALLOC(top_share_category, O);
    return ok ? SSIM_OK : SSIM_ENOMEM;
}

/* --------------------------------------------------------------- the years */

/* Rates per replicate and incidents per year and class, then the incident
 * table in (year, class, k) order. */
static ssim_status_t draw_years(const ssim_risk_job_t *job, ssim_risk_t *r)
{
    size_t C = r->n_classes;
    uint64_t Y = r->n_years, per = Y / r->n_replicates;
    gsl_rng *g = ssim_rng_gsl_alloc();
    if (!g)
        return SSIM_ENOMEM;
    for (uint64_t rep = 0; rep < r->n_replicates; rep++)
        for (size_t c = 0; c < C; c++) {
            ssim_rng_gsl_seed(g, job->cls[c].seed, rep, 0, SSIM_RISK_PURPOSE_RATE);
            r->rate[rep * C + c] = ssim_dist_sample(&job->cat.classes[c].rate, g);
        }
    uint64_t total = 0;
    for (uint64_t y = 0; y < Y; y++)
        for (size_t c = 0; c < C; c++) {
            double lambda = r->rate[(y / per) * C + c];
            ssim_rng_gsl_seed(g, job->cls[c].seed, y, 0, SSIM_RISK_PURPOSE_COUNT);
            unsigned n = lambda > 0 ? gsl_ran_poisson(g, lambda) : 0;
            r->count[y * C + c] = n;
            total += n;
        }
    gsl_rng_free(g);
    if (total > SSIM_MAX_TRIALS)
        return ssim_error(SSIM_EINVAL, (ssim_loc_t){job->cat.path, 0, 0},
                          "risk: %llu incidents over %llu years exceed the %llu-trial cap; "
                          "lower years or the rates",
                          (unsigned long long)total, (unsigned long long)Y,
                          (unsigned long long)SSIM_MAX_TRIALS);
    r->n_incidents = total;
    size_t O = r->n_options;
    if (!ALLOC(inc_year, total) || !ALLOC(inc_class, total) || !ALLOC(inc_trial, total) ||
        !ALLOC(inc_yen, O * total) || !ALLOC(inc_people, O * total))
        return SSIM_ENOMEM;
    uint64_t i = 0, *k = ssim_calloc(C, sizeof *k, "risk incident counters");
    if (!k)
        return SSIM_ENOMEM;
    for (uint64_t y = 0; y < Y; y++)
        for (size_t c = 0; c < C; c++)
            for (uint32_t j = 0; j < r->count[y * C + c]; j++, i++) {
                r->inc_year[i] = (uint32_t)y;
                r->inc_class[i] = (int32_t)c;
                r->inc_trial[i] = k[c]++;
            }
    free(k);
    return SSIM_OK;
}

/* Incidents of class c over all years. */
static uint64_t class_incidents(const ssim_risk_t *r, size_t c)
{
    uint64_t n = 0;
    for (uint64_t y = 0; y < r->n_years; y++)
        n += r->count[y * r->n_classes + c];
    return n;
}

/* Run n incidents (trials 0 .. n-1) of class c on ctx; their metrics into
 * vals (n x M). */
static ssim_status_t run_class(const ssim_risk_job_t *job, size_t c, const ssim_model_ctx_t *ctx,
                               uint64_t n, const ssim_run_opts_t *opts, const ssim_risk_t *r,
                               double *vals, ssim_run_stats_t *stats)
{
    const ssim_scenario_t *sc = &job->cls[c].sc;
    size_t S = r->n_sectors, M = r->n_metrics;
    ssim_results_t res;
    ssim_status_t st = ssim_results_init(&res, n, S, ctx->net->n_operators, sc->horizon_hours,
                                         sc->output_step_hours, ssim_results_flags(1, 0, 0));
    if (st != SSIM_OK)
        return st;
    ssim_run_opts_t quiet = {.threads = opts->threads, .progress = 0};
    ssim_run_stats_t s = {0};
    if ((st = ssim_split_run(job->split, job->cls[c].model, ctx, &res, &quiet, &s)) != SSIM_OK) {
        ssim_results_destroy(&res);
        return st;
    }
    const double *yen = ssim_results_f64(&res, SSIM_COL_LOSS_YEN);
    const double *ph = ssim_results_f64(&res, SSIM_COL_PEOPLE_HOURS);
    const double *svc = ssim_results_f64(&res, SSIM_COL_SECTOR_SERVICE);
    for (uint64_t t = 0; t < n; t++) {
        vals[t * M + SSIM_RISK_M_YEN] = yen[t];
        vals[t * M + SSIM_RISK_M_PEOPLE] = ph[t];
        for (size_t q = 0; q < S; q++)
            vals[t * M + SSIM_RISK_M_SECTOR + q] = svc[t * S + q];
    }
    stats->threads = s.threads;
    stats->elapsed += s.elapsed;
    stats->events += s.events;
    ssim_results_destroy(&res);
    return SSIM_OK;
}

/* Supply-edge concentration of a network (or a variant's): for each
 * (sector, category), the Herfindahl-Hirschman index of the suppliers'
 * shares of the edges into that sector's operators, and the largest share. */
static void concentration(const ssim_network_t *net, const ssim_graph_t *g, ssim_risk_t *r,
                          size_t o)
{
    size_t S = r->n_sectors, K = r->n_categories;
    double *hhi = r->hhi + o * S * K;
    double total[SSIM_MAX_SECTORS * SSIM_MAX_CATEGORIES] = {0}, mine[SSIM_MAX_SECTORS];
    for (size_t s = 0; s < net->n_suppliers; s++)
        for (int64_t j = g->supply_off[s]; j < g->supply_off[s + 1]; j++) {
            size_t dst = (size_t)net->sup_dst[g->supply_edge[j]];
            if (dst < net->n_operators)
                total[(size_t)net->op_sector[dst] * K + (size_t)net->sup_category[s]] += 1;
        }
    r->top_share[o] = 0;
    r->top_share_sector[o] = r->top_share_category[o] = -1;
    for (size_t s = 0; s < net->n_suppliers; s++) {
        size_t k = (size_t)net->sup_category[s];
        memset(mine, 0, sizeof mine);
        for (int64_t j = g->supply_off[s]; j < g->supply_off[s + 1]; j++) {
            size_t dst = (size_t)net->sup_dst[g->supply_edge[j]];
            if (dst < net->n_operators)
                mine[net->op_sector[dst]] += 1;
        }
        for (size_t q = 0; q < S; q++) {
            if (mine[q] == 0)
                continue;
            double share = mine[q] / total[q * K + k];
            hhi[q * K + k] += share * share;
            if (share > r->top_share[o]) {
                r->top_share[o] = share;
                r->top_share_sector[o] = (int32_t)q;
                r->top_share_category[o] = (int32_t)k;
            }
        }
    }
}

/* Run class c's n incidents for option o (0 = baseline) into vals (n x M). */
static ssim_status_t run_class_option(ssim_risk_job_t *job, size_t o, size_t c, uint64_t n,
                                      const ssim_run_opts_t *opts, const ssim_risk_t *r,
                                      double *vals, ssim_run_stats_t *stats)
{
    const ssim_scenario_t *sc = &job->cls[c].sc;
    /* a class the options cannot touch runs as the baseline's in every option */
    const ssim_scenario_option_t *opt =
        o && job->cat.classes[c].options_apply ? &job->options_sc.options[o - 1] : NULL;
    ssim_variant_t v;
    ssim_model_ctx_t ctx = {&job->net, &job->graph, sc, NULL, NULL};
    ssim_status_t st = SSIM_OK;
    if (opt) {
        if ((st = ssim_variant_build(&v, &job->net, &job->graph, sc, opt)) != SSIM_OK)
            return st;
        ctx = (ssim_model_ctx_t){&v.net, &v.graph, sc, NULL, &v};
    }
    void *shared = NULL;
    if ((st = job->cls[c].model->prepare(&ctx, &shared)) == SSIM_OK) {
        ctx.shared = shared;
        st = run_class(job, c, &ctx, n, opts, r, vals, stats);
    }
    if (shared)
        job->cls[c].model->release(shared);
    if (opt)
        ssim_variant_destroy(&v);
    return st;
}

/* Run every class for option o (0 = baseline), then fold the incidents, in
 * the incident table's (year, class, trial) order, into the option's years,
 * its part of the incident table and each class's loss per year (ycm: Y x C
 * x M, for the tail contributions). */
static ssim_status_t run_option(ssim_risk_job_t *job, size_t o, const ssim_run_opts_t *opts,
                                ssim_risk_t *r, double *ycm, ssim_run_stats_t *stats)
{
    size_t C = r->n_classes, M = r->n_metrics;
    uint64_t Y = r->n_years, I = r->n_incidents;
    double **vals = ssim_calloc(C, sizeof *vals, "risk incident values");
    ssim_status_t st = vals ? SSIM_OK : SSIM_ENOMEM;
    for (size_t c = 0; st == SSIM_OK && c < C; c++) {
        uint64_t n = class_incidents(r, c);
        if (n == 0)
            continue;
        if (!(vals[c] = ssim_malloc(n * M, sizeof **vals, "risk incident values")))
            st = SSIM_ENOMEM;
        else
            st = run_class_option(job, o, c, n, opts, r, vals[c], stats);
    }
    if (st == SSIM_OK)
        memset(ycm, 0, Y * C * M * sizeof *ycm);
    for (uint64_t i = 0; st == SSIM_OK && i < I; i++) {
        uint64_t y = r->inc_year[i];
        size_t c = (size_t)r->inc_class[i];
        const double *v = vals[c] + r->inc_trial[i] * M;
        double *occ = &r->year_occ[(o * Y + y) * M];
        for (size_t m = 0; m < M; m++) {
            ycm[(y * C + c) * M + m] += v[m];
            occ[m] = fmax(occ[m], v[m]);
        }
        r->inc_yen[o * I + i] = v[SSIM_RISK_M_YEN];
        r->inc_people[o * I + i] = v[SSIM_RISK_M_PEOPLE];
    }
    /* aggregates: each year's classes in class order */
    for (uint64_t y = 0; st == SSIM_OK && y < Y; y++)
        for (size_t c = 0; c < C; c++)
            for (size_t m = 0; m < M; m++)
                r->year_agg[(o * Y + y) * M + m] += ycm[(y * C + c) * M + m];
    for (size_t c = 0; vals && c < C; c++)
        free(vals[c]);
    free(vals);
    return st;
}

/* ---------------------------------------------------------------- statistics */

static int cmp_desc(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x < y) - (x > y);
}

/* Quantile (type 7) of sorted ascending v[0 .. n). */
static double quantile_sorted(const double *v, size_t n, double p)
{
    double h = (double)(n - 1) * p;
    size_t lo = (size_t)floor(h);
    size_t hi = lo + 1 < n ? lo + 1 : lo;
    return v[lo] + (h - (double)lo) * (v[hi] - v[lo]);
}

/* Mean of x (stride M over Y years) with its standard error and 95 % CI:
 * over replicate means when R >= 2 (Student t, R - 1 degrees of freedom: the
 * years of one replicate share its rates), over years otherwise (normal).
 * rep receives the R replicate means. */
typedef struct {
    double mean, se, lo, hi;
} est_t;

static est_t estimate(const double *x, size_t stride, uint64_t Y, uint64_t R, double *rep)
{
    est_t e = {0};
    double sum = 0;
    for (uint64_t y = 0; y < Y; y++)
        sum += x[y * stride];
    e.mean = sum / (double)Y;
    uint64_t per = Y / R;
    for (uint64_t q = 0; q < R; q++) {
        double s = 0;
        for (uint64_t y = q * per; y < (q + 1) * per; y++)
            s += x[y * stride];
        rep[q] = s / (double)per;
    }
    const double *v = R >= 2 ? rep : NULL;
    uint64_t n = R >= 2 ? R : Y;
    double m = R >= 2 ? 0 : e.mean, ss = 0;
    if (v) {
        for (uint64_t q = 0; q < R; q++)
            m += v[q];
        m /= (double)R;
    }
    for (uint64_t i = 0; i < n; i++) {
        double d = (v ? v[i] : x[i * stride]) - m;
        ss += d * d;
    }
    if (n >= 2) {
        e.se = sqrt(ss / (double)(n - 1) / (double)n);
        double z = R >= 2 ? gsl_cdf_tdist_Pinv(0.975, (double)(R - 1)) : 1.959963984540054;
        e.lo = e.mean - z * e.se;
        e.hi = e.mean + z * e.se;
    } else {
        e.lo = e.hi = e.mean;
        e.se = NAN;
    }
    return e;
}

/* AAL, its CI and replicate spread, the exceedance tables and the 1-in-100
 * tail with each class's part, for option o.  work: Y + R doubles; tail: Y
 * indices. */
static void option_stats(ssim_risk_t *r, size_t o, const double *ycm, double *work, uint64_t *order)
{
    size_t M = r->n_metrics, C = r->n_classes;
    uint64_t Y = r->n_years, R = r->n_replicates;
    double *rep = work + Y;
    for (size_t m = 0; m < M; m++) {
        size_t om = o * M + m;
        const double *agg = r->year_agg + o * Y * M + m;
        est_t e = estimate(agg, M, Y, R, rep);
        r->aal[om] = e.mean;
        r->aal_se[om] = e.se;
        r->aal_lo[om] = e.lo;
        r->aal_hi[om] = e.hi;
        qsort(rep, R, sizeof *rep, cmp_desc);
        r->aal_rep_p05[om] = quantile_sorted(rep, R, 0.95); /* rep is descending */
        r->aal_rep_p95[om] = quantile_sorted(rep, R, 0.05);
        for (int pass = 0; pass < 2; pass++) {
            const double *x = (pass ? r->year_occ : r->year_agg) + o * Y * M + m;
            double *out = pass ? r->oep : r->aep;
            for (uint64_t y = 0; y < Y; y++)
                work[y] = x[y * M];
            qsort(work, Y, sizeof *work, cmp_desc);
            for (size_t p = 0; p < SSIM_RISK_N_RP; p++) {
                /* the loss reached or exceeded in at least a fraction 1/T of years */
                double T = ssim_risk_return_periods[p];
                uint64_t k = (uint64_t)ceil((double)Y / T);
                out[(o * SSIM_RISK_N_RP + p) * M + m] = (double)Y >= T ? work[k - 1] : NAN;
            }
        }
        /* the tail: the ceil(Y/100) worst years (ties: the earlier year) */
        for (uint64_t y = 0; y < Y; y++)
            order[y] = y;
        uint64_t k = (uint64_t)ceil((double)Y / 100.0);
        /* partial selection by insertion (k is small against Y) */
        for (uint64_t i = 0; i < k; i++) {
            uint64_t best = i;
            for (uint64_t j = i + 1; j < Y; j++)
                if (agg[order[j] * M] > agg[order[best] * M] ||
                    (agg[order[j] * M] == agg[order[best] * M] && order[j] < order[best]))
                    best = j;
            uint64_t t = order[i];
            order[i] = order[best];
            order[best] = t;
        }
        double tail = 0;
        for (uint64_t i = 0; i < k; i++)
            tail += agg[order[i] * M];
        r->tail_mean[om] = tail / (double)k;
        for (size_t c = 0; c < C; c++) {
            double s = 0;
            for (uint64_t i = 0; i < k; i++)
                s += ycm[(order[i] * C + c) * M + m];
            r->class_tail[(o * C + c) * M + m] = s / (double)k;
        }
    }
    for (size_t c = 0; c < C; c++)
        for (size_t m = 0; m < M; m++) {
            double s = 0;
            for (uint64_t y = 0; y < Y; y++)
                s += ycm[(y * C + c) * M + m];
            r->class_aal[(o * C + c) * M + m] = s / (double)Y;
        }
}

/* Paired reductions against the baseline, per metric, for option o. */
static void option_reduction(ssim_risk_t *r, size_t o, double *work)
{
    size_t M = r->n_metrics;
    uint64_t Y = r->n_years, R = r->n_replicates;
    double *d = work, *rep = work + Y;
    for (size_t m = 0; m < M; m++) {
        double maxabs = 0;
        for (uint64_t y = 0; y < Y; y++) {
            d[y] = r->year_agg[y * M + m] - r->year_agg[(o * Y + y) * M + m];
            maxabs = fmax(maxabs, fabs(d[y]));
        }
        est_t e = estimate(d, 1, Y, R, rep);
        r->red_aal[o * M + m] = e.mean;
        r->red_lo[o * M + m] = e.lo;
        r->red_hi[o * M + m] = e.hi;
        r->red_max_abs[o * M + m] = maxabs;
        for (size_t p = 0; p < SSIM_RISK_N_RP; p++)
            r->red_aep[(o * SSIM_RISK_N_RP + p) * M + m] =
                r->aep[p * M + m] - r->aep[(o * SSIM_RISK_N_RP + p) * M + m];
    }
}

/* AEP at every return period of one option's metric m over the years of
 * the resampled units idx (n units of per years each): vals receives the
 * years' losses, out the P values. */
static void resampled_aep(const ssim_risk_t *r, size_t o, size_t m, const uint64_t *idx, uint64_t n,
                          uint64_t per, double *vals, double *out)
{
    size_t M = r->n_metrics;
    uint64_t Y = r->n_years, i = 0;
    for (uint64_t u = 0; u < n; u++)
        for (uint64_t y = idx[u] * per; y < (idx[u] + 1) * per; y++)
            vals[i++] = r->year_agg[(o * Y + y) * M + m];
    qsort(vals, i, sizeof *vals, cmp_desc);
    for (size_t p = 0; p < SSIM_RISK_N_RP; p++) {
        double T = ssim_risk_return_periods[p];
        uint64_t k = (uint64_t)ceil((double)i / T);
        out[p] = (double)i >= T ? vals[k - 1] : NAN;
    }
}

/* 95 % intervals of the AEP reductions (yen and person-hours): SSIM_RISK_BOOT
 * resamples of whole replicates with replacement (of years when there is one
 * replicate), the same resamples for every option (stream: seed, resample b,
 * purpose SSIM_RISK_PURPOSE_BOOT), each giving the baseline's and the
 * option's AEP on the same resampled years; the 2.5 and 97.5 % points of
 * their difference (type 7).  Options in parallel, each into its own slots. */
static ssim_status_t aep_bootstrap(ssim_risk_t *r, uint64_t seed, int threads)
{
    size_t O = r->n_options, M = r->n_metrics, P = SSIM_RISK_N_RP, B = SSIM_RISK_BOOT;
    uint64_t Y = r->n_years, n = r->n_replicates >= 2 ? r->n_replicates : Y, per = Y / n;
    for (size_t i = 0; i < O * P * M; i++)
        r->red_aep_lo[i] = r->red_aep_hi[i] = NAN;
    uint64_t *idx = ssim_malloc(B * n, sizeof *idx, "risk bootstrap resamples");
    double *base = ssim_malloc(B * 2 * P, sizeof *base, "risk bootstrap baseline");
    double *diff = ssim_malloc(O * 2 * P * B, sizeof *diff, "risk bootstrap differences");
    int failed = !idx || !base || !diff;
    ssim_rng_t rng;
    for (size_t b = 0; !failed && b < B; b++) {
        ssim_rng_seed(&rng, seed, b, 0, SSIM_RISK_PURPOSE_BOOT);
        for (uint64_t u = 0; u < n; u++)
            idx[b * n + u] = (uint64_t)(ssim_rng_uniform(&rng) * (double)n);
    }
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads > 0 ? threads : 1)
    for (size_t o = 0; o < O; o++) {
        int stop;
#pragma omp atomic read
        stop = failed;
        if (stop)
            continue;
        double *vals = malloc(Y * sizeof *vals), aep[SSIM_RISK_N_RP];
        if (!vals) {
#pragma omp atomic write
            failed = 1;
            continue;
        }
        for (size_t b = 0; b < B; b++)
            for (size_t m = 0; m < 2; m++) {
                resampled_aep(r, o, m, idx + b * n, n, per, vals, aep);
                for (size_t p = 0; p < P; p++) {
                    if (o == 0)
                        base[(b * 2 + m) * P + p] = aep[p];
                    else
                        diff[((o * 2 + m) * P + p) * B + b] = aep[p];
                }
            }
        free(vals);
    }
    for (size_t o = 1; !failed && o < O; o++)
        for (size_t m = 0; m < 2; m++)
            for (size_t p = 0; p < P; p++) {
                double *d = diff + ((o * 2 + m) * P + p) * B;
                for (size_t b = 0; b < B; b++)
                    d[b] = base[(b * 2 + m) * P + p] - d[b];
                qsort(d, B, sizeof *d, cmp_desc); /* descending: mirror the levels */
                size_t at = (o * P + p) * M + m;
                r->red_aep_lo[at] = quantile_sorted(d, B, 0.975);
                r->red_aep_hi[at] = quantile_sorted(d, B, 0.025);
            }
    free(idx);
    free(base);
    free(diff);
    return failed ? ssim_error(SSIM_ENOMEM, SSIM_LOC_NONE, "risk: out of memory (bootstrap)")
                  : SSIM_OK;
}

/* Net benefit in yen per year of option o in each replicate (or year when R
 * = 1) into nb: mean yen reduction there - annualised burden. */
static void replicate_net_benefit(const ssim_risk_t *r, size_t o, double *nb)
{
    size_t M = r->n_metrics;
    uint64_t Y = r->n_years, R = r->n_replicates, n = R >= 2 ? R : Y, per = Y / n;
    for (uint64_t q = 0; q < n; q++) {
        double s = 0;
        for (uint64_t y = q * per; y < (q + 1) * per; y++)
            s += r->year_agg[y * M] - r->year_agg[(o * Y + y) * M];
        nb[q] = s / (double)per - r->annualised[o];
    }
}

static ssim_status_t decisions(ssim_risk_t *r)
{
    size_t O = r->n_options;
    uint64_t n = r->n_replicates >= 2 ? r->n_replicates : r->n_years;
    for (size_t o = 0; o < O; o++) {
        double red = r->red_aal[o * r->n_metrics], lo = r->red_lo[o * r->n_metrics],
               hi = r->red_hi[o * r->n_metrics], b = r->annualised[o];
        r->net_benefit[o] = red - b;
        r->nb_lo[o] = lo - b;
        r->nb_hi[o] = hi - b;
        r->per_burden[o] = b > 0 ? red / b : NAN;
        r->pb_lo[o] = b > 0 ? lo / b : NAN;
        r->pb_hi[o] = b > 0 ? hi / b : NAN;
        /* ΔAAL scales with every rate (a Poisson mean), the burden does not */
        r->break_even[o] = o == 0 ? NAN : red > 0 ? b / red : INFINITY;
        r->be_lo[o] = o == 0 ? NAN : hi > 0 ? b / hi : INFINITY;
        r->be_hi[o] = o == 0 ? NAN : lo > 0 ? b / lo : INFINITY;
    }
    double *nb = ssim_malloc(O * n, sizeof *nb, "risk net benefit by replicate");
    if (!nb)
        return SSIM_ENOMEM;
    for (size_t o = 0; o < O; o++)
        replicate_net_benefit(r, o, nb + o * n);
    for (size_t a = 0; a < O; a++)
        for (size_t b = 0; b < O; b++) {
            double wins = 0;
            for (uint64_t q = 0; q < n; q++) {
                double x = nb[a * n + q], y = nb[b * n + q];
                wins += x > y ? 1.0 : x == y ? 0.5 : 0.0;
            }
            r->p_beats[a * O + b] = wins / (double)n;
        }
    free(nb);
    ssim_frontier_mark(r->aal, r->n_metrics, r->annualised, O, r->frontier);
    return SSIM_OK;
}

/* Burden and concentration of option o (0: the baseline's concentration). */
static ssim_status_t option_burden(ssim_risk_job_t *job, size_t o, ssim_risk_t *r)
{
    if (o == 0) {
        concentration(&job->net, &job->graph, r, 0);
        return SSIM_OK;
    }
    ssim_variant_t v;
    ssim_status_t st = ssim_variant_build(&v, &job->net, &job->graph, &job->options_sc,
                                          &job->options_sc.options[o - 1]);
    if (st != SSIM_OK)
        return st;
    r->oneoff[o] = v.burden.oneoff_total;
    r->recurring[o] = v.burden.recurring_total;
    r->annualised[o] = r->recurring[o] + r->oneoff[o] * r->recovery_factor;
    concentration(&v.net, &v.graph, r, o);
    ssim_variant_destroy(&v);
    return SSIM_OK;
}

ssim_status_t ssim_risk_run(ssim_risk_job_t *job, const ssim_run_opts_t *opts, ssim_risk_t *r,
                            ssim_run_stats_t *stats)
{
    memset(r, 0, sizeof *r);
    memset(stats, 0, sizeof *stats);
    r->n_options = 1 + job->options_sc.n_options;
    r->n_classes = job->cat.n_classes;
    r->n_sectors = (size_t)ssim_vocab_sector.n;
    r->n_categories = (size_t)ssim_vocab_category.n;
    r->n_metrics = SSIM_RISK_M_SECTOR + r->n_sectors;
    r->n_years = job->cat.years;
    r->n_replicates = job->cat.replicates;
    const ssim_scenario_t *bsc = job->options_sc.path ? &job->options_sc : &job->cls[0].sc;
    r->life_years = bsc->burden.life_years;
    r->discount_rate = bsc->burden.discount_rate;
    r->recovery_factor = ssim_burden_recovery_factor(r->life_years, r->discount_rate);
    ssim_status_t st = alloc_risk(r);
    if (st != SSIM_OK)
        return st;
    r->option_names[0] = "baseline";
    for (size_t o = 1; o < r->n_options; o++)
        r->option_names[o] = job->options_sc.options[o - 1].name;
    for (size_t c = 0; c < r->n_classes; c++) {
        const ssim_catalogue_class_t *k = &job->cat.classes[c];
        r->class_names[c] = k->name;
        r->class_source[c] = k->source;
        r->class_confidence[c] = ssim_vocab_confidence.names[k->confidence];
        r->class_rate_mean[c] = ssim_dist_mean(&k->rate);
        r->class_options_apply[c] = (uint8_t)(k->options_apply != 0);
    }
    if ((st = draw_years(job, r)) != SSIM_OK)
        return st;
    size_t Y = r->n_years, C = r->n_classes, M = r->n_metrics;
    double *ycm = ssim_malloc(Y * C * M, sizeof *ycm, "risk class loss by year");
    double *work = ssim_malloc(Y + r->n_replicates, sizeof *work, "risk statistics");
    uint64_t *order = ssim_malloc(Y, sizeof *order, "risk tail");
    if (!ycm || !work || !order)
        st = SSIM_ENOMEM;
    ssim_info("%s: %llu years, %llu incidents of %zu classes, baseline and %zu options",
              job->cat.path, (unsigned long long)Y, (unsigned long long)r->n_incidents, C,
              r->n_options - 1);
    for (size_t o = 0; st == SSIM_OK && o < r->n_options; o++) {
        if (o)
            ssim_info("option %zu/%zu: %s", o, r->n_options - 1, r->option_names[o]);
        st = option_burden(job, o, r);
        if (st == SSIM_OK)
            st = run_option(job, o, opts, r, ycm, stats);
        if (st == SSIM_OK)
            option_stats(r, o, ycm, work, order);
    }
    for (size_t o = 0; st == SSIM_OK && o < r->n_options; o++)
        option_reduction(r, o, work);
    if (st == SSIM_OK && r->n_options > 1)
        st = aep_bootstrap(r, job->cat.seed,
                           opts->threads > 0 ? opts->threads : ssim_run_default_threads());
    if (st == SSIM_OK)
        st = decisions(r);
    free(ycm);
    free(work);
    free(order);
    return st;
}

void ssim_risk_identity(const ssim_risk_job_t *job, char hex[65])
{
    ssim_sha256_t h;
    char line[128];
    ssim_sha256_init(&h);
    ssim_study_hash_text(&h, "sectorsim identity 1");
    ssim_study_hash_text(&h, SSIM_VERSION);
    ssim_study_hash_text(&h, SSIM_GIT_REVISION);
    ssim_study_hash_text(&h, "risk");
    ssim_study_hash_text(&h, job->cat.text);
    snprintf(line, sizeof line, "seed=%llu years=%llu replicates=%llu",
             (unsigned long long)job->cat.seed, (unsigned long long)job->cat.years,
             (unsigned long long)job->cat.replicates);
    ssim_study_hash_text(&h, line);
    for (size_t c = 0; c < job->cat.n_classes; c++)
        ssim_study_hash_text(&h, job->cls[c].sc.resolved_json);
    ssim_study_hash_text(&h, job->options_sc.path ? job->options_sc.resolved_json : "-");
    ssim_study_hash_network(&h, &job->net);
    ssim_sha256_hex(&h, hex);
}
