/* models/iim — IIM / DIIM numerics (contracts in iim.h). */
#include "models/economic/iim.h"

#include "core/alloc.h"

#include <gsl/gsl_eigen.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

void ssim_iim_technical(size_t n, const double *z, const double *x, double *a)
{
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            a[i * n + j] = x[j] != 0.0 ? z[i * n + j] / x[j] : 0.0;
}

void ssim_iim_interdependency(size_t n, const double *a, const double *x, double *astar)
{
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            astar[i * n + j] = x[i] != 0.0 ? a[i * n + j] * x[j] / x[i] : 0.0;
}

double ssim_iim_k_from_recovery(double tau_hours, double lambda, double a_ii)
{
    return log(1.0 / lambda) / (tau_hours * (1.0 - a_ii));
}

ssim_status_t ssim_iim_spectral_radius(size_t n, const double *astar, double *rho)
{
    ssim_status_t st = SSIM_OK;
    gsl_error_handler_t *old = gsl_set_error_handler_off(); /* serial code only */
    gsl_matrix *m = gsl_matrix_alloc(n, n);
    gsl_vector_complex *eval = gsl_vector_complex_alloc(n);
    gsl_eigen_nonsymm_workspace *w = gsl_eigen_nonsymm_alloc(n);
    if (!m || !eval || !w) {
        st = ssim_error(SSIM_ENOMEM, SSIM_LOC_NONE, "out of memory for a %zu x %zu eigenproblem", n,
                        n);
        goto cleanup;
    }
    memcpy(m->data, astar, n * n * sizeof *astar);
    if (gsl_eigen_nonsymm(m, eval, w) != GSL_SUCCESS) {
        st = ssim_error(SSIM_EINTERNAL, SSIM_LOC_NONE,
                        "the eigen-solver did not converge on the %zu x %zu A* matrix", n, n);
        goto cleanup;
    }
    *rho = 0;
    for (size_t i = 0; i < n; i++) {
        gsl_complex z = gsl_vector_complex_get(eval, i);
        double r = hypot(GSL_REAL(z), GSL_IMAG(z));
        if (r > *rho)
            *rho = r;
    }
cleanup:
    gsl_set_error_handler(old);
    gsl_eigen_nonsymm_free(w);
    gsl_vector_complex_free(eval);
    gsl_matrix_free(m);
    return st;
}

/* Solve (I - A*_FF) q_F = c_F + A*_FS 1 over the free sectors F (sat[i] == 0),
 * with q_S = 1 on the saturated ones S.  Allocates its own scratch. */
static ssim_status_t solve_free(size_t n, const double *astar, const double *c,
                                const unsigned char *sat, double *q, const char *what)
{
    size_t nf = 0, *idx = ssim_malloc(n ? n : 1, sizeof *idx, "IIM index");
    if (!idx)
        return SSIM_ENOMEM;
    for (size_t i = 0; i < n; i++)
        if (!sat[i])
            idx[nf++] = i;
    for (size_t i = 0; i < n; i++)
        q[i] = 1.0;
    ssim_status_t st = SSIM_OK;
    gsl_error_handler_t *old = gsl_set_error_handler_off(); /* serial code only */
    gsl_matrix *lu = nf ? gsl_matrix_alloc(nf, nf) : NULL;
    gsl_vector *b = nf ? gsl_vector_alloc(nf) : NULL;
    gsl_permutation *p = nf ? gsl_permutation_alloc(nf) : NULL;
    if (nf && (!lu || !b || !p)) {
        st = ssim_error(SSIM_ENOMEM, SSIM_LOC_NONE, "out of memory for a %zu-sector IIM", n);
        goto cleanup;
    }
    for (size_t r = 0; r < nf; r++) {
        double rhs = c[idx[r]];
        for (size_t j = 0; j < n; j++)
            if (sat[j])
                rhs += astar[idx[r] * n + j];
        gsl_vector_set(b, r, rhs);
        for (size_t s = 0; s < nf; s++)
            gsl_matrix_set(lu, r, s, (r == s) - astar[idx[r] * n + idx[s]]);
    }
    int sign;
    if (nf) {
        gsl_linalg_LU_decomp(lu, p, &sign);
        for (size_t r = 0; r < nf; r++)
            if (fabs(gsl_matrix_get(lu, r, r)) < 1e-14) {
                st = ssim_error(SSIM_EINVAL, SSIM_LOC_NONE,
                                "%s: I - A* is singular (A* has an eigenvalue 1)", what);
                goto cleanup;
            }
        gsl_linalg_LU_svx(lu, p, b);
        for (size_t r = 0; r < nf; r++)
            q[idx[r]] = gsl_vector_get(b, r);
    }
cleanup:
    gsl_set_error_handler(old);
    gsl_permutation_free(p);
    gsl_vector_free(b);
    gsl_matrix_free(lu);
    free(idx);
    return st;
}

ssim_status_t ssim_iim_solve(size_t n, const double *astar, const double *c, double *q,
                             const char *what)
{
    unsigned char *sat = ssim_calloc(n ? n : 1, 1, "IIM flags");
    if (!sat)
        return SSIM_ENOMEM;
    ssim_status_t st = solve_free(n, astar, c, sat, q, what);
    free(sat);
    return st;
}

ssim_status_t ssim_iim_solve_saturated(size_t n, const double *astar, const double *c, double *q,
                                       int *rounds, const char *what)
{
    unsigned char *sat = ssim_calloc(n ? n : 1, 1, "IIM flags");
    if (!sat)
        return SSIM_ENOMEM;
    ssim_status_t st = SSIM_OK;
    int solves = 0, changed = 1;
    while (st == SSIM_OK && changed) {
        if (solves == 4 * (int)n + 8) {
            st = ssim_error(SSIM_EINTERNAL, SSIM_LOC_NONE,
                            "%s: the saturated IIM did not settle after %d solves", what, solves);
            break;
        }
        st = solve_free(n, astar, c, sat, q, what);
        solves++;
        changed = 0;
        for (size_t i = 0; st == SSIM_OK && i < n; i++) {
            double v = c[i];
            for (size_t j = 0; j < n; j++)
                v += astar[i * n + j] * q[j];
            unsigned char want = v > 1.0;
            changed |= want != sat[i];
            sat[i] = want;
        }
    }
    for (size_t i = 0; st == SSIM_OK && i < n; i++)
        q[i] = q[i] < 0.0 ? 0.0 : q[i] > 1.0 ? 1.0 : q[i];
    if (rounds)
        *rounds = solves;
    free(sat);
    return st;
}

/* ------------------------------------------------------------------ DIIM */

void ssim_diim_step_destroy(ssim_diim_step_t *s)
{
    if (!s)
        return;
    free(s->phi);
    memset(s, 0, sizeof *s);
}

/* B (3n x 3n) of iim.h: rows/cols 0..n-1 q, n..2n-1 c*, 2n..3n-1 the integral. */
static void fill_van_loan(gsl_matrix *b, size_t n, const double *astar, const double *k, double h)
{
    gsl_matrix_set_zero(b);
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < n; j++)
            gsl_matrix_set(b, i, j, h * k[i] * (astar[i * n + j] - (i == j)));
        gsl_matrix_set(b, i, n + i, h * k[i]);
        gsl_matrix_set(b, 2 * n + i, i, h);
    }
}

/* Copy the n x n block of e at (row0, col0) into dst. */
static void copy_block(const gsl_matrix *e, size_t n, size_t row0, size_t col0, double *dst)
{
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            dst[i * n + j] = gsl_matrix_get(e, row0 + i, col0 + j);
}

ssim_status_t ssim_diim_step_init(ssim_diim_step_t *s, size_t n, const double *astar,
                                  const double *k, double h)
{
    memset(s, 0, sizeof *s);
    ssim_status_t st = SSIM_OK;
    gsl_error_handler_t *old = gsl_set_error_handler_off(); /* serial code only */
    gsl_matrix *b = gsl_matrix_alloc(3 * n, 3 * n), *e = gsl_matrix_alloc(3 * n, 3 * n);
    double *blocks = ssim_malloc(4 * n * n, sizeof *blocks, "DIIM propagator");
    if (!b || !e || !blocks) {
        st = blocks ? ssim_error(SSIM_ENOMEM, SSIM_LOC_NONE, "out of memory (DIIM propagator)")
                    : SSIM_ENOMEM;
        goto cleanup;
    }
    fill_van_loan(b, n, astar, k, h);
    if (gsl_linalg_exponential_ss(b, e, GSL_PREC_DOUBLE) != GSL_SUCCESS) {
        st = ssim_error(SSIM_EINTERNAL, SSIM_LOC_NONE,
                        "matrix exponential failed for the DIIM step of %g h", h);
        goto cleanup;
    }
    *s = (ssim_diim_step_t){n, h, blocks, blocks + n * n, blocks + 2 * n * n, blocks + 3 * n * n};
    copy_block(e, n, 0, 0, s->phi);
    copy_block(e, n, 0, n, s->psi);
    copy_block(e, n, 2 * n, 0, s->gam_q);
    copy_block(e, n, 2 * n, n, s->gam_c);
    blocks = NULL;
cleanup:
    gsl_set_error_handler(old);
    free(blocks);
    gsl_matrix_free(e);
    gsl_matrix_free(b);
    return st;
}

void ssim_diim_step_apply(const ssim_diim_step_t *s, const double *q, const double *c,
                          double *q_out, double *area)
{
    size_t n = s->n;
    for (size_t i = 0; i < n; i++) {
        const double *phi = s->phi + i * n, *psi = s->psi + i * n;
        double v = 0;
        for (size_t j = 0; j < n; j++)
            v += phi[j] * q[j] + psi[j] * c[j];
        q_out[i] = v < 0.0 ? 0.0 : v > 1.0 ? 1.0 : v;
    }
    if (!area)
        return;
    for (size_t i = 0; i < n; i++) {
        const double *gq = s->gam_q + i * n, *gc = s->gam_c + i * n;
        double v = 0;
        for (size_t j = 0; j < n; j++)
            v += gq[j] * q[j] + gc[j] * c[j];
        area[i] = v;
    }
}
