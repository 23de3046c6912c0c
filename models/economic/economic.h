/* models/economic — the economic layer: a dynamic inoperability input-output
 * model (DIIM, models/economic/iim.h) over IO sectors, fed either by a perturbation
 * given in the scenario (models `iim` and `diim`) or by each trial's sector
 * outage (model `supply_chain` with economic.enabled).  docs/models/economic.md
 * has the equations, the sector mapping, the data and the parameters.
 *
 * Data: Japan's 2011 13-sector IO table (transactions Z and outputs x,
 * million yen) is compiled in (economic_data.c); its source and the sector
 * mapping are the fact files scenarios/data/japan/facts/io2011_*.csv, and
 * tests/unit/test_economic.c checks that both hold the same numbers.  A
 * scenario may give its own matrix instead (economic.matrix, a CSV file).
 *
 * Life cycle (serial): ssim_econ_load() -> [ssim_econ_couple()] ->
 * ssim_econ_results_init() -> per thread ssim_econ_ws_alloc() -> trials
 * (ssim_econ_trial_outage() or ssim_econ_copy_solution(), in parallel, no
 * allocation) -> ssim_econ_ws_free() -> ssim_econ_free().  Everything in
 * ssim_econ_t is read-only once the trials start.
 */
#ifndef SSIM_MODELS_ECONOMIC_H
#define SSIM_MODELS_ECONOMIC_H

#include "core/status.h"
#include "core/vocab.h"
#include "input/network.h"
#include "models/economic/economic_params.h"
#include "models/economic/iim.h"
#include "results/results.h"
#include "scenario/scenario.h"

#include <stddef.h>
#include <stdint.h>

/* Hours per year: outputs x (yen per year) become yen per hour as x / 8760
 * (2011 had 365 days). */
#define SSIM_ECON_HOURS_PER_YEAR 8760.0
/* Fraction of the initial inoperability left after recovery_hours when K is
 * derived from the recovery time (Lian & Haimes' lambda). */
#define SSIM_ECON_RECOVERY_LAMBDA 0.01

/* The compiled-in table (economic_data.c): Japan 2011, 13 sectors. */
#define SSIM_ECON_JP2011_N 13
extern const char *const ssim_econ_jp2011_names[SSIM_ECON_JP2011_N]; /* short names */
extern const char *const ssim_econ_jp2011_long_names[SSIM_ECON_JP2011_N];
extern const double ssim_econ_jp2011_z[SSIM_ECON_JP2011_N][SSIM_ECON_JP2011_N]; /* million yen */
extern const double ssim_econ_jp2011_x[SSIM_ECON_JP2011_N];       /* million yen per year */
extern const double ssim_econ_jp2011_final[SSIM_ECON_JP2011_N];   /* domestic final demand */
extern const double ssim_econ_jp2011_imports[SSIM_ECON_JP2011_N]; /* imports, duties included */

/* The built-in A*: the table's transactions made domestic, z^d_ij = (1 - m_i)
 * z_ij with the import ratio m_i = imports_i / (sum_j z_ij + final_i)
 * (Japan's tables are of the competitive-import type), then a*_ij =
 * z^d_ij / x_i.  astar: N*N. */
void ssim_econ_jp2011_astar(double *astar);

/* Our sector -> IO sector mapping (economic_data.c), one row per sector name. */
typedef struct {
    const char *sector;    /* ssim_vocab_sector name */
    const char *io_sector; /* IO sector short name */
    double io_coverage;    /* share of the IO sector's output its mapped sectors stand for */
} ssim_econ_map_t;
extern const ssim_econ_map_t ssim_econ_jp2011_map[];
extern const size_t ssim_econ_jp2011_map_n;

typedef struct {
    size_t n;           /* IO sectors (N) */
    char **names;       /* N names, owned */
    double *astar;      /* N*N interdependency matrix A* */
    double *k;          /* N: recovery rates, 1/hours */
    double *x_per_hour; /* N: outputs, yen per hour; NULL when the matrix has none */
    double rho;         /* spectral radius of A* (< 1) */
    /* coupling to sector outage (ssim_econ_couple; supply_chain only) */
    int coupled;
    int32_t io_of[SSIM_MAX_SECTORS]; /* our sector code -> IO sector, -1 none */
    double *coverage;                /* N: io_coverage, 0 for unmapped IO sectors */
    double *io_customers;            /* N: customers of the operators mapped to it */
    /* perturbation (iim/diim): c* on [start_hours, end_hours) */
    double *c; /* N */
    double start_hours, end_hours;
    /* output grid: n_steps steps of step_hours, the last one last_hours long */
    size_t n_steps;
    double step_hours, last_hours, horizon_hours;
    ssim_diim_step_t step, last; /* exact propagators for the two step lengths */
} ssim_econ_t;

/* Per-thread work arrays (length N each). */
typedef struct {
    double *q, *q_next, *c, *area;
} ssim_econ_ws_t;

/* Build the layer from sc's economic.* keys (economic_params.h): the matrix (built-in Japan 2011
 * when economic.matrix is ""), K, the perturbation and the time grid.
 * Validates at the door: file:line:col errors for the matrix file, the rule
 * for keys (unknown perturbation sector, value out of [0, 1], A* with a
 * negative entry or a spectral radius >= 1).  *out is NULL on failure. */
ssim_status_t ssim_econ_load(const ssim_scenario_t *sc, ssim_econ_t **out);

/* Map the network's sectors onto the IO sectors (ssim_econ_jp2011_map, by
 * name) and total the customers per IO sector.  SSIM_EINVAL when the matrix
 * lacks an IO sector the mapping needs. */
ssim_status_t ssim_econ_couple(ssim_econ_t *e, const ssim_network_t *net);

void ssim_econ_free(ssim_econ_t *e); /* accepts NULL */

/* The economic layer's result columns (economic.c; docs/output.md), along
 * the IO-sector axis.  The table is added to a run's results right after the
 * base table (ssim_econ_results_init checks it), so its ids are fixed:
 * SSIM_ECON_COL(LOSS) .. SSIM_ECON_COL(Q). */
enum {
    SSIM_ECON_COL_LOSS = 0,    /* f64: yen, all IO sectors (only with outputs x) */
    SSIM_ECON_COL_SECTOR_LOSS, /* f64 x N: yen (only with outputs x) */
    SSIM_ECON_COL_IMPACT,      /* f64 x N, folded: integral of inoperability, hours */
    SSIM_ECON_COL_PEAK,        /* f64 x N, folded: largest step-mean inoperability */
    SSIM_ECON_COL_Q,           /* f32 x K x N, series: step-mean inoperability */
    SSIM_ECON_N_COLS
};
#define SSIM_ECON_COL(name) (SSIM_N_BASE_COLS + SSIM_ECON_COL_##name)
extern const ssim_col_table_t ssim_econ_table;
/* {&ssim_econ_table, NULL}: ssim_model_type_t.tables of the models that run the layer. */
extern const ssim_col_table_t *const ssim_econ_tables[];

/* Add the economic columns to res (the first table after the base table;
 * the loss columns only when x is known) and its parameters: the IO sector
 * names, x and K, copied.  SSIM_ENOMEM over the cap or out of memory. */
ssim_status_t ssim_econ_results_init(const ssim_econ_t *e, ssim_results_t *res);

ssim_status_t ssim_econ_ws_alloc(const ssim_econ_t *e, ssim_econ_ws_t *w);
void ssim_econ_ws_free(ssim_econ_ws_t *w); /* accepts NULL and empty */

/* One trial of the coupled layer.  ts_acc: n_steps*S customer-hours lost per
 * output step and sector (as the supply-chain model accumulates them), S =
 * ssim_vocab_sector.n.  For each step the IO perturbation is
 *     c*_j = coverage_j * (sum of customers out over the sectors mapped to j)
 *                       / io_customers_j,
 * customers out being the step mean; then the exact DIIM step.  Writes the
 * row's economic fields (those that are non-NULL).  No allocation. */
void ssim_econ_trial_outage(const ssim_econ_t *e, ssim_econ_ws_t *w, const double *ts_acc,
                            ssim_trial_row_t *row);

/* The perturbation-driven solution (iim/diim), computed once (serial):
 * sol_impact, sol_peak (N) and sol_q (n_steps*N step means).  static_iim:
 * the saturated static IIM held over the horizon.  Allocates. */
typedef struct {
    double *impact, *peak, *q_end, *q; /* N, N, N, n_steps*N */
} ssim_econ_solution_t;
ssim_status_t ssim_econ_solve(const ssim_econ_t *e, int static_iim, ssim_econ_solution_t *sol);
void ssim_econ_solution_destroy(ssim_econ_solution_t *sol);

/* Write a solution into a trial row (deterministic models: every trial is
 * the same).  No allocation. */
void ssim_econ_copy_solution(const ssim_econ_t *e, const ssim_econ_solution_t *sol,
                             ssim_trial_row_t *row);

#endif
