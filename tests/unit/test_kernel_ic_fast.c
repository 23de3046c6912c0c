/* The fast independent-cascade kernel against its reference (models/kernels/kernel_ic_fast.c):
 *   - the inline coin (ssim_kernel_coin53) equals core/rng.c's first uniform of
 *     the stream, bit for bit, including trials >= 2^32;
 *   - the integer threshold decides X 2^-53 < p exactly, at the boundary;
 *   - on random graphs (directed and undirected, constant p in {0, 0.05, 0.3,
 *     1} and p from loss, seeds origins / random / fraction, sectors mixed,
 *     a reverse pair of edges) both kernels give identical per-trial rows (every array,
 *     compared as bytes), identical events, identical per-operator counts and
 *     the same verification hash; the fast one at 2 threads, the reference at 1;
 *     the fast kernel reads large failed sets (p = 0.3 and 1: more than a 16th
 *     of the operators) through its bitmap in operator order, the reference
 *     through its list, so the rows also check that the order does not matter;
 *   - the same under kernel.sampling: geometric (gaps and thinning), and the
 *     inline Philox block equals core/rng.c's stream, block after block;
 *   - the fast kernel's packed row records (ssim_kernel_opinfo_build) hold each
 *     operator's customers (up to 2^48 - 1), sector and prefecture, and are
 *     not built past that (the network loader allows up to 10^9); the rows
 *     above use customers from 0 to 2^29, so the packed and the unpacked
 *     tallies are compared bit for bit.
 * This is the STYLE rule 15 test: a slow, obviously-correct reference next to
 * the optimised kernel. */
#include "check.h"
#include "kernel_testlib.h"

#include "core/rng.h"
#include "core/vocab.h"
#include "models/kernels/kernel_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void test_coin(void)
{
    uint64_t st = 12345;
    int bad = 0;
    for (int i = 0; i < 20000; i++) {
        uint64_t seed = ktest_rand(&st), trial = ktest_rand(&st) >> (i % 3 ? 34 : 16);
        uint32_t entity = (uint32_t)ktest_rand(&st);
        ssim_rng_t r;
        ssim_rng_seed(&r, seed, trial, entity, SSIM_KERNEL_P_EDGE);
        uint64_t want = (uint64_t)(ssim_rng_uniform(&r) * 0x1.0p53);
        uint32_t c3 = (uint32_t)((trial >> 32) & 0xffffu) << 16 | SSIM_KERNEL_P_EDGE;
        uint64_t got =
            ssim_kernel_coin53((uint32_t)seed, (uint32_t)(seed >> 32), entity, (uint32_t)trial, c3);
        bad += got != want;
    }
    CHECK_EQ_INT(bad, 0);
}

/* ssim_kernel_philox with block index b = the numbers 4b .. 4b + 3 of the stream. */
static void test_philox_blocks(void)
{
    uint64_t st = 777;
    int bad = 0;
    for (int i = 0; i < 2000; i++) {
        uint64_t seed = ktest_rand(&st), trial = ktest_rand(&st) >> 20;
        uint32_t entity = (uint32_t)ktest_rand(&st);
        uint32_t c3 = (uint32_t)((trial >> 32) & 0xffffu) << 16 | SSIM_KERNEL_P_SKIP;
        ssim_rng_t r;
        ssim_rng_seed(&r, seed, trial, entity, SSIM_KERNEL_P_SKIP);
        for (uint32_t b = 0; b < 3; b++) {
            uint32_t x[4];
            ssim_kernel_philox((uint32_t)seed, (uint32_t)(seed >> 32), b, entity, (uint32_t)trial,
                               c3, x);
            for (int j = 0; j < 4; j++)
                bad += x[j] != ssim_rng_u32(&r);
        }
    }
    CHECK_EQ_INT(bad, 0);
}

static void test_threshold(void)
{
    const double ps[] = {1e-300, 1e-9, 0.01, 0.05, 0.1, 1.0 / 3, 0.5, 0.9999999, 1 - 0x1.0p-53};
    CHECK_EQ_INT(ssim_kernel_coin_threshold(0.0), 0);
    CHECK_EQ_INT(ssim_kernel_coin_threshold(-1.0), 0);
    CHECK(ssim_kernel_coin_threshold(1.0) == (uint64_t)1 << 53);
    for (size_t i = 0; i < sizeof ps / sizeof *ps; i++) {
        uint64_t t = ssim_kernel_coin_threshold(ps[i]);
        for (int64_t dx = -2; dx <= 2; dx++) {
            int64_t x = (int64_t)t + dx;
            if (x < 0 || x >= (int64_t)1 << 53)
                continue;
            int open_int = (uint64_t)x < t, open_dbl = (double)x * 0x1.0p-53 < ps[i];
            CHECK_EQ_INT(open_int, open_dbl);
        }
    }
}

/* Every per-trial column and per-operator array of two result sets, as bytes. */
static int rows_equal(const ssim_results_t *a, const ssim_results_t *b)
{
    uint64_t T = a->n_trials;
    size_t O = a->n_operators;
    int same = T == b->n_trials && a->verification == b->verification && a->n_cols == b->n_cols;
    for (size_t c = 0; same && c < a->n_cols; c++) {
        const ssim_col_t *x = &a->col[c], *y = &b->col[c];
        size_t bytes = T * x->width * (x->def->type == SSIM_COL_F64 ? 8 : 4);
        same = (x->data == NULL) == (y->data == NULL) &&
               (!x->data || memcmp(x->data, y->data, bytes) == 0);
    }
#define SAME(f, len) same = same && memcmp(a->f, b->f, (len) * sizeof *a->f) == 0
    SAME(ops.n_compromised, O);
    SAME(ops.n_out, O);
    SAME(ops.outage_ms, O);
#undef SAME
    return same;
}

/* Run the scenario `extra` with both kernels on the network in dir. */
static void compare(const char *dir, const char *extra, uint64_t trials)
{
    ktest_job_t fast, ref;
    CHECK_EQ_INT(ktest_open(&fast, dir, "independent_cascade", trials, 7, extra), 0);
    CHECK_EQ_INT(ktest_open(&ref, dir, "independent_cascade", trials, 7, extra), 0);
    ref.model = &ssim_model_independent_cascade_reference;
    CHECK_EQ_INT(ktest_run(&fast, 2), SSIM_OK);
    CHECK_EQ_INT(ktest_run(&ref, 1), SSIM_OK);
    int same = rows_equal(&fast.res, &ref.res);
    if (!same)
        fprintf(stderr, "fast and reference differ for: %s", extra);
    CHECK(same);
    uint64_t ev = 0;
    for (uint64_t t = 0; t < trials; t++)
        ev += ssim_results_u32(&fast.res, SSIM_COL_EVENTS)[t];
    CHECK(ev > 0 || strstr(extra, "edge_probability: 0\n") != NULL ||
          strstr(extra, "edge_probability: 0,") != NULL);
    ktest_close(&fast);
    ktest_close(&ref);
}

static void test_against_reference(const char *dir)
{
    enum { N = 3000, M = 12000 };
    int32_t(*edge)[2] = ktest_random_edges(N, M, 99);
    CHECK(edge != NULL);
    if (!edge)
        return;
    edge[M - 1][0] = edge[M - 2][1]; /* a reverse pair: one link when undirected */
    edge[M - 1][1] = edge[M - 2][0];
    static double loss[M];
    static int sector[N];
    static int64_t customers[N];
    int32_t seeds[4] = {0, 17, 1234, 2999};
    uint64_t st = 5;
    for (size_t e = 0; e < M; e++)
        loss[e] = e % 7 == 0 ? 1.0 : (double)(ktest_rand(&st) % 1000 + 1) / 4000.0;
    /* a link's two halves carry one loss (probability_from: loss, undirected);
     * the random edges hold a few reverse pairs besides the planted one */
    ktest_graph_t halves = {N, M, (const int32_t(*)[2])edge, NULL, NULL, NULL, 0, NULL};
    for (size_t e = 0; e < M; e++) {
        long twin = ktest_earlier_reverse(&halves, e);
        if (twin >= 0)
            loss[e] = loss[twin];
    }
    for (size_t i = 0; i < N; i++) {
        sector[i] = (int)(ktest_rand(&st) % (uint64_t)ssim_vocab_sector.n);
        customers[i] = (int64_t)(ktest_rand(&st) % ((uint64_t)1 << (i % 30))); /* < 1e9 */
    }
    ktest_graph_t g = {N, M, (const int32_t(*)[2])edge, loss, sector, seeds, 4, customers};
    CHECK_EQ_INT(ktest_write_graph(dir, &g), 0);
    const char *dirs[] = {"directed", "undirected"};
    const char *ps[] = {"0", "0.05", "0.3", "1"};
    const char *seed_modes[] = {"seeds: origins", "seeds: random, n_seeds: 5",
                                "seeds: fraction, seed_fraction: 0.002"};
    const char *samplings[] = {"edge", "geometric"};
    char extra[512];
    for (int smp = 0; smp < 2; smp++)
        for (int d = 0; d < 2; d++) {
            for (int p = 0; p < 4; p++)
                for (int s = 0; s < 3; s++) {
                    snprintf(extra, sizeof extra,
                             "kernel: { direction: %s, edge_probability: "
                             "%s, %s, sampling: %s }\n",
                             dirs[d], ps[p], seed_modes[s], samplings[smp]);
                    compare(dir, extra, p == 3 ? 20 : 300);
                }
            snprintf(extra, sizeof extra,
                     "kernel: { direction: %s, probability_from: loss, "
                     "seeds: random, n_seeds: 3, sampling: %s }\n",
                     dirs[d], samplings[smp]);
            compare(dir, extra, 300);
        }
    free(edge);
}

static void test_opinfo(void)
{
    int64_t cust[3] = {0, 12345, SSIM_KERNEL_OPINFO_MAX_CUSTOMERS - 1};
    int8_t sector[3] = {0, 7, (int8_t)(ssim_vocab_sector.n - 1)};
    int8_t pref[3] = {1, 13, 47};
    ssim_network_t net;
    memset(&net, 0, sizeof net);
    net.n_operators = 3;
    net.op_customers = cust;
    net.op_sector = sector;
    net.op_prefecture = pref;
    ssim_kernel_opinfo_t *info = NULL;
    CHECK_EQ_INT(ssim_kernel_opinfo_build(&net, &info), SSIM_OK);
    CHECK(info != NULL);
    for (int o = 0; info && o < 3; o++) {
        CHECK((int64_t)(info[o] & (((uint64_t)1 << 48) - 1)) == cust[o]);
        CHECK_EQ_INT((int)(info[o] >> 48 & 0xff), sector[o]);
        CHECK_EQ_INT((int)(info[o] >> 56), pref[o]);
    }
    free(info);
    cust[1] = SSIM_KERNEL_OPINFO_MAX_CUSTOMERS; /* does not fit: no records */
    info = (ssim_kernel_opinfo_t *)&net;
    CHECK_EQ_INT(ssim_kernel_opinfo_build(&net, &info), SSIM_OK);
    CHECK(info == NULL);
}

int main(void)
{
    char dir[256];
    if (ktest_mkdir(dir, sizeof dir) != 0)
        return 1;
    test_coin();
    test_philox_blocks();
    test_threshold();
    test_opinfo();
    test_against_reference(dir);
    ktest_rmdir(dir);
    return check_report("test_kernel_ic_fast");
}
