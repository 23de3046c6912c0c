/* results/internal — what the files of engine/results share (private). */
#ifndef SSIM_RESULTS_INTERNAL_H
#define SSIM_RESULTS_INTERNAL_H

#include "results/results.h"

#include <stddef.h>
#include <stdint.h>

/* Bytes of one element of a column type. */
size_t ssim_col_type_size(ssim_col_type_t t);

/* Values per trial of a column of `shape` (n: the table's axis length). */
size_t ssim_col_width(ssim_col_shape_t shape, size_t S, size_t K, size_t n);

/* Number of blocks of B trials covering T. */
static inline uint64_t ssim_results_n_blocks(uint64_t T, uint64_t B) { return (T + B - 1) / B; }

/* The memory cap for result storage: 80% of physical memory. */
uint64_t ssim_results_memory_cap(void);

/* Bytes r's storage takes now (columns, block sums, per-operator arrays). */
uint64_t ssim_results_storage_bytes(const ssim_results_t *r);

/* Add a row's folded values into acc (r->fold_width doubles, in column order;
 * a column with at_least adds the indicator value >= at_least). */
void ssim_results_fold_add(const ssim_results_t *r, double *acc, const ssim_trial_row_t *row);

/* Sum of the row hashes of trials [first, first + n), and in lean storage of
 * the hashes of the blocks that start among them (hash.c). */
uint64_t ssim_results_hash_trials(ssim_results_t *r, uint64_t first, uint64_t n);

#endif
