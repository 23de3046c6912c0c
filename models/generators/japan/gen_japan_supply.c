/* models/gen_japan_supply — operators.csv, suppliers.csv and supply.csv.
 *
 * Supply edges, in this order:
 *   1. supplier -> supplier, rule by rule of supplier_edges.csv, customers in
 *      suppliers.csv order; a pair is written once (the first rule wins);
 *   2. supplier -> operator, operator by operator, product by product (the
 *      order of first appearance in supply_rules.csv): with probability
 *      `uses` the operator's company buys the product from a supplier drawn
 *      by the market shares; an MSP-managed operator gets its via_msp
 *      products on the managed channel, then an edge from its MSP (one
 *      serving its region).  A supplier already picked for the operator is
 *      not picked twice.
 * Draws keyed by the company (uses, supplier, MSP) make every unit of an
 * area_units company buy the same products; lags are drawn per operator. */
#include "models/generators/japan/gen_japan.h"

#include "core/alloc.h"
#include "core/rng.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

double ssim_jp_uniform(uint64_t seed, uint32_t entity, uint16_t purpose)
{
    ssim_rng_t r;
    ssim_rng_seed(&r, seed, 0, entity, purpose);
    return ssim_rng_uniform(&r);
}

/* A lag drawn uniformly in [lo, hi], rounded to 0.1 h. */
static double draw_lag(double lo, double hi, double u)
{
    return ssim_jp_round_to(lo + u * (hi - lo), 10.0);
}

/* ------------------------------------------------------------ operators */

static void op_name(const ssim_jp_facts_t *f, const ssim_jp_ops_t *o, size_t i, char *buf,
                    size_t size)
{
    const ssim_jp_kind_t *k = &f->kinds[o->kind[i]];
    const char *pref = ssim_prefecture_name(o->pref[i]);
    const char *area = f->area_name[f->area[o->pref[i]]];
    int local = o->local[i];
    switch (k->place) {
    case SSIM_JP_PLACE_AREA:
        if (k->n == SSIM_JP_N_AREAS)
            snprintf(buf, size, "%s (%s area)", k->label, area);
        else
            snprintf(buf, size, "%s %d (%s area)", k->label, local, area);
        break;
    case SSIM_JP_PLACE_AREA_UNITS:
        if (k->n <= 26 * SSIM_JP_N_AREAS)
            snprintf(buf, size, "%s %c (%s area)", k->label, 'A' + local - 1, area);
        else
            snprintf(buf, size, "%s %d (%s area)", k->label, local, area);
        break;
    case SSIM_JP_PLACE_PREF:
        if (k->n == SSIM_N_PREFECTURES)
            snprintf(buf, size, "%s (%s)", k->label, pref);
        else
            snprintf(buf, size, "%s %d (%s)", k->label, local, pref);
        break;
    default:
        snprintf(buf, size, "%s %d (%s)", k->label, local, pref);
        break;
    }
}

void ssim_jp_write_operators(const ssim_jp_facts_t *f, const ssim_jp_ops_t *ops, ssim_netwrite_t *w)
{
    char id[32], name[160];
    for (size_t i = 0; i < ops->n; i++) {
        ssim_jp_op_id(f, ops, i, id, sizeof id);
        op_name(f, ops, i, name, sizeof name);
        ssim_netwrite_operator(w, id, name, f->kinds[ops->kind[i]].sector, ops->pref[i],
                               ops->customers[i], ops->designated[i]);
    }
}

void ssim_jp_write_suppliers(const ssim_jp_facts_t *f, ssim_netwrite_t *w)
{
    for (size_t s = 0; s < f->n_suppliers; s++)
        ssim_netwrite_supplier(w, f->suppliers[s].id, f->suppliers[s].name, f->suppliers[s].country,
                               f->suppliers[s].category);
}

/* ------------------------------------------------------------ supplier edges */

static int supedge_matches(const ssim_jp_facts_t *f, const ssim_jp_supedge_t *e, size_t j)
{
    const ssim_jp_supplier_t *s = &f->suppliers[j];
    if ((int)j == e->supplier)
        return 0;
    if (e->customer >= 0)
        return (int)j == e->customer;
    return (e->category < 0 || s->category == e->category) &&
           (!e->country[0] || strcmp(e->country, s->country) == 0);
}

static size_t write_supplier_edges(const ssim_jp_facts_t *f, uint64_t seed, ssim_netwrite_t *w,
                                   uint8_t *pair_used)
{
    size_t n = 0, ns = f->n_suppliers;
    for (size_t r = 0; r < f->n_supedges; r++) {
        const ssim_jp_supedge_t *e = &f->supedges[r];
        for (size_t j = 0; j < ns; j++) {
            uint8_t *used = &pair_used[(size_t)e->supplier * ns + j];
            if (!supedge_matches(f, e, j) || *used)
                continue;
            if (ssim_jp_uniform(seed, (uint32_t)j, (uint16_t)(SSIM_JP_P_SUPEDGE + r)) >= e->prob)
                continue;
            double lag =
                draw_lag(e->lag_min, e->lag_max,
                         ssim_jp_uniform(seed, (uint32_t)j, (uint16_t)(SSIM_JP_P_SUPLAG + r)));
            ssim_netwrite_supply(w, f->suppliers[e->supplier].id, f->suppliers[j].id, e->channel,
                                 lag, e->share, e->privilege);
            *used = 1;
            n++;
        }
    }
    return n;
}

/* ------------------------------------------------------------ operator edges */

/* 1 when supplier s serves region (region < 0: any; national suppliers: all). */
static int serves(const ssim_jp_facts_t *f, int s, int region)
{
    return region < 0 || f->suppliers[s].region < 0 || f->suppliers[s].region == region;
}

/* Supplier drawn by the market shares of kind k for product p (u in [0, 1));
 * region >= 0 keeps only suppliers that serve it.  -1 when none qualifies. */
static int pick_supplier(const ssim_jp_facts_t *f, const ssim_jp_kind_t *k, int p, double u,
                         int region)
{
    double total = 0, acc = 0;
    const ssim_jp_share_t *sh = f->shares + k->share_off[p];
    size_t n = k->share_n[p];
    for (size_t i = 0; i < n; i++)
        total += serves(f, sh[i].supplier, region) ? sh[i].share : 0.0;
    double target = u * total;
    int last = -1;
    for (size_t i = 0; i < n; i++) {
        if (!serves(f, sh[i].supplier, region))
            continue;
        acc += sh[i].share;
        last = sh[i].supplier;
        if (target < acc)
            return last;
    }
    return last; /* rounding at the top end */
}

typedef struct {
    const ssim_jp_facts_t *f;
    const ssim_jp_ops_t *ops;
    uint64_t seed;
    ssim_netwrite_t *w;
    size_t i;                         /* the operator */
    char id[32];                      /* its id */
    int chosen[SSIM_JP_MAX_PRODUCTS]; /* suppliers already picked for it */
    int n_chosen;
} op_ctx_t;

/* Write the edge supplier s -> operator under rule r unless s was picked already. */
static int add_edge(op_ctx_t *c, int s, int p, const ssim_jp_rule_t *rule, int channel)
{
    for (int k = 0; k < c->n_chosen; k++)
        if (c->chosen[k] == s)
            return 0;
    c->chosen[c->n_chosen++] = s;
    double u = ssim_jp_uniform(c->seed, (uint32_t)c->i, (uint16_t)(SSIM_JP_P_LAG + p));
    ssim_netwrite_supply(c->w, c->f->suppliers[s].id, c->id, channel,
                         draw_lag(rule->lag_min, rule->lag_max, u), rule->share, rule->privilege);
    return 1;
}

static size_t write_op_supply(op_ctx_t *c)
{
    const ssim_jp_facts_t *f = c->f;
    const ssim_jp_kind_t *k = &f->kinds[c->ops->kind[c->i]];
    uint32_t company = (uint32_t)c->ops->company[c->i];
    int msp = f->msp_product, region = f->region[c->ops->pref[c->i]];
    int managed = msp >= 0 && k->rule[msp] >= 0 && k->msp > 0 &&
                  ssim_jp_uniform(c->seed, company, SSIM_JP_P_MSP) < k->msp;
    size_t n = 0;
    c->n_chosen = 0;
    ssim_jp_op_id(f, c->ops, c->i, c->id, sizeof c->id);
    for (int p = 0; p < f->n_products; p++) {
        if (p == msp || k->rule[p] < 0)
            continue;
        const ssim_jp_rule_t *rule = &f->rules[k->rule[p]];
        if (rule->uses <= 0 ||
            ssim_jp_uniform(c->seed, company, (uint16_t)(SSIM_JP_P_USES + p)) >= rule->uses)
            continue;
        int s = pick_supplier(
            f, k, p, ssim_jp_uniform(c->seed, company, (uint16_t)(SSIM_JP_P_PICK + p)), -1);
        int channel = rule->via_msp && managed ? SSIM_CHANNEL_MANAGED : rule->channel;
        if (s >= 0)
            n += (size_t)add_edge(c, s, p, rule, channel);
    }
    if (managed) {
        int s =
            pick_supplier(f, k, msp, ssim_jp_uniform(c->seed, company, SSIM_JP_P_MSP_PICK), region);
        const ssim_jp_rule_t *rule = &f->rules[k->rule[msp]];
        if (s >= 0)
            n += (size_t)add_edge(c, s, msp, rule, rule->channel);
    }
    return n;
}

ssim_status_t ssim_jp_write_supply(const ssim_jp_facts_t *f, const ssim_jp_ops_t *ops,
                                   uint64_t seed, ssim_netwrite_t *w, size_t *n_written)
{
    size_t ns = f->n_suppliers;
    uint8_t *pair_used = ssim_calloc(ns * ns + 1, 1, "supplier pairs");
    if (!pair_used)
        return SSIM_ENOMEM;
    *n_written = write_supplier_edges(f, seed, w, pair_used);
    free(pair_used);
    op_ctx_t c = {.f = f, .ops = ops, .seed = seed, .w = w};
    for (c.i = 0; c.i < ops->n; c.i++)
        *n_written += write_op_supply(&c);
    return SSIM_OK;
}
