/* study/risk — risk over a year: the incident catalogue simulated year by
 * year, and regulation options ranked across it (sectorsim risk;
 * docs/risk.md).
 *
 * The year model.  Years 0 .. Y-1 fall into R replicates of Y/R years each.
 * Replicate r draws each class's rate once, lambda[r][c] ~ the class's rate
 * distribution (stream: class seed, trial r, purpose SSIM_RISK_PURPOSE_RATE);
 * year y then draws N[y][c] ~ Poisson(lambda[r][c]) incidents of class c
 * (trial y, purpose SSIM_RISK_PURPOSE_COUNT).  The incidents of class c,
 * numbered k = 0, 1, ... in year order, are trials k of the class's scenario
 * run with the class's seed (a hash of the catalogue seed and the class
 * name, so adding a class leaves the others' years alone).  Every option
 * replays exactly these years and incidents: common random numbers, and an
 * option that changes nothing gives exactly the baseline's bytes.
 *
 * Per year and option: the aggregate (sum over the year's incidents) and the
 * occurrence (largest single incident) of each metric: yen (loss_yen),
 * person-hours affected, and each sector's lost service in its own unit.
 * Everything is reduced after the runs in a fixed order (year, class,
 * incident), so the results do not depend on the thread count.
 */
#ifndef SSIM_STUDY_RISK_H
#define SSIM_STUDY_RISK_H

#include "models/registry.h"
#include "results/risk.h"
#include "run/run.h"
#include "scenario/catalogue.h"
#include "study/study.h"

#include <stdint.h>

/* A catalogue with everything it runs on. */
typedef struct {
    ssim_catalogue_t cat;
    ssim_scenario_t options_sc; /* options and burden; path NULL when none */
    ssim_network_t net;
    ssim_graph_t graph;
    struct ssim_risk_class {
        ssim_scenario_t sc;
        const ssim_model_type_t *model;
        uint64_t seed;        /* the class's seed */
    } * cls;                  /* cat.n_classes */
    struct ssim_split *split; /* how its runs are split (study/split.h); NULL: one process */
} ssim_risk_job_t;

/* The identity of what decides the study's results (study/split.h): the
 * version, the catalogue's text and overrides, every class's resolved
 * scenario, the options and the network files' digests. */
void ssim_risk_identity(const ssim_risk_job_t *job, char hex[65]);

/* Load the catalogue (with --years/--seed overrides; options_path non-NULL
 * replaces the catalogue's `options`), its network and graph, every class's
 * scenario (its network replaced by the catalogue's) and model, and the
 * options file.  Errors name the file and the rule. */
ssim_status_t ssim_risk_job_load(ssim_risk_job_t *job, const char *path, uint64_t years,
                                 int have_seed, uint64_t seed, const char *options_path);
void ssim_risk_job_destroy(ssim_risk_job_t *job);

/* SSIM_EINVAL when output is one of the job's input files. */
ssim_status_t ssim_risk_check_output(const ssim_risk_job_t *job, const char *output);

/* Simulate the catalogue's years for the baseline and every option into r
 * (initialised here; free with ssim_risk_destroy). */
ssim_status_t ssim_risk_run(ssim_risk_job_t *job, const ssim_run_opts_t *opts, ssim_risk_t *r,
                            ssim_run_stats_t *stats);

#endif
