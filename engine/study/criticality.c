/* study/criticality — see criticality.h.  The structural parts read the
 * network and graph; the simulated part runs the scenario once per supplier
 * (ssim_study_run). */
#include "study/criticality.h"

#include "models/incident/incident_params.h"

#include "core/log.h"
#include "core/vocab.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Direct operators of supplier s and the residents they serve. */
static void direct_reach(const ssim_network_t *net, const ssim_graph_t *g, size_t s,
                         ssim_crit_row_t *row)
{
    for (int64_t k = g->supply_off[s]; k < g->supply_off[s + 1]; k++) {
        int32_t dst = net->sup_dst[g->supply_edge[k]];
        if (dst < (int32_t)net->n_operators) {
            row->direct_operators++;
            row->direct_people += (double)net->op_customers[dst] *
                                  ssim_network_sector(net, net->op_sector[dst]).people_per_customer;
        }
    }
}

/* Customer-weighted share of s among suppliers of its category serving each
 * sector (customers of operators with a direct edge from a supplier of that
 * category, each operator counted once per supplier).  Keeps the largest.
 * O(n_supply x n_sectors) for one supplier. */
static void concentration(const ssim_network_t *net, size_t s, ssim_crit_row_t *row)
{
    size_t ns = (size_t)ssim_vocab_sector.n;
    double mine[64] = {0}, all[64] = {0};
    for (size_t e = 0; e < net->n_supply; e++) {
        int32_t src = net->sup_src[e], dst = net->sup_dst[e];
        if (dst >= (int32_t)net->n_operators || net->sup_category[src] != net->sup_category[s])
            continue;
        int sec = net->op_sector[dst];
        if (sec < 0 || (size_t)sec >= ns || sec >= 64)
            continue;
        all[sec] += (double)net->op_customers[dst];
        if ((size_t)src == s)
            mine[sec] += (double)net->op_customers[dst];
    }
    row->top_share_sector = -1;
    for (size_t k = 0; k < ns && k < 64; k++)
        if (all[k] > 0 && mine[k] / all[k] > row->top_share) {
            row->top_share = mine[k] / all[k];
            row->top_share_sector = (int)k;
        }
    row->hhi_contribution = row->top_share * row->top_share * 1e4;
}

static void structural(const ssim_network_t *net, const ssim_graph_t *g, size_t s,
                       ssim_crit_row_t *row)
{
    memset(row, 0, sizeof *row);
    row->supplier = (int32_t)s;
    direct_reach(net, g, s, row);
    row->reach_operators = g->reach_operators[s];
    row->reach_people = g->reach_people[s];
    concentration(net, s, row);
    row->foreign = strcmp(net->sup_country[s], "JP") != 0;
    for (int i = 0; i < SSIM_CRIT_TOP; i++)
        row->top_sector[i] = row->top_prefecture[i] = -1;
}

/* Indices of the n largest positive values of v (length len) into top. */
static void top_n(const double *v, size_t len, int offset, int *top, int n)
{
    for (int i = 0; i < n; i++) {
        double best = 0;
        top[i] = -1;
        for (size_t k = 0; k < len; k++) {
            int dup = 0;
            for (int j = 0; j < i; j++)
                dup |= top[j] == (int)k + offset;
            if (!dup && v[k] > best) {
                best = v[k];
                top[i] = (int)k + offset;
            }
        }
    }
}

/* The incident origin fields that each supplier's run replaces. */
typedef struct {
    size_t n_origins, n_cat, n_country, n_exclude;
    char **origin_ids;
    ssim_loc_t *origin_locs;
    ssim_pick_t pick;
    uint64_t count;
} origin_save_t;

static void origin_set(ssim_scenario_t *sc, char **id, ssim_loc_t *loc, origin_save_t *save)
{
    ssim_incident_params_t *inc = ssim_incident_params_edit(sc);
    *save = (origin_save_t){
        inc->n_origins,  inc->n_origin_categories, inc->n_origin_countries, inc->n_origin_exclude,
        inc->origin_ids, inc->origin_locs,         inc->origin_pick,        inc->origin_count};
    inc->n_origins = 1;
    inc->origin_ids = id;
    inc->origin_locs = loc;
    inc->n_origin_categories = inc->n_origin_countries = 0;
    inc->n_origin_exclude = 0;
    inc->origin_pick = SSIM_PICK_ALL;
    inc->origin_count = 1;
}

static void origin_restore(ssim_scenario_t *sc, const origin_save_t *save)
{
    ssim_incident_params_t *inc = ssim_incident_params_edit(sc);
    inc->n_origins = save->n_origins;
    inc->origin_ids = save->origin_ids;
    inc->origin_locs = save->origin_locs;
    inc->n_origin_categories = save->n_cat;
    inc->n_origin_countries = save->n_country;
    inc->n_origin_exclude = save->n_exclude;
    inc->origin_pick = save->pick;
    inc->origin_count = save->count;
}

/* Run the scenario with supplier s as the only origin; fill the simulated part. */
static ssim_status_t simulate(ssim_study_job_t *job, const ssim_crit_opts_t *opts,
                              ssim_crit_row_t *row)
{
    ssim_scenario_t *sc = &job->sc;
    char *id = (char *)job->net.sup_id[row->supplier];
    ssim_loc_t loc = {sc->path, 0, 0};
    origin_save_t save;
    origin_set(sc, &id, &loc, &save);
    ssim_model_ctx_t ctx = {.net = &job->net, .graph = &job->graph, .sc = sc};
    void *shared = NULL;
    ssim_results_t res;
    ssim_status_t st = job->model->prepare(&ctx, &shared);
    ssim_run_opts_t ro = {.threads = opts->threads, .progress = 0};
    ssim_run_stats_t stats = {0};
    if (st == SSIM_OK) {
        ctx.shared = shared;
        st = ssim_study_run(job, &ctx, opts->trials, SSIM_RESULTS_LEAN | SSIM_RESULTS_NO_OPERATORS,
                            &ro, &res, &stats);
    }
    if (st == SSIM_OK) {
        row->simulated = 1;
        row->sim_mean = ssim_results_stats(&res, SSIM_COL_PRIMARY)->mean;
        row->sim_p95 = ssim_results_stats(&res, SSIM_COL_PRIMARY)
                           ->quantile[3]; /* ssim_quantile_levels[3] = 0.95 */
        row->sim_cvar95 = ssim_results_stats(&res, SSIM_COL_PRIMARY)->cvar95;
        row->sim_yen = ssim_results_stats(&res, SSIM_COL_LOSS_YEN)->mean;
        /* sectors ranked by the value of their lost service (their units
         * differ); a network without yen weights has one unit everywhere
         * (customer-hours, the defaults): ranked by lost service */
        double sec[64] = {0};
        int valued = 0;
        for (size_t k = 0; k < res.n_sectors && k < 64; k++)
            valued |= ssim_network_sector(&job->net, (int)k).yen_per_unit > 0;
        for (size_t k = 0; k < res.n_sectors && k < 64; k++)
            sec[k] = ssim_results_stats(&res, SSIM_COL_SECTOR_SERVICE)[k].mean *
                     (valued ? ssim_network_sector(&job->net, (int)k).yen_per_unit : 1.0);
        top_n(sec, res.n_sectors < 64 ? res.n_sectors : 64, 0, row->top_sector, SSIM_CRIT_TOP);
        top_n(res.col[SSIM_COL_PREF_PEOPLE_HOURS].mean, SSIM_N_PREFECTURES, 1, row->top_prefecture,
              SSIM_CRIT_TOP);
        ssim_results_destroy(&res);
    }
    if (shared)
        job->model->release(shared);
    origin_restore(sc, &save);
    return st;
}

static int by_impact_desc(const void *a, const void *b)
{
    const ssim_crit_row_t *x = a, *y = b;
    if (x->sim_mean != y->sim_mean)
        return (x->sim_mean < y->sim_mean) - (x->sim_mean > y->sim_mean);
    if (x->reach_people != y->reach_people)
        return (x->reach_people < y->reach_people) - (x->reach_people > y->reach_people);
    return (x->supplier > y->supplier) - (x->supplier < y->supplier);
}

ssim_status_t ssim_study_criticality_check(const ssim_study_job_t *job)
{
    if (!(job->model->caps & SSIM_MODEL_CAP_ORIGINS))
        return ssim_error(SSIM_EINVAL, (ssim_loc_t){job->sc.path, 0, 0},
                          "criticality needs a model whose incident starts at supplier origins; "
                          "model %s has none",
                          job->model->name);
    return SSIM_OK;
}

ssim_status_t ssim_study_criticality(ssim_study_job_t *job, const ssim_crit_opts_t *opts,
                                     ssim_crit_row_t *rows)
{
    ssim_status_t st = ssim_study_criticality_check(job);
    size_t n = job->net.n_suppliers;
    for (size_t s = 0; s < n && st == SSIM_OK; s++) {
        structural(&job->net, &job->graph, s, &rows[s]);
        if (rows[s].reach_operators > 0)
            st = simulate(job, opts, &rows[s]);
        if (opts->progress && ((s + 1) % 10 == 0 || s + 1 == n))
            ssim_info("criticality: %zu of %zu suppliers", s + 1, n);
    }
    if (st == SSIM_OK)
        qsort(rows, n, sizeof *rows, by_impact_desc);
    return st;
}
