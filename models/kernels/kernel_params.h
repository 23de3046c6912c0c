/* models/kernel_params — the `kernel.*` scenario keys of the classic kernels
 * (independent_cascade, watts_threshold, interdependent_percolation;
 * docs/models/independent-cascade.md, watts-threshold.md,
 * interdependent-percolation.md), as a parameter set (scenario/params.h).
 * Other models ignore them; every model accepts them. */
#ifndef SSIM_MODELS_KERNEL_PARAMS_H
#define SSIM_MODELS_KERNEL_PARAMS_H

#include "core/dist.h"
#include "scenario/scenario.h"

#include <stdint.h>

/* The values of the set.  Names are stored as given (enum_as_string) and
 * mapped to codes by the kernels. */
typedef struct {
    char *direction;         /* "directed" (provider -> dependent) or "undirected" */
    char *seeds;             /* "origins", "random" or "fraction" */
    uint64_t n_seeds;        /* seeds: random: distinct seed operators per trial */
    double seed_fraction;    /* seeds: fraction: P(an operator is a seed), [0, 1] */
    double edge_probability; /* independent_cascade: P(an edge transmits), [0, 1] */
    char *probability_from;  /* "constant" (edge_probability) or "loss" (dependency loss) */
    char *sampling;          /* independent_cascade: "edge" (one coin per dependency) or
                                "geometric" (skip to the next open arc) */
    ssim_dist_t threshold;   /* watts_threshold: per-operator threshold phi, drawn per trial */
    char *network_a;         /* interdependent_percolation: sector of network A */
    char *network_b;         /* sector of network B (!= network_a) */
    double occupation;       /* P(an A operator survives the initial attack), [0, 1] */
} ssim_kernel_params_t;

/* The set: section "kernel", rows in kernel_params.c. */
extern const ssim_scenario_params_t ssim_kernel_param_set;

/* The kernels' ssim_model_type_t.params: the incident.* set (models/incident:
 * kernel.seeds: origins), then this one. */
extern const ssim_scenario_params_t *const ssim_kernel_param_sets[];

/* The kernel.* values of sc.  sc must have been loaded with a catalog that
 * lists the set (models/registry.h: ssim_model_catalog() does). */
static inline const ssim_kernel_params_t *ssim_kernel_params(const ssim_scenario_t *sc)
{
    return (const ssim_kernel_params_t *)ssim_scenario_params(sc, &ssim_kernel_param_set);
}

#endif
