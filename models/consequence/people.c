/* models/consequence/people — residents affected, each counted at most once
 * per instant across sectors (consequence.h has the rule and its bounds).
 *
 * Per prefecture the sectors' customers out are kept as exact integers
 * (millionths); the three counts are piecewise constant between changes,
 * so each prefecture's person-hours are integrated exactly at its changes.
 * A change of one operator costs O(its residence prefectures x sectors). */
#include "models/consequence/consequence.h"

#include "core/alloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { LOW = 0, EST, HIGH };

ssim_status_t ssim_people_alloc(ssim_people_ws_t *w, const ssim_cons_t *c)
{
    memset(w, 0, sizeof *w);
    size_t P = SSIM_N_PREFECTURES + 1;
    w->S = c->S;
    w->rate = ssim_calloc(P * c->S, sizeof *w->rate, "people workspace");
    w->f = ssim_calloc(P * 3, sizeof *w->f, "people workspace");
    w->since = ssim_calloc(P, sizeof *w->since, "people workspace");
    w->acc = ssim_calloc(P * 3, sizeof *w->acc, "people workspace");
    w->touched = ssim_calloc(P, sizeof *w->touched, "people workspace");
    w->is_touched = ssim_calloc(P, sizeof *w->is_touched, "people workspace");
    w->mask = ssim_calloc(P, sizeof *w->mask, "people workspace");
    if (!w->rate || !w->f || !w->since || !w->acc || !w->touched || !w->is_touched || !w->mask) {
        ssim_people_free(w);
        return SSIM_ENOMEM;
    }
    return SSIM_OK;
}

void ssim_people_free(ssim_people_ws_t *w)
{
    if (!w)
        return;
    free(w->rate);
    free(w->f);
    free(w->since);
    free(w->acc);
    free(w->touched);
    free(w->is_touched);
    free(w->mask);
    memset(w, 0, sizeof *w);
}

/* Prefecture p's three counts from its rates (only the sectors out there:
 * the mask's bits). */
static void evaluate(const ssim_cons_t *c, ssim_people_ws_t *w, size_t p)
{
    const int64_t *rate = w->rate + p * w->S;
    double r[SSIM_MAX_SECTORS];
    size_t k = 0;
    for (uint32_t m = w->mask[p]; m; m &= m - 1) {
        int s = __builtin_ctz(m);
        r[k++] = (double)rate[s] / SSIM_CONS_UNIT * c->people_per_customer[s];
    }
    ssim_cons_overlap(r, k, c->population[p], w->f + 3 * p);
}

/* Add prefecture p's counts over [since, t). */
static void integrate(ssim_people_ws_t *w, size_t p, double t)
{
    double dt = t - w->since[p];
    if (dt > 0)
        for (int k = 0; k < 3; k++)
            w->acc[3 * p + k] += w->f[3 * p + k] * dt;
    w->since[p] = t;
}

void ssim_people_change(const ssim_cons_t *c, ssim_people_ws_t *w, size_t o, size_t s,
                        int64_t delta, double t)
{
    if (delta == 0 || c->people_per_customer[s] <= 0)
        return;
    for (int64_t k = c->res_off[o]; k < c->res_off[o + 1]; k++) {
        size_t p = (size_t)c->res_pref[k];
        if (!w->is_touched[p]) {
            w->is_touched[p] = 1;
            w->touched[w->n_touched++] = (int32_t)p;
        }
        integrate(w, p, t);
        /* customers <= 1e9 and delta <= 1e6 per operator; the network's total
         * customers <= 1e12 (loader caps): within int64 */
        int64_t *rate = &w->rate[p * w->S + s];
        *rate += delta * c->res_customers[k];
        if (*rate)
            w->mask[p] |= 1u << s;
        else
            w->mask[p] &= ~(1u << s);
        double before = w->f[3 * p + EST];
        evaluate(c, w, p);
        w->national += w->f[3 * p + EST] - before;
    }
}

void ssim_people_finish(ssim_people_ws_t *w, double horizon, ssim_trial_row_t *row)
{
    double total[3] = {0, 0, 0};
    double *pref = ssim_row_f64(row, SSIM_COL_PREF_PEOPLE_HOURS);
    /* in prefecture order, so the national sums do not depend on which
     * prefecture changed first */
    for (size_t p = 1; p <= SSIM_N_PREFECTURES; p++) {
        if (!w->is_touched[p])
            continue;
        integrate(w, p, horizon);
        for (int k = 0; k < 3; k++)
            total[k] += w->acc[3 * p + k];
        if (pref)
            pref[p - 1] += w->acc[3 * p + EST];
    }
    *ssim_row_f64(row, SSIM_COL_PEOPLE_HOURS) += total[EST];
    if (ssim_row_f64(row, SSIM_COL_PEOPLE_HOURS_LOW))
        *ssim_row_f64(row, SSIM_COL_PEOPLE_HOURS_LOW) += total[LOW];
    if (ssim_row_f64(row, SSIM_COL_PEOPLE_HOURS_HIGH))
        *ssim_row_f64(row, SSIM_COL_PEOPLE_HOURS_HIGH) += total[HIGH];
    for (size_t i = 0; i < w->n_touched; i++) {
        size_t p = (size_t)w->touched[i];
        memset(w->rate + p * w->S, 0, w->S * sizeof *w->rate);
        memset(w->f + 3 * p, 0, 3 * sizeof *w->f);
        memset(w->acc + 3 * p, 0, 3 * sizeof *w->acc);
        w->since[p] = 0;
        w->is_touched[p] = 0;
        w->mask[p] = 0;
    }
    w->n_touched = 0;
    w->national = 0;
}
