/* models/kernels/kernel_ic_ref — the independent cascade's reference
 * kernel, the obvious loop kept to test the fast one against, and the helpers
 * both share (kernel_ic.h). */
#include "models/kernels/kernel_ic.h"

#include "core/alloc.h"
#include "core/rng.h"

#include <stdlib.h>
#include <string.h>

size_t ssim_kernel_ic_max_degree(const int64_t *off, size_t n)
{
    size_t m = 0;
    for (size_t u = 0; u < n; u++)
        m = (size_t)(off[u + 1] - off[u]) > m ? (size_t)(off[u + 1] - off[u]) : m;
    return m;
}

/* The largest probability over the arcs of each operator (0 without arcs). */
double *ssim_kernel_ic_arc_pmax(const ssim_kernel_adj_t *adj, const double *prob)
{
    double *pmax = ssim_calloc(adj->n + 1, sizeof *pmax, "largest arc probabilities");
    for (size_t u = 0; pmax && u < adj->n; u++)
        for (int64_t k = adj->off[u]; k < adj->off[u + 1]; k++)
            if (prob[adj->edge[k]] > pmax[u])
                pmax[u] = prob[adj->edge[k]];
    return pmax;
}

int ssim_kernel_ic_geometric(const ssim_scenario_t *sc)
{
    return strcmp(ssim_kernel_params(sc)->sampling, "geometric") == 0;
}

/* Shared, read-only during the run. */
typedef struct {
    ssim_kernel_adj_t adj; /* spreading direction */
    double *prob;          /* length n_deps: P(edge d transmits) */
    double *pmax;          /* geometric sampling: length n, largest prob of u's arcs; else NULL */
    double *qpow;          /* geometric sampling, constant p: (1 - p)^r by r (ssim_kernel_gap_q) */
    ssim_kernel_seeds_t seeds;
} shared_t;

/* Per-thread workspace. */
typedef struct {
    uint8_t *failed; /* length n_operators: 1 while failed in the current trial */
    int32_t *queue;  /* length n_operators: failed operators in BFS order, seeds first */
} ws_t;

static void release(void *p)
{
    shared_t *sh = p;
    if (!sh)
        return;
    ssim_kernel_adj_destroy(&sh->adj);
    ssim_kernel_seeds_destroy(&sh->seeds);
    free(sh->prob);
    free(sh->pmax);
    free(sh->qpow);
    free(sh);
}

/* The largest out-degree of an adjacency. */
static ssim_status_t prepare(const ssim_model_ctx_t *ctx, void **out)
{
    const ssim_network_t *net = ctx->net;
    const ssim_scenario_t *sc = ctx->sc;
    const ssim_kernel_params_t *kp = ssim_kernel_params(sc);
    int dir;
    int32_t *twin;
    ssim_status_t st = ssim_kernel_direction_for(net, sc, &dir, &twin);
    if (st != SSIM_OK)
        return st;
    int from_loss = strcmp(kp->probability_from, "loss") == 0;
    shared_t *sh = ssim_calloc(1, sizeof *sh, "independent cascade data");
    if (!sh) {
        free(twin);
        return SSIM_ENOMEM;
    }
    st = ssim_kernel_seeds_init(&sh->seeds, net, sc);
    if (st == SSIM_OK)
        st = ssim_kernel_adj_build(&sh->adj, net, (ssim_kernel_adj_mode_t)dir,
                                   ssim_kernel_keep_link, twin);
    free(twin);
    if (st == SSIM_OK) {
        sh->prob = ssim_malloc(net->n_deps + 1, sizeof *sh->prob, "edge probabilities");
        st = sh->prob ? SSIM_OK : SSIM_ENOMEM;
    }
    for (size_t d = 0; st == SSIM_OK && d < net->n_deps; d++)
        sh->prob[d] = from_loss ? net->dep_loss[d] : kp->edge_probability;
    if (st == SSIM_OK && ssim_kernel_ic_geometric(sc)) {
        sh->pmax = ssim_kernel_ic_arc_pmax(&sh->adj, sh->prob);
        st = sh->pmax ? SSIM_OK : SSIM_ENOMEM;
    }
    if (st == SSIM_OK && ssim_kernel_ic_geometric(sc) && !from_loss) {
        sh->qpow = ssim_kernel_qpow(kp->edge_probability,
                                    ssim_kernel_ic_max_degree(sh->adj.off, sh->adj.n));
        st = sh->qpow ? SSIM_OK : SSIM_ENOMEM;
    }
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
    free(w->failed);
    free(w->queue);
    free(w);
}

static ssim_status_t workspace_alloc(const ssim_model_ctx_t *ctx, void **out)
{
    size_t n = ctx->net->n_operators + 1;
    ws_t *w = ssim_calloc(1, sizeof *w, "independent cascade workspace");
    if (w) {
        w->failed = ssim_calloc(n, sizeof *w->failed, "failed flags");
        w->queue = ssim_calloc(n, sizeof *w->queue, "cascade queue");
    }
    if (!w || !w->failed || !w->queue) {
        workspace_free(w);
        return SSIM_ENOMEM;
    }
    *out = w;
    return SSIM_OK;
}

/* Does edge d transmit in this trial?  p <= 0 and p >= 1 draw nothing. */
static int edge_open(const ssim_model_ctx_t *ctx, uint64_t trial, int32_t d, double p)
{
    if (p >= 1.0)
        return 1;
    if (p <= 0.0)
        return 0;
    ssim_rng_t r;
    ssim_rng_seed(&r, ctx->sc->seed, trial, (uint32_t)d, SSIM_KERNEL_P_EDGE);
    return ssim_rng_uniform(&r) < p;
}

/* Breadth-first spread from queue[0 .. n) (already failed); returns the
 * number failed and counts the edges tested in *tested. */
static size_t spread(const ssim_model_ctx_t *ctx, ws_t *w, uint64_t trial, size_t n,
                     uint64_t *tested)
{
    const shared_t *sh = ctx->shared;
    const ssim_kernel_adj_t *a = &sh->adj;
    for (size_t head = 0; head < n; head++) {
        int32_t u = w->queue[head];
        for (int64_t k = a->off[u]; k < a->off[u + 1]; k++) {
            int32_t v = a->nbr[k];
            if (w->failed[v])
                continue;
            ++*tested;
            if (edge_open(ctx, trial, a->edge[k], sh->prob[a->edge[k]])) {
                w->failed[v] = 1;
                w->queue[n++] = v;
            }
        }
    }
    return n;
}

/* The next 53-bit number X of a stream (the X of U = X 2^-53). */
static uint64_t next53(ssim_rng_t *r) { return (uint64_t)(ssim_rng_uniform(r) * 0x1.0p53); }

/* kernel.sampling: geometric.  As spread(), but each failed operator u jumps
 * from open arc to open arc with gaps from its stream; *open counts the open
 * arcs found. */
static size_t spread_geometric(const ssim_model_ctx_t *ctx, ws_t *w, uint64_t trial, size_t n,
                               uint64_t *open)
{
    const shared_t *sh = ctx->shared;
    const ssim_kernel_adj_t *a = &sh->adj;
    for (size_t head = 0; head < n; head++) {
        int32_t u = w->queue[head];
        double pmax = sh->pmax[u], inv = 1.0 / log1p(-pmax);
        if (!(pmax > 0))
            continue;
        ssim_rng_t gaps, thin;
        ssim_rng_seed(&gaps, ctx->sc->seed, trial, (uint32_t)u, SSIM_KERNEL_P_SKIP);
        ssim_rng_seed(&thin, ctx->sc->seed, trial, (uint32_t)u, SSIM_KERNEL_P_THIN);
        int64_t deg = a->off[u + 1] - a->off[u];
        for (int64_t pos = -1;;) {
            int64_t left = deg - pos - 1;
            double gap =
                pmax >= 1 ? 0
                          : ssim_kernel_gap_q(next53(&gaps), inv, sh->qpow ? sh->qpow[left] : -1.0);
            if (gap >= (double)left)
                break;
            pos += 1 + (int64_t)gap;
            int64_t k = a->off[u] + pos;
            double p = sh->prob[a->edge[k]];
            if (p < pmax && !ssim_kernel_thin_keep(next53(&thin), p, pmax))
                continue;
            ++*open;
            int32_t v = a->nbr[k];
            if (!w->failed[v]) {
                w->failed[v] = 1;
                w->queue[n++] = v;
            }
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
    size_t n_seeds = ssim_kernel_seeds_draw(&sh->seeds, ctx->sc->seed, t, w->failed, 1, w->queue);
    size_t n = sh->pmax ? spread_geometric(ctx, w, t, n_seeds, &tested)
                        : spread(ctx, w, t, n_seeds, &tested);
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
        w->failed[w->queue[i]] = 0;
    return SSIM_OK;
}

/* The slow, obviously correct reference (not in the registry; the test
 * unit.test_kernel_ic_fast runs it against the fast kernel). */
const ssim_model_type_t ssim_model_independent_cascade_reference = {
    .name = "independent_cascade",
    .description = "independent cascade: reference implementation",
    .caps = SSIM_MODEL_CAP_ORIGINS, /* kernel.seeds: origins */
    .params = ssim_kernel_param_sets,
    .prepare = prepare,
    .release = release,
    .workspace_alloc = workspace_alloc,
    .workspace_free = workspace_free,
    .trial = trial,
    .last_error = ssim_kernel_last_error,
};
