/* models/iim — numerics of the inoperability input-output model (IIM) and
 * its dynamic form (DIIM).  docs/models/economic.md has the equations, the
 * time convention and the validation cases.
 *
 * Notation: n sectors; matrices are row-major arrays of n*n doubles
 * (element (i, j) at i*n + j).
 *
 *   technical coefficients   a_ij  = z_ij / x_j   (input from i per unit output of j)
 *   interdependency matrix   A*    = diag(x)^-1 A diag(x), a*_ij = a_ij x_j / x_i = z_ij / x_i
 *   static IIM               q = A* q + c*          (q, c* in [0, 1]: inoperability)
 *   saturated static IIM     q = min(1, A* q + c*)  (componentwise)
 *   DIIM (continuous time)   dq/dt = K (A* q + c*(t) - q),  K = diag(k), k_i in 1/hours
 *
 * Time convention (pinned): the DIIM is the continuous-time equation above.
 * With c* constant over a step of length h it is solved exactly with the
 * matrix exponential (Van Loan's block form), both q at the step's end and
 * the integral of q over the step.  Lian & Haimes' discrete form
 * q(k+1) = q(k) + K (A* q(k) + c*(k) - q(k)) is its forward-Euler
 * approximation with unit steps.  After each step q is clamped to [0, 1]
 * (saturation); the step integral is exact while no clamp acts.
 *
 * Everything here except ssim_diim_step_apply() allocates and may use GSL's
 * eigen / LU / exponential routines: call it from serial code (prepare).
 * ssim_diim_step_apply() allocates nothing: it is the per-trial kernel.
 */
#ifndef SSIM_MODELS_IIM_H
#define SSIM_MODELS_IIM_H

#include "core/status.h"

#include <stddef.h>

/* a = z / x_j column by column (a_ij = z_ij / x_j; a zero x_j gives a zero
 * column).  z, a: n*n; x: n.  a may alias z.  O(n^2). */
void ssim_iim_technical(size_t n, const double *z, const double *x, double *a);

/* astar = diag(x)^-1 a diag(x): a*_ij = a_ij x_j / x_i (a zero x_i gives a
 * zero row).  a, astar: n*n (not aliased); x: n.  O(n^2). */
void ssim_iim_interdependency(size_t n, const double *a, const double *x, double *astar);

/* Spectral radius of astar (n*n) into *rho.  SSIM_EINTERNAL (error raised)
 * when the eigen-solver does not converge.  O(n^3); allocates. */
ssim_status_t ssim_iim_spectral_radius(size_t n, const double *astar, double *rho);

/* Static IIM: q = (I - A*)^-1 c (GSL LU with partial pivoting).  q: n.
 * SSIM_EINVAL (error raised, `what` names the matrix) when I - A* is
 * singular.  O(n^3); allocates. */
ssim_status_t ssim_iim_solve(size_t n, const double *astar, const double *c, double *q,
                             const char *what);

/* Saturated static IIM: the fixed point of q = min(1, A* q + c) for A* >= 0,
 * c >= 0 with spectral radius < 1 (unique: two fixed points differ by d <=
 * A* d, so d = 0), by policy iteration on the saturated set S: solve the
 * linear system with S held at 1, then S = {i : (A* q + c)_i > 1}, until S
 * repeats.  The iterates decrease monotonically to the fixed point, and there
 * are finitely many sets.  *rounds (may be NULL) receives the number of
 * solves.  Errors as ssim_iim_solve(); SSIM_EINTERNAL if the sets have not
 * settled after 4n + 8 solves.  O(n^3) per solve; allocates. */
ssim_status_t ssim_iim_solve_saturated(size_t n, const double *astar, const double *c, double *q,
                                       int *rounds, const char *what);

/* Lian & Haimes' recovery rate: k = ln(1 / lambda) / (tau (1 - a_ii)), the
 * rate at which a sector's inoperability falls to lambda of its initial value
 * in tau hours (tau > 0, 0 < lambda < 1, a_ii < 1). */
double ssim_iim_k_from_recovery(double tau_hours, double lambda, double a_ii);

/* The exact DIIM propagator over one step of length h hours: with c*
 * constant over the step,
 *     q(t + h)            = phi q(t)   + psi c*
 *     int_t^{t+h} q(s) ds = gam_q q(t) + gam_c c*
 * from exp(h B), B = [[K(A* - I), K, 0], [0, 0, 0], [I, 0, 0]] (state q, c*,
 * integral of q). */
typedef struct {
    size_t n;
    double h;                          /* step length, hours */
    double *phi, *psi, *gam_q, *gam_c; /* n*n each, one allocation */
} ssim_diim_step_t;

/* Build the propagator for astar (n*n), k (n, 1/hours, >= 0) and h > 0.  *s
 * is zeroed first; on failure it is left empty.  O(n^3); allocates. */
ssim_status_t ssim_diim_step_init(ssim_diim_step_t *s, size_t n, const double *astar,
                                  const double *k, double h);
void ssim_diim_step_destroy(ssim_diim_step_t *s); /* accepts NULL and empty */

/* One step: q_out = clamp(phi q + psi c, 0, 1); area (may be NULL) = the
 * integral of q over the step.  q, c, q_out, area: n each; q_out and area
 * must not alias q or c.  O(n^2); no allocation. */
void ssim_diim_step_apply(const ssim_diim_step_t *s, const double *q, const double *c,
                          double *q_out, double *area);

#endif
