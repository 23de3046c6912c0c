/* models/consequence — what an operator's lost capacity means
 * (docs/models/consequences.md):
 *
 *   service    each sector's lost service in its own unit: customers x
 *              loss x hours, divided by 24 where customers is a rate per day
 *              (network sectors.csv);
 *   value      yen per service unit, summed over sectors into loss_yen (the
 *              only cross-sector total besides people);
 *   people     residents affected, each counted at most once per instant
 *              across sectors: an operator's customers live in the
 *              prefectures of its service area (service_areas.csv), each
 *              customer unit stands for people_per_customer residents, and in
 *              each prefecture the sectors' people out r_s combine as
 *                 lower  max_s r_s                         (complete overlap)
 *                 est.   N (1 - prod_s (1 - r_s / N))      (independence)
 *                 upper  min(N, sum_s r_s)                 (no overlap)
 *              with N the prefecture's population (population.csv; without
 *              it the census figure of core/vocab);
 *   coupling   the IT/OT coupling (coupling.csv): what a crash of a supply
 *              edge's share does to an operator of a sector, by privilege
 *              and incident type: physical capacity lost, business service
 *              lost, and a precautionary shutdown.
 *
 * ssim_cons_t is built once (serial) and read-only during the run; the
 * people tracker (ssim_people_ws_t) is per thread.
 */
#ifndef SSIM_MODELS_CONSEQUENCE_H
#define SSIM_MODELS_CONSEQUENCE_H

#include "core/dist.h"
#include "core/status.h"
#include "core/vocab.h"
#include "input/network.h"
#include "results/results.h"

#include <stddef.h>
#include <stdint.h>

enum { SSIM_CONS_UNIT = 1000000 }; /* losses in millionths, as the models keep them */
_Static_assert(SSIM_MAX_SECTORS <= 32, "people masks hold one bit per sector");

/* The coupling for one (sector, privilege) under the scenario's incident type. */
typedef struct {
    int32_t capacity_ppm; /* physical capacity lost per unit of crashed share, millionths */
    int32_t service_ppm;  /* business service lost per unit of crashed share, millionths */
    double shutdown_probability;
    ssim_dist_t shutdown_hours; /* lognormal (fixed when sigma is 0) */
    long line;                  /* its coupling.csv row, 0 for the default */
} ssim_cons_coupling_t;

typedef struct {
    size_t S, n_operators;
    double service_per_customer_hour[SSIM_MAX_SECTORS]; /* 1, or 1/24 for rates per day */
    double people_per_customer[SSIM_MAX_SECTORS];
    double yen_per_unit[SSIM_MAX_SECTORS];
    double population[SSIM_N_PREFECTURES + 1]; /* residents, by JIS code */
    /* residence: operator o's customers in res_pref[k] number res_customers[k],
     * k in res_off[o] .. res_off[o + 1] - 1 (integers adding up to its customers) */
    int64_t *res_off;
    int8_t *res_pref;
    int64_t *res_customers;
    int any_people; /* some sector counts towards people affected */
    ssim_cons_coupling_t coupling[SSIM_MAX_SECTORS][SSIM_N_PRIVILEGES];
    int coupled;      /* some (sector, privilege) differs from the default */
    int any_shutdown; /* some shutdown probability is > 0 */
} ssim_cons_t;

/* Build c for net under incident type `type` (a code of
 * ssim_vocab_incident_type).  Free with ssim_cons_free. */
ssim_status_t ssim_cons_init(ssim_cons_t *c, const ssim_network_t *net, int type);
void ssim_cons_free(ssim_cons_t *c);

/* Lost service in sector s's unit from its customer-hours. */
static inline double ssim_cons_service(const ssim_cons_t *c, size_t s, double customer_hours)
{
    return customer_hours * c->service_per_customer_hour[s];
}

/* Fill a trial row's sector_service_lost (from customer-hours by sector,
 * converted in place) and loss_yen. */
void ssim_cons_finish_service(const ssim_cons_t *c, ssim_trial_row_t *row);

/* The overlap rule of one prefecture of population n (<= 0: unknown) whose
 * k sectors have r[0..k-1] > 0 people out: f = lower (max), estimate
 * (independence), upper (sum capped at n). */
void ssim_cons_overlap(const double *r, size_t k, double n, double f[3]);

/* ------------------------------------------------- the people tracker */

/* Per thread: people out by (prefecture, sector), and the three people
 * counts of each prefecture, integrated over time. */
typedef struct {
    size_t S;
    int64_t *rate;    /* (P + 1) x S: customers out, millionths, by residence and sector */
    double *f;        /* (P + 1) x 3: people affected now: lower, estimate, upper */
    double *since;    /* P + 1: time of the prefecture's last change */
    double *acc;      /* (P + 1) x 3: person-hours so far */
    int32_t *touched; /* prefectures changed this trial */
    uint8_t *is_touched;
    uint32_t *mask; /* P + 1: bit s set while sector s has people out there */
    size_t n_touched;
    double national; /* sum over prefectures of the estimate, now */
} ssim_people_ws_t;

ssim_status_t ssim_people_alloc(ssim_people_ws_t *w, const ssim_cons_t *c);
void ssim_people_free(ssim_people_ws_t *w);

/* Operator o (sector s) loses delta millionths more (or less) of its service at t. */
void ssim_people_change(const ssim_cons_t *c, ssim_people_ws_t *w, size_t o, size_t s,
                        int64_t delta, double t);

/* Integrate to the horizon, write people_hours (and bounds) and
 * prefecture_people_hours into row, and reset w for the next trial. */
void ssim_people_finish(ssim_people_ws_t *w, double horizon, ssim_trial_row_t *row);

#endif

/* ------------------------------------- static states (the classic kernels) */

/* Customers out by (prefecture, sector) of a static state: only the cells
 * whose bit is set in smask[p] hold a value (the others are stale). */
typedef struct {
    double ps[(SSIM_N_PREFECTURES + 1) * SSIM_MAX_SECTORS]; /* [p * SSIM_MAX_SECTORS + s] */
    uint32_t smask[SSIM_N_PREFECTURES + 1];
} ssim_cons_static_t;

static inline void ssim_cons_static_clear(ssim_cons_static_t *x)
{
    for (int p = 0; p <= SSIM_N_PREFECTURES; p++)
        x->smask[p] = 0;
}

static inline void ssim_cons_static_add(ssim_cons_static_t *x, unsigned p, unsigned s, double c)
{
    double *cell = &x->ps[p * SSIM_MAX_SECTORS + s];
    if (!(x->smask[p] & 1u << s)) {
        x->smask[p] |= 1u << s;
        *cell = 0;
    }
    *cell += c;
}

/* For a model whose failed operators are out completely for the whole
 * horizon: x holds the customers out by prefecture of residence (the
 * operator's prefecture) and sector, row's sector_service_lost[s] the
 * customer-hours of sector s.  Converts the service to each sector's unit,
 * and writes loss_yen, the people counts (people_hours and bounds,
 * prefecture_people_hours, peak_people_affected) from net's sector table and
 * population.  O(S + the cells set). */
void ssim_cons_static_row(const ssim_network_t *net, const ssim_cons_static_t *x, double hours,
                          ssim_trial_row_t *row);
