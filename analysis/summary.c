/* analysis/summary — load and print (CSV output: summary_csv.c). */
#include "analysis/summary.h"

#include "core/alloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const q_prefix[SSIM_ANALYSIS_NQ] = {"people", "peak", "yen", "detection",
                                                       "economic_loss"};
static const char *const q_name[SSIM_ANALYSIS_NQ] = {
    "people_hours", "peak_people_affected", "loss_yen", "detection_hours", "economic_loss"};
static const char *const q_unit[SSIM_ANALYSIS_NQ] = {"person h", "person", "JPY", "h", "JPY"};

char *ssim_analysis_fmt(char *buf, size_t size, double x, int decimals)
{
    if (isnan(x)) {
        snprintf(buf, size, "-");
        return buf;
    }
    char raw[64];
    snprintf(raw, sizeof raw, "%.*f", decimals, fabs(x));
    const char *dot = strchr(raw, '.');
    size_t ndig = dot ? (size_t)(dot - raw) : strlen(raw), o = 0;
    char tmp[96];
    if (x < 0 && strspn(raw, "0.") != strlen(raw))
        tmp[o++] = '-';
    for (size_t i = 0; i < ndig; i++) {
        if (i && (ndig - i) % 3 == 0)
            tmp[o++] = ',';
        tmp[o++] = raw[i];
    }
    snprintf(tmp + o, sizeof tmp - o, "%s", dot ? dot : "");
    snprintf(buf, size, "%s", tmp);
    return buf;
}

static double scalar(ssim_h5read_t *r, const char *prefix, const char *stat)
{
    char name[128];
    snprintf(name, sizeof name, "/summary/%s_%s", prefix, stat);
    return ssim_h5read_scalar(r, name);
}

static ssim_h5read_doubles_t array(ssim_h5read_t *r, const char *group, const char *name)
{
    char full[128];
    snprintf(full, sizeof full, "/%s/%s", group, name);
    return ssim_h5read_doubles(r, full);
}

static void load_quantity(ssim_h5read_t *r, ssim_analysis_quantity_t *q, int k)
{
    const char *p = q_prefix[k];
    q->name = q_name[k];
    q->unit = q_unit[k];
    q->mean = scalar(r, p, "mean");
    q->present = !isnan(q->mean);
    q->se = scalar(r, p, "se");
    q->ci_low = scalar(r, p, "ci_low");
    q->ci_high = scalar(r, p, "ci_high");
    q->sd = scalar(r, p, "sd");
    q->min = scalar(r, p, "min");
    q->max = scalar(r, p, "max");
    q->p_nonzero = scalar(r, p, "p_nonzero");
    q->cvar95 = scalar(r, p, "cvar95");
    q->cvar99 = scalar(r, p, "cvar99");
    char name[64];
    snprintf(name, sizeof name, "%s_quantile", p);
    q->quantile = array(r, "summary", name);
    snprintf(name, sizeof name, "%s_exceedance", p);
    q->exceedance = array(r, "summary", name);
}

static void load_provenance(ssim_h5read_t *r, ssim_analysis_summary_t *s)
{
    (void)ssim_h5read_attr_str(r, ".", "title", s->title, sizeof s->title);
    (void)ssim_h5read_attr_str(r, ".", "version", s->version, sizeof s->version);
    (void)ssim_h5read_attr_str(r, ".", "git_revision", s->git_revision, sizeof s->git_revision);
    (void)ssim_h5read_attr_str(r, ".", "model", s->model, sizeof s->model);
    (void)ssim_h5read_attr_u64(r, ".", "seed", &s->seed);
    (void)ssim_h5read_attr_u64(r, ".", "n_trials", &s->n_trials);
}

static void load_tables(ssim_h5read_t *r, ssim_analysis_summary_t *s)
{
    s->levels = array(r, "summary", "quantile");
    s->probs = array(r, "summary", "exceedance_probability");
    for (int k = 0; k < SSIM_ANALYSIS_NQ; k++)
        load_quantity(r, &s->q[k], k);
    s->people_low = ssim_h5read_scalar(r, "/summary/people_low_mean");
    s->people_high = ssim_h5read_scalar(r, "/summary/people_high_mean");
    s->sector_name = ssim_h5read_strings(r, "/summary/sector_name");
    s->sector_unit = ssim_h5read_strings(r, "/network/sector_service_unit");
    s->sector_code = array(r, "summary", "sector");
    s->s_mean = array(r, "summary", "sector_mean");
    s->s_se = array(r, "summary", "sector_se");
    s->s_lo = array(r, "summary", "sector_ci_low");
    s->s_hi = array(r, "summary", "sector_ci_high");
    s->s_pnz = array(r, "summary", "sector_p_nonzero");
    s->s_cvar95 = array(r, "summary", "sector_cvar95");
    s->s_q = array(r, "summary", "sector_quantile");
    s->s_x = array(r, "summary", "sector_exceedance");
    s->pref_name = ssim_h5read_strings(r, "/summary/prefecture_name");
    s->pref_code = array(r, "summary", "prefecture");
    s->pref_mean = array(r, "summary", "prefecture_mean");
    s->opt_name = ssim_h5read_strings(r, "/compare/option_name");
    s->opt_mean = array(r, "compare", "expected_people_hours");
    s->opt_p95 = array(r, "compare", "people_hours_p95");
    s->opt_cvar95 = array(r, "compare", "people_hours_cvar95");
    s->opt_burden = array(r, "compare", "burden");
    s->opt_red = array(r, "compare", "reduction_mean");
    s->opt_red_lo = array(r, "compare", "reduction_ci_low");
    s->opt_red_hi = array(r, "compare", "reduction_ci_high");
    s->opt_frontier = array(r, "compare", "frontier");
}

/* An optional array: absent, or n elements. */
static int absent_or(const ssim_h5read_doubles_t *d, size_t n) { return !d->n || d->n == n; }

/* Reject arrays whose lengths disagree with their coordinates (bad input).
 * After this, the printers and the CSV writer index every per-sector array
 * that is present by sector, and the per-prefecture ones by prefecture. */
static ssim_status_t check_shapes(const ssim_analysis_summary_t *s)
{
    size_t ns = s->sector_name.n, np = s->pref_name.n;
    int ok = s->q[SSIM_ANALYSIS_TOTAL].present && s->s_mean.n == ns && s->s_lo.n == ns &&
             s->s_hi.n == ns && absent_or(&s->s_se, ns) && absent_or(&s->s_pnz, ns) &&
             absent_or(&s->s_cvar95, ns) && absent_or(&s->sector_code, ns) &&
             s->pref_mean.n == np && s->pref_code.n == np && absent_or(&s->s_q, ns * s->levels.n) &&
             absent_or(&s->s_x, ns * s->probs.n);
    if (ok)
        return SSIM_OK;
    return ssim_error(SSIM_EINVAL, SSIM_LOC_NONE,
                      "%s: /summary is missing or its arrays disagree with their coordinates",
                      s->path);
}

ssim_status_t ssim_analysis_summary_load(ssim_analysis_summary_t *s, const char *path)
{
    memset(s, 0, sizeof *s);
    s->path = path;
    ssim_h5read_t r;
    ssim_status_t st = ssim_h5read_open(&r, path);
    if (st == SSIM_OK) {
        load_provenance(&r, s);
        load_tables(&r, s);
    }
    st = ssim_h5read_close(&r);
    if (st == SSIM_OK)
        st = check_shapes(s);
    return st;
}

void ssim_analysis_summary_destroy(ssim_analysis_summary_t *s)
{
    if (!s)
        return;
    ssim_h5read_doubles_t *d[] = {&s->levels,      &s->probs,    &s->sector_code, &s->s_mean,
                                  &s->s_se,        &s->s_lo,     &s->s_hi,        &s->s_pnz,
                                  &s->s_cvar95,    &s->s_q,      &s->s_x,         &s->pref_code,
                                  &s->pref_mean,   &s->opt_mean, &s->opt_p95,     &s->opt_cvar95,
                                  &s->opt_burden,  &s->opt_red,  &s->opt_red_lo,  &s->opt_red_hi,
                                  &s->opt_frontier};
    for (size_t i = 0; i < sizeof d / sizeof *d; i++)
        free(d[i]->v);
    for (int k = 0; k < SSIM_ANALYSIS_NQ; k++) {
        free(s->q[k].quantile.v);
        free(s->q[k].exceedance.v);
    }
    ssim_h5read_strings_free(&s->sector_name);
    ssim_h5read_strings_free(&s->sector_unit);
    ssim_h5read_strings_free(&s->pref_name);
    ssim_h5read_strings_free(&s->opt_name);
    memset(s, 0, sizeof *s);
}

const char *ssim_analysis_sector_unit(const ssim_analysis_summary_t *s, size_t i)
{
    return i < s->sector_unit.n ? s->sector_unit.s[i] : "customer-hours";
}

/* ------------------------------------------------------------- printing */

#define F(x) ssim_analysis_fmt((char[48]){0}, 48, (x), 0)

static void print_quantity(FILE *out, const ssim_analysis_summary_t *s,
                           const ssim_analysis_quantity_t *q, const char *label)
{
    fprintf(out, "\n%s (%s per trial)\n", label, q->unit);
    fprintf(out, "  mean         %s  (95%% CI %s .. %s)\n", F(q->mean), F(q->ci_low),
            F(q->ci_high));
    fprintf(out, "  sd           %s   min %s   max %s\n", F(q->sd), F(q->min), F(q->max));
    fprintf(out, "  P(> 0)       %.4f\n", q->p_nonzero);
    fprintf(out, "  CVaR 95%%     %s   CVaR 99%% %s\n", F(q->cvar95), F(q->cvar99));
    if (q->quantile.n == s->levels.n && s->levels.n) {
        fprintf(out, "  quantiles   ");
        for (size_t i = 0; i < s->levels.n; i++)
            fprintf(out, "%s p%g %s", i ? "," : "", 100 * s->levels.v[i], F(q->quantile.v[i]));
        fprintf(out, "\n");
    }
    if (q->exceedance.n == s->probs.n && s->probs.n) {
        fprintf(out, "  exceeded with probability");
        for (size_t i = 0; i < s->probs.n; i++)
            fprintf(out, "%s%g: %s", i % 5 ? ", " : (i ? "\n                           " : " "),
                    s->probs.v[i], F(q->exceedance.v[i]));
        fprintf(out, "\n");
    }
}

/* Column index of quantile level p, or -1. */
static int level_index(const ssim_analysis_summary_t *s, double p)
{
    for (size_t i = 0; i < s->levels.n; i++)
        if (fabs(s->levels.v[i] - p) < 1e-9)
            return (int)i;
    return -1;
}

static double sector_q(const ssim_analysis_summary_t *s, size_t sec, double p)
{
    int i = level_index(s, p);
    return i < 0 || !s->s_q.n ? NAN : s->s_q.v[sec * s->levels.n + (size_t)i];
}

static void print_sectors(FILE *out, const ssim_analysis_summary_t *s)
{
    fprintf(out, "\nby sector (lost service per trial, each sector in its own unit)\n");
    fprintf(out, "  %-14s %14s %14s %14s %7s %14s %14s %14s  %s\n", "sector", "mean", "CI low",
            "CI high", "P(>0)", "median", "p95", "CVaR 95%", "unit");
    for (size_t i = 0; i < s->sector_name.n; i++)
        fprintf(out, "  %-14s %14s %14s %14s %7.4f %14s %14s %14s  %s\n", s->sector_name.s[i],
                F(s->s_mean.v[i]), F(s->s_lo.v[i]), F(s->s_hi.v[i]),
                s->s_pnz.n ? s->s_pnz.v[i] : NAN, F(sector_q(s, i, 0.5)), F(sector_q(s, i, 0.95)),
                F(s->s_cvar95.n ? s->s_cvar95.v[i] : NAN), ssim_analysis_sector_unit(s, i));
}

static const ssim_analysis_summary_t *sort_ctx;
static int by_pref_mean_desc(const void *a, const void *b)
{
    double x = sort_ctx->pref_mean.v[*(const size_t *)a];
    double y = sort_ctx->pref_mean.v[*(const size_t *)b];
    return (x < y) - (x > y);
}

/* Prefectures with a nonzero mean, largest first. */
static ssim_status_t print_prefectures(FILE *out, const ssim_analysis_summary_t *s)
{
    size_t n = s->pref_name.n, *idx = ssim_malloc(n ? n : 1, sizeof *idx, "prefecture order");
    if (!idx)
        return SSIM_ENOMEM; /* was a table silently left out, exit 0 (issue 18, defect 10) */
    double total = 0;
    for (size_t i = 0; i < n; i++) {
        idx[i] = i;
        total += s->pref_mean.v[i];
    }
    sort_ctx = s;
    qsort(idx, n, sizeof *idx, by_pref_mean_desc);
    fprintf(out, "\nby prefecture of residence (person-hours affected per trial, each resident "
                 "counted once; nonzero only)\n");
    fprintf(out, "  %4s %-12s %14s %7s\n", "code", "prefecture", "mean", "share");
    for (size_t k = 0; k < n && s->pref_mean.v[idx[k]] > 0; k++) {
        size_t i = idx[k];
        fprintf(out, "  %4.0f %-12s %14s %6.1f%%\n", s->pref_code.v[i], s->pref_name.s[i],
                F(s->pref_mean.v[i]), total > 0 ? 100 * s->pref_mean.v[i] / total : 0.0);
    }
    free(idx);
    return SSIM_OK;
}

static double opt_at(const ssim_h5read_doubles_t *d, size_t n, size_t i)
{
    return d->n == n ? d->v[i] : NAN;
}

/* One row per option of /compare (option 0 is the baseline). */
static void print_options(FILE *out, const ssim_analysis_summary_t *s)
{
    size_t n = s->opt_name.n;
    if (!n || s->opt_mean.n != n)
        return;
    fprintf(out, "\nby option (person-hours affected per trial; burden JPY/year; "
                 "reduction = baseline - option, paired 95%% CI; * on the frontier)\n");
    fprintf(out, "  %-20s %14s %14s %14s %14s %14s %32s\n", "option", "mean", "p95", "CVaR 95%",
            "burden", "reduction", "reduction CI");
    for (size_t i = 0; i < n; i++) {
        char lo[48], hi[48];
        ssim_analysis_fmt(lo, sizeof lo, opt_at(&s->opt_red_lo, n, i), 0);
        ssim_analysis_fmt(hi, sizeof hi, opt_at(&s->opt_red_hi, n, i), 0);
        fprintf(out, "  %-20s %14s %14s %14s %14s %14s %14s .. %-14s%s\n", s->opt_name.s[i],
                F(s->opt_mean.v[i]), F(opt_at(&s->opt_p95, n, i)), F(opt_at(&s->opt_cvar95, n, i)),
                F(opt_at(&s->opt_burden, n, i)), F(opt_at(&s->opt_red, n, i)), lo, hi,
                opt_at(&s->opt_frontier, n, i) > 0 ? " *" : "");
    }
}

ssim_status_t ssim_analysis_summary_print(const ssim_analysis_summary_t *s, FILE *out)
{
    fprintf(out, "%s\n", s->title);
    fprintf(out, "  file %s: sectorsim %s (git %s), model %s, %llu trials, seed %llu\n", s->path,
            s->version, s->git_revision, s->model, (unsigned long long)s->n_trials,
            (unsigned long long)s->seed);
    print_quantity(out, s, &s->q[SSIM_ANALYSIS_TOTAL],
                   "national: person-hours affected (each resident counted once; sectors "
                   "independent)");
    fprintf(out, "  bounds       %s (complete overlap) .. %s (none, capped at the population)\n",
            F(s->people_low), F(s->people_high));
    print_quantity(out, s, &s->q[SSIM_ANALYSIS_PEAK], "national: peak people affected at once");
    print_quantity(out, s, &s->q[SSIM_ANALYSIS_YEN], "national: value of lost service");
    if (s->q[SSIM_ANALYSIS_DETECTION].present)
        print_quantity(out, s, &s->q[SSIM_ANALYSIS_DETECTION],
                       "detection: release to the first revocation");
    if (s->q[SSIM_ANALYSIS_ECON].present)
        print_quantity(out, s, &s->q[SSIM_ANALYSIS_ECON], "national: economic loss");
    print_sectors(out, s);
    ssim_status_t st = print_prefectures(out, s);
    if (st == SSIM_OK)
        print_options(out, s);
    return st;
}
