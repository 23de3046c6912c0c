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
#include "models/supply_chain/supply_chain.h"

#include "core/alloc.h"
#include "core/vocab.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* ---------------------------------------------------------------- prepare */

static void release_shared(void *p)
{
    ssim_sc_shared_t *sh = p;
    if (!sh)
        return;
    free(sh->origins);
    free(sh->weights);
    free(sh->op_mem);
    free(sh->edge_mem);
    free(sh->dep_mem);
    free(sh->wave_dep_mem);
    free(sh->in_scope);
    ssim_econ_free(sh->econ);
    ssim_cons_free(&sh->cons);
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
static ssim_status_t check_categories(const ssim_incident_params_t *inc)
{
    for (size_t i = 0; i < inc->n_origin_categories; i++)
        if (ssim_vocab_find(&ssim_vocab_category, inc->origin_categories[i]) < 0)
            return ssim_error(SSIM_EINVAL, inc->origin_category_locs[i],
                              "incident.origin.category: '%s' is not a category (one of: %s)",
                              inc->origin_categories[i], ssim_vocab_list(&ssim_vocab_category));
    return SSIM_OK;
}

/* Does supplier s pass the category and country filters? */
static int passes_filters(const ssim_network_t *net, const ssim_incident_params_t *inc, size_t s)
{
    const char *cat = ssim_vocab_category.names[net->sup_category[s]];
    if (inc->n_origin_categories && !in_list(inc->origin_categories, inc->n_origin_categories, cat))
        return 0;
    if (inc->n_origin_countries &&
        !in_list(inc->origin_countries, inc->n_origin_countries, net->sup_country[s]))
        return 0;
    return !in_list(inc->origin_exclude, inc->n_origin_exclude, net->sup_country[s]);
}

/* The candidate origins: the named suppliers (which must exist), else every
 * supplier; then only those passing the filters, in supplier order. */
static ssim_status_t resolve_origins(ssim_sc_shared_t *sh, const ssim_model_ctx_t *ctx)
{
    const ssim_network_t *net = ctx->net;
    const ssim_scenario_t *sc = ctx->sc;
    const ssim_incident_params_t *inc = sh->inc;
    ssim_status_t st = check_categories(inc);
    if (st != SSIM_OK)
        return st;
    uint8_t *named = ssim_calloc(net->n_suppliers + 1, 1, "origin marks");
    sh->origins = ssim_malloc(net->n_suppliers + 1, sizeof *sh->origins, "origins");
    sh->weights = ssim_malloc(net->n_suppliers + 1, sizeof *sh->weights, "origin weights");
    if (!named || !sh->origins || !sh->weights) {
        free(named);
        return SSIM_ENOMEM;
    }
    for (size_t i = 0; i < inc->n_origins; i++) {
        int64_t node = ssim_network_find(net, inc->origin_ids[i]);
        if (node < 0 || (size_t)node < net->n_operators) {
            free(named);
            return ssim_error(SSIM_EINVAL, inc->origin_locs[i],
                              "incident.origin.suppliers: '%s' is not a supplier id in %s",
                              inc->origin_ids[i], net->files[SSIM_FILE_SUPPLIERS].path);
        }
        named[(size_t)node - net->n_operators] = 1;
    }
    double total = 0;
    for (size_t s = 0; s < net->n_suppliers; s++) {
        if ((inc->n_origins && !named[s]) || !passes_filters(net, inc, s))
            continue;
        double w =
            inc->origin_pick == SSIM_PICK_WEIGHTED_BY_REACH ? ctx->graph->reach_people[s] : 1.0;
        total += w;
        sh->weights[sh->n_origins] = total;
        sh->origins[sh->n_origins++] = (int32_t)s;
    }
    free(named);
    ssim_loc_t loc = inc->n_origins ? inc->origin_locs[0] : (ssim_loc_t){sc->path, 0, 0};
    if (sh->n_origins == 0)
        return ssim_error(SSIM_EINVAL, loc,
                          "incident.origin: no supplier in %s matches the "
                          "origin filters",
                          net->files[SSIM_FILE_SUPPLIERS].path);
    sh->n_pick = inc->origin_pick == SSIM_PICK_ALL ? sh->n_origins : (size_t)inc->origin_count;
    if (sh->n_pick > sh->n_origins)
        return ssim_error(SSIM_EINVAL, loc,
                          "incident.origin.count is %zu but only %zu "
                          "suppliers match the origin filters",
                          sh->n_pick, sh->n_origins);
    size_t positive = 0; /* candidates that can be drawn */
    for (size_t i = 0; i < sh->n_origins; i++)
        positive += sh->weights[i] > (i ? sh->weights[i - 1] : 0.0);
    if (inc->origin_pick != SSIM_PICK_ALL && positive < sh->n_pick)
        return ssim_error(SSIM_EINVAL, loc,
                          "incident.origin: pick %s needs %zu candidates with "
                          "reach > 0, but only %zu of the %zu matching suppliers reach any "
                          "customer",
                          "weighted_by_reach", sh->n_pick, positive, sh->n_origins);
    sh->is_origin_msp_push = inc->type == SSIM_INCIDENT_MSP_PUSH;
    sh->msp_category = ssim_vocab_find(&ssim_vocab_category, "msp");
    return SSIM_OK;
}

/* incident.scope.operators: the operators the bad releases reach (ids must
 * be operators: reported where they are written). */
static ssim_status_t resolve_scope(ssim_sc_shared_t *sh, const ssim_network_t *net)
{
    const ssim_incident_params_t *inc = sh->inc;
    if (inc->n_scope == 0)
        return SSIM_OK;
    sh->in_scope = ssim_calloc(net->n_operators + 1, 1, "incident scope");
    if (!sh->in_scope)
        return SSIM_ENOMEM;
    for (size_t i = 0; i < inc->n_scope; i++) {
        int64_t node = ssim_network_find(net, inc->scope_ids[i]);
        if (node < 0 || (size_t)node >= net->n_operators)
            return ssim_error(SSIM_EINVAL, inc->scope_locs[i],
                              "incident.scope.operators: '%s' is not an operator id in %s",
                              inc->scope_ids[i], net->files[SSIM_FILE_OPERATORS].path);
        sh->in_scope[node] = 1;
    }
    return SSIM_OK;
}

/* count zeroed records of size bytes, starting on a 64-byte cache line (so
 * that no 32-byte record straddles two lines); *mem receives the block to
 * free.  Large blocks are advised to transparent huge pages: a trial reads
 * them at random, and 4 KiB pages would miss the TLB on almost every read
 * (only a hint; without THP nothing changes). */
void *ssim_sc_alloc_lines(size_t count, size_t size, const char *what, void **mem)
{
    enum { LINE = 64, PAGE = 4096, HUGE = 2 << 20 };
    size_t n = count ? count : 1;
    if (n > (SIZE_MAX - LINE) / size) {
        *mem = NULL;
        return ssim_malloc(SIZE_MAX, 2, what); /* raises the size error */
    }
    size_t bytes = n * size;
    *mem = ssim_malloc(bytes + LINE, 1, what);
    if (!*mem)
        return NULL;
    uintptr_t first = ((uintptr_t)*mem + LINE - 1) & ~(uintptr_t)(LINE - 1);
#ifdef MADV_HUGEPAGE
    uintptr_t from = (first + PAGE - 1) & ~(uintptr_t)(PAGE - 1), to = first + bytes;
    if (bytes >= HUGE && to > from)
        (void)madvise((void *)from, to - from, MADV_HUGEPAGE);
#endif
    memset((void *)first, 0, bytes);
    return (void *)first;
}

/* The per-operator, supply-slot and dependency-slot records (see
 * supply_chain.h): the network's columns that a trial reads together, put
 * together, in the order a trial walks them.  O(operators + edges + deps). */
static ssim_status_t build_records(ssim_sc_shared_t *sh, const ssim_model_ctx_t *ctx)
{
    const ssim_network_t *net = ctx->net;
    const ssim_graph_t *g = ctx->graph;
    const ssim_incident_advance_notice_params_t *notice =
        ssim_incident_advance_notice_params(ctx->sc);
    sh->op = ssim_sc_alloc_lines(net->n_operators, sizeof *sh->op, "operator records", &sh->op_mem);
    sh->edge =
        ssim_sc_alloc_lines(net->n_supply, sizeof *sh->edge, "supply records", &sh->edge_mem);
    sh->dep = ssim_sc_alloc_lines(net->n_deps, sizeof *sh->dep, "dependency records", &sh->dep_mem);
    if (!sh->op || !sh->edge || !sh->dep)
        return SSIM_ENOMEM;
    for (size_t o = 0; o < net->n_operators; o++) {
        int regulated = !notice->designated_only || net->op_designated[o];
        sh->op[o] = (ssim_sc_op_t){
            .customers = net->op_customers[o],
            .dep_first = g->dependents_off[o],
            .hold_hours = ctx->variant ? ctx->variant->op_hold_hours[o]
                          : regulated  ? notice->hours
                                       : 0.0,
            .n_dependents = (int32_t)(g->dependents_off[o + 1] - g->dependents_off[o]),
            .sector = net->op_sector[o],
            .prefecture = net->op_prefecture[o],
        };
    }
    for (size_t k = 0; k < net->n_supply; k++) {
        int32_t e = g->supply_edge[k], c = net->sup_dst[e];
        sh->edge[k] = (ssim_sc_edge_t){
            .lag_hours = net->sup_lag_hours[e],
            .hold_hours = (size_t)c < net->n_operators ? sh->op[c].hold_hours : 0.0,
            .edge = e,
            .dst = c,
            .share_units = (int32_t)lround(net->sup_share[e] * SSIM_SC_UNIT),
            .channel = net->sup_channel[e],
            .privilege = net->sup_privilege[e],
        };
    }
    for (size_t k = 0; k < net->n_deps; k++) {
        int32_t d = g->dependents_edge[k];
        sh->dep[k] = (ssim_sc_dep_t){
            .buffer_hours = net->dep_buffer_hours[d],
            .op = net->dep_op[d],
            .loss_units = (int32_t)lround(net->dep_loss[d] * SSIM_SC_UNIT),
        };
    }
    return SSIM_OK;
}

/* Prepare-time sort key of a dependency slot. */
typedef struct {
    double buffer;
    int32_t slot;
} by_buffer_t;

static int cmp_by_buffer(const void *x, const void *y)
{
    const by_buffer_t *a = x, *b = y;
    if (a->buffer != b->buffer)
        return a->buffer < b->buffer ? -1 : 1;
    return (a->slot > b->slot) - (a->slot < b->slot);
}

/* Each provider's dependency slots by (buffer_hours, slot) into
 * sh->wave_dep, and op[p].wave_ok: a wave's triggers, at t0 + buffer
 * with seqs increasing in slot order, are then in (time, seq) order for any
 * t0 in [0, horizon) -- unless two distinct buffers are so close that t0 +
 * buffer rounds them to one time (then slot order, not buffer order, would
 * decide): they must differ by 2 ulps of horizon + the largest buffer.
 * O(deps log deps), once per network. */
static ssim_status_t build_waves(ssim_sc_shared_t *sh, const ssim_model_ctx_t *ctx)
{
    const ssim_network_t *net = ctx->net;
    size_t most = 0;
    for (size_t o = 0; o < net->n_operators; o++)
        most = (size_t)sh->op[o].n_dependents > most ? (size_t)sh->op[o].n_dependents : most;
    sh->wave_dep = ssim_sc_alloc_lines(net->n_deps, sizeof *sh->wave_dep, "dependency order",
                                       &sh->wave_dep_mem);
    by_buffer_t *scratch = ssim_malloc(most + 1, sizeof *scratch, "dependency order");
    if (!sh->wave_dep || !scratch) {
        free(scratch);
        return SSIM_ENOMEM;
    }
    for (size_t o = 0; o < net->n_operators; o++) {
        ssim_sc_op_t *op = &sh->op[o];
        size_t n = (size_t)op->n_dependents;
        for (size_t i = 0; i < n; i++) {
            int64_t k = op->dep_first + (int64_t)i;
            scratch[i] = (by_buffer_t){sh->dep[k].buffer_hours, (int32_t)k};
        }
        qsort(scratch, n, sizeof *scratch, cmp_by_buffer);
        double top = n ? scratch[n - 1].buffer + ctx->sc->horizon_hours : 0.0;
        double min_gap = 2 * (nextafter(top, INFINITY) - top);
        op->wave_ok = 1;
        for (size_t i = 0; i < n; i++) {
            int32_t k = scratch[i].slot;
            sh->wave_dep[op->dep_first + (int64_t)i] =
                (ssim_sc_wave_dep_t){scratch[i].buffer, k, sh->dep[k].op};
            if (i && scratch[i].buffer != scratch[i - 1].buffer &&
                !(scratch[i].buffer - scratch[i - 1].buffer >= min_gap))
                op->wave_ok = 0;
        }
    }
    free(scratch);
    return SSIM_OK;
}

static ssim_status_t prepare(const ssim_model_ctx_t *ctx, void **out)
{
    const ssim_network_t *net = ctx->net;
    const ssim_scenario_t *sc = ctx->sc;
    ssim_sc_shared_t *sh = ssim_calloc(1, sizeof *sh, "model data");
    if (!sh)
        return SSIM_ENOMEM;
    sh->inc = ssim_incident_params(sc);
    sh->lag = ssim_incident_install_lag_params(sc);
    sh->rollout = ssim_incident_rollout_params(sc);
    sh->response = ssim_incident_response_params(sc);
    sh->outage = ssim_incident_outage_params(sc);
    sh->cascade = ssim_incident_cascade_params(sc);
    ssim_status_t st = resolve_origins(sh, ctx);
    if (st == SSIM_OK)
        st = resolve_scope(sh, net);
    if (st != SSIM_OK)
        goto fail;
    if (ctx->variant) { /* a regulation option: its per-entity levers */
        sh->edge_pout_factor = ctx->variant->edge_pout_factor;
        sh->sup_canary = ctx->variant->sup_canary;
        sh->sup_stage_hold = ctx->variant->sup_stage_hold;
        sh->op_disconnect = ctx->variant->op_disconnect;
    }
    if ((st = build_records(sh, ctx)) != SSIM_OK || (st = build_waves(sh, ctx)) != SSIM_OK)
        goto fail;
    st = ssim_cons_init(&sh->cons, net, (int)sh->inc->type);
    if (st != SSIM_OK)
        goto fail;
    for (size_t s = 0; s < sh->cons.S; s++)
        for (int v = 0; v < SSIM_N_PRIVILEGES; v++)
            sh->has_service |= sh->cons.coupling[s][v].service_ppm > 0;
    sh->track_edges = sh->response->disconnect_on_detection || sh->op_disconnect != NULL;
    sh->threshold = (int32_t)lround(sh->cascade->down_threshold * SSIM_SC_UNIT);
    sh->max_events = 64 * (uint64_t)(net->n_supply + net->n_deps + net->n_suppliers) + 100000;
    if (ssim_econ_params(sc)->enabled && ((st = ssim_econ_load(sc, &sh->econ)) != SSIM_OK ||
                                          (st = ssim_econ_couple(sh->econ, net)) != SSIM_OK))
        goto fail;
    *out = sh;
    return SSIM_OK;
fail:
    release_shared(sh);
    return st;
}

/* -------------------------------------------------------------- workspace */

static void workspace_free(void *p)
{
    ssim_sc_ws_t *w = p;
    if (!w)
        return;
    ssim_sc_queue_destroy(&w->queue);
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
    free(w->haz_outages);
    free(w->picked);
    free(w->sup_touched);
    free(w->edge_hit);
    free(w->edge_touched);
    free(w->opw_mem);
    free(w->op_touched);
    free(w->op_rising);
    free(w->depw_mem);
    free(w->dep_touched);
    free(w->waves);
    free(w->sector_rate);
    free(w->sector_since);
    free(w->sector_nout);
    free(w->svc);
    ssim_people_free(&w->people);
    free(w->ts_acc);
    ssim_econ_ws_free(&w->econ);
    free(w);
}

static ssim_status_t workspace_alloc(const ssim_model_ctx_t *ctx, void **out)
{
    const ssim_network_t *net = ctx->net;
    size_t ns = net->n_suppliers + 1, no = net->n_operators + 1, nd = net->n_deps + 1;
    size_t S = (size_t)ssim_vocab_sector.n;
    size_t K = ssim_results_n_steps(ctx->sc->horizon_hours, ctx->sc->output_step_hours);
    const ssim_sc_shared_t *sh = ctx->shared;
    ssim_sc_ws_t *w = ssim_calloc(1, sizeof *w, "workspace");
    if (!w)
        return SSIM_ENOMEM;
    /* calendar buckets: about one per node (at most 2^22), so that a bucket holds few events */
    size_t buckets = no + ns < ((size_t)1 << 22) ? no + ns : ((size_t)1 << 22);
    int ok = ssim_sc_queue_init(&w->queue, buckets, ctx->sc->horizon_hours) == SSIM_OK;
    ok &= (w->rng = ssim_rng_gsl_alloc()) != NULL;
#define ALLOC(field, count)                                                                        \
    ok &= (w->field = ssim_calloc((count), sizeof *w->field, #field)) != NULL
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
    ALLOC(haz_outages, ns);
    ALLOC(picked, ns);
    ALLOC(sup_touched, ns);
    if (sh->track_edges) {
        ALLOC(edge_hit, net->n_supply + 1);
        ALLOC(edge_touched, net->n_supply + 1);
    }
    ok &=
        (w->opw = ssim_sc_alloc_lines(no, sizeof *w->opw, "operator states", &w->opw_mem)) != NULL;
    ALLOC(op_touched, no);
    ALLOC(op_rising, no);
    ok &= (w->depw = ssim_sc_alloc_lines(nd, sizeof *w->depw, "dependency states", &w->depw_mem)) !=
          NULL;
    ALLOC(dep_touched, nd);
    ALLOC(sector_rate, S);
    ALLOC(sector_since, S);
    ALLOC(sector_nout, S);
    if (sh->has_service)
        ALLOC(svc, no);
    ALLOC(ts_acc, K * S);
#undef ALLOC
    if (ok && sh->econ)
        ok &= ssim_econ_ws_alloc(sh->econ, &w->econ) == SSIM_OK;
    if (ok)
        ok &= ssim_people_alloc(&w->people, &sh->cons) == SSIM_OK;
    if (!ok) {
        workspace_free(w);
        return SSIM_ENOMEM;
    }
    *out = w;
    return SSIM_OK;
}

/* This trial's origins into w->picked: every candidate (pick all), or n_pick
 * distinct candidates drawn by weight from one stream (sequential draws,
 * rejecting repeats).  Returns the count. */
static size_t pick_origins(ssim_sc_trial_t *T)
{
    const ssim_sc_shared_t *sh = T->sh;
    ssim_sc_ws_t *w = T->w;
    if (T->sh->inc->origin_pick == SSIM_PICK_ALL) {
        memcpy(w->picked, sh->origins, sh->n_origins * sizeof *w->picked);
        return sh->n_origins;
    }
    ssim_rng_t *r = ssim_rng_gsl_stream(w->rng);
    ssim_rng_seed(r, T->sc->seed, T->trial, 0, SSIM_SC_P_ORIGIN);
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

static ssim_status_t trial(const ssim_model_ctx_t *ctx, void *ws, uint64_t t, ssim_trial_row_t *row,
                           ssim_op_accum_t *acc)
{
    ssim_sc_trial_t T = {
        .net = ctx->net,
        .g = ctx->graph,
        .sc = ctx->sc,
        .sh = ctx->shared,
        .w = ws,
        .row = row,
        .trial = t,
        .horizon = ctx->sc->horizon_hours,
        .step = ctx->sc->output_step_hours,
        .K = ssim_results_n_steps(ctx->sc->horizon_hours, ctx->sc->output_step_hours),
        .S = (size_t)ssim_vocab_sector.n,
        .bin = ssim_row_f32(row, SSIM_COL_TIME_SERIES) != NULL ||
               ((const ssim_sc_shared_t *)ctx->shared)->econ != NULL,
        .log = acc->log,
    };
    ssim_sc_ws_t *w = T.w;
    ssim_sc_reset(&T);
    size_t n = pick_origins(&T);
    for (size_t i = 0; i < n; i++) {
        int32_t s = w->picked[i];
        w->sup_is_origin[s] = 1;
        ssim_sc_compromise_supplier(&T, s);
        ssim_sc_log(&T, T.sh->inc->release_hours, SSIM_EVENT_ORIGIN, -1,
                    s + (int32_t)ctx->net->n_operators);
        ssim_sc_push(&T, T.sh->inc->release_hours, SSIM_SC_EV_RELEASE, s, 0);
    }
    ssim_event_t ev;
    int got;
    while (w->fail == SSIM_OK && (got = ssim_sc_queue_pop(&w->queue, &ev)) != 0) {
        if (got < 0) {
            w->fail = SSIM_ENOMEM;
            w->fail_reason = "out of memory growing the event queue";
            break;
        }
        if (ev.type == SSIM_SC_EV_WAVE && !ssim_sc_wave_next(&T, &ev))
            continue; /* a dropped wave: its triggers were counted when it was dropped */
        if (ev.t > w->now) {
            ssim_sc_observe_instant(&T);
            w->now = ev.t;
        }
        ssim_sc_dispatch(&T, &ev);
        if (++w->n_events > T.sh->max_events) {
            w->fail = SSIM_EINTERNAL;
            w->fail_reason = "event cap exceeded (a dependency loop that never settles?)";
        }
    }
    ssim_sc_observe_instant(&T);
    ssim_sc_finish(&T, acc);
    return w->fail;
}

static const char *last_error(const void *ws)
{
    const ssim_sc_ws_t *w = ws;
    return w->fail_reason ? w->fail_reason : "no error";
}

/* The economic layer's result storage, when it is on. */
static ssim_status_t results_prepare(const ssim_model_ctx_t *ctx, ssim_results_t *res)
{
    const ssim_sc_shared_t *sh = ctx->shared;
    return sh->econ ? ssim_econ_results_init(sh->econ, res) : SSIM_OK;
}

/* The scenario's incident needs candidate origins: named suppliers or a
 * category/country filter.  Reported where incident.origin is written. */
static ssim_status_t scenario_check(const ssim_scenario_check_t *chk, const ssim_scenario_t *sc)
{
    const ssim_incident_params_t *inc = ssim_incident_params(sc);
    if (inc->n_origins || inc->n_origin_categories || inc->n_origin_countries ||
        inc->n_origin_exclude)
        return SSIM_OK;
    return ssim_error(SSIM_EINVAL, ssim_scenario_check_first(chk, "incident.origin."),
                      "incident.origin needs suppliers, or a category, "
                      "country or exclude_country filter");
}

/* Its keys: the incident's sets (models/incident) and economic.* (with
 * economic.enabled, the economic layer). */
static const ssim_scenario_params_t *const supply_chain_sets[] = {
    SSIM_INCIDENT_PARAM_SETS,
    &ssim_econ_param_set,
    NULL,
};

const ssim_model_type_t ssim_model_supply_chain = {
    .name = "supply_chain",
    .description = "supplier compromise through update channels, outage, dependency cascade",
    .caps = SSIM_MODEL_CAP_VARIANTS | SSIM_MODEL_CAP_ORIGINS | SSIM_MODEL_CAP_ECONOMIC |
            SSIM_MODEL_CAP_EVENTS,
    .scenario_check = scenario_check,
    .params = supply_chain_sets,
    .prepare = prepare,
    .release = release_shared,
    .workspace_alloc = workspace_alloc,
    .workspace_free = workspace_free,
    .trial = trial,
    .last_error = last_error,
    .results_prepare = results_prepare,
    .tables = ssim_econ_tables,
};
