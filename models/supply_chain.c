/* models/supply_chain — supplier compromise through update channels, outage,
 * and dependency cascade (docs/models/supply-chain.md has the rules and the
 * parameters; this comment is the short version).
 *
 * One trial is an event-driven simulation in hours on [0, horizon):
 *   RELEASE(s)      supplier s ships a bad release; it is revoked at
 *                   release + detection.  Each supply edge e = s -> c installs
 *                   at release + hold(c) + install_lag_hours(e) * factor(channel),
 *                   if that is before revocation and the horizon.
 *   INSTALL(e)      customer c is compromised.  A supplier customer ships its
 *                   own bad release with the transitive probability after a
 *                   delay.  An operator customer loses share(e) of its
 *                   capacity with probability outage.probability[privilege],
 *                   from install + dormancy for a per-sector duration.
 *   HIT_START/END   add / remove share(e) to the operator's loss.
 *   DEP_TRIGGER     a provider has been down (loss >= down_threshold) for
 *                   buffer_hours: the dependent loses `loss` of its capacity.
 *   DEP_END         the provider recovered, plus the restart delay.
 * An operator's capacity loss is min(1, sum of active losses); impact is
 * customers x loss integrated over time.
 *
 * Losses are kept as integers in millionths so that adding and removing them
 * is exact.  Every random draw comes from a stream keyed by (seed, trial,
 * entity, purpose): supplier draws by supplier index, install and outage draws
 * by supply-edge index, restart draws by dependency index.
 */
#include "models/model.h"

#include "core/alloc.h"
#include "core/dist.h"
#include "core/heap.h"
#include "core/rng.h"
#include "core/vocab.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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

/* What each incident type does (docs/models/supply-chain.md "Incident types"). */
static const struct {
    int transitive;  /* a compromised supplier may ship its own bad release */
    int outage;      /* 0 none, 1 by privilege, 2 always */
} incident_rules[SSIM_N_INCIDENT_TYPES] = {
    [SSIM_INCIDENT_MALICIOUS_UPDATE] = {1, 1},
    [SSIM_INCIDENT_FAULTY_UPDATE] = {0, 1},
    [SSIM_INCIDENT_MSP_PUSH] = {1, 1},
    [SSIM_INCIDENT_WIPER] = {1, 2},
    [SSIM_INCIDENT_ESPIONAGE] = {1, 0},
};

enum { DEP_IDLE = 0, DEP_PENDING, DEP_ACTIVE };

/* Shared, read-only during the run. */
typedef struct {
    int32_t *origins;       /* candidate origin suppliers, length n_origins */
    size_t n_origins;
    double *weights;        /* length n_origins: cumulative draw weights (pick != all) */
    size_t n_pick;          /* origins per trial: n_origins (all) or incident.origin.count */
    int is_origin_msp_push; /* msp_push: origins push to managed clients */
    double *hold_hours;     /* length n_operators: advance-notice hold */
    int32_t *share_units;   /* length n_supply: share in millionths */
    int32_t *loss_units;    /* length n_deps: loss in millionths */
    int32_t threshold;      /* provider counts as down at loss >= this (millionths) */
    uint64_t max_events;    /* per-trial event cap */
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
} ws_t;

enum { OPF_COMPROMISED = 1, OPF_OUT = 2, OPF_TOUCHED = 4 };

/* ---------------------------------------------------------------- prepare */

static void release_shared(void *p)
{
    shared_t *sh = p;
    if (!sh)
        return;
    free(sh->origins);
    free(sh->weights);
    free(sh->hold_hours);
    free(sh->share_units);
    free(sh->loss_units);
    free(sh);
}

/* 1 when name is in list (length n). */
static int in_list(char *const *list, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i], name) == 0)
            return 1;
    return 0;
}

/* Category names must exist: reported where they are written. */
static ssim_status_t check_categories(const ssim_scenario_t *sc)
{
    for (size_t i = 0; i < sc->incident.n_origin_categories; i++)
        if (ssim_vocab_find(&ssim_vocab_category, sc->incident.origin_categories[i]) < 0)
            return ssim_error(SSIM_EINVAL, sc->incident.origin_category_locs[i],
                              "incident.origin.category: '%s' is not a category (one of: %s)",
                              sc->incident.origin_categories[i],
                              ssim_vocab_list(&ssim_vocab_category));
    return SSIM_OK;
}

/* Does supplier s pass the category and country filters? */
static int passes_filters(const ssim_network_t *net, const ssim_scenario_t *sc, size_t s)
{
    const char *cat = ssim_vocab_category.names[net->sup_category[s]];
    if (sc->incident.n_origin_categories &&
        !in_list(sc->incident.origin_categories, sc->incident.n_origin_categories, cat))
        return 0;
    if (sc->incident.n_origin_countries &&
        !in_list(sc->incident.origin_countries, sc->incident.n_origin_countries,
                 net->sup_country[s]))
        return 0;
    return !in_list(sc->incident.origin_exclude, sc->incident.n_origin_exclude,
                    net->sup_country[s]);
}

/* The candidate origins: the named suppliers (which must exist), else every
 * supplier; then only those passing the filters, in supplier order. */
static ssim_status_t resolve_origins(shared_t *sh, const ssim_model_ctx_t *ctx)
{
    const ssim_network_t *net = ctx->net;
    const ssim_scenario_t *sc = ctx->sc;
    ssim_status_t st = check_categories(sc);
    if (st != SSIM_OK)
        return st;
    uint8_t *named = ssim_calloc(net->n_suppliers + 1, 1, "origin marks");
    sh->origins = ssim_malloc(net->n_suppliers + 1, sizeof *sh->origins, "origins");
    sh->weights = ssim_malloc(net->n_suppliers + 1, sizeof *sh->weights, "origin weights");
    if (!named || !sh->origins || !sh->weights) {
        free(named);
        return SSIM_ENOMEM;
    }
    for (size_t i = 0; i < sc->incident.n_origins; i++) {
        int64_t node = ssim_network_find(net, sc->incident.origin_ids[i]);
        if (node < 0 || (size_t)node < net->n_operators) {
            free(named);
            return ssim_error(SSIM_EINVAL, sc->incident.origin_locs[i],
                              "incident.origin.suppliers: '%s' is not a supplier id in %s",
                              sc->incident.origin_ids[i], net->files[SSIM_FILE_SUPPLIERS].path);
        }
        named[(size_t)node - net->n_operators] = 1;
    }
    double total = 0;
    for (size_t s = 0; s < net->n_suppliers; s++) {
        if ((sc->incident.n_origins && !named[s]) || !passes_filters(net, sc, s))
            continue;
        double w = sc->incident.origin_pick == SSIM_PICK_WEIGHTED_BY_REACH
                       ? (double)ctx->graph->reach_customers[s]
                       : 1.0;
        total += w;
        sh->weights[sh->n_origins] = total;
        sh->origins[sh->n_origins++] = (int32_t)s;
    }
    free(named);
    ssim_loc_t loc = sc->incident.n_origins ? sc->incident.origin_locs[0]
                                            : (ssim_loc_t){sc->path, 0, 0};
    if (sh->n_origins == 0)
        return ssim_error(SSIM_EINVAL, loc, "incident.origin: no supplier in %s matches the "
                          "origin filters", net->files[SSIM_FILE_SUPPLIERS].path);
    sh->n_pick = sc->incident.origin_pick == SSIM_PICK_ALL ? sh->n_origins
                                                          : (size_t)sc->incident.origin_count;
    if (sh->n_pick > sh->n_origins)
        return ssim_error(SSIM_EINVAL, loc, "incident.origin.count is %zu but only %zu "
                          "suppliers match the origin filters", sh->n_pick, sh->n_origins);
    size_t positive = 0; /* candidates that can be drawn */
    for (size_t i = 0; i < sh->n_origins; i++)
        positive += sh->weights[i] > (i ? sh->weights[i - 1] : 0.0);
    if (sc->incident.origin_pick != SSIM_PICK_ALL && positive < sh->n_pick)
        return ssim_error(SSIM_EINVAL, loc, "incident.origin: pick %s needs %zu candidates with "
                          "reach > 0, but only %zu of the %zu matching suppliers reach any "
                          "customer", "weighted_by_reach", sh->n_pick, positive, sh->n_origins);
    sh->is_origin_msp_push = sc->incident.type == SSIM_INCIDENT_MSP_PUSH;
    return SSIM_OK;
}

static ssim_status_t prepare(const ssim_model_ctx_t *ctx, void **out)
{
    const ssim_network_t *net = ctx->net;
    const ssim_scenario_t *sc = ctx->sc;
    shared_t *sh = ssim_calloc(1, sizeof *sh, "model data");
    if (!sh)
        return SSIM_ENOMEM;
    ssim_status_t st = resolve_origins(sh, ctx);
    if (st != SSIM_OK)
        goto fail;
    sh->hold_hours = ssim_malloc(net->n_operators + 1, sizeof *sh->hold_hours, "holds");
    sh->share_units = ssim_malloc(net->n_supply + 1, sizeof *sh->share_units, "shares");
    sh->loss_units = ssim_malloc(net->n_deps + 1, sizeof *sh->loss_units, "losses");
    st = SSIM_ENOMEM;
    if (!sh->hold_hours || !sh->share_units || !sh->loss_units)
        goto fail;
    for (size_t o = 0; o < net->n_operators; o++) {
        int regulated = !sc->advance_notice.designated_only || net->op_designated[o];
        sh->hold_hours[o] = regulated ? sc->advance_notice.hours : 0.0;
    }
    for (size_t e = 0; e < net->n_supply; e++)
        sh->share_units[e] = (int32_t)lround(net->sup_share[e] * UNIT);
    for (size_t d = 0; d < net->n_deps; d++)
        sh->loss_units[d] = (int32_t)lround(net->dep_loss[d] * UNIT);
    sh->threshold = (int32_t)lround(sc->cascade.down_threshold * UNIT);
    sh->max_events = 64 * (uint64_t)(net->n_supply + net->n_deps + net->n_suppliers) + 100000;
    *out = sh;
    return SSIM_OK;
fail:
    release_shared(sh);
    return st;
}

/* -------------------------------------------------------------- workspace */

static void workspace_free(void *p)
{
    ws_t *w = p;
    if (!w)
        return;
    ssim_heap_destroy(&w->heap);
    if (w->rng)
        gsl_rng_free(w->rng);
    free(w->sup_compromised);
    free(w->sup_released);
    free(w->sup_revoked);
    free(w->sup_is_origin);
    free(w->sup_revoke);
    free(w->haz_threshold);
    free(w->haz_cum);
    free(w->haz_last);
    free(w->haz_rate);
    free(w->haz_gen);
    free(w->picked);
    free(w->edge_hit);
    free(w->edge_touched);
    free(w->sup_touched);
    free(w->loss);
    free(w->last_change);
    free(w->outage_hours);
    free(w->op_flags);
    free(w->op_touched);
    free(w->dep_state);
    free(w->dep_gen);
    free(w->dep_restarts);
    free(w->dep_touched);
    free(w->sector_rate);
    free(w->sector_since);
    free(w->sector_nout);
    free(w->pref_rate);
    free(w->pref_since);
    free(w->ts_acc);
    free(w);
}

static ssim_status_t workspace_alloc(const ssim_model_ctx_t *ctx, void **out)
{
    const ssim_network_t *net = ctx->net;
    size_t ns = net->n_suppliers + 1, no = net->n_operators + 1, nd = net->n_deps + 1;
    size_t S = (size_t)ssim_vocab_sector.n, P = SSIM_N_PREFECTURES + 1;
    size_t K = ssim_results_n_steps(ctx->sc->horizon_hours, ctx->sc->output_step_hours);
    ws_t *w = ssim_calloc(1, sizeof *w, "workspace");
    if (!w)
        return SSIM_ENOMEM;
    int ok = ssim_heap_init(&w->heap, net->n_supply + 2 * net->n_deps + ns + 64) == SSIM_OK;
    ok &= (w->rng = ssim_rng_gsl_alloc()) != NULL;
#define ALLOC(field, count) ok &= (w->field = ssim_calloc((count), sizeof *w->field, #field)) != NULL
    ALLOC(sup_compromised, ns);
    ALLOC(sup_released, ns);
    ALLOC(sup_revoked, ns);
    ALLOC(sup_is_origin, ns);
    ALLOC(sup_revoke, ns);
    ALLOC(haz_threshold, ns);
    ALLOC(haz_cum, ns);
    ALLOC(haz_last, ns);
    ALLOC(haz_rate, ns);
    ALLOC(haz_gen, ns);
    ALLOC(picked, ns);
    ALLOC(edge_hit, net->n_supply + 1);
    ALLOC(edge_touched, net->n_supply + 1);
    ALLOC(sup_touched, ns);
    ALLOC(loss, no);
    ALLOC(last_change, no);
    ALLOC(outage_hours, no);
    ALLOC(op_flags, no);
    ALLOC(op_touched, no);
    ALLOC(dep_state, nd);
    ALLOC(dep_gen, nd);
    ALLOC(dep_restarts, nd);
    ALLOC(dep_touched, nd);
    ALLOC(sector_rate, S);
    ALLOC(sector_since, S);
    ALLOC(sector_nout, S);
    ALLOC(pref_rate, P);
    ALLOC(pref_since, P);
    ALLOC(ts_acc, K * S);
#undef ALLOC
    if (!ok) {
        workspace_free(w);
        return SSIM_ENOMEM;
    }
    *out = w;
    return SSIM_OK;
}

/* ------------------------------------------------------------ the trial */

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
} trial_t;

static void push(trial_t *T, double t, int type, int32_t a, uint32_t b)
{
    if (t >= T->horizon || T->w->fail != SSIM_OK)
        return;
    if (ssim_heap_push(&T->w->heap, t, (uint16_t)type, 0, a, b) != SSIM_OK) {
        T->w->fail = SSIM_ENOMEM;
        T->w->fail_reason = "out of memory growing the event heap";
    }
}

static double draw(trial_t *T, uint32_t entity, uint16_t purpose, const ssim_dist_t *d)
{
    if (d->kind == SSIM_DIST_FIXED)
        return d->p[0];
    ssim_rng_gsl_seed(T->w->rng, T->sc->seed, T->trial, entity, purpose);
    return ssim_dist_sample(d, T->w->rng);
}

static double uniform(trial_t *T, uint32_t entity, uint16_t purpose)
{
    ssim_rng_t *r = ssim_rng_gsl_stream(T->w->rng);
    ssim_rng_seed(r, T->sc->seed, T->trial, entity, purpose);
    return ssim_rng_uniform(r);
}

/* Add rate (millionths of customers) over [t0, t1) into the step bins of sector s. */
static void bin_integral(trial_t *T, size_t s, double t0, double t1, int64_t rate)
{
    if (rate == 0 || t1 <= t0)
        return;
    double r = (double)rate / UNIT;
    size_t k = (size_t)(t0 / T->step);
    while (k < T->K && t0 < t1) {
        double end = (double)(k + 1) * T->step;
        double upto = end < t1 ? end : t1;
        T->w->ts_acc[k * T->S + s] += r * (upto - t0);
        t0 = upto;
        k++;
    }
}

/* Integrate sector s and prefecture p up to time t (before their rates change). */
static void integrate_to(trial_t *T, size_t s, size_t p, double t)
{
    ws_t *w = T->w;
    double dt = t - w->sector_since[s];
    if (w->sector_rate[s] && dt > 0) {
        T->row->sector_customer_hours[s] += (double)w->sector_rate[s] / UNIT * dt;
        if (T->row->time_series)
            bin_integral(T, s, w->sector_since[s], t, w->sector_rate[s]);
    }
    w->sector_since[s] = t;
    dt = t - w->pref_since[p];
    if (w->pref_rate[p] && dt > 0)
        T->row->pref_customer_hours[p - 1] += (double)w->pref_rate[p] / UNIT * dt;
    w->pref_since[p] = t;
}

static void touch_op(ws_t *w, int32_t o)
{
    if (!(w->op_flags[o] & OPF_TOUCHED)) {
        w->op_flags[o] |= OPF_TOUCHED;
        w->op_touched[w->n_op_touched++] = o;
    }
}

static void touch_dep(ws_t *w, int32_t d)
{
    if (w->dep_state[d] == DEP_IDLE && w->dep_gen[d] == 0 && w->dep_restarts[d] == 0) {
        /* first touch this trial: remember to reset it */
        w->dep_touched[w->n_dep_touched++] = d;
    }
}

/* The provider o went down (entering) or came back up (leaving). */
static void provider_changed(trial_t *T, int32_t o, int down, double t)
{
    ws_t *w = T->w;
    const ssim_network_t *net = T->net;
    for (int64_t k = T->g->dependents_off[o]; k < T->g->dependents_off[o + 1]; k++) {
        int32_t d = T->g->dependents_edge[k];
        touch_dep(w, d);
        w->dep_gen[d]++;
        if (down) {
            if (w->dep_state[d] == DEP_IDLE) {
                w->dep_state[d] = DEP_PENDING;
                push(T, t + net->dep_buffer_hours[d], EV_DEP_TRIGGER, d, w->dep_gen[d]);
            } /* DEP_ACTIVE: a pending restart is cancelled by the new generation */
        } else if (w->dep_state[d] == DEP_ACTIVE) {
            double restart = 0;
            const ssim_dist_t *rd = &T->sc->cascade.restart_hours;
            if (rd->kind == SSIM_DIST_FIXED) {
                restart = rd->p[0];
            } else {
                ssim_rng_gsl_seed_sub(w->rng, T->sc->seed, T->trial, (uint32_t)d, P_RESTART,
                                      w->dep_restarts[d]);
                restart = ssim_dist_sample(rd, w->rng);
            }
            w->dep_restarts[d]++;
            push(T, t + restart, EV_DEP_END, d, w->dep_gen[d]);
        } else {
            w->dep_state[d] = DEP_IDLE; /* pending trigger cancelled */
        }
    }
}

/* Change operator o's loss by delta millionths at time t. */
static void change_loss(trial_t *T, int32_t o, int32_t delta, double t)
{
    ws_t *w = T->w;
    const ssim_network_t *net = T->net;
    size_t s = (size_t)net->op_sector[o], p = (size_t)net->op_prefecture[o];
    touch_op(w, o);
    int32_t old = w->loss[o], now = old + delta;
    int32_t eff_old = old < UNIT ? old : UNIT, eff_new = now < UNIT ? now : UNIT;
    w->outage_hours[o] += (double)eff_old / UNIT * (t - w->last_change[o]);
    w->last_change[o] = t;
    w->loss[o] = now;
    if (eff_new != eff_old) {
        integrate_to(T, s, p, t);
        int64_t d_rate = (int64_t)(eff_new - eff_old) * net->op_customers[o];
        w->sector_rate[s] += d_rate;
        w->pref_rate[p] += d_rate;
        w->total_rate += d_rate;
    }
    if (old == 0 && now > 0) {
        if (!(w->op_flags[o] & OPF_OUT)) {
            w->op_flags[o] |= OPF_OUT;
            T->row->sector_out[s]++;
            (*T->row->operators_out)++;
        }
        if (w->sector_nout[s]++ == 0)
            w->sectors_out++;
    } else if (old > 0 && now == 0) {
        if (--w->sector_nout[s] == 0)
            w->sectors_out--;
    }
    int was_down = old >= T->sh->threshold, is_down = now >= T->sh->threshold;
    if (was_down != is_down)
        provider_changed(T, o, is_down, t);
}

/* (Re)schedule supplier s's hazard detection from time t at its current rate. */
static void schedule_detect(trial_t *T, int32_t s, double t)
{
    ws_t *w = T->w;
    if (w->haz_rate[s] <= 0)
        return;
    w->haz_gen[s]++;
    push(T, t + (w->haz_threshold[s] - w->haz_cum[s]) / w->haz_rate[s], EV_DETECT, s,
         w->haz_gen[s]);
}

static int hazard_on(const trial_t *T)
{
    return T->sc->incident.hazard_base > 0 || T->sc->incident.hazard_per_install > 0;
}

/* Install time of edge e for a release of supplier s at time t. */
static double install_time(trial_t *T, int32_t s, int32_t e, double t)
{
    const ssim_network_t *net = T->net;
    int32_t c = net->sup_dst[e];
    double hold = (size_t)c < net->n_operators ? T->sh->hold_hours[c] : 0.0;
    double lag;
    if (T->sh->is_origin_msp_push && T->w->sup_is_origin[s] &&
        net->sup_channel[e] == SSIM_CHANNEL_MANAGED)
        lag = draw(T, (uint32_t)e, P_PUSH, &T->sc->incident.push_hours);
    else
        lag = net->sup_lag_hours[e] *
              draw(T, (uint32_t)e, P_LAG, &T->sc->install_lag_factor[net->sup_channel[e]]);
    double f = T->sc->rollout.canary_fraction;
    double stage = f >= 1.0 || uniform(T, (uint32_t)e, P_CANARY) < f ? 0.0
                                                                     : T->sc->rollout.hold_hours;
    return t + stage + hold + lag;
}

static void on_release(trial_t *T, int32_t s, double t)
{
    ws_t *w = T->w;
    w->sup_released[s] = 1;
    w->sup_revoke[s] = t + draw(T, (uint32_t)s, P_DETECT, &T->sc->incident.detection_hours);
    push(T, w->sup_revoke[s], EV_REVOKE, s, 0);
    if (hazard_on(T)) {
        w->haz_threshold[s] = -log1p(-uniform(T, (uint32_t)s, P_HAZARD)); /* Exp(1) */
        w->haz_cum[s] = 0;
        w->haz_last[s] = t;
        w->haz_rate[s] = T->sc->incident.hazard_base;
        schedule_detect(T, s, t);
    }
    for (int64_t k = T->g->supply_off[s]; k < T->g->supply_off[s + 1]; k++) {
        int32_t e = T->g->supply_edge[k];
        double at = install_time(T, s, e, t);
        if (at < w->sup_revoke[s])
            push(T, at, EV_INSTALL, e, 0);
    }
}

static void compromise_supplier(trial_t *T, int32_t s)
{
    ws_t *w = T->w;
    if (w->sup_compromised[s])
        return;
    w->sup_compromised[s] = 1;
    w->sup_touched[w->n_sup_touched++] = s;
    (*T->row->suppliers_compromised)++;
}

static void touch_edge(ws_t *w, int32_t e)
{
    if (!w->edge_hit[e]) {
        w->edge_hit[e] = 1;
        w->edge_touched[w->n_edge_touched++] = e;
    }
}

/* An install raises its supplier's detection hazard (canaries are noticed). */
static void count_install(trial_t *T, int32_t s, double t)
{
    ws_t *w = T->w;
    if (!hazard_on(T) || T->sc->incident.hazard_per_install <= 0)
        return;
    w->haz_cum[s] += w->haz_rate[s] * (t - w->haz_last[s]);
    w->haz_last[s] = t;
    w->haz_rate[s] += T->sc->incident.hazard_per_install;
    schedule_detect(T, s, t);
}

/* Outage of edge e's share from t + dormancy, if the incident type and the
 * privilege say so. */
static void maybe_outage(trial_t *T, int32_t e, double t)
{
    const ssim_network_t *net = T->net;
    int rule = incident_rules[T->sc->incident.type].outage;
    if (rule == 0)
        return;
    if (rule == 1) {
        double p_out = T->sc->outage.probability[net->sup_privilege[e]];
        if (!(p_out >= 1.0 || (p_out > 0 && uniform(T, (uint32_t)e, P_OUTAGE) < p_out)))
            return;
    }
    int32_t c = net->sup_dst[e];
    double start = t + draw(T, (uint32_t)e, P_DORMANCY, &T->sc->incident.dormancy_hours);
    double length = draw(T, (uint32_t)e, P_DURATION, &T->sc->outage.duration[net->op_sector[c]]);
    if (start >= T->horizon)
        return;
    touch_edge(T->w, e);
    push(T, start, EV_HIT_START, e, 0);
    push(T, start + length, EV_HIT_END, e, 0);
}

static void on_install(trial_t *T, int32_t e, double t)
{
    ws_t *w = T->w;
    const ssim_network_t *net = T->net;
    int32_t src = net->sup_src[e];
    if (w->sup_revoked[src])
        return; /* revoked (hazard detection) before this install */
    count_install(T, src, t);
    int32_t c = net->sup_dst[e];
    if ((size_t)c >= net->n_operators) {
        int32_t s = c - (int32_t)net->n_operators;
        if (w->sup_compromised[s])
            return;
        compromise_supplier(T, s);
        const double p = T->sc->incident.transitive_probability;
        if (incident_rules[T->sc->incident.type].transitive && p > 0 &&
            uniform(T, (uint32_t)s, P_TRANSITIVE) < p)
            push(T, t + draw(T, (uint32_t)s, P_TRANSITIVE_DELAY, &T->sc->incident.transitive_delay_hours),
                 EV_RELEASE, s, 0);
        return;
    }
    touch_op(w, c);
    if (!(w->op_flags[c] & OPF_COMPROMISED)) {
        w->op_flags[c] |= OPF_COMPROMISED;
        T->row->sector_compromised[net->op_sector[c]]++;
        (*T->row->operators_compromised)++;
    }
    maybe_outage(T, e, t);
}

/* Supplier s's release is revoked at t: later installs do not happen, and
 * with response.disconnect_on_detection every operator using the product
 * (and not already losing that share) cuts it off for a while. */
static void on_revoke(trial_t *T, int32_t s, double t)
{
    ws_t *w = T->w;
    const ssim_network_t *net = T->net;
    if (w->sup_revoked[s])
        return;
    w->sup_revoked[s] = 1;
    if (!T->sc->response.disconnect_on_detection)
        return;
    for (int64_t k = T->g->supply_off[s]; k < T->g->supply_off[s + 1]; k++) {
        int32_t e = T->g->supply_edge[k];
        if ((size_t)net->sup_dst[e] >= net->n_operators || w->edge_hit[e])
            continue;
        touch_edge(w, e);
        double d = draw(T, (uint32_t)e, P_DISCONNECT, &T->sc->response.disconnect_hours);
        push(T, t, EV_HIT_START, e, 0);
        push(T, t + d, EV_HIT_END, e, 0);
    }
}

static void dispatch(trial_t *T, const ssim_event_t *ev)
{
    ws_t *w = T->w;
    const ssim_network_t *net = T->net;
    switch (ev->type) {
    case EV_RELEASE: on_release(T, ev->a, ev->t); break;
    case EV_INSTALL: on_install(T, ev->a, ev->t); break;
    case EV_HIT_START: change_loss(T, net->sup_dst[ev->a], T->sh->share_units[ev->a], ev->t); break;
    case EV_HIT_END: change_loss(T, net->sup_dst[ev->a], -T->sh->share_units[ev->a], ev->t); break;
    case EV_DEP_TRIGGER:
        if (w->dep_gen[ev->a] == ev->b && w->dep_state[ev->a] == DEP_PENDING) {
            w->dep_state[ev->a] = DEP_ACTIVE;
            change_loss(T, net->dep_op[ev->a], T->sh->loss_units[ev->a], ev->t);
        }
        break;
    case EV_DEP_END:
        if (w->dep_gen[ev->a] == ev->b && w->dep_state[ev->a] == DEP_ACTIVE) {
            w->dep_state[ev->a] = DEP_IDLE;
            change_loss(T, net->dep_op[ev->a], -T->sh->loss_units[ev->a], ev->t);
        }
        break;
    case EV_REVOKE: on_revoke(T, ev->a, ev->t); break;
    case EV_DETECT:
        if (w->haz_gen[ev->a] == ev->b)
            on_revoke(T, ev->a, ev->t);
        break;
    default: break;
    }
}

/* Track the peaks: called when time is about to advance past w->now, so a
 * state that holds only inside one instant (an end and a start at the same
 * time) is never counted. */
static void observe_instant(trial_t *T)
{
    ws_t *w = T->w;
    double out = (double)w->total_rate / UNIT;
    if (out > *T->row->peak_customers_out)
        *T->row->peak_customers_out = out;
    if (w->sectors_out > *T->row->max_sectors_out)
        *T->row->max_sectors_out = w->sectors_out;
}

/* Close the trial: integrate to the horizon, write the row and the operator
 * accumulators, and reset what the trial touched. */
static void finish(trial_t *T, ssim_op_accum_t *acc)
{
    ws_t *w = T->w;
    for (size_t s = 0; s < T->S; s++) {
        double dt = T->horizon - w->sector_since[s];
        if (w->sector_rate[s] && dt > 0) {
            T->row->sector_customer_hours[s] += (double)w->sector_rate[s] / UNIT * dt;
            if (T->row->time_series)
                bin_integral(T, s, w->sector_since[s], T->horizon, w->sector_rate[s]);
        }
    }
    for (size_t p = 1; p <= SSIM_N_PREFECTURES; p++) {
        double dt = T->horizon - w->pref_since[p];
        if (w->pref_rate[p] && dt > 0)
            T->row->pref_customer_hours[p - 1] += (double)w->pref_rate[p] / UNIT * dt;
    }
    double total = 0;
    for (size_t s = 0; s < T->S; s++)
        total += T->row->sector_customer_hours[s];
    *T->row->customer_hours = total;
    if (T->row->time_series) {
        for (size_t k = 0; k < T->K; k++) {
            double width = fmin(T->step, T->horizon - (double)k * T->step);
            for (size_t s = 0; s < T->S; s++)
                T->row->time_series[k * T->S + s] = (float)(w->ts_acc[k * T->S + s] / width);
        }
    }
    *T->row->events = (uint32_t)(w->n_events > UINT32_MAX ? UINT32_MAX : w->n_events);

    for (size_t i = 0; i < w->n_op_touched; i++) {
        int32_t o = w->op_touched[i];
        int32_t eff = w->loss[o] < UNIT ? w->loss[o] : UNIT;
        double hours = w->outage_hours[o] + (double)eff / UNIT * (T->horizon - w->last_change[o]);
        if (acc->n_compromised) {
            acc->n_compromised[o] += (w->op_flags[o] & OPF_COMPROMISED) != 0;
            acc->n_out[o] += (w->op_flags[o] & OPF_OUT) != 0;
            acc->outage_ms[o] += (uint64_t)llround(hours * 1000.0);
        }
        w->loss[o] = 0;
        w->last_change[o] = 0;
        w->outage_hours[o] = 0;
        w->op_flags[o] = 0;
    }
    w->n_op_touched = 0;
    for (size_t i = 0; i < w->n_sup_touched; i++) {
        int32_t s = w->sup_touched[i];
        w->sup_compromised[s] = w->sup_released[s] = w->sup_revoked[s] = 0;
        w->sup_is_origin[s] = 0;
        w->haz_gen[s] = 0;
        w->haz_rate[s] = 0;
    }
    w->n_sup_touched = 0;
    for (size_t i = 0; i < w->n_edge_touched; i++)
        w->edge_hit[w->edge_touched[i]] = 0;
    w->n_edge_touched = 0;
    for (size_t i = 0; i < w->n_dep_touched; i++) {
        int32_t d = w->dep_touched[i];
        w->dep_state[d] = DEP_IDLE;
        w->dep_gen[d] = 0;
        w->dep_restarts[d] = 0;
    }
    w->n_dep_touched = 0;
}

static void reset_small(trial_t *T)
{
    ws_t *w = T->w;
    memset(w->sector_rate, 0, T->S * sizeof *w->sector_rate);
    memset(w->sector_since, 0, T->S * sizeof *w->sector_since);
    memset(w->sector_nout, 0, T->S * sizeof *w->sector_nout);
    memset(w->pref_rate, 0, (SSIM_N_PREFECTURES + 1) * sizeof *w->pref_rate);
    memset(w->pref_since, 0, (SSIM_N_PREFECTURES + 1) * sizeof *w->pref_since);
    if (T->row->time_series)
        memset(w->ts_acc, 0, T->K * T->S * sizeof *w->ts_acc);
    w->total_rate = 0;
    w->sectors_out = 0;
    w->now = 0;
    w->n_events = 0;
    w->fail = SSIM_OK;
    w->fail_reason = NULL;
    ssim_heap_clear(&w->heap);
}

/* This trial's origins into w->picked: every candidate (pick all), or n_pick
 * distinct candidates drawn by weight from one stream (sequential draws,
 * rejecting repeats).  Returns the count. */
static size_t pick_origins(trial_t *T)
{
    const shared_t *sh = T->sh;
    ws_t *w = T->w;
    if (T->sc->incident.origin_pick == SSIM_PICK_ALL) {
        memcpy(w->picked, sh->origins, sh->n_origins * sizeof *w->picked);
        return sh->n_origins;
    }
    ssim_rng_t *r = ssim_rng_gsl_stream(w->rng);
    ssim_rng_seed(r, T->sc->seed, T->trial, 0, P_ORIGIN);
    double total = sh->weights[sh->n_origins - 1];
    size_t n = 0;
    while (n < sh->n_pick) {
        double u = ssim_rng_uniform(r) * total;
        size_t lo = 0, hi = sh->n_origins - 1; /* first index with weights[i] > u */
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (sh->weights[mid] > u)
                hi = mid;
            else
                lo = mid + 1;
        }
        int32_t s = sh->origins[lo];
        int dup = 0;
        for (size_t k = 0; k < n && !dup; k++)
            dup = w->picked[k] == s;
        if (!dup)
            w->picked[n++] = s;
    }
    return n;
}

static ssim_status_t trial(const ssim_model_ctx_t *ctx, void *ws, uint64_t t,
                           ssim_trial_row_t *row, ssim_op_accum_t *acc)
{
    trial_t T = {
        .net = ctx->net, .g = ctx->graph, .sc = ctx->sc, .sh = ctx->shared, .w = ws,
        .row = row, .trial = t, .horizon = ctx->sc->horizon_hours,
        .step = ctx->sc->output_step_hours,
        .K = ssim_results_n_steps(ctx->sc->horizon_hours, ctx->sc->output_step_hours),
        .S = (size_t)ssim_vocab_sector.n,
    };
    ws_t *w = T.w;
    reset_small(&T);
    size_t n = pick_origins(&T);
    for (size_t i = 0; i < n; i++) {
        int32_t s = w->picked[i];
        w->sup_is_origin[s] = 1;
        compromise_supplier(&T, s);
        push(&T, ctx->sc->incident.release_hours, EV_RELEASE, s, 0);
    }
    ssim_event_t ev;
    while (w->fail == SSIM_OK && ssim_heap_pop(&w->heap, &ev)) {
        if (ev.t > w->now) {
            observe_instant(&T);
            w->now = ev.t;
        }
        dispatch(&T, &ev);
        if (++w->n_events > T.sh->max_events) {
            w->fail = SSIM_EINTERNAL;
            w->fail_reason = "event cap exceeded (a dependency loop that never settles?)";
        }
    }
    observe_instant(&T);
    finish(&T, acc);
    return w->fail;
}

static const char *last_error(const void *ws)
{
    const ws_t *w = ws;
    return w->fail_reason ? w->fail_reason : "no error";
}

const ssim_model_type_t ssim_model_supply_chain = {
    .name = "supply_chain",
    .description = "supplier compromise through update channels, outage, dependency cascade",
    .prepare = prepare,
    .release = release_shared,
    .workspace_alloc = workspace_alloc,
    .workspace_free = workspace_free,
    .trial = trial,
    .last_error = last_error,
};
