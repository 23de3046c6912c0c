/* models/kernel_common — see kernel_common.h. */
#include "models/kernels/kernel_common.h"

#include "models/consequence/consequence.h"

#include "core/alloc.h"
#include "core/rng.h"
#include "core/vocab.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ adjacency */

void ssim_kernel_adj_destroy(ssim_kernel_adj_t *adj)
{
    if (!adj)
        return;
    free(adj->off);
    free(adj->nbr);
    free(adj->edge);
    memset(adj, 0, sizeof *adj);
}

/* Append u -> v (edge d) at u's fill cursor. */
static void adj_put(ssim_kernel_adj_t *adj, int64_t *fill, int32_t u, int32_t v, size_t d)
{
    int64_t k = fill[u]++;
    adj->nbr[k] = v;
    adj->edge[k] = (int32_t)d;
}

ssim_status_t ssim_kernel_adj_build(ssim_kernel_adj_t *adj, const ssim_network_t *net,
                                    ssim_kernel_adj_mode_t mode, ssim_kernel_edge_filter_t keep,
                                    const void *arg)
{
    size_t n = net->n_operators, both = mode == SSIM_KERNEL_ADJ_UNDIRECTED;
    memset(adj, 0, sizeof *adj);
    adj->n = n;
    adj->off = ssim_calloc(n + 1, sizeof *adj->off, "kernel adjacency offsets");
    int64_t *fill = ssim_calloc(n + 1, sizeof *fill, "kernel adjacency cursors");
    if (!adj->off || !fill)
        goto fail;
    for (size_t d = 0; d < net->n_deps; d++) {
        if (keep && !keep(net, d, arg))
            continue;
        adj->off[net->dep_provider[d] + 1]++;
        if (both)
            adj->off[net->dep_op[d] + 1]++;
    }
    for (size_t u = 0; u < n; u++)
        adj->off[u + 1] += adj->off[u];
    size_t m = (size_t)adj->off[n];
    adj->nbr = ssim_malloc(m + 1, sizeof *adj->nbr, "kernel adjacency");
    adj->edge = ssim_malloc(m + 1, sizeof *adj->edge, "kernel adjacency edges");
    if (!adj->nbr || !adj->edge)
        goto fail;
    memcpy(fill, adj->off, n * sizeof *fill);
    for (size_t d = 0; d < net->n_deps; d++) {
        if (keep && !keep(net, d, arg))
            continue;
        adj_put(adj, fill, net->dep_provider[d], net->dep_op[d], d);
        if (both)
            adj_put(adj, fill, net->dep_op[d], net->dep_provider[d], d);
    }
    free(fill);
    return SSIM_OK;
fail:
    free(fill);
    ssim_kernel_adj_destroy(adj);
    return SSIM_ENOMEM;
}

int ssim_kernel_direction(const ssim_scenario_t *sc)
{
    const char *direction = ssim_kernel_params(sc)->direction;
    if (strcmp(direction, "directed") == 0)
        return SSIM_KERNEL_ADJ_DIRECTED;
    if (strcmp(direction, "undirected") == 0)
        return SSIM_KERNEL_ADJ_UNDIRECTED;
    return -1;
}

/* A dependency row as its unordered pair and kind, for finding link halves. */
typedef struct {
    uint64_t pair; /* lower operator << 32 | higher operator */
    int32_t kind;
    int32_t d;
} link_key_t;

static int cmp_link_key(const void *a, const void *b)
{
    const link_key_t *x = a, *y = b;
    if (x->pair != y->pair)
        return x->pair < y->pair ? -1 : 1;
    if (x->kind != y->kind)
        return x->kind < y->kind ? -1 : 1;
    return (x->d > y->d) - (x->d < y->d);
}

/* twin[d]: see ssim_kernel_direction_for.  A group of equal (pair, kind) has
 * at most two rows, one each way (the loader refuses a repeated row). */
static ssim_status_t find_twins(const ssim_network_t *net, int32_t *twin)
{
    link_key_t *key = ssim_malloc(net->n_deps + 1, sizeof *key, "dependency links");
    if (!key)
        return SSIM_ENOMEM;
    for (size_t d = 0; d < net->n_deps; d++) {
        uint32_t a = (uint32_t)net->dep_op[d], b = (uint32_t)net->dep_provider[d];
        key[d] = (link_key_t){.pair = a < b ? (uint64_t)a << 32 | b : (uint64_t)b << 32 | a,
                              .kind = net->dep_kind[d],
                              .d = (int32_t)d};
        twin[d] = -1;
    }
    qsort(key, net->n_deps, sizeof *key, cmp_link_key);
    for (size_t i = 1; i < net->n_deps; i++)
        if (key[i].pair == key[i - 1].pair && key[i].kind == key[i - 1].kind)
            twin[key[i].d] = key[i - 1].d;
    free(key);
    return SSIM_OK;
}

int ssim_kernel_keep_link(const ssim_network_t *net, size_t d, const void *twin)
{
    (void)net;
    return !twin || ((const int32_t *)twin)[d] < 0;
}

ssim_status_t ssim_kernel_direction_for(const ssim_network_t *net, const ssim_scenario_t *sc,
                                        int *dir, int32_t **twin)
{
    const ssim_kernel_params_t *kp = ssim_kernel_params(sc);
    *twin = NULL;
    *dir = ssim_kernel_direction(sc);
    if (*dir < 0)
        return ssim_error(SSIM_EINTERNAL, SSIM_LOC_NONE, "kernel.direction '%s'", kp->direction);
    if (*dir != SSIM_KERNEL_ADJ_UNDIRECTED)
        return SSIM_OK;
    int32_t *t = ssim_malloc(net->n_deps + 1, sizeof *t, "dependency link halves");
    ssim_status_t st = t ? find_twins(net, t) : SSIM_ENOMEM;
    int from_loss = strcmp(kp->probability_from, "loss") == 0;
    for (size_t d = 0; st == SSIM_OK && from_loss && d < net->n_deps; d++)
        if (t[d] >= 0 && net->dep_loss[d] != net->dep_loss[t[d]]) {
            ssim_loc_t where = {sc->path, 0, 0};
            st = ssim_error(SSIM_EINVAL, where,
                            "kernel.direction: undirected with kernel.probability_from: loss: "
                            "operators \"%s\" and \"%s\" depend on each other (kind %s) with "
                            "losses %g and %g in %s, and undirected the two rows are one link "
                            "with one probability; give them the same loss, or use "
                            "kernel.direction: directed",
                            net->op_id[net->dep_op[t[d]]], net->op_id[net->dep_op[d]],
                            ssim_vocab_dep_kind.names[net->dep_kind[d]], net->dep_loss[t[d]],
                            net->dep_loss[d], net->files[SSIM_FILE_DEPENDENCIES].path);
        }
    if (st != SSIM_OK) {
        free(t);
        return st;
    }
    *twin = t;
    return SSIM_OK;
}

/* ---------------------------------------------------------------- seeds */

void ssim_kernel_seeds_destroy(ssim_kernel_seeds_t *s)
{
    if (!s)
        return;
    free(s->fixed);
    memset(s, 0, sizeof *s);
}

/* The operators supplied directly by the named origin suppliers, ascending. */
static ssim_status_t resolve_origin_operators(ssim_kernel_seeds_t *s, const ssim_network_t *net,
                                              const ssim_scenario_t *sc)
{
    const ssim_incident_params_t *inc = ssim_incident_params(sc);
    ssim_loc_t where = {sc->path, 0, 0};
    if (inc->n_origins == 0)
        return ssim_error(SSIM_EINVAL, where,
                          "kernel.seeds: origins needs suppliers named in "
                          "incident.origin.suppliers (or use kernel.seeds: random or fraction)");
    uint8_t *is_origin = ssim_calloc(net->n_suppliers + 1, 1, "origin flags");
    uint8_t *is_seed = ssim_calloc(net->n_operators + 1, 1, "seed flags");
    ssim_status_t st = is_origin && is_seed ? SSIM_OK : SSIM_ENOMEM;
    for (size_t i = 0; st == SSIM_OK && i < inc->n_origins; i++) {
        int64_t node = ssim_network_find(net, inc->origin_ids[i]);
        if (node < 0 || (size_t)node < net->n_operators)
            st = ssim_error(SSIM_EINVAL, inc->origin_locs[i],
                            "incident.origin.suppliers: '%s' is not a supplier id in %s",
                            inc->origin_ids[i], net->files[SSIM_FILE_SUPPLIERS].path);
        else
            is_origin[(size_t)node - net->n_operators] = 1;
    }
    for (size_t e = 0; st == SSIM_OK && e < net->n_supply; e++)
        if (is_origin[net->sup_src[e]] && (size_t)net->sup_dst[e] < net->n_operators)
            is_seed[net->sup_dst[e]] = 1;
    if (st == SSIM_OK) {
        s->fixed = ssim_malloc(net->n_operators + 1, sizeof *s->fixed, "seed operators");
        st = s->fixed ? SSIM_OK : SSIM_ENOMEM;
    }
    for (size_t o = 0; st == SSIM_OK && o < net->n_operators; o++)
        if (is_seed[o])
            s->fixed[s->n_fixed++] = (int32_t)o;
    if (st == SSIM_OK && s->n_fixed == 0)
        st = ssim_error(SSIM_EINVAL, inc->origin_locs[0],
                        "kernel.seeds: origins: the origin suppliers supply no operator "
                        "directly in %s",
                        net->files[SSIM_FILE_SUPPLY].path);
    s->n_suppliers = inc->n_origins;
    free(is_origin);
    free(is_seed);
    return st;
}

ssim_status_t ssim_kernel_seeds_init(ssim_kernel_seeds_t *s, const ssim_network_t *net,
                                     const ssim_scenario_t *sc)
{
    memset(s, 0, sizeof *s);
    s->n_operators = net->n_operators;
    const ssim_kernel_params_t *kp = ssim_kernel_params(sc);
    const char *mode = kp->seeds;
    ssim_status_t st = SSIM_OK;
    if (strcmp(mode, "origins") == 0) {
        s->mode = SSIM_KERNEL_SEEDS_ORIGINS;
        st = resolve_origin_operators(s, net, sc);
    } else if (strcmp(mode, "random") == 0) {
        s->mode = SSIM_KERNEL_SEEDS_RANDOM;
        s->n_random = kp->n_seeds;
        if (s->n_random > net->n_operators)
            st = ssim_error(SSIM_EINVAL, (ssim_loc_t){sc->path, 0, 0},
                            "kernel.n_seeds must be <= the number of operators (got %llu, "
                            "network has %zu)",
                            (unsigned long long)s->n_random, net->n_operators);
    } else if (strcmp(mode, "fraction") == 0) {
        s->mode = SSIM_KERNEL_SEEDS_FRACTION;
        s->fraction = kp->seed_fraction;
    } else {
        st = ssim_error(SSIM_EINTERNAL, SSIM_LOC_NONE, "kernel.seeds: unknown mode '%s'", mode);
    }
    if (st != SSIM_OK)
        ssim_kernel_seeds_destroy(s);
    return st;
}

/* Mark o as a seed. */
static size_t add_seed(int32_t o, uint8_t *flag, uint8_t bit, int32_t *out, size_t n)
{
    flag[o] |= bit;
    out[n] = o;
    return n + 1;
}

/* Floyd's algorithm: k distinct operators out of n, uniformly, k draws. */
static size_t draw_random(const ssim_kernel_seeds_t *s, ssim_rng_t *r, uint8_t *flag, uint8_t bit,
                          int32_t *out)
{
    size_t n = s->n_operators, k = (size_t)s->n_random, got = 0;
    for (size_t j = n - k; j < n; j++) {
        size_t t = (size_t)(ssim_rng_uniform(r) * (double)(j + 1));
        if (t > j)
            t = j;
        if (flag[t] & bit)
            t = j;
        got = add_seed((int32_t)t, flag, bit, out, got);
    }
    return got;
}

/* Bernoulli(f) per operator by geometric gaps: P(gap = g) = (1-f)^g f. */
static size_t draw_fraction(const ssim_kernel_seeds_t *s, ssim_rng_t *r, uint8_t *flag, uint8_t bit,
                            int32_t *out)
{
    size_t n = s->n_operators, got = 0;
    if (s->fraction <= 0)
        return 0;
    if (s->fraction >= 1) {
        for (size_t o = 0; o < n; o++)
            got = add_seed((int32_t)o, flag, bit, out, got);
        return got;
    }
    double log_q = log1p(-s->fraction), next = -1;
    for (;;) {
        double gap = floor(log1p(-ssim_rng_uniform(r)) / log_q);
        next += gap + 1;
        if (next >= (double)n)
            break;
        got = add_seed((int32_t)next, flag, bit, out, got);
    }
    return got;
}

size_t ssim_kernel_seeds_draw(const ssim_kernel_seeds_t *s, uint64_t seed, uint64_t trial,
                              uint8_t *flag, uint8_t bit, int32_t *out)
{
    ssim_rng_t r;
    size_t got = 0;
    switch (s->mode) {
    case SSIM_KERNEL_SEEDS_ORIGINS:
        for (size_t i = 0; i < s->n_fixed; i++)
            got = add_seed(s->fixed[i], flag, bit, out, got);
        break;
    case SSIM_KERNEL_SEEDS_RANDOM:
        ssim_rng_seed(&r, seed, trial, 0, SSIM_KERNEL_P_SEEDS);
        got = draw_random(s, &r, flag, bit, out);
        break;
    case SSIM_KERNEL_SEEDS_FRACTION:
        ssim_rng_seed(&r, seed, trial, 0, SSIM_KERNEL_P_SEEDS);
        got = draw_fraction(s, &r, flag, bit, out);
        break;
    }
    return got;
}

/* ----------------------------------------------------------- result row */

/* How far ahead the per-operator loops prefetch: the failed operators are
 * scattered over arrays far larger than the caches on big networks, so the
 * loads of later operators are started while earlier ones are summed. */
enum { PF_AHEAD = 16 };

ssim_status_t ssim_kernel_opinfo_build(const ssim_network_t *net, ssim_kernel_opinfo_t **out)
{
    size_t n = net->n_operators;
    *out = NULL;
    if (net->area_off) /* customers living elsewhere: read per operator (add_customers) */
        return SSIM_OK;
    for (size_t o = 0; o < n; o++)
        if (net->op_customers[o] >= SSIM_KERNEL_OPINFO_MAX_CUSTOMERS)
            return SSIM_OK;
    ssim_kernel_opinfo_t *info = ssim_malloc_huge(n + 1, sizeof *info, "operator records");
    if (!info)
        return SSIM_ENOMEM;
    for (size_t o = 0; o < n; o++)
        info[o] = (uint64_t)net->op_customers[o] | (uint64_t)(uint8_t)net->op_sector[o] << 48 |
                  (uint64_t)(uint8_t)net->op_prefecture[o] << 56;
    *out = info;
    return SSIM_OK;
}

/* Add one failed operator (its record r) to the row: its customers to its
 * sector's value and to ps[prefecture x S + sector], one to its sector's
 * count. */
static inline void add_record(ssim_trial_row_t *row, ssim_cons_static_t *ps, ssim_kernel_opinfo_t r)
{
    double c = (double)(int64_t)(r & (((uint64_t)1 << 48) - 1));
    unsigned s = (unsigned)(r >> 48 & 0xff), p = (unsigned)(r >> 56);
    ssim_row_f64(row, SSIM_COL_SECTOR_SERVICE)[s] += c;
    ssim_cons_static_add(ps, p, s, c);
    ssim_row_i32(row, SSIM_COL_SECTOR_OUT)[s]++;
}

/* ssim_network_residence's callback: customers of one sector living in pref. */
typedef struct {
    ssim_cons_static_t *ps;
    unsigned sector;
} residence_t;

static void add_residence(int pref, int64_t customers, void *arg)
{
    residence_t *r = arg;
    ssim_cons_static_add(r->ps, (unsigned)pref, r->sector, (double)customers);
}

/* Add each failed operator's customers to its sector's value in the row
 * (zero on entry) and to ps (by prefecture and sector), and count it in its
 * sector.  The sums are of integers in doubles, exact below 2^53 customers
 * (the world has about 2^33 people), in any order.  The row's values are in
 * customers here; ssim_kernel_write_row turns them into service. */
static void add_customers(const ssim_network_t *net, const ssim_kernel_outcome_t *o,
                          ssim_trial_row_t *row, ssim_cons_static_t *ps)
{
    const ssim_kernel_opinfo_t *info = o->info;
    double *sector = ssim_row_f64(row, SSIM_COL_SECTOR_SERVICE);
    size_t n = o->n_out;
    if (info) {
        for (size_t i = 0; i < n && i < PF_AHEAD; i++)
            __builtin_prefetch(&info[o->out[i]]);
        for (size_t i = 0; i < n; i++) {
            if (i + PF_AHEAD < n)
                __builtin_prefetch(&info[o->out[i + PF_AHEAD]]);
            add_record(row, ps, info[o->out[i]]);
        }
    } else {
        for (size_t i = 0; i < n; i++) {
            if (i + PF_AHEAD < n) {
                int32_t ahead = o->out[i + PF_AHEAD];
                __builtin_prefetch(&net->op_customers[ahead]);
                __builtin_prefetch(&net->op_sector[ahead]);
                __builtin_prefetch(&net->op_prefecture[ahead]);
            }
            int32_t op = o->out[i];
            double c = (double)net->op_customers[op];
            sector[net->op_sector[op]] += c;
            if (net->area_off) {
                residence_t r = {ps, (unsigned)net->op_sector[op]};
                ssim_network_residence(net, (size_t)op, add_residence, &r);
            } else {
                ssim_cons_static_add(ps, (unsigned)net->op_prefecture[op],
                                     (unsigned)net->op_sector[op], c);
            }
            ssim_row_i32(row, SSIM_COL_SECTOR_OUT)[net->op_sector[op]]++;
        }
    }
}

/* add_customers and the count of each failed operator in acc_n_out (or
 * NULL), read in operator order from the bitmap of the failed set. */
static void add_customers_scan(const ssim_kernel_opinfo_t *info, const uint64_t *failed,
                               size_t n_ops, ssim_trial_row_t *row, ssim_cons_static_t *ps,
                               uint32_t *acc_n_out)
{
    for (size_t w = 0; w < (n_ops + 63) / 64; w++) {
        for (uint64_t bits = failed[w]; bits; bits &= bits - 1) {
            size_t v = w * 64 + (size_t)__builtin_ctzll(bits);
            add_record(row, ps, info[v]);
            if (acc_n_out)
                acc_n_out[v]++;
        }
    }
}

/* Every failed operator is out for the whole horizon: its outage is its
 * count times the horizon, folded in when the accumulators are merged
 * (outage_ms_per_out), so a trial writes one counter per failed operator. */
static void accumulate(const ssim_model_ctx_t *ctx, const ssim_kernel_outcome_t *o,
                       ssim_op_accum_t *acc, int counted_out)
{
    if (!acc || !acc->n_compromised)
        return;
    if (!acc->outage_ms_per_out) /* the same every trial: computed once per thread */
        acc->outage_ms_per_out = (uint64_t)llround(ctx->sc->horizon_hours * 1000.0);
    for (size_t i = 0; !counted_out && i < o->n_out; i++) {
        if (i + PF_AHEAD < o->n_out)
            __builtin_prefetch(&acc->n_out[o->out[i + PF_AHEAD]], 1);
        acc->n_out[o->out[i]]++;
    }
    for (size_t i = 0; i < o->n_compromised; i++)
        acc->n_compromised[o->compromised[i]]++;
}

void ssim_kernel_write_row(const ssim_model_ctx_t *ctx, const ssim_kernel_outcome_t *o,
                           ssim_trial_row_t *row, ssim_op_accum_t *acc)
{
    const double h = ctx->sc->horizon_hours;
    const size_t S = (size_t)ssim_vocab_sector.n;
    const size_t n_ops = ctx->net->n_operators;
    uint32_t *acc_n_out = acc && acc->n_compromised ? acc->n_out : NULL;
    /* a large failed set: read in operator order (a 16th of the operators
     * puts about four failed operators in every 64-byte line of records) */
    int scan = o->failed && o->info && o->n_out >= n_ops / 16;
    ssim_cons_static_t ps; /* customers out by (prefecture 0..47, sector) */
    ssim_cons_static_clear(&ps);
    if (scan) {
        add_customers_scan(o->info, o->failed, n_ops, row, &ps, acc_n_out);
    } else {
        /* the per-operator counters are scattered too: start their loads now */
        for (size_t i = 0; acc_n_out && i < o->n_out && i < PF_AHEAD; i++)
            __builtin_prefetch(&acc_n_out[o->out[i]], 1);
        add_customers(ctx->net, o, row, &ps);
    }
    for (size_t i = 0; i < o->n_compromised; i++)
        ssim_row_i32(row, SSIM_COL_SECTOR_COMPROMISED)[ctx->net->op_sector[o->compromised[i]]]++;
    int32_t sectors = 0;
    for (size_t s = 0; s < S; s++)
        sectors += ssim_row_i32(row, SSIM_COL_SECTOR_OUT)[s] > 0;
    if (ssim_row_f32(row, SSIM_COL_TIME_SERIES)) {
        size_t K = ssim_results_n_steps(h, ctx->sc->output_step_hours);
        for (size_t k = 0; k < K; k++)
            for (size_t s = 0; s < S; s++)
                ssim_row_f32(row, SSIM_COL_TIME_SERIES)[k * S + s] =
                    (float)ssim_row_f64(row, SSIM_COL_SECTOR_SERVICE)[s];
    }
    for (size_t s = 0; s < S; s++)
        ssim_row_f64(row, SSIM_COL_SECTOR_SERVICE)[s] *= h;
    ssim_cons_static_row(ctx->net, &ps, h, row);
    *ssim_row_i32(row, SSIM_COL_MAX_SECTORS_OUT) = sectors;
    *ssim_row_i32(row, SSIM_COL_SUPPLIERS_COMPROMISED) = o->suppliers;
    *ssim_row_i32(row, SSIM_COL_OPERATORS_COMPROMISED) = (int32_t)o->n_compromised;
    *ssim_row_i32(row, SSIM_COL_OPERATORS_OUT) = (int32_t)o->n_out;
    *ssim_row_u32(row, SSIM_COL_EVENTS) =
        (uint32_t)(o->events > UINT32_MAX ? UINT32_MAX : o->events);
    accumulate(ctx, o, acc, scan);
}

double *ssim_kernel_qpow(double p, size_t max_r)
{
    double *q = ssim_malloc(max_r + 1, sizeof *q, "gap thresholds");
    for (size_t r = 0; q && r <= max_r; r++)
        q[r] = pow(1.0 - p, (double)r);
    return q;
}

const char *ssim_kernel_last_error(const void *ws)
{
    (void)ws;
    return "no error";
}
