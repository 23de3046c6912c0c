/* study/criticality — `sectorsim criticality`: rank suppliers by systemic
 * importance, keeping the parts of the ranking separate so it can be
 * explained:
 *
 *   structural   reach (operators and their customers reachable through
 *                supply edges, direct and vendor-of-vendor: graph/), direct
 *                operators and customers;
 *   concentration the supplier's customer-weighted share among suppliers of
 *                its category serving each sector; its largest share, that
 *                sector, and its HHI contribution there (share^2 x 10,000);
 *   origin       foreign (country != JP);
 *   simulated    person-hours affected (and yen) when this supplier is the only origin
 *                of the scenario's incident: mean, p95, CVaR 95%, and the
 *                sectors and prefectures hit most.  Every supplier runs the
 *                same trials with the same seed (common random numbers), so
 *                differences between suppliers are not sampling noise in the
 *                draws they share.  A supplier that reaches no operator has
 *                impact 0 without simulation (nothing can install from it).
 *
 * Cost: one run of `trials` trials per supplier that reaches an operator.
 * Needs a model with SSIM_MODEL_CAP_ORIGINS.  The table and CSV are written by
 * analysis/criticality.h.
 */
#ifndef SSIM_STUDY_CRITICALITY_H
#define SSIM_STUDY_CRITICALITY_H

#include "core/status.h"
#include "study/study.h"

#include <stdint.h>

enum { SSIM_CRIT_TOP = 3 }; /* sectors / prefectures listed per supplier */

typedef struct {
    int32_t supplier;         /* index in the network */
    int32_t direct_operators; /* operators with a supply edge from it */
    double direct_people;     /* residents they serve (customers x people per customer) */
    int32_t reach_operators;  /* direct + transitive (graph/) */
    double reach_people;      /* residents served by the reached operators */
    double top_share;         /* largest customer-weighted share, in [0, 1] */
    int top_share_sector;     /* sector code of top_share, -1 when none */
    double hhi_contribution;  /* top_share^2 x 10,000 */
    int foreign;              /* 1 when country != "JP" */
    double sim_mean, sim_p95, sim_cvar95; /* person-hours affected per trial */
    double sim_yen;                       /* expected value of lost service, yen */
    int top_sector[SSIM_CRIT_TOP];        /* sector codes by mean impact, -1 padding */
    int top_prefecture[SSIM_CRIT_TOP];    /* JIS codes by mean impact, -1 padding */
    int simulated;                        /* 0 when skipped (no reach) */
} ssim_crit_row_t;

typedef struct {
    uint64_t trials; /* per supplier (the scenario's, or --trials) */
    int threads;     /* <= 0: OpenMP default */
    int progress;    /* 1: a line per 10 suppliers on stderr */
} ssim_crit_opts_t;

/* Check that the job's model can run the study (SSIM_MODEL_CAP_ORIGINS):
 * SSIM_EINVAL with a message naming the scenario otherwise. */
ssim_status_t ssim_study_criticality_check(const ssim_study_job_t *job);

/* Compute one row per supplier of the job's network into rows (caller-owned,
 * length job->net.n_suppliers), sorted by sim_mean, then reach_people,
 * descending.  The job's incident origin is temporarily replaced by each
 * supplier (and restored before returning); the model is prepared once per
 * simulated supplier.  SSIM_EINVAL when the model has no
 * SSIM_MODEL_CAP_ORIGINS.  Serial entry point (each run is parallel inside). */
ssim_status_t ssim_study_criticality(ssim_study_job_t *job, const ssim_crit_opts_t *opts,
                                     ssim_crit_row_t *rows);

#endif
