/* results/storage — allocation of the columns, rows, the block fold of lean
 * storage, and the per-operator accumulators (results.h). */
#include "results/internal.h"

#include "core/alloc.h"
#include "core/vocab.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const double ssim_quantile_levels[SSIM_N_QUANTILES] = {0.5, 0.75, 0.9, 0.95, 0.99, 0.999};
const double ssim_exceedance_probs[SSIM_N_EXCEEDANCE] = {0.5,  0.2,   0.1,   0.05,  0.02,
                                                         0.01, 0.005, 0.002, 0.001, 0.0001};

size_t ssim_results_n_steps(double horizon_hours, double step_hours)
{
    double k = ceil(horizon_hours / step_hours - 1e-9);
    return k < 1 ? 1 : (size_t)k;
}

int ssim_results_flags(int per_trial, int time_series, int per_operator)
{
    return (time_series ? SSIM_RESULTS_TIME_SERIES : 0) | (per_trial ? 0 : SSIM_RESULTS_LEAN) |
           (per_operator ? 0 : SSIM_RESULTS_NO_OPERATORS);
}

uint64_t ssim_results_block(uint64_t n_trials)
{
    uint64_t b = 1;
    while (b < 64 && 2 * b * 1024 <= n_trials)
        b *= 2;
    return b;
}

uint64_t ssim_results_memory_cap(void)
{
    long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGE_SIZE);
    uint64_t cap = pages <= 0 || page <= 0 ? UINT64_MAX : (uint64_t)pages * (uint64_t)page / 5 * 4;
    /* SSIM_MEMORY_CAP_MB (a positive integer, MiB) can only lower it: a run
     * sharing a machine, and the tests of the refusal */
    const char *env = getenv("SSIM_MEMORY_CAP_MB");
    if (env && *env) {
        char *end = NULL;
        unsigned long long mb = strtoull(env, &end, 10);
        if (*end == '\0' && mb > 0 && mb < (UINT64_MAX >> 20) && (mb << 20) < cap)
            cap = (uint64_t)mb << 20;
    }
    return cap;
}

ssim_status_t ssim_results_check_room(const ssim_results_t *r, int threads, uint64_t per_thread)
{
    /* a summary workspace at its smallest (summary.c, work_init): 2 T + 2 F doubles */
    uint64_t summary = (2 * r->n_trials + 2 * (uint64_t)r->fold_width + 1) * sizeof(double);
    uint64_t storage = ssim_results_storage_bytes(r), cap = ssim_results_memory_cap();
    uint64_t each = per_thread + summary, need = storage + (uint64_t)threads * each;
    if (need <= cap)
        return SSIM_OK;
    return ssim_error(SSIM_ENOMEM, SSIM_LOC_NONE,
                      "the run needs %.2f GiB: result storage %.2f GiB and %d threads x %.1f MiB "
                      "(the model's workspace, accumulators and summary workspace of each), over "
                      "the cap of %.2f GiB (80%% of memory, or SSIM_MEMORY_CAP_MB): use fewer "
                      "threads (--threads), fewer trials or a smaller network",
                      (double)need / (1 << 30), (double)storage / (1 << 30), threads,
                      (double)each / (1 << 20), (double)cap / (1 << 30));
}

/* Bytes of one column's summaries (its width of statistics, means or bands). */
static uint64_t summary_bytes(const ssim_col_def_t *d, size_t w)
{
    switch (d->summary) {
    case SSIM_COL_SUM_STATS:
        return (uint64_t)w * sizeof(ssim_summary_t);
    case SSIM_COL_SUM_MEAN:
        return (uint64_t)w * sizeof(double);
    case SSIM_COL_SUM_BANDS:
        return (uint64_t)w * 4 * sizeof(double);
    case SSIM_COL_SUM_NONE:
        break;
    }
    return 0;
}

/* 1 when a present column of def is stored per trial under these flags. */
static int stored(const ssim_col_def_t *def, int flags)
{
    if ((def->flags & SSIM_COL_FOLDED) && (flags & SSIM_RESULTS_LEAN))
        return 0;
    return !(def->flags & SSIM_COL_SERIES) || (flags & SSIM_RESULTS_TIME_SERIES);
}

/* 1 when a column of def is produced at all under these flags (a series
 * column only when the time series is kept). */
static int produced(const ssim_col_def_t *def, int flags)
{
    return !(def->flags & SSIM_COL_SERIES) || (flags & SSIM_RESULTS_TIME_SERIES);
}

/* Per-trial bytes, bytes of the summaries, and folded sums per block of
 * `table`'s present columns. */
static void table_bytes(const ssim_col_table_t *table, const uint8_t *present, size_t S, size_t K,
                        size_t n, int flags, uint64_t *per_trial, uint64_t *summaries,
                        size_t *fold_width)
{
    *per_trial = *summaries = 0;
    *fold_width = 0;
    for (size_t c = 0; c < table->n_cols; c++) {
        const ssim_col_def_t *d = &table->cols[c];
        if ((present && !present[c]) || !produced(d, flags))
            continue;
        size_t w = ssim_col_width(d->shape, S, K, n);
        if (stored(d, flags))
            *per_trial += (uint64_t)w * ssim_col_type_size(d->type);
        *summaries += summary_bytes(d, w);
        if (d->flags & SSIM_COL_FOLDED)
            *fold_width += w;
    }
}

uint64_t ssim_results_bytes(uint64_t n_trials, size_t n_sectors, size_t n_operators, size_t n_steps,
                            int flags)
{
    uint64_t per_trial, summaries;
    size_t fold_width;
    table_bytes(&ssim_results_base_table, NULL, n_sectors, n_steps, 0, flags, &per_trial,
                &summaries, &fold_width);
    uint64_t folded = 0;
    if (flags & SSIM_RESULTS_LEAN)
        folded = ssim_results_n_blocks(n_trials, ssim_results_block(n_trials)) * fold_width *
                 sizeof(double);
    uint64_t per_op =
        flags & SSIM_RESULTS_NO_OPERATORS ? 0 : 2 * sizeof(uint32_t) + sizeof(uint64_t);
    return n_trials * per_trial + summaries + folded + n_operators * per_op;
}

/* The flags r was made with. */
static int flags_of(const ssim_results_t *r)
{
    return (r->keep_time_series ? SSIM_RESULTS_TIME_SERIES : 0) |
           (r->lean ? SSIM_RESULTS_LEAN : 0) |
           (r->ops.n_compromised ? 0 : SSIM_RESULTS_NO_OPERATORS);
}

uint64_t ssim_results_storage_bytes(const ssim_results_t *r)
{
    uint64_t bytes = 0;
    for (size_t c = 0; c < r->n_cols; c++) {
        const ssim_col_t *col = &r->col[c];
        if (col->data)
            bytes += r->n_trials * col->width * ssim_col_type_size(col->def->type);
        if (col->present)
            bytes += summary_bytes(col->def, col->width);
    }
    if (r->fold)
        bytes += ssim_results_n_blocks(r->n_trials, r->block) * r->fold_width * sizeof(double);
    if (r->ops.n_compromised)
        bytes += r->n_operators * (2 * sizeof(uint32_t) + sizeof(uint64_t));
    return bytes;
}

/* The hash's plan (hash.c says the rule): per table, its hashed scalars
 * packed into one record, then each other hashed column. */
static void plan_hash(ssim_results_t *r)
{
    size_t n = 0;
    for (size_t c0 = 0; c0 < r->n_cols;) {
        size_t end = c0;
        while (end < r->n_cols && r->col[end].table == r->col[c0].table)
            end++;
        for (int pass = 0; pass < 2; pass++) {
            for (size_t c = c0; c < end; c++) {
                const ssim_col_t *col = &r->col[c];
                int scalar = col->def->shape == SSIM_COL_SCALAR;
                if (!col->present || (col->def->flags & SSIM_COL_UNHASHED) || scalar != !pass)
                    continue;
                size_t size = ssim_col_type_size(col->def->type);
                r->hash_op[n++] = (struct ssim_results_hash_op){(uint8_t)c, (uint8_t)(pass ? 2 : 0),
                                                                pass ? col->width * size : size};
            }
            if (!pass)
                r->hash_op[n++] = (struct ssim_results_hash_op){0, 1, 0};
        }
        c0 = end;
    }
    r->n_hash_ops = n;
}

/* The per-trial plan of r's columns (results.h: slot, fold_op, hash_op). */
static void plan(ssim_results_t *r)
{
    plan_hash(r);
    r->n_fold_ops = 0;
    r->n_stored = 0;
    for (size_t c = 0; c < r->n_cols; c++) {
        const ssim_col_t *col = &r->col[c];
        struct ssim_results_slot *s = &r->slot[c];
        size_t size = ssim_col_type_size(col->def->type);
        int folded = col->present && (col->def->flags & SSIM_COL_FOLDED);
        s->base = col->data;
        s->stride = col->data ? col->width * size : 0;
        s->scratch = !col->data && folded && r->lean ? col->scratch_off + 1 : 0;
        if (s->stride)
            r->stored[r->n_stored++] = (uint8_t)c;
        if (folded)
            r->fold_op[r->n_fold_ops++] = (struct ssim_results_fold_op){
                (uint8_t)c, (uint8_t)col->def->type, col->def->at_least, (uint32_t)col->width,
                (uint32_t)col->fold_off};
    }
}

/* Lay out the folded sums (every folded present column, in id order) and,
 * in lean storage, the scratch row (4-byte values first, then from the next
 * multiple of 8 bytes the 8-byte ones), then (re)allocate the block sums.
 * SSIM_ENOMEM on failure. */
static ssim_status_t layout_fold(ssim_results_t *r)
{
    size_t width = 0, bytes = 0;
    for (int pass = 4; pass <= 8; pass += 4) {
        if (pass == 8)
            bytes = (bytes + 7) / 8 * 8;
        for (size_t c = 0; c < r->n_cols; c++) {
            ssim_col_t *col = &r->col[c];
            if (!col->present || !(col->def->flags & SSIM_COL_FOLDED) ||
                ssim_col_type_size(col->def->type) != (size_t)pass)
                continue;
            col->scratch_off = bytes;
            bytes += col->width * (size_t)pass;
        }
    }
    for (size_t c = 0; c < r->n_cols; c++) {
        ssim_col_t *col = &r->col[c];
        if (col->present && (col->def->flags & SSIM_COL_FOLDED)) {
            col->fold_off = width;
            width += col->width;
        }
    }
    r->fold_width = width;
    r->scratch_bytes = r->lean ? bytes : 0;
    plan(r);
    if (!r->lean)
        return SSIM_OK;
    free(r->fold);
    r->fold = ssim_calloc_huge(ssim_results_n_blocks(r->n_trials, r->block) * width + 1,
                               sizeof *r->fold, "folded sums");
    return r->fold ? SSIM_OK : SSIM_ENOMEM;
}

/* Storage and summary arrays of the columns [first, r->n_cols).  Returns 0
 * when an allocation failed (the caller destroys r). */
static int alloc_columns(ssim_results_t *r, size_t first)
{
    size_t T = (size_t)r->n_trials;
    int ok = 1, flags = flags_of(r);
    for (size_t c = first; ok && c < r->n_cols; c++) {
        ssim_col_t *col = &r->col[c];
        const ssim_col_def_t *d = col->def;
        if (!col->present)
            continue;
        size_t w = col->width;
        if (stored(d, flags))
            ok &= (col->data = ssim_calloc_huge(T * w + 1, ssim_col_type_size(d->type), d->name)) !=
                  NULL;
        if (d->summary == SSIM_COL_SUM_STATS)
            ok &= (col->stats = ssim_calloc(w, sizeof *col->stats, d->name)) != NULL;
        if (d->summary == SSIM_COL_SUM_MEAN || d->summary == SSIM_COL_SUM_BANDS)
            ok &= (col->mean = ssim_calloc(w + 1, sizeof *col->mean, d->name)) != NULL;
        if (ok && d->summary == SSIM_COL_SUM_BANDS) {
            ok &= (col->p05 = ssim_calloc(3 * w + 1, sizeof *col->p05, d->name)) != NULL;
            if (ok) {
                col->p50 = col->p05 + w;
                col->p95 = col->p05 + 2 * w;
            }
        }
    }
    return ok;
}

/* Append table's columns to r's list (no storage yet).  SSIM_EINTERNAL when
 * they do not fit or a name repeats. */
static ssim_status_t append_table(ssim_results_t *r, const ssim_col_table_t *table,
                                  const uint8_t *present, size_t n)
{
    if (r->n_cols + table->n_cols > SSIM_RESULTS_MAX_COLS)
        return ssim_error(SSIM_EINTERNAL, SSIM_LOC_NONE,
                          "result table '%s': %zu columns do not fit beside %zu (at most %d)",
                          table->name, table->n_cols, r->n_cols, SSIM_RESULTS_MAX_COLS);
    int flags = flags_of(r);
    for (size_t c = 0; c < table->n_cols; c++) {
        const ssim_col_def_t *d = &table->cols[c];
        if (ssim_results_find(r, d->name) >= 0)
            return ssim_error(SSIM_EINTERNAL, SSIM_LOC_NONE,
                              "result table '%s': column '%s' exists already", table->name,
                              d->name);
        ssim_col_t *col = &r->col[r->n_cols++];
        memset(col, 0, sizeof *col);
        col->def = d;
        col->table = table;
        col->width = ssim_col_width(d->shape, r->n_sectors, r->n_steps, n);
        col->present = (!present || present[c]) && produced(d, flags);
    }
    return SSIM_OK;
}

ssim_status_t ssim_results_init(ssim_results_t *r, uint64_t n_trials, size_t n_sectors,
                                size_t n_operators, double horizon_hours, double step_hours,
                                int flags)
{
    memset(r, 0, sizeof *r);
    size_t K = ssim_results_n_steps(horizon_hours, step_hours);
    uint64_t need = ssim_results_bytes(n_trials, n_sectors, n_operators, K, flags);
    uint64_t cap = ssim_results_memory_cap();
    if (need > cap)
        return ssim_error(SSIM_ENOMEM, SSIM_LOC_NONE,
                          "result storage needs %.1f GiB, over the cap of %.1f GiB (80%% of "
                          "memory): use fewer trials, turn off output.time_series%s",
                          (double)need / (1 << 30), (double)cap / (1 << 30),
                          flags & SSIM_RESULTS_LEAN ? "" : " or output.per_trial (--summary-only)");
    r->n_trials = n_trials;
    r->n_sectors = n_sectors;
    r->n_steps = K;
    r->n_operators = n_operators;
    r->step_hours = step_hours;
    r->horizon_hours = horizon_hours;
    r->keep_time_series = (flags & SSIM_RESULTS_TIME_SERIES) != 0;
    r->lean = (flags & SSIM_RESULTS_LEAN) != 0;
    r->block = ssim_results_block(n_trials);
    int ok = !(flags & SSIM_RESULTS_NO_OPERATORS)
                 ? ssim_op_accum_init(&r->ops, n_operators) == SSIM_OK
                 : 1;
    ssim_status_t st = ok ? append_table(r, &ssim_results_base_table, NULL, 0) : SSIM_ENOMEM;
    if (st == SSIM_OK && !alloc_columns(r, 0))
        st = SSIM_ENOMEM;
    if (st == SSIM_OK)
        st = layout_fold(r);
    if (st != SSIM_OK)
        ssim_results_destroy(r);
    return st;
}

ssim_status_t ssim_results_add_table(ssim_results_t *r, const ssim_col_table_t *table,
                                     const uint8_t *present, size_t n,
                                     const char *const *axis_names, int *first)
{
    size_t start = r->n_cols;
    uint64_t per_trial, summaries;
    size_t fold_width;
    int flags = flags_of(r);
    table_bytes(table, present, r->n_sectors, r->n_steps, n, flags, &per_trial, &summaries,
                &fold_width);
    uint64_t need = r->n_trials * per_trial + summaries, cap = ssim_results_memory_cap();
    if (r->lean)
        need += ssim_results_n_blocks(r->n_trials, r->block) * fold_width * sizeof(double);
    uint64_t base = ssim_results_storage_bytes(r);
    if (base + need > cap)
        return ssim_error(SSIM_ENOMEM, SSIM_LOC_NONE,
                          "result storage with the %s columns needs %.1f GiB, over the cap of "
                          "%.1f GiB (80%% of memory): use fewer trials, turn off "
                          "output.time_series%s",
                          table->name, (double)(base + need) / (1 << 30), (double)cap / (1 << 30),
                          r->lean ? "" : " or output.per_trial (--summary-only)");
    if (table->axis && r->axis_n)
        return ssim_error(SSIM_EINTERNAL, SSIM_LOC_NONE,
                          "result table '%s': a results object has one added axis", table->name);
    ssim_status_t st = append_table(r, table, present, n);
    if (st != SSIM_OK) {
        r->n_cols = start;
        return st;
    }
    int ok = alloc_columns(r, start);
    if (ok && table->axis && n) {
        ok = (r->axis_names = ssim_calloc(n, sizeof *r->axis_names, "axis names")) != NULL;
        for (size_t j = 0; ok && j < n; j++)
            ok = (r->axis_names[j] = ssim_strdup(axis_names[j], "axis name")) != NULL;
        r->axis_n = n;
    }
    if (!ok || layout_fold(r) != SSIM_OK)
        return SSIM_ENOMEM; /* r stays valid: the caller destroys it */
    if (first)
        *first = (int)start;
    return SSIM_OK;
}

static void free_column(ssim_col_t *col)
{
    free(col->data);
    free(col->stats);
    free(col->mean);
    free(col->p05);
}

void ssim_results_destroy(ssim_results_t *r)
{
    if (!r)
        return;
    for (size_t c = 0; c < r->n_cols; c++)
        free_column(&r->col[c]);
    for (size_t j = 0; r->axis_names && j < r->axis_n; j++)
        free(r->axis_names[j]);
    free(r->axis_names);
    free(r->fold);
    free(r->econ_x_per_hour);
    free(r->econ_k);
    free(r->ev_trial);
    free(r->ev_time);
    free(r->ev_kind);
    free(r->ev_source);
    free(r->ev_target);
    ssim_op_accum_destroy(&r->ops);
    memset(r, 0, sizeof *r);
}

void ssim_results_row(ssim_results_t *r, uint64_t t, void *scratch, ssim_trial_row_t *row)
{
    if (scratch)
        memset(scratch, 0, r->scratch_bytes);
    for (size_t c = 0; c < r->n_cols; c++) {
        const struct ssim_results_slot *s = &r->slot[c];
        if (s->stride)
            row->col[c] = s->base + t * s->stride;
        else
            row->col[c] = scratch && s->scratch ? (char *)scratch + s->scratch - 1 : NULL;
    }
}

void ssim_results_row_begin(const ssim_results_t *r, void *scratch, ssim_trial_row_t *row)
{
    for (size_t c = 0; c < r->n_cols; c++) {
        const struct ssim_results_slot *s = &r->slot[c];
        if (s->stride)
            row->col[c] = s->base;
        else
            row->col[c] = scratch && s->scratch ? (char *)scratch + s->scratch - 1 : NULL;
    }
}

/* The loop of one fold op over n values x of type T into the sums a: the
 * value, or with k > 0 the indicator x >= k; with clear, each value is set
 * back to 0 as it is read (in the same pass: no second one over the row).
 * One loop per (type, k > 0, clear), none with a branch inside. */
#define FOLD_LOOP(T)                                                                               \
    do {                                                                                           \
        T *x = v;                                                                                  \
        if (k > 0 && clear)                                                                        \
            for (uint32_t j = 0; j < n; j++) {                                                     \
                a[j] += x[j] >= (T)k;                                                              \
                x[j] = 0;                                                                          \
            }                                                                                      \
        else if (k > 0)                                                                            \
            for (uint32_t j = 0; j < n; j++)                                                       \
                a[j] += x[j] >= (T)k;                                                              \
        else if (clear)                                                                            \
            for (uint32_t j = 0; j < n; j++) {                                                     \
                a[j] += x[j];                                                                      \
                x[j] = 0;                                                                          \
            }                                                                                      \
        else                                                                                       \
            for (uint32_t j = 0; j < n; j++)                                                       \
                a[j] += x[j];                                                                      \
    } while (0)

static inline void fold_values(const struct ssim_results_fold_op *op, double *acc, void *v,
                               int clear)
{
    double *a = acc + op->off;
    uint32_t n = op->width;
    int32_t k = op->at_least;
    switch ((ssim_col_type_t)op->type) {
    case SSIM_COL_I32:
        FOLD_LOOP(int32_t);
        break;
    case SSIM_COL_U32:
        FOLD_LOOP(uint32_t);
        break;
    case SSIM_COL_F32:
        FOLD_LOOP(float);
        break;
    case SSIM_COL_F64:
        FOLD_LOOP(double);
        break;
    }
}

#undef FOLD_LOOP

void ssim_results_fold_add(const ssim_results_t *r, double *acc, const ssim_trial_row_t *row)
{
    for (size_t i = 0; i < r->n_fold_ops; i++)
        fold_values(&r->fold_op[i], acc, row->col[r->fold_op[i].col], 0);
}

void ssim_results_fold(ssim_results_t *r, uint64_t t, const ssim_trial_row_t *row)
{
    if (r->fold)
        ssim_results_fold_add(r, &r->fold[t / r->block * r->fold_width], row);
}

void ssim_results_fold_take(ssim_results_t *r, uint64_t t, ssim_trial_row_t *row)
{
    if (!r->fold)
        return;
    double *acc = &r->fold[t / r->block * r->fold_width];
    for (size_t i = 0; i < r->n_fold_ops; i++)
        fold_values(&r->fold_op[i], acc, row->col[r->fold_op[i].col], 1);
}

ssim_status_t ssim_op_accum_init(ssim_op_accum_t *a, size_t n_operators)
{
    a->n_compromised = ssim_calloc(n_operators, sizeof *a->n_compromised, "operator counts");
    a->n_out = ssim_calloc(n_operators, sizeof *a->n_out, "operator counts");
    a->outage_ms = ssim_calloc(n_operators, sizeof *a->outage_ms, "operator outage sums");
    a->outage_ms_per_out = 0;
    if (!a->n_compromised || !a->n_out || !a->outage_ms) {
        ssim_op_accum_destroy(a);
        return SSIM_ENOMEM;
    }
    return SSIM_OK;
}

void ssim_op_accum_add(ssim_op_accum_t *into, const ssim_op_accum_t *from, size_t n_operators)
{
    if (!into->n_compromised || !from->n_compromised)
        return; /* SSIM_RESULTS_NO_OPERATORS */
    for (size_t i = 0; i < n_operators; i++) {
        into->n_compromised[i] += from->n_compromised[i];
        into->n_out[i] += from->n_out[i];
        into->outage_ms[i] +=
            from->outage_ms[i] + (uint64_t)from->n_out[i] * from->outage_ms_per_out;
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
