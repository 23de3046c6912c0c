/* models/gen_japan — private header of the Japan generator (gen_japan*.c).
 *
 * `sectorsim generate japan` builds a synthetic nationwide network calibrated
 * on public facts.  Every number comes from the fact tables in
 * scenarios/data/japan/facts/ (documented, with a source and a confidence on
 * each row, in scenarios/data/japan/README.md); the C code holds only the
 * rules that turn them into rows.  The pipeline (gen_japan.c):
 *
 *   ssim_jp_facts_load      read and check the fact tables          (gen_japan_facts.c,
 *                      rule tables in gen_japan_rules.c)
 *   ssim_jp_ops_build       place operators, size them, customers,
 *                      designation                             (gen_japan_ops.c)
 *   ssim_jp_write_operators / ssim_jp_write_suppliers
 *   ssim_jp_write_supply    supplier->supplier and supplier->operator
 *                      edges sampled by the market shares      (gen_japan_supply.c)
 *   ssim_jp_write_deps      operator->provider dependencies         (gen_japan_deps.c)
 *   ssim_jp_write_conseq    the optional consequence files: sectors, coupling,
 *                      population, service areas               (gen_japan_conseq.c)
 *
 * Randomness: every draw is ssim_rng stream (seed, trial 0, entity, purpose)
 * with the purposes below, so a decision never depends on how many numbers
 * another decision used.  Arithmetic on fact values uses only + - * / and
 * sqrt (exponents are multiples of 1/2), which IEEE 754 rounds exactly, so the
 * files are byte-identical for a seed and scale on any conforming platform.
 *
 * Cost: time O(n log n) and memory O(n) in the number of operators n (the
 * log from sorting each kind for the designation); the fact tables are small.
 */
#ifndef SSIM_MODELS_GEN_JAPAN_H
#define SSIM_MODELS_GEN_JAPAN_H

#include "core/status.h"
#include "core/vocab.h"
#include "input/netwrite.h"

#include <stddef.h>
#include <stdint.h>

enum {
    SSIM_JP_N_AREAS = 10,
    SSIM_JP_MAX_REGIONS = 16,
    SSIM_JP_MAX_PRODUCTS = 24,
    SSIM_JP_NAME_MAX = 64
};

/* ----------------------------------------------------------- fact tables */

/* A small CSV file loaded whole (the fact tables have at most a few hundred
 * rows).  Cells are owned strings; line/col locate each cell for messages. */
typedef struct {
    char *path;
    size_t n_cols, n_rows;
    char **header; /* length n_cols */
    char **cell;   /* length n_rows * n_cols, row-major */
    long *line;    /* length n_rows * n_cols */
    long *col;     /* length n_rows * n_cols */
} ssim_jp_table_t;

/* Load dir/name (header row required, every row as wide as the header).
 * *t is zeroed first; free with ssim_jp_table_free (also after a failure). */
ssim_status_t ssim_jp_table_load(ssim_jp_table_t *t, const char *dir, const char *name);
void ssim_jp_table_free(ssim_jp_table_t *t);

/* Indices of the columns names[0..n-1] into idx; SSIM_EINVAL naming the file
 * and the column when one is missing. */
ssim_status_t ssim_jp_table_cols(const ssim_jp_table_t *t, const char *const *names, size_t n,
                                 size_t *idx);

/* ssim_jp_table_load, then ssim_jp_table_cols: a fact table and its columns.  Free
 * with ssim_jp_table_free (also after a failure). */
ssim_status_t ssim_jp_table_open(ssim_jp_table_t *t, const char *dir, const char *name,
                                 const char *const *names, size_t n, size_t *idx);

/* Cell text (borrowed from the table). */
const char *ssim_jp_cell(const ssim_jp_table_t *t, size_t row, size_t col);

/* Raise SSIM_EINVAL at the cell's FILE:LINE:COL with a printf message. */
ssim_status_t ssim_jp_cell_error(const ssim_jp_table_t *t, size_t row, size_t col, const char *fmt,
                                 ...) __attribute__((format(printf, 4, 5)));

/* Typed cells; each rejects text that is not entirely a value in [lo, hi]. */
ssim_status_t ssim_jp_cell_int(const ssim_jp_table_t *t, size_t row, size_t col, long long lo,
                               long long hi, long long *out);
ssim_status_t ssim_jp_cell_real(const ssim_jp_table_t *t, size_t row, size_t col, double lo,
                                double hi, double *out);
/* A multiple of 1/2 in [lo, hi]; *out2 = 2 x value. */
ssim_status_t ssim_jp_cell_half(const ssim_jp_table_t *t, size_t row, size_t col, double lo,
                                double hi, int *out2);
/* Index of the cell's text in names[0..n-1]. */
ssim_status_t ssim_jp_cell_enum(const ssim_jp_table_t *t, size_t row, size_t col,
                                const char *const *names, int n, int *out);
ssim_status_t ssim_jp_cell_vocab(const ssim_jp_table_t *t, size_t row, size_t col,
                                 const ssim_vocab_t *v, int *out);
/* ';'-separated numbers in [lo, hi]; empty text gives *n = 0 and *out = NULL.
 * Caller frees *out. */
ssim_status_t ssim_jp_cell_list(const ssim_jp_table_t *t, size_t row, size_t col, double lo,
                                double hi, double **out, size_t *n);

/* How operators of a kind are placed over the country (operator_kinds.csv). */
typedef enum {
    SSIM_JP_PLACE_AREA,           /* count/10 operators in each power area */
    SSIM_JP_PLACE_AREA_UNITS,     /* count companies, each with one unit per power area */
    SSIM_JP_PLACE_PREF,           /* count/47 operators in each prefecture */
    SSIM_JP_PLACE_POPULATION,     /* count operators over prefectures by population^pop_exp */
    SSIM_JP_PLACE_MUNICIPALITIES, /* the municipality count of each prefecture */
    SSIM_JP_PLACE_LIST            /* one operator per listed prefecture */
} ssim_jp_place_t;

typedef enum { SSIM_JP_CUST_POPULATION, SSIM_JP_CUST_TOTAL, SSIM_JP_CUST_ZERO } ssim_jp_cust_t;

/* Where the customers of a kind's operator live (operator_kinds.csv service_area;
 * written to service_areas.csv split by prefecture population). */
typedef enum {
    SSIM_JP_SERVE_HOME,    /* its own prefecture only (no service_areas.csv rows) */
    SSIM_JP_SERVE_AREA,    /* the prefectures of its prefecture's power area */
    SSIM_JP_SERVE_REGION,  /* the prefectures of its prefecture's region */
    SSIM_JP_SERVE_NATIONAL /* all 47 prefectures */
} ssim_jp_serve_t;

/* One operator kind: a row of operator_kinds.csv joined with its count in
 * operator_counts.csv, plus what the generator resolves and builds. */
typedef struct {
    char *name, *prefix, *label;
    int sector; /* code in ssim_vocab_sector */
    ssim_jp_place_t place;
    int pop_exp2, size_tail2; /* exponents times 2 (multiples of 1/2) */
    int cover;                /* 1: every allowed unit keeps >= 1 operator at any scale */
    int *prefs;               /* list placement: prefecture codes, length n_list */
    double *weights;          /* list / area_units weights, length n_weights */
    size_t n_list, n_weights;
    uint8_t excluded[SSIM_N_PREFECTURES + 1]; /* 1: no operator of this kind there */
    ssim_jp_cust_t cust;
    ssim_jp_serve_t serve;
    int64_t customers_total; /* SSIM_JP_CUST_TOTAL: national total */
    int designated;          /* operators designated at scale 1 */
    double msp;              /* probability an operator is MSP-managed */
    int64_t count;           /* operator_counts.csv count at scale 1 */
    /* resolved by ssim_jp_facts_load */
    int rule[SSIM_JP_MAX_PRODUCTS]; /* supply rule per product, or -1 */
    size_t share_off[SSIM_JP_MAX_PRODUCTS], share_n[SSIM_JP_MAX_PRODUCTS]; /* market-share rows */
    int *deps; /* dependency rules that apply, file order */
    size_t n_deps;
    /* filled by ssim_jp_ops_build */
    size_t first, n; /* operators first .. first+n-1 */
    int id_width;    /* digits of the id's sequence number */
} ssim_jp_kind_t;

/* A supply rule (supply_rules.csv) resolved to codes. */
typedef struct {
    double uses, lag_min, lag_max, share;
    int channel, privilege, via_msp;
} ssim_jp_rule_t;

/* A market-share row: the supplier picked for a (scope, product) with weight share. */
typedef struct {
    int supplier;
    double share;
} ssim_jp_share_t;

typedef struct {
    char *id, *name;
    char country[3];
    int category; /* code in ssim_vocab_category */
    int region;   /* region index it serves, or -1 (national) */
} ssim_jp_supplier_t;

/* A supplier->supplier rule (supplier_edges.csv). */
typedef struct {
    int supplier;    /* the vendor */
    int customer;    /* a supplier index, or -1: all matching the next two */
    int category;    /* customer category code, or -1: any */
    char country[3]; /* customer country, or "" : any */
    double prob, lag_min, lag_max, share;
    int channel, privilege;
} ssim_jp_supedge_t;

typedef enum {
    SSIM_JP_LOC_AREA,
    SSIM_JP_LOC_PREF,
    SSIM_JP_LOC_REGION,
    SSIM_JP_LOC_NATION
} ssim_jp_loc_t;
typedef enum { SSIM_JP_PICK_WEIGHTED, SSIM_JP_PICK_LARGEST, SSIM_JP_PICK_ALL } ssim_jp_pick_t;

/* A dependency rule (dependency_rules.csv). */
typedef struct {
    int kind;     /* dependency kind code (ssim_vocab_dep_kind) */
    int provider; /* provider operator kind index */
    ssim_jp_loc_t loc;
    ssim_jp_pick_t pick;
    double prob, buf_min, buf_max, loss;
    int loss_share; /* 1: loss x provider's share of its group's weight */
    int widen;      /* 1: empty group -> region -> nation; 0: skip */
} ssim_jp_deprule_t;

typedef struct {
    /* prefectures by JIS code 1..47 (index 0 unused) */
    int64_t pop[SSIM_N_PREFECTURES + 1];
    int area[SSIM_N_PREFECTURES + 1];   /* power area index */
    int region[SSIM_N_PREFECTURES + 1]; /* region index */
    int municipalities[SSIM_N_PREFECTURES + 1];
    int coastal[SSIM_N_PREFECTURES + 1];
    char region_name[SSIM_JP_MAX_REGIONS][SSIM_JP_NAME_MAX];
    int n_regions;
    /* power areas */
    char area_name[SSIM_JP_N_AREAS][SSIM_JP_NAME_MAX];
    int area_hq[SSIM_JP_N_AREAS]; /* head-office prefecture */
    int64_t area_pop[SSIM_JP_N_AREAS];
    /* operator kinds */
    ssim_jp_kind_t *kinds;
    size_t n_kinds;
    /* supply */
    char *product[SSIM_JP_MAX_PRODUCTS];
    int n_products;
    int msp_product; /* index of product "msp", or -1 */
    ssim_jp_rule_t *rules;
    size_t n_rules;
    ssim_jp_share_t *shares;
    size_t n_shares;
    ssim_jp_supplier_t *suppliers;
    size_t n_suppliers;
    ssim_jp_supedge_t *supedges;
    size_t n_supedges;
    /* dependencies */
    ssim_jp_deprule_t *deprules;
    size_t n_deprules;
    /* consequence tables, checked and kept as text (gen_japan_conseq.c) */
    ssim_jp_table_t sector_units;            /* sector_units.csv */
    ssim_jp_table_t coupling;                /* it_ot_coupling.csv */
    ssim_jp_table_t pref_text;               /* prefectures.csv, for its source and confidence */
    size_t pref_row[SSIM_N_PREFECTURES + 1]; /* row of each prefecture in pref_text */
} ssim_jp_facts_t;

/* Load every fact table from dir and check it (file:line:col on error).
 * *f is zeroed first; free with ssim_jp_facts_free (also after a failure). */
ssim_status_t ssim_jp_facts_load(ssim_jp_facts_t *f, const char *dir);
void ssim_jp_facts_free(ssim_jp_facts_t *f);

/* The rule tables (supply_rules, market_shares, supplier_edges,
 * dependency_rules), after the kinds and suppliers; resolves them per kind. */
ssim_status_t ssim_jp_rules_load(ssim_jp_facts_t *f, const char *dir);

/* The consequence tables (sector_units.csv, it_ot_coupling.csv), after the
 * kinds: every sector with an operator kind needs its sector_units row. */
ssim_status_t ssim_jp_conseq_load(ssim_jp_facts_t *f, const char *dir);

/* Index of the operator kind / supplier with that name / id, or -1. */
int ssim_jp_facts_kind(const ssim_jp_facts_t *f, const char *name);
int ssim_jp_facts_supplier(const ssim_jp_facts_t *f, const char *id);

/* ------------------------------------------------------------ operators */

/* The operator table, one entry per operators.csv row (length n). */
typedef struct {
    size_t n;
    int16_t *kind;    /* kind index */
    int8_t *pref;     /* prefecture code 1..47 */
    int32_t *local;   /* 1-based number within (kind, unit), or company number */
    int32_t *company; /* first operator of the same company (itself unless area_units) */
    int64_t *customers;
    double *weight; /* size: drives customers, designation and provider picks */
    uint8_t *designated;
} ssim_jp_ops_t;

/* Place, size and designate the operators of every kind at the given scale. */
ssim_status_t ssim_jp_ops_build(ssim_jp_ops_t *ops, ssim_jp_facts_t *f, double scale);
void ssim_jp_ops_free(ssim_jp_ops_t *ops);

/* Number of operators of kind k at a scale (the placement rules above). */
size_t ssim_jp_kind_count(const ssim_jp_facts_t *f, const ssim_jp_kind_t *k, double scale);

/* Operator id ("WAT-0012") into buf (>= 32 bytes). */
void ssim_jp_op_id(const ssim_jp_facts_t *f, const ssim_jp_ops_t *ops, size_t i, char *buf,
                   size_t size);

/* --------------------------------------------------------------- writing */

void ssim_jp_write_operators(const ssim_jp_facts_t *f, const ssim_jp_ops_t *ops,
                             ssim_netwrite_t *w);
void ssim_jp_write_suppliers(const ssim_jp_facts_t *f, ssim_netwrite_t *w);
/* *n_written receives the number of rows written. */
ssim_status_t ssim_jp_write_supply(const ssim_jp_facts_t *f, const ssim_jp_ops_t *ops,
                                   uint64_t seed, ssim_netwrite_t *w, size_t *n_written);
ssim_status_t ssim_jp_write_deps(const ssim_jp_facts_t *f, const ssim_jp_ops_t *ops, uint64_t seed,
                                 ssim_netwrite_t *w, size_t *n_written);

/* The four optional files of the consequence model (sectors.csv, coupling.csv,
 * population.csv, service_areas.csv) through ssim_netwrite_extra; *n_areas
 * receives the number of service_areas.csv rows. */
ssim_status_t ssim_jp_write_conseq(const ssim_jp_facts_t *f, const ssim_jp_ops_t *ops,
                                   ssim_netwrite_t *w, size_t *n_areas);

/* ------------------------------------------------------------- helpers */

/* Random-stream purposes (part of the stream key: never renumber). */
enum {
    SSIM_JP_P_USES = 100,     /* + product: does the company use this product */
    SSIM_JP_P_PICK = 200,     /* + product: which supplier */
    SSIM_JP_P_LAG = 300,      /* + product: install lag of the operator's edge */
    SSIM_JP_P_MSP = 400,      /* is the company MSP-managed */
    SSIM_JP_P_MSP_PICK = 401, /* which MSP */
    SSIM_JP_P_SUPEDGE = 1000, /* + supplier-edge rule: edge or not (entity = customer supplier) */
    SSIM_JP_P_SUPLAG = 2000,  /* + supplier-edge rule: lag */
    SSIM_JP_P_DEP = 3000,     /* + dependency rule: applies or not */
    SSIM_JP_P_DEPPICK = 4000, /* + dependency rule: which provider */
    SSIM_JP_P_DEPBUF = 5000   /* + dependency rule: buffer hours */
};

/* Uniform on [0, 1) from stream (seed, 0, entity, purpose). */
double ssim_jp_uniform(uint64_t seed, uint32_t entity, uint16_t purpose);

/* x^(k2/2) for k2 >= 0 with * and sqrt only (exact IEEE rounding). */
double ssim_jp_half_pow(double x, int k2);

/* Largest-remainder split of total over weights w (length n, w >= 0, some
 * w > 0): out sums exactly to total; ties go to the lower index. */
ssim_status_t ssim_jp_split(int64_t total, const double *w, size_t n, int64_t *out);

/* Round x >= 0 to the nearest multiple of 1/q (q > 0). */
double ssim_jp_round_to(double x, double q);

#endif
