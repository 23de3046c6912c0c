/* models/supply_chain.h — private to the supply_chain model's files:
 *   supply_chain.c         the plug-in table, prepare (origins), workspaces, the trial driver
 *   supply_chain_events.c  releases, installs, revocation, hazard detection, outages
 *   supply_chain_impact.c  capacity loss, dependency cascade, integration, the trial's row
 * docs/models/supply-chain.md describes the model.
 */
#ifndef SSIM_MODELS_SUPPLY_CHAIN_H
#define SSIM_MODELS_SUPPLY_CHAIN_H

#include "models/economic.h"
#include "models/model.h"
#include "models/options.h"

#include "core/dist.h"
#include "core/heap.h"
#include "core/rng.h"

#include <gsl/gsl_rng.h>
#include <stdint.h>

#define UNIT 1000000 /* loss units: millionths of an operator's capacity */

enum {
    EV_RELEASE = 1,  /* a: supplier ships a bad release */
    EV_INSTALL,      /* a: supply edge installs it */
    EV_HIT_START,    /* a: supply edge's share is lost (outage or disconnection) */
    EV_HIT_END,
    EV_DEP_TRIGGER,  /* a: dependency, b: generation */
    EV_DEP_END,
    EV_REVOKE,       /* a: supplier; its release is revoked (timed detection) */
    EV_DETECT,       /* a: supplier, b: generation; hazard-based detection */
};

/* Random-stream purposes (part of the stream key: never renumber). */
enum {
    P_DETECT = 1,     /* supplier: release -> revocation delay */
    P_LAG = 2,        /* supply edge: install-lag factor */
    P_OUTAGE = 3,     /* supply edge: does the compromise cause an outage */
    P_DORMANCY = 4,   /* supply edge: install -> effect delay */
    P_DURATION = 5,   /* supply edge: outage duration */
    P_TRANSITIVE = 6, /* supplier: does it ship its own bad release */
    P_RESTART = 7,    /* dependency: restart delay, per occurrence */
    P_TRANSITIVE_DELAY = 8, /* supplier: compromise -> its own release */
    P_ORIGIN = 9,     /* entity 0: which candidates are this trial's origins */
    P_CANARY = 10,    /* supply edge: is it a canary of a staged rollout */
    P_HAZARD = 11,    /* supplier: exponential threshold of the detection hazard */
    P_DISCONNECT = 12, /* supply edge: disconnection duration */
    P_PUSH = 13,      /* supply edge: msp_push delay */
};

enum { DEP_IDLE = 0, DEP_PENDING, DEP_ACTIVE };

/* Shared, read-only during the run. */
typedef struct {
    int32_t *origins;       /* candidate origin suppliers, length n_origins */
    size_t n_origins;
    double *weights;        /* length n_origins: cumulative draw weights (pick != all) */
    size_t n_pick;          /* origins per trial: n_origins (all) or incident.origin.count */
    int is_origin_msp_push; /* msp_push: origins and compromised MSPs push to managed clients */
    int msp_category;       /* code of "msp" in ssim_vocab_category */
    double *hold_hours;     /* length n_operators: advance-notice hold */
    /* a regulation option's lever arrays (borrowed from ctx->variant), or NULL */
    const double *edge_pout_factor; /* length n_supply: outage probability factor */
    const double *sup_canary;       /* length n_suppliers: canary fraction */
    const double *sup_stage_hold;   /* length n_suppliers: staged-rollout hold, hours */
    const double *op_disconnect;    /* length n_operators: hours, or < 0: scenario rule */
    int32_t *share_units;   /* length n_supply: share in millionths */
    int32_t *loss_units;    /* length n_deps: loss in millionths */
    int32_t threshold;      /* provider counts as down at loss >= this (millionths) */
    uint64_t max_events;    /* per-trial event cap */
    ssim_econ_t *econ;      /* economic layer (economic.enabled), else NULL */
} shared_t;

/* Per-thread workspace; every array is reset only where a trial touched it. */
typedef struct {
    ssim_heap_t heap;
    gsl_rng *rng;
    /* suppliers, length n_suppliers */
    uint8_t *sup_compromised;
    uint8_t *sup_released;   /* shipped a bad release this trial */
    uint8_t *sup_revoked;    /* its release has been revoked */
    uint8_t *sup_is_origin;  /* an origin of this trial */
    double *sup_revoke;      /* planned (timed) revocation time of its bad release */
    double *haz_threshold;   /* hazard detection: Exp(1) threshold */
    double *haz_cum;         /* cumulative hazard up to haz_last */
    double *haz_last;        /* time of the last hazard-rate change */
    double *haz_rate;        /* current hazard rate, per hour */
    uint32_t *haz_gen;       /* generation stamp of the pending EV_DETECT */
    int32_t *picked;         /* this trial's origins (length n_pick) */
    /* supply edges, length n_supply */
    uint8_t *edge_hit;       /* the edge's share is (or was) lost this trial */
    int32_t *edge_touched;   size_t n_edge_touched;
    int32_t *sup_touched;    size_t n_sup_touched;
    /* operators, length n_operators */
    int32_t *loss;           /* active loss, millionths (may exceed UNIT) */
    double *last_change;     /* time of the last loss change */
    double *outage_hours;    /* capacity-weighted outage hours this trial */
    uint8_t *op_flags;       /* bit 0 compromised, bit 1 lost capacity, bit 2 touched */
    int32_t *op_touched;     size_t n_op_touched;
    /* dependencies, length n_deps */
    uint8_t *dep_state;
    uint32_t *dep_gen;       /* generation stamp: invalidates stale events */
    uint16_t *dep_restarts;  /* restarts drawn so far (sub-stream index) */
    int32_t *dep_touched;    size_t n_dep_touched;
    /* sectors (S) and prefectures (P) */
    int64_t *sector_rate;    /* S: customers out, in millionths */
    double *sector_since;    /* S: time of the last sector rate change */
    int32_t *sector_nout;    /* S: operators currently with loss > 0 */
    int64_t *pref_rate;      /* P+1 */
    double *pref_since;      /* P+1 */
    double *ts_acc;          /* K*S: integral of customers out per step (customer-hours) */
    int64_t total_rate;
    int32_t sectors_out;
    double now;
    uint64_t n_events;
    ssim_status_t fail;
    const char *fail_reason;
    ssim_econ_ws_t econ;     /* economic work arrays (with shared econ) */
} ws_t;

enum { OPF_COMPROMISED = 1, OPF_OUT = 2, OPF_TOUCHED = 4 };

typedef struct {
    const ssim_network_t *net;
    const ssim_graph_t *g;
    const ssim_scenario_t *sc;
    const shared_t *sh;
    ws_t *w;
    ssim_trial_row_t *row;
    uint64_t trial;
    double horizon, step;
    size_t K, S;
    int bin;                 /* fill ts_acc: time series kept or economic layer on */
    ssim_event_log_t *log;   /* the thread's event table (output.events), or NULL */
} trial_t;

static inline void ssim_sc_push(trial_t *T, double t, int type, int32_t a, uint32_t b)
{
    if (t >= T->horizon || T->w->fail != SSIM_OK)
        return;
    if (ssim_heap_push(&T->w->heap, t, (uint16_t)type, 0, a, b) != SSIM_OK) {
        T->w->fail = SSIM_ENOMEM;
        T->w->fail_reason = "out of memory growing the event heap";
    }
}

static inline double ssim_sc_draw(trial_t *T, uint32_t entity, uint16_t purpose, const ssim_dist_t *d)
{
    if (d->kind == SSIM_DIST_FIXED)
        return d->p[0];
    ssim_rng_gsl_seed(T->w->rng, T->sc->seed, T->trial, entity, purpose);
    return ssim_dist_sample(d, T->w->rng);
}

static inline double ssim_sc_uniform(trial_t *T, uint32_t entity, uint16_t purpose)
{
    ssim_rng_t *r = ssim_rng_gsl_stream(T->w->rng);
    ssim_rng_seed(r, T->sc->seed, T->trial, entity, purpose);
    return ssim_rng_uniform(r);
}

/* Record an event-table row (output.events); supplier s as its node. */
static inline void ssim_sc_log(trial_t *T, double t, int kind, int32_t supplier, int32_t target)
{
    if (T->log)
        ssim_event_log_add(T->log, T->trial, t, kind,
                           supplier < 0 ? -1 : supplier + (int32_t)T->net->n_operators, target);
}

/* Shared between the model's files (see each definition for its contract). */
void ssim_sc_touch_op(ws_t *w, int32_t o);
void ssim_sc_touch_edge(ws_t *w, int32_t e);
void ssim_sc_change_loss(trial_t *T, int32_t o, int32_t delta, double t);
void ssim_sc_compromise_supplier(trial_t *T, int32_t s);
void ssim_sc_dispatch(trial_t *T, const ssim_event_t *ev);
void ssim_sc_observe_instant(trial_t *T);
void ssim_sc_finish(trial_t *T, ssim_op_accum_t *acc);
void ssim_sc_reset(trial_t *T);

#endif
