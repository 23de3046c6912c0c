/* results — per-trial result columns, per-operator statistics and summaries.
 *
 * What a trial produces is described by **result-column tables** (one row per
 * metric: name, element type, shape, storage rule, summary kind, units and
 * long name).  The base table (columns.c: lost service by sector, people affected, yen, counts by
 * sector and prefecture, the time series) is every model's; a model or layer
 * that produces more adds its own table (the economic layer: models/economic)
 * before the run.  The tables drive everything else: storage and its byte
 * estimate, the row a trial writes into, the block fold of lean storage, the
 * summaries, the verification hash, and the datasets of the results file
 * (io/).  Adding a metric is adding a row.
 *
 * Storage is allocated once before the parallel loop; trial t writes only row
 * t (so threads never share a row), and per-operator counts are integers
 * accumulated per thread and merged after the loop (integer sums do not
 * depend on order).  Summaries are computed after the loop, in trial order,
 * so every floating-point figure is identical at any thread count.
 *
 * Sizes: "T" = n_trials, "S" = n_sectors, "P" = SSIM_N_PREFECTURES, "K" =
 * n_steps, "O" = n_operators, "N" = a table's own axis (e.g. IO sectors).  A
 * column of width W stores trial t's values at [t W, (t + 1) W); a step x
 * sector value [k][s] is at k S + s of the row.
 *
 * Lean storage (SSIM_RESULTS_LEAN, the runs that write no per-trial rows)
 * keeps per trial only the columns not marked SSIM_COL_FOLDED.  A folded
 * column is written into a per-thread scratch row and added into the sums of
 * the trial's block: trials [b B, (b + 1) B), B = ssim_results_block(T), each
 * block run by one thread in trial order.  A folded column's mean is the sum
 * of its block sums in block order over T, in both storages, so lean and full
 * storage give the same summaries to the bit.
 */
#ifndef SSIM_RESULTS_RESULTS_H
#define SSIM_RESULTS_RESULTS_H

#include "core/status.h"

#include <stddef.h>
#include <stdint.h>

/* Quantile levels reported in summaries. */
#define SSIM_N_QUANTILES 6
extern const double ssim_quantile_levels[SSIM_N_QUANTILES]; /* 0.5 0.75 0.9 0.95 0.99 0.999 */
/* Exceedance probabilities of the loss exceedance curve. */
#define SSIM_N_EXCEEDANCE 10
extern const double ssim_exceedance_probs[SSIM_N_EXCEEDANCE]; /* 0.5 ... 0.0001 */

/* Summary of one metric over trials. */
typedef struct {
    double mean, sd, se;    /* sample mean, standard deviation, standard error */
    double ci_low, ci_high; /* 95% normal confidence interval of the mean */
    double min, max;
    double p_nonzero;                  /* fraction of trials with a value > 0 */
    double quantile[SSIM_N_QUANTILES]; /* at ssim_quantile_levels (type 7, as numpy) */
    double cvar95, cvar99;             /* mean of the worst 5% / 1% of trials */
    double
        exceedance[SSIM_N_EXCEEDANCE]; /* value exceeded with probability ssim_exceedance_probs */
} ssim_summary_t;

/* ------------------------------------------------------ result-column tables */

/* Element type of a column (in memory and in the file). */
typedef enum { SSIM_COL_F64 = 0, SSIM_COL_F32, SSIM_COL_I32, SSIM_COL_U32 } ssim_col_type_t;

/* Values per trial. */
typedef enum {
    SSIM_COL_SCALAR = 0,  /* 1 */
    SSIM_COL_SECTOR,      /* S: by sector code (core/vocab.h) */
    SSIM_COL_PREFECTURE,  /* P: by JIS code - 1 */
    SSIM_COL_STEP_SECTOR, /* K x S: an output time series by sector */
    SSIM_COL_AXIS,        /* N: along the table's own axis (one added axis per results
                             object; the file names it `io_sector`, the economic layer's,
                             until a second model needs an axis of its own) */
    SSIM_COL_STEP_AXIS,   /* K x N */
} ssim_col_shape_t;

/* Storage and hashing rules (or-ed into ssim_col_def_t.flags). */
enum {
    SSIM_COL_FOLDED = 1,   /* only ever averaged: lean storage keeps block sums only */
    SSIM_COL_UNHASHED = 2, /* not part of the verification hash (e.g. event counts) */
    SSIM_COL_SERIES = 4,   /* stored only when the time series is kept */
};

/* What the summaries compute for each value of a row (element). */
typedef enum {
    SSIM_COL_SUM_NONE = 0, /* nothing (kept for callers that read it per trial) */
    SSIM_COL_SUM_STATS,    /* an ssim_summary_t per element */
    SSIM_COL_SUM_MEAN,     /* the mean per element */
    SSIM_COL_SUM_BANDS,    /* the mean and the 5/50/95 % quantiles per element */
} ssim_col_summary_t;

/* One column.  Its datasets in the results file (docs/output.md):
 *   /results/<name>                      the per-trial values (output.per_trial)
 *   SUM_STATS: /summary/<summary_name>_<statistic>  (every statistic of
 *              ssim_summary_t for a scalar column; mean, se, ci_low, ci_high,
 *              p_nonzero, cvar95, quantile, exceedance per element otherwise)
 *   SUM_MEAN:  /summary/<summary_name>
 *   SUM_BANDS: /summary/<summary_name>_mean, _p05, _p50, _p95
 * A column with summary_name NULL has no /summary dataset. */
typedef struct {
    const char *name;
    ssim_col_type_t type;
    ssim_col_shape_t shape;
    unsigned flags; /* SSIM_COL_FOLDED | SSIM_COL_UNHASHED | SSIM_COL_SERIES */
    ssim_col_summary_t summary;
    int at_least;                  /* > 0: the mean is of (value >= at_least), a fraction of
                                  trials (SUM_MEAN of a scalar folded column only) */
    const char *units;             /* UDUNITS, "1" when dimensionless */
    const char *long_name;         /* of the per-trial values */
    const char *summary_name;      /* see above; NULL: none */
    const char *summary_long_name; /* of the mean (SUM_MEAN) or what the stats describe */
    const char *cell_methods;      /* CF cell_methods of the values, or NULL */
} ssim_col_def_t;

/* A table of columns, as a model or layer declares it. */
typedef struct {
    const char *name;           /* e.g. "impact", "economic" */
    const ssim_col_def_t *cols; /* length n_cols, in the order of the file and the hash */
    size_t n_cols;
    const char *axis; /* dimension of SSIM_COL_AXIS shapes, e.g. "io_sector"; or NULL */
} ssim_col_table_t;

/* The base table: columns every model writes (columns.c), with their ids. */
enum {
    SSIM_COL_LOSS_YEN = 0,          /* f64: value of lost service, yen */
    SSIM_COL_PEOPLE_HOURS,          /* f64: person-hours affected, each person once */
    SSIM_COL_PEOPLE_HOURS_LOW,      /* f64, folded: its lower bound (max over sectors) */
    SSIM_COL_PEOPLE_HOURS_HIGH,     /* f64, folded: its upper bound (sum, capped) */
    SSIM_COL_PEAK_PEOPLE,           /* f64: peak people affected at once */
    SSIM_COL_MAX_SECTORS_OUT,       /* i32, folded: peak sectors out at once (mean of >= 2) */
    SSIM_COL_SUPPLIERS_COMPROMISED, /* i32, folded */
    SSIM_COL_OPERATORS_COMPROMISED, /* i32, folded */
    SSIM_COL_OPERATORS_OUT,         /* i32: operators that lost any service */
    SSIM_COL_DETECTION_HOURS,       /* f64: release to first revocation of an origin's release */
    SSIM_COL_EVENTS,                /* u32, not hashed: events processed */
    SSIM_COL_SECTOR_SERVICE,        /* f64 x S: lost service in each sector's own unit */
    SSIM_COL_SECTOR_COMPROMISED,    /* i32 x S, folded */
    SSIM_COL_SECTOR_OUT,            /* i32 x S, folded */
    SSIM_COL_SECTOR_SHUTDOWN,       /* i32 x S, folded: precautionary shutdowns */
    SSIM_COL_PREF_PEOPLE_HOURS,     /* f64 x P, folded: person-hours by prefecture of residence */
    SSIM_COL_TIME_SERIES,           /* f32 x K x S, series: mean customers out per step */
    SSIM_N_BASE_COLS
};
/* The national figure studies rank by (compare, criticality): person-hours
 * affected, defined for every network (yen needs sector values). */
#define SSIM_COL_PRIMARY SSIM_COL_PEOPLE_HOURS
extern const ssim_col_table_t ssim_results_base_table;

/* Most columns a results object holds (base + added tables). */
#define SSIM_RESULTS_MAX_COLS 32

/* ------------------------------------------------------------ the storage */

/* One trial's row: a pointer per column id into that trial's values (or into
 * the scratch row, for folded columns in lean storage), NULL when the column
 * is not stored for this run (time series off, folded without scratch, an
 * absent column).  Every value is 0 on entry to a model's trial(). */
typedef struct {
    void *col[SSIM_RESULTS_MAX_COLS];
} ssim_trial_row_t;

/* Typed views of a row's column (NULL when not stored). */
static inline double *ssim_row_f64(const ssim_trial_row_t *row, int id) { return row->col[id]; }
static inline float *ssim_row_f32(const ssim_trial_row_t *row, int id) { return row->col[id]; }
static inline int32_t *ssim_row_i32(const ssim_trial_row_t *row, int id) { return row->col[id]; }
static inline uint32_t *ssim_row_u32(const ssim_trial_row_t *row, int id) { return row->col[id]; }

/* One row of the optional event table (output.events): who compromised whom
 * and when.  Nodes are numbered as in input/network.h (operators, then
 * suppliers); kind is a code in ssim_vocab_event_kind. */
typedef struct {
    uint64_t trial;
    double time;    /* hours */
    int32_t source; /* node of the supplier whose release acts; -1 for an origin */
    int32_t target; /* node affected */
    int8_t kind;
} ssim_event_rec_t;

/* A per-thread, growing list of event rows, in the order they happen.  Rows
 * of one trial are contiguous and trials appear in increasing order. */
typedef struct {
    ssim_event_rec_t *rec;
    size_t n, cap;
    int failed; /* growing failed: the run reports SSIM_ENOMEM */
} ssim_event_log_t;

/* Append a row (amortised O(1); grows geometrically: the table is off by
 * default because it costs memory and time). */
void ssim_event_log_add(ssim_event_log_t *log, uint64_t trial, double time, int kind,
                        int32_t source, int32_t target);
void ssim_event_log_destroy(ssim_event_log_t *log);

/* Per-thread per-operator accumulators (integers: order-independent). */
typedef struct {
    uint32_t *n_compromised; /* O: trials in which the operator was compromised */
    uint32_t *n_out;         /* O: trials in which it lost any capacity */
    uint64_t *outage_ms;     /* O: capacity-weighted outage, milli-hours (rounded per trial) */
    /* Milli-hours of outage that each count in n_out stands for on top of
     * outage_ms: a model whose failed operators are all out for the same time
     * (the static kernels: the horizon) sets it instead of adding to outage_ms
     * per failed operator, and ssim_op_accum_add folds it in (integers: the
     * merged outage_ms is the same).  0 otherwise; the merged results' is 0. */
    uint64_t outage_ms_per_out;
    ssim_event_log_t *log; /* this thread's event table, or NULL when off (borrowed) */
} ssim_op_accum_t;

/* Storage flags of ssim_results_init (or-ed). */
enum {
    SSIM_RESULTS_TIME_SERIES = 1,  /* keep the per-trial time series (SSIM_COL_SERIES columns) */
    SSIM_RESULTS_LEAN = 2,         /* lean storage (above): no per-trial folded values */
    SSIM_RESULTS_NO_OPERATORS = 4, /* no per-operator statistics: ops's arrays stay NULL,
                                    * and models skip their per-operator counts */
};

/* A column of a results object: its definition, storage and summaries. */
typedef struct {
    const ssim_col_def_t *def;
    const ssim_col_table_t *table; /* the table it came from */
    size_t width;                  /* values per trial (1, S, P, K S, N, K N) */
    int present;        /* 0: declared but not produced by this run (no storage, no file) */
    void *data;         /* T x width values; NULL when not stored per trial */
    size_t fold_off;    /* folded: index of its first sum in a block's sums */
    size_t scratch_off; /* folded in lean storage: byte offset in the scratch row */
    /* summaries (after ssim_results_summarize), by def->summary: */
    ssim_summary_t *stats;   /* width (SUM_STATS) */
    double *mean;            /* width (SUM_MEAN, SUM_BANDS) */
    double *p05, *p50, *p95; /* width (SUM_BANDS) */
} ssim_col_t;

typedef struct {
    /* dimensions */
    uint64_t n_trials;
    size_t n_sectors, n_steps, n_operators;
    double step_hours, horizon_hours;
    int keep_time_series;
    int lean;       /* SSIM_RESULTS_LEAN */
    uint64_t block; /* B: trials per block of folded sums (ssim_results_block) */

    /* the columns: ids 0 .. n_cols-1, the base table first */
    ssim_col_t col[SSIM_RESULTS_MAX_COLS];
    size_t n_cols;
    size_t axis_n;     /* N of the added table with an axis (0: none) */
    char **axis_names; /* N labels of that axis (owned copies) */

    double *fold; /* lean: ceil(T/B) x fold_width sums of the folded
                                       columns by block, in column order; NULL otherwise */
    size_t fold_width;
    size_t scratch_bytes; /* lean: bytes of the scratch row; 0 otherwise */

    /* The per-trial plan, derived from the columns whenever they change
     * (storage.c), so that the row, the fold and the hash of a trial loop over
     * flat arrays instead of the column definitions. */
    struct ssim_results_slot {
        char *base;     /* the column's values (stored per trial), or NULL */
        size_t stride;  /* bytes per trial of base; 0 when not stored */
        size_t scratch; /* folded in lean storage: byte offset in the scratch row + 1; else 0 */
    } slot[SSIM_RESULTS_MAX_COLS];
    uint8_t stored[SSIM_RESULTS_MAX_COLS]; /* ids of the columns stored per trial (stride > 0) */
    size_t n_stored;
    struct ssim_results_fold_op {
        uint8_t col, type; /* column id, ssim_col_type_t */
        int32_t at_least;  /* > 0: add (value >= at_least) */
        uint32_t width;    /* values */
        uint32_t off;      /* first sum in a block's sums */
    } fold_op[SSIM_RESULTS_MAX_COLS];
    size_t n_fold_ops;
    struct ssim_results_hash_op {
        uint8_t col;  /* column id */
        uint8_t kind; /* 0: a scalar into the table's packed record; 1: absorb the packed
                         record (end of a table's scalars); 2: absorb the column's values */
        size_t bytes; /* of the value (0, 1) or of the trial's values (2) */
    } hash_op[2 * SSIM_RESULTS_MAX_COLS];
    size_t n_hash_ops;

    /* per operator, after the merge (length O) */
    ssim_op_accum_t ops;

    uint64_t verification; /* sum of the trials' row hashes (ssim_results_row_hash) */

    /* event table (output.events), merged in trial order; "E" = n_event_rows */
    size_t n_event_rows;
    uint64_t *ev_trial; /* E */
    double *ev_time;    /* E: hours */
    int8_t *ev_kind;    /* E: code in ssim_vocab_event_kind */
    int32_t *ev_source; /* E: supplier node, or -1 */
    int32_t *ev_target; /* E: node */

    /* economic layer parameters (models/economic; 0 / NULL when it is off),
     * along the added table's axis (axis_n IO sectors) */
    double *econ_x_per_hour; /* N: outputs, yen per hour; NULL when unknown */
    double *econ_k;          /* N: DIIM recovery rates, 1/hours; NULL when off */
} ssim_results_t;

/* Allocate result storage for the base table (zeroed); flags:
 * SSIM_RESULTS_*.  Raises SSIM_ENOMEM (exit 3) when the estimate from
 * ssim_results_bytes() is over the cap or allocation fails. */
ssim_status_t ssim_results_init(ssim_results_t *r, uint64_t n_trials, size_t n_sectors,
                                size_t n_operators, double horizon_hours, double step_hours,
                                int flags);
void ssim_results_destroy(ssim_results_t *r);

/* Add a table's columns (after ssim_results_init, before the run): their
 * ids are *first .. *first + table->n_cols - 1, in table order.  present
 * (NULL: all) marks the columns this run produces; the others get an id but
 * no storage.  A table with an axis gives its length n and labels (copied);
 * one such table per results object.  Raises SSIM_ENOMEM (exit 3) over the
 * memory cap or when allocation fails, SSIM_EINTERNAL when the table does not
 * fit (SSIM_RESULTS_MAX_COLS) or repeats a column name. */
ssim_status_t ssim_results_add_table(ssim_results_t *r, const ssim_col_table_t *table,
                                     const uint8_t *present, size_t n,
                                     const char *const *axis_names, int *first);

/* Before the trial loop allocates its threads' state: SSIM_ENOMEM (exit 3,
 * with the figures) when r's storage plus `threads` x (per_thread bytes, as
 * measured on the first thread's workspace, plus a summary workspace at its
 * smallest) is over the memory cap (80 % of physical memory, lowered by the
 * environment variable SSIM_MEMORY_CAP_MB when set). */
ssim_status_t ssim_results_check_room(const ssim_results_t *r, int threads, uint64_t per_thread);

/* Bytes the base table's storage will take (for the up-front estimate and
 * the cap); flags as ssim_results_init. */
uint64_t ssim_results_bytes(uint64_t n_trials, size_t n_sectors, size_t n_operators, size_t n_steps,
                            int flags);

/* The storage flags for a run that writes per-trial rows (per_trial) or not,
 * keeps the per-trial time series (time_series) or not, and reads the
 * per-operator statistics (per_operator) or not: lean storage when it writes
 * no rows, no per-operator arrays when nothing reads them. */
int ssim_results_flags(int per_trial, int time_series, int per_operator);

/* B, the trials per block of folded sums for n_trials trials: the largest
 * power of two <= n_trials / 1024, within [1, 64].  It depends on the trial
 * count only, never on the threads; the run hands out whole blocks. */
uint64_t ssim_results_block(uint64_t n_trials);

/* Number of time-series steps: ceil(horizon / step). */
size_t ssim_results_n_steps(double horizon_hours, double step_hours);

/* Column id by name, or -1. */
int ssim_results_find(const ssim_results_t *r, const char *name);

/* A column's per-trial values (T x width, typed as its def), or NULL when
 * not stored per trial. */
static inline double *ssim_results_f64(const ssim_results_t *r, int id) { return r->col[id].data; }
static inline float *ssim_results_f32(const ssim_results_t *r, int id) { return r->col[id].data; }
static inline int32_t *ssim_results_i32(const ssim_results_t *r, int id) { return r->col[id].data; }
static inline uint32_t *ssim_results_u32(const ssim_results_t *r, int id)
{
    return r->col[id].data;
}

/* Pointers to trial t's row.  In lean storage the folded values point into
 * scratch (r->scratch_bytes bytes, aligned for double, zeroed here), or are
 * NULL when scratch is NULL; scratch is unused otherwise. */
void ssim_results_row(ssim_results_t *r, uint64_t t, void *scratch, ssim_trial_row_t *row);

/* Lean storage: add trial t's folded values (row from ssim_results_row with
 * a scratch) into the sums of its block.  The trials of a block must be
 * folded by one thread, in trial order.  Nothing otherwise. */
void ssim_results_fold(ssim_results_t *r, uint64_t t, const ssim_trial_row_t *row);

/* The trial loop's rows, one thread's trials after another, without a
 * per-trial pass over every column or a clear of the whole scratch row:
 *
 *   ssim_results_row_begin(r, scratch, &row);     once, scratch all zeros
 *   for each trial t:
 *       ssim_results_row_seek(r, t, &row);        O(columns stored per trial)
 *       model->trial(..., &row, ...);
 *       ssim_results_fold_take(r, t, &row);       O(folded values)
 *
 * _begin sets every pointer as ssim_results_row(r, 0, scratch) does, but
 * does not clear scratch: the caller hands it zeroed (calloc), and
 * _fold_take keeps it so: it adds the folded values into the sums of the
 * block of t (lean storage, as ssim_results_fold) and sets them back to 0.
 * The sums and every stored value are those of ssim_results_row and
 * ssim_results_fold.  _seek moves only the stored columns' pointers to
 * trial t.  Without a scratch (not lean), _fold_take does nothing. */
void ssim_results_row_begin(const ssim_results_t *r, void *scratch, ssim_trial_row_t *row);
static inline void ssim_results_row_seek(const ssim_results_t *r, uint64_t t, ssim_trial_row_t *row)
{
    for (size_t i = 0; i < r->n_stored; i++) {
        const struct ssim_results_slot *s = &r->slot[r->stored[i]];
        row->col[r->stored[i]] = s->base + t * s->stride;
    }
}
void ssim_results_fold_take(ssim_results_t *r, uint64_t t, ssim_trial_row_t *row);

/* Per-thread accumulators: init (zeroed, O each), add into results (from's
 * outage_ms_per_out folded into into's outage_ms; nothing when either has no
 * arrays: SSIM_RESULTS_NO_OPERATORS), destroy.  A model given an accumulator
 * without arrays (n_compromised NULL) skips its per-operator counts. */
ssim_status_t ssim_op_accum_init(ssim_op_accum_t *a, size_t n_operators);
void ssim_op_accum_add(ssim_op_accum_t *into, const ssim_op_accum_t *from, size_t n_operators);
void ssim_op_accum_destroy(ssim_op_accum_t *a);

/* Merge per-thread event logs into the results' event table, ordered by trial
 * and, within a trial, as recorded (so the table does not depend on the
 * thread count).  SSIM_ENOMEM when a log failed to grow or allocation fails. */
ssim_status_t ssim_results_set_events(ssim_results_t *r, ssim_event_log_t *logs, size_t n_logs);

/* The same, keeping the rows r holds (of other trials than the logs'). */
ssim_status_t ssim_results_add_events(ssim_results_t *r, ssim_event_log_t *logs, size_t n_logs);

/* Compute every summary and the verification hash from the rows, on up to
 * `threads` threads (OpenMP): columns are summarized in groups, each group on
 * one thread and each column in trial order, and the hash is summed over
 * ranges of trials, so the results do not depend on `threads`.  Each thread
 * has its own gather workspace (at most 64 MB, within its share of the memory
 * cap).  SSIM_ENOMEM when a workspace fails. */
ssim_status_t ssim_results_summarize(ssim_results_t *r, int threads);

/* Summaries of a column (after ssim_results_summarize; NULL when its kind
 * has none): the statistics of element i are ssim_results_stats(r, id)[i]. */
static inline const ssim_summary_t *ssim_results_stats(const ssim_results_t *r, int id)
{
    return r->col[id].stats;
}
static inline const double *ssim_results_mean(const ssim_results_t *r, int id)
{
    return r->col[id].mean;
}

/* The verification hash: the sum (mod 2^64) over trials t of
 * ssim_results_row_hash(r, row t, t), a hash of the trial's number and of
 * every hashed value of its row; in lean storage, of the values kept per
 * trial, plus a hash of each block's folded sums.  A sum does not depend on
 * the order of its terms, so ssim_results_summarize adds ranges of trials on
 * different threads and the total is the same at any thread count.
 * ssim_results_hash is the plain serial loop (the tests' reference). */
uint64_t ssim_results_row_hash(const ssim_results_t *r, const ssim_trial_row_t *row, uint64_t t);
void ssim_results_hash(ssim_results_t *r);

/* Summary of the n values x[0], x[stride], ... x[(n-1)*stride] (no NaN).
 * scratch and spare (caller-owned, length n each, distinct) are overwritten.
 * Order statistics equal those of a stable sort of the values; O(n) time. */
void ssim_summary_compute(ssim_summary_t *s, const double *x, size_t n, size_t stride,
                          double *scratch, double *spare);

#endif
