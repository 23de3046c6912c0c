/* analysis/criticality — the ranked table and CSV of `sectorsim criticality`
 * (the rows come from the study, study/criticality.h). */
#ifndef SSIM_ANALYSIS_CRITICALITY_H
#define SSIM_ANALYSIS_CRITICALITY_H

#include "study/criticality.h"

#include <stdio.h>

/* Ranked table, top n rows (0: all). */
void ssim_analysis_criticality_print(FILE *out, const ssim_network_t *net,
                                     const ssim_crit_row_t *rows, size_t n);

/* The ranked CSV (UTF-8, one row per supplier), written atomically. */
ssim_status_t ssim_analysis_criticality_write_csv(const char *path, const ssim_network_t *net,
                                                  const ssim_crit_row_t *rows);

#endif
