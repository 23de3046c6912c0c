/* Helpers of the kernel tests (test_kernels.c, test_kernels_stat.c): write a
 * small network directory, run a kernel scenario on it through the real
 * loaders, the model plug-in and the run layer, and exact reference answers
 * (reachability by enumeration).
 *
 * Graph convention of the helpers: an edge (u, v) is written as the
 * dependency "operator v depends on provider u", so failure spreads u -> v.
 */
#ifndef SSIM_TESTS_KERNEL_TESTLIB_H
#define SSIM_TESTS_KERNEL_TESTLIB_H

#include "graph/graph.h"
#include "input/network.h"
#include "models/kernels/kernel_params.h"
#include "models/registry.h"
#include "results/results.h"
#include "scenario/scenario.h"

#include <stddef.h>
#include <stdint.h>

/* A test graph: n operators "N0".."N{n-1}" (1 customer each), m edges u -> v
 * with loss[e] (NULL: all 1), sector[i] codes (NULL: all electricity), and
 * supplier V supplying the seed operators (at least one: operator 0 when
 * n_seeds == 0). */
typedef struct {
    size_t n, m;
    const int32_t (*edge)[2];
    const double *loss;
    const int *sector;
    const int32_t *seeds;
    size_t n_seeds;
    const int64_t *customers; /* NULL: 1 each */
} ktest_graph_t;

/* A fresh temporary directory (caller removes it with ktest_rmdir). */
int ktest_mkdir(char *buf, size_t size);
void ktest_rmdir(const char *dir);

/* Write g as a network directory into dir; 0 on success. */
int ktest_write_graph(const char *dir, const ktest_graph_t *g);

/* A loaded scenario + network, ready to run a model repeatedly. */
typedef struct {
    ssim_scenario_t sc;
    ssim_network_t net;
    ssim_graph_t graph;
    ssim_results_t res;
    const ssim_model_type_t *model;
    int have_res;
} ktest_job_t;

/* Parse a scenario: the header (name, network dir, model, trials, seed,
 * horizon 1 h, one step, origin supplier V, no time series) plus `extra`
 * YAML lines, then load the network.  0 on success; on failure the error
 * text has been printed by the library. */
int ktest_open(ktest_job_t *j, const char *dir, const char *model, uint64_t trials, uint64_t seed,
               const char *extra);

/* The job's kernel.* values, writable (change them before ktest_run). */
static inline ssim_kernel_params_t *ktest_params(ktest_job_t *j)
{
    return ssim_scenario_params_edit(&j->sc, &ssim_kernel_param_set);
}

/* Run every trial (prepare + run + summarize) with the scenario as it is
 * now (fields of j->sc may be changed between runs).  Returns the model's or
 * run's status. */
ssim_status_t ktest_run(ktest_job_t *j, int threads);
void ktest_close(ktest_job_t *j);

/* Exact P(operator infected) for the independent cascade on g with edge
 * probabilities p[e] (directed or undirected), seeds g->seeds, by
 * enumerating all 2^m edge states (m <= 24).  out has length g->n. */
void ktest_ic_exact(const ktest_graph_t *g, const double *p, int undirected, double *out);

/* The earlier edge i < e of g that is e reversed (u -> v against v -> u), or
 * -1.  Undirected (all test edges have one kind), e is then the second half
 * of i's link: one link, one coin (models/kernels/kernel_common.h). */
long ktest_earlier_reverse(const ktest_graph_t *g, size_t e);

/* Two-sided exact binomial test p-value of k successes in n with P = p. */
double ktest_binomial_pvalue(uint64_t k, uint64_t n, double p);

/* m distinct random directed edges (no loops) on n nodes, from a seed;
 * caller frees. */
int32_t (*ktest_random_edges(size_t n, size_t m, uint64_t seed))[2];

/* Deterministic pseudo-random numbers for building test graphs (splitmix64). */
uint64_t ktest_rand(uint64_t *state);

#endif
