/* models/consequence — the read-only consequence tables (consequence.h). */
#include "models/consequence/consequence.h"

#include "core/alloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The coupling row most specific for (sector s, privilege v, type t): a row
 * naming the sector beats '*', then the privilege, then the type; rows that
 * name another value do not match.  NULL when none matches. */
static const ssim_coupling_row_t *best_row(const ssim_network_t *net, int s, int v, int t)
{
    const ssim_coupling_row_t *best = NULL;
    int best_score = -1;
    for (size_t i = 0; i < net->n_coupling; i++) {
        const ssim_coupling_row_t *r = &net->coupling[i];
        if ((r->sector >= 0 && r->sector != s) || (r->privilege >= 0 && r->privilege != v) ||
            (r->type >= 0 && r->type != t))
            continue;
        int score = 4 * (r->sector >= 0) + 2 * (r->privilege >= 0) + (r->type >= 0);
        if (score > best_score) {
            best = r;
            best_score = score;
        }
    }
    return best;
}

static void resolve_coupling(ssim_cons_t *c, const ssim_network_t *net, int type)
{
    for (size_t s = 0; s < c->S; s++)
        for (int v = 0; v < SSIM_N_PRIVILEGES; v++) {
            const ssim_coupling_row_t *r = best_row(net, (int)s, v, type);
            ssim_cons_coupling_t *k = &c->coupling[s][v];
            *k = (ssim_cons_coupling_t){SSIM_CONS_UNIT, 0, 0.0, ssim_dist_fixed(0.0), 0};
            if (!r)
                continue;
            k->capacity_ppm = (int32_t)llround(r->capacity_loss * SSIM_CONS_UNIT);
            k->service_ppm = (int32_t)llround(r->service_loss * SSIM_CONS_UNIT);
            k->shutdown_probability = r->shutdown_probability;
            k->shutdown_hours = r->shutdown_sigma > 0
                                    ? (ssim_dist_t){SSIM_DIST_LOGNORMAL,
                                                    {r->shutdown_median_hours, r->shutdown_sigma}}
                                    : ssim_dist_fixed(r->shutdown_median_hours);
            k->line = r->line;
            c->coupled |= k->capacity_ppm != SSIM_CONS_UNIT || k->service_ppm != 0 ||
                          k->shutdown_probability > 0;
            c->any_shutdown |= k->shutdown_probability > 0;
        }
}

typedef struct {
    ssim_cons_t *c;
    size_t k;
} fill_t;

static void put_residence(int pref, int64_t customers, void *arg)
{
    fill_t *f = arg;
    f->c->res_pref[f->k] = (int8_t)pref;
    f->c->res_customers[f->k] = customers;
    f->k++;
}

static ssim_status_t build_residence(ssim_cons_t *c, const ssim_network_t *net)
{
    size_t n = net->n_operators, rows = 0;
    c->res_off = ssim_malloc(n + 1, sizeof *c->res_off, "residence index");
    if (!c->res_off)
        return SSIM_ENOMEM;
    for (size_t o = 0; o < n; o++) {
        c->res_off[o] = (int64_t)rows;
        int64_t k = net->area_off ? net->area_off[o + 1] - net->area_off[o] : 0;
        rows += k > 0 ? (size_t)k : 1;
    }
    c->res_off[n] = (int64_t)rows;
    c->res_pref = ssim_malloc(rows + 1, sizeof *c->res_pref, "residence index");
    c->res_customers = ssim_malloc(rows + 1, sizeof *c->res_customers, "residence index");
    if (!c->res_pref || !c->res_customers)
        return SSIM_ENOMEM;
    fill_t f = {c, 0};
    for (size_t o = 0; o < n; o++)
        ssim_network_residence(net, o, put_residence, &f);
    return SSIM_OK;
}

ssim_status_t ssim_cons_init(ssim_cons_t *c, const ssim_network_t *net, int type)
{
    memset(c, 0, sizeof *c);
    c->S = (size_t)ssim_vocab_sector.n;
    c->n_operators = net->n_operators;
    for (size_t s = 0; s < c->S; s++) {
        ssim_sector_info_t si = ssim_network_sector(net, (int)s);
        c->service_per_customer_hour[s] = si.per_day ? 1.0 / 24.0 : 1.0;
        c->people_per_customer[s] = si.people_per_customer;
        c->yen_per_unit[s] = si.yen_per_unit;
        c->any_people |= si.people_per_customer > 0;
    }
    for (int p = 1; p <= SSIM_N_PREFECTURES; p++)
        c->population[p] = ssim_network_population(net, p);
    resolve_coupling(c, net, type);
    ssim_status_t st = build_residence(c, net);
    if (st != SSIM_OK)
        ssim_cons_free(c);
    return st;
}

void ssim_cons_free(ssim_cons_t *c)
{
    if (!c)
        return;
    free(c->res_off);
    free(c->res_pref);
    free(c->res_customers);
    c->res_off = NULL;
    c->res_pref = NULL;
    c->res_customers = NULL;
}

void ssim_cons_finish_service(const ssim_cons_t *c, ssim_trial_row_t *row)
{
    double *service = ssim_row_f64(row, SSIM_COL_SECTOR_SERVICE), yen = 0;
    for (size_t s = 0; s < c->S; s++) {
        service[s] = ssim_cons_service(c, s, service[s]);
        yen += service[s] * c->yen_per_unit[s];
    }
    *ssim_row_f64(row, SSIM_COL_LOSS_YEN) = yen;
}

void ssim_cons_static_row(const ssim_network_t *net, const ssim_cons_static_t *x, double hours,
                          ssim_trial_row_t *row)
{
    size_t S = (size_t)ssim_vocab_sector.n;
    double *service = ssim_row_f64(row, SSIM_COL_SECTOR_SERVICE), yen = 0;
    double people[SSIM_MAX_SECTORS];
    for (size_t s = 0; s < S; s++) {
        if (service[s] == 0) /* nothing out: nothing to convert or count */
            continue;
        ssim_sector_info_t si = ssim_network_sector(net, (int)s);
        if (si.per_day)
            service[s] /= 24.0;
        yen += service[s] * si.yen_per_unit;
        people[s] = si.people_per_customer;
    }
    *ssim_row_f64(row, SSIM_COL_LOSS_YEN) = yen;
    double total[3] = {0, 0, 0}, *pref = ssim_row_f64(row, SSIM_COL_PREF_PEOPLE_HOURS);
    for (int p = 1; p <= SSIM_N_PREFECTURES; p++) {
        if (!x->smask[p])
            continue;
        double n = ssim_network_population(net, p);
        double r[SSIM_MAX_SECTORS], f[3];
        size_t k = 0;
        for (uint32_t m = x->smask[p]; m; m &= m - 1) {
            int s = __builtin_ctz(m);
            double c = x->ps[(size_t)p * SSIM_MAX_SECTORS + (size_t)s];
            double v = c > 0 ? c * people[s] : 0.0; /* people[s] is set where c > 0 */
            if (v > 0)
                r[k++] = v;
        }
        ssim_cons_overlap(r, k, n, f);
        for (int i = 0; i < 3; i++)
            total[i] += f[i];
        if (pref)
            pref[p - 1] = f[1] * hours;
    }
    *ssim_row_f64(row, SSIM_COL_PEAK_PEOPLE) = total[1];
    *ssim_row_f64(row, SSIM_COL_PEOPLE_HOURS) = total[1] * hours;
    if (ssim_row_f64(row, SSIM_COL_PEOPLE_HOURS_LOW))
        *ssim_row_f64(row, SSIM_COL_PEOPLE_HOURS_LOW) = total[0] * hours;
    if (ssim_row_f64(row, SSIM_COL_PEOPLE_HOURS_HIGH))
        *ssim_row_f64(row, SSIM_COL_PEOPLE_HOURS_HIGH) = total[2] * hours;
}

void ssim_cons_overlap(const double *r, size_t k, double n, double f[3])
{
    double low = 0, sum = 0, none = 1;
    for (size_t i = 0; i < k; i++) {
        low = r[i] > low ? r[i] : low;
        sum += r[i];
        none *= r[i] < n ? 1.0 - r[i] / n : 0.0;
    }
    if (n <= 0) { /* no population known: no cap; independence without a cap is the sum */
        f[0] = low, f[1] = f[2] = sum;
    } else {
        double capped = sum < n ? sum : n;
        if (k <= 1) /* one sector: exactly its people (the formula, without rounding) */
            f[0] = f[1] = f[2] = capped;
        else
            f[0] = low < n ? low : n, f[1] = n * (1.0 - none), f[2] = capped;
    }
}
