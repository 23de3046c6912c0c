/* models/gen_japan_deps — dependencies.csv: operator -> provider rows by the
 * rules of dependency_rules.csv.
 *
 * For each operator (in order) and each rule that applies to its kind (file
 * order): with probability `prob` the operator depends on providers of the
 * rule's provider kind found in its own group — its power area, prefecture,
 * region or the nation (locality).  An empty group widens to the region and
 * then the nation (fallback widen) or the rule is skipped (fallback skip).
 * The provider is drawn by size weight (weighted), is the largest of the
 * group (largest), or is each of the providers dealt to the operator (all):
 * the group's providers are dealt round-robin over the operators of the
 * dependent's kind in the same group, so with one such operator per group (the
 * T&D operator of an area at scale <= 1) it depends on all of them, and the
 * number of rows stays linear at any scale.  An operator is never its own
 * provider.  buffer_hours is uniform in [min, max] rounded to 0.5 h; loss is
 * the rule's, or with loss_mode share the rule's times the provider's share of
 * the weight of the providers it picked from (the group, or those dealt to it),
 * rounded to 1e-4 and at least 1e-4.
 *
 * Group lookups use an index per (provider kind, locality) built on first
 * use: operators sorted by group with cumulative weights, O(n_kind) memory;
 * a weighted pick is a binary search. */
#include "models/generators/japan/gen_japan.h"

#include "core/alloc.h"

#include <stdlib.h>
#include <string.h>

enum { N_LOCS = 4 };

typedef struct {
    size_t n_groups;
    size_t *off;     /* length n_groups + 1: members of group g are ops[off[g] .. off[g+1]) */
    size_t *ops;     /* operator indices, by group then operator order */
    double *cum;     /* cumulative weight within the group, same length as ops */
    size_t *largest; /* per group: the member of largest weight (first on ties) */
} group_index_t;

typedef struct {
    const ssim_jp_facts_t *f;
    const ssim_jp_ops_t *ops;
    uint64_t seed;
    ssim_netwrite_t *w;
    group_index_t *index; /* length n_kinds * N_LOCS; built on first use */
    size_t n_written;
} dep_ctx_t;

static size_t n_groups(const ssim_jp_facts_t *f, ssim_jp_loc_t loc)
{
    switch (loc) {
    case SSIM_JP_LOC_AREA:
        return SSIM_JP_N_AREAS;
    case SSIM_JP_LOC_PREF:
        return SSIM_N_PREFECTURES + 1;
    case SSIM_JP_LOC_REGION:
        return (size_t)f->n_regions;
    default:
        return 1;
    }
}

static size_t group_of(const ssim_jp_facts_t *f, int pref, ssim_jp_loc_t loc)
{
    switch (loc) {
    case SSIM_JP_LOC_AREA:
        return (size_t)f->area[pref];
    case SSIM_JP_LOC_PREF:
        return (size_t)pref;
    case SSIM_JP_LOC_REGION:
        return (size_t)f->region[pref];
    default:
        return 0;
    }
}

static void index_free(group_index_t *g)
{
    free(g->off);
    free(g->ops);
    free(g->cum);
    free(g->largest);
}

/* Counting sort of kind k's operators by group. */
static ssim_status_t index_build(group_index_t *g, const ssim_jp_facts_t *f, const ssim_jp_ops_t *o,
                                 const ssim_jp_kind_t *k, ssim_jp_loc_t loc)
{
    size_t G = n_groups(f, loc);
    g->n_groups = G;
    g->off = ssim_calloc(G + 2, sizeof *g->off, "dependency index");
    g->ops = ssim_malloc(k->n + 1, sizeof *g->ops, "dependency index");
    g->cum = ssim_malloc(k->n + 1, sizeof *g->cum, "dependency index");
    g->largest = ssim_malloc(G + 1, sizeof *g->largest, "dependency index");
    if (!g->off || !g->ops || !g->cum || !g->largest)
        return SSIM_ENOMEM;
    for (size_t i = k->first; i < k->first + k->n; i++)
        g->off[group_of(f, o->pref[i], loc) + 2]++;
    for (size_t x = 2; x < G + 2; x++)
        g->off[x] += g->off[x - 1];
    for (size_t i = k->first; i < k->first + k->n; i++)
        g->ops[g->off[group_of(f, o->pref[i], loc) + 1]++] = i;
    for (size_t x = 0; x < G; x++) {
        double acc = 0;
        g->largest[x] = SIZE_MAX;
        for (size_t m = g->off[x]; m < g->off[x + 1]; m++) {
            size_t i = g->ops[m];
            acc += o->weight[i];
            g->cum[m] = acc;
            if (g->largest[x] == SIZE_MAX || o->weight[i] > o->weight[g->largest[x]])
                g->largest[x] = i;
        }
    }
    return SSIM_OK;
}

static ssim_status_t get_index(dep_ctx_t *c, int kind, ssim_jp_loc_t loc, const group_index_t **out)
{
    group_index_t *g = &c->index[(size_t)kind * N_LOCS + loc];
    ssim_status_t st = SSIM_OK;
    if (!g->off)
        st = index_build(g, c->f, c->ops, &c->f->kinds[kind], loc);
    *out = g;
    return st;
}

/* The group of operator i for rule d after widening (*out_loc: the locality
 * used); *idx NULL when none. */
static ssim_status_t find_group(dep_ctx_t *c, const ssim_jp_deprule_t *d, size_t i,
                                const group_index_t **idx, size_t *grp, ssim_jp_loc_t *out_loc)
{
    ssim_jp_loc_t loc = d->loc;
    for (;;) {
        *out_loc = loc;
        ssim_status_t st = get_index(c, d->provider, loc, idx);
        if (st != SSIM_OK)
            return st;
        *grp = group_of(c->f, c->ops->pref[i], loc);
        if ((*idx)->off[*grp + 1] > (*idx)->off[*grp])
            return SSIM_OK;
        if (!d->widen || loc == SSIM_JP_LOC_NATION)
            break;
        loc = loc == SSIM_JP_LOC_PREF ? SSIM_JP_LOC_REGION : SSIM_JP_LOC_NATION;
    }
    *idx = NULL;
    return SSIM_OK;
}

/* Member drawn by weight: the first whose cumulative weight exceeds u x total. */
static size_t pick_weighted(const group_index_t *g, size_t grp, double u)
{
    size_t lo = g->off[grp], hi = g->off[grp + 1] - 1;
    double target = u * g->cum[hi];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (target < g->cum[mid])
            hi = mid;
        else
            lo = mid + 1;
    }
    return g->ops[lo];
}

static void write_dep(dep_ctx_t *c, size_t i, size_t p, const ssim_jp_deprule_t *d, double buffer,
                      double group_weight)
{
    char id[32], pid[32];
    if (p == i)
        return;
    double loss = d->loss;
    if (d->loss_share) {
        loss = ssim_jp_round_to(d->loss * c->ops->weight[p] / group_weight, 1e4);
        if (loss < 1e-4)
            loss = 1e-4;
    }
    ssim_jp_op_id(c->f, c->ops, i, id, sizeof id);
    ssim_jp_op_id(c->f, c->ops, p, pid, sizeof pid);
    ssim_netwrite_dependency(c->w, id, pid, d->kind, buffer, loss);
    c->n_written++;
}

/* Rank of operator i among the operators of its own kind in its group of
 * locality loc, and their number (members are in operator order). */
static ssim_status_t dealt_rank(dep_ctx_t *c, ssim_jp_loc_t loc, size_t i, size_t *rank, size_t *n)
{
    const group_index_t *own = NULL;
    ssim_status_t st = get_index(c, c->ops->kind[i], loc, &own);
    if (st != SSIM_OK)
        return st;
    size_t grp = group_of(c->f, c->ops->pref[i], loc);
    size_t lo = own->off[grp], hi = own->off[grp + 1];
    *n = hi - lo;
    while (lo < hi) { /* first member >= i */
        size_t mid = lo + (hi - lo) / 2;
        if (own->ops[mid] < i)
            lo = mid + 1;
        else
            hi = mid;
    }
    *rank = lo - own->off[grp];
    return SSIM_OK;
}

static ssim_status_t apply_rule(dep_ctx_t *c, size_t i, int r)
{
    const ssim_jp_deprule_t *d = &c->f->deprules[r];
    if (d->prob < 1 &&
        ssim_jp_uniform(c->seed, (uint32_t)i, (uint16_t)(SSIM_JP_P_DEP + r)) >= d->prob)
        return SSIM_OK;
    const group_index_t *g = NULL;
    size_t grp = 0;
    ssim_jp_loc_t loc = d->loc;
    ssim_status_t st = find_group(c, d, i, &g, &grp, &loc);
    if (st != SSIM_OK || !g)
        return st;
    double u = ssim_jp_uniform(c->seed, (uint32_t)i, (uint16_t)(SSIM_JP_P_DEPBUF + r));
    double buffer = ssim_jp_round_to(d->buf_min + u * (d->buf_max - d->buf_min), 2.0);
    double total = g->cum[g->off[grp + 1] - 1];
    if (d->pick == SSIM_JP_PICK_ALL) {
        size_t rank = 0, n_dep = 1;
        st = dealt_rank(c, loc, i, &rank, &n_dep);
        total = 0;
        for (size_t m = g->off[grp] + rank; st == SSIM_OK && m < g->off[grp + 1]; m += n_dep)
            total += c->ops->weight[g->ops[m]];
        for (size_t m = g->off[grp] + rank; st == SSIM_OK && m < g->off[grp + 1]; m += n_dep)
            write_dep(c, i, g->ops[m], d, buffer, total);
    } else if (d->pick == SSIM_JP_PICK_LARGEST) {
        write_dep(c, i, g->largest[grp], d, buffer, total);
    } else {
        double v = ssim_jp_uniform(c->seed, (uint32_t)i, (uint16_t)(SSIM_JP_P_DEPPICK + r));
        write_dep(c, i, pick_weighted(g, grp, v), d, buffer, total);
    }
    return st;
}

ssim_status_t ssim_jp_write_deps(const ssim_jp_facts_t *f, const ssim_jp_ops_t *ops, uint64_t seed,
                                 ssim_netwrite_t *w, size_t *n_written)
{
    dep_ctx_t c = {.f = f, .ops = ops, .seed = seed, .w = w};
    c.index = ssim_calloc(f->n_kinds * N_LOCS + 1, sizeof *c.index, "dependency index");
    ssim_status_t st = c.index ? SSIM_OK : SSIM_ENOMEM;
    for (size_t i = 0; st == SSIM_OK && i < ops->n; i++) {
        const ssim_jp_kind_t *k = &f->kinds[ops->kind[i]];
        for (size_t r = 0; st == SSIM_OK && r < k->n_deps; r++)
            st = apply_rule(&c, i, k->deps[r]);
    }
    for (size_t x = 0; c.index && x < f->n_kinds * N_LOCS; x++)
        index_free(&c.index[x]);
    free(c.index);
    *n_written = c.n_written;
    return st;
}
