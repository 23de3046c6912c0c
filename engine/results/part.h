/* results/part — the state a range of blocks adds to a results object: the
 * unit that shards, checkpoints and MPI ranks carry (docs/scale-out.md).
 *
 * A run's trials fall in blocks (ssim_results_block: a function of the trial
 * count only).  What blocks [first, end) contribute to a results object is
 *   - the rows of their trials, for every column stored per trial;
 *   - their block sums of the folded columns (lean storage);
 *   - the per-operator counts of their trials (integers: added);
 *   - the event rows of their trials (merged in trial order);
 * and nothing else: the summaries and the verification hash are computed
 * once, from every block (ssim_run_finish).  So a run split anywhere into
 * parts, run in any order on any number of processes and put back, gives
 * the same bytes.  A part's layout (a text naming every stored column, its
 * type and width, the fold width, trials, block and operators) must match
 * the results it is put into. */
#ifndef SSIM_RESULTS_PART_H
#define SSIM_RESULTS_PART_H

#include "results/results.h"

/* One array of a part: n elements of elem bytes (owned). */
typedef struct {
    char name[64]; /* the column's name, or "fold" */
    size_t elem, n;
    void *data;
} ssim_part_array_t;

typedef struct {
    uint64_t first, end; /* blocks [first, end) */
    double elapsed;      /* seconds of the trial loops that ran them (provenance) */
    char *layout;        /* ssim_results_layout of the results it came from (owned) */
    size_t n_arrays;
    ssim_part_array_t array[SSIM_RESULTS_MAX_COLS + 1];
    size_t n_operators; /* 0: no per-operator counts */
    uint32_t *op_compromised, *op_out;
    uint64_t *op_outage_ms;
    ssim_event_log_t events; /* in trial order */
} ssim_results_part_t;

/* r's layout, a NUL-terminated text (caller frees); NULL when out of memory. */
char *ssim_results_layout(const ssim_results_t *r);

/* Copy the state of blocks [first, end) of r into p (allocated here).  The
 * per-operator counts and events copied are all of r's: the caller takes a
 * part from results that hold only that part's (a part run, a checkpoint).
 * SSIM_ENOMEM (p released). */
ssim_status_t ssim_results_part_take(const ssim_results_t *r, uint64_t first, uint64_t end,
                                     ssim_results_part_t *p);

/* Put p into r: its rows and block sums in place, its counts added (when it
 * has them: op_compromised non-NULL), its events merged.  SSIM_EINVAL (naming `what`, e.g. the shard's file) when
 * the layouts differ or the range is outside r; SSIM_ENOMEM. */
ssim_status_t ssim_results_part_put(ssim_results_t *r, const ssim_results_part_t *p,
                                    const char *what);

/* The arrays p must have for r's layout and range [first, end), with their
 * sizes, data NULL (a reader allocates and fills them). */
ssim_status_t ssim_results_part_shape(const ssim_results_t *r, uint64_t first, uint64_t end,
                                      ssim_results_part_t *p);

void ssim_results_part_destroy(ssim_results_part_t *p);

/* Where array i of a part of r for blocks [first, end) lives in r's own
 * storage (n elem-byte values, as ssim_results_part_shape sizes them): MPI
 * ranks send and receive a part's arrays in place, without a copy. */
void *ssim_results_part_place(const ssim_results_t *r, uint64_t first, uint64_t end, size_t i);

#endif
