/* run/model — the plug-in interface every propagation model implements.
 *
 * The run layer owns the interface; the models (each folder under models/) implement it.  A
 * model is one `const ssim_model_type_t` in its own folder, listed in the
 * registry (models/registry.h); adding a model edits no other model.  Its own
 * scenario keys are a parameter set next to it (scenario/params.h), read
 * with ssim_scenario_params(ctx->sc, &set).  The run layer drives it:
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
#ifndef SSIM_RUN_MODEL_H
#define SSIM_RUN_MODEL_H

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
    /* A regulation option's variant (models/regulation/variant.h), or NULL
     * for the baseline.  When set, net and graph are the variant's and the
     * model reads its per-entity lever arrays; only a model with
     * SSIM_MODEL_CAP_VARIANTS is ever given one. */
    const struct ssim_variant *variant;
} ssim_model_ctx_t;

/* What a model supports beyond plain runs (bits of ssim_model_type_t.caps).
 * Studies and commands ask for a capability, never for a model by name. */
enum {
    SSIM_MODEL_CAP_VARIANTS = 1, /* reads ctx->variant: regulation options (compare) */
    SSIM_MODEL_CAP_ORIGINS = 2,  /* its incident starts at named supplier origins
                                    (criticality replaces them, one supplier at a time) */
    SSIM_MODEL_CAP_ECONOMIC = 4, /* runs the economic layer on each trial (economic.enabled) */
    SSIM_MODEL_CAP_EVENTS = 8,   /* records the event table (output.events) */
};

typedef struct {
    const char *name;
    const char *description;
    unsigned caps; /* SSIM_MODEL_CAP_* */
    /* Result-column tables the model may add beside the base table (in its
     * results_prepare), NULL-terminated, or NULL: for the output reference. */
    const ssim_col_table_t *const *tables;
    /* The parameter sets (scenario/params.h) whose keys this model reads,
     * NULL-terminated; NULL when it reads only the core keys.  Each must also
     * be in the registry's catalog (models/registry.c), which hands every set
     * once to the scenario loader. */
    const ssim_scenario_params_t *const *params;
    /* Optional (NULL: none).  The model's own rules on the scenario's keys, run by
     * the scenario loader when the scenario names this model (serial; errors
     * through ssim_error with ssim_scenario_check_loc/_first locations). */
    ssim_scenario_model_check_t scenario_check;
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
     * extra result storage, e.g. the economic layer's (models/economic/economic.h). */
    ssim_status_t (*results_prepare)(const ssim_model_ctx_t *ctx, ssim_results_t *res);
} ssim_model_type_t;

#endif
