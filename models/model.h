/* models/model — the plug-in interface every propagation model implements.
 *
 * A model is one `static const ssim_model_type_t` in its own file, listed in
 * the registry (registry.c); adding a model edits no other model.  The run
 * layer drives it:
 *
 *   prepare()          serial, once: check the scenario against the network,
 *                      precompute shared read-only data
 *   results_prepare()  optional, serial, once: extra result storage
 *   workspace_alloc()  serial, once per thread, before the parallel loop
 *   trial()            in parallel: simulate one trial into its result row
 *                      (every value 0 on entry: a model may add into it);
 *                      reads only ctx (const) and writes only its workspace,
 *                      its row and its thread's accumulators; no allocation
 *                      except rare amortised growth of its own workspace
 *   workspace_free(), release()   serial, after the loop
 *
 * Random numbers: every draw must come from a stream keyed by
 * (seed, trial, entity, purpose) (core/rng.h) — never from thread state.
 */
#ifndef SSIM_MODELS_MODEL_H
#define SSIM_MODELS_MODEL_H

#include "core/status.h"
#include "graph/graph.h"
#include "input/network.h"
#include "results/results.h"
#include "scenario/scenario.h"

#include <stdint.h>

typedef struct {
    const ssim_network_t *net;
    const ssim_graph_t *graph;
    const ssim_scenario_t *sc;
    const void *shared; /* set from prepare(); read-only during the run */
    /* A regulation option's variant (models/options.h), or NULL for the
     * baseline.  When set, net and graph are the variant's and supply_chain
     * reads its per-entity lever arrays; other models ignore it. */
    const struct ssim_variant *variant;
} ssim_model_ctx_t;

typedef struct {
    const char *name;
    const char *description;
    ssim_status_t (*prepare)(const ssim_model_ctx_t *ctx, void **shared);
    void (*release)(void *shared);
    ssim_status_t (*workspace_alloc)(const ssim_model_ctx_t *ctx, void **ws);
    void (*workspace_free)(void *ws);
    /* Returns SSIM_OK, or a status when the trial could not complete (the
     * run stops and reports it; trial() itself raises no error message:
     * it stores a short reason readable through last_error()). */
    ssim_status_t (*trial)(const ssim_model_ctx_t *ctx, void *ws, uint64_t trial,
                           ssim_trial_row_t *row, ssim_op_accum_t *acc);
    const char *(*last_error)(const void *ws);
    /* Optional (NULL: nothing to add).  Serial, once, after prepare() and
     * before workspace_alloc() (ssim_run_trials calls it): add the model's
     * extra result storage, e.g. the economic layer's (models/economic.h). */
    ssim_status_t (*results_prepare)(const ssim_model_ctx_t *ctx, ssim_results_t *res);
} ssim_model_type_t;

/* The registry: NULL-terminated list of every model. */
extern const ssim_model_type_t *const ssim_model_registry[];

/* Model by name, or NULL. */
const ssim_model_type_t *ssim_model_find(const char *name);

#endif
