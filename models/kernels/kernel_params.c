/* models/kernel_params — the kernel.* rows (kernel_params.h). */
#include "models/kernels/kernel_params.h"

#include "models/incident/incident_params.h"

#include <stddef.h>

#define OFF(field) offsetof(ssim_kernel_params_t, field)
#define PROB(k, field, d, text) SSIM_SCENARIO_ROW_PROB(k, OFF(field), d, text)
#define DIST(k, field, d, u, text) SSIM_SCENARIO_ROW_DIST(k, OFF(field), d, u, text)

/* clang-format off */
/* ENUM value lists (NULL-terminated).  kernel_sector_names must equal
 * ssim_vocab_sector's names (tests/unit/test_kernels.c checks that every
 * sector is accepted). */
static const char *const kernel_direction_names[] = {"directed", "undirected", NULL};
static const char *const kernel_seeds_names[] = {"origins", "random", "fraction", NULL};
static const char *const kernel_prob_names[] = {"constant", "loss", NULL};
static const char *const kernel_sampling_names[] = {"edge", "geometric", NULL};
static const char *const kernel_sector_names[] = {
    "electricity", "gas", "petroleum", "water", "finance", "payments", "rail",
    "aviation", "ports", "logistics", "telecom", "government", "medical", NULL};

static const ssim_scenario_row_t rows[] = {
    {.key = "kernel.direction", .type = SSIM_SCENARIO_T_ENUM, .def = "directed", .units = "",
     .desc = "independent_cascade, watts_threshold: how a dependency edge spreads failure: "
             "directed = from the provider to the dependent only; undirected = both ways.",
     .off = OFF(direction), .values = kernel_direction_names, .enum_as_string = 1},
    {.key = "kernel.seeds", .type = SSIM_SCENARIO_T_ENUM, .def = "origins", .units = "",
     .desc = "independent_cascade, watts_threshold: the operators failed at the start of a "
             "trial: origins = every operator supplied directly (supply.csv) by "
             "incident.origin.suppliers; random = kernel.n_seeds distinct operators drawn "
             "uniformly per trial; fraction = each operator independently with probability "
             "kernel.seed_fraction per trial.",
     .off = OFF(seeds), .values = kernel_seeds_names, .enum_as_string = 1},
    {.key = "kernel.n_seeds", .type = SSIM_SCENARIO_T_UINT64, .def = "1", .units = "operators",
     .desc = "seeds: random: seed operators drawn per trial (at most the number of operators).",
     .off = OFF(n_seeds), .ulo = 1, .uhi = 100000000 /* the loader's row cap */},
    PROB("kernel.seed_fraction", seed_fraction, "0.01",
         "seeds: fraction: probability that an operator is a seed in a trial."),
    PROB("kernel.edge_probability", edge_probability, "0.1",
         "independent_cascade: probability T that a failed provider fails its dependent "
         "through one dependency edge (probability_from: constant)."),
    {.key = "kernel.probability_from", .type = SSIM_SCENARIO_T_ENUM, .def = "constant",
     .units = "", .desc = "independent_cascade: constant = every edge transmits with "
             "kernel.edge_probability; loss = edge d transmits with probability loss(d) "
             "from dependencies.csv.",
     .off = OFF(probability_from), .values = kernel_prob_names, .enum_as_string = 1},
    {.key = "kernel.sampling", .type = SSIM_SCENARIO_T_ENUM, .def = "edge", .units = "",
     .desc = "independent_cascade: how the open edges are drawn (the same distribution "
             "either way): edge = one coin per dependency, keyed by the dependency (common "
             "random numbers per edge across options, one coin for both directions when "
             "undirected); geometric = each failed operator jumps from one open arc to the "
             "next with geometric gaps drawn from its own stream: cost per open arc instead "
             "of per arc, different numbers than edge.",
     .off = OFF(sampling), .values = kernel_sampling_names, .enum_as_string = 1},
    DIST("kernel.threshold", threshold, "0.18", "fraction",
         "watts_threshold: an operator fails when the fraction of its providers that failed "
         "is >= its threshold phi: a number (the same phi for all) or a distribution, drawn "
         "per operator and trial."),
    {.key = "kernel.network_a", .type = SSIM_SCENARIO_T_ENUM, .def = "electricity", .units = "",
     .desc = "interdependent_percolation: the sector whose operators form network A (attacked).",
     .off = OFF(network_a), .values = kernel_sector_names, .enum_as_string = 1},
    {.key = "kernel.network_b", .type = SSIM_SCENARIO_T_ENUM, .def = "telecom", .units = "",
     .desc = "interdependent_percolation: the sector whose operators form network B "
             "(different from network_a).",
     .off = OFF(network_b), .values = kernel_sector_names, .enum_as_string = 1},
    PROB("kernel.occupation", occupation, "0.75",
         "interdependent_percolation: p, the probability that an operator of network A "
         "survives the initial attack (a fraction 1 - p is removed)."),
};
/* clang-format on */

const ssim_scenario_params_t ssim_kernel_param_set = {
    .section = "kernel",
    .rows = rows,
    .n_rows = sizeof rows / sizeof rows[0],
    .size = sizeof(ssim_kernel_params_t),
};

/* incident.*: kernel.seeds: origins reads incident.origin.suppliers. */
const ssim_scenario_params_t *const ssim_kernel_param_sets[] = {&ssim_incident_param_set,
                                                                &ssim_kernel_param_set, NULL};
