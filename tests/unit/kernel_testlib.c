/* Helpers of the kernel tests: see kernel_testlib.h. */
#include "kernel_testlib.h"

#include "core/vocab.h"
#include "input/netwrite.h"
#include "run/run.h"

#include <gsl/gsl_cdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int ktest_mkdir(char *buf, size_t size)
{
    snprintf(buf, size, "/tmp/ssim_kernels.XXXXXX");
    return mkdtemp(buf) ? 0 : -1;
}

void ktest_rmdir(const char *dir)
{
    for (int f = 0; f < SSIM_NET_N_FILES; f++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, ssim_network_file_name((ssim_net_file_t)f));
        unlink(path);
    }
    rmdir(dir);
}

int ktest_write_graph(const char *dir, const ktest_graph_t *g)
{
    ssim_netwrite_t w;
    if (ssim_netwrite_open(&w, dir) != SSIM_OK)
        return -1;
    char id[32], name[32], a[32], b[32];
    for (size_t i = 0; i < g->n; i++) {
        snprintf(id, sizeof id, "N%zu", i);
        snprintf(name, sizeof name, "node %zu", i);
        ssim_netwrite_operator(&w, id, name, g->sector ? g->sector[i] : 0,
                               (int)(i % SSIM_N_PREFECTURES) + 1,
                               g->customers ? g->customers[i] : 1, 0);
    }
    ssim_netwrite_supplier(&w, "V", "seed vendor", "JP", 0);
    for (size_t i = 0; i < (g->n_seeds ? g->n_seeds : 1); i++) {
        snprintf(id, sizeof id, "N%d", g->n_seeds ? (int)g->seeds[i] : 0);
        ssim_netwrite_supply(&w, "V", id, SSIM_CHANNEL_AUTO, 0, 1, SSIM_PRIV_IT);
    }
    for (size_t e = 0; e < g->m; e++) {
        snprintf(a, sizeof a, "N%d", (int)g->edge[e][0]);
        snprintf(b, sizeof b, "N%d", (int)g->edge[e][1]);
        ssim_netwrite_dependency(&w, b, a, 0, 0, g->loss ? g->loss[e] : 1.0);
    }
    return ssim_netwrite_close(&w, 1) == SSIM_OK ? 0 : -1;
}

int ktest_open(ktest_job_t *j, const char *dir, const char *model, uint64_t trials, uint64_t seed,
               const char *extra)
{
    char text[4096];
    memset(j, 0, sizeof *j);
    snprintf(text, sizeof text,
             "name: kernel test\nnetwork: %s\nmodel: %s\ntrials: %llu\nseed: %llu\n"
             "horizon_hours: 1\noutput_step_hours: 1\n"
             "incident: { origin: { suppliers: [V] } }\noutput: { time_series: false }\n%s",
             dir, model, (unsigned long long)trials, (unsigned long long)seed, extra);
    if (ssim_scenario_parse(&j->sc, "kernel-test.yaml", text, ssim_model_catalog()) != SSIM_OK)
        return -1;
    j->model = ssim_model_find(model);
    if (!j->model || ssim_network_load(&j->net, dir) != SSIM_OK ||
        ssim_graph_build(&j->graph, &j->net) != SSIM_OK)
        return -1;
    return 0;
}

ssim_status_t ktest_run(ktest_job_t *j, int threads)
{
    ssim_model_ctx_t ctx = {&j->net, &j->graph, &j->sc, NULL, NULL};
    void *shared = NULL;
    ssim_status_t st = j->model->prepare(&ctx, &shared);
    if (st != SSIM_OK)
        return st;
    ctx.shared = shared;
    if (j->have_res)
        ssim_results_destroy(&j->res);
    st = ssim_results_init(&j->res, j->sc.trials, (size_t)ssim_vocab_sector.n, j->net.n_operators,
                           j->sc.horizon_hours, j->sc.output_step_hours,
                           ssim_results_flags(j->sc.output.per_trial, j->sc.output.time_series,
                                              j->sc.output.per_operator));
    j->have_res = st == SSIM_OK;
    ssim_run_opts_t ro = {.threads = threads};
    ssim_run_stats_t stats;
    if (st == SSIM_OK)
        st = ssim_run_trials(j->model, &ctx, &j->res, &ro, &stats);
    j->model->release(shared);
    return st;
}

void ktest_close(ktest_job_t *j)
{
    if (j->have_res)
        ssim_results_destroy(&j->res);
    ssim_graph_destroy(&j->graph);
    ssim_network_destroy(&j->net);
    ssim_scenario_destroy(&j->sc);
    memset(j, 0, sizeof *j);
}

/* Operators reachable from the seeds through the open edges of mask. */
static void reach(const ktest_graph_t *g, uint32_t mask, int undirected, uint8_t *hit,
                  int32_t *queue)
{
    size_t qn = 0;
    memset(hit, 0, g->n);
    for (size_t i = 0; i < (g->n_seeds ? g->n_seeds : 1); i++) {
        int32_t s = g->n_seeds ? g->seeds[i] : 0;
        if (!hit[s]) {
            hit[s] = 1;
            queue[qn++] = s;
        }
    }
    for (size_t head = 0; head < qn; head++) {
        int32_t u = queue[head];
        for (size_t e = 0; e < g->m; e++) {
            if (!(mask >> e & 1))
                continue;
            int32_t a = g->edge[e][0], b = g->edge[e][1], v = -1;
            if (a == u)
                v = b;
            else if (undirected && b == u)
                v = a;
            if (v >= 0 && !hit[v]) {
                hit[v] = 1;
                queue[qn++] = v;
            }
        }
    }
}

long ktest_earlier_reverse(const ktest_graph_t *g, size_t e)
{
    for (size_t i = 0; i < e; i++)
        if (g->edge[i][0] == g->edge[e][1] && g->edge[i][1] == g->edge[e][0])
            return (long)i;
    return -1;
}

void ktest_ic_exact(const ktest_graph_t *g, const double *p, int undirected, double *out)
{
    uint8_t *hit = calloc(g->n, 1);
    int32_t *queue = calloc(g->n, sizeof *queue);
    memset(out, 0, g->n * sizeof *out);
    for (uint32_t mask = 0; mask < (uint32_t)1 << g->m; mask++) {
        double w = 1;
        for (size_t e = 0; e < g->m; e++) {
            /* undirected, the later row of a reverse pair is the second half
             * of the earlier row's link: no edge of its own */
            double pe = undirected && ktest_earlier_reverse(g, e) >= 0 ? 0 : p[e];
            w *= (mask >> e & 1) ? pe : 1 - pe;
        }
        if (w == 0)
            continue;
        reach(g, mask, undirected, hit, queue);
        for (size_t i = 0; i < g->n; i++)
            if (hit[i])
                out[i] += w;
    }
    free(hit);
    free(queue);
}

double ktest_binomial_pvalue(uint64_t k, uint64_t n, double p)
{
    if (p <= 0)
        return k == 0 ? 1.0 : 0.0;
    if (p >= 1)
        return k == n ? 1.0 : 0.0;
    double lo = gsl_cdf_binomial_P((unsigned)k, p, (unsigned)n);
    double hi = k == 0 ? 1.0 : gsl_cdf_binomial_Q((unsigned)(k - 1), p, (unsigned)n);
    double two = 2 * (lo < hi ? lo : hi);
    return two < 1 ? two : 1;
}

uint64_t ktest_rand(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

int32_t (*ktest_random_edges(size_t n, size_t m, uint64_t seed))[2]
{
    int32_t(*e)[2] = calloc(m + 1, sizeof *e);
    uint64_t st = seed;
    for (size_t k = 0; e && k < m;) {
        int32_t u = (int32_t)(ktest_rand(&st) % n), v = (int32_t)(ktest_rand(&st) % n);
        int dup = u == v;
        for (size_t i = 0; i < k && !dup; i++)
            dup = e[i][0] == u && e[i][1] == v;
        if (!dup) {
            e[k][0] = u;
            e[k][1] = v;
            k++;
        }
    }
    return e;
}
