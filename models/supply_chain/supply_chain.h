/* models/supply_chain/supply_chain.h — private to the supply_chain model's files:
 *   supply_chain.c         the plug-in table, prepare (origins), workspaces, the trial driver
 *   supply_chain_events.c  releases, installs, revocation, hazard detection, outages
 *   supply_chain_impact.c  capacity loss, dependency cascade (and its waves), integration, the trial's row
 *   supply_chain_queue.c   the trial's event queue (time buckets; core/heap is its reference)
 * docs/models/supply-chain.md describes the model.
 */
#ifndef SSIM_MODELS_SUPPLY_CHAIN_H
#define SSIM_MODELS_SUPPLY_CHAIN_H

#include "models/consequence/consequence.h"
#include "models/economic/economic.h"
#include "models/incident/incident_params.h"
#include "run/model.h"
#include "models/regulation/variant.h"

#include "core/dist.h"
#include "core/heap.h"
#include "core/rng.h"

#include <gsl/gsl_rng.h>
#include <stdint.h>

enum { SSIM_SC_UNIT = 1000000 }; /* loss units: millionths of an operator's capacity */

/* Event payloads carry what the handler needs, so that an event reads as few
 * scattered cache lines as possible ("slot" = position in a CSR order below). */
enum {
    SSIM_SC_EV_RELEASE = 1, /* a: supplier ships a bad release */
    SSIM_SC_EV_INSTALL,     /* a: supply slot that installs it, b: its supplier */
    SSIM_SC_EV_HIT_START,   /* a: operator, b: share (millionths) lost (outage or disconnection) */
    SSIM_SC_EV_HIT_END,     /* a: operator, b: share (millionths) given back */
    SSIM_SC_EV_DEP_TRIGGER, /* a: dependency slot, b: generation */
    SSIM_SC_EV_DEP_END,
    SSIM_SC_EV_REVOKE,    /* a: supplier; its release is revoked (timed detection) */
    SSIM_SC_EV_DETECT,    /* a: supplier, b: generation; hazard-based detection */
    SSIM_SC_EV_WAVE,      /* a: wave; stands for the wave's next SSIM_SC_EV_DEP_TRIGGER
                                (see ssim_sc_wave_t) */
    SSIM_SC_EV_SVC_START, /* a: operator, b: business service (millionths) lost */
    SSIM_SC_EV_SVC_END,   /* a: operator, b: business service (millionths) given back */
    SSIM_SC_EV_SEEN,      /* a: supplier; an outage of its release starts (detection hazard) */
};

/* Random-stream purposes (part of the stream key: never renumber). */
enum {
    SSIM_SC_P_DETECT = 1,           /* supplier: release -> revocation delay */
    SSIM_SC_P_LAG = 2,              /* supply edge: install-lag factor */
    SSIM_SC_P_OUTAGE = 3,           /* supply edge: does the compromise cause an outage */
    SSIM_SC_P_DORMANCY = 4,         /* supply edge: install -> effect delay */
    SSIM_SC_P_DURATION = 5,         /* supply edge: outage duration */
    SSIM_SC_P_TRANSITIVE = 6,       /* supplier: does it ship its own bad release */
    SSIM_SC_P_RESTART = 7,          /* dependency: restart delay, per occurrence */
    SSIM_SC_P_TRANSITIVE_DELAY = 8, /* supplier: compromise -> its own release */
    SSIM_SC_P_ORIGIN = 9,           /* entity 0: which candidates are this trial's origins */
    SSIM_SC_P_CANARY = 10,          /* supply edge: is it a canary of a staged rollout */
    SSIM_SC_P_HAZARD = 11,          /* supplier: exponential threshold of the detection hazard */
    SSIM_SC_P_DISCONNECT = 12,      /* supply edge: disconnection duration */
    SSIM_SC_P_PUSH = 13,            /* supply edge: msp_push delay */
    SSIM_SC_P_SHUTDOWN = 14,        /* operator: precautionary shutdown or not */
    SSIM_SC_P_SHUTDOWN_HOURS = 15,  /* operator: its duration */
};

enum { SSIM_SC_DEP_IDLE = 0, SSIM_SC_DEP_PENDING, SSIM_SC_DEP_ACTIVE };

/* Per operator, what a loss change and an install read: one aligned 32-byte
 * record instead of six arrays (prepare-time copy of the network's columns). */
typedef struct {
    _Alignas(32) int64_t customers; /* impact weight */
    int64_t dep_first; /* its dependents: dep slots dep_first .. dep_first + n_dependents */
    double hold_hours; /* advance-notice hold (scenario rule or option lever) */
    int32_t n_dependents;
    int8_t sector, prefecture;
    uint8_t wave_ok; /* its triggers may be scheduled as a wave (see ssim_sc_wave_t) */
} ssim_sc_op_t;

/* Per supply edge, in supplier order (graph supply CSR: slot k is edge
 * supply_edge[k]), so that a release reads its customers' edges in sequence. */
typedef struct {
    _Alignas(32) double lag_hours; /* install lag */
    double hold_hours;             /* the customer's advance-notice hold (0 for a supplier) */
    int32_t edge;                  /* index in supply.csv order: the random-stream entity */
    int32_t dst;                   /* customer node: operator, or n_operators + supplier */
    int32_t share_units;           /* share in millionths */
    int8_t channel, privilege;
} ssim_sc_edge_t;

/* Per dependency, in provider order (graph dependents CSR: slot k is
 * dependency dependents_edge[k], the random-stream entity). 16 bytes. */
typedef struct {
    double buffer_hours;
    int32_t op;         /* dependent operator */
    int32_t loss_units; /* loss in millionths */
} ssim_sc_dep_t;

/* A dependency slot in its provider's wave order (see ssim_sc_wave_t): what a
 * wave reads in sequence to schedule a trigger and to fetch the dependant
 * before the trigger runs.  16 bytes. */
typedef struct {
    double buffer_hours; /* = dep[slot].buffer_hours */
    int32_t slot;
    int32_t op; /* = dep[slot].op */
} ssim_sc_wave_dep_t;

/* Shared, read-only during the run. */
typedef struct {
    /* the scenario's incident sets (models/incident), borrowed from ctx->sc */
    const ssim_incident_params_t *inc;
    const ssim_incident_install_lag_params_t *lag;
    const ssim_incident_rollout_params_t *rollout;
    const ssim_incident_response_params_t *response;
    const ssim_incident_outage_params_t *outage;
    const ssim_incident_cascade_params_t *cascade;
    int32_t *origins; /* candidate origin suppliers, length n_origins */
    size_t n_origins;
    double *weights;        /* length n_origins: cumulative draw weights (pick != all) */
    size_t n_pick;          /* origins per trial: n_origins (all) or incident.origin.count */
    int is_origin_msp_push; /* msp_push: origins and compromised MSPs push to managed clients */
    int msp_category;       /* code of "msp" in ssim_vocab_category */
    /* a regulation option's lever arrays (borrowed from ctx->variant), or NULL */
    const double *edge_pout_factor; /* length n_supply: outage probability factor */
    const double *sup_canary;       /* length n_suppliers: canary fraction */
    const double *sup_stage_hold;   /* length n_suppliers: staged-rollout hold, hours */
    const double *op_disconnect;    /* length n_operators: hours, or < 0: scenario rule */
    ssim_sc_op_t *op;               /* length n_operators (64-byte aligned, in op_mem) */
    ssim_sc_edge_t *edge;           /* length n_supply: supply slots (aligned, in edge_mem) */
    ssim_sc_dep_t *dep;             /* length n_deps: dependency slots (aligned, in dep_mem) */
    ssim_sc_wave_dep_t *wave_dep; /* length n_deps: each provider's slots by (buffer_hours, slot) */
    void *op_mem, *edge_mem, *dep_mem, *wave_dep_mem;
    int track_edges;     /* disconnection on detection is possible: keep edge_hit */
    int32_t threshold;   /* provider counts as down at loss >= this (millionths) */
    uint64_t max_events; /* per-trial event cap */
    ssim_econ_t *econ;   /* economic layer (economic.enabled), else NULL */
    ssim_cons_t cons;    /* units, people, value, the IT/OT coupling (models/consequence) */
    uint8_t *in_scope;   /* length n_operators: incident.scope.operators, or NULL (all) */
    int has_service;     /* some coupling loses business service: keep w->svc */
} ssim_sc_shared_t;

/* The trial's event queue (supply_chain_queue.c has the design): pops in
 * (time, push order) like core/heap, in O(1) amortised instead of O(log n). */
typedef struct {
    double t;      /* hours */
    uint32_t seq;  /* push order this trial */
    uint32_t slot; /* its payload: item[slot] */
} ssim_sc_qkey_t;

typedef struct {
    double t;
    int32_t a;
    uint32_t b;
    uint32_t next; /* next event of the same later bucket, or of the free list */
    uint32_t seq;
    uint8_t type;
} ssim_sc_qitem_t;

typedef struct {
    /* the current bucket: three sources, each in (t, seq) order */
    ssim_sc_qkey_t *run; /* its events when it became current, sorted: [run_pos, run_len) */
    size_t run_pos, run_len, run_cap;
    ssim_sc_qkey_t *scratch; /* the sort's second buffer, length scratch_cap >= run_len */
    size_t scratch_cap;
    ssim_sc_qkey_t *fifo; /* pushed since, each no earlier than the last: [fifo_pos, fifo_len) */
    size_t fifo_pos, fifo_len, fifo_cap;
    ssim_sc_qkey_t *key; /* pushed since, the others: 4-ary heap key[0 .. n) (in key_mem) */
    void *key_mem;
    size_t n, cap;
    /* later buckets: lists through item[].next */
    uint32_t *head;        /* length n_buckets: newest event of a later bucket (where nonempty) */
    uint64_t *nonempty;    /* bitmap of the later buckets holding events, n_buckets / 64 words */
    size_t n_buckets, cur; /* a power of 2 >= 64; the current bucket */
    size_t n_later;        /* events in later buckets */
    double per_hour;       /* buckets per hour: n_buckets / horizon */
    /* payloads, one slot per pending event (slots are recycled) */
    ssim_sc_qitem_t *item; /* length item_cap, slots [0, n_items) used */
    size_t item_cap, n_items;
    uint32_t free_slot; /* free list through item[].next, or UINT32_MAX */
    uint32_t next_seq;
} ssim_sc_queue_t;

/* n_buckets (rounded up to a power of 2) over [0, horizon) hours. */
ssim_status_t ssim_sc_queue_init(ssim_sc_queue_t *q, size_t n_buckets, double horizon);
void ssim_sc_queue_destroy(ssim_sc_queue_t *q);
/* Empty the queue and restart the push order (O(1) after a trial that ran to the end). */
void ssim_sc_queue_clear(ssim_sc_queue_t *q);
/* Push with the next seq.  SSIM_ENOMEM (no message raised: parallel code
 * reports it later) when growing fails or a trial reaches 2^32 - 1 seqs. */
ssim_status_t ssim_sc_queue_push(ssim_sc_queue_t *q, double t, int type, int32_t a, uint32_t b);
/* Reserve count consecutive seqs: the first, or UINT32_MAX when they run out. */
uint32_t ssim_sc_queue_take_seqs(ssim_sc_queue_t *q, uint32_t count);
/* Push with a seq reserved earlier (a dependency wave's next trigger). */
ssim_status_t ssim_sc_queue_push_keyed(ssim_sc_queue_t *q, double t, uint32_t seq, int type,
                                       int32_t a, uint32_t b);
/* The earliest event into *out (seq and payload as pushed): 1; 0 when empty;
 * -1 when out of memory (the queue must then be cleared). */
int ssim_sc_queue_pop(ssim_sc_queue_t *q, ssim_event_t *out);

/* Per operator, a trial's state (one 32-byte record). */
typedef struct {
    _Alignas(32) double last_change; /* time of the last loss change */
    double outage_hours;             /* service-weighted outage hours this trial */
    int64_t loss;  /* active physical loss, millionths (may exceed SSIM_SC_UNIT); the
                     business service lost is w->svc[o] */
    int32_t wave;  /* 1 + its dependants' wave while it is down, or 0 */
    uint8_t flags; /* SSIM_SC_OPF_* */
} ssim_sc_opws_t;

/* Per dependency slot, a trial's state. */
typedef struct {
    uint32_t gen;      /* generation stamp: invalidates stale events */
    uint32_t wave_seq; /* its trigger in its provider's wave: seq - wave base, or UINT32_MAX */
    uint16_t restarts; /* restarts drawn so far (sub-stream index) */
    uint8_t state;     /* SSIM_SC_DEP_* */
} ssim_sc_depws_t;

/* A provider's dependency triggers, scheduled together when it goes down.
 * The triggers are exactly those of the one-event-per-dependant rule (same
 * times, same seqs: reserved in slot order), kept in the provider's
 * wave_dep order, which is their (time, seq) order; the queue holds one
 * SSIM_SC_EV_WAVE for the next of them.  When the provider comes back up, every
 * trigger left is stale (its generation is gone): the wave is dropped and
 * they are counted as processed events at once instead of one by one. */
typedef struct {
    double t0;        /* the provider went down at t0 */
    int64_t pos, end; /* next and end position in wave_dep */
    uint32_t base;    /* seq of its first trigger in slot order */
    uint32_t pushed;  /* triggers it stands for (before the horizon) */
    uint32_t emitted; /* of those, handed out as SSIM_SC_EV_DEP_TRIGGER */
    int dead;         /* the provider came back up */
} ssim_sc_wave_t;

/* Per-thread workspace; every array is reset only where a trial touched it. */
typedef struct {
    ssim_sc_queue_t queue;
    gsl_rng *rng;
    /* suppliers, length n_suppliers */
    uint8_t *sup_compromised;
    uint8_t *sup_released;  /* shipped a bad release this trial */
    uint8_t *sup_revoked;   /* its release has been revoked */
    uint8_t *sup_is_origin; /* an origin of this trial */
    double *sup_revoke;     /* planned (timed) revocation time of its bad release */
    double *haz_threshold;  /* hazard detection: Exp(1) threshold */
    double *haz_cum;        /* cumulative hazard up to haz_last */
    double *haz_last;       /* time of the last hazard-rate change */
    double *haz_rate;       /* current hazard rate, per hour */
    uint32_t *haz_gen;      /* generation stamp of the pending SSIM_SC_EV_DETECT */
    uint32_t *haz_outages;  /* outages of its release seen so far (SSIM_SC_EV_SEEN) */
    int32_t *picked;        /* this trial's origins (length n_pick) */
    int32_t *sup_touched;
    size_t n_sup_touched;
    /* supply slots, length n_supply (only with sh->track_edges, else NULL) */
    uint8_t *edge_hit; /* the slot's share is (or was) lost this trial */
    int32_t *edge_touched;
    size_t n_edge_touched;
    /* operators, length n_operators (64-byte aligned, in opw_mem) */
    ssim_sc_opws_t *opw;
    void *opw_mem;
    int32_t *op_touched;
    size_t n_op_touched;
    int32_t *op_rising; /* operators whose loss rose from 0 at w->now (SSIM_SC_OPF_RISING) */
    size_t n_op_rising;
    /* dependency slots, length n_deps */
    ssim_sc_depws_t *depw; /* aligned, in depw_mem */
    void *depw_mem;
    int32_t *dep_touched;
    size_t n_dep_touched;
    ssim_sc_wave_t *waves; /* this trial's waves, length wave_cap (kept across trials) */
    size_t n_waves, wave_cap;
    int64_t *svc; /* length n_operators: business service lost, millionths (sh->has_service) */
    /* sectors (S) */
    int64_t *sector_rate;    /* S: customers out, in millionths */
    double *sector_since;    /* S: time of the last sector rate change */
    int32_t *sector_nout;    /* S: operators currently with service lost > 0 */
    double *ts_acc;          /* K*S: integral of customers out per step (customer-hours) */
    ssim_people_ws_t people; /* residents affected (models/consequence) */
    double first_revoke;     /* earliest revocation of an origin's release this trial */
    int32_t sectors_out;
    double now;
    uint64_t n_events;
    ssim_status_t fail;
    const char *fail_reason;
    ssim_econ_ws_t econ; /* economic work arrays (with shared econ) */
} ssim_sc_ws_t;

/* Operator flags.  OUT: lost capacity for a positive time this trial.
 * RISING: its loss rose from 0 at the current instant; it becomes OUT when
 * time moves on with the loss still positive (a loss that rises and falls
 * back within one instant -- a 0-hour outage or disconnection -- is no
 * outage). */
enum {
    SSIM_SC_OPF_COMPROMISED = 1,
    SSIM_SC_OPF_OUT = 2,
    SSIM_SC_OPF_TOUCHED = 4,
    SSIM_SC_OPF_RISING = 8,
    SSIM_SC_OPF_SHUT_DECIDED = 16 /* its precautionary shutdown has been drawn */
};

typedef struct {
    const ssim_network_t *net;
    const ssim_graph_t *g;
    const ssim_scenario_t *sc;
    const ssim_sc_shared_t *sh;
    ssim_sc_ws_t *w;
    ssim_trial_row_t *row;
    uint64_t trial;
    double horizon, step;
    size_t K, S;
    int bin;               /* fill ts_acc: time series kept or economic layer on */
    ssim_event_log_t *log; /* the thread's event table (output.events), or NULL */
} ssim_sc_trial_t;

static inline void ssim_sc_push(ssim_sc_trial_t *T, double t, int type, int32_t a, uint32_t b)
{
    if (t >= T->horizon || T->w->fail != SSIM_OK)
        return;
    if (ssim_sc_queue_push(&T->w->queue, t, type, a, b) != SSIM_OK) {
        T->w->fail = SSIM_ENOMEM;
        T->w->fail_reason = "out of memory growing the event queue";
    }
}

static inline double ssim_sc_draw(ssim_sc_trial_t *T, uint32_t entity, uint16_t purpose,
                                  const ssim_dist_t *d)
{
    if (d->kind == SSIM_DIST_FIXED)
        return d->p[0];
    ssim_rng_gsl_seed(T->w->rng, T->sc->seed, T->trial, entity, purpose);
    return ssim_dist_sample(d, T->w->rng);
}

static inline double ssim_sc_uniform(ssim_sc_trial_t *T, uint32_t entity, uint16_t purpose)
{
    ssim_rng_t *r = ssim_rng_gsl_stream(T->w->rng);
    ssim_rng_seed(r, T->sc->seed, T->trial, entity, purpose);
    return ssim_rng_uniform(r);
}

/* Record an event-table row (output.events); supplier s as its node. */
static inline void ssim_sc_log(ssim_sc_trial_t *T, double t, int kind, int32_t supplier,
                               int32_t target)
{
    if (T->log)
        ssim_event_log_add(T->log, T->trial, t, kind,
                           supplier < 0 ? -1 : supplier + (int32_t)T->net->n_operators, target);
}

/* Shared between the model's files (see each definition for its contract). */
void ssim_sc_touch_op(ssim_sc_ws_t *w, int32_t o);
void ssim_sc_touch_edge(ssim_sc_ws_t *w, int64_t k);
void *ssim_sc_alloc_lines(size_t count, size_t size, const char *what, void **mem);
/* Change operator o's physical loss (phys) and business service lost (svc)
 * by the given millionths at time t. */
void ssim_sc_change_loss(ssim_sc_trial_t *T, int32_t o, int32_t phys, int32_t svc, double t);
void ssim_sc_compromise_supplier(ssim_sc_trial_t *T, int32_t s);
void ssim_sc_dispatch(ssim_sc_trial_t *T, const ssim_event_t *ev);
int ssim_sc_wave_next(ssim_sc_trial_t *T, ssim_event_t *ev);
void ssim_sc_observe_instant(ssim_sc_trial_t *T);
void ssim_sc_finish(ssim_sc_trial_t *T, ssim_op_accum_t *acc);
void ssim_sc_reset(ssim_sc_trial_t *T);

#endif
