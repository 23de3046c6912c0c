/* models/supply_chain_impact.c — capacity loss and its consequences: the
 * dependency cascade, the integration of customers out into customer-hours,
 * time-series steps and peaks, and the trial's row and accumulators. */
#include "models/supply_chain.h"

#include "core/vocab.h"

#include <math.h>
#include <string.h>

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
        if (T->bin)
            bin_integral(T, s, w->sector_since[s], t, w->sector_rate[s]);
    }
    w->sector_since[s] = t;
    dt = t - w->pref_since[p];
    if (w->pref_rate[p] && dt > 0)
        T->row->pref_customer_hours[p - 1] += (double)w->pref_rate[p] / UNIT * dt;
    w->pref_since[p] = t;
}

void ssim_sc_touch_op(ws_t *w, int32_t o)
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
                ssim_sc_push(T, t + net->dep_buffer_hours[d], EV_DEP_TRIGGER, d, w->dep_gen[d]);
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
            ssim_sc_push(T, t + restart, EV_DEP_END, d, w->dep_gen[d]);
        } else {
            w->dep_state[d] = DEP_IDLE; /* pending trigger cancelled */
        }
    }
}

/* Change operator o's loss by delta millionths at time t. */
void ssim_sc_change_loss(trial_t *T, int32_t o, int32_t delta, double t)
{
    ws_t *w = T->w;
    const ssim_network_t *net = T->net;
    size_t s = (size_t)net->op_sector[o], p = (size_t)net->op_prefecture[o];
    ssim_sc_touch_op(w, o);
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

/* Track the peaks: called when time is about to advance past w->now, so a
 * state that holds only inside one instant (an end and a start at the same
 * time) is never counted. */
void ssim_sc_observe_instant(trial_t *T)
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
void ssim_sc_finish(trial_t *T, ssim_op_accum_t *acc)
{
    ws_t *w = T->w;
    for (size_t s = 0; s < T->S; s++) {
        double dt = T->horizon - w->sector_since[s];
        if (w->sector_rate[s] && dt > 0) {
            T->row->sector_customer_hours[s] += (double)w->sector_rate[s] / UNIT * dt;
            if (T->bin)
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
    if (T->sh->econ)
        ssim_econ_trial_outage(T->sh->econ, &w->econ, w->ts_acc, T->row);
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

void ssim_sc_reset(trial_t *T)
{
    ws_t *w = T->w;
    memset(w->sector_rate, 0, T->S * sizeof *w->sector_rate);
    memset(w->sector_since, 0, T->S * sizeof *w->sector_since);
    memset(w->sector_nout, 0, T->S * sizeof *w->sector_nout);
    memset(w->pref_rate, 0, (SSIM_N_PREFECTURES + 1) * sizeof *w->pref_rate);
    memset(w->pref_since, 0, (SSIM_N_PREFECTURES + 1) * sizeof *w->pref_since);
    if (T->bin)
        memset(w->ts_acc, 0, T->K * T->S * sizeof *w->ts_acc);
    w->total_rate = 0;
    w->sectors_out = 0;
    w->now = 0;
    w->n_events = 0;
    w->fail = SSIM_OK;
    w->fail_reason = NULL;
    ssim_heap_clear(&w->heap);
}

