/* models/kernel_interdep — cascading failures in interdependent networks
 * (Buldyrev et al. 2010; docs/models/interdependent-percolation.md).
 *
 * Network A = the operators of sector kernel.network_a, B = those of
 * kernel.network_b.  Connectivity inside A (and inside B): the dependency
 * edges between two operators of the same network, undirected.
 * Interdependence: a dependency edge from a provider in one network to a
 * dependent in the other (the dependent fails when the provider fails;
 * Buldyrev's one-to-one mutual dependence is a pair of such edges).
 *
 * One trial:
 *   attack   each operator v of A survives with probability p
 *            (kernel.occupation): uniform(seed, trial, v, OCCUPY) < p;
 *   stages   alternating A, B, A, ...: in the stage of network X, every live
 *            operator of X outside X's largest live connected component
 *            fails (ties: the component found first in operator order), then
 *            every live dependent (in the other network) of an X operator
 *            that failed since X's last stage fails;
 *   stop     at the first stage, from the second on, in which nothing fails.
 * What survives is the mutual giant component; P_inf = its size in A / |A|.
 * The row's `events` is the number of stages in which something failed.
 *
 * Cost per trial: O(stages x (|A| + |B| + edges among them)).
 */
#include "models/kernels/kernel_common.h"

#include "core/alloc.h"
#include "core/rng.h"
#include "core/vocab.h"

#include <stdlib.h>
#include <string.h>

enum { SIDE_A = 0, SIDE_B = 1 };

typedef struct {
    int sector[2];     /* sector codes of A and B */
    int32_t *nodes[2]; /* operators of A and of B, ascending; lengths n_nodes[] */
    size_t n_nodes[2];
    ssim_kernel_adj_t intra;    /* undirected, within A and within B */
    ssim_kernel_adj_t coupling; /* provider -> dependent across A and B */
    double occupation;          /* kernel.occupation */
} shared_t;

typedef struct {
    uint8_t *dead;       /* length n_operators: 1 once failed this trial */
    uint32_t *mark;      /* length n_operators: BFS visit stamp */
    uint32_t stamp;      /* current stamp; marks are cleared when it wraps */
    int32_t *queue;      /* length n_operators: BFS order of one stage */
    int32_t *pending[2]; /* length n_operators each: failed, not yet propagated */
    size_t n_pending[2];
    int32_t *attacked; /* length n_operators: removed by the attack */
    int32_t *out;      /* length n_operators: failed operators, for the row */
} ws_t;

/* ---------------------------------------------------------------- prepare */

static int keep_intra(const ssim_network_t *net, size_t d, const void *arg)
{
    const shared_t *sh = arg;
    int s = net->op_sector[net->dep_op[d]];
    return s == net->op_sector[net->dep_provider[d]] && (s == sh->sector[0] || s == sh->sector[1]);
}

static int keep_coupling(const ssim_network_t *net, size_t d, const void *arg)
{
    const shared_t *sh = arg;
    int sp = net->op_sector[net->dep_provider[d]], so = net->op_sector[net->dep_op[d]];
    return (sp == sh->sector[0] && so == sh->sector[1]) ||
           (sp == sh->sector[1] && so == sh->sector[0]);
}

static void release(void *p)
{
    shared_t *sh = p;
    if (!sh)
        return;
    free(sh->nodes[0]);
    free(sh->nodes[1]);
    ssim_kernel_adj_destroy(&sh->intra);
    ssim_kernel_adj_destroy(&sh->coupling);
    free(sh);
}

/* Sectors of A and B, then their operator lists (each non-empty). */
static ssim_status_t resolve_networks(shared_t *sh, const ssim_network_t *net,
                                      const ssim_scenario_t *sc)
{
    ssim_loc_t where = {sc->path, 0, 0};
    const ssim_kernel_params_t *kp = ssim_kernel_params(sc);
    const char *name[2] = {kp->network_a, kp->network_b};
    for (int x = 0; x < 2; x++) {
        sh->sector[x] = ssim_vocab_find(&ssim_vocab_sector, name[x]);
        if (sh->sector[x] < 0)
            return ssim_error(SSIM_EINTERNAL, SSIM_LOC_NONE, "kernel.network: sector '%s'",
                              name[x]);
    }
    if (sh->sector[0] == sh->sector[1])
        return ssim_error(SSIM_EINVAL, where,
                          "kernel.network_a and kernel.network_b must be "
                          "different sectors (both are '%s')",
                          name[0]);
    for (int x = 0; x < 2; x++) {
        sh->nodes[x] = ssim_malloc(net->n_operators + 1, sizeof *sh->nodes[x], "network nodes");
        if (!sh->nodes[x])
            return SSIM_ENOMEM;
        for (size_t o = 0; o < net->n_operators; o++)
            if (net->op_sector[o] == sh->sector[x])
                sh->nodes[x][sh->n_nodes[x]++] = (int32_t)o;
        if (sh->n_nodes[x] == 0)
            return ssim_error(SSIM_EINVAL, where,
                              "kernel.network_%c: sector '%s' has no "
                              "operator in %s",
                              "ab"[x], name[x], net -> files[SSIM_FILE_OPERATORS].path);
    }
    return SSIM_OK;
}

static ssim_status_t prepare(const ssim_model_ctx_t *ctx, void **out)
{
    const ssim_network_t *net = ctx->net;
    shared_t *sh = ssim_calloc(1, sizeof *sh, "interdependent percolation data");
    if (!sh)
        return SSIM_ENOMEM;
    sh->occupation = ssim_kernel_params(ctx->sc)->occupation;
    ssim_status_t st = resolve_networks(sh, net, ctx->sc);
    if (st == SSIM_OK)
        st = ssim_kernel_adj_build(&sh->intra, net, SSIM_KERNEL_ADJ_UNDIRECTED, keep_intra, sh);
    if (st == SSIM_OK)
        st = ssim_kernel_adj_build(&sh->coupling, net, SSIM_KERNEL_ADJ_DIRECTED, keep_coupling, sh);
    if (st != SSIM_OK) {
        release(sh);
        return st;
    }
    *out = sh;
    return SSIM_OK;
}

/* -------------------------------------------------------------- workspace */

static void workspace_free(void *p)
{
    ws_t *w = p;
    if (!w)
        return;
    free(w->dead);
    free(w->mark);
    free(w->queue);
    free(w->pending[0]);
    free(w->pending[1]);
    free(w->attacked);
    free(w->out);
    free(w);
}

static ssim_status_t workspace_alloc(const ssim_model_ctx_t *ctx, void **out)
{
    size_t n = ctx->net->n_operators + 1;
    ws_t *w = ssim_calloc(1, sizeof *w, "interdependent percolation workspace");
    if (!w)
        return SSIM_ENOMEM;
    int ok = 1;
#define ALLOC(field) ok &= (w->field = ssim_calloc(n, sizeof *w->field, #field)) != NULL
    ALLOC(dead);
    ALLOC(mark);
    ALLOC(queue);
    ALLOC(pending[0]);
    ALLOC(pending[1]);
    ALLOC(attacked);
    ALLOC(out);
#undef ALLOC
    if (!ok) {
        workspace_free(w);
        return SSIM_ENOMEM;
    }
    *out = w;
    return SSIM_OK;
}

/* ------------------------------------------------------------ the trial */

static void fail_op(ws_t *w, int side, int32_t v)
{
    w->dead[v] = 1;
    w->pending[side][w->n_pending[side]++] = v;
}

/* The attack: every A operator fails with probability 1 - p. */
static size_t attack(const ssim_model_ctx_t *ctx, ws_t *w, uint64_t trial)
{
    const shared_t *sh = ctx->shared;
    const double p = sh->occupation;
    size_t n = 0;
    for (size_t i = 0; i < sh->n_nodes[SIDE_A]; i++) {
        int32_t v = sh->nodes[SIDE_A][i];
        int survives = p >= 1.0;
        if (p > 0.0 && p < 1.0) {
            ssim_rng_t r;
            ssim_rng_seed(&r, ctx->sc->seed, trial, (uint32_t)v, SSIM_KERNEL_P_OCCUPY);
            survives = ssim_rng_uniform(&r) < p;
        }
        if (!survives) {
            fail_op(w, SIDE_A, v);
            w->attacked[n++] = v;
        }
    }
    return n;
}

static uint32_t next_stamp(ws_t *w, size_t n_operators)
{
    if (++w->stamp == 0) { /* wrapped: clear the marks once every 2^32 stages */
        memset(w->mark, 0, n_operators * sizeof *w->mark);
        w->stamp = 1;
    }
    return w->stamp;
}

/* Live component of v in the intra adjacency, appended to queue from *qn. */
static void component(const ssim_kernel_adj_t *a, ws_t *w, int32_t v, size_t *qn)
{
    size_t head = *qn;
    w->mark[v] = w->stamp;
    w->queue[(*qn)++] = v;
    for (; head < *qn; head++) {
        int32_t u = w->queue[head];
        for (int64_t k = a->off[u]; k < a->off[u + 1]; k++) {
            int32_t x = a->nbr[k];
            if (!w->dead[x] && w->mark[x] != w->stamp) {
                w->mark[x] = w->stamp;
                w->queue[(*qn)++] = x;
            }
        }
    }
}

/* Fail every live operator of side outside its largest live component;
 * returns how many failed. */
static size_t prune(const ssim_model_ctx_t *ctx, ws_t *w, int side)
{
    const shared_t *sh = ctx->shared;
    next_stamp(w, ctx->net->n_operators);
    size_t qn = 0, best = 0, best_size = 0;
    for (size_t i = 0; i < sh->n_nodes[side]; i++) {
        int32_t v = sh->nodes[side][i];
        if (w->dead[v] || w->mark[v] == w->stamp)
            continue;
        size_t start = qn;
        component(&sh->intra, w, v, &qn);
        if (qn - start > best_size) {
            best = start;
            best_size = qn - start;
        }
    }
    for (size_t i = 0; i < qn; i++)
        if (i < best || i >= best + best_size)
            fail_op(w, side, w->queue[i]);
    return qn - best_size;
}

/* Fail the live dependants (other side) of side's pending failures; returns how many. */
static size_t propagate(const ssim_model_ctx_t *ctx, ws_t *w, int side)
{
    const ssim_kernel_adj_t *c = &((const shared_t *)ctx->shared)->coupling;
    size_t n = 0;
    for (size_t i = 0; i < w->n_pending[side]; i++) {
        int32_t x = w->pending[side][i];
        for (int64_t k = c->off[x]; k < c->off[x + 1]; k++)
            if (!w->dead[c->nbr[k]]) {
                fail_op(w, !side, c->nbr[k]);
                n++;
            }
    }
    w->n_pending[side] = 0;
    return n;
}

/* Stages until stable; returns the number of stages in which something failed. */
static uint64_t cascade(const ssim_model_ctx_t *ctx, ws_t *w)
{
    uint64_t stages_with_failures = 0;
    for (uint64_t stage = 0;; stage++) {
        int side = (int)(stage & 1);
        size_t failed = prune(ctx, w, side);
        failed += propagate(ctx, w, side);
        if (failed)
            stages_with_failures++;
        else if (stage >= 1)
            return stages_with_failures;
    }
}

/* Failed operators of A, then of B, into w->out; returns their number. */
static size_t collect_failed(const shared_t *sh, ws_t *w)
{
    size_t n = 0;
    for (int x = 0; x < 2; x++)
        for (size_t i = 0; i < sh->n_nodes[x]; i++) {
            int32_t v = sh->nodes[x][i];
            if (w->dead[v])
                w->out[n++] = v;
        }
    return n;
}

static ssim_status_t trial(const ssim_model_ctx_t *ctx, void *ws, uint64_t t, ssim_trial_row_t *row,
                           ssim_op_accum_t *acc)
{
    const shared_t *sh = ctx->shared;
    ws_t *w = ws;
    w->n_pending[0] = w->n_pending[1] = 0;
    size_t n_attacked = attack(ctx, w, t);
    uint64_t stages = cascade(ctx, w);
    size_t n_out = collect_failed(sh, w);
    ssim_kernel_outcome_t o = {
        .out = w->out,
        .n_out = n_out,
        .compromised = w->attacked,
        .n_compromised = n_attacked,
        .suppliers = 0,
        .events = stages,
    };
    ssim_kernel_write_row(ctx, &o, row, acc);
    for (size_t i = 0; i < n_out; i++)
        w->dead[w->out[i]] = 0;
    return SSIM_OK;
}

const ssim_model_type_t ssim_model_interdependent_percolation = {
    .name = "interdependent_percolation",
    .description = "cascading failures of two interdependent networks (Buldyrev et al. 2010)",
    .caps = SSIM_MODEL_CAP_ORIGINS, /* kernel.seeds: origins */
    .params = ssim_kernel_param_sets,
    .prepare = prepare,
    .release = release,
    .workspace_alloc = workspace_alloc,
    .workspace_free = workspace_free,
    .trial = trial,
    .last_error = ssim_kernel_last_error,
};
