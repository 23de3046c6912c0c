/* models/economic_params — the economic.* rows (economic_params.h). */
#include "models/economic/economic_params.h"

#define OFF(field) offsetof(ssim_econ_params_t, field)
#define HOURS(k, field, d, text) SSIM_SCENARIO_ROW_HOURS(k, OFF(field), d, text)
#define SWITCH(k, field, d, text) SSIM_SCENARIO_ROW_SWITCH(k, OFF(field), d, text)

static const char *const econ_kind_names[] = {"interdependency", "technical", "transactions", NULL};

/* clang-format off */
static const ssim_scenario_row_t rows[] = {
    SWITCH("economic.enabled", enabled, "false",
           "supply_chain: run the dynamic inoperability IO model (DIIM) on each trial's sector "
           "outage and report the economic loss (yen)."),
    {.key = "economic.matrix", .type = SSIM_SCENARIO_T_STRING, .def = "\"\"", .units = "",
     .desc = "\"\" = the built-in Japan 2011 13-sector IO table; else a CSV file (relative to "
             "the scenario file's directory): a label column, one column per sector, optionally "
             "a last column x (annual output, yen), one row per sector in header order.",
     .off = OFF(matrix)},
    {.key = "economic.matrix_kind", .type = SSIM_SCENARIO_T_ENUM, .def = "interdependency",
     .units = "", .desc = "What the matrix file holds: interdependency = A*; technical = A "
             "(needs x); transactions = Z (needs x).",
     .off = OFF(matrix_kind), .values = econ_kind_names, .enum_as_string = 1},
    {.key = "economic.k_per_hour", .type = SSIM_SCENARIO_T_NUMMAP, .def = "0", .units = "1/hours",
     .desc = "DIIM recovery rate K of every sector; 0 = derived from recovery_hours. Or by IO "
             "sector: { default: K, SECTOR: K, ... } with the matrix's sector names.",
     .off = OFF(k_per_hour), .lo = 0, .hi = 1e3},
    {.key = "economic.recovery_hours", .type = SSIM_SCENARIO_T_NUMMAP, .def = "168",
     .units = "hours", .desc = "Time for a sector's inoperability to fall to 1% of its initial "
             "value: k_i = ln(100) / (recovery_hours (1 - a*_ii)) (Lian & Haimes 2006). Or by IO "
             "sector, as k_per_hour.",
     .off = OFF(recovery_hours), .lo = 0, .lo_open = 1, .hi = 1e6},
    {.key = "economic.perturbation.sectors", .type = SSIM_SCENARIO_T_STRLIST, .def = "[]",
     .units = "", .desc = "iim, diim: the perturbed sectors (names from the matrix).",
     .off = OFF(perturbed), .off_n = OFF(n_perturbed),
     .off_locs = OFF(perturbed_locs), .ulo = 0, .uhi = 1000, .unique = 1},
    {.key = "economic.perturbation.values", .type = SSIM_SCENARIO_T_STRLIST, .def = "[]",
     .units = "fraction", .desc = "iim, diim: the perturbation c* of each perturbed sector, "
             "numbers in [0, 1], in the order of sectors.",
     .off = OFF(values), .off_n = OFF(n_values),
     .off_locs = OFF(value_locs), .ulo = 0, .uhi = 1000},
    HOURS("economic.perturbation.start_hours", start_hours, "0",
          "iim, diim: the perturbation is on from this time..."),
    {.key = "economic.perturbation.end_hours", .type = SSIM_SCENARIO_T_DOUBLE, .def = "100000",
     .units = "hours", .desc = "iim, diim: ...until this time (exclusive); the default keeps it "
             "on to the horizon.",
     .off = OFF(end_hours), .lo = 0, .hi = 1e5},
};
/* clang-format on */

const ssim_scenario_params_t ssim_econ_param_set = {
    .section = "economic",
    .rows = rows,
    .n_rows = sizeof rows / sizeof rows[0],
    .size = sizeof(ssim_econ_params_t),
};

const ssim_scenario_params_t *const ssim_econ_param_sets[] = {&ssim_econ_param_set, NULL};
