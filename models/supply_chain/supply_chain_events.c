/* models/supply_chain/supply_chain_events.c — the update-channel events of a trial:
 * releases, installs, revocation (timed and hazard detection), transitive
 * compromise, outages, disconnection on detection. */
#include "models/supply_chain/supply_chain.h"

#include <math.h>

/* What each incident type does (docs/models/supply-chain.md "Incident types"). */
static const struct {
    int transitive; /* a compromised supplier may ship its own bad release */
    int outage;     /* 0 none, 1 by privilege, 2 always */
} incident_rules[SSIM_N_INCIDENT_TYPES] = {
    [SSIM_INCIDENT_MALICIOUS_UPDATE] = {1, 1}, [SSIM_INCIDENT_FAULTY_UPDATE] = {0, 1},
    [SSIM_INCIDENT_MSP_PUSH] = {1, 1},         [SSIM_INCIDENT_WIPER] = {1, 2},
    [SSIM_INCIDENT_ESPIONAGE] = {1, 0},
};

/* (Re)schedule supplier s's hazard detection from time t at its current rate. */
static void schedule_detect(ssim_sc_trial_t *T, int32_t s, double t)
{
    ssim_sc_ws_t *w = T->w;
    if (w->haz_rate[s] <= 0)
        return;
    w->haz_gen[s]++;
    ssim_sc_push(T, t + (w->haz_threshold[s] - w->haz_cum[s]) / w->haz_rate[s], SSIM_SC_EV_DETECT,
                 s, w->haz_gen[s]);
}

static int hazard_on(const ssim_sc_trial_t *T)
{
    return T->sh->inc->hazard_base > 0 || T->sh->inc->hazard_per_install > 0 ||
           T->sh->inc->hazard_per_outage > 0;
}

/* Install time of supply slot E (edge E->edge) for a release of supplier s at time t. */
static double install_time(ssim_sc_trial_t *T, int32_t s, const ssim_sc_edge_t *E, double t)
{
    uint32_t e = (uint32_t)E->edge;
    double lag;
    if (T->sh->is_origin_msp_push && E->channel == SSIM_CHANNEL_MANAGED &&
        (T->w->sup_is_origin[s] || T->net->sup_category[s] == T->sh->msp_category))
        lag = ssim_sc_draw(T, e, SSIM_SC_P_PUSH, &T->sh->inc->push_hours);
    else
        lag = E->lag_hours * ssim_sc_draw(T, e, SSIM_SC_P_LAG, &T->sh->lag->factor[E->channel]);
    double f = T->sh->sup_canary ? T->sh->sup_canary[s] : T->sh->rollout->canary_fraction;
    double hold_stage =
        T->sh->sup_stage_hold ? T->sh->sup_stage_hold[s] : T->sh->rollout->hold_hours;
    double stage = f >= 1.0 || ssim_sc_uniform(T, e, SSIM_SC_P_CANARY) < f ? 0.0 : hold_stage;
    return t + stage + E->hold_hours + lag;
}

static void on_release(ssim_sc_trial_t *T, int32_t s, double t)
{
    ssim_sc_ws_t *w = T->w;
    w->sup_released[s] = 1;
    ssim_sc_log(T, t, SSIM_EVENT_RELEASE, s, s + (int32_t)T->net->n_operators);
    w->sup_revoke[s] =
        t + ssim_sc_draw(T, (uint32_t)s, SSIM_SC_P_DETECT, &T->sh->inc->detection_hours);
    ssim_sc_push(T, w->sup_revoke[s], SSIM_SC_EV_REVOKE, s, 0);
    if (hazard_on(T)) {
        /* Exp(1) */
        w->haz_threshold[s] = -log1p(-ssim_sc_uniform(T, (uint32_t)s, SSIM_SC_P_HAZARD));
        w->haz_cum[s] = 0;
        w->haz_last[s] = t;
        w->haz_rate[s] = T->sh->inc->hazard_base;
        w->haz_outages[s] = 0;
        schedule_detect(T, s, t);
    }
    for (int64_t k = T->g->supply_off[s]; k < T->g->supply_off[s + 1]; k++) {
        int32_t c = T->sh->edge[k].dst;
        if (T->sh->in_scope && (size_t)c < T->net->n_operators && !T->sh->in_scope[c])
            continue; /* outside incident.scope.operators */
        double at = install_time(T, s, &T->sh->edge[k], t);
        if (at < w->sup_revoke[s])
            ssim_sc_push(T, at, SSIM_SC_EV_INSTALL, (int32_t)k, (uint32_t)s);
    }
}

void ssim_sc_compromise_supplier(ssim_sc_trial_t *T, int32_t s)
{
    ssim_sc_ws_t *w = T->w;
    if (w->sup_compromised[s])
        return;
    w->sup_compromised[s] = 1;
    w->sup_touched[w->n_sup_touched++] = s;
    (*ssim_row_i32(T->row, SSIM_COL_SUPPLIERS_COMPROMISED))++;
}

/* Supply slot k's share is lost this trial (kept only with sh->track_edges:
 * it matters only to disconnection on detection). */
void ssim_sc_touch_edge(ssim_sc_ws_t *w, int64_t k)
{
    if (w->edge_hit && !w->edge_hit[k]) {
        w->edge_hit[k] = 1;
        w->edge_touched[w->n_edge_touched++] = (int32_t)k;
    }
}

/* Raise supplier s's detection hazard by add per hour from t. */
static void raise_hazard(ssim_sc_trial_t *T, int32_t s, double add, double t)
{
    ssim_sc_ws_t *w = T->w;
    if (add <= 0 || w->sup_revoked[s])
        return;
    w->haz_cum[s] += w->haz_rate[s] * (t - w->haz_last[s]);
    w->haz_last[s] = t;
    w->haz_rate[s] += add;
    schedule_detect(T, s, t);
}

/* An install raises its supplier's detection hazard (canaries are noticed). */
static void count_install(ssim_sc_trial_t *T, int32_t s, double t)
{
    raise_hazard(T, s, T->sh->inc->hazard_per_install, t);
}

/* An outage of supplier s's release starts at t: the first
 * incident.detection_hazard.max_outages of them each raise its hazard by
 * per_outage_per_hour, later ones add nothing (hazard per_outage_per_hour x
 * min(outages, max_outages); docs/models/supply-chain.md). */
static void see_outage(ssim_sc_trial_t *T, int32_t s, double t)
{
    ssim_sc_ws_t *w = T->w;
    if (w->haz_outages[s] >= T->sh->inc->hazard_max_outages)
        return;
    w->haz_outages[s]++;
    raise_hazard(T, s, T->sh->inc->hazard_per_outage, t);
}

/* Operator c's first crash this trial (through slot E's privilege, from
 * start): with the coupling's probability it shuts its whole operation down
 * as a precaution (Colonial Pipeline), for the coupling's duration.  One draw
 * per operator and trial, keyed by the operator. */
static void maybe_shutdown(ssim_sc_trial_t *T, const ssim_sc_edge_t *E, int32_t src, double start)
{
    ssim_sc_ws_t *w = T->w;
    int32_t c = E->dst;
    const ssim_cons_coupling_t *k = &T->sh->cons.coupling[T->sh->op[c].sector][E->privilege];
    if (k->shutdown_probability <= 0 || (w->opw[c].flags & SSIM_SC_OPF_SHUT_DECIDED))
        return;
    w->opw[c].flags |= SSIM_SC_OPF_SHUT_DECIDED;
    if (!(k->shutdown_probability >= 1.0 ||
          ssim_sc_uniform(T, (uint32_t)c, SSIM_SC_P_SHUTDOWN) < k->shutdown_probability))
        return;
    double length = ssim_sc_draw(T, (uint32_t)c, SSIM_SC_P_SHUTDOWN_HOURS, &k->shutdown_hours);
    ssim_sc_log(T, start, SSIM_EVENT_SHUTDOWN, src, c);
    ssim_row_i32(T->row, SSIM_COL_SECTOR_SHUTDOWN)[T->sh->op[c].sector]++;
    ssim_sc_push(T, start, SSIM_SC_EV_HIT_START, c, SSIM_SC_UNIT);
    ssim_sc_push(T, start + length, SSIM_SC_EV_HIT_END, c, SSIM_SC_UNIT);
}

/* Outage of supply slot k's share from t + dormancy, if the incident type
 * and the privilege say so (src: the slot's supplier). */
static void maybe_outage(ssim_sc_trial_t *T, int64_t k, int32_t src, double t)
{
    const ssim_sc_edge_t *E = &T->sh->edge[k];
    uint32_t e = (uint32_t)E->edge;
    int rule = incident_rules[T->sh->inc->type].outage;
    if (rule == 0)
        return;
    if (rule == 1) {
        double p_out = T->sh->outage->probability[E->privilege] *
                       (T->sh->edge_pout_factor ? T->sh->edge_pout_factor[e] : 1.0);
        if (!(p_out >= 1.0 || (p_out > 0 && ssim_sc_uniform(T, e, SSIM_SC_P_OUTAGE) < p_out)))
            return;
    }
    int32_t c = E->dst;
    double start = t + ssim_sc_draw(T, e, SSIM_SC_P_DORMANCY, &T->sh->inc->dormancy_hours);
    double length =
        ssim_sc_draw(T, e, SSIM_SC_P_DURATION, &T->sh->outage->duration[T->sh->op[c].sector]);
    if (start >= T->horizon)
        return;
    ssim_sc_log(T, start, SSIM_EVENT_OUTAGE, src, c);
    ssim_sc_touch_edge(T->w, k);
    /* the IT/OT coupling: the crashed share's physical and business parts
     * (without a coupling table: all physical, as share_units) */
    const ssim_cons_coupling_t *cp = &T->sh->cons.coupling[T->sh->op[c].sector][E->privilege];
    uint32_t phys = (uint32_t)((int64_t)E->share_units * cp->capacity_ppm / SSIM_CONS_UNIT);
    uint32_t svc = (uint32_t)((int64_t)E->share_units * cp->service_ppm / SSIM_CONS_UNIT);
    if (phys) {
        ssim_sc_push(T, start, SSIM_SC_EV_HIT_START, c, phys);
        ssim_sc_push(T, start + length, SSIM_SC_EV_HIT_END, c, phys);
    }
    if (svc) {
        ssim_sc_push(T, start, SSIM_SC_EV_SVC_START, c, svc);
        ssim_sc_push(T, start + length, SSIM_SC_EV_SVC_END, c, svc);
    }
    if (T->sh->inc->hazard_per_outage > 0)
        ssim_sc_push(T, start, SSIM_SC_EV_SEEN, src, 0);
    if (T->sh->cons.any_shutdown)
        maybe_shutdown(T, E, src, start);
}

/* Supply slot k of supplier src installs the bad release at t. */
static void on_install(ssim_sc_trial_t *T, int64_t k, int32_t src, double t)
{
    ssim_sc_ws_t *w = T->w;
    const ssim_network_t *net = T->net;
    if (w->sup_revoked[src])
        return; /* revoked (hazard detection) before this install */
    count_install(T, src, t);
    int32_t c = T->sh->edge[k].dst;
    ssim_sc_log(T, t, SSIM_EVENT_INSTALL, src, c);
    if ((size_t)c >= net->n_operators) {
        int32_t s = c - (int32_t)net->n_operators;
        if (w->sup_compromised[s])
            return;
        ssim_sc_compromise_supplier(T, s);
        const double p = T->sh->inc->transitive_probability;
        if (incident_rules[T->sh->inc->type].transitive && p > 0 &&
            ssim_sc_uniform(T, (uint32_t)s, SSIM_SC_P_TRANSITIVE) < p)
            ssim_sc_push(T,
                         t + ssim_sc_draw(T, (uint32_t)s, SSIM_SC_P_TRANSITIVE_DELAY,
                                          &T->sh->inc->transitive_delay_hours),
                         SSIM_SC_EV_RELEASE, s, 0);
        return;
    }
    ssim_sc_touch_op(w, c);
    if (!(w->opw[c].flags & SSIM_SC_OPF_COMPROMISED)) {
        w->opw[c].flags |= SSIM_SC_OPF_COMPROMISED;
        ssim_row_i32(T->row, SSIM_COL_SECTOR_COMPROMISED)[T->sh->op[c].sector]++;
        (*ssim_row_i32(T->row, SSIM_COL_OPERATORS_COMPROMISED))++;
    }
    maybe_outage(T, k, src, t);
}

/* Supplier s's release is revoked at t: later installs do not happen, and
 * with response.disconnect_on_detection every operator using the product
 * (and not already losing that share) cuts it off for a while. */
static void on_revoke(ssim_sc_trial_t *T, int32_t s, double t)
{
    ssim_sc_ws_t *w = T->w;
    const ssim_network_t *net = T->net;
    if (w->sup_revoked[s])
        return;
    w->sup_revoked[s] = 1;
    if (w->sup_is_origin[s] && t < w->first_revoke)
        w->first_revoke = t;
    ssim_sc_log(T, t, SSIM_EVENT_REVOKE, s, s + (int32_t)net->n_operators);
    if (!T->sh->response->disconnect_on_detection && !T->sh->op_disconnect)
        return;
    for (int64_t k = T->g->supply_off[s]; k < T->g->supply_off[s + 1]; k++) {
        const ssim_sc_edge_t *E = &T->sh->edge[k];
        if ((size_t)E->dst >= net->n_operators || w->edge_hit[k])
            continue;
        /* a disconnection lever's fixed hours, else the scenario's rule */
        double lever = T->sh->op_disconnect ? T->sh->op_disconnect[E->dst] : -1.0;
        if (lever < 0 && !T->sh->response->disconnect_on_detection)
            continue;
        ssim_sc_touch_edge(w, k);
        ssim_sc_log(T, t, SSIM_EVENT_DISCONNECT, s, E->dst);
        double d = lever >= 0 ? lever
                              : ssim_sc_draw(T, (uint32_t)E->edge, SSIM_SC_P_DISCONNECT,
                                             &T->sh->response->disconnect_hours);
        ssim_sc_push(T, t, SSIM_SC_EV_HIT_START, E->dst, (uint32_t)E->share_units);
        ssim_sc_push(T, t + d, SSIM_SC_EV_HIT_END, E->dst, (uint32_t)E->share_units);
    }
}

void ssim_sc_dispatch(ssim_sc_trial_t *T, const ssim_event_t *ev)
{
    ssim_sc_depws_t *dw;
    switch (ev->type) {
    case SSIM_SC_EV_RELEASE:
        on_release(T, ev->a, ev->t);
        break;
    case SSIM_SC_EV_INSTALL:
        on_install(T, ev->a, (int32_t)ev->b, ev->t);
        break;
    case SSIM_SC_EV_HIT_START:
        ssim_sc_change_loss(T, ev->a, (int32_t)ev->b, 0, ev->t);
        break;
    case SSIM_SC_EV_HIT_END:
        ssim_sc_change_loss(T, ev->a, -(int32_t)ev->b, 0, ev->t);
        break;
    case SSIM_SC_EV_SVC_START:
        ssim_sc_change_loss(T, ev->a, 0, (int32_t)ev->b, ev->t);
        break;
    case SSIM_SC_EV_SVC_END:
        ssim_sc_change_loss(T, ev->a, 0, -(int32_t)ev->b, ev->t);
        break;
    case SSIM_SC_EV_SEEN:
        see_outage(T, ev->a, ev->t);
        break;
    case SSIM_SC_EV_DEP_TRIGGER:
        dw = &T->w->depw[ev->a];
        if (dw->gen == ev->b && dw->state == SSIM_SC_DEP_PENDING) {
            dw->state = SSIM_SC_DEP_ACTIVE;
            ssim_sc_change_loss(T, T->sh->dep[ev->a].op, T->sh->dep[ev->a].loss_units, 0, ev->t);
        }
        break;
    case SSIM_SC_EV_DEP_END:
        dw = &T->w->depw[ev->a];
        if (dw->gen == ev->b && dw->state == SSIM_SC_DEP_ACTIVE) {
            dw->state = SSIM_SC_DEP_IDLE;
            ssim_sc_change_loss(T, T->sh->dep[ev->a].op, -T->sh->dep[ev->a].loss_units, 0, ev->t);
        }
        break;
    case SSIM_SC_EV_REVOKE:
        on_revoke(T, ev->a, ev->t);
        break;
    case SSIM_SC_EV_DETECT:
        if (T->w->haz_gen[ev->a] == ev->b)
            on_revoke(T, ev->a, ev->t);
        break;
    default:
        break;
    }
}
