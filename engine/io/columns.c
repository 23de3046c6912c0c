/* io/columns — the datasets of the result columns (fields.h): each column of
 * a results object (results/results.h) gives its per-trial dataset under
 * /results and its summaries under /summary, named and described by its row
 * in a result-column table; nothing here names a metric. */
#include "io/fields.h"

#include "core/alloc.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --------------------------------------------------------------- getters */

static const ssim_col_t *column(const ssim_io_src_t *s, const ssim_io_field_t *f)
{
    return &s->res->col[f->col];
}

static ssim_io_view_t typed(ssim_col_type_t t, const void *p)
{
    static const ssim_io_type_t io[] = {[SSIM_COL_F64] = SSIM_IO_F64,
                                        [SSIM_COL_F32] = SSIM_IO_F32,
                                        [SSIM_COL_I32] = SSIM_IO_I32,
                                        [SSIM_COL_U32] = SSIM_IO_U32};
    return (ssim_io_view_t){io[t], p};
}

static ssim_io_view_t v_values(const ssim_io_src_t *s, const ssim_io_field_t *f)
{
    return typed(column(s, f)->def->type, column(s, f)->data);
}

static ssim_io_view_t v_mean(const ssim_io_src_t *s, const ssim_io_field_t *f)
{
    return SSIM_IO_VIEW((const double *)column(s, f)->mean);
}
static ssim_io_view_t v_p05(const ssim_io_src_t *s, const ssim_io_field_t *f)
{
    return SSIM_IO_VIEW((const double *)column(s, f)->p05);
}
static ssim_io_view_t v_p50(const ssim_io_src_t *s, const ssim_io_field_t *f)
{
    return SSIM_IO_VIEW((const double *)column(s, f)->p50);
}
static ssim_io_view_t v_p95(const ssim_io_src_t *s, const ssim_io_field_t *f)
{
    return SSIM_IO_VIEW((const double *)column(s, f)->p95);
}

/* One statistic (f->offset in ssim_summary_t) of every element, element-major. */
static ssim_io_view_t fill_stat(const ssim_io_src_t *s, const ssim_io_field_t *f, void *buf)
{
    const ssim_col_t *col = column(s, f);
    size_t inner = (size_t)ssim_io_field_count(s, f) / col->width;
    double *v = buf;
    for (size_t i = 0; i < col->width; i++)
        memcpy(v + i * inner, (const char *)&col->stats[i] + f->offset, inner * sizeof(double));
    return SSIM_IO_VIEW(v);
}

/* ------------------------------------------------------- the dataset rows */

/* The statistics of a SUM_STATS column: all for a scalar column, the
 * per-element subset otherwise (as the summaries of a sector are read). */
typedef struct {
    const char *name, *what;
    size_t offset;
    int dims;     /* 0: none, 1: quantile, 2: exceedance */
    int scalar;   /* 1: only for scalar columns */
    int unitless; /* 1: a fraction ("1") */
} stat_t;

static const stat_t stats[] = {
    {"mean", "mean", offsetof(ssim_summary_t, mean), 0, 0, 0},
    {"se", "standard error of the mean", offsetof(ssim_summary_t, se), 0, 0, 0},
    {"ci_low", "lower end of the 95% confidence interval of the mean",
     offsetof(ssim_summary_t, ci_low), 0, 0, 0},
    {"ci_high", "upper end of the 95% confidence interval of the mean",
     offsetof(ssim_summary_t, ci_high), 0, 0, 0},
    {"sd", "standard deviation", offsetof(ssim_summary_t, sd), 0, 1, 0},
    {"min", "minimum", offsetof(ssim_summary_t, min), 0, 1, 0},
    {"max", "maximum", offsetof(ssim_summary_t, max), 0, 1, 0},
    {"p_nonzero", "fraction of trials with a value > 0", offsetof(ssim_summary_t, p_nonzero), 0, 0,
     1},
    {"cvar95", "mean of the worst 5% of trials (CVaR 95%)", offsetof(ssim_summary_t, cvar95), 0, 0,
     0},
    {"cvar99", "mean of the worst 1% of trials (CVaR 99%)", offsetof(ssim_summary_t, cvar99), 0, 1,
     0},
    {"quantile", "quantiles (type 7)", offsetof(ssim_summary_t, quantile), 1, 0, 0},
    {"exceedance", "value exceeded with probability exceedance_probability",
     offsetof(ssim_summary_t, exceedance), 2, 0, 0},
};
enum { N_STATS = sizeof stats / sizeof *stats };

/* A growing list of rows and of the texts they point into. */
typedef struct {
    ssim_io_field_t *f;
    size_t n, cap;
    char *pool; /* texts, each NUL-terminated */
    size_t used, size;
    int failed;
} list_t;

static ssim_io_field_t *add_row(list_t *l, const ssim_io_field_t *row)
{
    if (l->failed || l->n == l->cap) {
        l->failed = 1; /* sized up front: cannot happen */
        return NULL;
    }
    l->f[l->n] = *row;
    return &l->f[l->n++];
}

/* A formatted text kept in the pool ("" when it is full). */
static const char *text(list_t *l, const char *a, const char *b, const char *c)
{
    int k = snprintf(l->pool + l->used, l->size - l->used, "%s%s%s", a, b, c);
    if (k < 0 || (size_t)k >= l->size - l->used) {
        l->failed = 1;
        return "";
    }
    const char *s = l->pool + l->used;
    l->used += (size_t)k + 1;
    return s;
}

/* The dimensions of a column's values after `first` leading ones. */
static int shape_dims(ssim_col_shape_t shape, ssim_io_dim_t *dims, int n)
{
    switch (shape) {
    case SSIM_COL_SCALAR:
        break;
    case SSIM_COL_SECTOR:
        dims[n++] = SSIM_IO_DIM_SECTOR;
        break;
    case SSIM_COL_PREFECTURE:
        dims[n++] = SSIM_IO_DIM_PREFECTURE;
        break;
    case SSIM_COL_STEP_SECTOR:
        dims[n++] = SSIM_IO_DIM_TIME;
        dims[n++] = SSIM_IO_DIM_SECTOR;
        break;
    case SSIM_COL_AXIS: /* the one added axis: the economic layer's IO sectors */
        dims[n++] = SSIM_IO_DIM_IO_SECTOR;
        break;
    case SSIM_COL_STEP_AXIS:
        dims[n++] = SSIM_IO_DIM_TIME;
        dims[n++] = SSIM_IO_DIM_IO_SECTOR;
        break;
    }
    return n;
}

static ssim_io_type_t io_type(ssim_col_type_t t) { return typed(t, NULL).type; }

/* When a column's datasets are written, for the reference (docs only):
 * the output switches they need, and the table when it is not the base one. */
static const char *doc_when(list_t *l, const ssim_col_table_t *table, const ssim_col_def_t *d,
                            int per_trial)
{
    char buf[256];
    size_t n = 0;
    int series = (d->flags & SSIM_COL_SERIES) != 0;
    n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s%s", per_trial ? "output.per_trial" : "",
                          per_trial && series ? " and " : "", series ? "output.time_series" : "");
    if (table != &ssim_results_base_table && n < sizeof buf)
        snprintf(buf + n, sizeof buf - n, "%sthe %s columns", n ? ", " : "", table->name);
    return buf[0] ? text(l, buf, "", "") : NULL;
}

/* The rows of column c (def d of table) in group g ("results" or "summary"). */
static void add_column(list_t *l, const char *g, int c, const ssim_col_table_t *table,
                       const ssim_col_def_t *d, int docs)
{
    ssim_io_field_t row = {.group = g, .col = c, .cell_methods = d->cell_methods};
    if (strcmp(g, "results") == 0) {
        row.name = d->name;
        row.dims[0] = SSIM_IO_DIM_TRIAL;
        row.ndims = shape_dims(d->shape, row.dims, 1);
        row.type = io_type(d->type);
        row.units = d->units;
        row.long_name = d->long_name;
        row.when = SSIM_IO_PER_TRIAL;
        row.view = v_values;
        row.doc_when = docs ? doc_when(l, table, d, 1) : NULL;
        add_row(l, &row);
        return;
    }
    if (!d->summary_name)
        return;
    row.type = SSIM_IO_F64;
    row.units = d->units;
    row.doc_when = docs ? doc_when(l, table, d, 0) : NULL;
    if (d->summary == SSIM_COL_SUM_MEAN) {
        row.name = d->summary_name;
        row.ndims = shape_dims(d->shape, row.dims, 0);
        row.units = d->at_least > 0 ? "1" : d->units;
        row.long_name = d->summary_long_name;
        row.view = v_mean;
        add_row(l, &row);
    } else if (d->summary == SSIM_COL_SUM_BANDS) {
        static const char *const band[] = {"_mean", "_p05", "_p50", "_p95"};
        static const char *const what[] = {": mean over trials", ": 5th percentile over trials",
                                           ": median over trials", ": 95th percentile over trials"};
        ssim_io_view_t (*const view[])(const ssim_io_src_t *,
                                       const ssim_io_field_t *) = {v_mean, v_p05, v_p50, v_p95};
        row.ndims = shape_dims(d->shape, row.dims, 0);
        for (int b = 0; b < 4; b++) {
            row.name = text(l, d->summary_name, band[b], "");
            row.long_name = text(l, d->summary_long_name, what[b], "");
            row.view = view[b];
            add_row(l, &row);
        }
    } else if (d->summary == SSIM_COL_SUM_STATS) {
        int scalar = d->shape == SSIM_COL_SCALAR;
        row.fill = fill_stat;
        for (int i = 0; i < N_STATS; i++) {
            const stat_t *st = &stats[i];
            if (st->scalar && !scalar)
                continue;
            row.name = text(l, d->summary_name, "_", st->name);
            row.long_name = text(l, st->what, " of ", d->summary_long_name);
            row.units = st->unitless ? "1" : d->units;
            row.offset = st->offset;
            row.ndims = shape_dims(d->shape, row.dims, 0);
            if (st->dims)
                row.dims[row.ndims++] =
                    st->dims == 1 ? SSIM_IO_DIM_QUANTILE : SSIM_IO_DIM_EXCEEDANCE;
            add_row(l, &row);
        }
    }
}

/* Datasets per column at most (the statistics of a scalar column). */
enum { ROWS_PER_COLUMN = N_STATS + 1, TEXT_PER_COLUMN = 1024 };

ssim_status_t ssim_io_fields_build(ssim_io_field_t **out, size_t *n, char **names,
                                   const ssim_io_src_t *src, const ssim_col_table_t *const *tables)
{
    const ssim_col_table_t *base_only[] = {&ssim_results_base_table, NULL};
    const ssim_col_table_t *const *tabs = tables ? tables : base_only;
    size_t n_cols = 0;
    if (src->res)
        n_cols = src->res->n_cols;
    else
        for (size_t t = 0; tabs[t]; t++)
            n_cols += tabs[t]->n_cols;
    size_t cap = ssim_io_n_fields + 2 * n_cols * ROWS_PER_COLUMN;
    list_t l = {.cap = cap, .size = 2 * n_cols * TEXT_PER_COLUMN + 1};
    l.f = ssim_calloc(cap, sizeof *l.f, "dataset list");
    l.pool = ssim_malloc(l.size, 1, "dataset names");
    if (!l.f || !l.pool) {
        free(l.f);
        free(l.pool);
        return SSIM_ENOMEM;
    }
    for (size_t i = 0; i < ssim_io_n_fields; i++) {
        const ssim_io_field_t *row = &ssim_io_fields[i];
        if (row->when != SSIM_IO_COLUMNS) {
            add_row(&l, row);
            continue;
        }
        if (src->res) {
            for (size_t c = 0; c < src->res->n_cols; c++) {
                const ssim_col_t *col = &src->res->col[c];
                int wanted = strcmp(row->group, "results") == 0 ? col->data != NULL : col->present;
                if (wanted)
                    add_column(&l, row->group, (int)c, col->table, col->def, 0);
            }
            continue;
        }
        int c = 0;
        for (size_t t = 0; tabs[t]; t++)
            for (size_t k = 0; k < tabs[t]->n_cols; k++, c++) {
                const ssim_col_def_t *d = &tabs[t]->cols[k];
                int series = (d->flags & SSIM_COL_SERIES) != 0;
                if (!tables && series && !src->time_series)
                    continue; /* the base table as this scenario produces it */
                add_column(&l, row->group, c, tabs[t], d, tables != NULL);
            }
    }
    if (l.failed) {
        free(l.f);
        free(l.pool);
        return ssim_error(SSIM_EINTERNAL, SSIM_LOC_NONE, "the dataset list overflowed");
    }
    *out = l.f;
    *n = l.n;
    *names = l.pool;
    return SSIM_OK;
}
