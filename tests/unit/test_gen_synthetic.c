/* Unit tests of the network generators synthetic, ba, er and sbm
 * (models/gen_*.c), called through the plug-in table exactly as
 * `sectorsim generate` calls them: ssim_netwrite_open -> generate ->
 * ssim_netwrite_close, then ssim_network_load + ssim_graph_build (which
 * reject dangling ids, duplicate edges and every other broken rule).
 *
 * Facts asserted: parameter tables are well formed (defaults within bounds);
 * the same seed gives byte-identical files and another seed different ones;
 * counts match the parameters (operators, suppliers, BA's m(n-1) - m(m-1)/2
 * edges, G(n,m)'s m edges, G(n,p)'s and the SBM's edge counts within 5
 * standard deviations of their means); the synthetic sector mix is exact to
 * one operator at 10^4; every synthetic operator depends on an electricity
 * operator (power) and a telecom operator; statistical facts with stated
 * tolerances (prefecture weights, designated share, Zipf popularity, foreign
 * share); every parameter error is provoked; and (given its path as argv[1])
 * docs/models/generators.md lists every parameter with its table's help text.
 * Runs in about 2 s.
 */
#include "check.h"
#include "core/log.h"
#include "core/status.h"
#include "core/vocab.h"
#include "graph/graph.h"
#include "input/network.h"
#include "input/netwrite.h"
#include "models/generators/generator.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char root[64];
static char errbuf[4096];

/* ---- harness ---- */

/* Parameter values: the table's defaults, then "name", "value" overrides
 * (NULL-terminated list). */
static void make_args(const ssim_generator_t *g, uint64_t seed, const char *const *kv,
                      ssim_gen_args_t *a)
{
    memset(a, 0, sizeof *a);
    a->seed = seed;
    for (int i = 0; g->params[i].name; i++) {
        const char *v = g->params[i].def;
        for (int k = 0; kv && kv[k]; k += 2)
            if (!strcmp(kv[k], g->params[i].name))
                v = kv[k + 1];
        if (g->params[i].kind == SSIM_GEN_TEXT)
            a->text[i] = v;
        else
            a->real[i] = strtod(v, NULL);
    }
}

/* Generate into root/sub; returns the generator's status. */
static ssim_status_t gen(const char *name, uint64_t seed, const char *const *kv, const char *sub)
{
    const ssim_generator_t *g = ssim_generator_find(name);
    if (!g)
        return SSIM_EINTERNAL;
    char dir[128];
    snprintf(dir, sizeof dir, "%s/%s", root, sub);
    ssim_gen_args_t a;
    make_args(g, seed, kv, &a);
    ssim_netwrite_t w;
    ssim_status_t st = ssim_netwrite_open(&w, dir);
    if (st != SSIM_OK)
        return st;
    st = g->generate(&a, &w);
    ssim_status_t cst = ssim_netwrite_close(&w, st == SSIM_OK);
    return st != SSIM_OK ? st : cst;
}

/* Load root/sub and build its graph; both must succeed. */
static int load(const char *sub, ssim_network_t *net, ssim_graph_t *graph)
{
    char dir[128];
    snprintf(dir, sizeof dir, "%s/%s", root, sub);
    memset(graph, 0, sizeof *graph);
    ssim_status_t st = ssim_network_load(net, dir);
    CHECK_EQ_INT(st, SSIM_OK);
    if (st != SSIM_OK)
        return 0;
    st = ssim_graph_build(graph, net);
    CHECK_EQ_INT(st, SSIM_OK);
    return st == SSIM_OK;
}

static void unload(ssim_network_t *net, ssim_graph_t *graph)
{
    ssim_graph_destroy(graph);
    ssim_network_destroy(net);
}

/* 1 when the four files of root/a and root/b are byte-identical. */
static int same_files(const char *a, const char *b)
{
    int same = 1;
    for (int f = 0; f < SSIM_NET_N_FILES && same; f++) {
        char pa[160], pb[160];
        snprintf(pa, sizeof pa, "%s/%s/%s", root, a, ssim_network_file_name(f));
        snprintf(pb, sizeof pb, "%s/%s/%s", root, b, ssim_network_file_name(f));
        FILE *fa = fopen(pa, "rb"), *fb = fopen(pb, "rb");
        if (!fa || !fb) {
            same = 0;
        } else {
            int ca, cb;
            do {
                ca = getc(fa);
                cb = getc(fb);
            } while (ca == cb && ca != EOF);
            same = ca == cb;
        }
        if (fa)
            fclose(fa);
        if (fb)
            fclose(fb);
    }
    return same;
}

static void remove_net(const char *sub)
{
    char p[160];
    for (int f = 0; f < SSIM_NET_N_FILES; f++) {
        snprintf(p, sizeof p, "%s/%s/%s", root, sub, ssim_network_file_name(f));
        unlink(p);
    }
    snprintf(p, sizeof p, "%s/%s", root, sub);
    rmdir(p);
}

/* The generator's status is want and its message contains text. */
static void expect_error(const char *name, const char *const *kv, ssim_status_t want,
                         const char *text)
{
    errbuf[0] = '\0';
    ssim_error_capture(errbuf, sizeof errbuf);
    ssim_status_t st = gen(name, 1, kv, "bad");
    ssim_error_capture(NULL, 0);
    CHECK_EQ_INT(st, want);
    CHECK_STR_CONTAINS(errbuf, text);
    remove_net("bad");
}

/* ---- tables ---- */

static void test_tables(void)
{
    const char *names[] = {"synthetic", "ba", "er", "sbm"};
    for (int k = 0; k < 4; k++) {
        const ssim_generator_t *g = ssim_generator_find(names[k]);
        CHECK(g != NULL);
        if (!g)
            continue;
        CHECK(g->summary && g->summary[0] && g->generate);
        int i = 0;
        for (; g->params[i].name; i++) {
            const ssim_gen_param_t *p = &g->params[i];
            CHECK(p->def && p->help && p->help[0]);
            if (p->kind == SSIM_GEN_TEXT)
                continue;
            double v = strtod(p->def, NULL);
            CHECK(p->min <= v && v <= p->max);
            if (p->kind == SSIM_GEN_INT)
                CHECK(v == floor(v));
        }
        CHECK(i <= SSIM_GEN_MAX_PARAMS);
    }
}

/* ---- synthetic ---- */

static void test_synthetic_determinism(void)
{
    const char *kv[] = {"operators", "2000", NULL};
    CHECK_EQ_INT(gen("synthetic", 7, kv, "d1"), SSIM_OK);
    CHECK_EQ_INT(gen("synthetic", 7, kv, "d2"), SSIM_OK);
    CHECK_EQ_INT(gen("synthetic", 8, kv, "d3"), SSIM_OK);
    CHECK(same_files("d1", "d2"));
    CHECK(!same_files("d1", "d3"));
    remove_net("d1");
    remove_net("d2");
    remove_net("d3");
}

/* Sector counts equal the mix to within one operator. */
static void check_sector_mix(const ssim_network_t *net)
{
    static const double mix[] = {0.02, 0.03, 0.02, 0.12, 0.10, 0.04, 0.03,
                                 0.02, 0.05, 0.15, 0.12, 0.10, 0.20}; /* the default */
    size_t count[SSIM_MAX_SECTORS] = {0};
    for (size_t i = 0; i < net->n_operators; i++)
        count[net->op_sector[i]]++;
    for (int c = 0; c < ssim_vocab_sector.n; c++)
        CHECK_NEAR((double)count[c], mix[c] * (double)net->n_operators, 1.0);
}

/* Every operator has a power dependency on an electricity operator and a
 * telecom dependency on a telecom operator; returns the share of power
 * providers in the dependent's own power area (JIS code ranges by area). */
static double check_power_telecom(const ssim_network_t *net)
{
    int power = ssim_vocab_find(&ssim_vocab_dep_kind, "power");
    int telecom = ssim_vocab_find(&ssim_vocab_dep_kind, "telecom");
    int elec = ssim_vocab_find(&ssim_vocab_sector, "electricity");
    int tel = ssim_vocab_find(&ssim_vocab_sector, "telecom");
    size_t n = net->n_operators, same_pref = 0;
    uint8_t *has = calloc(n, 1);
    CHECK(has != NULL);
    if (!has)
        return 0;
    for (size_t d = 0; d < net->n_deps; d++) {
        int32_t o = net->dep_op[d], p = net->dep_provider[d];
        if (net->dep_kind[d] == power && net->op_sector[p] == elec) {
            has[o] |= 1;
            same_pref += net->op_prefecture[o] == net->op_prefecture[p];
        }
        if (net->dep_kind[d] == telecom && net->op_sector[p] == tel)
            has[o] |= 2;
    }
    size_t both = 0;
    for (size_t i = 0; i < n; i++)
        both += has[i] == 3;
    CHECK_EQ_INT(both, n);
    free(has);
    return (double)same_pref / (double)n;
}

/* Share of designated operators among ESPA sectors; none outside them. */
static double designated_share(const ssim_network_t *net)
{
    int gov = ssim_vocab_find(&ssim_vocab_sector, "government");
    int med = ssim_vocab_find(&ssim_vocab_sector, "medical");
    size_t espa = 0, des = 0, outside = 0;
    for (size_t i = 0; i < net->n_operators; i++) {
        int non = net->op_sector[i] == gov || net->op_sector[i] == med;
        espa += !non;
        des += !non && net->op_designated[i];
        outside += non && net->op_designated[i];
    }
    CHECK_EQ_INT(outside, 0);
    return (double)des / (double)espa;
}

static void test_synthetic_shape(void)
{
    CHECK_EQ_INT(gen("synthetic", 1, NULL, "s"), SSIM_OK);
    ssim_network_t net;
    ssim_graph_t graph;
    if (!load("s", &net, &graph))
        return;
    size_t n = net.n_operators;
    CHECK_EQ_INT(n, 10000);
    CHECK_EQ_INT(net.n_suppliers, 100); /* auto: operators / 100 */
    check_sector_mix(&net);
    /* Most electricity operators' prefectures hold one (200 over 47). */
    CHECK(check_power_telecom(&net) > 0.8);
    /* Designated: the top 2% of ESPA operators; binomial sd 0.0016 at 7700. */
    CHECK_NEAR(designated_share(&net), 0.02, 0.01);
    /* Tokyo's 2020 population share 0.1114; binomial sd 0.0031 at 10^4. */
    size_t tokyo = 0;
    for (size_t i = 0; i < n; i++)
        tokyo += net.op_prefecture[i] == 13;
    CHECK_NEAR((double)tokyo / (double)n, 14047594.0 / 126146099.0, 0.016);
    /* Means: supply edges 4 per operator (a few duplicate draws dropped),
     * dependencies 3 (power, telecom, Poisson(1) more, a few duplicates). */
    size_t to_ops = 0;
    for (size_t e = 0; e < net.n_supply; e++)
        to_ops += (size_t)net.sup_dst[e] < n;
    CHECK_NEAR((double)to_ops / (double)n, 4.0, 0.15);
    CHECK_NEAR((double)net.n_deps / (double)n, 3.0, 0.1);
    CHECK_EQ_INT(graph.n_supplier_cycles, 0);
    CHECK_EQ_INT(graph.n_isolated_operators, 0);
    unload(&net, &graph);
    remove_net("s");
}

/* Share of rank-1 "msp" supplier among msp edges into operators. */
static double msp_top_share(const ssim_network_t *net)
{
    int msp = ssim_vocab_find(&ssim_vocab_category, "msp");
    int32_t first = -1;
    for (size_t j = 0; j < net->n_suppliers && first < 0; j++)
        if (net->sup_category[j] == msp)
            first = (int32_t)j;
    size_t all = 0, top = 0;
    for (size_t e = 0; e < net->n_supply; e++) {
        if ((size_t)net->sup_dst[e] >= net->n_operators ||
            net->sup_category[net->sup_src[e]] != msp)
            continue;
        all++;
        top += net->sup_src[e] == first;
    }
    return all ? (double)top / (double)all : 0;
}

/* The smallest network: 10 operators, most sectors get 0 or 1, electricity
 * and telecom 2 each; every operator still has power and telecom. */
static void test_synthetic_tiny(void)
{
    const char *kv[] = {"operators", "10", "dependency-density", "16", NULL};
    CHECK_EQ_INT(gen("synthetic", 1, kv, "t"), SSIM_OK);
    ssim_network_t net;
    ssim_graph_t graph;
    if (!load("t", &net, &graph))
        return;
    CHECK_EQ_INT(net.n_operators, 10);
    CHECK_EQ_INT(net.n_suppliers, 24);
    size_t count[SSIM_MAX_SECTORS] = {0};
    for (size_t i = 0; i < net.n_operators; i++)
        count[net.op_sector[i]]++;
    CHECK_EQ_INT(count[ssim_vocab_find(&ssim_vocab_sector, "electricity")], 2);
    CHECK_EQ_INT(count[ssim_vocab_find(&ssim_vocab_sector, "telecom")], 2);
    check_power_telecom(&net);
    unload(&net, &graph);
    remove_net("t");
}

/* Zipf popularity: 15 msp suppliers at 100; rank 1 has share 1/H(15, s)
 * (s = 1: 0.301; s = 0: 0.067); about 6000 msp edges, sd <= 0.006. */
static void test_synthetic_concentration(void)
{
    const char *s1[] = {"operators", "10000", "concentration", "1", NULL};
    const char *s0[] = {"operators", "10000", "concentration", "0", NULL};
    double h = 0;
    for (int r = 1; r <= 15; r++)
        h += 1.0 / r;
    ssim_network_t net;
    ssim_graph_t graph;
    CHECK_EQ_INT(gen("synthetic", 3, s1, "z1"), SSIM_OK);
    if (load("z1", &net, &graph)) {
        CHECK_NEAR(msp_top_share(&net), 1 / h, 0.03);
        unload(&net, &graph);
    }
    CHECK_EQ_INT(gen("synthetic", 3, s0, "z0"), SSIM_OK);
    if (load("z0", &net, &graph)) {
        CHECK_NEAR(msp_top_share(&net), 1 / 15.0, 0.02);
        unload(&net, &graph);
    }
    remove_net("z1");
    remove_net("z0");
}

/* Explicit supplier count, foreign share and upstream suppliers. */
static void test_synthetic_suppliers(void)
{
    const char *kv[] = {"operators", "1000",           "suppliers", "3000", "foreign-share",
                        "0.25",      "supplier-edges", "0.2",       NULL};
    CHECK_EQ_INT(gen("synthetic", 5, kv, "f"), SSIM_OK);
    ssim_network_t net;
    ssim_graph_t graph;
    if (!load("f", &net, &graph))
        return;
    CHECK_EQ_INT(net.n_suppliers, 3000);
    size_t foreign = 0, s2s = 0;
    for (size_t j = 0; j < net.n_suppliers; j++)
        foreign += strcmp(net.sup_country[j], "JP") != 0;
    for (size_t e = 0; e < net.n_supply; e++)
        s2s += (size_t)net.sup_dst[e] >= net.n_operators;
    CHECK_NEAR((double)foreign / 3000.0, 0.25, 0.04); /* sd 0.008 */
    /* 600 upstream suppliers (sd 22) with 1 + Poisson(2) distinct targets. */
    CHECK_NEAR((double)s2s, 1800.0, 250.0);
    CHECK_EQ_INT(graph.n_supplier_cycles, 0);
    unload(&net, &graph);
    remove_net("f");
}

static void test_synthetic_errors(void)
{
    const char *sup[] = {"suppliers", "5", NULL};
    expect_error("synthetic", sup, SSIM_EINVAL, "--suppliers must be 0 (auto) or >= 12");
    const char *m1[] = {"sector-mix", "water:1,foo:2", NULL};
    expect_error("synthetic", m1, SSIM_EINVAL, "unknown sector 'foo'");
    const char *m2[] = {"sector-mix", "water:1,electricity:0,telecom:1", NULL};
    expect_error("synthetic", m2, SSIM_EINVAL, "electricity and telecom need weights > 0");
    const char *m3[] = {"sector-mix", "electricity:1,telecom:-1", NULL};
    expect_error("synthetic", m3, SSIM_EINVAL, "weight of 'telecom' must be a finite number");
    const char *m4[] = {"sector-mix", "electricity:1,electricity:2", NULL};
    expect_error("synthetic", m4, SSIM_EINVAL, "sector 'electricity' given twice");
    const char *m5[] = {"sector-mix", "electricity", NULL};
    expect_error("synthetic", m5, SSIM_EINVAL, "each item must be SECTOR:WEIGHT");
    const char *m6[] = {"sector-mix", "electricity:0,telecom:0", NULL};
    expect_error("synthetic", m6, SSIM_EINVAL, "must not all be 0");
    const char *cap[] = {"operators", "10000000", "dependency-density", "16", NULL};
    expect_error("synthetic", cap, SSIM_ENOMEM, "more than the network loader accepts");
}

/* ---- classic random graphs ---- */

/* Every dependency is kind other, buffer 0, loss 1, and its reverse exists
 * (rows come in pairs u<-v, v<-u); S0 supplies `seeds` distinct operators. */
static void check_graph_mapping(const ssim_network_t *net, size_t seeds)
{
    int other = ssim_vocab_find(&ssim_vocab_dep_kind, "other");
    size_t bad = 0;
    for (size_t d = 0; d + 1 < net->n_deps; d += 2)
        bad += net->dep_op[d] != net->dep_provider[d + 1] ||
               net->dep_provider[d] != net->dep_op[d + 1];
    for (size_t d = 0; d < net->n_deps; d++)
        bad += net->dep_kind[d] != other || net->dep_buffer_hours[d] != 0 || net->dep_loss[d] != 1;
    CHECK_EQ_INT(bad, 0);
    CHECK_EQ_INT(net->n_deps % 2, 0);
    CHECK_EQ_INT(net->n_suppliers, 1);
    CHECK(!strcmp(net->sup_id[0], "S0"));
    CHECK_EQ_INT(net->n_supply, seeds);
    for (size_t i = 0; i < net->n_operators; i++)
        bad += net->op_customers[i] != 1 || net->op_designated[i] != 0;
    CHECK_EQ_INT(bad, 0);
}

static void test_ba(void)
{
    const char *kv[] = {"nodes", "2000", "m", "3", "seeds", "4", NULL};
    CHECK_EQ_INT(gen("ba", 11, kv, "b1"), SSIM_OK);
    CHECK_EQ_INT(gen("ba", 11, kv, "b2"), SSIM_OK);
    CHECK_EQ_INT(gen("ba", 12, kv, "b3"), SSIM_OK);
    CHECK(same_files("b1", "b2"));
    CHECK(!same_files("b1", "b3"));
    ssim_network_t net;
    ssim_graph_t graph;
    if (load("b1", &net, &graph)) {
        CHECK_EQ_INT(net.n_operators, 2000);
        CHECK_EQ_INT(net.n_deps, 2 * (3 * 1999 - 3)); /* m (n - 1) - m (m - 1) / 2 edges */
        check_graph_mapping(&net, 4);
        size_t rr = 0;
        for (size_t i = 0; i < net.n_operators; i++)
            rr += net.op_sector[i] == (int)(i % (size_t)ssim_vocab_sector.n);
        CHECK_EQ_INT(rr, 2000);
        unload(&net, &graph);
    }
    remove_net("b1");
    remove_net("b2");
    remove_net("b3");
    const char *bad[] = {"nodes", "5", "m", "5", NULL};
    expect_error("ba", bad, SSIM_EINVAL, "--m must be < --nodes");
    const char *big[] = {"nodes", "10000000", "m", "20", NULL};
    expect_error("ba", big, SSIM_ENOMEM, "more than the network loader accepts");
    const char *seeds[] = {"nodes", "10", "m", "2", "seeds", "11", NULL};
    expect_error("ba", seeds, SSIM_EINVAL, "--seeds must be in [1, nodes]");
}

static void test_er(void)
{
    /* G(n,p): edges ~ Binomial(n(n-1)/2, p), mean 40000, sd 200. */
    const char *gnp[] = {"nodes", "20000", "mean-degree", "4", NULL};
    CHECK_EQ_INT(gen("er", 21, gnp, "e1"), SSIM_OK);
    CHECK_EQ_INT(gen("er", 21, gnp, "e2"), SSIM_OK);
    CHECK_EQ_INT(gen("er", 22, gnp, "e3"), SSIM_OK);
    CHECK(same_files("e1", "e2"));
    CHECK(!same_files("e1", "e3"));
    ssim_network_t net;
    ssim_graph_t graph;
    if (load("e1", &net, &graph)) {
        CHECK_NEAR((double)net.n_deps / 2, 40000.0, 5 * 200.0);
        check_graph_mapping(&net, 1);
        unload(&net, &graph);
    }
    const char *gnm[] = {"nodes", "1001", "mean-degree", "3", "model", "gnm", "seeds", "7", NULL};
    CHECK_EQ_INT(gen("er", 23, gnm, "e4"), SSIM_OK);
    if (load("e4", &net, &graph)) {
        CHECK_EQ_INT(net.n_deps, 2 * 1502); /* round(3 * 1001 / 2) */
        check_graph_mapping(&net, 7);
        unload(&net, &graph);
    }
    for (int k = 1; k <= 4; k++) {
        char sub[8];
        snprintf(sub, sizeof sub, "e%d", k);
        remove_net(sub);
    }
    const char *model[] = {"model", "gnx", NULL};
    expect_error("er", model, SSIM_EINVAL, "--model must be gnp or gnm");
    const char *deg[] = {"nodes", "10", "mean-degree", "10", NULL};
    expect_error("er", deg, SSIM_EINVAL, "--mean-degree must be <= nodes - 1");
}

/* Blocks 750, 750, 1500: within-block edges mean 16860 (sd 130), between
 * 2812.5 (sd 53); sector = block. */
static void test_sbm(void)
{
    const char *kv[] = {"nodes", "3000", "blocks", "3",     "block-sizes", "1,1,2",
                        "p-in",  "0.01", "p-out",  "0.001", NULL};
    CHECK_EQ_INT(gen("sbm", 31, kv, "m1"), SSIM_OK);
    CHECK_EQ_INT(gen("sbm", 31, kv, "m2"), SSIM_OK);
    CHECK_EQ_INT(gen("sbm", 32, kv, "m4"), SSIM_OK);
    CHECK(same_files("m1", "m2"));
    CHECK(!same_files("m1", "m4"));
    ssim_network_t net;
    ssim_graph_t graph;
    if (load("m1", &net, &graph)) {
        size_t within = 0, between = 0, bad = 0;
        for (size_t d = 0; d < net.n_deps; d += 2) {
            int a = net.op_sector[net.dep_op[d]], b = net.op_sector[net.dep_provider[d]];
            within += a == b;
            between += a != b;
        }
        CHECK_NEAR((double)within, 16860.0, 5 * 130.0);
        CHECK_NEAR((double)between, 2812.5, 5 * 53.0);
        for (size_t i = 0; i < net.n_operators; i++)
            bad += net.op_sector[i] != (i < 750 ? 0 : i < 1500 ? 1 : 2);
        CHECK_EQ_INT(bad, 0);
        check_graph_mapping(&net, 1);
        unload(&net, &graph);
    }
    remove_net("m1");
    remove_net("m2");
    remove_net("m4");
    const char *sec[] = {"nodes", "1000", "block-sizes", "sectors", NULL};
    CHECK_EQ_INT(gen("sbm", 1, sec, "m3"), SSIM_OK);
    if (load("m3", &net, &graph)) {
        size_t med = 0; /* the default mix gives medical 0.20 */
        for (size_t i = 0; i < net.n_operators; i++)
            med += net.op_sector[i] == ssim_vocab_find(&ssim_vocab_sector, "medical");
        CHECK_EQ_INT(med, 200);
        unload(&net, &graph);
    }
    remove_net("m3");
    const char *b1[] = {"blocks", "3", "block-sizes", "1,2", NULL};
    expect_error("sbm", b1, SSIM_EINVAL, "3 comma-separated weights");
    const char *b2[] = {"blocks", "4", "block-sizes", "sectors", NULL};
    expect_error("sbm", b2, SSIM_EINVAL, "--block-sizes sectors needs --blocks 13");
    const char *b3[] = {"blocks", "2", "block-sizes", "0,0", NULL};
    expect_error("sbm", b3, SSIM_EINVAL, "must not all be 0");
    const char *big[] = {"nodes", "10000000", NULL};
    expect_error("sbm", big, SSIM_ENOMEM, "more than the network loader accepts");
}

/* ---- documentation ---- */

static void test_docs(const char *path)
{
    FILE *f = fopen(path, "rb");
    CHECK(f != NULL);
    if (!f)
        return;
    static char doc[1 << 17];
    size_t n = fread(doc, 1, sizeof doc - 1, f);
    doc[n] = '\0';
    fclose(f);
    const char *names[] = {"synthetic", "ba", "er", "sbm"};
    for (int k = 0; k < 4; k++) {
        const ssim_generator_t *g = ssim_generator_find(names[k]);
        for (int i = 0; g && g->params[i].name; i++) {
            char opt[80];
            snprintf(opt, sizeof opt, "| `--%s` |", g->params[i].name);
            CHECK_STR_CONTAINS(doc, opt);
            CHECK_STR_CONTAINS(doc, g->params[i].help);
            if (g->params[i].kind == SSIM_GEN_TEXT)
                CHECK_STR_CONTAINS(doc, g->params[i].def);
        }
    }
}

int main(int argc, char **argv)
{
    snprintf(root, sizeof root, "/tmp/ssim_gen_XXXXXX");
    if (!mkdtemp(root)) {
        perror("mkdtemp");
        return 1;
    }
    ssim_log_set_level(SSIM_LOG_QUIET);
    test_tables();
    test_synthetic_determinism();
    test_synthetic_shape();
    test_synthetic_tiny();
    test_synthetic_concentration();
    test_synthetic_suppliers();
    test_synthetic_errors();
    test_ba();
    test_er();
    test_sbm();
    if (argc > 1)
        test_docs(argv[1]);
    rmdir(root);
    return check_report("test_gen_synthetic");
}
