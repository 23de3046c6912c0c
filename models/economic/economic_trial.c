/* models/economic_trial — the economic layer at run time (contracts in
 * economic.h): one trial driven by sector outage (supply_chain), and the
 * deterministic perturbation-driven solution of the iim / diim models. */
#include "models/economic/economic.h"

#include "core/alloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Step k's length and propagator. */
static double step_len(const ssim_econ_t *e, size_t k, const ssim_diim_step_t **prop)
{
    int last = k + 1 == e->n_steps;
    *prop = last ? &e->last : &e->step;
    return last ? e->last_hours : e->step_hours;
}

/* c*_j of step k from the customer-hours of ts_acc (length n_steps * S). */
static void outage_perturbation(const ssim_econ_t *e, const double *ts_acc, size_t k, double h,
                                double *c)
{
    size_t S = (size_t)ssim_vocab_sector.n;
    memset(c, 0, e->n * sizeof *c);
    for (size_t s = 0; s < S; s++)
        if (e->io_of[s] >= 0)
            c[e->io_of[s]] += ts_acc[k * S + s] / h; /* mean customers out */
    for (size_t j = 0; j < e->n; j++) {
        double v = e->io_customers[j] > 0 ? e->coverage[j] * c[j] / e->io_customers[j] : 0.0;
        c[j] = v < 0 ? 0 : v > 1 ? 1 : v;
    }
}

/* Loss by IO sector and in total from the row's impact (when x is known). */
static void write_loss(const ssim_econ_t *e, ssim_trial_row_t *row)
{
    double *sector_loss = ssim_row_f64(row, SSIM_ECON_COL(SECTOR_LOSS));
    const double *impact = ssim_row_f64(row, SSIM_ECON_COL(IMPACT));
    if (!e->x_per_hour || !sector_loss)
        return;
    double total = 0;
    for (size_t j = 0; j < e->n; j++) {
        sector_loss[j] = e->x_per_hour[j] * impact[j];
        total += sector_loss[j];
    }
    *ssim_row_f64(row, SSIM_ECON_COL(LOSS)) = total;
}

void ssim_econ_trial_outage(const ssim_econ_t *e, ssim_econ_ws_t *w, const double *ts_acc,
                            ssim_trial_row_t *row)
{
    size_t N = e->n;
    double *impact = ssim_row_f64(row, SSIM_ECON_COL(IMPACT));
    double *peak = ssim_row_f64(row, SSIM_ECON_COL(PEAK));
    float *q = ssim_row_f32(row, SSIM_ECON_COL(Q));
    if (!impact)
        return;
    memset(w->q, 0, N * sizeof *w->q);
    memset(impact, 0, N * sizeof *impact);
    memset(peak, 0, N * sizeof *peak);
    for (size_t k = 0; k < e->n_steps; k++) {
        const ssim_diim_step_t *prop;
        double h = step_len(e, k, &prop);
        outage_perturbation(e, ts_acc, k, h, w->c);
        ssim_diim_step_apply(prop, w->q, w->c, w->q_next, w->area);
        for (size_t j = 0; j < N; j++) {
            double mean = w->area[j] / h;
            impact[j] += w->area[j];
            if (mean > peak[j])
                peak[j] = mean;
            if (q)
                q[k * N + j] = (float)mean;
        }
        double *t = w->q;
        w->q = w->q_next;
        w->q_next = t;
    }
    write_loss(e, row);
}

/* ------------------------------------------------ perturbation-driven */

void ssim_econ_solution_destroy(ssim_econ_solution_t *sol)
{
    if (!sol)
        return;
    free(sol->impact);
    memset(sol, 0, sizeof *sol);
}

/* Length of [a, b) inside the perturbation window. */
static double overlap(const ssim_econ_t *e, double a, double b)
{
    double lo = a > e->start_hours ? a : e->start_hours;
    double hi = b < e->end_hours ? b : e->end_hours;
    return hi > lo ? hi - lo : 0.0;
}

/* Static IIM held over the window: q = the saturated solution while the
 * perturbation is on, 0 otherwise (the DIIM's limit of instant recovery). */
static ssim_status_t solve_static(const ssim_econ_t *e, ssim_econ_solution_t *sol)
{
    size_t N = e->n;
    double *q = sol->q_end;
    ssim_status_t st = ssim_iim_solve_saturated(N, e->astar, e->c, q, NULL, "economic.matrix");
    if (st != SSIM_OK)
        return st;
    double t0 = 0;
    for (size_t k = 0; k < e->n_steps; k++) {
        const ssim_diim_step_t *prop;
        double h = step_len(e, k, &prop), on = overlap(e, t0, t0 + h);
        for (size_t j = 0; j < N; j++) {
            sol->q[k * N + j] = q[j] * on / h;
            sol->impact[j] += q[j] * on;
            if (on > 0 && q[j] > sol->peak[j])
                sol->peak[j] = q[j];
        }
        t0 += h;
    }
    if (!(e->start_hours < e->horizon_hours && e->end_hours >= e->horizon_hours))
        memset(q, 0, N * sizeof *q); /* at the horizon the perturbation is off */
    return SSIM_OK;
}

/* Advance q over [a, b), where the perturbation is either on or off
 * throughout; adds the integral into area.  Builds a propagator when b - a
 * is not a grid step (serial, once per split). */
static ssim_status_t advance(const ssim_econ_t *e, const ssim_diim_step_t *prop, double a, double b,
                             ssim_econ_ws_t *w, double *area)
{
    ssim_diim_step_t own = {0};
    ssim_status_t st = SSIM_OK;
    if (fabs((b - a) - prop->h) > 1e-12 * (prop->h > 1 ? prop->h : 1)) {
        st = ssim_diim_step_init(&own, e->n, e->astar, e->k, b - a);
        prop = &own;
    }
    int on = overlap(e, a, b) > 0;
    for (size_t j = 0; st == SSIM_OK && j < e->n; j++)
        w->c[j] = on ? e->c[j] : 0.0;
    if (st == SSIM_OK) {
        ssim_diim_step_apply(prop, w->q, w->c, w->q_next, w->area);
        for (size_t j = 0; j < e->n; j++) {
            area[j] += w->area[j];
            w->q[j] = w->q_next[j];
        }
    }
    ssim_diim_step_destroy(&own);
    return st;
}

/* DIIM from q(0) = 0, each output step split where the window opens or closes. */
static ssim_status_t solve_dynamic(const ssim_econ_t *e, ssim_econ_ws_t *w,
                                   ssim_econ_solution_t *sol)
{
    size_t N = e->n;
    double t0 = 0, *area = sol->q_end; /* scratch until the end */
    ssim_status_t st = SSIM_OK;
    for (size_t k = 0; st == SSIM_OK && k < e->n_steps; k++) {
        const ssim_diim_step_t *prop;
        double h = step_len(e, k, &prop), t1 = t0 + h, cuts[4] = {t0, 0, 0, t1};
        size_t nc = 1;
        if (e->start_hours > t0 && e->start_hours < t1)
            cuts[nc++] = e->start_hours;
        if (e->end_hours > t0 && e->end_hours < t1 && e->end_hours > e->start_hours)
            cuts[nc++] = e->end_hours;
        cuts[nc++] = t1;
        memset(area, 0, N * sizeof *area);
        for (size_t i = 0; st == SSIM_OK && i + 1 < nc; i++)
            st = advance(e, prop, cuts[i], cuts[i + 1], w, area);
        for (size_t j = 0; j < N; j++) {
            sol->q[k * N + j] = area[j] / h;
            sol->impact[j] += area[j];
            if (area[j] / h > sol->peak[j])
                sol->peak[j] = area[j] / h;
        }
        t0 = t1;
    }
    memcpy(sol->q_end, w->q, N * sizeof *w->q);
    return st;
}

ssim_status_t ssim_econ_solve(const ssim_econ_t *e, int static_iim, ssim_econ_solution_t *sol)
{
    size_t N = e->n;
    memset(sol, 0, sizeof *sol);
    double *all = ssim_calloc(3 * N + e->n_steps * N, sizeof *all, "economic solution");
    if (!all)
        return SSIM_ENOMEM;
    *sol = (ssim_econ_solution_t){all, all + N, all + 2 * N, all + 3 * N};
    ssim_econ_ws_t w;
    ssim_status_t st = static_iim ? SSIM_OK : ssim_econ_ws_alloc(e, &w);
    if (st == SSIM_OK)
        st = static_iim ? solve_static(e, sol) : solve_dynamic(e, &w, sol);
    if (!static_iim)
        ssim_econ_ws_free(&w);
    if (st != SSIM_OK)
        ssim_econ_solution_destroy(sol);
    return st;
}

void ssim_econ_copy_solution(const ssim_econ_t *e, const ssim_econ_solution_t *sol,
                             ssim_trial_row_t *row)
{
    size_t N = e->n;
    double *impact = ssim_row_f64(row, SSIM_ECON_COL(IMPACT));
    float *q = ssim_row_f32(row, SSIM_ECON_COL(Q));
    if (!impact)
        return;
    memcpy(impact, sol->impact, N * sizeof *sol->impact);
    memcpy(ssim_row_f64(row, SSIM_ECON_COL(PEAK)), sol->peak, N * sizeof *sol->peak);
    if (q)
        for (size_t i = 0; i < e->n_steps * N; i++)
            q[i] = (float)sol->q[i];
    write_loss(e, row);
}
