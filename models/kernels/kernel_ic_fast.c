/* models/kernels/kernel_ic_fast — the independent cascade's fast kernel,
 * the registered one (kernel_ic.h says how it differs from the reference). */
#include "models/kernels/kernel_ic.h"

#include "core/alloc.h"
#include "core/rng.h"

#include <stdlib.h>
#include <string.h>

/* One arc u -> v of the spreading direction, created by dependency d. */
typedef struct {
    uint32_t v;
    uint32_t d;
} arc_t;

/* Shared, read-only during the run.  Edge sampling: 4 (n + 1) + 8 arcs bytes,
 * plus 8 n_deps with probability_from: loss.  Geometric sampling: 4 (n + 1)
 * + 4 arcs, plus 4 arcs + 8 n_deps + 16 n with probability_from: loss.  Both:
 * 8 n for the result row's records. */
typedef struct {
    size_t n;
    uint32_t *off;    /* length n + 1: the arcs of u are [off[u], off[u + 1]) */
    arc_t *arc;       /* edge sampling: the arcs, by dependency index within u (as the
                           reference); NULL under geometric sampling */
    uint64_t *thr;    /* edge sampling: coin threshold of d; NULL when all are thr_all */
    uint64_t thr_all; /* the threshold of every dependency when thr is NULL */
    /* geometric sampling (NULL / unused under edge sampling) */
    uint32_t *tgt;      /* length off[n]: the target of each arc, same order as arc */
    uint32_t *dep;      /* with loss: the dependency of each arc; else NULL */
    double *prob;       /* with loss: length n_deps, p(d); else NULL */
    double *pmax, *inv; /* with loss: length n, u's largest p and 1 / log(1 - it); else NULL */
    double pmax_all, inv_all;   /* the same for every operator with constant p */
    double *qpow;               /* with constant p: (1 - p)^r by r (ssim_kernel_gap_q); else NULL */
    ssim_kernel_opinfo_t *info; /* the result row's operator records, or NULL */
    ssim_kernel_seeds_t seeds;
} fast_shared_t;

/* Per-thread workspace: (n + 63) / 64 words + 4 n + n bytes; only the words,
 * entries and flags a trial touched are cleared after it. */
typedef struct {
    uint64_t *failed;  /* length (n + 63) / 64: bit v set while v has failed this trial */
    int32_t *queue;    /* length n: failed operators in breadth-first order, seeds first */
    uint8_t *seedflag; /* length n: scratch flags of ssim_kernel_seeds_draw */
} fast_ws_t;

static void fast_release(void *p)
{
    fast_shared_t *sh = p;
    if (!sh)
        return;
    free(sh->off);
    free(sh->arc);
    free(sh->thr);
    free(sh->tgt);
    free(sh->dep);
    free(sh->prob);
    free(sh->pmax);
    free(sh->inv);
    free(sh->qpow);
    free(sh->info);
    ssim_kernel_seeds_destroy(&sh->seeds);
    free(sh);
}

/* Edge sampling: the (target, dependency) arcs and the coin thresholds. */
static ssim_status_t build_edge(fast_shared_t *sh, const ssim_kernel_adj_t *adj,
                                const ssim_network_t *net, double p, int from_loss)
{
    size_t m = (size_t)adj->off[adj->n];
    sh->arc = ssim_malloc_huge(m + 1, sizeof *sh->arc, "cascade arcs");
    if (!sh->arc)
        return SSIM_ENOMEM;
    for (size_t k = 0; k < m; k++)
        sh->arc[k] = (arc_t){(uint32_t)adj->nbr[k], (uint32_t)adj->edge[k]};
    sh->thr_all = ssim_kernel_coin_threshold(p);
    if (!from_loss)
        return SSIM_OK;
    sh->thr = ssim_malloc(net->n_deps + 1, sizeof *sh->thr, "coin thresholds");
    if (!sh->thr)
        return SSIM_ENOMEM;
    for (size_t d = 0; d < net->n_deps; d++)
        sh->thr[d] = ssim_kernel_coin_threshold(net->dep_loss[d]);
    return SSIM_OK;
}

/* Geometric sampling: the targets, and with per-edge probabilities the
 * dependencies, probabilities and each operator's largest one. */
static ssim_status_t build_geometric(fast_shared_t *sh, const ssim_kernel_adj_t *adj,
                                     const ssim_network_t *net, double p, int from_loss)
{
    size_t n = adj->n, m = (size_t)adj->off[n];
    sh->tgt = ssim_malloc_huge(m + 1, sizeof *sh->tgt, "cascade targets");
    if (!sh->tgt)
        return SSIM_ENOMEM;
    for (size_t k = 0; k < m; k++)
        sh->tgt[k] = (uint32_t)adj->nbr[k];
    sh->pmax_all = p;
    sh->inv_all = 1.0 / log1p(-p);
    if (!from_loss) {
        sh->qpow = ssim_kernel_qpow(p, ssim_kernel_ic_max_degree(adj->off, n));
        return sh->qpow ? SSIM_OK : SSIM_ENOMEM;
    }
    sh->dep = ssim_malloc_huge(m + 1, sizeof *sh->dep, "cascade arc dependencies");
    sh->prob = ssim_malloc(net->n_deps + 1, sizeof *sh->prob, "edge probabilities");
    sh->inv = ssim_malloc(n + 1, sizeof *sh->inv, "gap scales");
    if (!sh->dep || !sh->prob || !sh->inv)
        return SSIM_ENOMEM;
    for (size_t k = 0; k < m; k++)
        sh->dep[k] = (uint32_t)adj->edge[k];
    for (size_t d = 0; d < net->n_deps; d++)
        sh->prob[d] = net->dep_loss[d];
    sh->pmax = ssim_kernel_ic_arc_pmax(adj, sh->prob);
    if (!sh->pmax)
        return SSIM_ENOMEM;
    for (size_t u = 0; u < n; u++)
        sh->inv[u] = 1.0 / log1p(-sh->pmax[u]);
    return SSIM_OK;
}

/* The offsets from the common adjacency, then the sampling's own arrays.
 * Raises SSIM_ENOMEM, or SSIM_EINVAL past 2^32 - 2 arcs. */
static ssim_status_t fast_build(fast_shared_t *sh, const ssim_model_ctx_t *ctx, int dir,
                                const int32_t *twin, int from_loss)
{
    const ssim_network_t *net = ctx->net;
    ssim_kernel_adj_t adj;
    ssim_status_t st =
        ssim_kernel_adj_build(&adj, net, (ssim_kernel_adj_mode_t)dir, ssim_kernel_keep_link, twin);
    if (st != SSIM_OK)
        return st;
    size_t n = adj.n, m = (size_t)adj.off[n];
    sh->n = n;
    if (m >= UINT32_MAX || net->n_deps >= UINT32_MAX)
        st = ssim_error(SSIM_EINVAL, SSIM_LOC_NONE,
                        "independent_cascade: at most 2^32 - 2 arcs "
                        "(got %zu)",
                        m);
    if (st == SSIM_OK) {
        sh->off = ssim_malloc_huge(n + 1, sizeof *sh->off, "cascade offsets");
        st = sh->off ? SSIM_OK : SSIM_ENOMEM;
    }
    for (size_t u = 0; st == SSIM_OK && u <= n; u++)
        sh->off[u] = (uint32_t)adj.off[u];
    double p = ssim_kernel_params(ctx->sc)->edge_probability;
    if (st == SSIM_OK)
        st = ssim_kernel_ic_geometric(ctx->sc) ? build_geometric(sh, &adj, net, p, from_loss)
                                               : build_edge(sh, &adj, net, p, from_loss);
    ssim_kernel_adj_destroy(&adj);
    return st;
}

static ssim_status_t fast_prepare(const ssim_model_ctx_t *ctx, void **out)
{
    const ssim_scenario_t *sc = ctx->sc;
    const ssim_kernel_params_t *kp = ssim_kernel_params(sc);
    int dir;
    int32_t *twin;
    ssim_status_t st = ssim_kernel_direction_for(ctx->net, sc, &dir, &twin);
    if (st != SSIM_OK)
        return st;
    fast_shared_t *sh = ssim_calloc(1, sizeof *sh, "independent cascade data");
    if (!sh) {
        free(twin);
        return SSIM_ENOMEM;
    }
    st = ssim_kernel_seeds_init(&sh->seeds, ctx->net, sc);
    if (st == SSIM_OK)
        st = fast_build(sh, ctx, dir, twin, strcmp(kp->probability_from, "loss") == 0);
    free(twin);
    if (st == SSIM_OK)
        st = ssim_kernel_opinfo_build(ctx->net, &sh->info);
    if (st != SSIM_OK) {
        fast_release(sh);
        return st;
    }
    *out = sh;
    return SSIM_OK;
}

static void fast_workspace_free(void *p)
{
    fast_ws_t *w = p;
    if (!w)
        return;
    free(w->failed);
    free(w->queue);
    free(w->seedflag);
    free(w);
}

static ssim_status_t fast_workspace_alloc(const ssim_model_ctx_t *ctx, void **out)
{
    size_t n = ctx->net->n_operators + 1;
    fast_ws_t *w = ssim_calloc(1, sizeof *w, "independent cascade workspace");
    if (w) {
        w->failed = ssim_calloc((n + 63) / 64, sizeof *w->failed, "failed bitmap");
        w->queue = ssim_calloc(n, sizeof *w->queue, "cascade queue");
        w->seedflag = ssim_calloc(n, 1, "seed flags");
    }
    if (!w || !w->failed || !w->queue || !w->seedflag) {
        fast_workspace_free(w);
        return SSIM_ENOMEM;
    }
    *out = w;
    return SSIM_OK;
}

/* How far ahead of the expanded queue entry the arcs (PF_ARCS) and the
 * offsets (PF_OFF) are prefetched; PF_OFF > PF_ARCS so that off[] is in
 * cache when the arcs' address is computed.  CHUNK: arcs of one operator
 * handled per batch (the batch arrays stay in L1). */
enum { PF_ARCS = 6, PF_OFF = 14, CHUNK = 256 };

/* The coins of c dependencies: x[i] = ssim_kernel_coin53(key, d[i], trial).
 * A loop over independent lanes (no branch): compiled once per instruction
 * set (AVX-512, AVX2, baseline) and picked at load time, and optimised at
 * -O3 whatever the build type (GCC vectorises it only there), so the ten
 * Philox rounds run several coins at a time where the CPU allows.  Measured
 * (callgrind, BA 1e5, p = 0.1): 23 % fewer instructions in the kernel than one
 * coin at a time. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) &&                             \
    !defined(__SANITIZE_ADDRESS__)
__attribute__((target_clones("avx512f", "avx2", "default"), optimize("O3")))
#endif
static void
coins(const uint32_t *d, size_t c, uint32_t k0, uint32_t k1, uint32_t t_lo, uint32_t c3,
      uint64_t *x)
{
    for (size_t i = 0; i < c; i++)
        x[i] = ssim_kernel_coin53(k0, k1, d[i], t_lo, c3);
}

/* Breadth-first spread from w->queue[0 .. n) (already marked failed), in the
 * reference's order: returns the number failed, adds the edges tested to
 * *tested.  thr: per-dependency thresholds, or NULL for thr_all.  The arcs
 * of an operator are taken in chunks: the not-yet-failed targets are
 * gathered, their coins computed in one vector loop, then applied in arc
 * order, re-checking each target (a parallel arc may have failed it
 * meanwhile), so the failed set, the order and the count of edges tested are
 * those of the arc-by-arc loop. */
static size_t fast_spread(const fast_shared_t *sh, const uint64_t *thr, fast_ws_t *w, uint64_t seed,
                          uint64_t trial, size_t n, uint64_t *tested)
{
    const uint32_t *off = sh->off;
    const arc_t *arc = sh->arc;
    uint64_t *failed = w->failed;
    int32_t *queue = w->queue;
    const uint64_t thr_all = sh->thr_all;
    const uint32_t k0 = (uint32_t)seed, k1 = (uint32_t)(seed >> 32), t_lo = (uint32_t)trial;
    const uint32_t c3 = (uint32_t)((trial >> 32) & 0xffffu) << 16 | SSIM_KERNEL_P_EDGE;
    uint32_t cv[CHUNK], cd[CHUNK];
    uint64_t cx[CHUNK];
    uint64_t count = 0;
    if (thr_all == 0 && !thr) { /* nothing transmits: count the tests only */
        for (size_t head = 0; head < n; head++) {
            uint32_t u = (uint32_t)queue[head];
            for (uint32_t k = off[u]; k < off[u + 1]; k++)
                count += !(failed[arc[k].v >> 6] >> (arc[k].v & 63) & 1);
        }
        *tested += count;
        return n;
    }
    for (size_t head = 0; head < n; head++) {
        if (head + PF_OFF < n)
            __builtin_prefetch(&off[queue[head + PF_OFF]]);
        if (head + PF_ARCS < n)
            __builtin_prefetch(&arc[off[queue[head + PF_ARCS]]]);
        uint32_t u = (uint32_t)queue[head], end = off[u + 1];
        for (uint32_t k0a = off[u]; k0a < end; k0a += CHUNK) {
            uint32_t k1a = end - k0a > CHUNK ? k0a + CHUNK : end;
            size_t c = 0;
            for (uint32_t k = k0a; k < k1a; k++) {
                uint32_t v = arc[k].v;
                cv[c] = v;
                cd[c] = arc[k].d;
                c += !(failed[v >> 6] >> (v & 63) & 1);
            }
            coins(cd, c, k0, k1, t_lo, c3, cx);
            for (size_t i = 0; i < c; i++) {
                uint32_t v = cv[i];
                uint64_t bit = (uint64_t)1 << (v & 63);
                if (failed[v >> 6] & bit)
                    continue;
                count++;
                if (cx[i] >= (thr ? thr[cd[i]] : thr_all))
                    continue;
                failed[v >> 6] |= bit;
                queue[n++] = (int32_t)v;
            }
        }
    }
    *tested += count;
    return n;
}

/* The key and counter words of a trial's streams of one purpose
 * (core/rng.h's layout); the entity and block index vary per stream. */
typedef struct {
    uint32_t k0, k1, t_lo, c3;
} stream_keys_t;

/* A stream of 53-bit numbers (seed, trial, entity, purpose), two per Philox
 * block, in the order ssim_rng_uniform takes them.  Small and written field
 * by field: it lives in the look-ahead ring. */
typedef struct {
    uint32_t x[4];
    uint32_t entity, block;
    unsigned left; /* numbers left in x: 0, 1 or 2 */
} skip_stream_t;

static inline void skip_start(skip_stream_t *s, uint32_t entity)
{
    s->entity = entity;
    s->block = 0;
    s->left = 0;
}

static inline uint64_t skip_next(const stream_keys_t *k, skip_stream_t *s)
{
    if (s->left == 0) {
        ssim_kernel_philox(k->k0, k->k1, s->block++, s->entity, k->t_lo, k->c3, s->x);
        s->left = 2;
    }
    const uint32_t *x = s->left-- == 2 ? s->x : s->x + 2;
    return (uint64_t)(x[0] >> 5) << 26 | (x[1] >> 6);
}

/* Look-ahead for geometric sampling.  Between GEO_AHEAD and GEO_AHEAD +
 * GEO_BATCH queue entries before an operator is expanded, its gaps are drawn
 * and the arcs they reach (positions in tgt[], up to GEO_MAXP of them) are
 * prefetched: after a jump, the target of an open arc is anywhere in a long
 * list.  The thinning numbers
 * come from a separate stream, so drawing all the gaps first changes no
 * number.  The look-ahead takes GEO_BATCH entries at a time: their first
 * Philox blocks in one vector loop, then their gaps round by round (one gap
 * of each operator still drawing per round), so that the long dependency
 * chain of one gap (Philox, logarithm, conversion, the next position) runs
 * beside those of the other operators instead of after them.
 * GEO_RING > GEO_AHEAD + GEO_BATCH. */
enum { GEO_AHEAD = 8, GEO_BATCH = 16, GEO_RING = 32, GEO_MAXP = 8 };
typedef struct {
    skip_stream_t gaps;     /* the operator's gap stream, after the gaps drawn */
    uint32_t pos[GEO_MAXP]; /* arcs reached, in order */
    uint32_t n_pos;
    uint32_t next; /* first arc after pos[n_pos - 1] (the list end when done) */
    int more;      /* the list goes on past pos[]: draw on from gaps, next */
} geo_ahead_t;

/* The next gap of an operator whose largest probability is pmax, with
 * `left` arcs of its list still ahead. */
static inline double geo_gap(const fast_shared_t *sh, const stream_keys_t *k, skip_stream_t *gaps,
                             double pmax, double inv, uint32_t left)
{
    if (pmax >= 1)
        return 0;
    return ssim_kernel_gap_q(skip_next(k, gaps), inv, sh->qpow ? sh->qpow[left] : -1.0);
}

/* The first Philox block (block 0) of the streams of operators u[0 .. c):
 * x[j][i] is word j of operator i's block.  Independent lanes, compiled as
 * coins() is (one vector loop per instruction set). */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) &&                             \
    !defined(__SANITIZE_ADDRESS__)
__attribute__((target_clones("avx512f", "avx2", "default"), optimize("O3")))
#endif
static void
first_blocks(const stream_keys_t *k, const uint32_t *u, size_t c, uint32_t x[4][GEO_BATCH])
{
    for (size_t i = 0; i < c; i++) {
        uint32_t w[4];
        ssim_kernel_philox(k->k0, k->k1, 0, u[i], k->t_lo, k->c3, w);
        x[0][i] = w[0];
        x[1][i] = w[1];
        x[2][i] = w[2];
        x[3][i] = w[3];
    }
}

/* The look-ahead of queue entries [from, from + c), c <= GEO_BATCH, into
 * ring[entry % GEO_RING]: for each operator the same gaps, in the same order
 * from its stream, as drawing its list alone would take. */
static void geo_look_ahead(const fast_shared_t *sh, const stream_keys_t *keys, const int32_t *queue,
                           size_t from, size_t c, geo_ahead_t *ring)
{
    uint32_t u[GEO_BATCH], k[GEO_BATCH], end[GEO_BATCH], x[4][GEO_BATCH];
    double pmax[GEO_BATCH], inv[GEO_BATCH];
    for (size_t i = 0; i < c; i++)
        u[i] = (uint32_t)queue[from + i];
    first_blocks(keys, u, c, x);
    unsigned live = 0; /* bit i: operator i still draws gaps */
    for (size_t i = 0; i < c; i++) {
        geo_ahead_t *a = &ring[(from + i) % GEO_RING];
        k[i] = sh->off[u[i]];
        end[i] = sh->off[u[i] + 1];
        pmax[i] = sh->pmax ? sh->pmax[u[i]] : sh->pmax_all;
        inv[i] = sh->pmax ? sh->inv[u[i]] : sh->inv_all;
        a->gaps = (skip_stream_t){{x[0][i], x[1][i], x[2][i], x[3][i]}, u[i], 1, 2};
        a->n_pos = 0;
        a->more = 0;
        a->next = end[i];
        if (k[i] < end[i] && pmax[i] > 0)
            live |= 1u << i;
    }
    while (live) {
        for (unsigned m = live; m; m &= m - 1) {
            unsigned i = (unsigned)__builtin_ctz(m);
            geo_ahead_t *a = &ring[(from + i) % GEO_RING];
            if (a->n_pos == GEO_MAXP) {
                a->more = 1;
                a->next = k[i];
                live &= ~(1u << i);
                continue;
            }
            uint32_t left = end[i] - k[i];
            double gap = geo_gap(sh, keys, &a->gaps, pmax[i], inv[i], left);
            if (gap >= (double)left) {
                live &= ~(1u << i);
                continue;
            }
            k[i] += (uint32_t)gap;
            __builtin_prefetch(&sh->tgt[k[i]]);
            a->pos[a->n_pos++] = k[i]++;
            if (k[i] == end[i])
                live &= ~(1u << i);
        }
    }
}

/* Arc k was reached: keep it (thinning with per-edge p), fail its target. */
static inline size_t geo_visit(const fast_shared_t *sh, const stream_keys_t *tk,
                               skip_stream_t *thin, double pmax, uint32_t k, uint64_t *failed,
                               int32_t *queue, size_t n, uint64_t *count)
{
    if (sh->dep) {
        double p = sh->prob[sh->dep[k]];
        if (p < pmax && !ssim_kernel_thin_keep(skip_next(tk, thin), p, pmax))
            return n;
    }
    ++*count;
    uint32_t v = sh->tgt[k];
    uint64_t bit = (uint64_t)1 << (v & 63);
    if (!(failed[v >> 6] & bit)) {
        failed[v >> 6] |= bit;
        queue[n++] = (int32_t)v;
    }
    return n;
}

/* kernel.sampling: geometric, as the reference's spread_geometric: each
 * failed operator jumps from open arc to open arc (one gap per open arc,
 * plus one that runs off the end of its list), so only the open arcs' targets
 * are read and probed.  *open counts the open arcs found. */
static size_t geo_spread(const fast_shared_t *sh, fast_ws_t *w, uint64_t seed, uint64_t trial,
                         size_t n, uint64_t *open)
{
    const uint32_t *off = sh->off;
    uint64_t *failed = w->failed;
    int32_t *queue = w->queue;
    const uint32_t c3 = (uint32_t)((trial >> 32) & 0xffffu) << 16;
    const stream_keys_t keys = {(uint32_t)seed, (uint32_t)(seed >> 32), (uint32_t)trial,
                                c3 | SSIM_KERNEL_P_SKIP};
    const stream_keys_t thin_keys = {keys.k0, keys.k1, keys.t_lo, c3 | SSIM_KERNEL_P_THIN};
    skip_stream_t thin;
    geo_ahead_t ring[GEO_RING];
    uint64_t count = 0;
    size_t ahead = 0; /* entries [0, ahead) have their look-ahead done */
    for (size_t head = 0; head < n; head++) {
        while (ahead < n && ahead <= head + GEO_AHEAD) {
            size_t c = n - ahead < GEO_BATCH ? n - ahead : GEO_BATCH;
            for (size_t j = ahead + GEO_BATCH; j < ahead + 2 * GEO_BATCH && j < n; j++)
                __builtin_prefetch(&off[queue[j]]);
            geo_look_ahead(sh, &keys, queue, ahead, c, ring);
            ahead += c;
        }
        geo_ahead_t *a = &ring[head % GEO_RING];
        uint32_t u = (uint32_t)queue[head], end = off[u + 1];
        double pmax = sh->pmax ? sh->pmax[u] : sh->pmax_all;
        skip_start(&thin, u);
        for (uint32_t i = 0; i < a->n_pos; i++)
            n = geo_visit(sh, &thin_keys, &thin, pmax, a->pos[i], failed, queue, n, &count);
        if (!a->more)
            continue;
        double inv = sh->pmax ? sh->inv[u] : sh->inv_all;
        for (uint32_t k = a->next; k < end; k++) {
            double gap = geo_gap(sh, &keys, &a->gaps, pmax, inv, end - k);
            if (gap >= (double)(end - k))
                break;
            k += (uint32_t)gap;
            n = geo_visit(sh, &thin_keys, &thin, pmax, k, failed, queue, n, &count);
        }
    }
    *open += count;
    return n;
}

/* Put trial t's seeds at the head of w->queue and mark them failed; returns
 * their number.  kernel.seeds: origins gives the same seeds every trial and
 * draws nothing, so they are copied without ssim_kernel_seeds_draw's flags
 * (which only keep drawn seeds distinct). */
static size_t seed_trial(const fast_shared_t *sh, uint64_t seed, uint64_t t, fast_ws_t *w)
{
    size_t n;
    if (sh->seeds.mode == SSIM_KERNEL_SEEDS_ORIGINS) {
        n = sh->seeds.n_fixed;
        memcpy(w->queue, sh->seeds.fixed, n * sizeof *w->queue);
    } else {
        n = ssim_kernel_seeds_draw(&sh->seeds, seed, t, w->seedflag, 1, w->queue);
        for (size_t i = 0; i < n; i++)
            w->seedflag[w->queue[i]] = 0;
    }
    for (size_t i = 0; i < n; i++) {
        uint32_t v = (uint32_t)w->queue[i];
        w->failed[v >> 6] |= (uint64_t)1 << (v & 63);
    }
    return n;
}

static ssim_status_t fast_trial(const ssim_model_ctx_t *ctx, void *ws, uint64_t t,
                                ssim_trial_row_t *row, ssim_op_accum_t *acc)
{
    const fast_shared_t *sh = ctx->shared;
    fast_ws_t *w = ws;
    uint64_t tested = 0;
    size_t n_seeds = seed_trial(sh, ctx->sc->seed, t, w);
    size_t n = sh->tgt ? geo_spread(sh, w, ctx->sc->seed, t, n_seeds, &tested)
                       : fast_spread(sh, sh->thr, w, ctx->sc->seed, t, n_seeds, &tested);
    ssim_kernel_outcome_t o = {
        .info = sh->info,
        .out = w->queue,
        .n_out = n,
        .failed = w->failed,
        .compromised = w->queue,
        .n_compromised = n_seeds,
        .suppliers = (int32_t)sh->seeds.n_suppliers,
        .events = tested,
    };
    ssim_kernel_write_row(ctx, &o, row, acc);
    for (size_t i = 0; i < n; i++)
        w->failed[(uint32_t)w->queue[i] >> 6] = 0;
    return SSIM_OK;
}

const ssim_model_type_t ssim_model_independent_cascade = {
    .name = "independent_cascade",
    .description = "independent cascade / bond percolation on the dependency graph",
    .caps = SSIM_MODEL_CAP_ORIGINS, /* kernel.seeds: origins */
    .params = ssim_kernel_param_sets,
    .prepare = fast_prepare,
    .release = fast_release,
    .workspace_alloc = fast_workspace_alloc,
    .workspace_free = fast_workspace_free,
    .trial = fast_trial,
    .last_error = ssim_kernel_last_error,
};
