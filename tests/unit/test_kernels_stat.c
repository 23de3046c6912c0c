/* Statistical validation of the classic kernels against exact and analytic
 * answers (the "Validation" sections of docs/models/; /work/shared/research
 * validation-cases.md §1.6-1.8, §2, goals R12-R14).  Fixed seeds: each case is
 * deterministic, and each assertion fails if the kernel is wrong by more than
 * the stated tolerance.
 *
 *   usage: test_kernels_stat CASE     CASE = enumeration | ic_er | coverage |
 *                                            watts_window | interdep
 *
 * Every check prints one line "case | expected | measured | tolerance | pass".
 */
#include "check.h"
#include "kernel_testlib.h"

#include "core/vocab.h"
#include "input/netwrite.h"
#include "models/generators/generator.h"

#include <igraph.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char dir[256];

/* Print and check |measured - expected| <= tol. */
static void report(const char *what, double expected, double measured, double tol)
{
    int ok = fabs(measured - expected) <= tol;
    printf("%-52s | %10.5f | %10.5f | %8.5f | %s\n", what, expected, measured, tol,
           ok ? "pass" : "FAIL");
    CHECK_NEAR(measured, expected, tol);
}

/* Print and check lo <= measured <= hi. */
static void report_range(const char *what, double lo, double hi, double measured)
{
    int ok = measured >= lo && measured <= hi;
    printf("%-52s | [%g, %g] | %10.5f | range | %s\n", what, lo, hi, measured,
           ok ? "pass" : "FAIL");
    CHECK(ok);
}

/* ---------------------------------------------------- R13: enumeration */

typedef struct {
    size_t n, m;
    int undirected, from_loss;
    double p; /* constant edge probability unless from_loss */
    int32_t seeds[2];
    size_t n_seeds;
    uint64_t edge_seed;
} enum_case_t;

/* Every node's infection frequency over 1e5 trials against exact
 * enumeration of the 2^m edge states, by a two-sided exact binomial test at
 * alpha = 0.001 / (all nodes of all graphs, both samplings) (Bonferroni), for
 * kernel.sampling edge and geometric. */
static void case_enumeration(void)
{
    static const enum_case_t cases[] = {
        {10, 18, 0, 0, 0.3, {0, 0}, 1, 1}, {10, 18, 1, 0, 0.5, {0, 5}, 2, 1},
        {12, 20, 0, 1, 0, {3, 0}, 1, 2},   {8, 14, 1, 1, 0, {0, 0}, 1, 3},
        {15, 16, 0, 0, 0.7, {0, 7}, 2, 4},
    };
    enum { N_CASES = sizeof cases / sizeof cases[0], T = 100000 };
    size_t total_nodes = 0;
    for (int c = 0; c < N_CASES; c++)
        total_nodes += cases[c].n;
    const double alpha = 0.001 / (double)(2 * total_nodes);
    for (int c = 0; c < 2 * N_CASES; c++) {
        const char *sampling = c < N_CASES ? "edge" : "geometric";
        const enum_case_t *k = &cases[c % N_CASES];
        int32_t(*e)[2] = ktest_random_edges(k->n, k->m, k->edge_seed);
        if (k->undirected) { /* a reverse pair: one link with one coin */
            e[k->m - 1][0] = e[k->m - 2][1];
            e[k->m - 1][1] = e[k->m - 2][0];
        }
        double loss[24], p[24], exact[24];
        uint64_t st = 100 + (uint64_t)c;
        ktest_graph_t g = {.n = k->n,
                           .m = k->m,
                           .edge = (const int32_t(*)[2])e,
                           .loss = loss,
                           .seeds = k->seeds,
                           .n_seeds = k->n_seeds};
        for (size_t i = 0; i < k->m; i++) {
            loss[i] = (double)(1 + ktest_rand(&st) % 100) / 100.0;
            long twin = k->undirected ? ktest_earlier_reverse(&g, i) : -1;
            if (twin >= 0)
                loss[i] = loss[twin]; /* a link's two halves carry one loss */
            p[i] = k->from_loss ? loss[i] : k->p;
        }
        ktest_ic_exact(&g, p, k->undirected, exact);
        CHECK(ktest_write_graph(dir, &g) == 0);
        char extra[256];
        snprintf(extra, sizeof extra,
                 "kernel: { edge_probability: %g, probability_from: %s, direction: %s, "
                 "sampling: %s }\n",
                 k->p, k->from_loss ? "loss" : "constant",
                 k->undirected ? "undirected" : "directed", sampling);
        ktest_job_t j;
        CHECK(ktest_open(&j, dir, "independent_cascade", T, 1000 + (uint64_t)c, extra) == 0);
        CHECK_EQ_INT(ktest_run(&j, 2), SSIM_OK);
        double min_p = 1;
        for (size_t i = 0; i < k->n; i++) {
            double pv = ktest_binomial_pvalue(j.res.ops.n_out[i], T, exact[i]);
            min_p = pv < min_p ? pv : min_p;
            CHECK(pv >= alpha);
            if (pv < alpha)
                fprintf(stderr, "graph %d (%s) node %zu: %u/%d vs exact %.6f (p-value %.3g)\n",
                        c % N_CASES, sampling, i, j.res.ops.n_out[i], T, exact[i], pv);
        }
        printf("R13 graph %d (%zu nodes, %zu edges, %s, %s, %s sampling) | exact | smallest "
               "p-value %.3g | alpha %.2g | %s\n",
               c % N_CASES, k->n, k->m, k->undirected ? "undirected" : "directed",
               k->from_loss ? "p from loss" : "constant p", sampling, min_p, alpha,
               min_p >= alpha ? "pass" : "FAIL");
        ktest_close(&j);
        free(e);
    }
}

/* --------------------------------------------- R12: IC on ER (Newman) */

/* Largest root of S = 1 - exp(-c T S) (fixed-point iteration from 1). */
static double giant_outbreak(double cT)
{
    double s = 1;
    for (int i = 0; i < 100000; i++)
        s = 1 - exp(-cT * s);
    return s;
}

/* An ER graph G(n, m) from igraph's generator (fixed igraph seed). */
static int32_t (*er_edges(size_t n, size_t m, unsigned long seed))[2]
{
    igraph_t g;
    igraph_rng_seed(igraph_rng_default(), seed);
    igraph_erdos_renyi_game_gnm(&g, (igraph_integer_t)n, (igraph_integer_t)m, IGRAPH_UNDIRECTED,
                                IGRAPH_NO_LOOPS);
    igraph_vector_int_t ev;
    igraph_vector_int_init(&ev, 0);
    igraph_get_edgelist(&g, &ev, 0);
    int32_t(*e)[2] = calloc(m, sizeof *e);
    for (size_t i = 0; i < m; i++) {
        e[i][0] = (int32_t)VECTOR(ev)[2 * i];
        e[i][1] = (int32_t)VECTOR(ev)[2 * i + 1];
    }
    igraph_vector_int_destroy(&ev);
    igraph_destroy(&g);
    return e;
}

/* Above threshold: large outbreaks (> n/10) occur with probability S and
 * have size S n; tolerance 4 standard errors + 1/sqrt(n). */
static void ic_er_above(ktest_job_t *j, size_t n, double c, double T, uint64_t trials)
{
    j->sc.trials = trials;
    ktest_params(j)->edge_probability = T;
    CHECK_EQ_INT(ktest_run(j, 2), SSIM_OK);
    double S = giant_outbreak(c * T), fs = 1 / sqrt((double)n);
    uint64_t n_large = 0;
    double sum = 0, sum2 = 0;
    for (uint64_t t = 0; t < trials; t++)
        if ((size_t)ssim_results_i32(&j->res, SSIM_COL_OPERATORS_OUT)[t] > n / 10) {
            double x = ssim_results_i32(&j->res, SSIM_COL_OPERATORS_OUT)[t] / (double)n;
            n_large++;
            sum += x;
            sum2 += x * x;
        }
    double frac = (double)n_large / (double)trials;
    double mean = n_large ? sum / (double)n_large : 0;
    double sd = n_large > 1 ? sqrt((sum2 - sum * mean) / (double)(n_large - 1)) : 0;
    char what[128];
    snprintf(what, sizeof what, "R12 ER c=%g T=%g: P(large outbreak) = S", c, T);
    report(what, S, frac, 4 * sqrt(S * (1 - S) / (double)trials) + fs);
    snprintf(what, sizeof what, "R12 ER c=%g T=%g: large outbreak size / n = S", c, T);
    report(what, S, mean, 4 * sd / sqrt((double)(n_large ? n_large : 1)) + fs);
}

/* Below threshold: mean outbreak size 1 + cT / (1 - cT), from the engine's
 * own summary (mean, standard error). */
static void ic_er_below(ktest_job_t *j, size_t n, double c, double T, uint64_t trials)
{
    j->sc.trials = trials;
    ktest_params(j)->edge_probability = T;
    CHECK_EQ_INT(ktest_run(j, 2), SSIM_OK);
    double expect = 1 + c * T / (1 - c * T);
    char what[128];
    snprintf(what, sizeof what, "R12 ER c=%g T=%g: mean outbreak size", c, T);
    report(what, expect, ssim_results_stats(&j->res, SSIM_COL_PEOPLE_HOURS)->mean,
           4 * ssim_results_stats(&j->res, SSIM_COL_PEOPLE_HOURS)->se + 1 / sqrt((double)n));
}

/* ER G(n, m) with n = 2 10^4, m = 2 n (mean degree exactly c = 4; n is kept
 * at 2 10^4 so that the case runs in seconds: the finite-size allowance
 * 1/sqrt(n) = 0.0071 is part of every tolerance), one random seed per trial,
 * undirected (bond percolation). */
static void case_ic_er(void)
{
    enum { N = 20000 };
    const double c = 4;
    report("S(cT = 2) (validation-cases.md: 0.7968)", 0.7968, giant_outbreak(2.0), 1e-4);
    report("S(cT = 1.4) (validation-cases.md: 0.51101)", 0.51101, giant_outbreak(1.4), 1e-5);
    int32_t(*e)[2] = er_edges(N, (size_t)(c * N / 2), 20261126);
    ktest_graph_t g = {.n = N, .m = (size_t)(c * N / 2), .edge = (const int32_t(*)[2])e};
    CHECK(ktest_write_graph(dir, &g) == 0);
    free(e);
    ktest_job_t j;
    CHECK(ktest_open(&j, dir, "independent_cascade", 1, 4242,
                     "kernel: { direction: undirected, seeds: random, n_seeds: 1 }\n") == 0);
    ic_er_above(&j, N, c, 0.5, 3000);
    ic_er_above(&j, N, c, 0.35, 3000);
    ic_er_below(&j, N, c, 0.1, 20000);
    ktest_close(&j);
    printf("R12 again with kernel.sampling: geometric\n");
    CHECK(ktest_open(&j, dir, "independent_cascade", 1, 4343,
                     "kernel: { direction: undirected, seeds: random, n_seeds: 1, "
                     "sampling: geometric }\n") == 0);
    ic_er_above(&j, N, c, 0.5, 3000);
    ic_er_above(&j, N, c, 0.35, 3000);
    ic_er_below(&j, N, c, 0.1, 20000);
    ktest_close(&j);
}

/* -------------------------------------------------- R14: CI coverage */

/* Path 0 -> 1 -> 2 -> 3 -> 4, p = 1/2, seed 0: E[size] = 1 + 1/2 + ... + 1/16
 * = 1.9375.  With 1 customer each and a 1 h horizon, people_hours is the
 * size, so the engine's 95% CI of the mean people_hours must cover 1.9375
 * in a fraction of independent replicate runs inside the 99.9% binomial band
 * around 0.95 for 1000 replicates: [0.927, 0.973]. */
static void case_coverage(void)
{
    enum { R = 1000, T = 400 };
    const int32_t e[4][2] = {{0, 1}, {1, 2}, {2, 3}, {3, 4}};
    ktest_graph_t g = {.n = 5, .m = 4, .edge = e};
    CHECK(ktest_write_graph(dir, &g) == 0);
    ktest_job_t j;
    CHECK(ktest_open(&j, dir, "independent_cascade", T, 0, "kernel: { edge_probability: 0.5 }\n") ==
          0);
    int covered = 0;
    for (int r = 0; r < R; r++) {
        j.sc.seed = 5000 + (uint64_t)r;
        CHECK_EQ_INT(ktest_run(&j, 1), SSIM_OK);
        covered += ssim_results_stats(&j.res, SSIM_COL_PEOPLE_HOURS)->ci_low <= 1.9375 &&
                   1.9375 <= ssim_results_stats(&j.res, SSIM_COL_PEOPLE_HOURS)->ci_high;
    }
    report_range("R14 coverage of the 95% CI (1000 runs x 400 trials)", 0.927, 0.973,
                 (double)covered / R);
    ktest_close(&j);
}

/* -------------------------------------------- Watts cascade window */

/* P(one random seed starts a global cascade) on ER(z) with the same phi for
 * all: the seed must touch the giant cluster of vulnerable nodes (k <= 1/phi),
 * the "extended vulnerable cluster" (Watts 2002; Gleeson & Cahalane 2007):
 *   1 - u = sum_{k <= 1/phi} (k p_k / z) (1 - u^(k-1)),   P = 1 - sum_k p_k u^k,
 * u the smallest root (iteration from 0), p_k Poisson(z). */
static double watts_cascade_probability(double z, double phi)
{
    enum { KMAX = 200 };
    double pk[KMAX + 1];
    pk[0] = exp(-z);
    for (int k = 1; k <= KMAX; k++)
        pk[k] = pk[k - 1] * z / k;
    int vulnerable = (int)floor(1 / phi);
    double u = 0;
    for (int it = 0; it < 100000; it++) {
        double s = 0;
        for (int k = 1; k <= vulnerable && k <= KMAX; k++)
            s += k * pk[k] / z * (1 - pow(u, k - 1));
        u = 1 - s;
    }
    double miss = 0;
    for (int k = 0; k <= KMAX; k++)
        miss += pk[k] * pow(u, k);
    return 1 - miss;
}

/* ER with mean degree z, n = 10^4, one random seed, uniform phi: the
 * fraction of trials with a global cascade (>= 5% of the nodes).  Analytic
 * window (Watts 2002): sum_k k(k-1) p_k [k <= 1/phi] > z, i.e.
 * z P(Poisson(z) <= floor(1/phi) - 2) > 1: z in (1.02, 5.76) for phi = 0.18,
 * (1.08, 3.86) for phi = 0.24.  Inside: at least 5% of trials; outside: at
 * most 0.5% (finite n shifts the upper boundary up, so the outside points
 * are well beyond it).  Inside, P(global) must also match
 * watts_cascade_probability() within 4 standard errors + 1/sqrt(n). */
static void case_watts_window(void)
{
    static const struct {
        double z, phi;
        int inside;
    } pts[] = {{0.5, 0.18, 0}, {2, 0.18, 1}, {4, 0.18, 1}, {5, 0.18, 1}, {8, 0.18, 0},
               {10, 0.18, 0},  {2, 0.24, 1}, {3, 0.24, 1}, {6, 0.24, 0}};
    enum { N = 10000, T = 1000 };
    for (size_t i = 0; i < sizeof pts / sizeof pts[0]; i++) {
        size_t m = (size_t)lround(pts[i].z * N / 2);
        int32_t(*e)[2] = er_edges(N, m, 1000 + (unsigned long)i);
        ktest_graph_t g = {.n = N, .m = m, .edge = (const int32_t(*)[2])e};
        CHECK(ktest_write_graph(dir, &g) == 0);
        free(e);
        char extra[256];
        snprintf(extra, sizeof extra,
                 "kernel: { direction: undirected, seeds: random, n_seeds: 1, threshold: %g }\n",
                 pts[i].phi);
        ktest_job_t j;
        CHECK(ktest_open(&j, dir, "watts_threshold", T, 77 + i, extra) == 0);
        CHECK_EQ_INT(ktest_run(&j, 2), SSIM_OK);
        int global = 0;
        for (uint64_t t = 0; t < T; t++)
            global += ssim_results_i32(&j.res, SSIM_COL_OPERATORS_OUT)[t] >= N / 20;
        char what[128];
        snprintf(what, sizeof what, "Watts z=%g phi=%g (%s the window): P(global)", pts[i].z,
                 pts[i].phi, pts[i].inside ? "inside" : "outside");
        if (pts[i].inside) {
            double P = watts_cascade_probability(pts[i].z, pts[i].phi);
            report_range(what, 0.05, 1, (double)global / T);
            snprintf(what, sizeof what, "Watts z=%g phi=%g: P(global) vs analytic", pts[i].z,
                     pts[i].phi);
            report(what, P, (double)global / T, 4 * sqrt(P * (1 - P) / T) + 1 / sqrt((double)N));
        } else
            report_range(what, 0, 0.005, (double)global / T);
        ktest_close(&j);
    }
}

/* ------------------------------------ interdependent percolation (ER-ER) */

/* Largest root of P = p (1 - exp(-k P))^2 (fixed point from 1). */
static double mutual_giant(double p, double k)
{
    double x = 1;
    for (int i = 0; i < 200000; i++)
        x = p * pow(1 - exp(-k * x), 2);
    return x;
}

/* Mean P_inf (surviving fraction of A) and mean stages over the trials. */
static void interdep_run(ktest_job_t *j, double p, double *pinf, double *stages)
{
    ktest_params(j)->occupation = p;
    CHECK_EQ_INT(ktest_run(j, 2), SSIM_OK);
    size_t S = j->res.n_sectors, n_a = j->net.n_operators / 2;
    *pinf = *stages = 0;
    for (uint64_t t = 0; t < j->res.n_trials; t++) {
        *pinf +=
            1 - (double)ssim_results_i32(&j->res, SSIM_COL_SECTOR_OUT)[t * S + 0] / (double)n_a;
        *stages += ssim_results_u32(&j->res, SSIM_COL_EVENTS)[t];
    }
    *pinf /= (double)j->res.n_trials;
    *stages /= (double)j->res.n_trials;
}

/* Coupled ER, k = 4, n = 10^5 per network (coupled_er generator), 10 trials
 * per p.  Well above p_c = 2.4554 / 4 = 0.6139: P_inf within 0.02 of the
 * analytic root; below it (0.55, 0.58): P_inf < 0.01 (total collapse); the
 * jump between 0.58 and 0.66 brackets p_c.  The cascade lasts longer near p_c
 * on both sides. */
static void case_interdep(void)
{
    enum { N = 100000 };
    const double k = 4;
    double lo = 0.5, hi = 0.7; /* p_c: the smallest p with a non-zero root, by bisection */
    for (int i = 0; i < 30; i++)
        *(mutual_giant((lo + hi) / 2, k) > 0.1 ? &hi : &lo) = (lo + hi) / 2;
    report("k p_c of P = p(1-e^{-kP})^2 (published 2.4554)", 2.4554, k * hi, 1e-3);
    const ssim_generator_t *gen = ssim_generator_find("coupled_er");
    ssim_gen_args_t args;
    memset(&args, 0, sizeof args);
    args.seed = 2010;
    args.real[0] = N;
    args.real[1] = k;
    ssim_netwrite_t w;
    CHECK_EQ_INT(ssim_netwrite_open(&w, dir), SSIM_OK);
    CHECK_EQ_INT(gen->generate(&args, &w), SSIM_OK);
    CHECK_EQ_INT(ssim_netwrite_close(&w, 1), SSIM_OK);
    ktest_job_t j;
    CHECK(ktest_open(&j, dir, "interdependent_percolation", 10, 99, "") == 0);
    double pinf[4], stages[4];
    const double p[4] = {0.55, 0.58, 0.66, 0.75};
    for (int i = 0; i < 4; i++) {
        interdep_run(&j, p[i], &pinf[i], &stages[i]);
        printf("  p = %.2f: mean P_inf %.5f, mean stages with failures %.1f\n", p[i], pinf[i],
               stages[i]);
    }
    report("Buldyrev ER-ER k=4 p=0.75: P_inf", mutual_giant(0.75, k), pinf[3], 0.02);
    report("Buldyrev ER-ER k=4 p=0.66: P_inf", mutual_giant(0.66, k), pinf[2], 0.02);
    report_range("Buldyrev ER-ER k=4 p=0.58: P_inf (collapse)", 0, 0.01, pinf[1]);
    report_range("Buldyrev ER-ER k=4 p=0.55: P_inf (collapse)", 0, 0.01, pinf[0]);
    report_range("stages(p=0.58) - stages(p=0.55) (longer near p_c)", 0.5, 1e9,
                 stages[1] - stages[0]);
    report_range("stages(p=0.66) - stages(p=0.75) (longer near p_c)", 0.5, 1e9,
                 stages[2] - stages[3]);
    ktest_close(&j);
}

int main(int argc, char **argv)
{
    static const struct {
        const char *name;
        void (*run)(void);
    } cases[] = {{"enumeration", case_enumeration},
                 {"ic_er", case_ic_er},
                 {"coverage", case_coverage},
                 {"watts_window", case_watts_window},
                 {"interdep", case_interdep}};
    if (argc != 2) {
        fprintf(stderr, "usage: test_kernels_stat CASE\n");
        return 2;
    }
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (strcmp(argv[1], cases[i].name) == 0) {
            if (ktest_mkdir(dir, sizeof dir) != 0)
                return 1;
            cases[i].run();
            ktest_rmdir(dir);
            return check_report(argv[1]);
        }
    fprintf(stderr, "test_kernels_stat: unknown case '%s'\n", argv[1]);
    return 2;
}
