/* models/economic — building the economic layer from a scenario (contracts in
 * economic.h): the matrix (built in or from a CSV file), K, the
 * perturbation, the output grid and the exact DIIM step propagators. */
#include "models/economic/economic.h"

#include "core/alloc.h"
#include "core/suggest.h"
#include "input/csv.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_IO_SECTORS 1000 /* cap on the sectors of a matrix file */

/* --------------------------------------------------------------- helpers */

void ssim_econ_free(ssim_econ_t *e)
{
    if (!e)
        return;
    for (size_t i = 0; e->names && i < e->n; i++)
        free(e->names[i]);
    free(e->names);
    free(e->astar);
    free(e->k);
    free(e->x_per_hour);
    free(e->coverage);
    free(e->io_customers);
    free(e->c);
    ssim_diim_step_destroy(&e->step);
    ssim_diim_step_destroy(&e->last);
    free(e);
}

/* Allocate the N-sized arrays (names zeroed; x_per_hour only when has_x). */
static ssim_status_t alloc_arrays(ssim_econ_t *e, size_t n, int has_x)
{
    e->n = n;
    e->names = ssim_calloc(n, sizeof *e->names, "IO sector names");
    e->astar = ssim_calloc(n * n, sizeof *e->astar, "A* matrix");
    e->k = ssim_calloc(n, sizeof *e->k, "K");
    e->coverage = ssim_calloc(n, sizeof *e->coverage, "IO coverage");
    e->io_customers = ssim_calloc(n, sizeof *e->io_customers, "IO customers");
    e->c = ssim_calloc(n, sizeof *e->c, "perturbation");
    if (has_x)
        e->x_per_hour = ssim_calloc(n, sizeof *e->x_per_hour, "IO outputs");
    int ok = e->names && e->astar && e->k && e->coverage && e->io_customers && e->c &&
             (!has_x || e->x_per_hour);
    return ok ? SSIM_OK : SSIM_ENOMEM;
}

/* Index of name among e's sectors (names not set yet are skipped), or -1. */
static int find_sector(const ssim_econ_t *e, const char *name)
{
    for (size_t i = 0; i < e->n; i++)
        if (e->names[i] && strcmp(e->names[i], name) == 0)
            return (int)i;
    return -1;
}

/* ------------------------------------------------------- built-in table */

void ssim_econ_jp2011_astar(double *astar)
{
    enum { N = SSIM_ECON_JP2011_N };
    double zd[N * N], a[N * N];
    for (size_t i = 0; i < N; i++) {
        double sales = ssim_econ_jp2011_final[i];
        for (size_t j = 0; j < N; j++)
            sales += ssim_econ_jp2011_z[i][j];
        double m = sales > 0 ? ssim_econ_jp2011_imports[i] / sales : 0.0;
        m = m < 0 ? 0 : m > 1 ? 1 : m;
        for (size_t j = 0; j < N; j++)
            zd[i * N + j] = (1.0 - m) * ssim_econ_jp2011_z[i][j];
    }
    ssim_iim_technical(N, zd, ssim_econ_jp2011_x, a);
    ssim_iim_interdependency(N, a, ssim_econ_jp2011_x, astar);
}

static ssim_status_t load_builtin(ssim_econ_t *e)
{
    enum { N = SSIM_ECON_JP2011_N };
    ssim_status_t st = alloc_arrays(e, N, 1);
    for (size_t i = 0; st == SSIM_OK && i < N; i++)
        if (!(e->names[i] = ssim_strdup(ssim_econ_jp2011_names[i], "IO sector name")))
            st = SSIM_ENOMEM;
    if (st != SSIM_OK)
        return st;
    ssim_econ_jp2011_astar(e->astar);
    for (size_t i = 0; i < N; i++)
        e->x_per_hour[i] = ssim_econ_jp2011_x[i] * 1e6 / SSIM_ECON_HOURS_PER_YEAR;
    return SSIM_OK;
}

/* ------------------------------------------------------- a matrix file */

typedef struct {
    const char *path;
    ssim_csv_t *csv;
    ssim_csv_record_t rec;
    int has_x;
    size_t n;
    double *m; /* N*N as read */
    double *x; /* N, yen per year, when has_x */
} reader_t;

static ssim_loc_t field_loc(const reader_t *r, size_t i)
{
    return (ssim_loc_t){r->path, r->rec.fields[i].line, r->rec.fields[i].col};
}

/* A finite number >= 0 (> 0 when positive) from field i of the record. */
static ssim_status_t read_number(const reader_t *r, size_t i, int positive, double *out)
{
    const char *s = r->rec.fields[i].text;
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (!*s || *end || errno || !isfinite(v) || v < 0 || (positive && v <= 0))
        return ssim_error(SSIM_EINVAL, field_loc(r, i), "economic.matrix: '%s' must be a %s number",
                          s, positive ? "positive" : "non-negative");
    *out = v;
    return SSIM_OK;
}

/* Header: a label, the N sector names, optionally "x" last. */
static ssim_status_t read_header(reader_t *r, ssim_econ_t *e)
{
    ssim_status_t st = ssim_csv_next(r->csv, &r->rec);
    if (st != SSIM_OK)
        return st;
    size_t nf = r->rec.n_fields;
    r->has_x = nf >= 3 && strcmp(r->rec.fields[nf - 1].text, "x") == 0;
    r->n = nf >= 2 ? nf - 1 - (size_t)r->has_x : 0;
    if (r->n < 1 || r->n > MAX_IO_SECTORS)
        return ssim_error(SSIM_EINVAL, (ssim_loc_t){r->path, r->rec.line, 1},
                          "economic.matrix: the header must name 1 to %d sectors after a label "
                          "column (optionally then 'x'), got %zu columns",
                          MAX_IO_SECTORS, nf);
    if ((st = alloc_arrays(e, r->n, r->has_x)) != SSIM_OK)
        return st;
    for (size_t i = 0; i < r->n; i++) {
        const char *name = r->rec.fields[i + 1].text;
        if (!*name || find_sector(e, name) >= 0)
            return ssim_error(SSIM_EINVAL, field_loc(r, i + 1),
                              "economic.matrix: sector names must be non-empty and distinct "
                              "(got '%s')",
                              name);
        if (!(e->names[i] = ssim_strdup(name, "IO sector name")))
            return SSIM_ENOMEM;
    }
    return SSIM_OK;
}

/* Row i: its sector name (as in the header), N numbers, x when present. */
static ssim_status_t read_row(reader_t *r, const ssim_econ_t *e, size_t i)
{
    ssim_status_t st = ssim_csv_next(r->csv, &r->rec);
    if (st != SSIM_OK)
        return st;
    size_t want = r->n + 1 + (size_t)r->has_x;
    if (r->rec.n_fields == 0)
        return ssim_error(SSIM_EINVAL, (ssim_loc_t){r->path, r->rec.line, 0},
                          "economic.matrix: %zu rows expected (one per sector), got %zu", r->n, i);
    if (r->rec.n_fields != want)
        return ssim_error(SSIM_EINVAL, (ssim_loc_t){r->path, r->rec.line, 1},
                          "economic.matrix: %zu fields expected, got %zu", want, r->rec.n_fields);
    if (strcmp(r->rec.fields[0].text, e->names[i]) != 0)
        return ssim_error(SSIM_EINVAL, field_loc(r, 0),
                          "economic.matrix: row %zu must be sector '%s' (rows in header order), "
                          "got '%s'",
                          i + 1, e->names[i], r->rec.fields[0].text);
    for (size_t j = 0; st == SSIM_OK && j < r->n; j++)
        st = read_number(r, j + 1, 0, &r->m[i * r->n + j]);
    if (st == SSIM_OK && r->has_x)
        st = read_number(r, r->n + 1, 1, &r->x[i]);
    return st;
}

/* A* from what was read, by kind (interdependency, technical, transactions). */
static ssim_status_t to_astar(reader_t *r, ssim_econ_t *e, const char *kind)
{
    size_t n = r->n;
    if (strcmp(kind, "interdependency") == 0) {
        memcpy(e->astar, r->m, n * n * sizeof *r->m);
    } else if (!r->has_x) {
        return ssim_error(SSIM_EINVAL, (ssim_loc_t){r->path, 1, 0},
                          "economic.matrix_kind: %s needs the outputs: add a last column 'x'",
                          kind);
    } else {
        if (strcmp(kind, "transactions") == 0)
            ssim_iim_technical(n, r->m, r->x, r->m);
        ssim_iim_interdependency(n, r->m, r->x, e->astar);
    }
    for (size_t i = 0; r->has_x && i < n; i++)
        e->x_per_hour[i] = r->x[i] / SSIM_ECON_HOURS_PER_YEAR;
    return SSIM_OK;
}

static ssim_status_t load_file(ssim_econ_t *e, const char *path, const char *kind)
{
    reader_t r = {.path = path};
    ssim_status_t st = ssim_csv_open(&r.csv, path);
    if (st == SSIM_OK)
        st = read_header(&r, e);
    if (st == SSIM_OK) {
        r.m = ssim_malloc(r.n * r.n, sizeof *r.m, "matrix");
        r.x = ssim_calloc(r.n, sizeof *r.x, "outputs");
        st = r.m && r.x ? SSIM_OK : SSIM_ENOMEM;
    }
    for (size_t i = 0; st == SSIM_OK && i < r.n; i++)
        st = read_row(&r, e, i);
    if (st == SSIM_OK && (st = ssim_csv_next(r.csv, &r.rec)) == SSIM_OK && r.rec.n_fields)
        st = ssim_error(SSIM_EINVAL, (ssim_loc_t){path, r.rec.line, 1},
                        "economic.matrix: more rows than the %zu sectors of the header", r.n);
    if (st == SSIM_OK)
        st = to_astar(&r, e, kind);
    free(r.m);
    free(r.x);
    ssim_csv_close(r.csv);
    return st;
}

/* economic.matrix resolved against the scenario file's directory (caller frees). */
static char *resolve(const char *scenario_path, const char *rel)
{
    const char *slash = scenario_path ? strrchr(scenario_path, '/') : NULL;
    size_t dlen = rel[0] == '/' || !slash ? 0 : (size_t)(slash - scenario_path) + 1;
    size_t n = dlen + strlen(rel) + 1;
    char *out = ssim_malloc(n, 1, "matrix path");
    if (out)
        snprintf(out, n, "%.*s%s", (int)dlen, scenario_path, rel);
    return out;
}

/* --------------------------------------------------------- the scenario */

static ssim_status_t check_matrix(ssim_econ_t *e, const char *what)
{
    ssim_status_t st = ssim_iim_spectral_radius(e->n, e->astar, &e->rho);
    if (st == SSIM_OK && !(e->rho < 1.0))
        st = ssim_error(SSIM_EINVAL, SSIM_LOC_NONE,
                        "%s: A* has spectral radius %.6g >= 1: the inoperability model has no "
                        "bounded solution",
                        what, e->rho);
    return st;
}

/* The value of NUMMAP key `what` for each sector into v (length e->n): its
 * default, then each name given, which must be a sector of the matrix. */
static ssim_status_t per_sector(const ssim_econ_t *e, const ssim_scenario_nummap_t *m,
                                const char *what, double *v)
{
    for (size_t i = 0; i < e->n; i++)
        v[i] = m->value;
    for (size_t i = 0; i < m->n; i++) {
        int j = find_sector(e, m->names[i]);
        if (j < 0) {
            const char *near =
                ssim_suggest_nearest(m->names[i], (const char *const *)e->names, e->n, 2);
            return ssim_error(SSIM_EINVAL, m->locs[i],
                              "economic.%s: '%s' is not a sector of the matrix%s%s%s", what,
                              m->names[i], near ? " (did you mean '" : "", near ? near : "",
                              near ? "'?)" : "");
        }
        v[j] = m->values[i];
    }
    return SSIM_OK;
}

/* K by sector: k_per_hour where > 0, else from recovery_hours (each a
 * number for every sector or a mapping by matrix sector). */
static ssim_status_t set_k(ssim_econ_t *e, const ssim_econ_params_t *ep)
{
    double *tau = ssim_malloc(e->n, sizeof *tau, "recovery hours");
    ssim_status_t st = tau ? per_sector(e, &ep->k_per_hour, "k_per_hour", e->k) : SSIM_ENOMEM;
    if (st == SSIM_OK)
        st = per_sector(e, &ep->recovery_hours, "recovery_hours", tau);
    for (size_t i = 0; st == SSIM_OK && i < e->n; i++)
        if (!(e->k[i] > 0))
            e->k[i] =
                ssim_iim_k_from_recovery(tau[i], SSIM_ECON_RECOVERY_LAMBDA, e->astar[i * e->n + i]);
    free(tau);
    return st;
}

/* economic.perturbation.sectors / .values -> e->c. */
static ssim_status_t set_perturbation(ssim_econ_t *e, const ssim_scenario_t *sc)
{
    const ssim_econ_params_t *ep = ssim_econ_params(sc);
    size_t ns = ep->n_perturbed, nv = ep->n_values;
    if (ns != nv)
        return ssim_error(SSIM_EINVAL, (ssim_loc_t){sc->path, 0, 0},
                          "economic.perturbation: %zu sectors but %zu values (one value each)", ns,
                          nv);
    for (size_t i = 0; i < ns; i++) {
        int j = find_sector(e, ep->perturbed[i]);
        if (j < 0)
            return ssim_error(SSIM_EINVAL, ep->perturbed_locs[i],
                              "economic.perturbation.sectors: '%s' is not a sector of the matrix",
                              ep->perturbed[i]);
        const char *s = ep->values[i];
        char *end;
        errno = 0;
        double v = strtod(s, &end);
        if (!*s || *end || errno || !(v >= 0 && v <= 1))
            return ssim_error(SSIM_EINVAL, ep->value_locs[i],
                              "economic.perturbation.values: '%s' must be a number in [0, 1]", s);
        e->c[j] = v;
    }
    e->start_hours = ep->start_hours;
    e->end_hours = ep->end_hours;
    if (!(e->end_hours > e->start_hours))
        return ssim_error(SSIM_EINVAL, (ssim_loc_t){sc->path, 0, 0},
                          "economic.perturbation.end_hours (%g) must be > start_hours (%g)",
                          e->end_hours, e->start_hours);
    return SSIM_OK;
}

/* Output grid and the propagators of its two step lengths. */
static ssim_status_t set_grid(ssim_econ_t *e, const ssim_scenario_t *sc)
{
    e->horizon_hours = sc->horizon_hours;
    e->step_hours = sc->output_step_hours;
    e->n_steps = ssim_results_n_steps(sc->horizon_hours, sc->output_step_hours);
    e->last_hours = sc->horizon_hours - (double)(e->n_steps - 1) * e->step_hours;
    if (e->last_hours <= 0)
        e->last_hours = e->step_hours;
    ssim_status_t st = ssim_diim_step_init(&e->step, e->n, e->astar, e->k, e->step_hours);
    if (st == SSIM_OK)
        st = ssim_diim_step_init(&e->last, e->n, e->astar, e->k, e->last_hours);
    return st;
}

ssim_status_t ssim_econ_load(const ssim_scenario_t *sc, ssim_econ_t **out)
{
    *out = NULL;
    ssim_econ_t *e = ssim_calloc(1, sizeof *e, "economic layer");
    if (!e)
        return SSIM_ENOMEM;
    const ssim_econ_params_t *ep = ssim_econ_params(sc);
    const char *file = ep->matrix ? ep->matrix : "";
    char *path = NULL;
    ssim_status_t st;
    if (!*file) {
        st = load_builtin(e);
    } else {
        path = resolve(sc->path, file);
        st = path ? load_file(e, path, ep->matrix_kind) : SSIM_ENOMEM;
    }
    if (st == SSIM_OK)
        st = check_matrix(e, *file ? path : "the built-in Japan 2011 table");
    if (st == SSIM_OK)
        st = set_k(e, ep);
    if (st == SSIM_OK)
        st = set_perturbation(e, sc);
    if (st == SSIM_OK)
        st = set_grid(e, sc);
    free(path);
    if (st != SSIM_OK) {
        ssim_econ_free(e);
        return st;
    }
    *out = e;
    return SSIM_OK;
}

ssim_status_t ssim_econ_couple(ssim_econ_t *e, const ssim_network_t *net)
{
    for (int s = 0; s < SSIM_MAX_SECTORS; s++)
        e->io_of[s] = -1;
    for (size_t i = 0; i < ssim_econ_jp2011_map_n; i++) {
        const ssim_econ_map_t *m = &ssim_econ_jp2011_map[i];
        int s = ssim_vocab_find(&ssim_vocab_sector, m->sector);
        int j = find_sector(e, m->io_sector);
        if (s < 0)
            continue; /* a sector the vocabulary no longer has */
        if (j < 0)
            return ssim_error(SSIM_EINVAL, SSIM_LOC_NONE,
                              "economic.matrix: no IO sector '%s', which sector '%s' maps to "
                              "(docs/models/economic.md, sector mapping)",
                              m->io_sector, m->sector);
        e->io_of[s] = j;
        e->coverage[j] = m->io_coverage;
    }
    for (size_t o = 0; o < net->n_operators; o++) {
        int32_t j = e->io_of[net->op_sector[o]];
        if (j >= 0)
            e->io_customers[j] += (double)net->op_customers[o];
    }
    e->coupled = 1;
    return SSIM_OK;
}

#define YEN "JPY"
/* clang-format off */
static const ssim_col_def_t econ_cols[SSIM_ECON_N_COLS] = {
    [SSIM_ECON_COL_LOSS] = {
        .name = "economic_loss", .type = SSIM_COL_F64, .shape = SSIM_COL_SCALAR,
        .summary = SSIM_COL_SUM_STATS, .units = YEN,
        .long_name = "economic loss, all IO sectors: sum over j of x_j times the integral of q_j",
        .summary_name = "economic_loss", .summary_long_name = "the economic loss per trial"},
    [SSIM_ECON_COL_SECTOR_LOSS] = {
        .name = "economic_sector_loss", .type = SSIM_COL_F64, .shape = SSIM_COL_AXIS,
        .summary = SSIM_COL_SUM_STATS, .units = YEN,
        .long_name = "economic loss by IO sector: x_j times the integral of q_j over the horizon",
        .summary_name = "economic_sector_loss",
        .summary_long_name = "the economic loss per trial, by IO sector"},
    [SSIM_ECON_COL_IMPACT] = {
        .name = "economic_impact", .type = SSIM_COL_F64, .shape = SSIM_COL_AXIS,
        .flags = SSIM_COL_FOLDED, .summary = SSIM_COL_SUM_MEAN, .units = "h",
        .long_name = "cumulative inoperability by IO sector: integral of q_j over the horizon",
        .summary_name = "economic_impact_mean",
        .summary_long_name = "cumulative inoperability by IO sector: mean over trials"},
    [SSIM_ECON_COL_PEAK] = {
        .name = "economic_peak_inoperability", .type = SSIM_COL_F64, .shape = SSIM_COL_AXIS,
        .flags = SSIM_COL_FOLDED, .summary = SSIM_COL_SUM_MEAN, .units = "1",
        .long_name = "largest step-mean inoperability by IO sector"},
    [SSIM_ECON_COL_Q] = {
        .name = "economic_inoperability", .type = SSIM_COL_F32, .shape = SSIM_COL_STEP_AXIS,
        .flags = SSIM_COL_SERIES, .summary = SSIM_COL_SUM_MEAN, .units = "1",
        .long_name = "inoperability q by IO sector, mean over the output step",
        .summary_name = "economic_inoperability_mean",
        .summary_long_name = "inoperability by IO sector, mean over the output step: mean over "
                             "trials",
        .cell_methods = "time: mean"},
};
/* clang-format on */

const ssim_col_table_t ssim_econ_table = {"economic", econ_cols, SSIM_ECON_N_COLS, "io_sector"};
const ssim_col_table_t *const ssim_econ_tables[] = {&ssim_econ_table, NULL};

ssim_status_t ssim_econ_results_init(const ssim_econ_t *e, ssim_results_t *res)
{
    uint8_t present[SSIM_ECON_N_COLS] = {0};
    for (int c = 0; c < SSIM_ECON_N_COLS; c++)
        present[c] = e->x_per_hour || (c != SSIM_ECON_COL_LOSS && c != SSIM_ECON_COL_SECTOR_LOSS);
    int first = -1;
    ssim_status_t st = ssim_results_add_table(res, &ssim_econ_table, present, e->n,
                                              (const char *const *)e->names, &first);
    if (st != SSIM_OK)
        return st;
    if (first != SSIM_ECON_COL(LOSS))
        return ssim_error(SSIM_EINTERNAL, SSIM_LOC_NONE,
                          "the economic columns must follow the base table (got id %d)", first);
    res->econ_k = ssim_malloc(e->n + 1, sizeof *res->econ_k, "economic parameters");
    if (!res->econ_k)
        return SSIM_ENOMEM;
    memcpy(res->econ_k, e->k, e->n * sizeof *e->k);
    if (e->x_per_hour) {
        res->econ_x_per_hour =
            ssim_malloc(e->n + 1, sizeof *res->econ_x_per_hour, "economic outputs");
        if (!res->econ_x_per_hour)
            return SSIM_ENOMEM;
        memcpy(res->econ_x_per_hour, e->x_per_hour, e->n * sizeof *e->x_per_hour);
    }
    return SSIM_OK;
}

ssim_status_t ssim_econ_ws_alloc(const ssim_econ_t *e, ssim_econ_ws_t *w)
{
    memset(w, 0, sizeof *w);
    double *all = ssim_calloc(4 * e->n, sizeof *all, "economic workspace");
    if (!all)
        return SSIM_ENOMEM;
    *w = (ssim_econ_ws_t){all, all + e->n, all + 2 * e->n, all + 3 * e->n};
    return SSIM_OK;
}

void ssim_econ_ws_free(ssim_econ_ws_t *w)
{
    if (!w)
        return;
    free(w->q);
    memset(w, 0, sizeof *w);
}
