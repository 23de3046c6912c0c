/* models/gen_synthetic — `sectorsim generate synthetic`: a supply-chain
 * network of any size (10 to 10^7 operators) for benchmarks and research.
 *
 * The model (equations and tables in docs/models/generators.md):
 *   - operators: sector counts apportioned exactly from --sector-mix (ids in
 *     sector blocks); prefecture drawn by 2020 census population; customers
 *     from a per-sector truncated Pareto; designated = the top
 *     --designated-top of the customers distribution in ESPA sectors;
 *   - suppliers: category counts apportioned from fixed shares; popularity
 *     Zipf(--concentration) by rank within the category; country JP or, with
 *     probability --foreign-share, a foreign country; a --supplier-edges
 *     fraction are "upstream" and supply about 3 other (non-upstream)
 *     suppliers, so vendor-of-vendor chains have depth 1 and no cycles;
 *   - supply: each operator takes 1 + Poisson(spo - 1) distinct suppliers:
 *     a category by its sector's category weights, then a supplier by
 *     popularity; channel, privilege, install lag and share by category;
 *   - dependencies: every operator depends on power (an electricity operator
 *     in its prefecture, else its power area, else anywhere; weighted by
 *     customers) and on telecom (nationwide, weighted by customers), plus
 *     Poisson(density - 2) others (water, gas, fuel, payments, transport,
 *     logistics) drawn the same way.
 *
 * Scaling: one streamed pass writes every row; memory is O(suppliers) plus,
 * for the provider pools, 12 bytes per operator of a provider sector.  Time
 * O(N log N) (binary searches in cumulative arrays); no allocation per
 * operator.  Every draw comes from a Philox stream keyed by (seed, 0, entity,
 * purpose), so the files are a pure function of the parameters and seed.
 */
#include "models/generators/gen_common.h"
#include "models/generators/generator.h"

#include "core/alloc.h"
#include "core/log.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { P_OPERATORS, P_SUPPLIERS, P_MIX, P_CONC, P_SPO, P_DENSITY, P_FOREIGN, P_SUPEDGES, P_TOP };

static const ssim_gen_param_t params[] = {
    {"operators", SSIM_GEN_INT, "10000", 10, 1e7, "operators (critical-sector organisations)"},
    {"suppliers", SSIM_GEN_INT, "0", 0, 1e6,
     "software suppliers; 0 = auto (operators/100, at least 24, at most 100000); else >= 12"},
    {"sector-mix", SSIM_GEN_TEXT, ssim_gen_default_sector_mix, 0, 0,
     "relative operator counts by sector, SECTOR:WEIGHT,... (electricity, telecom > 0)"},
    {"concentration", SSIM_GEN_REAL, "1", 0, 4,
     "Zipf exponent s of supplier popularity within a category (0 = uniform)"},
    {"suppliers-per-operator", SSIM_GEN_REAL, "4", 1, 32,
     "mean distinct suppliers per operator (1 + Poisson(mean - 1))"},
    {"dependency-density", SSIM_GEN_REAL, "3", 2, 16,
     "mean dependencies per operator incl. power and telecom (2 + Poisson(mean - 2))"},
    {"foreign-share", SSIM_GEN_REAL, "0.4", 0, 1, "probability that a supplier is not Japanese"},
    {"supplier-edges", SSIM_GEN_REAL, "0.05", 0, 0.5,
     "fraction of suppliers that also supply other suppliers (about 3 each)"},
    {"designated-top", SSIM_GEN_REAL, "0.02", 0, 1,
     "designated share of ESPA-sector operators: the largest by customers"},
    {NULL, SSIM_GEN_INT, NULL, 0, 0, NULL},
};

/* ---- fixed profiles (indexed by vocabulary code; names checked at start) ---- */

#define N_CAT 12
#define N_SECTORS 13
enum { CL_UTIL, CL_FIN, CL_TRANS, CL_TEL, CL_PUB, N_CLASSES };

typedef struct {
    const char *name;
    int espa;                              /* a sector of the Economic Security Promotion Act */
    int cls;                               /* row of cat_weights */
    double cust_min, cust_max, cust_alpha; /* truncated Pareto of customers */
    double power_buffer;                   /* hours on backup power (mean) */
} sector_profile_t;

/* clang-format off */
static const sector_profile_t sectors[N_SECTORS] = {
    /* name       ESPA class    x_min x_max  alpha power_buffer h */
    {"electricity", 1, CL_UTIL,  1000, 3e7,   0.6, 0},
    {"gas",         1, CL_UTIL,  1000, 1.2e7, 0.8, 4},
    {"petroleum",   1, CL_UTIL,  500,  1e7,   0.8, 12},
    {"water",       1, CL_UTIL,  500,  1.4e7, 1.0, 12},
    {"finance",     1, CL_FIN,   1000, 5e7,   0.7, 24},
    {"payments",    1, CL_FIN,   1000, 3e7,   0.7, 12},
    {"rail",        1, CL_TRANS, 1000, 1.7e7, 0.7, 0},
    {"aviation",    1, CL_TRANS, 1000, 3e5,   0.8, 24},
    {"ports",       1, CL_TRANS, 100,  1e6,   1.0, 4},
    {"logistics",   1, CL_TRANS, 100,  5e6,   0.9, 4},
    {"telecom",     1, CL_TEL,   100,  8e7,   0.6, 8},
    {"government",  0, CL_PUB,   1000, 1.4e7, 1.0, 24},
    {"medical",     0, CL_PUB,   100,  1e6,   1.2, 72},
};
/* clang-format on */

typedef struct {
    const char *name;
    double supplier_share; /* share of all suppliers in this category */
    int channel, privilege;
    double lag_median; /* hours; lag = median exp(0.8 z) */
    double share;      /* base share; drawn as base (0.5 + 0.5 u) */
} category_profile_t;

static const category_profile_t cats[N_CAT] = {
    {"os", 0.02, SSIM_CHANNEL_AUTO, SSIM_PRIV_ENDPOINT, 72, 0.9},
    {"endpoint_security", 0.05, SSIM_CHANNEL_AUTO, SSIM_PRIV_ENDPOINT, 2, 1.0},
    {"scada_ems", 0.10, SSIM_CHANNEL_MANUAL, SSIM_PRIV_OT, 720, 0.7},
    {"core_banking", 0.05, SSIM_CHANNEL_MANUAL, SSIM_PRIV_IT, 336, 0.8},
    {"payments", 0.08, SSIM_CHANNEL_MANUAL, SSIM_PRIV_IT, 168, 0.6},
    {"network", 0.10, SSIM_CHANNEL_MANUAL, SSIM_PRIV_IT, 336, 0.5},
    {"cloud", 0.05, SSIM_CHANNEL_AUTO, SSIM_PRIV_IT, 1, 0.5},
    {"msp", 0.15, SSIM_CHANNEL_MANAGED, SSIM_PRIV_IT, 24, 0.8},
    {"erp", 0.10, SSIM_CHANNEL_MANUAL, SSIM_PRIV_IT, 168, 0.3},
    {"accounting", 0.10, SSIM_CHANNEL_AUTO, SSIM_PRIV_IT, 48, 0.2},
    {"database", 0.05, SSIM_CHANNEL_MANUAL, SSIM_PRIV_IT, 336, 0.4},
    {"other", 0.15, SSIM_CHANNEL_AUTO, SSIM_PRIV_IT, 168, 0.2},
};

/* Relative weight of each category among an operator's suppliers, by class. */
static const double cat_weights[N_CLASSES][N_CAT] = {
    /* os  edr  scada bank pay  net  cloud msp  erp  acct db   other */
    {3, 2, 3, 0, 0.5, 1.5, 0.5, 1, 1, 0.5, 0.5, 0.5}, /* utilities */
    {3, 2, 0, 3, 2, 1.5, 1, 1, 0.5, 0.5, 1, 0.5},     /* finance, payments */
    {3, 2, 1.5, 0, 1, 1.5, 1, 1, 1.5, 0.5, 0.5, 1},   /* transport */
    {3, 2, 0.5, 0, 0.5, 3, 1.5, 1, 1, 0.5, 1, 0.5},   /* telecom */
    {3, 2, 0, 0, 0.5, 1, 1.5, 2, 1.5, 1, 1, 1},       /* government, medical */
};

/* Foreign supplier countries (ISO 3166-1) and their relative weights. */
#define N_FOREIGN 12
static const char *const foreign_code[N_FOREIGN] = {"US", "DE", "CN", "IL", "GB", "KR",
                                                    "FR", "IN", "TW", "NL", "SE", "CA"};
static const double foreign_w[N_FOREIGN] = {0.55, 0.08, 0.06, 0.05, 0.05, 0.05,
                                            0.04, 0.04, 0.03, 0.02, 0.02, 0.01};

/* Dependency kinds: provider sectors, scope, buffer and loss. */
typedef struct {
    const char *kind;      /* dependencies.csv kind */
    const char *sector[2]; /* provider sectors (second may be NULL) */
    int local;             /* prefer the own prefecture, then the power area */
    double buffer;         /* mean buffer hours (power: the sector's power_buffer) */
    double loss;
} kind_profile_t;

enum { K_POWER, K_TELECOM, N_KINDS = 8 };
static const kind_profile_t kinds[N_KINDS] = {
    {"power", {"electricity", NULL}, 1, 0, 1.0},
    {"telecom", {"telecom", NULL}, 0, 4, 0.5},
    {"water", {"water", NULL}, 1, 24, 0.5},
    {"gas", {"gas", NULL}, 1, 12, 0.3},
    {"fuel", {"petroleum", NULL}, 0, 72, 0.5},
    {"payments", {"finance", "payments"}, 0, 24, 0.2},
    {"transport", {"rail", "aviation"}, 0, 24, 0.2},
    {"logistics", {"logistics", "ports"}, 0, 48, 0.3},
};
/* Weight of each kind among the additional dependencies (power and telecom
 * are the two mandatory ones). */
static const double extra_weight[N_KINDS] = {0, 0, 3, 1, 1, 2, 1, 2};

#define MAX_SUPPLY_PER_OP 64
#define MAX_EXTRA_DEPS 16
#define UPSTREAM_MEAN_TARGETS 3
#define TRIES 8

/* ---- state ---- */

typedef struct {
    uint64_t seed;
    uint32_t n_ops, n_sups;
    int op_width, sup_width;
    double conc, spo, density, foreign_share, sup_edges, top;
    uint32_t sector_first[N_SECTORS + 1]; /* operators of sector c: [first[c], first[c+1]) */
    uint32_t cat_first[N_CAT + 1];        /* suppliers of category c, by popularity rank */
    double *pop_cum; /* length n_sups: cumulative Zipf weight (rank r in its category
                      * block weighs r^-conc), running over all blocks */
    uint32_t *plain; /* length n_sups: the first n_plain are the non-upstream suppliers */
    uint32_t n_plain, n_upstream, n_foreign;
    int kind_code[N_KINDS]; /* code in ssim_vocab_dep_kind */
} syn_t;

/* Providers of one dependency kind, ordered by (power area, prefecture, id):
 * each prefecture's and each area's members are one contiguous range. */
typedef struct {
    uint32_t n;
    uint32_t *member;                            /* length n: operator indices */
    double *cum;                                 /* length n: cumulative weight (customers + 1) */
    uint32_t slot_first[SSIM_N_PREFECTURES + 1]; /* members of prefecture slot k */
} syn_pool_t;

typedef struct {
    int pref;
    int64_t customers;
    int designated;
} syn_op_t;

/* Prefecture, customers and designation of operator i of sector c: a pure
 * function of (seed, i).  u is shared by customers and designation, so the
 * designated operators are exactly the top `top` of the distribution. */
static void op_attrs(const syn_t *s, uint32_t i, int c, syn_op_t *op)
{
    ssim_rng_t rng;
    ssim_rng_seed(&rng, s->seed, 0, i, SSIM_GEN_P_OP_ATTR);
    op->pref = ssim_gen_draw_prefecture(ssim_rng_uniform(&rng));
    double u = ssim_rng_uniform(&rng);
    const sector_profile_t *p = &sectors[c];
    double tail = 1 - pow(p->cust_min / p->cust_max, p->cust_alpha);
    op->customers = llround(p->cust_min * pow(1 - u * tail, -1 / p->cust_alpha));
    op->designated = p->espa && u >= 1 - s->top;
}

/* ---- setup ---- */

static ssim_status_t check_profiles(void)
{
    int ok = ssim_vocab_sector.n == N_SECTORS && ssim_vocab_category.n == N_CAT;
    for (int c = 0; ok && c < N_SECTORS; c++)
        ok = !strcmp(sectors[c].name, ssim_vocab_sector.names[c]);
    for (int c = 0; ok && c < N_CAT; c++)
        ok = !strcmp(cats[c].name, ssim_vocab_category.names[c]);
    for (int k = 0; ok && k < N_KINDS; k++)
        ok = ssim_vocab_find(&ssim_vocab_dep_kind, kinds[k].kind) >= 0;
    if (!ok)
        return ssim_error(SSIM_EINTERNAL, SSIM_LOC_NONE,
                          "generator 'synthetic': its sector, category or dependency-kind "
                          "profiles no longer match core/vocab.c");
    return SSIM_OK;
}

/* Sector blocks of the operators from the mix (electricity and telecom >= 2). */
static ssim_status_t setup_sectors(syn_t *s, const char *mix)
{
    double w[SSIM_MAX_SECTORS];
    ssim_status_t st = ssim_gen_parse_sector_mix("sector-mix", mix, w);
    if (st != SSIM_OK)
        return st;
    int elec = ssim_vocab_find(&ssim_vocab_sector, "electricity");
    int tel = ssim_vocab_find(&ssim_vocab_sector, "telecom");
    if (!(w[elec] > 0) || !(w[tel] > 0))
        return ssim_error(SSIM_EINVAL, SSIM_LOC_NONE,
                          "--sector-mix: electricity and telecom need weights > 0 (every "
                          "operator depends on power and telecom)");
    uint64_t counts[N_SECTORS];
    int need[N_SECTORS] = {0};
    need[elec] = need[tel] = 1;
    ssim_gen_apportion(w, N_SECTORS, s->n_ops, counts);
    ssim_gen_raise_min(counts, N_SECTORS, need, 2);
    s->sector_first[0] = 0;
    for (int c = 0; c < N_SECTORS; c++)
        s->sector_first[c + 1] = s->sector_first[c] + (uint32_t)counts[c];
    return SSIM_OK;
}

/* Country and role of supplier j: a pure function of (seed, j). */
static const char *sup_attrs(const syn_t *s, uint32_t j, int *upstream)
{
    ssim_rng_t rng;
    ssim_rng_seed(&rng, s->seed, 0, j, SSIM_GEN_P_SUP_ATTR);
    int is_foreign = ssim_rng_uniform(&rng) < s->foreign_share;
    int f = ssim_gen_draw_weights(foreign_w, N_FOREIGN, ssim_rng_uniform(&rng));
    *upstream = ssim_rng_uniform(&rng) < s->sup_edges;
    return is_foreign ? foreign_code[f] : "JP";
}

/* Category blocks, Zipf popularity and the non-upstream list. */
static ssim_status_t setup_suppliers(syn_t *s)
{
    double w[N_CAT];
    uint64_t counts[N_CAT];
    int need[N_CAT];
    for (int c = 0; c < N_CAT; c++) {
        w[c] = cats[c].supplier_share;
        need[c] = 1;
    }
    ssim_gen_apportion(w, N_CAT, s->n_sups, counts);
    ssim_gen_raise_min(counts, N_CAT, need, 1);
    s->pop_cum = ssim_malloc(s->n_sups, sizeof *s->pop_cum, "supplier popularity");
    s->plain = ssim_malloc(s->n_sups, sizeof *s->plain, "supplier roles");
    if (!s->pop_cum || !s->plain)
        return SSIM_ENOMEM;
    uint32_t j = 0;
    double cum = 0;
    for (int c = 0; c < N_CAT; c++) {
        s->cat_first[c] = j;
        for (uint64_t r = 1; r <= counts[c]; r++, j++)
            s->pop_cum[j] = cum += pow((double)r, -s->conc);
    }
    s->cat_first[N_CAT] = j;
    for (j = 0; j < s->n_sups; j++) {
        int up;
        s->n_foreign += strcmp(sup_attrs(s, j, &up), "JP") != 0;
        if (up)
            s->n_upstream++;
        else
            s->plain[s->n_plain++] = j;
    }
    return SSIM_OK;
}

/* Count (fill = 0) or place (fill = 1) the operators of one provider sector. */
static void pool_pass(const syn_t *s, int sector, syn_pool_t *p, uint32_t *next, int fill)
{
    for (uint32_t i = s->sector_first[sector]; i < s->sector_first[sector + 1]; i++) {
        syn_op_t op;
        op_attrs(s, i, sector, &op);
        int slot = ssim_gen_slot_of_pref(op.pref);
        if (!fill) {
            p->slot_first[slot + 1]++;
            continue;
        }
        uint32_t k = next[slot]++;
        p->member[k] = i;
        p->cum[k] = (double)op.customers + 1;
    }
}

/* The provider pool of one dependency kind: a counting sort of its sectors'
 * operators by prefecture slot, then cumulative weights.  O(operators of the
 * sectors); p->member and p->cum are freed by the caller (also on failure). */
static ssim_status_t pool_build(const syn_t *s, const kind_profile_t *kind, syn_pool_t *p)
{
    int sec[2] = {ssim_vocab_find(&ssim_vocab_sector, kind->sector[0]),
                  kind->sector[1] ? ssim_vocab_find(&ssim_vocab_sector, kind->sector[1]) : -1};
    memset(p->slot_first, 0, sizeof p->slot_first);
    for (int t = 0; t < 2; t++)
        if (sec[t] >= 0)
            pool_pass(s, sec[t], p, NULL, 0);
    for (int k = 0; k < SSIM_N_PREFECTURES; k++)
        p->slot_first[k + 1] += p->slot_first[k];
    p->n = p->slot_first[SSIM_N_PREFECTURES];
    p->member = ssim_malloc(p->n + 1, sizeof *p->member, "provider pool");
    p->cum = ssim_malloc(p->n + 1, sizeof *p->cum, "provider pool");
    if (!p->member || !p->cum)
        return SSIM_ENOMEM;
    uint32_t next[SSIM_N_PREFECTURES];
    memcpy(next, p->slot_first, sizeof next);
    for (int t = 0; t < 2; t++)
        if (sec[t] >= 0)
            pool_pass(s, sec[t], p, next, 1);
    for (uint32_t k = 1; k < p->n; k++)
        p->cum[k] += p->cum[k - 1];
    return SSIM_OK;
}

/* A provider for operator self in prefecture pref, weighted by customers:
 * in the prefecture, then the power area, then the nation (local kinds), or
 * in the nation (others); -1 when the pool holds nobody but self. */
static int64_t pool_pick(const syn_pool_t *p, int local, int pref, uint32_t self, ssim_rng_t *rng)
{
    int slot = ssim_gen_slot_of_pref(pref);
    int area = ssim_gen_pref_area(pref);
    for (int scope = local ? 0 : 2; scope <= 2; scope++) {
        int a = scope == 0 ? slot : scope == 1 ? ssim_gen_area_first_slot(area) : 0;
        int b = scope == 0   ? slot + 1
                : scope == 1 ? ssim_gen_area_first_slot(area + 1)
                             : SSIM_N_PREFECTURES;
        uint32_t lo = p->slot_first[a], hi = p->slot_first[b];
        for (int t = 0; lo < hi && t < TRIES; t++) {
            uint32_t m = p->member[ssim_gen_draw_cum(p->cum, lo, hi, ssim_rng_uniform(rng))];
            if (m != self)
                return m;
        }
    }
    return -1;
}

/* ---- streamed rows ---- */

/* Channel, lag, share and privilege of an edge from a supplier of category c. */
static void write_edge(ssim_netwrite_t *out, const char *sup, const char *cust, int c,
                       ssim_rng_t *rng)
{
    double z = gsl_cdf_ugaussian_Pinv(ssim_gen_uniform_pos(rng));
    double lag = fmin(cats[c].lag_median * exp(0.8 * z), SSIM_NET_MAX_LAG_HOURS);
    double share =
        fmax(0.01, ssim_gen_round(cats[c].share * (0.5 + 0.5 * ssim_rng_uniform(rng)), 0.01));
    ssim_netwrite_supply(out, sup, cust, cats[c].channel, ssim_gen_round(lag, 0.1), share,
                         cats[c].privilege);
}

static int category_of(const syn_t *s, uint32_t j)
{
    int c = 0;
    while (j >= s->cat_first[c + 1])
        c++;
    return c;
}

static int seen32(const uint32_t *a, int n, uint32_t x)
{
    for (int k = 0; k < n; k++)
        if (a[k] == x)
            return 1;
    return 0;
}

/* Supplier rows, then each upstream supplier's edges to non-upstream ones. */
static void write_suppliers(const syn_t *s, ssim_netwrite_t *out)
{
    char id[48], name[96];
    for (uint32_t j = 0; j < s->n_sups; j++) {
        int up, c = category_of(s, j);
        const char *country = sup_attrs(s, j, &up);
        snprintf(name, sizeof name, "%s %s vendor %u", country, cats[c].name, j);
        ssim_netwrite_supplier(out, ssim_gen_id(id, "S", j, s->sup_width), name, country, c);
    }
    char tid[48];
    for (uint32_t j = 0; j < s->n_sups && s->n_plain > 0; j++) {
        int up, c = category_of(s, j);
        sup_attrs(s, j, &up);
        if (!up)
            continue;
        ssim_rng_t rng;
        ssim_rng_seed(&rng, s->seed, 0, j, SSIM_GEN_P_SUP_EDGES);
        int d = 1 + ssim_gen_poisson(UPSTREAM_MEAN_TARGETS - 1, 15, &rng), n = 0;
        uint32_t got[16];
        ssim_gen_id(id, "S", j, s->sup_width);
        for (int k = 0; k < d; k++) {
            uint32_t t = s->plain[(uint32_t)(ssim_rng_uniform(&rng) * s->n_plain)];
            if (seen32(got, n, t))
                continue;
            got[n++] = t;
            write_edge(out, id, ssim_gen_id(tid, "S", t, s->sup_width), c, &rng);
        }
    }
}

/* Operator i's supply edges: distinct suppliers, category by sector class. */
static void write_supply(const syn_t *s, uint32_t i, int sector, const char *op_id,
                         ssim_netwrite_t *out)
{
    ssim_rng_t rng;
    ssim_rng_seed(&rng, s->seed, 0, i, SSIM_GEN_P_OP_SUPPLY);
    int k = 1 + ssim_gen_poisson(s->spo - 1, MAX_SUPPLY_PER_OP - 1, &rng);
    if ((uint32_t)k > s->n_sups)
        k = (int)s->n_sups;
    uint32_t got[MAX_SUPPLY_PER_OP];
    int n = 0;
    char sid[48];
    for (int e = 0; e < k; e++) {
        for (int t = 0; t < TRIES; t++) {
            int c = ssim_gen_draw_weights(cat_weights[sectors[sector].cls], N_CAT,
                                          ssim_rng_uniform(&rng));
            uint32_t j = ssim_gen_draw_cum(s->pop_cum, s->cat_first[c], s->cat_first[c + 1],
                                           ssim_rng_uniform(&rng));
            if (seen32(got, n, j))
                continue;
            got[n++] = j;
            write_edge(out, ssim_gen_id(sid, "S", j, s->sup_width), op_id, c, &rng);
            break;
        }
    }
}

/* One dependency of kind k on provider p unless (p, k) is already taken. */
static void add_dep(const syn_t *s, int k, int64_t p, int sector, const char *op_id,
                    int64_t (*got)[2], int *n, ssim_rng_t *rng, ssim_netwrite_t *out)
{
    double u = ssim_rng_uniform(rng);
    if (p < 0)
        return;
    for (int t = 0; t < *n; t++)
        if (got[t][0] == p && got[t][1] == k)
            return;
    got[*n][0] = p;
    got[*n][1] = k;
    (*n)++;
    double base = k == K_POWER ? sectors[sector].power_buffer : kinds[k].buffer;
    char pid[48];
    ssim_netwrite_dependency(out, op_id, ssim_gen_id(pid, "OP", (uint64_t)p, s->op_width),
                             s->kind_code[k], ssim_gen_round(base * (0.5 + u), 0.1), kinds[k].loss);
}

/* Operator i's dependencies: power, telecom, then Poisson(density - 2) more. */
static void write_deps(const syn_t *s, const syn_pool_t *pools, uint32_t i, int sector, int pref,
                       const char *op_id, ssim_netwrite_t *out)
{
    ssim_rng_t rng;
    ssim_rng_seed(&rng, s->seed, 0, i, SSIM_GEN_P_OP_DEPS);
    int64_t got[2 + MAX_EXTRA_DEPS][2];
    int n = 0;
    for (int k = K_POWER; k <= K_TELECOM; k++)
        add_dep(s, k, pool_pick(&pools[k], kinds[k].local, pref, i, &rng), sector, op_id, got, &n,
                &rng, out);
    int extra = ssim_gen_poisson(s->density - 2, MAX_EXTRA_DEPS, &rng);
    for (int e = 0; e < extra; e++) {
        int k = ssim_gen_draw_weights(extra_weight, N_KINDS, ssim_rng_uniform(&rng));
        add_dep(s, k, pool_pick(&pools[k], kinds[k].local, pref, i, &rng), sector, op_id, got, &n,
                &rng, out);
    }
}

static void write_operators(const syn_t *s, const syn_pool_t *pools, ssim_netwrite_t *out)
{
    char id[48], name[64];
    for (int c = 0; c < N_SECTORS; c++) {
        for (uint32_t i = s->sector_first[c]; i < s->sector_first[c + 1]; i++) {
            syn_op_t op;
            op_attrs(s, i, c, &op);
            ssim_gen_id(id, "OP", i, s->op_width);
            snprintf(name, sizeof name, "%s %u", sectors[c].name, i);
            ssim_netwrite_operator(out, id, name, c, op.pref, op.customers, op.designated);
            write_supply(s, i, c, id, out);
            write_deps(s, pools, i, c, op.pref, id, out);
        }
    }
}

/* ---- the generator ---- */

static uint32_t auto_suppliers(uint32_t n_ops)
{
    uint32_t n = (n_ops + 50) / 100;
    return n < 24 ? 24 : n > 100000 ? 100000 : n;
}

static ssim_status_t setup(syn_t *s, const ssim_gen_args_t *args)
{
    memset(s, 0, sizeof *s);
    s->seed = args->seed;
    s->n_ops = (uint32_t)args->real[P_OPERATORS];
    s->n_sups = (uint32_t)args->real[P_SUPPLIERS];
    if (s->n_sups > 0 && s->n_sups < N_CAT)
        return ssim_error(SSIM_EINVAL, SSIM_LOC_NONE,
                          "--suppliers must be 0 (auto) or >= %d, "
                          "one per category (got %u)",
                          N_CAT, s->n_sups);
    if (s->n_sups == 0)
        s->n_sups = auto_suppliers(s->n_ops);
    s->conc = args->real[P_CONC];
    s->spo = args->real[P_SPO];
    s->density = args->real[P_DENSITY];
    s->foreign_share = args->real[P_FOREIGN];
    s->sup_edges = args->real[P_SUPEDGES];
    s->top = args->real[P_TOP];
    s->op_width = ssim_gen_id_width(s->n_ops, 6);
    s->sup_width = ssim_gen_id_width(s->n_sups, 5);
    for (int k = 0; k < N_KINDS; k++)
        s->kind_code[k] = ssim_vocab_find(&ssim_vocab_dep_kind, kinds[k].kind);
    ssim_status_t st = check_profiles();
    if (st == SSIM_OK)
        st = setup_sectors(s, args->text[P_MIX]);
    if (st == SSIM_OK)
        st = ssim_gen_check_rows((double)s->n_ops * s->spo + 16.0 * s->n_sups, "supply.csv");
    if (st == SSIM_OK)
        st = ssim_gen_check_rows((double)s->n_ops * s->density, "dependencies.csv");
    if (st == SSIM_OK)
        st = setup_suppliers(s);
    return st;
}

/* Herfindahl–Hirschman index of category c's popularity shares (0..1). */
static double category_hhi(const syn_t *s, int c)
{
    uint32_t a = s->cat_first[c], b = s->cat_first[c + 1];
    double prev = a > 0 ? s->pop_cum[a - 1] : 0, total = s->pop_cum[b - 1] - prev, sum = 0;
    for (uint32_t j = a; j < b; j++) {
        double p = (s->pop_cum[j] - prev) / total;
        prev = s->pop_cum[j];
        sum += p * p;
    }
    return sum;
}

static void report(const syn_t *s)
{
    char line[512];
    int n = 0;
    for (int c = 0; c < N_CAT && n < (int)sizeof line - 40; c++)
        n += snprintf(line + n, sizeof line - (size_t)n, "%s%s %.2f", c ? ", " : "", cats[c].name,
                      category_hhi(s, c));
    ssim_info("synthetic: %u operators, %u suppliers (%u foreign, %u upstream); popularity HHI "
              "by category: %s",
              s->n_ops, s->n_sups, s->n_foreign, s->n_upstream, line);
}

static ssim_status_t generate(const ssim_gen_args_t *args, ssim_netwrite_t *out)
{
    syn_t s;
    syn_pool_t pools[N_KINDS];
    memset(pools, 0, sizeof pools);
    ssim_status_t st = setup(&s, args);
    for (int k = 0; k < N_KINDS && st == SSIM_OK; k++)
        st = pool_build(&s, &kinds[k], &pools[k]);
    if (st == SSIM_OK) {
        report(&s);
        write_suppliers(&s, out);
        write_operators(&s, pools, out);
    }
    for (int k = 0; k < N_KINDS; k++) {
        free(pools[k].member);
        free(pools[k].cum);
    }
    free(s.pop_cum);
    free(s.plain);
    return st;
}

const ssim_generator_t ssim_generator_synthetic = {
    "synthetic", "supply-chain network of any size (10 to 10^7 operators), for benchmarks", params,
    generate};
