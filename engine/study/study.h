/* study — the layer of every multi-run driver (compare, criticality, and the
 * wave-2 studies to come: the risk catalogue, sweeps, shards).
 *
 * A study loads one scenario with its network, graph and model (a *job*),
 * then runs the scenario — or a variant of it — on the same trials and seed,
 * so every run sees the same random numbers (common random numbers: every
 * draw is keyed by (seed, trial, entity, purpose), core/rng.h).  Studies use
 * the run, results and io layers and write their own files; the command line
 * sits above (cli/) and only parses, calls a study and prints.
 *
 * Capabilities are asked of the model (ssim_model_type_t.caps), never by its
 * name.
 */
#ifndef SSIM_STUDY_STUDY_H
#define SSIM_STUDY_STUDY_H

#include "core/sha256.h"
#include "core/status.h"
#include "graph/graph.h"
#include "input/network.h"
#include "models/registry.h"
#include "results/results.h"
#include "run/run.h"
#include "scenario/scenario.h"

#include <stdint.h>

/* What a job is loaded from (the command line's words, parsed). */
typedef struct {
    const char *scenario_path;
    uint64_t trials; /* 0: the scenario's */
    int have_seed;
    uint64_t seed;            /* with have_seed: overrides the scenario's */
    const char *network_dir;  /* non-NULL: overrides the scenario's network */
    int summary_only;         /* 1: no per-trial rows nor time series (output.per_trial off) */
    const char *options_path; /* non-NULL: take the options and burden of this scenario file */
} ssim_study_source_t;

/* A scenario with everything it runs on, loaded and checked before any
 * trial runs.  The model is prepared on the baseline network (ctx). */
typedef struct {
    ssim_scenario_t sc;
    ssim_scenario_t options_sc; /* the --options file (its strings back sc's options) */
    ssim_network_t net;
    ssim_graph_t graph;
    const ssim_model_type_t *model;
    ssim_model_ctx_t ctx; /* baseline: &net, &graph, &sc, the prepared shared data */
    void *shared;
    struct ssim_split *split; /* how its runs are split (study/split.h); NULL: one process */
} ssim_study_job_t;

/* Load scenario (with the overrides of src), network and graph, find the
 * model and prepare it.  Errors name the file and the rule; on failure the
 * job holds what was loaded (ssim_study_job_destroy releases it). */
ssim_status_t ssim_study_job_load(ssim_study_job_t *job, const ssim_study_source_t *src);

/* Check that writing `output` cannot destroy an input of the job: when it
 * exists it must not be the same file (device and inode, so links and other
 * spellings count) as the scenario, the options file or a network file.
 * SSIM_EINVAL naming both paths otherwise. */
ssim_status_t ssim_study_check_output(const ssim_study_job_t *job, const char *output);

/* The same for any study: output must not be one of inputs[0 .. n) (NULL
 * entries skipped) nor a file of the network directory network_dir. */
ssim_status_t ssim_study_check_output_paths(const char *output, const char *const *inputs, size_t n,
                                            const char *network_dir);

/* The identity of what decides the job's results (hex SHA-256): the
 * sectorsim version and git revision, the command, the resolved scenario
 * (options and overrides included), its storage flags, and every network
 * file's digest.  Shards and checkpoints carry it (study/split.h). */
void ssim_study_identity(const ssim_study_job_t *job, const char *command, char hex[65]);

/* Add s (NULL: "") and its NUL to an identity hash: fields cannot run
 * together. */
void ssim_study_hash_text(ssim_sha256_t *h, const char *s);

/* Add every network file's digest ("-" for an absent optional file). */
void ssim_study_hash_network(ssim_sha256_t *h, const ssim_network_t *net);

/* Release everything (safe on a zeroed or partly loaded job). */
void ssim_study_job_destroy(ssim_study_job_t *job);

/* Run the job's trials (through job->split) on a prepared context (the baseline's, job->ctx, or
 * a variant's) into res, allocated here with `flags` (SSIM_RESULTS_*) and
 * `trials` trials (0: the scenario's).  The same trials and seed for every
 * call: paired runs share their random numbers.  On success res holds the
 * rows and summaries (caller destroys it); on failure it is released. */
ssim_status_t ssim_study_run(const ssim_study_job_t *job, const ssim_model_ctx_t *ctx,
                             uint64_t trials, int flags, const ssim_run_opts_t *opts,
                             ssim_results_t *res, ssim_run_stats_t *stats);

#endif
