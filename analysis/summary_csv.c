/* analysis/summary_csv — the tidy CSV files of `sectorsim summarize --csv`.
 *
 * Every file is rendered into memory first (open_memstream); only when all
 * of them rendered are they written, as one group committed all or nothing
 * (core/atomic: the earlier files, or the complete new set; a directory
 * created here is removed again on failure).  Text
 * fields are quoted by ssim_text_csv_field; numbers are printed with %.17g
 * so they read back exactly.
 */
#include "analysis/summary.h"

#include "core/alloc.h"
#include "core/atomic.h"
#include "core/text.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { N_FILES = SSIM_ANALYSIS_N_CSV };

const char *const ssim_analysis_summary_csv_names[SSIM_ANALYSIS_N_CSV] = {
    "national.csv",  "sectors.csv",    "prefectures.csv",
    "quantiles.csv", "exceedance.csv", "options.csv"};

typedef struct {
    const char *name;
    char *buf;
    size_t size;
    FILE *f;
} csv_file_t;

static void num(FILE *f, double x)
{
    if (isnan(x))
        fputs("", f);
    else
        fprintf(f, "%.17g", x);
}

static void write_national(FILE *f, const ssim_analysis_summary_t *s)
{
    fputs("quantity,unit,mean,se,ci_low,ci_high,sd,min,max,p_nonzero,cvar95,cvar99,n_trials\n", f);
    for (int k = 0; k < SSIM_ANALYSIS_NQ; k++) {
        const ssim_analysis_quantity_t *q = &s->q[k];
        if (!q->present)
            continue;
        fprintf(f, "%s,%s", q->name, q->unit);
        double v[] = {q->mean, q->se,  q->ci_low,    q->ci_high, q->sd,
                      q->min,  q->max, q->p_nonzero, q->cvar95,  q->cvar99};
        for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
            fputc(',', f);
            num(f, v[i]);
        }
        fprintf(f, ",%llu\n", (unsigned long long)s->n_trials);
    }
}

static double at(const ssim_h5read_doubles_t *d, size_t i) { return i < d->n ? d->v[i] : NAN; }

static void write_sectors(FILE *f, const ssim_analysis_summary_t *s)
{
    fputs("sector_code,sector,unit,mean,se,ci_low,ci_high,p_nonzero,cvar95\n", f);
    for (size_t i = 0; i < s->sector_name.n; i++) {
        num(f, at(&s->sector_code, i));
        fputc(',', f);
        ssim_text_csv_field(f, s->sector_name.s[i]);
        fputc(',', f);
        ssim_text_csv_field(f, ssim_analysis_sector_unit(s, i));
        const ssim_h5read_doubles_t *cols[] = {&s->s_mean, &s->s_se,  &s->s_lo,
                                               &s->s_hi,   &s->s_pnz, &s->s_cvar95};
        for (size_t c = 0; c < sizeof cols / sizeof *cols; c++) {
            fputc(',', f);
            num(f, at(cols[c], i));
        }
        fputc('\n', f);
    }
}

static void write_prefectures(FILE *f, const ssim_analysis_summary_t *s)
{
    double total = 0;
    for (size_t i = 0; i < s->pref_mean.n; i++)
        total += s->pref_mean.v[i];
    fputs("prefecture_code,prefecture,mean_person_h,share\n", f);
    for (size_t i = 0; i < s->pref_name.n; i++) {
        fprintf(f, "%.0f,", s->pref_code.v[i]);
        ssim_text_csv_field(f, s->pref_name.s[i]);
        fputc(',', f);
        num(f, s->pref_mean.v[i]);
        fputc(',', f);
        num(f, total > 0 ? s->pref_mean.v[i] / total : 0.0);
        fputc('\n', f);
    }
}

/* Long format: scope (national or a sector), quantity, unit, level, value.
 * what = 0: quantiles (levels), 1: exceedance points (probabilities). */
static void write_long(FILE *f, const ssim_analysis_summary_t *s, int what)
{
    const ssim_h5read_doubles_t *lv = what ? &s->probs : &s->levels;
    fprintf(f, "scope,quantity,unit,%s,value\n", what ? "exceedance_probability" : "quantile");
    for (int k = 0; k < SSIM_ANALYSIS_NQ; k++) {
        const ssim_analysis_quantity_t *q = &s->q[k];
        const ssim_h5read_doubles_t *v = what ? &q->exceedance : &q->quantile;
        for (size_t i = 0; q->present && v->n == lv->n && i < lv->n; i++) {
            fprintf(f, "national,%s,%s,", q->name, q->unit);
            num(f, lv->v[i]);
            fputc(',', f);
            num(f, v->v[i]);
            fputc('\n', f);
        }
    }
    const ssim_h5read_doubles_t *sv = what ? &s->s_x : &s->s_q;
    for (size_t sec = 0; sv->n && sec < s->sector_name.n; sec++)
        for (size_t i = 0; i < lv->n; i++) {
            ssim_text_csv_field(f, s->sector_name.s[sec]);
            fputs(",lost_service,", f);
            ssim_text_csv_field(f, ssim_analysis_sector_unit(s, sec));
            fputc(',', f);
            num(f, lv->v[i]);
            fputc(',', f);
            num(f, sv->v[sec * lv->n + i]);
            fputc('\n', f);
        }
}

static void write_options(FILE *f, const ssim_analysis_summary_t *s)
{
    size_t n = s->opt_name.n;
    fputs("option,mean_person_h,p95_person_h,cvar95_person_h,burden_jpy_per_year,"
          "reduction_person_h,reduction_ci_low_person_h,reduction_ci_high_person_h,frontier\n",
          f);
    for (size_t i = 0; i < n; i++) {
        ssim_text_csv_field(f, s->opt_name.s[i]);
        const ssim_h5read_doubles_t *cols[] = {&s->opt_mean,   &s->opt_p95,     &s->opt_cvar95,
                                               &s->opt_burden, &s->opt_red,     &s->opt_red_lo,
                                               &s->opt_red_hi, &s->opt_frontier};
        for (size_t c = 0; c < sizeof cols / sizeof *cols; c++) {
            fputc(',', f);
            num(f, cols[c]->n == n ? cols[c]->v[i] : NAN);
        }
        fputc('\n', f);
    }
}

/* Render file k into memory; 0 on success. */
static int render(csv_file_t *c, int k, const ssim_analysis_summary_t *s, int excel)
{
    if (!(c->f = open_memstream(&c->buf, &c->size)))
        return -1;
    if (excel)
        fputs("\xEF\xBB\xBF", c->f);
    switch (k) {
    case 0:
        write_national(c->f, s);
        break;
    case 1:
        write_sectors(c->f, s);
        break;
    case 2:
        write_prefectures(c->f, s);
        break;
    case 3:
        write_long(c->f, s, 0);
        break;
    case 4:
        write_long(c->f, s, 1);
        break;
    default:
        write_options(c->f, s);
        break;
    }
    int bad = ferror(c->f);
    return fclose(c->f) != 0 || bad ? -1 : 0;
}

/* Create dir unless it is there; *created: it was made here. */
static ssim_status_t make_dir(const char *dir, int *created)
{
    struct stat sb;
    *created = 0;
    if (stat(dir, &sb) == 0 && S_ISDIR(sb.st_mode))
        return SSIM_OK;
    if (mkdir(dir, 0777) == 0) {
        *created = 1;
        return SSIM_OK;
    }
    return ssim_error(SSIM_EINVAL, SSIM_LOC_NONE, "--csv %s: cannot create directory: %s", dir,
                      strerror(errno));
}

/* Open the temporary of dir/name and write the rendered bytes to it. */
static ssim_status_t stage(ssim_atomic_t *a, const char *dir, const char *name, const csv_file_t *c)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *path = ssim_malloc(n, 1, "CSV path");
    if (!path)
        return SSIM_ENOMEM;
    snprintf(path, n, "%s/%s", dir, name);
    ssim_status_t st = ssim_atomic_open(a, path);
    if (st == SSIM_OK && c->size)
        (void)fwrite(c->buf, 1, c->size, a->f); /* errors: at the commit (ferror) */
    free(path);
    return st;
}

ssim_status_t ssim_analysis_summary_write_csv(const ssim_analysis_summary_t *s, const char *dir,
                                              int excel)
{
    const char *const *names = ssim_analysis_summary_csv_names;
    int n_files = s->opt_name.n ? N_FILES : N_FILES - 1, created = 0, opened = 0;
    csv_file_t c[N_FILES] = {{0}};
    ssim_atomic_t a[N_FILES];
    ssim_status_t st = SSIM_OK;
    for (int k = 0; k < n_files && st == SSIM_OK; k++)
        if (render(&c[k], k, s, excel) != 0)
            st = ssim_error(SSIM_ENOMEM, SSIM_LOC_NONE, "cannot render %s", names[k]);
    if (st == SSIM_OK)
        st = make_dir(dir, &created);
    while (opened < n_files && st == SSIM_OK)
        if ((st = stage(&a[opened], dir, names[opened], &c[opened])) == SSIM_OK)
            opened++;
    /* all or nothing, as a network's files (issue 18: a failure at the third
     * file left the first two new beside the old others) */
    if (st == SSIM_OK)
        st = ssim_atomic_commit_group(a, (size_t)n_files);
    else
        for (int k = 0; k < opened; k++)
            ssim_atomic_abort(&a[k]);
    if (st != SSIM_OK && created)
        (void)rmdir(dir); /* only when empty: never removes the user's files */
    for (int k = 0; k < N_FILES; k++)
        free(c[k].buf);
    return st;
}
