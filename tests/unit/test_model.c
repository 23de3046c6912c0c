/* Unit tests for the supply_chain model run through the real loaders and the
 * run layer: statistical checks of single-edge probabilities, transitive
 * compromise on/off, revocation, common random numbers per entity, and the
 * verification hash of the run (summed over ranges of trials on several threads)
 * against the serial one recomputed from the rows. */
#include "check.h"

#include "core/vocab.h"
#include "graph/graph.h"
#include "input/network.h"
#include "models/economic/economic.h"
#include "models/registry.h"
#include "run/run.h"
#include "scenario/scenario.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[] = "/tmp/ssim_test_model.XXXXXX";

static void write_file(const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
}

/* Four operators on one endpoint vendor V (auto, 1 h lag) and a second-tier
 * vendor W supplied by V; O4 depends on O1 for power. */
static void write_network(long o2_customers)
{
    char ops[512];
    snprintf(ops, sizeof ops,
             "id,name,sector,prefecture,customers,designated\n"
             "O1,a,electricity,13,1000,0\nO2,b,water,13,%ld,0\n"
             "O3,c,finance,27,300,1\nO4,d,rail,27,400,0\n",
             o2_customers);
    write_file("operators.csv", ops);
    write_file("suppliers.csv", "id,name,country,category\nV,v,US,endpoint_security\n"
                                "W,w,DE,scada_ems\n");
    write_file("supply.csv", "supplier,customer,channel,install_lag_hours,share,privilege\n"
                             "V,O1,auto,1,1,endpoint\nV,O2,auto,1,1,endpoint\n"
                             "V,O3,manual,50,1,endpoint\nV,W,managed,1,1,it\n"
                             "W,O4,managed,1,0.5,ot\n");
    write_file("dependencies.csv", "operator,provider,kind,buffer_hours,loss\n"
                                   "O4,O1,power,2,1\n");
}

typedef struct {
    ssim_scenario_t sc;
    ssim_network_t net;
    ssim_graph_t g;
    ssim_results_t res;
} job_t;

static void done(job_t *j);

static int run_origin(job_t *j, const char *origin, const char *extra, uint64_t trials, int threads)
{
    char text[2048];
    snprintf(text, sizeof text,
             "name: model test\nnetwork: %s\ntrials: %llu\nseed: 7\nhorizon_hours: 100\n"
             "incident:\n  origin: %s\n%s",
             dir, (unsigned long long)trials, origin, extra);
    memset(j, 0, sizeof *j);
    if (ssim_scenario_parse(&j->sc, "test.yaml", text, ssim_model_catalog()) != SSIM_OK ||
        ssim_network_load(&j->net, dir) != SSIM_OK || ssim_graph_build(&j->g, &j->net) != SSIM_OK)
        return -1;
    const ssim_model_type_t *m = ssim_model_find("supply_chain");
    ssim_model_ctx_t ctx = {&j->net, &j->g, &j->sc, NULL, NULL};
    void *shared = NULL;
    if (m->prepare(&ctx, &shared) != SSIM_OK)
        return -1;
    ctx.shared = shared;
    int flags = ssim_results_flags(j->sc.output.per_trial, j->sc.output.time_series,
                                   j->sc.output.per_operator);
    ssim_results_init(&j->res, trials, (size_t)ssim_vocab_sector.n, j->net.n_operators,
                      j->sc.horizon_hours, j->sc.output_step_hours, flags);
    ssim_run_opts_t ro = {.threads = threads};
    ssim_run_stats_t st;
    int rc = ssim_run_trials(m, &ctx, &j->res, &ro, &st) == SSIM_OK ? 0 : -1;
    m->release(shared);
    return rc;
}

static int run(job_t *j, const char *extra, uint64_t trials, int threads)
{
    return run_origin(j, "{ suppliers: [V] }", extra, trials, threads);
}

/* |observed fraction - p| within 4 binomial standard errors */
#define CHECK_BINOMIAL(count, n, p)                                                                \
    CHECK_NEAR((double)(count) / (double)(n), (p), 4 * sqrt((p) * (1 - (p)) / (double)(n)) + 1e-12)

/* Operators: O1 0, O2 1, O3 2, O4 3.  Suppliers V (US endpoint_security) and W
 * (DE scada_ems).  Fixed long outages make outage hours = share x (100 - start). */
#define LONG "  duration_hours: { default: 1000 }\n"

static void test_incident_types(void)
{
    job_t j;
    /* faulty_update: W is compromised but ships nothing, whatever the probability */
    CHECK(run(&j,
              "  type: faulty_update\n  detection_hours: 10\n  transitive: { probability: 1 }\n"
              "outage:\n  probability: { it: 1, ot: 1, endpoint: 1 }\n" LONG,
              2, 1) == 0);
    CHECK_EQ_INT(ssim_results_i32(&j.res, SSIM_COL_SUPPLIERS_COMPROMISED)[0], 2);
    CHECK_EQ_INT(j.res.ops.n_compromised[3], 0);
    CHECK_EQ_INT(j.res.ops.outage_ms[0], 2 * 99000); /* O1 from t = 1 */
    done(&j);
    /* espionage: compromise without outage (O4's power never fails either) */
    CHECK(run(&j,
              "  type: espionage\n  detection_hours: 10\n"
              "outage:\n  probability: { it: 1, ot: 1, endpoint: 1 }\n",
              2, 1) == 0);
    CHECK_EQ_INT(j.res.ops.n_compromised[0], 2);
    CHECK_EQ_INT(ssim_results_i32(&j.res, SSIM_COL_OPERATORS_OUT)[0] +
                     ssim_results_i32(&j.res, SSIM_COL_OPERATORS_OUT)[1],
                 0);
    done(&j);
    /* wiper: every install is an outage, even with probabilities 0 */
    CHECK(run(&j,
              "  type: wiper\n  detection_hours: 10\n"
              "outage:\n  probability: { it: 0, ot: 0, endpoint: 0 }\n" LONG,
              2, 1) == 0);
    CHECK_EQ_INT(j.res.ops.n_out[0], 2);
    CHECK_EQ_INT(j.res.ops.outage_ms[1], 2 * 99000);
    done(&j);
    /* msp_push: V's managed edge (to W) takes push_hours = 5 instead of its 1 h lag;
     * W releases at 5 + 1, O4 installs at 7: share 0.5 x (100 - 7) */
    const char *chain =
        "  detection_hours: 1000\n  transitive: { probability: 1, delay_hours: 1 }\n"
        "outage:\n  probability: { it: 0, ot: 1, endpoint: 0 }\n" LONG;
    char text[512];
    snprintf(text, sizeof text, "  type: msp_push\n  push_hours: 5\n%s", chain);
    CHECK(run(&j, text, 1, 1) == 0);
    CHECK_EQ_INT(j.res.ops.outage_ms[3], 46500);
    done(&j);
    CHECK(run(&j, chain, 1, 1) == 0); /* malicious_update: W at 1, releases at 2, O4 at 3 */
    CHECK_EQ_INT(j.res.ops.outage_ms[3], 48500);
    done(&j);
}

static void test_channel_dynamics(void)
{
    job_t j;
    const uint64_t T = 20000;
    /* staged rollout: 30% canaries; the rest wait 50 h, after revocation at 10 */
    CHECK(run(&j, "  detection_hours: 10\nrollout: { canary_fraction: 0.3, hold_hours: 50 }\n", T,
              2) == 0);
    CHECK_BINOMIAL(j.res.ops.n_compromised[0], T, 0.3);
    CHECK_EQ_INT(j.res.ops.n_compromised[2], 0); /* O3's manual 50 h lag is past 10 anyway */
    done(&j);
    /* constant hazard 0.02/h: O3's install at 50 h happens with probability exp(-1) */
    CHECK(run(&j, "  detection_hours: 100000\n  detection_hazard: { base_per_hour: 0.02 }\n", T,
              2) == 0);
    CHECK_BINOMIAL(j.res.ops.n_compromised[2], T, exp(-1.0));
    done(&j);
    /* hazard growing with installs: O1, O2 and W install at 1 h, so the rate is
     * 3 x 0.01 from then on: O3 (at 50 h) installs with probability exp(-0.03 x 49) */
    CHECK(run(&j, "  detection_hours: 100000\n  detection_hazard: { per_install_per_hour: 0.01 }\n",
              T, 2) == 0);
    CHECK_BINOMIAL(j.res.ops.n_compromised[2], T, exp(-0.03 * 49));
    done(&j);
    /* disconnection on detection: every operator using V (O1, O2, O3) cuts it off
     * at 10 h for 5 h; no install causes an outage */
    CHECK(run(&j,
              "  detection_hours: 10\noutage:\n  probability: { it: 0, ot: 0, endpoint: 0 }\n"
              "response: { disconnect_on_detection: true, disconnect_hours: 5 }\n",
              3, 1) == 0);
    for (int o = 0; o < 3; o++)
        CHECK_EQ_INT(j.res.ops.outage_ms[o], 3 * 5000);
    CHECK_EQ_INT(j.res.ops.n_compromised[2], 0); /* disconnected without installing */
    done(&j);
}

/* A loss that rises and falls back at the same instant is no outage: a
 * 0-hour outage (wiper, every install an outage) and a 0-hour disconnection
 * leave every operator "not out", no customer-hours and no sector out, and
 * O4's power dependency on O1 never triggers.  (Each used to count as out:
 * P(out) 1 with 0 customer-hours.) */
static void test_zero_length_outage(void)
{
    job_t j;
    const char *cases[] = {"  type: wiper\n  detection_hours: 10\n"
                           "outage:\n  duration_hours: { default: 0 }\n",
                           "  detection_hours: 10\noutage:\n  probability: { it: 0, ot: 0, "
                           "endpoint: 0 }\nresponse: { disconnect_on_detection: true, "
                           "disconnect_hours: 0 }\n"};
    for (int c = 0; c < 2; c++) {
        CHECK(run(&j, cases[c], 3, 2) == 0);
        for (int o = 0; o < 4; o++) {
            CHECK_EQ_INT(j.res.ops.n_out[o], 0);
            CHECK_EQ_INT(j.res.ops.outage_ms[o], 0);
        }
        for (uint64_t t = 0; t < 3; t++) {
            CHECK_EQ_INT(ssim_results_i32(&j.res, SSIM_COL_OPERATORS_OUT)[t], 0);
            CHECK_EQ_INT(ssim_results_i32(&j.res, SSIM_COL_MAX_SECTORS_OUT)[t], 0);
            CHECK(ssim_results_f64(&j.res, SSIM_COL_PEOPLE_HOURS)[t] == 0);
            CHECK(ssim_results_f64(&j.res, SSIM_COL_PEAK_PEOPLE)[t] == 0);
        }
        done(&j);
    }
    /* the same wiper with 1-hour outages: O1..O3 out (O3 installs at 50 h), O4
     * through its 2-hour buffer never (O1 is back after 1 h) */
    CHECK(run(&j,
              "  type: wiper\n  detection_hours: 100\noutage:\n  duration_hours: { default: 1 "
              "}\n",
              3, 2) == 0);
    for (int o = 0; o < 3; o++)
        CHECK_EQ_INT(j.res.ops.n_out[o], 3);
    CHECK_EQ_INT(j.res.ops.n_out[3], 0);
    CHECK_EQ_INT(ssim_results_i32(&j.res, SSIM_COL_OPERATORS_OUT)[0], 3);
    done(&j);
}

/* Sums at the largest values the loader accepts (defect: int32 losses and
 * int64 customer rates overflowed, giving negative or impossible totals):
 * 1 000 operators of 10^9 customers each (the network's total cap, 10^12),
 * all wiped by 3 000 origin suppliers, 3 000 of them at share 1 on O0 (its
 * summed loss, 3 x 10^9 millionths, is past 32 bits).  Peak customers out
 * is exactly the network's 10^12, never more; customer-hours are 10^12 x 99
 * (installs at 1 h, horizon 100 h); O0 is out 99 h. */
static void test_sums_at_caps(void)
{
    enum { OPS = 1000, SUPS = 3000 };
    size_t cap = 64 * (OPS + 2 * SUPS) + 256;
    char *ops = malloc(cap), *sups = malloc(cap), *supply = malloc(cap);
    CHECK(ops && sups && supply);
    if (!ops || !sups || !supply)
        return;
    size_t a = (size_t)sprintf(ops, "id,name,sector,prefecture,customers,designated\n");
    for (int o = 0; o < OPS; o++)
        a += (size_t)sprintf(ops + a, "O%d,o,electricity,13,1000000000,0\n", o);
    size_t b = (size_t)sprintf(sups, "id,name,country,category\n");
    size_t c =
        (size_t)sprintf(supply, "supplier,customer,channel,install_lag_hours,share,privilege\n");
    for (int v = 0; v < SUPS; v++) {
        b += (size_t)sprintf(sups + b, "V%d,v,US,endpoint_security\n", v);
        c += (size_t)sprintf(supply + c, "V%d,O%d,auto,1,1,endpoint\n", v, v % OPS);
        if (v % OPS != 0)
            c += (size_t)sprintf(supply + c, "V%d,O0,auto,1,1,endpoint\n", v);
    }
    write_file("operators.csv", ops);
    write_file("suppliers.csv", sups);
    write_file("supply.csv", supply);
    write_file("dependencies.csv", "operator,provider,kind,buffer_hours,loss\n");
    free(ops);
    free(sups);
    free(supply);
    job_t j;
    CHECK(run_origin(&j, "{ category: [endpoint_security] }",
                     "  type: wiper\n  detection_hours: 1000\noutage:\n" LONG, 2, 2) == 0);
    for (uint64_t t = 0; t < 2; t++) {
        /* the customers out at the caps, and the people among them: all in
         * Tokyo, so at most its residents (one sector: exactly the cap) */
        int elec = ssim_vocab_find(&ssim_vocab_sector, "electricity");
        double tokyo = (double)ssim_prefecture_population(13);
        CHECK(ssim_results_f64(&j.res, SSIM_COL_SECTOR_SERVICE)[t * j.res.n_sectors + elec] ==
              99e12);
        CHECK(ssim_results_f64(&j.res, SSIM_COL_PEAK_PEOPLE)[t] == tokyo);
        CHECK(ssim_results_f64(&j.res, SSIM_COL_PEOPLE_HOURS)[t] == 99 * tokyo);
        CHECK_EQ_INT(ssim_results_i32(&j.res, SSIM_COL_OPERATORS_OUT)[t], OPS);
    }
    CHECK_EQ_INT(j.res.ops.outage_ms[0], 2 * 99000);
    done(&j);
    write_network(200);
}

static void test_origin_selection(void)
{
    job_t j;
    const uint64_t T = 20000;
    const char *quiet = "  detection_hours: 1000\n";
    CHECK(run_origin(&j, "{ category: [scada_ems] }", quiet, 10, 1) == 0);
    CHECK_EQ_INT(j.res.ops.n_compromised[3], 10);
    CHECK_EQ_INT(j.res.ops.n_compromised[0], 0);
    done(&j);
    CHECK(run_origin(&j, "{ exclude_country: [US] }", quiet, 10, 1) == 0);
    CHECK_EQ_INT(j.res.ops.n_compromised[0], 0);
    CHECK_EQ_INT(j.res.ops.n_compromised[3], 10);
    done(&j);
    CHECK(run_origin(&j, "{ suppliers: [V, W], pick: uniform }", quiet, T, 2) == 0);
    CHECK_BINOMIAL(j.res.ops.n_compromised[0], T, 0.5);
    done(&j);
    /* V reaches O1..O4 (1900 customers with O2 at 200), W reaches O4 (400) */
    CHECK(run_origin(&j, "{ suppliers: [V, W], pick: weighted_by_reach }", quiet, T, 2) == 0);
    CHECK_BINOMIAL(j.res.ops.n_compromised[0], T, 1900.0 / 2300.0);
    done(&j);
    CHECK(run_origin(&j, "{ category: [msp] }", quiet, 1, 1) != 0); /* nothing matches */
    done(&j); /* what the failed run loaded (leak found by ASan) */
}

static void done(job_t *j)
{
    ssim_results_destroy(&j->res);
    ssim_graph_destroy(&j->g);
    ssim_network_destroy(&j->net);
    ssim_scenario_destroy(&j->sc);
}

/* P(outage | install) = p per edge: a binomial check over many trials. */
static void test_outage_probability(void)
{
    job_t j;
    const uint64_t T = 20000;
    CHECK(run(&j,
              "  detection_hours: 1000\noutage:\n  probability: { it: 0, ot: 0, endpoint: 0.3 }\n",
              T, 2) == 0);
    /* O1 (endpoint, installs at 1 h) */
    double p = (double)j.res.ops.n_out[0] / (double)T;
    CHECK_NEAR(p, 0.3, 4 * sqrt(0.3 * 0.7 / (double)T));
    CHECK_EQ_INT(j.res.ops.n_compromised[0], T); /* every trial installs */
    /* O1 and O2 draw independently: P(both) = 0.09 */
    uint64_t both = 0;
    for (uint64_t t = 0; t < T; t++)
        both += ssim_results_i32(&j.res, SSIM_COL_SECTOR_OUT)[t * j.res.n_sectors + 0] &&
                ssim_results_i32(&j.res, SSIM_COL_SECTOR_OUT)[t * j.res.n_sectors + 3];
    CHECK_NEAR((double)both / (double)T, 0.09, 4 * sqrt(0.09 * 0.91 / (double)T));
    done(&j);
}

/* Revocation before the manual install (50 h) stops it; transitive off/on. */
static void test_revocation_and_transitive(void)
{
    job_t j;
    CHECK(run(&j, "  detection_hours: 10\noutage:\n  probability: { it: 1, ot: 1, endpoint: 1 }\n",
              4, 1) == 0);
    CHECK_EQ_INT(j.res.ops.n_compromised[2], 0); /* O3 installs at 50 >= 10 */
    CHECK_EQ_INT(j.res.ops.n_compromised[3], 0); /* W ships nothing: transitive probability 0 */
    CHECK_EQ_INT(ssim_results_i32(&j.res, SSIM_COL_SUPPLIERS_COMPROMISED)[0], 2); /* V and W */
    /* O4 still loses power from O1 after the 2 h buffer */
    CHECK_EQ_INT(j.res.ops.n_out[3], 4);
    done(&j);
    CHECK(run(&j,
              "  detection_hours: 10\n  transitive: { probability: 1, delay_hours: 1 }\n"
              "outage:\n  probability: { it: 1, ot: 1, endpoint: 1 }\n",
              4, 1) == 0);
    CHECK_EQ_INT(j.res.ops.n_compromised[3], 4); /* W releases at 2, O4 installs at 3 */
    done(&j);
}

/* Common random numbers: changing one operator's customers changes no other
 * operator's outcome in any trial, and thread count changes nothing. */
static void test_common_random_numbers(void)
{
    const char *extra =
        "  detection_hours: { dist: exponential, mean: 20 }\n"
        "  transitive: { probability: 0.5, delay_hours: { dist: exponential, mean: 5 } }\n"
        "outage:\n  probability: { it: 0.5, ot: 0.5, endpoint: 0.5 }\n"
        "  duration_hours: { default: { dist: lognormal, median: 10, sigma: 1 } }\n"
        "cascade: { restart_hours: { dist: exponential, mean: 2 } }\n";
    job_t a, b;
    write_network(200);
    CHECK(run(&a, extra, 2000, 1) == 0);
    write_network(999999);
    CHECK(run(&b, extra, 2000, 3) == 0);
    for (int o = 0; o < 4; o++) {
        CHECK_EQ_INT(a.res.ops.n_compromised[o], b.res.ops.n_compromised[o]);
        CHECK_EQ_INT(a.res.ops.n_out[o], b.res.ops.n_out[o]);
        CHECK_EQ_INT(a.res.ops.outage_ms[o], b.res.ops.outage_ms[o]);
    }
    size_t S = a.res.n_sectors;
    int same_other = 1, water_differs = 0;
    for (uint64_t t = 0; t < 2000; t++)
        for (size_t s = 0; s < S; s++) {
            double x = ssim_results_f64(&a.res, SSIM_COL_SECTOR_SERVICE)[t * S + s],
                   y = ssim_results_f64(&b.res, SSIM_COL_SECTOR_SERVICE)[t * S + s];
            if (s == 3)
                water_differs |= x != y;
            else
                same_other &= x == y;
        }
    CHECK(same_other);
    CHECK(water_differs);
    done(&a);
    done(&b);
    write_network(200);
}

/* The verification hash that the run sums over ranges of trials on several
 * threads equals the serial one recomputed from the stored rows, at any thread
 * count; a change of one value, or two trials' values swapped, changes it. */
static void test_verification_hash(void)
{
    const char *extra = "  detection_hours: { dist: exponential, mean: 20 }\n"
                        "outage:\n  probability: { it: 0.5, ot: 0.5, endpoint: 0.5 }\n"
                        "  duration_hours: { default: { dist: lognormal, median: 10, sigma: 1 } }\n"
                        "output_step_hours: 10\noutput: { time_series: true }\n";
    job_t a, b;
    CHECK(run(&a, extra, 500, 1) == 0);
    CHECK(run(&b, extra, 500, 3) == 0);
    CHECK(ssim_results_f32(&a.res, SSIM_COL_TIME_SERIES) != NULL);
    uint64_t h = a.res.verification;
    CHECK(h == b.res.verification);
    ssim_results_hash(&a.res);
    CHECK(a.res.verification == h);
    uint64_t t1 = 1;
    while (t1 < 500 && ssim_results_f64(&a.res, SSIM_COL_PEOPLE_HOURS)[t1] ==
                           ssim_results_f64(&a.res, SSIM_COL_PEOPLE_HOURS)[0])
        t1++;
    CHECK(t1 < 500);
    double x = ssim_results_f64(&a.res, SSIM_COL_PEOPLE_HOURS)[0];
    ssim_results_f64(&a.res, SSIM_COL_PEOPLE_HOURS)[0] =
        ssim_results_f64(&a.res, SSIM_COL_PEOPLE_HOURS)[t1];
    ssim_results_f64(&a.res, SSIM_COL_PEOPLE_HOURS)[t1] = x;
    ssim_results_hash(&a.res);
    CHECK(a.res.verification != h);
    ssim_results_hash(&b.res);
    CHECK(b.res.verification == h);
    ssim_results_f32(&b.res, SSIM_COL_TIME_SERIES)[500 * b.res.n_steps * b.res.n_sectors - 1] +=
        1.0f;
    ssim_results_hash(&b.res);
    CHECK(b.res.verification != h);
    done(&a);
    done(&b);
}

/* Lean storage (output.per_trial off), where the model adds into a scratch
 * row that is folded into block sums: every summary and per-operator count
 * equals full storage's to the bit, economic layer included, at 1 and 3
 * threads; the lean hash is the same at both.  10 000 trials make blocks of
 * 8 trials.  A run without per-operator statistics (output.per_operator
 * off) has no per-operator arrays and the full run's rows, summaries and hash. */
static void test_lean_storage(void)
{
    const char *extra = "  detection_hours: { dist: exponential, mean: 20 }\n"
                        "outage:\n  probability: { it: 0.5, ot: 0.5, endpoint: 0.5 }\n"
                        "  duration_hours: { default: { dist: lognormal, median: 10, sigma: 1 } }\n"
                        "economic: { enabled: true }\n";
    char lean[512];
    snprintf(lean, sizeof lean, "%soutput: { per_trial: false }\n", extra);
    job_t f, a, b;
    CHECK(run(&f, extra, 10000, 1) == 0);
    CHECK(run(&a, lean, 10000, 1) == 0);
    CHECK(run(&b, lean, 10000, 3) == 0);
    CHECK(!f.res.lean && a.res.lean && a.res.block == 8 &&
          ssim_results_f64(&a.res, SSIM_COL_PREF_PEOPLE_HOURS) == NULL);
    size_t S = f.res.n_sectors, O = f.net.n_operators, N = f.res.axis_n;
    CHECK(N > 0 && f.res.col[SSIM_ECON_COL(IMPACT)].mean &&
          ssim_results_f64(&a.res, SSIM_ECON_COL(IMPACT)) == NULL);
    for (int i = 0; i < 2; i++) {
        const ssim_results_t *x = &f.res, *y = i ? &b.res : &a.res;
        CHECK(memcmp(ssim_results_stats(x, SSIM_COL_PEOPLE_HOURS),
                     ssim_results_stats(y, SSIM_COL_PEOPLE_HOURS), sizeof(ssim_summary_t)) == 0);
        CHECK(memcmp(ssim_results_stats(x, SSIM_COL_PEAK_PEOPLE),
                     ssim_results_stats(y, SSIM_COL_PEAK_PEOPLE), sizeof(ssim_summary_t)) == 0);
        CHECK(memcmp(ssim_results_stats(x, SSIM_COL_SECTOR_SERVICE),
                     ssim_results_stats(y, SSIM_COL_SECTOR_SERVICE),
                     S * sizeof(ssim_summary_t)) == 0);
        CHECK(memcmp(x->col[SSIM_COL_PREF_PEOPLE_HOURS].mean,
                     y->col[SSIM_COL_PREF_PEOPLE_HOURS].mean,
                     SSIM_N_PREFECTURES * sizeof(double)) == 0);
        CHECK(memcmp(x->col[SSIM_COL_SECTOR_COMPROMISED].mean,
                     y->col[SSIM_COL_SECTOR_COMPROMISED].mean, S * sizeof(double)) == 0);
        CHECK(memcmp(x->col[SSIM_COL_SECTOR_OUT].mean, y->col[SSIM_COL_SECTOR_OUT].mean,
                     S * sizeof(double)) == 0);
        CHECK(x->col[SSIM_COL_OPERATORS_COMPROMISED].mean[0] ==
              y->col[SSIM_COL_OPERATORS_COMPROMISED].mean[0]);
        CHECK(x->col[SSIM_COL_SUPPLIERS_COMPROMISED].mean[0] ==
              y->col[SSIM_COL_SUPPLIERS_COMPROMISED].mean[0]);
        CHECK(x->col[SSIM_COL_MAX_SECTORS_OUT].mean[0] == y->col[SSIM_COL_MAX_SECTORS_OUT].mean[0]);
        CHECK(memcmp(ssim_results_stats(x, SSIM_ECON_COL(LOSS)),
                     ssim_results_stats(y, SSIM_ECON_COL(LOSS)), sizeof(ssim_summary_t)) == 0);
        CHECK(memcmp(x->col[SSIM_ECON_COL(IMPACT)].mean, y->col[SSIM_ECON_COL(IMPACT)].mean,
                     N * sizeof(double)) == 0);
        CHECK(memcmp(x->ops.n_out, y->ops.n_out, O * sizeof *x->ops.n_out) == 0);
        CHECK(memcmp(x->ops.outage_ms, y->ops.outage_ms, O * sizeof *x->ops.outage_ms) == 0);
    }
    CHECK(a.res.verification == b.res.verification && a.res.verification != f.res.verification);
    /* the folded means are those of the full rows (integer counts: exactly) */
    double comp = 0, pref = 0, pm = 0;
    for (size_t t = 0; t < 10000; t++) {
        comp += ssim_results_i32(&f.res, SSIM_COL_OPERATORS_COMPROMISED)[t];
        for (size_t p = 0; p < SSIM_N_PREFECTURES; p++)
            pref +=
                ssim_results_f64(&f.res, SSIM_COL_PREF_PEOPLE_HOURS)[t * SSIM_N_PREFECTURES + p];
    }
    for (size_t p = 0; p < SSIM_N_PREFECTURES; p++)
        pm += a.res.col[SSIM_COL_PREF_PEOPLE_HOURS].mean[p];
    CHECK(comp > 0 && a.res.col[SSIM_COL_OPERATORS_COMPROMISED].mean[0] == comp / 10000);
    CHECK(pref > 0);
    CHECK_NEAR(pm, pref / 10000, 1e-9 * pref / 10000);
    CHECK(ssim_results_stats(&a.res, SSIM_ECON_COL(LOSS))->mean > 0 &&
          a.res.col[SSIM_COL_MAX_SECTORS_OUT].mean[0] > 0);
    /* Without per-operator statistics (output.per_operator: false) the model
     * skips its counts: no arrays, every other result the same, bit for bit. */
    char no_ops[640];
    snprintf(no_ops, sizeof no_ops, "%soutput: { per_operator: false }\n", extra);
    job_t n;
    CHECK(run(&n, no_ops, 10000, 2) == 0);
    CHECK(n.res.ops.n_compromised == NULL && n.res.ops.n_out == NULL &&
          n.res.ops.outage_ms == NULL);
    CHECK(n.res.verification == f.res.verification);
    CHECK(memcmp(ssim_results_f64(&n.res, SSIM_COL_PEOPLE_HOURS),
                 ssim_results_f64(&f.res, SSIM_COL_PEOPLE_HOURS), 10000 * sizeof(double)) == 0);
    CHECK(memcmp(ssim_results_stats(&n.res, SSIM_COL_PEOPLE_HOURS),
                 ssim_results_stats(&f.res, SSIM_COL_PEOPLE_HOURS), sizeof(ssim_summary_t)) == 0);
    CHECK(memcmp(ssim_results_stats(&n.res, SSIM_COL_SECTOR_SERVICE),
                 ssim_results_stats(&f.res, SSIM_COL_SECTOR_SERVICE),
                 S * sizeof(ssim_summary_t)) == 0);
    CHECK(ssim_results_bytes(10000, S, O, 0, SSIM_RESULTS_NO_OPERATORS) + 16 * O ==
          ssim_results_bytes(10000, S, O, 0, 0));
    done(&n);
    done(&f);
    done(&a);
    done(&b);
}

/* incident.scope.operators: the release reaches the listed operators only
 * (supplier customers are not restricted); an id that is not an operator is
 * refused. */
static void test_scope(void)
{
    job_t j;
    CHECK(run(&j, "  scope: { operators: [O2] }\n  detection_hours: 1000\n", 20, 2) == 0);
    CHECK_EQ_INT(j.res.ops.n_compromised[0], 0);
    CHECK_EQ_INT(j.res.ops.n_compromised[1], 20);
    CHECK_EQ_INT(j.res.ops.n_compromised[2], 0);
    CHECK_EQ_INT(ssim_results_i32(&j.res, SSIM_COL_SUPPLIERS_COMPROMISED)[0], 2); /* V and W */
    done(&j);
    CHECK(run(&j, "  scope: { operators: [W] }\n", 2, 1) != 0);
    done(&j);
}

/* ------------------------------------------------ consequences (issue 19) */

static const char *const cons_files[] = {"sectors.csv", "coupling.csv", "population.csv",
                                         "service_areas.csv"};

static void remove_cons_files(void)
{
    for (size_t i = 0; i < sizeof cons_files / sizeof *cons_files; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir, cons_files[i]);
        unlink(path);
    }
}

/* Four operators on V (all installs at t = 1, outages [1, 21)):
 *   E1 electricity, Tokyo, 1000 people; endpoint crash = business systems
 *      only (service 0.25, no physical loss)
 *   P1 petroleum, Tokyo, 240 vehicles per day (per_day, no people); an IT
 *      crash removes nothing but shuts it down for 10 h as a precaution
 *   M1 telecom, head office in Hokkaido, 600 subscribers living half in
 *      Tokyo and half in Osaka; OT crash = all its capacity
 *   W1 water, Tokyo, 1000 people; physical 0.5 + business 0.5
 * Tokyo has 2000 residents here (population.csv), Osaka 100000. */
static void write_consequence_network(int with_tables)
{
    write_file("operators.csv", "id,name,sector,prefecture,customers,designated\n"
                                "E1,e,electricity,13,1000,0\nP1,p,petroleum,13,240,0\n"
                                "M1,m,telecom,1,600,0\nW1,w,water,13,1000,0\n");
    write_file("suppliers.csv", "id,name,country,category\nV,v,US,endpoint_security\n");
    write_file("supply.csv", "supplier,customer,channel,install_lag_hours,share,privilege\n"
                             "V,E1,auto,1,1,endpoint\nV,P1,auto,1,1,it\n"
                             "V,M1,auto,1,1,ot\nV,W1,auto,1,1,endpoint\n");
    write_file("dependencies.csv", "operator,provider,kind,buffer_hours,loss\n");
    if (!with_tables)
        return;
    write_file("sectors.csv", "sector,customer_unit,service_unit,per_day,people_per_customer,"
                              "yen_per_service_unit,source,confidence\n"
                              "electricity,people,person-hours,0,1,10,test,low\n"
                              "petroleum,vehicles per day,vehicle refuels,1,0,100,test,low\n"
                              "telecom,subscribers,subscriber-hours,0,1,1,test,low\n"
                              "water,people,person-hours,0,1,2,test,low\n");
    write_file("coupling.csv",
               "sector,privilege,incident_type,capacity_loss,service_loss,shutdown_probability,"
               "shutdown_median_hours,shutdown_sigma,source,confidence\n"
               "*,*,*,1,0,0,1,0,default,low\n"
               "electricity,endpoint,*,0,0.25,0,1,0,test,low\n"
               "petroleum,it,malicious_update,0,0,1,10,0,test,low\n"
               "petroleum,it,*,0,0,0,1,0,test,low\n"
               "water,endpoint,*,0.5,0.5,0,1,0,test,low\n");
    write_file("population.csv", "prefecture,population\n13,2000\n27,100000\n");
    write_file("service_areas.csv", "operator,prefecture,share\nM1,13,0.5\nM1,27,0.5\n");
}

#define CONS_INCIDENT                                                                              \
    "  dormancy_hours: 0\n  detection_hours: 1000\noutage:\n"                                      \
    "  probability: { it: 1, ot: 1, endpoint: 1 }\n  duration_hours: { default: 20 }\n"

/* The hand-worked case above: units, value, coupling, shutdown, residence and
 * people counted once. */
static void test_consequences(void)
{
    write_consequence_network(1);
    job_t j;
    CHECK(run(&j, CONS_INCIDENT, 3, 2) == 0);
    size_t S = j.res.n_sectors;
    int elec = ssim_vocab_find(&ssim_vocab_sector, "electricity"),
        pet = ssim_vocab_find(&ssim_vocab_sector, "petroleum"),
        tel = ssim_vocab_find(&ssim_vocab_sector, "telecom"),
        wat = ssim_vocab_find(&ssim_vocab_sector, "water");
    for (uint64_t t = 0; t < 3; t++) {
        const double *sv = ssim_results_f64(&j.res, SSIM_COL_SECTOR_SERVICE) + t * S;
        /* business systems only: 1000 x 0.25 x 20 h, and E1 never "down" */
        CHECK_NEAR(sv[elec], 5000, 1e-9);
        /* the shutdown: 240 per day x 10 h / 24 */
        CHECK_NEAR(sv[pet], 100, 1e-9);
        CHECK_NEAR(sv[tel], 12000, 1e-9);
        CHECK_NEAR(sv[wat], 20000, 1e-9); /* 0.5 physical + 0.5 business */
        CHECK_NEAR(ssim_results_f64(&j.res, SSIM_COL_LOSS_YEN)[t],
                   5000 * 10 + 100 * 100 + 12000 * 1 + 20000 * 2, 1e-6);
        /* Tokyo: electricity 250, telecom 300, water 1000 of 2000 residents;
         * independent: 2000 (1 - 0.875 x 0.85 x 0.5) = 1256.25; Osaka: 300 */
        CHECK_NEAR(ssim_results_f64(&j.res, SSIM_COL_PEAK_PEOPLE)[t], 1556.25, 1e-9);
        CHECK_NEAR(ssim_results_f64(&j.res, SSIM_COL_PEOPLE_HOURS)[t], 1556.25 * 20, 1e-6);
        CHECK_EQ_INT(ssim_results_i32(&j.res, SSIM_COL_OPERATORS_OUT)[t], 4);
        CHECK_NEAR(ssim_results_f64(&j.res, SSIM_COL_DETECTION_HOURS)[t], 100, 0);
    }
    /* bounds (means over trials: folded columns) */
    CHECK_NEAR(j.res.col[SSIM_COL_PEOPLE_HOURS_LOW].mean[0], (1000 + 300) * 20.0, 1e-6);
    CHECK_NEAR(j.res.col[SSIM_COL_PEOPLE_HOURS_HIGH].mean[0], (1550 + 300) * 20.0, 1e-6);
    /* residence: M1's head office in Hokkaido has no one affected */
    const double *pref = j.res.col[SSIM_COL_PREF_PEOPLE_HOURS].mean;
    CHECK_NEAR(pref[13 - 1], 1256.25 * 20, 1e-6);
    CHECK_NEAR(pref[27 - 1], 300 * 20.0, 1e-9);
    CHECK(pref[1 - 1] == 0);
    CHECK_NEAR(j.res.col[SSIM_COL_SECTOR_SHUTDOWN].mean[pet], 1, 0);
    CHECK_NEAR(j.res.col[SSIM_COL_SECTOR_SHUTDOWN].mean[elec], 0, 0);
    done(&j);
    /* another incident type: no row names it for petroleum IT, so no shutdown */
    CHECK(run(&j, "  type: wiper\n" CONS_INCIDENT, 1, 1) == 0);
    CHECK(ssim_results_f64(&j.res, SSIM_COL_SECTOR_SERVICE)[pet] == 0);
    CHECK_NEAR(j.res.col[SSIM_COL_SECTOR_SHUTDOWN].mean[pet], 0, 0);
    done(&j);
    remove_cons_files();
}

/* A coupling table of the default row only changes nothing, to the byte. */
static void test_coupling_default_is_identity(void)
{
    write_consequence_network(0);
    job_t j;
    CHECK(run(&j, CONS_INCIDENT, 50, 2) == 0);
    uint64_t plain = j.res.verification;
    done(&j);
    write_file("coupling.csv",
               "sector,privilege,incident_type,capacity_loss,service_loss,shutdown_probability,"
               "shutdown_median_hours,shutdown_sigma,source,confidence\n"
               "*,*,*,1,0,0,1,0,the wave-1 model,low\n");
    CHECK(run(&j, CONS_INCIDENT, 50, 2) == 0);
    CHECK(j.res.verification == plain);
    done(&j);
    remove_cons_files();
}

/* Detection driven by outages: one outage at t = 1 raises V's hazard to
 * lambda, so detection - 1 ~ Exp(lambda) (mean 1 / lambda); a quiet payload
 * (espionage) raises nothing and stays undetected to the horizon. */
static void test_detection_by_outage(void)
{
    write_file("operators.csv", "id,name,sector,prefecture,customers,designated\n"
                                "O1,a,electricity,13,10,0\nO2,b,water,13,10,0\n");
    write_file("suppliers.csv", "id,name,country,category\nV,v,US,endpoint_security\n");
    write_file("supply.csv", "supplier,customer,channel,install_lag_hours,share,privilege\n"
                             "V,O1,auto,1,1,endpoint\nV,O2,auto,50,1,endpoint\n");
    write_file("dependencies.csv", "operator,provider,kind,buffer_hours,loss\n");
    const char *det = "  dormancy_hours: 0\n  detection_hours: 1000\n"
                      "  detection_hazard: { per_outage_per_hour: 0.5 }\n"
                      "outage:\n  probability: { it: 1, ot: 1, endpoint: 1 }\n"
                      "  duration_hours: { default: 5 }\n";
    job_t j;
    enum { T = 4000 };
    CHECK(run(&j, det, T, 2) == 0);
    double sum = 0;
    int o2 = 0;
    for (uint64_t t = 0; t < T; t++) {
        sum += ssim_results_f64(&j.res, SSIM_COL_DETECTION_HOURS)[t] - 1.0;
        o2 += ssim_results_i32(&j.res, SSIM_COL_OPERATORS_COMPROMISED)[t] == 2;
    }
    /* mean 2 h, SE 2 / sqrt(T) */
    CHECK_NEAR(sum / T, 2.0, 4 * 2.0 / sqrt((double)T));
    /* O2 installs at 50 only if V is still unrevoked: P = exp(-0.5 x 49) */
    CHECK(o2 == 0);
    done(&j);
    char quiet[512];
    snprintf(quiet, sizeof quiet, "  type: espionage\n%s", det);
    CHECK(run(&j, quiet, 20, 1) == 0);
    for (uint64_t t = 0; t < 20; t++)
        CHECK(ssim_results_f64(&j.res, SSIM_COL_DETECTION_HOURS)[t] == 100);
    done(&j);
}

/* The saturating form: 20 operators all crash at t = 1 (auto, lag 1).  Each
 * adds lambda = 0.5 per hour up to max_outages m, so detection - 1 ~
 * Exp(lambda min(20, m)): mean 1 / (lambda min(20, m)), i.e. 2 h with m = 1
 * however many crash, 0.4 h with m = 5, 0.1 h without a cap (as linear). */
static void test_detection_saturates(void)
{
    char ops[2048] = "id,name,sector,prefecture,customers,designated\n";
    char sup[2048] = "supplier,customer,channel,install_lag_hours,share,privilege\n";
    for (int i = 0; i < 20; i++) {
        size_t n = strlen(ops), m = strlen(sup);
        snprintf(ops + n, sizeof ops - n, "O%d,o,water,13,10,0\n", i);
        snprintf(sup + m, sizeof sup - m, "V,O%d,auto,1,1,endpoint\n", i);
    }
    write_file("operators.csv", ops);
    write_file("suppliers.csv", "id,name,country,category\nV,v,US,endpoint_security\n");
    write_file("supply.csv", sup);
    write_file("dependencies.csv", "operator,provider,kind,buffer_hours,loss\n");
    static const struct {
        const char *cap; /* the max_outages entry, "" for none */
        double mean;     /* E[detection - 1], hours */
    } cases[] = {
        {", max_outages: 1", 2.0},
        {", max_outages: 5", 0.4},
        {", max_outages: 20", 0.1},
        {"", 0.1},
    };
    enum { T = 4000 };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        char det[512];
        snprintf(det, sizeof det,
                 "  dormancy_hours: 0\n  detection_hours: 1000\n"
                 "  detection_hazard: { per_outage_per_hour: 0.5%s }\n"
                 "outage:\n  probability: { it: 1, ot: 1, endpoint: 1 }\n"
                 "  duration_hours: { default: 5 }\n",
                 cases[c].cap);
        job_t j;
        CHECK(run(&j, det, T, 2) == 0);
        double sum = 0;
        for (uint64_t t = 0; t < T; t++)
            sum += ssim_results_f64(&j.res, SSIM_COL_DETECTION_HOURS)[t] - 1.0;
        /* an exponential's SD is its mean: 4 standard errors */
        CHECK_NEAR(sum / T, cases[c].mean, 4 * cases[c].mean / sqrt((double)T));
        done(&j);
    }
    /* a cap at or above the count changes nothing, to the byte */
    uint64_t h[2];
    const char *caps[2] = {"", ", max_outages: 20"};
    for (int c = 0; c < 2; c++) {
        char det[512];
        snprintf(det, sizeof det,
                 "  dormancy_hours: 0\n  detection_hours: 1000\n"
                 "  detection_hazard: { per_outage_per_hour: 0.5%s }\n"
                 "outage:\n  probability: { it: 1, ot: 1, endpoint: 1 }\n",
                 caps[c]);
        job_t j;
        CHECK(run(&j, det, 200, 2) == 0);
        h[c] = j.res.verification;
        done(&j);
    }
    CHECK(h[0] == h[1]);
}

/* ssim_network_residence: integers adding up to the customers, by largest
 * remainder (ties to the earlier row). */
static void record_part(int pref, int64_t customers, void *arg)
{
    int64_t *parts = arg;
    parts[pref] += customers;
}

static void test_residence_split(void)
{
    write_consequence_network(0);
    write_file("service_areas.csv", "operator,prefecture,share\nM1,5,0.3333333333\n"
                                    "M1,6,0.3333333333\nM1,7,0.3333333334\n");
    ssim_network_t net;
    CHECK_EQ_INT(ssim_network_load(&net, dir), SSIM_OK);
    int64_t parts[SSIM_N_PREFECTURES + 1] = {0};
    ssim_network_residence(&net, 2, record_part, parts); /* M1: 600 */
    CHECK(parts[5] + parts[6] + parts[7] == 600 && parts[1] == 0);
    memset(parts, 0, sizeof parts);
    net.op_customers[2] = 7;
    ssim_network_residence(&net, 2, record_part, parts);
    CHECK(parts[5] == 2 && parts[6] == 2 && parts[7] == 3);
    memset(parts, 0, sizeof parts);
    ssim_network_residence(&net, 0, record_part, parts); /* E1: none listed */
    CHECK(parts[13] == 1000);
    ssim_network_destroy(&net);
    remove_cons_files();
}

int main(void)
{
    if (!mkdtemp(dir))
        return 1;
    write_network(200);
    test_outage_probability();
    test_revocation_and_transitive();
    test_common_random_numbers();
    test_incident_types();
    test_channel_dynamics();
    test_zero_length_outage();
    test_sums_at_caps();
    test_origin_selection();
    test_verification_hash();
    test_lean_storage();
    test_scope();
    test_consequences();
    test_coupling_default_is_identity();
    test_detection_by_outage();
    test_detection_saturates();
    test_residence_split();
    const char *names[] = {"operators.csv", "suppliers.csv", "supply.csv", "dependencies.csv"};
    for (int i = 0; i < 4; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        unlink(path);
    }
    rmdir(dir);
    return check_report("test_model");
}
