/* models/kernel_watts — Watts threshold cascade on the dependency graph
 * (docs/models/watts-threshold.md).
 *
 * Operator v has k(v) providers: its in-neighbours through dependency edges
 * (kernel.direction: directed) or all its neighbours (undirected), counted
 * once per edge.  One trial: the seeds (kernel.seeds) fail; whenever a
 * provider of v fails, v fails if
 *
 *     (failed providers of v) / k(v) >= phi(v),
 *
 * phi(v) ~ kernel.threshold, drawn per operator and trial from the stream
 * (seed, trial, v, SSIM_KERNEL_P_THRESHOLD) when v is first exposed (a fixed
 * threshold draws nothing).  Failures are permanent, so the final set does not
 * depend on the order of processing; the run stops when no failure is left
 * to propagate.
 *
 * Cost per trial: O(seeds + edges leaving failed operators); the workspace is
 * reset only where the trial touched it.
 */
#include "models/kernels/kernel_common.h"

#include "core/alloc.h"
#include "core/rng.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    ssim_kernel_adj_t adj; /* spreading direction: provider -> dependants */
    int32_t *k;            /* length n_operators: providers (see above) */
    ssim_kernel_seeds_t seeds;
    ssim_dist_t threshold; /* kernel.threshold */
} shared_t;

enum { F_FAILED = 1, F_EXPOSED = 2 };

typedef struct {
    gsl_rng *rng;     /* stream adapter for non-fixed thresholds */
    uint8_t *flag;    /* length n_operators: F_* bits */
    int32_t *hits;    /* length n_operators: failed providers so far */
    double *phi;      /* length n_operators: threshold, valid while F_EXPOSED */
    int32_t *queue;   /* length n_operators: failed operators, seeds first */
    int32_t *touched; /* length n_operators: exposed operators (to reset) */
    size_t n_touched;
} ws_t;

static void release(void *p)
{
    shared_t *sh = p;
    if (!sh)
        return;
    ssim_kernel_adj_destroy(&sh->adj);
    ssim_kernel_seeds_destroy(&sh->seeds);
    free(sh->k);
    free(sh);
}

static ssim_status_t prepare(const ssim_model_ctx_t *ctx, void **out)
{
    const ssim_network_t *net = ctx->net;
    const ssim_kernel_params_t *kp = ssim_kernel_params(ctx->sc);
    int dir;
    int32_t *twin;
    ssim_status_t st = ssim_kernel_direction_for(net, ctx->sc, &dir, &twin);
    if (st != SSIM_OK)
        return st;
    shared_t *sh = ssim_calloc(1, sizeof *sh, "threshold model data");
    if (!sh) {
        free(twin);
        return SSIM_ENOMEM;
    }
    sh->threshold = kp->threshold;
    st = ssim_kernel_seeds_init(&sh->seeds, net, ctx->sc);
    if (st == SSIM_OK)
        st = ssim_kernel_adj_build(&sh->adj, net, (ssim_kernel_adj_mode_t)dir,
                                   ssim_kernel_keep_link, twin);
    if (st == SSIM_OK) {
        sh->k = ssim_calloc(net->n_operators + 1, sizeof *sh->k, "provider counts");
        st = sh->k ? SSIM_OK : SSIM_ENOMEM;
    }
    for (size_t d = 0; st == SSIM_OK && d < net->n_deps; d++) {
        if (!ssim_kernel_keep_link(net, d, twin))
            continue; /* the second half of a link */
        sh->k[net->dep_op[d]]++;
        if (dir == SSIM_KERNEL_ADJ_UNDIRECTED)
            sh->k[net->dep_provider[d]]++;
    }
    free(twin);
    if (st != SSIM_OK) {
        release(sh);
        return st;
    }
    *out = sh;
    return SSIM_OK;
}

static void workspace_free(void *p)
{
    ws_t *w = p;
    if (!w)
        return;
    if (w->rng)
        gsl_rng_free(w->rng);
    free(w->flag);
    free(w->hits);
    free(w->phi);
    free(w->queue);
    free(w->touched);
    free(w);
}

static ssim_status_t workspace_alloc(const ssim_model_ctx_t *ctx, void **out)
{
    size_t n = ctx->net->n_operators + 1;
    ws_t *w = ssim_calloc(1, sizeof *w, "threshold model workspace");
    if (!w)
        return SSIM_ENOMEM;
    int ok = (w->rng = ssim_rng_gsl_alloc()) != NULL;
#define ALLOC(field) ok &= (w->field = ssim_calloc(n, sizeof *w->field, #field)) != NULL
    ALLOC(flag);
    ALLOC(hits);
    ALLOC(phi);
    ALLOC(queue);
    ALLOC(touched);
#undef ALLOC
    if (!ok) {
        workspace_free(w);
        return SSIM_ENOMEM;
    }
    *out = w;
    return SSIM_OK;
}

/* phi(v) for this trial. */
static double threshold(const ssim_model_ctx_t *ctx, ws_t *w, uint64_t trial, int32_t v)
{
    const ssim_dist_t *d = &((const shared_t *)ctx->shared)->threshold;
    if (d->kind == SSIM_DIST_FIXED)
        return d->p[0];
    ssim_rng_gsl_seed(w->rng, ctx->sc->seed, trial, (uint32_t)v, SSIM_KERNEL_P_THRESHOLD);
    return ssim_dist_sample(d, w->rng);
}

/* One more provider of v failed: expose v (first time), count, maybe fail.
 * Returns 1 when v fails now. */
static int hit(const ssim_model_ctx_t *ctx, ws_t *w, uint64_t trial, int32_t v)
{
    const shared_t *sh = ctx->shared;
    if (!(w->flag[v] & F_EXPOSED)) {
        w->flag[v] |= F_EXPOSED;
        w->phi[v] = threshold(ctx, w, trial, v);
        w->touched[w->n_touched++] = v;
    }
    w->hits[v]++;
    if ((double)w->hits[v] / (double)sh->k[v] >= w->phi[v]) {
        w->flag[v] |= F_FAILED;
        return 1;
    }
    return 0;
}

/* Propagate from queue[0 .. n); returns the number failed, edges in *tested. */
static size_t spread(const ssim_model_ctx_t *ctx, ws_t *w, uint64_t trial, size_t n,
                     uint64_t *tested)
{
    const ssim_kernel_adj_t *a = &((const shared_t *)ctx->shared)->adj;
    for (size_t head = 0; head < n; head++) {
        int32_t u = w->queue[head];
        for (int64_t k = a->off[u]; k < a->off[u + 1]; k++) {
            int32_t v = a->nbr[k];
            if (w->flag[v] & F_FAILED)
                continue;
            ++*tested;
            if (hit(ctx, w, trial, v))
                w->queue[n++] = v;
        }
    }
    return n;
}

static ssim_status_t trial(const ssim_model_ctx_t *ctx, void *ws, uint64_t t, ssim_trial_row_t *row,
                           ssim_op_accum_t *acc)
{
    const shared_t *sh = ctx->shared;
    ws_t *w = ws;
    uint64_t tested = 0;
    size_t n_seeds =
        ssim_kernel_seeds_draw(&sh->seeds, ctx->sc->seed, t, w->flag, F_FAILED, w->queue);
    size_t n = spread(ctx, w, t, n_seeds, &tested);
    ssim_kernel_outcome_t o = {
        .out = w->queue,
        .n_out = n,
        .compromised = w->queue,
        .n_compromised = n_seeds,
        .suppliers = (int32_t)sh->seeds.n_suppliers,
        .events = tested,
    };
    ssim_kernel_write_row(ctx, &o, row, acc);
    for (size_t i = 0; i < n; i++)
        w->flag[w->queue[i]] = 0;
    for (size_t i = 0; i < w->n_touched; i++) {
        w->flag[w->touched[i]] = 0;
        w->hits[w->touched[i]] = 0;
    }
    w->n_touched = 0;
    return SSIM_OK;
}

const ssim_model_type_t ssim_model_watts_threshold = {
    .name = "watts_threshold",
    .description = "Watts threshold cascade on the dependency graph",
    .caps = SSIM_MODEL_CAP_ORIGINS, /* kernel.seeds: origins */
    .params = ssim_kernel_param_sets,
    .prepare = prepare,
    .release = release,
    .workspace_alloc = workspace_alloc,
    .workspace_free = workspace_free,
    .trial = trial,
    .last_error = ssim_kernel_last_error,
};
