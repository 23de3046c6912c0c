/* models/regulation/variant — a regulation option applied to the baseline: the variant.
 *
 * ssim_variant_build() turns (network, graph, scenario, option) into the
 * per-entity parameters the supply_chain model reads (docs/regulation.md):
 *   supply edges   supplier after vetting/diversity-cap replacement; blocked
 *                  edges are left out of the variant's supply CSR; outage
 *                  probability factor (segmentation)
 *   operators      advance-notice hold hours; disconnection hours (< 0: the
 *                  scenario's response rule)
 *   suppliers      canary fraction and stage hold (staged rollout)
 *   dependencies   buffer hours (buffer mandate)
 * and the option's static burden.  Edge, supplier, operator and dependency
 * indices never change, so every random stream keyed by an entity the option
 * does not touch draws exactly as in the baseline: this is the common-
 * random-numbers guarantee.  The variant's `net` and `graph` are shallow
 * copies of the baseline's with only the changed arrays replaced (owned by
 * the variant); in particular the graph's reach arrays are the baseline's,
 * so origins are drawn exactly as in the baseline.
 */
#ifndef SSIM_MODELS_OPTIONS_H
#define SSIM_MODELS_OPTIONS_H

#include "core/status.h"
#include "core/vocab.h"
#include "graph/graph.h"
#include "input/network.h"
#include "scenario/scenario.h"

#include <math.h>
#include <stdint.h>

/* Static burden of an option ("S" = sectors; sector of the operator concerned). */
typedef struct {
    double replaced[SSIM_MAX_SECTORS];            /* supply edges moved to another supplier */
    double blocked[SSIM_MAX_SECTORS];             /* supply edges removed */
    double held_days[SSIM_MAX_SECTORS];           /* operator-days of held updates per year */
    double patch_days[SSIM_MAX_SECTORS];          /* ... of which security patches */
    double regulated[SSIM_MAX_SECTORS];           /* operators under an obligation (any lever) */
    double buffer_hours[SSIM_MAX_SECTORS];        /* buffer-hours added over all dependencies */
    double cost[SSIM_N_LEVERS][SSIM_MAX_SECTORS]; /* yen per lever and sector */
    double total;                                 /* yen, all levers and sectors */
    /* The same costs split by kind: one-off (switching, added buffers,
     * segmentation projects: paid once, amortised by the studies over
     * burden.life_years at burden.discount_rate) and recurring (compliance,
     * held updates, staged rollout: yen per year). */
    double oneoff[SSIM_N_LEVERS][SSIM_MAX_SECTORS]; /* the one-off part of cost (yen);
                                                        the rest is yen per year */
    double oneoff_total, recurring_total;
} ssim_burden_t;

/* Yearly equivalent of a one-off cost paid now and spread over life years
 * at a discount rate r (the capital recovery factor r / (1 - (1 + r)^-life);
 * 1 / life when r = 0): annualised burden = recurring + oneoff x this. */
static inline double ssim_burden_recovery_factor(double life_years, double rate)
{
    if (rate <= 0)
        return 1.0 / life_years;
    return rate / (1.0 - pow(1.0 + rate, -life_years));
}

typedef struct ssim_variant {
    ssim_network_t net;       /* shallow copy; sup_src, dep_buffer_hours replaced */
    ssim_graph_t graph;       /* shallow copy; supply_off, supply_edge replaced */
    int32_t *sup_src;         /* length n_supply (owned) */
    double *dep_buffer;       /* length n_deps (owned) */
    int64_t *supply_off;      /* length n_suppliers + 1 (owned) */
    int32_t *supply_edge;     /* length n_supply (owned; blocked edges absent) */
    uint8_t *edge_blocked;    /* length n_supply */
    double *op_hold_hours;    /* length n_operators: total advance-notice hold */
    double *op_disconnect;    /* length n_operators: hours, or -1 (scenario rule) */
    double *edge_pout_factor; /* length n_supply: outage probability factor */
    double *sup_canary;       /* length n_suppliers: canary fraction */
    double *sup_stage_hold;   /* length n_suppliers: hours */
    ssim_burden_t burden;
} ssim_variant_t;

/* Build the variant of option opt (NULL: the baseline itself, every lever
 * off).  net, graph and sc are borrowed and must outlive v.  Serial.
 * SSIM_ENOMEM on allocation failure (v is then destroyed). */
ssim_status_t ssim_variant_build(ssim_variant_t *v, const ssim_network_t *net,
                                 const ssim_graph_t *graph, const ssim_scenario_t *sc,
                                 const ssim_scenario_option_t *opt);

/* Release what v owns (safe on a zeroed or destroyed v). */
void ssim_variant_destroy(ssim_variant_t *v);

/* The replacement of supplier s for an edge whose supplier fails the vetting
 * rule of opt: the supplier of s's category that passes the rule and has the
 * most supply edges in the baseline (ties: lowest index), or -1 (block). */
int32_t ssim_variant_replacement(const ssim_network_t *net, const ssim_graph_t *graph,
                                 const ssim_scenario_option_t *opt, int32_t s);

#endif
