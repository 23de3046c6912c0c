/* Unit tests of the classic kernels (models/kernel_*.c) and the coupled_er
 * generator: exact small cases (T = 0, T = 1 against igraph's reachability,
 * hand-worked threshold and interdependence cases), a path graph against
 * P(reach distance d) = p^d, seed selection, error paths, thread invariance
 * in process.  The slow statistical validations are in test_kernels_stat.c. */
#include "check.h"
#include "kernel_testlib.h"

#include "core/status.h"
#include "core/vocab.h"
#include "input/netwrite.h"
#include "models/generators/generator.h"
#include "models/incident/incident_params.h"

#include <igraph.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char errbuf[4096];

/* Capture error messages into errbuf, emptied. */
static void capture_on(void) { ssim_error_capture(errbuf, sizeof errbuf); }

/* ------------------------------------------------------------------ schema */

static void test_schema(void)
{
    ssim_scenario_t sc;
    char text[1024];
    for (int s = 0; s < ssim_vocab_sector.n; s++) { /* kernel_sector_names == the vocabulary */
        snprintf(text, sizeof text,
                 "name: t\nnetwork: n\nmodel: interdependent_percolation\nincident: { origin: "
                 "{ suppliers: [V] } }\nkernel: { network_a: %s, network_b: %s }\n",
                 ssim_vocab_sector.names[s], ssim_vocab_sector.names[s]);
        CHECK_EQ_INT(ssim_scenario_parse(&sc, "t.yaml", text, ssim_model_catalog()), SSIM_OK);
        ssim_scenario_destroy(&sc);
    }
    const char *good = "name: t\nnetwork: n\nmodel: independent_cascade\n"
                       "incident: { origin: { suppliers: [V] } }\n";
    CHECK_EQ_INT(ssim_scenario_parse(&sc, "t.yaml", good, ssim_model_catalog()), SSIM_OK);
    const ssim_kernel_params_t *kp = ssim_kernel_params(&sc);
    CHECK(strcmp(kp->direction, "directed") == 0);
    CHECK(strcmp(kp->seeds, "origins") == 0);
    CHECK_EQ_INT(kp->n_seeds, 1);
    CHECK_NEAR(kp->edge_probability, 0.1, 0);
    CHECK(strcmp(kp->probability_from, "constant") == 0);
    CHECK_NEAR(kp->threshold.p[0], 0.18, 0);
    CHECK(strcmp(kp->network_a, "electricity") == 0);
    CHECK(strcmp(kp->network_b, "telecom") == 0);
    CHECK_NEAR(kp->occupation, 0.75, 0);
    CHECK_STR_CONTAINS(sc.resolved_json, "\"kernel\":{\"direction\":\"directed\"");
    ssim_scenario_destroy(&sc);
    snprintf(text, sizeof text, "%skernel: { edge_probabilty: 0.5 }\n", good);
    capture_on();
    CHECK_EQ_INT(ssim_scenario_parse(&sc, "t.yaml", text, ssim_model_catalog()), SSIM_EINVAL);
    CHECK_STR_CONTAINS(errbuf, "t.yaml:5:11: unknown key 'kernel.edge_probabilty' "
                               "(did you mean 'kernel.edge_probability'?)");
    snprintf(text, sizeof text, "%skernel: { edge_probability: 1.5 }\n", good);
    capture_on();
    CHECK_EQ_INT(ssim_scenario_parse(&sc, "t.yaml", text, ssim_model_catalog()), SSIM_EINVAL);
    CHECK_STR_CONTAINS(errbuf, "t.yaml:5:29:");
    snprintf(text, sizeof text, "%skernel: { seeds: all }\n", good);
    capture_on();
    CHECK_EQ_INT(ssim_scenario_parse(&sc, "t.yaml", text, ssim_model_catalog()), SSIM_EINVAL);
    CHECK_STR_CONTAINS(errbuf, "kernel.seeds must be one of: origins, random, fraction");
    snprintf(text, sizeof text, "%skernel: { network_a: power }\n", good);
    capture_on();
    CHECK_EQ_INT(ssim_scenario_parse(&sc, "t.yaml", text, ssim_model_catalog()), SSIM_EINVAL);
    snprintf(text, sizeof text, "%skernel: { n_seeds: 0 }\n", good);
    capture_on();
    CHECK_EQ_INT(ssim_scenario_parse(&sc, "t.yaml", text, ssim_model_catalog()), SSIM_EINVAL);
    ssim_error_capture(NULL, 0);
}

/* ---------------------------------------------------- independent cascade */

/* Residence in the static kernels: with service_areas.csv placing every
 * operator's customers in Okinawa, the people affected live there (the
 * operators' own prefectures 1..10 have none). */
static void test_kernel_residence(const char *dir)
{
    enum { N = 10, M = 12, T = 200, K = 5 };
    int32_t(*e)[2] = ktest_random_edges(N, M, 5);
    ktest_graph_t g = {.n = N, .m = M, .edge = (const int32_t(*)[2])e};
    ktest_job_t j;
    CHECK(ktest_write_graph(dir, &g) == 0);
    char path[512], text[512];
    size_t n = (size_t)snprintf(text, sizeof text, "operator,prefecture,share\n");
    for (int i = 0; i < N; i++)
        n += (size_t)snprintf(text + n, sizeof text - n, "N%d,47,1\n", i);
    snprintf(path, sizeof path, "%s/service_areas.csv", dir);
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
    CHECK(ktest_open(&j, dir, "independent_cascade", T, 3,
                     "kernel: { edge_probability: 0, seeds: random, n_seeds: 5 }\n") == 0);
    CHECK_EQ_INT(ktest_run(&j, 2), SSIM_OK);
    const double *pref = j.res.col[SSIM_COL_PREF_PEOPLE_HOURS].mean;
    double elsewhere = 0;
    for (int p = 0; p < SSIM_N_PREFECTURES - 1; p++)
        elsewhere += pref[p];
    CHECK(elsewhere == 0);
    CHECK(pref[47 - 1] == ssim_results_stats(&j.res, SSIM_COL_PEOPLE_HOURS)->mean);
    CHECK(pref[47 - 1] == K * j.sc.horizon_hours);
    ktest_close(&j);
    unlink(path);
    free(e);
}

/* T = 0: only the seeds fail, every trial; random seeds are distinct and uniform. */
static void test_ic_zero(const char *dir)
{
    enum { N = 50, M = 80, T = 2000, K = 5 };
    int32_t(*e)[2] = ktest_random_edges(N, M, 11);
    ktest_graph_t g = {.n = N, .m = M, .edge = (const int32_t(*)[2])e};
    ktest_job_t j;
    CHECK(ktest_write_graph(dir, &g) == 0);
    CHECK(ktest_open(&j, dir, "independent_cascade", T, 3,
                     "kernel: { edge_probability: 0, seeds: random, n_seeds: 5 }\n") == 0);
    CHECK_EQ_INT(ktest_run(&j, 2), SSIM_OK);
    int all = 1;
    for (uint64_t t = 0; t < T; t++)
        all &= ssim_results_i32(&j.res, SSIM_COL_OPERATORS_OUT)[t] == K &&
               ssim_results_i32(&j.res, SSIM_COL_OPERATORS_COMPROMISED)[t] == K &&
               ssim_results_f64(&j.res, SSIM_COL_PEOPLE_HOURS)[t] == K &&
               ssim_results_i32(&j.res, SSIM_COL_SUPPLIERS_COMPROMISED)[t] == 0;
    CHECK(all);
    uint64_t sum = 0;
    double expect = (double)T * K / N, sd = sqrt(expect * (1.0 - (double)K / N));
    for (int o = 0; o < N; o++) {
        CHECK_EQ_INT(j.res.ops.n_out[o], j.res.ops.n_compromised[o]);
        CHECK_NEAR(j.res.ops.n_compromised[o], expect, 5 * sd);
        sum += j.res.ops.n_compromised[o];
    }
    CHECK_EQ_INT(sum, (uint64_t)T * K);
    /* seeds: fraction: Bernoulli(f) per operator, mean f N per trial */
    free(ktest_params(&j)->seeds);
    ktest_params(&j)->seeds = strdup("fraction");
    ktest_params(&j)->seed_fraction = 0.1;
    CHECK_EQ_INT(ktest_run(&j, 2), SSIM_OK);
    double mean = 0;
    for (uint64_t t = 0; t < T; t++)
        mean += ssim_results_i32(&j.res, SSIM_COL_OPERATORS_OUT)[t];
    mean /= T;
    CHECK_NEAR(mean, 0.1 * N, 4 * sqrt(N * 0.1 * 0.9 / T));
    ktest_close(&j);
    free(e);
}

/* Operators reachable from seeds in g (igraph_subcomponent, union over seeds). */
static size_t igraph_reach(const ktest_graph_t *g, int undirected, uint8_t *in)
{
    igraph_t ig;
    igraph_vector_int_t ev, res;
    igraph_vector_int_init(&ev, (igraph_integer_t)(2 * g->m));
    for (size_t e = 0; e < g->m; e++) {
        VECTOR(ev)[2 * e] = g->edge[e][0];
        VECTOR(ev)[2 * e + 1] = g->edge[e][1];
    }
    igraph_create(&ig, &ev, (igraph_integer_t)g->n, IGRAPH_DIRECTED);
    igraph_vector_int_init(&res, 0);
    memset(in, 0, g->n);
    size_t count = 0;
    for (size_t s = 0; s < g->n_seeds; s++) {
        igraph_subcomponent(&ig, &res, g->seeds[s], undirected ? IGRAPH_ALL : IGRAPH_OUT);
        for (igraph_integer_t i = 0; i < igraph_vector_int_size(&res); i++)
            if (!in[VECTOR(res)[i]]) {
                in[VECTOR(res)[i]] = 1;
                count++;
            }
    }
    igraph_vector_int_destroy(&res);
    igraph_vector_int_destroy(&ev);
    igraph_destroy(&ig);
    return count;
}

/* T = 1: exactly the seeds' (out-)component, in every trial. */
static void test_ic_one(const char *dir)
{
    enum { N = 300, M = 260, T = 8 };
    int32_t(*e)[2] = ktest_random_edges(N, M, 5);
    const int32_t seeds[] = {0, 17, 123};
    ktest_graph_t g = {
        .n = N, .m = M, .edge = (const int32_t(*)[2])e, .seeds = seeds, .n_seeds = 3};
    uint8_t in[N];
    CHECK(ktest_write_graph(dir, &g) == 0);
    for (int und = 0; und <= 1; und++) {
        size_t expect = igraph_reach(&g, und, in);
        ktest_job_t j;
        char extra[128];
        snprintf(extra, sizeof extra, "kernel: { edge_probability: 1, direction: %s }\n",
                 und ? "undirected" : "directed");
        CHECK(ktest_open(&j, dir, "independent_cascade", T, 9, extra) == 0);
        CHECK_EQ_INT(ktest_run(&j, 2), SSIM_OK);
        CHECK(expect > 3);
        for (uint64_t t = 0; t < T; t++) {
            CHECK_EQ_INT(ssim_results_i32(&j.res, SSIM_COL_OPERATORS_OUT)[t], expect);
            CHECK_EQ_INT(ssim_results_i32(&j.res, SSIM_COL_OPERATORS_COMPROMISED)[t], 3);
            CHECK_EQ_INT(ssim_results_i32(&j.res, SSIM_COL_SUPPLIERS_COMPROMISED)[t], 1);
        }
        int same = 1;
        for (int o = 0; o < N; o++)
            same &= j.res.ops.n_out[o] == (in[o] ? (uint32_t)T : 0u);
        CHECK(same);
        ktest_close(&j);
    }
    free(e);
}

/* Path 0 -> 1 -> ... -> D: P(node d fails) = p^d (both directions modes). */
static void test_ic_path(const char *dir)
{
    enum { D = 10, T = 20000 };
    const double p = 0.8;
    int32_t e[D][2];
    for (int i = 0; i < D; i++) {
        e[i][0] = i;
        e[i][1] = i + 1;
    }
    ktest_graph_t g = {.n = D + 1, .m = D, .edge = (const int32_t(*)[2])e};
    CHECK(ktest_write_graph(dir, &g) == 0);
    for (int und = 0; und <= 1; und++) {
        ktest_job_t j;
        char extra[128];
        snprintf(extra, sizeof extra, "kernel: { edge_probability: %g, direction: %s }\n", p,
                 und ? "undirected" : "directed");
        CHECK(ktest_open(&j, dir, "independent_cascade", T, 21, extra) == 0);
        CHECK_EQ_INT(ktest_run(&j, 2), SSIM_OK);
        for (int d = 0; d <= D; d++) {
            double q = pow(p, d);
            /* 4.5 sigma: two-sided 7e-6 per node, 1.5e-4 over the 22 nodes tested */
            CHECK_NEAR((double)j.res.ops.n_out[d] / T, q, 4.5 * sqrt(q * (1 - q) / T) + 1e-12);
        }
        ktest_close(&j);
    }
}

/* Per-edge probabilities from the loss column: a two-edge star. */
static void test_ic_loss(const char *dir)
{
    enum { T = 20000 };
    const int32_t e[2][2] = {{0, 1}, {0, 2}};
    const double loss[2] = {0.25, 1.0};
    ktest_graph_t g = {.n = 3, .m = 2, .edge = e, .loss = loss};
    ktest_job_t j;
    CHECK(ktest_write_graph(dir, &g) == 0);
    CHECK(ktest_open(&j, dir, "independent_cascade", T, 4,
                     "kernel: { probability_from: loss, edge_probability: 0 }\n") == 0);
    CHECK_EQ_INT(ktest_run(&j, 1), SSIM_OK);
    CHECK_NEAR((double)j.res.ops.n_out[1] / T, 0.25, 4.5 * sqrt(0.25 * 0.75 / T));
    CHECK_EQ_INT(j.res.ops.n_out[2], T);
    ktest_close(&j);
}

/* Same results at 1 and 3 threads (verification hash over every row value);
 * in lean storage (output.per_trial off, blocks of 2 trials) the same
 * summaries as in full storage, and the same lean hash at 1 and 3 threads. */
static void test_ic_threads(const char *dir)
{
    int32_t(*e)[2] = ktest_random_edges(200, 500, 8);
    ktest_graph_t g = {.n = 200, .m = 500, .edge = (const int32_t(*)[2])e};
    ktest_job_t j;
    CHECK(ktest_write_graph(dir, &g) == 0);
    CHECK(ktest_open(&j, dir, "independent_cascade", 3000, 77,
                     "kernel: { edge_probability: 0.4, seeds: random, n_seeds: 2 }\n") == 0);
    CHECK_EQ_INT(ktest_run(&j, 1), SSIM_OK);
    uint64_t h1 = j.res.verification;
    CHECK_EQ_INT(ktest_run(&j, 3), SSIM_OK);
    CHECK(h1 == j.res.verification);
    ssim_summary_t total = *ssim_results_stats(&j.res, SSIM_COL_PEOPLE_HOURS),
                   sector1 = ssim_results_stats(&j.res, SSIM_COL_SECTOR_SERVICE)[1];
    double pref[SSIM_N_PREFECTURES], out1 = j.res.col[SSIM_COL_SECTOR_OUT].mean[1];
    double comp = j.res.col[SSIM_COL_OPERATORS_COMPROMISED].mean[0],
           multi = j.res.col[SSIM_COL_MAX_SECTORS_OUT].mean[0];
    memcpy(pref, j.res.col[SSIM_COL_PREF_PEOPLE_HOURS].mean, sizeof pref);
    j.sc.output.per_trial = 0;
    CHECK_EQ_INT(ktest_run(&j, 1), SSIM_OK);
    uint64_t lean1 = j.res.verification;
    CHECK(j.res.lean && j.res.block == 2 && lean1 != h1);
    CHECK_EQ_INT(ktest_run(&j, 3), SSIM_OK);
    CHECK(j.res.verification == lean1);
    CHECK(memcmp(&total, ssim_results_stats(&j.res, SSIM_COL_PEOPLE_HOURS), sizeof total) == 0 &&
          total.mean > 0);
    CHECK(memcmp(&sector1, &ssim_results_stats(&j.res, SSIM_COL_SECTOR_SERVICE)[1],
                 sizeof sector1) == 0);
    CHECK(memcmp(pref, j.res.col[SSIM_COL_PREF_PEOPLE_HOURS].mean, sizeof pref) == 0);
    CHECK(out1 == j.res.col[SSIM_COL_SECTOR_OUT].mean[1] &&
          comp == j.res.col[SSIM_COL_OPERATORS_COMPROMISED].mean[0]);
    CHECK(multi == j.res.col[SSIM_COL_MAX_SECTORS_OUT].mean[0] && comp == 2);
    ktest_close(&j);
    free(e);
}

/* -------------------------------------------------------------- Watts */

static void watts_case(const char *dir, const char *extra, uint64_t trials, int32_t expect_out)
{
    ktest_job_t j;
    CHECK(ktest_open(&j, dir, "watts_threshold", trials, 1, extra) == 0);
    CHECK_EQ_INT(ktest_run(&j, 1), SSIM_OK);
    for (uint64_t t = 0; t < trials; t++)
        CHECK_EQ_INT(ssim_results_i32(&j.res, SSIM_COL_OPERATORS_OUT)[t], expect_out);
    ktest_close(&j);
}

/* A star: leaves 1..4 are the providers of the centre 0; leaf 1 is the seed. */
static void test_watts_exact(const char *dir)
{
    const int32_t star[4][2] = {{1, 0}, {2, 0}, {3, 0}, {4, 0}};
    const int32_t seed1[] = {1};
    ktest_graph_t g = {.n = 5, .m = 4, .edge = star, .seeds = seed1, .n_seeds = 1};
    CHECK(ktest_write_graph(dir, &g) == 0);
    /* directed: the centre has k = 4; 1/4 >= 0.25 fails it; the other leaves have no provider */
    watts_case(dir, "kernel: { threshold: 0.25 }\n", 3, 2);
    watts_case(dir, "kernel: { threshold: 0.26 }\n", 3, 1);
    /* undirected: then each leaf has k = 1 and follows the centre */
    watts_case(dir, "kernel: { threshold: 0.25, direction: undirected }\n", 3, 5);
    watts_case(dir, "kernel: { threshold: 0.26, direction: undirected }\n", 3, 1);
    /* two of three providers failed: 2/3 >= 0.66 but not >= 0.67 */
    const int32_t three[3][2] = {{1, 0}, {2, 0}, {3, 0}};
    const int32_t seed12[] = {1, 2};
    ktest_graph_t g3 = {.n = 4, .m = 3, .edge = three, .seeds = seed12, .n_seeds = 2};
    CHECK(ktest_write_graph(dir, &g3) == 0);
    watts_case(dir, "kernel: { threshold: 0.66 }\n", 2, 3);
    watts_case(dir, "kernel: { threshold: 0.67 }\n", 2, 2);
    /* heterogeneous phi ~ U(0, 1): one of two providers failed -> P(fail) = P(phi <= 1/2) */
    const int32_t two[2][2] = {{1, 0}, {2, 0}};
    ktest_graph_t g2 = {.n = 3, .m = 2, .edge = two, .seeds = seed1, .n_seeds = 1};
    CHECK(ktest_write_graph(dir, &g2) == 0);
    ktest_job_t j;
    enum { T = 20000 };
    CHECK(ktest_open(&j, dir, "watts_threshold", T, 2,
                     "kernel: { threshold: { dist: uniform, min: 0, max: 1 } }\n") == 0);
    CHECK_EQ_INT(ktest_run(&j, 2), SSIM_OK);
    CHECK_NEAR((double)j.res.ops.n_out[0] / T, 0.5, 4.5 * sqrt(0.25 / T));
    ktest_close(&j);
}

/* A pair written both ways (as `generate er` writes an undirected edge), the
 * seed at one end: undirected, the two rows are one link with one coin, so
 * the other end fails with p = 0.6 (two coins gave 1 - 0.4^2 = 0.84); the
 * threshold model counts the neighbour once; with per-edge losses the two
 * halves must agree, or the run is refused naming the pair. */
static void test_reverse_pair(const char *dir)
{
    enum { T = 20000 };
    const int32_t e[2][2] = {{0, 1}, {1, 0}};
    const double same[2] = {0.6, 0.6}, differ[2] = {0.6, 0.5};
    ktest_graph_t g = {.n = 2, .m = 2, .edge = e, .loss = same};
    CHECK(ktest_write_graph(dir, &g) == 0);
    const char *modes[] = {"kernel: { edge_probability: 0.6, direction: undirected }\n",
                           "kernel: { probability_from: loss, direction: undirected }\n",
                           "kernel: { edge_probability: 0.6, direction: undirected, "
                           "sampling: geometric }\n",
                           "kernel: { edge_probability: 0.6, direction: directed }\n"};
    for (int m = 0; m < 4; m++) {
        ktest_job_t j;
        CHECK(ktest_open(&j, dir, "independent_cascade", T, 31, modes[m]) == 0);
        CHECK_EQ_INT(ktest_run(&j, 2), SSIM_OK);
        CHECK_NEAR((double)j.res.ops.n_out[1] / T, 0.6, 4.5 * sqrt(0.24 / T));
        ktest_close(&j);
    }
    /* Watts: operator 1's one neighbour (counted once) fails: 1/1 >= 0.75 */
    watts_case(dir, "kernel: { threshold: 0.75, direction: undirected }\n", 3, 2);
    g.loss = differ;
    CHECK(ktest_write_graph(dir, &g) == 0);
    ktest_job_t j;
    CHECK(ktest_open(&j, dir, "independent_cascade", 10, 31, modes[1]) == 0);
    capture_on();
    CHECK_EQ_INT(ktest_run(&j, 1), SSIM_EINVAL);
    ssim_error_capture(NULL, 0);
    CHECK(strstr(errbuf, "\"N1\" and \"N0\" depend on each other (kind") != NULL);
    ktest_close(&j);
    /* directed, the two rows are the two directions: no conflict */
    CHECK(ktest_open(&j, dir, "independent_cascade", 10, 31,
                     "kernel: { probability_from: loss, direction: directed }\n") == 0);
    CHECK_EQ_INT(ktest_run(&j, 1), SSIM_OK);
    ktest_close(&j);
}

/* ------------------------------------------------- interdependent */

/* A = a0-a1-a2-a3 (electricity, a path), B = b0-b1, b2-b3 (telecom, two
 * pairs), a_i <-> b_i mutually dependent.  With p = 1: B's tie of two
 * components keeps b0-b1 (found first), so b2, b3 fail, then a2, a3: the
 * mutual giant component is {a0, a1, b0, b1} after 1 stage with failures. */
static void test_interdep_exact(const char *dir)
{
    const int32_t e[11][2] = {{0, 1}, {1, 2}, {2, 3}, {4, 5}, {6, 7}, {0, 4},
                              {4, 0}, {1, 5}, {5, 1}, {2, 6}, {6, 2}};
    const int32_t e3[2][2] = {{3, 7}, {7, 3}};
    int32_t all[13][2];
    memcpy(all, e, sizeof e);
    memcpy(all + 11, e3, sizeof e3);
    int tel = ssim_vocab_find(&ssim_vocab_sector, "telecom");
    const int sector[8] = {0, 0, 0, 0, tel, tel, tel, tel};
    ktest_graph_t g = {.n = 8, .m = 13, .edge = (const int32_t(*)[2])all, .sector = sector};
    CHECK(ktest_write_graph(dir, &g) == 0);
    ktest_job_t j;
    CHECK(ktest_open(&j, dir, "interdependent_percolation", 3, 1, "kernel: { occupation: 1 }\n") ==
          0);
    CHECK_EQ_INT(ktest_run(&j, 1), SSIM_OK);
    size_t S = j.res.n_sectors;
    for (uint64_t t = 0; t < 3; t++) {
        CHECK_EQ_INT(ssim_results_i32(&j.res, SSIM_COL_OPERATORS_OUT)[t], 4);
        CHECK_EQ_INT(ssim_results_i32(&j.res, SSIM_COL_OPERATORS_COMPROMISED)[t], 0);
        CHECK_EQ_INT(ssim_results_i32(&j.res, SSIM_COL_SECTOR_OUT)[t * S + 0], 2);
        CHECK_EQ_INT(ssim_results_i32(&j.res, SSIM_COL_SECTOR_OUT)[t * S + (size_t)tel], 2);
        CHECK_EQ_INT(ssim_results_u32(&j.res, SSIM_COL_EVENTS)[t], 1);
    }
    CHECK_EQ_INT(j.res.ops.n_out[0], 0);
    CHECK_EQ_INT(j.res.ops.n_out[3], 3);
    CHECK_EQ_INT(j.res.ops.n_out[6], 3);
    /* p = 0: all of A is attacked, all of B follows in the first stage */
    ktest_params(&j)->occupation = 0;
    CHECK_EQ_INT(ktest_run(&j, 1), SSIM_OK);
    CHECK_EQ_INT(ssim_results_i32(&j.res, SSIM_COL_OPERATORS_OUT)[0], 8);
    CHECK_EQ_INT(ssim_results_i32(&j.res, SSIM_COL_OPERATORS_COMPROMISED)[0], 4);
    CHECK_EQ_INT(ssim_results_u32(&j.res, SSIM_COL_EVENTS)[0], 1);
    /* errors: the same sector twice; a sector without operators */
    free(ktest_params(&j)->network_b);
    ktest_params(&j)->network_b = strdup("electricity");
    capture_on();
    CHECK_EQ_INT(ktest_run(&j, 1), SSIM_EINVAL);
    CHECK_STR_CONTAINS(errbuf, "must be different sectors");
    free(ktest_params(&j)->network_b);
    ktest_params(&j)->network_b = strdup("water");
    capture_on();
    CHECK_EQ_INT(ktest_run(&j, 1), SSIM_EINVAL);
    CHECK_STR_CONTAINS(errbuf, "kernel.network_b: sector 'water' has no operator");
    ssim_error_capture(NULL, 0);
    ktest_close(&j);
}

/* ------------------------------------------------------------ errors */

static void test_seed_errors(const char *dir)
{
    const int32_t e[1][2] = {{0, 1}};
    ktest_graph_t g = {.n = 2, .m = 1, .edge = e};
    CHECK(ktest_write_graph(dir, &g) == 0);
    ktest_job_t j;
    CHECK(ktest_open(&j, dir, "independent_cascade", 1, 1,
                     "kernel: { seeds: random, n_seeds: 3 }\n") == 0);
    capture_on();
    CHECK_EQ_INT(ktest_run(&j, 1), SSIM_EINVAL);
    CHECK_STR_CONTAINS(errbuf, "kernel.n_seeds must be <= the number of operators");
    ktest_close(&j);
    CHECK(ktest_open(&j, dir, "watts_threshold", 1, 1, "") == 0);
    free(ssim_incident_params_edit(&j.sc)->origin_ids[0]);
    ssim_incident_params_edit(&j.sc)->origin_ids[0] =
        strdup("N1"); /* an operator, not a supplier */
    capture_on();
    CHECK_EQ_INT(ktest_run(&j, 1), SSIM_EINVAL);
    CHECK_STR_CONTAINS(errbuf, "'N1' is not a supplier id");
    ktest_close(&j);
    ssim_error_capture(NULL, 0);
}

/* ------------------------------------------------------------ generator */

static ssim_status_t generate(const char *dir, double nodes, double k, uint64_t seed)
{
    const ssim_generator_t *gen = ssim_generator_find("coupled_er");
    ssim_gen_args_t args;
    memset(&args, 0, sizeof args);
    args.seed = seed;
    args.real[0] = nodes;
    args.real[1] = k;
    ssim_netwrite_t w;
    ssim_status_t st = ssim_netwrite_open(&w, dir);
    if (st != SSIM_OK)
        return st;
    st = gen->generate(&args, &w);
    ssim_status_t cst = ssim_netwrite_close(&w, st == SSIM_OK);
    return st == SSIM_OK ? cst : st;
}

static uint64_t file_hash(const char *path)
{
    FILE *f = fopen(path, "rb");
    uint64_t h = 1469598103934665603ULL;
    int c;
    while (f && (c = fgetc(f)) != EOF)
        h = (h ^ (uint64_t)c) * 1099511628211ULL;
    if (f)
        fclose(f);
    return h;
}

static void test_generator(const char *dir)
{
    enum { N = 2000 };
    char path[1024];
    CHECK(ssim_generator_find("coupled_er") != NULL);
    CHECK_EQ_INT(generate(dir, N, 4, 12), SSIM_OK);
    snprintf(path, sizeof path, "%s/dependencies.csv", dir);
    uint64_t h1 = file_hash(path);
    CHECK_EQ_INT(generate(dir, N, 4, 12), SSIM_OK);
    CHECK(h1 == file_hash(path)); /* a pure function of the parameters and seed */
    CHECK_EQ_INT(generate(dir, N, 4, 13), SSIM_OK);
    CHECK(h1 != file_hash(path));
    ssim_network_t net;
    CHECK_EQ_INT(ssim_network_load(&net, dir), SSIM_OK);
    CHECK_EQ_INT(net.n_operators, 2 * N);
    size_t intra[2] = {0, 0}, coupling = 0;
    for (size_t d = 0; d < net.n_deps; d++) {
        int so = net.op_sector[net.dep_op[d]], sp = net.op_sector[net.dep_provider[d]];
        if (so != sp)
            coupling++;
        else
            intra[so != 0]++;
    }
    CHECK_EQ_INT(coupling, 2 * N);
    /* edges of G(N, p): mean N k / 2 = 4000, sd ~ sqrt(4000) */
    for (int x = 0; x < 2; x++)
        CHECK_NEAR(intra[x], N * 4 / 2.0, 4.5 * sqrt(N * 2.0));
    ssim_network_destroy(&net);
    capture_on();
    CHECK_EQ_INT(generate(dir, 3, 2.5, 1), SSIM_EINVAL);
    ssim_error_capture(NULL, 0);
}

int main(void)
{
    char dir[256];
    if (ktest_mkdir(dir, sizeof dir) != 0)
        return 1;
    test_schema();
    test_ic_zero(dir);
    test_kernel_residence(dir);
    test_ic_one(dir);
    test_ic_path(dir);
    test_ic_loss(dir);
    test_ic_threads(dir);
    test_reverse_pair(dir);
    test_watts_exact(dir);
    test_interdep_exact(dir);
    test_seed_errors(dir);
    test_generator(dir);
    ktest_rmdir(dir);
    return check_report("test_kernels");
}
