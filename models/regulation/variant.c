/* models/regulation/variant — build the variant of a regulation option (variant.h;
 * docs/regulation.md states every rule below). */
#include "models/regulation/variant.h"

#include "models/incident/incident_params.h"

#include "core/alloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* 1 when name is in l, or l is empty (an empty scope means all). */
static int in_scope(const ssim_strlist_t *l, const char *name)
{
    if (l->n == 0)
        return 1;
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->items[i], name) == 0)
            return 1;
    return 0;
}

static int listed(const ssim_strlist_t *l, const char *name)
{
    return l->n > 0 && in_scope(l, name);
}

static int op_in(const ssim_network_t *net, size_t o, const ssim_strlist_t *sectors,
                 int designated_only)
{
    return (!designated_only || net->op_designated[o]) &&
           in_scope(sectors, ssim_vocab_sector.names[net->op_sector[o]]);
}

/* Does supplier s fail the vetting rule of opt? */
static int vet_fails(const ssim_network_t *net, const ssim_scenario_option_t *opt, int32_t s)
{
    if (!in_scope(&opt->vetting.categories, ssim_vocab_category.names[net->sup_category[s]]))
        return 0;
    const char *country = net->sup_country[s];
    return listed(&opt->vetting.countries, country) ||
           (opt->vetting.allow_countries.n > 0 &&
            !in_scope(&opt->vetting.allow_countries, country));
}

static int vetting_on(const ssim_scenario_option_t *opt)
{
    return opt && (opt->levers >> SSIM_LEVER_VETTING & 1u);
}

int32_t ssim_variant_replacement(const ssim_network_t *net, const ssim_graph_t *graph,
                                 const ssim_scenario_option_t *opt, int32_t s)
{
    int32_t best = -1;
    int64_t best_n = -1;
    for (size_t r = 0; r < net->n_suppliers; r++) {
        if (net->sup_category[r] != net->sup_category[s] || vet_fails(net, opt, (int32_t)r))
            continue;
        int64_t n = graph->supply_off[r + 1] - graph->supply_off[r];
        if (n > best_n) {
            best_n = n;
            best = (int32_t)r;
        }
    }
    return best;
}

void ssim_variant_destroy(ssim_variant_t *v)
{
    if (!v)
        return;
    free(v->sup_src);
    free(v->dep_buffer);
    free(v->supply_off);
    free(v->supply_edge);
    free(v->edge_blocked);
    free(v->op_hold_hours);
    free(v->op_disconnect);
    free(v->edge_pout_factor);
    free(v->sup_canary);
    free(v->sup_stage_hold);
    memset(v, 0, sizeof *v);
}

/* Build context: the variant plus per-operator scratch (freed by build). */
typedef struct {
    ssim_variant_t *v;
    const ssim_network_t *net;
    const ssim_graph_t *g;
    const ssim_scenario_t *sc;
    const ssim_scenario_option_t *opt;
    int32_t *in_edges;  /* length n_operators: supply edges into the operator */
    uint8_t *regulated; /* length n_operators: bit 0 counted in burden.regulated,
                           bit 1 segmentation cost charged */
} build_t;

/* Add yen to lever's cost in sector s: a one-off cost (switching, buffers,
 * segmentation projects) or a recurring one, per year (compliance, held
 * updates, staged rollout). */
static void charge(build_t *b, int lever, int s, double yen, int oneoff)
{
    b->v->burden.cost[lever][s] += yen;
    if (oneoff)
        b->v->burden.oneoff[lever][s] += yen;
}

/* Operator o is under an obligation of lever: compliance cost once per operator. */
static void regulate(build_t *b, size_t o, int lever)
{
    if (b->regulated[o] & 1u)
        return;
    b->regulated[o] |= 1u;
    int s = b->net->op_sector[o];
    b->v->burden.regulated[s] += 1;
    charge(b, lever, s, b->sc->burden.compliance_per_operator, 0);
}

/* Move edge e to supplier r (-1: block), with its switching cost. */
static void move_edge(build_t *b, size_t e, int32_t r, int lever)
{
    const ssim_network_t *net = b->net;
    int sec = net->op_sector[net->sup_dst[e]];
    charge(b, lever, sec, b->sc->burden.switching[net->sup_category[b->v->sup_src[e]]], 1);
    if (r < 0) {
        b->v->edge_blocked[e] = 1;
        b->v->burden.blocked[sec] += 1;
    } else {
        b->v->sup_src[e] = r;
        b->v->burden.replaced[sec] += 1;
    }
}

static void lever_vetting(build_t *b)
{
    const ssim_network_t *net = b->net;
    const ssim_scenario_option_t *opt = b->opt;
    for (size_t o = 0; o < net->n_operators; o++)
        if (op_in(net, o, &opt->vetting.sectors, opt->vetting.designated_only))
            regulate(b, o, SSIM_LEVER_VETTING);
    for (size_t e = 0; e < net->n_supply; e++) {
        size_t c = (size_t)net->sup_dst[e];
        if (c >= net->n_operators ||
            !op_in(net, c, &opt->vetting.sectors, opt->vetting.designated_only))
            continue;
        if (!vet_fails(net, opt, net->sup_src[e]))
            continue;
        int32_t r = opt->vetting.action == SSIM_VET_REPLACE
                        ? ssim_variant_replacement(net, b->g, opt, net->sup_src[e])
                        : -1;
        move_edge(b, e, r, SSIM_LEVER_VETTING);
    }
}

static void lever_notice(build_t *b)
{
    const ssim_network_t *net = b->net;
    const ssim_scenario_option_t *opt = b->opt;
    const double per_year = b->sc->burden.releases_per_year;
    for (size_t o = 0; o < net->n_operators; o++) {
        if (!op_in(net, o, &opt->advance_notice.sectors, opt->advance_notice.designated_only))
            continue;
        regulate(b, o, SSIM_LEVER_ADVANCE_NOTICE);
        double extra = opt->advance_notice.hours - b->v->op_hold_hours[o];
        if (extra <= 0)
            continue;
        b->v->op_hold_hours[o] = opt->advance_notice.hours;
        int s = net->op_sector[o];
        double days = extra / 24.0 * b->in_edges[o] * per_year;
        b->v->burden.held_days[s] += days;
        b->v->burden.patch_days[s] += days * b->sc->burden.security_share;
        charge(b, SSIM_LEVER_ADVANCE_NOTICE, s, days * b->sc->burden.held_update_cost_per_day, 0);
    }
}

static void lever_buffer(build_t *b)
{
    const ssim_network_t *net = b->net;
    const ssim_scenario_option_t *opt = b->opt;
    for (size_t d = 0; d < net->n_deps; d++) {
        int s = net->op_sector[net->dep_op[d]];
        if (!in_scope(&opt->buffer_mandate.kinds, ssim_vocab_dep_kind.names[net->dep_kind[d]]) ||
            !in_scope(&opt->buffer_mandate.sectors, ssim_vocab_sector.names[s]))
            continue;
        double add = opt->buffer_mandate.min_hours - b->v->dep_buffer[d];
        if (add <= 0)
            continue;
        b->v->dep_buffer[d] = opt->buffer_mandate.min_hours;
        b->v->burden.buffer_hours[s] += add;
        charge(b, SSIM_LEVER_BUFFER_MANDATE, s, add * b->sc->burden.buffer_cost_per_hour, 1);
    }
}

static void lever_segmentation(build_t *b)
{
    const ssim_network_t *net = b->net;
    const ssim_scenario_option_t *opt = b->opt;
    for (size_t e = 0; e < net->n_supply; e++) {
        size_t c = (size_t)net->sup_dst[e];
        if (c >= net->n_operators ||
            !in_scope(&opt->segmentation.sectors, ssim_vocab_sector.names[net->op_sector[c]]) ||
            !in_scope(&opt->segmentation.privileges,
                      ssim_vocab_privilege.names[net->sup_privilege[e]]))
            continue;
        b->v->edge_pout_factor[e] = opt->segmentation.factor;
        if (!(b->regulated[c] & 2u)) { /* once per segmented operator */
            b->regulated[c] |= 2u;
            charge(b, SSIM_LEVER_SEGMENTATION, net->op_sector[c],
                   b->sc->burden.segmentation_per_operator, 1);
        }
        regulate(b, c, SSIM_LEVER_SEGMENTATION); /* segmented operators are regulated too */
    }
}

static void lever_rollout(build_t *b)
{
    const ssim_network_t *net = b->net;
    const ssim_scenario_option_t *opt = b->opt;
    for (size_t s = 0; s < net->n_suppliers; s++) {
        if (!in_scope(&opt->staged_rollout.countries, net->sup_country[s]) ||
            !in_scope(&opt->staged_rollout.categories,
                      ssim_vocab_category.names[net->sup_category[s]]))
            continue;
        b->v->sup_canary[s] = fmin(b->v->sup_canary[s], opt->staged_rollout.canary_fraction);
        b->v->sup_stage_hold[s] = fmax(b->v->sup_stage_hold[s], opt->staged_rollout.hold_hours);
        /* the supplier's yearly cost, split over the sectors of its operator edges */
        int64_t lo = b->g->supply_off[s], hi = b->g->supply_off[s + 1], n_ops = 0;
        for (int64_t k = lo; k < hi; k++)
            n_ops += (size_t)net->sup_dst[b->g->supply_edge[k]] < net->n_operators;
        for (int64_t k = lo; k < hi && n_ops > 0; k++) {
            size_t c = (size_t)net->sup_dst[b->g->supply_edge[k]];
            if (c < net->n_operators)
                charge(b, SSIM_LEVER_STAGED_ROLLOUT, net->op_sector[c],
                       b->sc->burden.rollout_per_supplier / (double)n_ops, 0);
        }
    }
}

static void lever_disconnection(build_t *b)
{
    const ssim_network_t *net = b->net;
    const ssim_scenario_option_t *opt = b->opt;
    for (size_t o = 0; o < net->n_operators; o++)
        if (op_in(net, o, &opt->disconnection.sectors, opt->disconnection.designated_only)) {
            b->v->op_disconnect[o] = opt->disconnection.hours;
            regulate(b, o, SSIM_LEVER_DISCONNECTION);
        }
}

/* Counting sort of the enabled edges by their (variant) supplier, ascending
 * edge index within a supplier: for an option that changes nothing this is
 * exactly the baseline's CSR (graph.c), so events are pushed in the same order. */
static void rebuild_csr(ssim_variant_t *v, const ssim_network_t *net)
{
    int64_t *off = v->supply_off;
    memset(off, 0, (net->n_suppliers + 1) * sizeof *off);
    for (size_t e = 0; e < net->n_supply; e++)
        if (!v->edge_blocked[e])
            off[v->sup_src[e] + 1]++;
    for (size_t s = 0; s < net->n_suppliers; s++)
        off[s + 1] += off[s];
    for (size_t e = 0; e < net->n_supply; e++)
        if (!v->edge_blocked[e])
            v->supply_edge[off[v->sup_src[e]]++] = (int32_t)e;
    for (size_t s = net->n_suppliers; s > 0; s--)
        off[s] = off[s - 1];
    off[0] = 0;
}

static ssim_status_t alloc_variant(ssim_variant_t *v, const ssim_network_t *net)
{
    size_t ne = net->n_supply + 1, no = net->n_operators + 1, ns = net->n_suppliers + 1;
    int ok = 1;
#define ALLOC(field, count)                                                                        \
    ok &= (v->field = ssim_calloc((count), sizeof *v->field, #field)) != NULL
    ALLOC(sup_src, ne);
    ALLOC(dep_buffer, net->n_deps + 1);
    ALLOC(supply_off, ns);
    ALLOC(supply_edge, ne);
    ALLOC(edge_blocked, ne);
    ALLOC(op_hold_hours, no);
    ALLOC(op_disconnect, no);
    ALLOC(edge_pout_factor, ne);
    ALLOC(sup_canary, ns);
    ALLOC(sup_stage_hold, ns);
#undef ALLOC
    return ok ? SSIM_OK : SSIM_ENOMEM;
}

/* The baseline's parameters (every lever off). */
static void fill_baseline(ssim_variant_t *v, const ssim_network_t *net, const ssim_scenario_t *sc)
{
    const ssim_incident_advance_notice_params_t *notice = ssim_incident_advance_notice_params(sc);
    const ssim_incident_rollout_params_t *rollout = ssim_incident_rollout_params(sc);
    memcpy(v->sup_src, net->sup_src, net->n_supply * sizeof *v->sup_src);
    memcpy(v->dep_buffer, net->dep_buffer_hours, net->n_deps * sizeof *v->dep_buffer);
    for (size_t o = 0; o < net->n_operators; o++) {
        int regulated = !notice->designated_only || net->op_designated[o];
        v->op_hold_hours[o] = regulated ? notice->hours : 0.0;
        v->op_disconnect[o] = -1;
    }
    for (size_t e = 0; e < net->n_supply; e++)
        v->edge_pout_factor[e] = 1.0;
    for (size_t s = 0; s < net->n_suppliers; s++) {
        v->sup_canary[s] = rollout->canary_fraction;
        v->sup_stage_hold[s] = rollout->hold_hours;
    }
}

/* Diversity cap in one (sector, category) group: edges E (length n, operator
 * edges of the sector whose current supplier has the category), count =
 * per-supplier scratch (length n_suppliers, zero on entry and exit). */
static void cap_group(build_t *b, int32_t *E, size_t n, int cat, int32_t *count)
{
    const ssim_network_t *net = b->net;
    size_t cap = (size_t)floor(b->opt->diversity_cap.max_share * (double)n + 1e-9);
    cap = cap < 1 ? 1 : cap;
    for (size_t i = 0; i < n; i++)
        count[b->v->sup_src[E[i]]]++;
    for (;;) {
        int32_t x = -1, y = -1;
        for (size_t s = 0; s < net->n_suppliers && x < 0; s++)
            if ((size_t)count[s] > cap)
                x = (int32_t)s;
        for (size_t s = 0; s < net->n_suppliers && x >= 0; s++)
            if (net->sup_category[s] == cat && (int32_t)s != x &&
                !(vetting_on(b->opt) && vet_fails(net, b->opt, (int32_t)s)) &&
                (y < 0 || count[s] < count[y]))
                y = (int32_t)s;
        if (x < 0 || y < 0 || (size_t)count[y] + 1 > cap)
            break; /* cap holds, or it cannot be met with the suppliers there are */
        size_t i = n;
        while (i > 0 && b->v->sup_src[E[i - 1]] != x)
            i--;
        move_edge(b, (size_t)E[i - 1], y, SSIM_LEVER_DIVERSITY_CAP);
        count[x]--;
        count[y]++;
    }
    for (size_t i = 0; i < n; i++)
        count[b->v->sup_src[E[i]]] = 0;
}

static ssim_status_t lever_cap(build_t *b)
{
    const ssim_network_t *net = b->net;
    const ssim_scenario_option_t *opt = b->opt;
    int32_t *E = ssim_malloc(net->n_supply + 1, sizeof *E, "diversity cap edges");
    int32_t *count = ssim_calloc(net->n_suppliers + 1, sizeof *count, "diversity cap counts");
    ssim_status_t st = E && count ? SSIM_OK : SSIM_ENOMEM;
    for (int sec = 0; st == SSIM_OK && sec < ssim_vocab_sector.n; sec++) {
        if (!in_scope(&opt->diversity_cap.sectors, ssim_vocab_sector.names[sec]))
            continue;
        for (int cat = 0; cat < ssim_vocab_category.n; cat++) {
            if (!in_scope(&opt->diversity_cap.categories, ssim_vocab_category.names[cat]))
                continue;
            size_t n = 0;
            for (size_t e = 0; e < net->n_supply; e++) {
                size_t c = (size_t)net->sup_dst[e];
                if (c < net->n_operators && net->op_sector[c] == sec && !b->v->edge_blocked[e] &&
                    net->sup_category[b->v->sup_src[e]] == cat)
                    E[n++] = (int32_t)e;
            }
            if (n > 0)
                cap_group(b, E, n, cat, count);
        }
    }
    free(E);
    free(count);
    return st;
}

static ssim_status_t apply_levers(build_t *b)
{
    unsigned l = b->opt->levers;
    ssim_status_t st = SSIM_OK;
    if (l >> SSIM_LEVER_VETTING & 1u)
        lever_vetting(b);
    if (l >> SSIM_LEVER_DIVERSITY_CAP & 1u)
        st = lever_cap(b);
    if (l >> SSIM_LEVER_ADVANCE_NOTICE & 1u)
        lever_notice(b);
    if (l >> SSIM_LEVER_BUFFER_MANDATE & 1u)
        lever_buffer(b);
    if (l >> SSIM_LEVER_SEGMENTATION & 1u)
        lever_segmentation(b);
    if (l >> SSIM_LEVER_STAGED_ROLLOUT & 1u)
        lever_rollout(b);
    if (l >> SSIM_LEVER_DISCONNECTION & 1u)
        lever_disconnection(b);
    return st;
}

ssim_status_t ssim_variant_build(ssim_variant_t *v, const ssim_network_t *net,
                                 const ssim_graph_t *graph, const ssim_scenario_t *sc,
                                 const ssim_scenario_option_t *opt)
{
    memset(v, 0, sizeof *v);
    build_t b = {.v = v, .net = net, .g = graph, .sc = sc, .opt = opt};
    ssim_status_t st = alloc_variant(v, net);
    b.in_edges = ssim_calloc(net->n_operators + 1, sizeof *b.in_edges, "operator in-edges");
    b.regulated = ssim_calloc(net->n_operators + 1, 1, "regulated operators");
    if (st != SSIM_OK || !b.in_edges || !b.regulated) {
        st = SSIM_ENOMEM;
        goto cleanup;
    }
    fill_baseline(v, net, sc);
    for (size_t e = 0; e < net->n_supply; e++)
        if ((size_t)net->sup_dst[e] < net->n_operators)
            b.in_edges[net->sup_dst[e]]++;
    if (opt && (st = apply_levers(&b)) != SSIM_OK)
        goto cleanup;
    rebuild_csr(v, net);
    for (int l = 0; l < SSIM_N_LEVERS; l++)
        for (int s = 0; s < ssim_vocab_sector.n; s++)
            v->burden.total += v->burden.cost[l][s];
    for (int l = 0; l < SSIM_N_LEVERS; l++)
        for (int s = 0; s < ssim_vocab_sector.n; s++) {
            v->burden.oneoff_total += v->burden.oneoff[l][s];
            v->burden.recurring_total += v->burden.cost[l][s] - v->burden.oneoff[l][s];
        }
    v->net = *net;
    v->net.sup_src = v->sup_src;
    v->net.dep_buffer_hours = v->dep_buffer;
    v->graph = *graph;
    v->graph.supply_off = v->supply_off;
    v->graph.supply_edge = v->supply_edge;
cleanup:
    free(b.in_edges);
    free(b.regulated);
    if (st != SSIM_OK)
        ssim_variant_destroy(v);
    return st;
}
