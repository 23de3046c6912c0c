/* models/supply_chain/supply_chain_impact.c — capacity loss and its consequences: the
 * dependency cascade, the integration of customers out into customer-hours,
 * time-series steps and peaks, and the trial's row and accumulators. */
#include "models/supply_chain/supply_chain.h"

#include "core/alloc.h"
#include "core/vocab.h"

#include <math.h>
#include <string.h>

/* Add rate (millionths of customers) over [t0, t1) into the step bins of sector s. */
static void bin_integral(ssim_sc_trial_t *T, size_t s, double t0, double t1, int64_t rate)
{
    if (rate == 0 || t1 <= t0)
        return;
    double r = (double)rate / SSIM_SC_UNIT;
    size_t k = (size_t)(t0 / T->step);
    while (k < T->K && t0 < t1) {
        double end = (double)(k + 1) * T->step;
        double upto = end < t1 ? end : t1;
        T->w->ts_acc[k * T->S + s] += r * (upto - t0);
        t0 = upto;
        k++;
    }
}

/* Integrate sector s up to time t (before its rate changes). */
static void integrate_to(ssim_sc_trial_t *T, size_t s, double t)
{
    ssim_sc_ws_t *w = T->w;
    double dt = t - w->sector_since[s];
    if (w->sector_rate[s] && dt > 0) {
        ssim_row_f64(T->row, SSIM_COL_SECTOR_SERVICE)[s] +=
            (double)w->sector_rate[s] / SSIM_SC_UNIT * dt;
        if (T->bin)
            bin_integral(T, s, w->sector_since[s], t, w->sector_rate[s]);
    }
    w->sector_since[s] = t;
}

void ssim_sc_touch_op(ssim_sc_ws_t *w, int32_t o)
{
    if (!(w->opw[o].flags & SSIM_SC_OPF_TOUCHED)) {
        w->opw[o].flags |= SSIM_SC_OPF_TOUCHED;
        w->op_touched[w->n_op_touched++] = o;
    }
}

static int grow_waves(ssim_sc_ws_t *w)
{
    size_t cap = w->wave_cap ? 2 * w->wave_cap : 256;
    ssim_sc_wave_t *bigger = ssim_realloc(w->waves, cap, sizeof *bigger, "dependency waves");
    if (!bigger)
        return 0;
    w->waves = bigger;
    w->wave_cap = cap;
    return 1;
}

/* Remember dependency slot k for the reset at its first touch this trial. */
static void touch_dep(ssim_sc_ws_t *w, int64_t k)
{
    const ssim_sc_depws_t *dw = &w->depw[k];
    if (dw->state == SSIM_SC_DEP_IDLE && dw->gen == 0 && dw->restarts == 0)
        w->dep_touched[w->n_dep_touched++] = (int32_t)k;
}

enum { WAVE_AHEAD = 8 }; /* triggers read ahead in a wave (prefetch distance) */

/* Put wave wi in the queue under the key of its next trigger, if any. */
static void wave_schedule(ssim_sc_trial_t *T, uint32_t wi)
{
    ssim_sc_ws_t *w = T->w;
    ssim_sc_wave_t *W = &w->waves[wi];
    for (; W->pos < W->end; W->pos++) {
        const ssim_sc_wave_dep_t *d = &T->sh->wave_dep[W->pos];
        uint32_t rel = w->depw[d->slot].wave_seq;
        if (rel == UINT32_MAX)
            continue; /* not scheduled by this wave */
        if (ssim_sc_queue_push_keyed(&w->queue, W->t0 + d->buffer_hours, W->base + rel,
                                     SSIM_SC_EV_WAVE, (int32_t)wi, 0) != SSIM_OK) {
            w->fail = SSIM_ENOMEM;
            w->fail_reason = "out of memory growing the event queue";
        }
        return;
    }
}

/* The popped SSIM_SC_EV_WAVE *ev becomes its wave's next SSIM_SC_EV_DEP_TRIGGER (same time
 * and seq), and the wave goes back in the queue for the one after; 0 when
 * the wave was dropped (nothing to process). */
int ssim_sc_wave_next(ssim_sc_trial_t *T, ssim_event_t *ev)
{
    ssim_sc_ws_t *w = T->w;
    uint32_t wi = (uint32_t)ev->a;
    ssim_sc_wave_t *W = &w->waves[wi];
    if (W->dead)
        return 0;
    /* A wave is read in sequence (wave_dep); fetch what this trigger and the
     * next ones will touch: their dependency slots and their dependants,
     * whose indices the wave records hold (no dependent load first). */
    const ssim_sc_shared_t *sh = T->sh;
    const ssim_sc_wave_dep_t *d = &sh->wave_dep[W->pos];
    if (W->pos + 2 * WAVE_AHEAD < W->end)
        __builtin_prefetch(d + 2 * WAVE_AHEAD);
    if (W->pos + WAVE_AHEAD < W->end) {
        const ssim_sc_wave_dep_t *next = d + WAVE_AHEAD;
        __builtin_prefetch(&w->depw[next->slot], 1);
        __builtin_prefetch(&sh->dep[next->slot]);
        __builtin_prefetch(&sh->op[next->op]);
        __builtin_prefetch(&w->opw[next->op], 1);
    }
    __builtin_prefetch(&sh->op[d->op]);
    __builtin_prefetch(&w->opw[d->op], 1);
    __builtin_prefetch(&sh->dep[d->slot]);
    int32_t k = d->slot;
    W->pos++;
    W->emitted++;
    ev->type = SSIM_SC_EV_DEP_TRIGGER;
    ev->a = k;
    ev->b = w->depw[k].gen;
    wave_schedule(T, wi);
    return 1;
}

/* Provider o went down at t: its idle dependants become pending, as in
 * provider_changed, and their triggers are scheduled as one wave.  O(its
 * dependants). */
static void start_wave(ssim_sc_trial_t *T, int32_t o, double t)
{
    ssim_sc_ws_t *w = T->w;
    const ssim_sc_op_t *op = &T->sh->op[o];
    int64_t first = op->dep_first, end = first + op->n_dependents;
    uint32_t n = 0;
    for (int64_t k = first; k < end; k++) {
        ssim_sc_depws_t *dw = &w->depw[k];
        touch_dep(w, k);
        dw->gen++;
        dw->wave_seq = UINT32_MAX;
        if (dw->state == SSIM_SC_DEP_IDLE) {
            dw->state = SSIM_SC_DEP_PENDING;
            if (t + T->sh->dep[k].buffer_hours < T->horizon && w->fail == SSIM_OK)
                dw->wave_seq = n++; /* the seqs its pushes would take, in slot order */
        } /* SSIM_SC_DEP_ACTIVE: a pending restart is cancelled by the new generation */
    }
    if (n == 0)
        return;
    uint32_t base = ssim_sc_queue_take_seqs(&w->queue, n);
    if (base == UINT32_MAX || (w->n_waves == w->wave_cap && !grow_waves(w))) {
        w->fail = SSIM_ENOMEM;
        w->fail_reason = "out of memory scheduling dependency triggers";
        return;
    }
    uint32_t wi = (uint32_t)w->n_waves++;
    w->waves[wi] = (ssim_sc_wave_t){.t0 = t, .pos = first, .end = end, .base = base, .pushed = n};
    w->opw[o].wave = (int32_t)wi + 1;
    wave_schedule(T, wi);
}

/* Provider o came back up: its wave's triggers left are all stale (every
 * dependant's generation moves on); drop them, counted as processed. */
static void drop_wave(ssim_sc_trial_t *T, int32_t o)
{
    ssim_sc_ws_t *w = T->w;
    ssim_sc_wave_t *W = &w->waves[w->opw[o].wave - 1];
    w->opw[o].wave = 0;
    W->dead = 1;
    w->n_events += W->pushed - W->emitted;
    if (w->n_events > T->sh->max_events) {
        w->fail = SSIM_EINTERNAL;
        w->fail_reason = "event cap exceeded (a dependency loop that never settles?)";
    }
}

/* The provider o went down (entering) or came back up (leaving).
 * O(dependents of o): its dependency slots are contiguous. */
static void provider_changed(ssim_sc_trial_t *T, int32_t o, int down, double t)
{
    ssim_sc_ws_t *w = T->w;
    const ssim_sc_op_t *op = &T->sh->op[o];
    if (down && op->wave_ok) {
        start_wave(T, o, t);
        return;
    }
    if (!down && w->opw[o].wave)
        drop_wave(T, o);
    for (int64_t k = op->dep_first; k < op->dep_first + op->n_dependents; k++) {
        ssim_sc_depws_t *dw = &w->depw[k];
        touch_dep(w, k);
        dw->gen++;
        if (down) {
            if (dw->state == SSIM_SC_DEP_IDLE) {
                dw->state = SSIM_SC_DEP_PENDING;
                ssim_sc_push(T, t + T->sh->dep[k].buffer_hours, SSIM_SC_EV_DEP_TRIGGER, (int32_t)k,
                             dw->gen);
            } /* SSIM_SC_DEP_ACTIVE: a pending restart is cancelled by the new generation */
        } else if (dw->state == SSIM_SC_DEP_ACTIVE) {
            double restart = 0;
            const ssim_dist_t *rd = &T->sh->cascade->restart_hours;
            if (rd->kind == SSIM_DIST_FIXED) {
                restart = rd->p[0];
            } else {
                uint32_t d = (uint32_t)T->g->dependents_edge[k]; /* the stream's entity */
                ssim_rng_gsl_seed_sub(w->rng, T->sc->seed, T->trial, d, SSIM_SC_P_RESTART,
                                      dw->restarts);
                restart = ssim_dist_sample(rd, w->rng);
            }
            dw->restarts++;
            ssim_sc_push(T, t + restart, SSIM_SC_EV_DEP_END, (int32_t)k, dw->gen);
        } else {
            dw->state = SSIM_SC_DEP_IDLE; /* pending trigger cancelled */
        }
    }
}

/* Change operator o's physical loss by phys and its business service lost
 * by svc (millionths) at time t.  Customers see min(1, physical + business);
 * only the physical loss makes o "down" as a provider. */
void ssim_sc_change_loss(ssim_sc_trial_t *T, int32_t o, int32_t phys, int32_t svc, double t)
{
    ssim_sc_ws_t *w = T->w;
    const ssim_sc_op_t *op = &T->sh->op[o];
    ssim_sc_opws_t *ow = &w->opw[o];
    size_t s = (size_t)op->sector;
    ssim_sc_touch_op(w, o);
    /* 64 bits: one operator may sum the shares of many suppliers and
     * providers (2 148 shares of 1.0 overflow 32 bits) */
    int64_t old = ow->loss, now = old + phys;
    int64_t old_svc = 0, now_svc = 0;
    if (w->svc) {
        old_svc = w->svc[o];
        now_svc = w->svc[o] = old_svc + svc;
    }
    int64_t seen_old = old + old_svc, seen_new = now + now_svc;
    int64_t eff_old = seen_old < SSIM_SC_UNIT ? seen_old : SSIM_SC_UNIT;
    int64_t eff_new = seen_new < SSIM_SC_UNIT ? seen_new : SSIM_SC_UNIT;
    ow->outage_hours += (double)eff_old / SSIM_SC_UNIT * (t - ow->last_change);
    ow->last_change = t;
    ow->loss = now;
    if (eff_new != eff_old) {
        integrate_to(T, s, t);
        /* at most SSIM_SC_UNIT x the network's customers: within int64 by
         * the loader's SSIM_NET_MAX_TOTAL_CUSTOMERS */
        w->sector_rate[s] += (eff_new - eff_old) * op->customers;
        if (T->sh->cons.any_people)
            ssim_people_change(&T->sh->cons, &w->people, (size_t)o, s, eff_new - eff_old, t);
    }
    if (seen_old == 0 && seen_new > 0) {
        if (!(ow->flags & (SSIM_SC_OPF_OUT | SSIM_SC_OPF_RISING))) {
            ow->flags |= SSIM_SC_OPF_RISING; /* out once time moves on (observe_instant) */
            w->op_rising[w->n_op_rising++] = o;
        }
        if (w->sector_nout[s]++ == 0)
            w->sectors_out++;
    } else if (seen_old > 0 && seen_new == 0) {
        if (--w->sector_nout[s] == 0)
            w->sectors_out--;
    }
    int was_down = old >= T->sh->threshold, is_down = now >= T->sh->threshold;
    if (was_down != is_down)
        provider_changed(T, o, is_down, t);
}

/* Track the peaks and who is out: called when time is about to advance past
 * w->now, so a state that holds only inside one instant (an end and a start
 * at the same time, or a loss that rises and falls back) is never counted. */
void ssim_sc_observe_instant(ssim_sc_trial_t *T)
{
    ssim_sc_ws_t *w = T->w;
    for (size_t i = 0; i < w->n_op_rising; i++) {
        int32_t o = w->op_rising[i];
        ssim_sc_opws_t *ow = &w->opw[o];
        ow->flags &= (uint8_t)~SSIM_SC_OPF_RISING;
        if (ow->loss > 0 || (w->svc && w->svc[o] > 0)) {
            ow->flags |= SSIM_SC_OPF_OUT;
            ssim_row_i32(T->row, SSIM_COL_SECTOR_OUT)[T->sh->op[o].sector]++;
            (*ssim_row_i32(T->row, SSIM_COL_OPERATORS_OUT))++;
        }
    }
    w->n_op_rising = 0;
    if (w->people.national > *ssim_row_f64(T->row, SSIM_COL_PEAK_PEOPLE))
        *ssim_row_f64(T->row, SSIM_COL_PEAK_PEOPLE) = w->people.national;
    if (w->sectors_out > *ssim_row_i32(T->row, SSIM_COL_MAX_SECTORS_OUT))
        *ssim_row_i32(T->row, SSIM_COL_MAX_SECTORS_OUT) = w->sectors_out;
}

/* Close the trial: integrate to the horizon, write the row and the operator
 * accumulators, and reset what the trial touched. */
void ssim_sc_finish(ssim_sc_trial_t *T, ssim_op_accum_t *acc)
{
    ssim_sc_ws_t *w = T->w;
    for (size_t s = 0; s < T->S; s++)
        integrate_to(T, s, T->horizon);
    if (ssim_row_f32(T->row, SSIM_COL_TIME_SERIES)) {
        for (size_t k = 0; k < T->K; k++) {
            double width = fmin(T->step, T->horizon - (double)k * T->step);
            for (size_t s = 0; s < T->S; s++)
                ssim_row_f32(T->row, SSIM_COL_TIME_SERIES)[k * T->S + s] =
                    (float)(w->ts_acc[k * T->S + s] / width);
        }
    }
    ssim_cons_finish_service(&T->sh->cons, T->row);
    ssim_people_finish(&w->people, T->horizon, T->row);
    double release = T->sh->inc->release_hours;
    *ssim_row_f64(T->row, SSIM_COL_DETECTION_HOURS) =
        release < T->horizon ? fmin(w->first_revoke, T->horizon) - release : 0.0;
    if (T->sh->econ)
        ssim_econ_trial_outage(T->sh->econ, &w->econ, w->ts_acc, T->row);
    *ssim_row_u32(T->row, SSIM_COL_EVENTS) =
        (uint32_t)(w->n_events > UINT32_MAX ? UINT32_MAX : w->n_events);

    for (size_t i = 0; i < w->n_op_touched; i++) {
        int32_t o = w->op_touched[i];
        ssim_sc_opws_t *ow = &w->opw[o];
        int64_t seen = ow->loss + (w->svc ? w->svc[o] : 0);
        int64_t eff = seen < SSIM_SC_UNIT ? seen : SSIM_SC_UNIT;
        double hours =
            ow->outage_hours + (double)eff / SSIM_SC_UNIT * (T->horizon - ow->last_change);
        if (w->svc)
            w->svc[o] = 0;
        if (acc->n_compromised) {
            acc->n_compromised[o] += (ow->flags & SSIM_SC_OPF_COMPROMISED) != 0;
            acc->n_out[o] += (ow->flags & SSIM_SC_OPF_OUT) != 0;
            acc->outage_ms[o] += (uint64_t)llround(hours * 1000.0);
        }
        *ow = (ssim_sc_opws_t){0};
    }
    w->n_op_touched = 0;
    for (size_t i = 0; i < w->n_sup_touched; i++) {
        int32_t s = w->sup_touched[i];
        w->sup_compromised[s] = w->sup_released[s] = w->sup_revoked[s] = 0;
        w->sup_is_origin[s] = 0;
        w->haz_gen[s] = 0;
        w->haz_rate[s] = 0;
        w->haz_outages[s] = 0;
    }
    w->n_sup_touched = 0;
    for (size_t i = 0; i < w->n_edge_touched; i++)
        w->edge_hit[w->edge_touched[i]] = 0;
    w->n_edge_touched = 0;
    for (size_t i = 0; i < w->n_dep_touched; i++)
        w->depw[w->dep_touched[i]] = (ssim_sc_depws_t){0};
    w->n_dep_touched = 0;
}

void ssim_sc_reset(ssim_sc_trial_t *T)
{
    ssim_sc_ws_t *w = T->w;
    memset(w->sector_rate, 0, T->S * sizeof *w->sector_rate);
    memset(w->sector_since, 0, T->S * sizeof *w->sector_since);
    memset(w->sector_nout, 0, T->S * sizeof *w->sector_nout);
    if (T->bin)
        memset(w->ts_acc, 0, T->K * T->S * sizeof *w->ts_acc);
    w->first_revoke = INFINITY;
    w->sectors_out = 0;
    w->n_op_rising = 0;
    w->now = 0;
    w->n_events = 0;
    w->n_waves = 0;
    w->fail = SSIM_OK;
    w->fail_reason = NULL;
    ssim_sc_queue_clear(&w->queue);
}
