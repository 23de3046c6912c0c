/* results — per-trial result rows, per-operator statistics and summaries.
 *
 * Storage is allocated once before the parallel loop; trial t writes only row
 * t (so threads never share a row), and per-operator counts are integers
 * accumulated per thread and merged after the loop (integer sums do not
 * depend on order).  Summaries are computed after the loop, in trial order,
 * so every floating-point figure is identical at any thread count.
 *
 * Array lengths are documented next to each field; "T" = n_trials,
 * "S" = n_sectors, "P" = SSIM_N_PREFECTURES, "K" = n_steps, "O" = n_operators.
 * Row-major: [t][s] is index t*S + s; time series [t][k][s] is (t*K + k)*S + s.
 *
 * Lean storage (SSIM_RESULTS_LEAN, the runs that write no per-trial rows:
 * output.per_trial off) keeps per trial only what the summaries sort or a
 * caller reads per trial: customer_hours, peak_customers_out, operators_out,
 * events, sector_customer_hours, the time series and the economic losses.
 * The values that are only ever averaged (the "folded" values: max_sectors_out
 * as the indicator of >= 2 sectors, suppliers_compromised,
 * operators_compromised, sector_compromised, sector_out, pref_customer_hours,
 * econ_impact, econ_peak) go into a per-thread scratch row and are added into
 * the sums of the trial's block: trials [b B, (b + 1) B), B =
 * ssim_results_block(T), each block run by one thread in trial order.  The
 * means are the sums of the blocks in block order over T, in both storages,
 * so lean and full storage give the same summaries to the bit (a 670-byte row
 * of the benchmark network becomes 152 bytes).
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
    double mean, sd, se;           /* sample mean, standard deviation, standard error */
    double ci_low, ci_high;        /* 95% normal confidence interval of the mean */
    double min, max;
    double p_nonzero;              /* fraction of trials with a value > 0 */
    double quantile[SSIM_N_QUANTILES];    /* at ssim_quantile_levels (type 7, as numpy) */
    double cvar95, cvar99;         /* mean of the worst 5% / 1% of trials */
    double exceedance[SSIM_N_EXCEEDANCE]; /* value exceeded with probability ssim_exceedance_probs */
} ssim_summary_t;

/* One trial's view of the result storage (pointers into ssim_results_t). */
typedef struct {
    double *customer_hours;          /* 1 */
    double *peak_customers_out;      /* 1 */
    int32_t *max_sectors_out;        /* 1 */
    int32_t *suppliers_compromised;  /* 1 */
    int32_t *operators_compromised;  /* 1 */
    int32_t *operators_out;          /* 1 */
    uint32_t *events;                /* 1 */
    double *sector_customer_hours;   /* S */
    int32_t *sector_compromised;     /* S */
    int32_t *sector_out;             /* S */
    double *pref_customer_hours;     /* P */
    float *time_series;              /* K*S, or NULL when not kept */
    /* economic layer ("N" = econ_n IO sectors); all NULL when it is off */
    double *econ_loss;               /* 1: yen, all IO sectors (NULL without outputs x) */
    double *econ_sector_loss;        /* N: yen (NULL without outputs x) */
    double *econ_impact;             /* N: integral of inoperability, hours */
    double *econ_peak;               /* N: largest step-mean inoperability */
    float *econ_q;                   /* K*N: step-mean inoperability, or NULL when not kept */
} ssim_trial_row_t;

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
    uint32_t *n_compromised;  /* O: trials in which the operator was compromised */
    uint32_t *n_out;          /* O: trials in which it lost any capacity */
    uint64_t *outage_ms;      /* O: capacity-weighted outage, milli-hours (rounded per trial) */
    /* Milli-hours of outage that each count in n_out stands for on top of
     * outage_ms: a model whose failed operators are all out for the same time
     * (the static kernels: the horizon) sets it instead of adding to outage_ms
     * per failed operator, and ssim_op_accum_add folds it in (integers: the
     * merged outage_ms is the same).  0 otherwise; the merged results' is 0. */
    uint64_t outage_ms_per_out;
    ssim_event_log_t *log;    /* this thread's event table, or NULL when off (borrowed) */
} ssim_op_accum_t;

/* Storage flags of ssim_results_init (or-ed). */
enum {
    SSIM_RESULTS_TIME_SERIES = 1, /* keep the per-trial time series */
    SSIM_RESULTS_LEAN = 2,        /* lean storage (above): no per-trial folded values */
    SSIM_RESULTS_NO_OPERATORS = 4, /* no per-operator statistics: ops's arrays stay NULL,
                                    * and models skip their per-operator counts */
};

typedef struct {
    /* dimensions */
    uint64_t n_trials;
    size_t n_sectors, n_steps, n_operators;
    double step_hours, horizon_hours;
    int keep_time_series;
    int lean;                       /* SSIM_RESULTS_LEAN */
    uint64_t block;                 /* B: trials per block of folded sums (ssim_results_block) */

    /* per trial (length T unless stated; the folded ones NULL in lean storage) */
    double *customer_hours;         /* customer-hours of lost service, all sectors */
    double *peak_customers_out;     /* peak simultaneous customers without service */
    int32_t *max_sectors_out;       /* peak number of sectors with an outage at once */
    int32_t *suppliers_compromised;
    int32_t *operators_compromised;
    int32_t *operators_out;
    uint32_t *events;               /* events processed by the trial */
    double *sector_customer_hours;  /* T*S */
    int32_t *sector_compromised;    /* T*S */
    int32_t *sector_out;            /* T*S */
    double *pref_customer_hours;    /* T*P */
    float *time_series;             /* T*K*S: mean customers out over each step; NULL if not kept */
    double *fold;                   /* lean: ceil(T/B) x fold_width sums of the folded values
                                       by block (layout in results.c); NULL otherwise */
    size_t fold_width;

    /* per operator, after the merge (length O) */
    ssim_op_accum_t ops;

    /* summaries, after ssim_results_summarize() */
    ssim_summary_t total;              /* of customer_hours */
    ssim_summary_t peak;               /* of peak_customers_out */
    ssim_summary_t *sector;            /* S: of sector_customer_hours[:, s] */
    double *pref_mean;                 /* P: mean customer-hours by prefecture */
    double *sector_compromised_mean;   /* S: mean operators compromised by sector */
    double *sector_out_mean;           /* S: mean operators out by sector */
    double suppliers_compromised_mean, operators_compromised_mean;
    double p_multi_sector;             /* fraction of trials with >= 2 sectors out at once */
    double *ts_mean;                   /* K*S: mean over trials of time_series, NULL if not kept */
    double *ts_p05, *ts_p50, *ts_p95;  /* K*S: bands over trials, NULL if not kept */
    uint64_t verification;             /* sum of the trials' row hashes (ssim_results_row_hash) */

    /* event table (output.events), merged in trial order; "E" = n_event_rows */
    size_t n_event_rows;
    uint64_t *ev_trial;   /* E */
    double *ev_time;      /* E: hours */
    int8_t *ev_kind;      /* E: code in ssim_vocab_event_kind */
    int32_t *ev_source;   /* E: supplier node, or -1 */
    int32_t *ev_target;   /* E: node */

    /* economic layer (ssim_results_econ_init; everything 0 / NULL when it is
     * off).  "N" = econ_n IO sectors; loss arrays only when x is known. */
    size_t econ_n;
    char **econ_names;           /* N IO sector names (owned copies) */
    double *econ_x_per_hour;     /* N: outputs, yen per hour; NULL when unknown */
    double *econ_k;              /* N: DIIM recovery rates, 1/hours */
    double *econ_loss;           /* T: yen, all IO sectors (with x) */
    double *econ_sector_loss;    /* T*N: yen (with x) */
    double *econ_impact;         /* T*N: integral of inoperability over the horizon, hours */
    double *econ_peak;           /* T*N: largest step-mean inoperability */
    float *econ_q;               /* T*K*N: step-mean inoperability; NULL unless the time
                                    series is kept */
    ssim_summary_t econ_total;   /* of econ_loss (with x) */
    ssim_summary_t *econ_sector; /* N: of econ_sector_loss[:, j] (with x) */
    double *econ_impact_mean;    /* N: mean over trials of econ_impact */
    double *econ_q_mean;         /* K*N: mean over trials of econ_q, NULL when not kept */
} ssim_results_t;

/* Allocate result storage (zeroed); flags: SSIM_RESULTS_*.  Raises
 * SSIM_ENOMEM (exit 3) when the estimate from ssim_results_bytes() is over
 * the cap or allocation fails. */
ssim_status_t ssim_results_init(ssim_results_t *r, uint64_t n_trials, size_t n_sectors,
                                size_t n_operators, double horizon_hours, double step_hours,
                                int flags);
void ssim_results_destroy(ssim_results_t *r);

/* Add the economic layer's storage for n IO sectors (names copied; x_per_hour
 * may be NULL: no losses in yen; k copied).  The step-mean inoperability is
 * kept when the time series is.  Replaces earlier economic storage.  Raises
 * SSIM_ENOMEM (exit 3) over the memory cap or when allocation fails. */
ssim_status_t ssim_results_econ_init(ssim_results_t *r, size_t n, const char *const *names,
                                     const double *x_per_hour, const double *k);

/* Bytes the storage will take (for the up-front estimate and the cap);
 * flags as ssim_results_init. */
uint64_t ssim_results_bytes(uint64_t n_trials, size_t n_sectors, size_t n_operators,
                            size_t n_steps, int flags);

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

/* Pointers to trial t's row.  In lean storage the folded values point into
 * scratch (ssim_results_scratch_bytes(r) bytes, aligned for double, zeroed
 * here), or are NULL when scratch is NULL; scratch is unused otherwise. */
void ssim_results_row(ssim_results_t *r, uint64_t t, void *scratch, ssim_trial_row_t *row);

/* Bytes of the scratch row of lean storage; 0 otherwise. */
size_t ssim_results_scratch_bytes(const ssim_results_t *r);

/* Lean storage: add trial t's folded values (row from ssim_results_row with
 * a scratch) into the sums of its block.  The trials of a block must be
 * folded by one thread, in trial order.  Nothing otherwise. */
void ssim_results_fold(ssim_results_t *r, uint64_t t, const ssim_trial_row_t *row);

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

/* Compute every summary and the verification hash from the rows, on up to
 * `threads` threads (OpenMP): columns are summarized in groups, each group on
 * one thread and each column in trial order, and the hash is summed over
 * ranges of trials, so the results do not depend on `threads`.  Each thread
 * has its own gather workspace (at most 64 MB, within its share of the memory
 * cap).  SSIM_ENOMEM when a workspace fails. */
ssim_status_t ssim_results_summarize(ssim_results_t *r, int threads);

/* The verification hash: the sum (mod 2^64) over trials t of
 * ssim_results_row_hash(r, row t, t), a hash of the trial's number and of
 * every value of its row (events excepted); in lean storage, of the values
 * kept per trial, plus a hash of each block's folded sums.  A sum does not depend on the
 * order of its terms, so ssim_results_summarize adds ranges of trials on
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
