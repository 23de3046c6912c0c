/* models/diim — the `iim` and `diim` models: the inoperability input-output
 * model on a given matrix (economic.matrix, or the built-in Japan 2011
 * table) with the perturbation economic.perturbation.* (docs/models/economic.md).
 *
 * Both are deterministic: prepare() solves the model once (serial) and every
 * trial copies that solution into its row, so one trial is enough and more
 * trials only repeat it (the summaries then have zero spread).
 *   iim   the saturated static IIM, q = min(1, A* q + c*), held while the
 *         perturbation is on (the DIIM's limit of instant recovery);
 *   diim  the continuous-time DIIM from q(0) = 0, solved exactly step by step.
 * The network is loaded and checked like for every model but not used.
 */
#include "models/economic/economic.h"
#include "run/model.h"

#include "core/alloc.h"

#include <stdlib.h>

typedef struct {
    ssim_econ_t *econ;
    ssim_econ_solution_t sol;
} shared_t;

static void release(void *p)
{
    shared_t *sh = p;
    if (!sh)
        return;
    ssim_econ_solution_destroy(&sh->sol);
    ssim_econ_free(sh->econ);
    free(sh);
}

static ssim_status_t prepare_kind(const ssim_model_ctx_t *ctx, void **out, int static_iim)
{
    shared_t *sh = ssim_calloc(1, sizeof *sh, "model data");
    if (!sh)
        return SSIM_ENOMEM;
    ssim_status_t st = ssim_econ_load(ctx->sc, &sh->econ);
    if (st == SSIM_OK)
        st = ssim_econ_solve(sh->econ, static_iim, &sh->sol);
    if (st != SSIM_OK) {
        release(sh);
        return st;
    }
    *out = sh;
    return SSIM_OK;
}

static ssim_status_t prepare_iim(const ssim_model_ctx_t *ctx, void **out)
{
    return prepare_kind(ctx, out, 1);
}

static ssim_status_t prepare_diim(const ssim_model_ctx_t *ctx, void **out)
{
    return prepare_kind(ctx, out, 0);
}

static ssim_status_t results_prepare(const ssim_model_ctx_t *ctx, ssim_results_t *res)
{
    const shared_t *sh = ctx->shared;
    return ssim_econ_results_init(sh->econ, res);
}

/* No per-thread state: a token allocation keeps the interface's contract. */
static ssim_status_t workspace_alloc(const ssim_model_ctx_t *ctx, void **ws)
{
    (void)ctx;
    *ws = ssim_calloc(1, 1, "workspace");
    return *ws ? SSIM_OK : SSIM_ENOMEM;
}

static void workspace_free(void *ws) { free(ws); }

static ssim_status_t trial(const ssim_model_ctx_t *ctx, void *ws, uint64_t t, ssim_trial_row_t *row,
                           ssim_op_accum_t *acc)
{
    const shared_t *sh = ctx->shared;
    (void)ws, (void)t, (void)acc;
    ssim_econ_copy_solution(sh->econ, &sh->sol, row);
    return SSIM_OK;
}

static const char *last_error(const void *ws)
{
    (void)ws;
    return "no error";
}

const ssim_model_type_t ssim_model_iim = {
    .name = "iim",
    .description = "static inoperability input-output model on a given matrix (deterministic)",
    .params = ssim_econ_param_sets,
    .prepare = prepare_iim,
    .release = release,
    .workspace_alloc = workspace_alloc,
    .workspace_free = workspace_free,
    .trial = trial,
    .last_error = last_error,
    .results_prepare = results_prepare,
    .tables = ssim_econ_tables,
};

const ssim_model_type_t ssim_model_diim = {
    .name = "diim",
    .description = "dynamic inoperability input-output model on a given matrix (deterministic)",
    .params = ssim_econ_param_sets,
    .prepare = prepare_diim,
    .release = release,
    .workspace_alloc = workspace_alloc,
    .workspace_free = workspace_free,
    .trial = trial,
    .last_error = last_error,
    .results_prepare = results_prepare,
    .tables = ssim_econ_tables,
};
