/* study/compare — regulation options on common random numbers (sectorsim
 * compare; docs/regulation.md).
 *
 *   run the baseline                     (ssim_study_run on the job's context)
 *   for each option: build its variant (models/regulation), prepare the model
 *     on it, run the same trials with the same seed, and reduce against the
 *     baseline in trial order (paired difference, unpaired SE, tails, burden)
 *   mark the risk/burden frontier
 *
 * Every statistic is a reduction in trial order after the runs, so the table
 * does not depend on the thread count.  Needs a model with
 * SSIM_MODEL_CAP_VARIANTS and a scenario with options.
 */
#ifndef SSIM_STUDY_COMPARE_H
#define SSIM_STUDY_COMPARE_H

#include "results/compare.h"
#include "study/study.h"

/* Check that the job can be compared (model capability, options present):
 * SSIM_EINVAL with a message naming the scenario otherwise. */
ssim_status_t ssim_study_compare_check(const ssim_study_job_t *job);

/* Run the baseline and every option into c (initialised here; caller
 * destroys it with ssim_compare_destroy) and the baseline's results into res
 * (per-trial rows when the scenario keeps them; caller destroys it).  stats
 * are the baseline run's. */
ssim_status_t ssim_study_compare(ssim_study_job_t *job, const ssim_run_opts_t *opts,
                                 ssim_compare_t *c, ssim_results_t *res, ssim_run_stats_t *stats);

#endif
