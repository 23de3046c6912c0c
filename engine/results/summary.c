/* results/summary — the summaries and the verification hash after the run,
 * on a team of OpenMP threads (results.h).
 *
 * The work is cut into jobs, each writing its own fields from columns read in
 * trial order: a group of gathered elements of a column (SUM_STATS: an
 * ssim_summary_t each; SUM_BANDS: mean and quantiles each), the means (the
 * folded columns from their block sums, the other SUM_MEAN columns streamed
 * row by row), and the verification hash over a range of trials, whose sums
 * are added (in any order: the same total).  A column's summary does not
 * depend on which job or thread computes it, so the results are the same at
 * any thread count. */
#include "results/internal.h"

#include "core/alloc.h"
#include "core/threads.h"
#include "results/order.h"

#include <omp.h>
#include <stdlib.h>
#include <string.h>

/* Workspace of the summaries: `group` gathered columns of T values and a
 * spare column.  Gathering a group of columns of a row-major matrix in one
 * pass reads the matrix from memory once per group; one strided pass per
 * column reads it once per column (a stride of 13 doubles touches every
 * cache line): about 1 against 11 ns a value at 2e6 trials x 13 sectors. */
typedef struct {
    double *cols;  /* length group * T */
    double *spare; /* length T */
    double *fold;  /* length 2 fold_width: a block's folded sums and their total */
    size_t group;  /* columns gathered per pass, >= 1 */
} work_t;

/* Group bounds: past a few dozen columns a pass already reads only the cache
 * lines it needs, and a bigger buffer costs page faults. */
enum { WORK_GROUP_BYTES = 64 << 20, WORK_GROUP_COLUMNS = 64 };

/* 1 when column c is summarized element by element from its rows. */
static int gathered(const ssim_col_t *col)
{
    return col->data &&
           (col->def->summary == SSIM_COL_SUM_STATS || col->def->summary == SSIM_COL_SUM_BANDS);
}

/* Elements to gather at a time, at least 1: r's widest gathered column,
 * bounded by WORK_GROUP_COLUMNS, WORK_GROUP_BYTES and each of `threads`
 * workspaces' share of the room the memory cap leaves beside the storage. */
static size_t work_group(const ssim_results_t *r, int threads)
{
    size_t T = (size_t)r->n_trials;
    size_t widest = r->n_sectors > 1 ? r->n_sectors : 1;
    for (size_t c = 0; c < r->n_cols; c++)
        if (gathered(&r->col[c]) && r->col[c].width > widest)
            widest = r->col[c].width;
    if (widest > WORK_GROUP_COLUMNS)
        widest = WORK_GROUP_COLUMNS;
    uint64_t used = ssim_results_storage_bytes(r), cap = ssim_results_memory_cap();
    uint64_t room = (cap > used ? cap - used : 0) / (uint64_t)threads;
    uint64_t bytes = room < WORK_GROUP_BYTES ? room : WORK_GROUP_BYTES;
    uint64_t fit = T ? bytes / (T * sizeof(double)) : widest;
    return fit < 1 ? 1 : fit < widest ? (size_t)fit : widest;
}

/* Allocate a workspace of `group` columns (caller frees w->cols).
 * SSIM_ENOMEM on failure. */
static ssim_status_t work_init(work_t *w, const ssim_results_t *r, size_t group)
{
    size_t T = (size_t)r->n_trials;
    w->group = group;
    w->cols = ssim_malloc((w->group + 1) * T + 2 * r->fold_width + 1, sizeof *w->cols,
                          "summary workspace");
    w->spare = w->cols ? w->cols + w->group * T : NULL;
    w->fold = w->cols ? w->spare + T : NULL;
    return w->cols ? SSIM_OK : SSIM_ENOMEM;
}

/* Copy elements [c0, c0 + g) of column col (T rows of width C) into dst, one
 * element after another (length g * T), widened exactly to double. */
static void gather(double *dst, const ssim_col_t *col, size_t T, size_t c0, size_t g)
{
    size_t C = col->width;
    switch (col->def->type) {
    case SSIM_COL_F64: {
        const double *x = col->data;
        for (size_t t = 0; t < T; t++)
            for (size_t k = 0; k < g; k++)
                dst[k * T + t] = x[t * C + c0 + k];
        break;
    }
    case SSIM_COL_F32: {
        const float *x = col->data;
        for (size_t t = 0; t < T; t++)
            for (size_t k = 0; k < g; k++)
                dst[k * T + t] = x[t * C + c0 + k];
        break;
    }
    case SSIM_COL_I32: {
        const int32_t *x = col->data;
        for (size_t t = 0; t < T; t++)
            for (size_t k = 0; k < g; k++)
                dst[k * T + t] = x[t * C + c0 + k];
        break;
    }
    case SSIM_COL_U32: {
        const uint32_t *x = col->data;
        for (size_t t = 0; t < T; t++)
            for (size_t k = 0; k < g; k++)
                dst[k * T + t] = x[t * C + c0 + k];
        break;
    }
    }
}

/* Mean and 5/50/95 % quantiles of element i of col, gathered in v (length
 * T >= 1, clobbered). */
static void summarize_band(ssim_col_t *col, size_t i, double *v, size_t T, double *spare)
{
    ssim_order_t o;
    ssim_order_scan(&o, v, T, spare);
    col->mean[i] = o.sum / (double)T;
    ssim_order_sort(&o, v);
    col->p05[i] = ssim_order_quantile(&o, 0.05);
    col->p50[i] = ssim_order_quantile(&o, 0.50);
    col->p95[i] = ssim_order_quantile(&o, 0.95);
}

/* Summaries of elements [c0, c0 + g) of col, g <= w->group. */
static void summarize_elements(ssim_col_t *col, size_t T, size_t c0, size_t g, const work_t *w)
{
    gather(w->cols, col, T, c0, g);
    for (size_t k = 0; k < g; k++) {
        if (col->def->summary == SSIM_COL_SUM_STATS)
            ssim_summary_of_column(&col->stats[c0 + k], w->cols + k * T, T, w->spare);
        else if (T)
            summarize_band(col, c0 + k, w->cols + k * T, T, w->spare);
    }
}

/* The means of the folded columns: each block's sums (ssim_results_fold_add
 * over its trials in trial order; stored in lean storage, summed from the
 * rows here otherwise), added in block order and divided by T (0 when
 * T == 0).  buf: 2 fold_width. */
static void folded_means(ssim_results_t *r, double *buf)
{
    size_t F = r->fold_width;
    uint64_t T = r->n_trials, B = r->block;
    double *block = buf, *sum = buf + F;
    memset(sum, 0, F * sizeof *sum);
    for (uint64_t b = 0; b < ssim_results_n_blocks(T, B); b++) {
        if (r->fold) {
            block = &r->fold[b * F];
        } else {
            memset(block, 0, F * sizeof *block);
            ssim_trial_row_t row;
            for (uint64_t t = b * B; t < T && t < (b + 1) * B; t++) {
                ssim_results_row(r, t, NULL, &row);
                ssim_results_fold_add(r, block, &row);
            }
        }
        for (size_t f = 0; f < F; f++)
            sum[f] += block[f];
    }
    for (size_t c = 0; c < r->n_cols; c++) {
        ssim_col_t *col = &r->col[c];
        if (!col->present || !(col->def->flags & SSIM_COL_FOLDED) || !col->mean)
            continue;
        for (size_t i = 0; i < col->width; i++)
            col->mean[i] = T ? sum[col->fold_off + i] / (double)T : 0.0;
    }
}

/* Means of an unfolded SUM_MEAN column, in double (0 when T == 0).  Read row
 * by row, so the column streams through the cache once; each element's sum is
 * still taken in trial order. */
static void column_means(ssim_col_t *col, size_t T)
{
    size_t C = col->width;
    double *mean = col->mean;
    memset(mean, 0, C * sizeof *mean);
    for (size_t t = 0; t < T; t++)
        for (size_t c = 0; c < C; c++)
            switch (col->def->type) {
            case SSIM_COL_F64:
                mean[c] += ((const double *)col->data)[t * C + c];
                break;
            case SSIM_COL_F32:
                mean[c] += ((const float *)col->data)[t * C + c];
                break;
            case SSIM_COL_I32:
                mean[c] += ((const int32_t *)col->data)[t * C + c];
                break;
            case SSIM_COL_U32:
                mean[c] += ((const uint32_t *)col->data)[t * C + c];
                break;
            }
    for (size_t c = 0; T && c < C; c++)
        mean[c] /= (double)T;
}

typedef enum {
    JOB_ELEMENTS, /* elements [c0, c0 + g) of column `col` */
    JOB_MEANS,    /* folded_means and the unfolded SUM_MEAN columns */
    JOB_HASH,     /* trials [c0, c0 + g): the sum of their row hashes */
} job_kind_t;

typedef struct {
    job_kind_t kind;
    size_t col;
    size_t c0, g;
} job_t;

/* Trials per verification-hash job: enough jobs to share among the threads,
 * few enough that each is long. */
static size_t hash_range(const ssim_results_t *r, int threads)
{
    size_t T = (size_t)r->n_trials, n = 4 * (size_t)threads;
    return T / n + 1;
}

/* Append the jobs of [0, C) in groups of `group`. */
static size_t add_groups(job_t *jobs, size_t n, job_kind_t kind, size_t col, size_t C, size_t group)
{
    for (size_t c0 = 0; c0 < C; c0 += group) {
        if (jobs)
            jobs[n] = (job_t){kind, col, c0, C - c0 < group ? C - c0 : group};
        n++;
    }
    return n;
}

/* The jobs of r, the hash ranges first (jobs NULL: just count them). */
static size_t plan_jobs(const ssim_results_t *r, size_t group, size_t range, job_t *jobs)
{
    size_t T = (size_t)r->n_trials;
    size_t n = add_groups(jobs, 0, JOB_HASH, 0, T, range);
    for (size_t c = 0; c < r->n_cols; c++)
        if (gathered(&r->col[c]) && (r->col[c].def->summary == SSIM_COL_SUM_STATS || T))
            n = add_groups(jobs, n, JOB_ELEMENTS, c, r->col[c].width, group);
    if (jobs)
        jobs[n] = (job_t){JOB_MEANS, 0, 0, 0};
    return n + 1;
}

/* Run job j; a JOB_HASH job writes its sum to *sum. */
static void run_job(ssim_results_t *r, const job_t *j, const work_t *w, uint64_t *sum)
{
    size_t T = (size_t)r->n_trials;
    switch (j->kind) {
    case JOB_ELEMENTS:
        summarize_elements(&r->col[j->col], T, j->c0, j->g, w);
        break;
    case JOB_MEANS:
        folded_means(r, w->fold);
        for (size_t c = 0; c < r->n_cols; c++) {
            ssim_col_t *col = &r->col[c];
            if (col->data && col->def->summary == SSIM_COL_SUM_MEAN &&
                !(col->def->flags & SSIM_COL_FOLDED))
                column_means(col, T);
        }
        break;
    case JOB_HASH:
        *sum = ssim_results_hash_trials(r, j->c0, j->g);
        break;
    }
}

ssim_status_t ssim_results_summarize(ssim_results_t *r, int threads)
{
    threads = threads < 1 ? 1 : threads;
    size_t group = work_group(r, threads), range = hash_range(r, threads);
    size_t room = plan_jobs(r, group, range, NULL);
    job_t *jobs = ssim_malloc(room, sizeof *jobs, "summary jobs");
    uint64_t *sums = ssim_calloc(room, sizeof *sums, "hash sums");
    if (!jobs || !sums) {
        free(jobs);
        free(sums);
        return SSIM_ENOMEM;
    }
    size_t n_jobs = plan_jobs(r, group, range, jobs);
    if ((size_t)threads > n_jobs)
        threads = (int)n_jobs;
    work_t *w = ssim_calloc((size_t)threads, sizeof *w, "summary workspaces");
    ssim_status_t st = w ? SSIM_OK : SSIM_ENOMEM;
    for (int i = 0; st == SSIM_OK && i < threads; i++)
        st = work_init(&w[i], r, group);
    if (st == SSIM_OK) {
        ssim_threads_guard_enter(threads); /* a refused thread: exit 3 (core/threads.h) */
#pragma omp parallel for num_threads(threads) schedule(dynamic, 1)
        for (size_t i = 0; i < n_jobs; i++)
            run_job(r, &jobs[i], &w[omp_get_thread_num()], &sums[i]);
        ssim_threads_guard_leave();
        r->verification = 0;
        for (size_t i = 0; i < n_jobs; i++)
            r->verification += sums[i];
    }
    for (int i = 0; w && i < threads; i++)
        free(w[i].cols);
    free(w);
    free(jobs);
    free(sums);
    return st;
}
