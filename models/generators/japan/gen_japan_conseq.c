/* models/gen_japan_conseq — the consequence model's facts and files (issue 19):
 * each sector's service unit, people per customer and value of lost service
 * (sector_units.csv -> sectors.csv), the IT/OT coupling (it_ot_coupling.csv
 * -> coupling.csv), residents per prefecture (prefectures.csv ->
 * population.csv) and where each operator's customers live (operator_kinds.csv
 * service_area -> service_areas.csv).  File formats: docs/scenario.md
 * "Network files"; the facts and their sources: scenarios/data/japan/README.md.
 *
 * The fact tables are checked at load (FILE:LINE:COL and the rule) and kept as
 * text: sectors.csv and coupling.csv repeat their checked cells verbatim, so
 * the files are byte-identical for given facts.  Service-area shares are
 * integers in units of 1e-9 from a largest-remainder split of 10^9 over the
 * prefectures' populations, written as decimal text: an operator's shares sum
 * to exactly 1 and no floating-point formatting is involved.
 *
 * Cost: O(n x 47) time for n operators; memory O(1) beyond the tables. */
#include "models/generators/japan/gen_japan.h"

#include "core/text.h"

#include <stdio.h>
#include <string.h>

enum { SHARE_UNITS = 1000000000 }; /* service-area shares in units of 1e-9 */

/* source non-empty, confidence high|medium|low. */
static ssim_status_t check_provenance(const ssim_jp_table_t *t, size_t r, size_t src, size_t conf)
{
    int v = 0;
    if (!*ssim_jp_cell(t, r, src))
        return ssim_jp_cell_error(t, r, src, "must not be empty (cite a source or 'assumption: ')");
    return ssim_jp_cell_enum(t, r, conf, ssim_vocab_confidence.names, ssim_vocab_confidence.n, &v);
}

/* ---------------------------------------------------------- sector_units.csv */

enum { U_SECTOR, U_CUST, U_SERVICE, U_PERDAY, U_PEOPLE, U_YEN, U_SOURCE, U_CONF, U_N };
static const char *const unit_cols[U_N] = {"sector",  "customer_unit",       "service_unit",
                                           "per_day", "people_per_customer", "yen_per_service_unit",
                                           "source",  "confidence"};

static ssim_status_t unit_row(const ssim_jp_table_t *t, size_t r, const size_t *c, int *seen)
{
    int sector = 0;
    long long per_day = 0;
    double v = 0;
    ssim_status_t st = ssim_jp_cell_vocab(t, r, c[U_SECTOR], &ssim_vocab_sector, &sector);
    if (st == SSIM_OK && seen[sector])
        st = ssim_jp_cell_error(t, r, c[U_SECTOR], "sector '%s' listed twice",
                                ssim_vocab_sector.names[sector]);
    for (int k = U_CUST; st == SSIM_OK && k <= U_SERVICE; k++)
        if (!*ssim_jp_cell(t, r, c[k]))
            st = ssim_jp_cell_error(t, r, c[k], "must not be empty");
    if (st == SSIM_OK)
        st = ssim_jp_cell_int(t, r, c[U_PERDAY], 0, 1, &per_day);
    if (st == SSIM_OK)
        st = ssim_jp_cell_real(t, r, c[U_PEOPLE], 0, 1000, &v);
    if (st == SSIM_OK)
        st = ssim_jp_cell_real(t, r, c[U_YEN], 0, 1e12, &v);
    if (st == SSIM_OK)
        st = check_provenance(t, r, c[U_SOURCE], c[U_CONF]);
    if (st == SSIM_OK)
        seen[sector] = 1;
    return st;
}

static ssim_status_t load_units(ssim_jp_facts_t *f, const char *dir)
{
    size_t c[U_N];
    int seen[SSIM_MAX_SECTORS] = {0};
    ssim_jp_table_t *t = &f->sector_units;
    ssim_status_t st = ssim_jp_table_open(t, dir, "sector_units.csv", unit_cols, U_N, c);
    for (size_t r = 0; st == SSIM_OK && r < t->n_rows; r++)
        st = unit_row(t, r, c, seen);
    for (size_t k = 0; st == SSIM_OK && k < f->n_kinds; k++)
        if (!seen[f->kinds[k].sector])
            st = ssim_error(SSIM_EINVAL, (ssim_loc_t){t->path, 0, 0},
                            "no row for sector '%s' (of operator kind '%s')",
                            ssim_vocab_sector.names[f->kinds[k].sector], f->kinds[k].name);
    return st;
}

/* ---------------------------------------------------------- it_ot_coupling.csv */

enum {
    C_SECTOR,
    C_PRIV,
    C_TYPE,
    C_CAP,
    C_SERVICE,
    C_PROB,
    C_MEDIAN,
    C_SIGMA,
    C_SOURCE,
    C_CONF,
    C_N
};
static const char *const coupling_cols[C_N] = {"sector",
                                               "privilege",
                                               "incident_type",
                                               "capacity_loss",
                                               "service_loss",
                                               "shutdown_probability",
                                               "shutdown_median_hours",
                                               "shutdown_sigma",
                                               "source",
                                               "confidence"};

/* A key cell: '*' (-1) or a name of the list. */
static ssim_status_t key_cell(const ssim_jp_table_t *t, size_t r, size_t col, const ssim_vocab_t *v,
                              const char *const *names, int n, int *out)
{
    if (strcmp(ssim_jp_cell(t, r, col), "*") == 0) {
        *out = -1;
        return SSIM_OK;
    }
    return v ? ssim_jp_cell_vocab(t, r, col, v, out) : ssim_jp_cell_enum(t, r, col, names, n, out);
}

static ssim_status_t coupling_row(const ssim_jp_table_t *t, size_t r, const size_t *c,
                                  int (*key)[3])
{
    double v = 0;
    ssim_status_t st = key_cell(t, r, c[C_SECTOR], &ssim_vocab_sector, NULL, 0, &key[r][0]);
    if (st == SSIM_OK)
        st = key_cell(t, r, c[C_PRIV], &ssim_vocab_privilege, NULL, 0, &key[r][1]);
    if (st == SSIM_OK)
        st = key_cell(t, r, c[C_TYPE], NULL, ssim_vocab_incident_type.names,
                      ssim_vocab_incident_type.n, &key[r][2]);
    for (size_t q = 0; st == SSIM_OK && q < r; q++)
        if (!memcmp(key[q], key[r], sizeof key[r]))
            st = ssim_jp_cell_error(t, r, c[C_SECTOR],
                                    "key (sector, privilege, incident_type) repeats line %ld",
                                    t->line[q * t->n_cols + c[C_SECTOR]]);
    for (int k = C_CAP; st == SSIM_OK && k <= C_PROB; k++)
        st = ssim_jp_cell_real(t, r, c[k], 0, 1, &v);
    if (st == SSIM_OK && (st = ssim_jp_cell_real(t, r, c[C_MEDIAN], 0, 1e6, &v)) == SSIM_OK &&
        !(v > 0))
        st = ssim_jp_cell_error(t, r, c[C_MEDIAN], "must be > 0 (write 1 when no shutdown)");
    if (st == SSIM_OK)
        st = ssim_jp_cell_real(t, r, c[C_SIGMA], 0, 10, &v);
    if (st == SSIM_OK)
        st = check_provenance(t, r, c[C_SOURCE], c[C_CONF]);
    return st;
}

static ssim_status_t load_coupling(ssim_jp_facts_t *f, const char *dir)
{
    size_t c[C_N];
    int key[256][3];
    ssim_jp_table_t *t = &f->coupling;
    ssim_status_t st = ssim_jp_table_open(t, dir, "it_ot_coupling.csv", coupling_cols, C_N, c);
    if (st == SSIM_OK && t->n_rows > sizeof key / sizeof *key)
        st = ssim_error(SSIM_EINVAL, (ssim_loc_t){t->path, 0, 0}, "at most %zu rows",
                        sizeof key / sizeof *key);
    for (size_t r = 0; st == SSIM_OK && r < t->n_rows; r++)
        st = coupling_row(t, r, c, key);
    return st;
}

/* ---------------------------------------------------------- prefectures.csv */

/* The source and confidence of each prefecture's population (population.csv). */
static ssim_status_t load_pref_text(ssim_jp_facts_t *f, const char *dir)
{
    static const char *const cols[] = {"code", "source", "confidence"};
    size_t c[3];
    ssim_jp_table_t *t = &f->pref_text;
    ssim_status_t st = ssim_jp_table_open(t, dir, "prefectures.csv", cols, 3, c);
    for (size_t r = 0; st == SSIM_OK && r < t->n_rows; r++) {
        long long code = 0;
        st = ssim_jp_cell_int(t, r, c[0], 1, SSIM_N_PREFECTURES, &code); /* unique: facts */
        if (st == SSIM_OK)
            st = check_provenance(t, r, c[1], c[2]);
        if (st == SSIM_OK)
            f->pref_row[code] = r;
    }
    return st;
}

ssim_status_t ssim_jp_conseq_load(ssim_jp_facts_t *f, const char *dir)
{
    ssim_status_t st = load_units(f, dir);
    if (st == SSIM_OK)
        st = load_coupling(f, dir);
    if (st == SSIM_OK)
        st = load_pref_text(f, dir);
    return st;
}

/* ---------------------------------------------------------- writing */

/* The table's named columns, in that order, as CSV rows (cells verbatim). */
static void copy_rows(FILE *out, const ssim_jp_table_t *t, const char *const *cols, size_t n)
{
    size_t c[16];
    if (ssim_jp_table_cols(t, cols, n, c) != SSIM_OK) /* checked at load */
        return;
    for (size_t r = 0; r < t->n_rows; r++)
        for (size_t k = 0; k < n; k++) {
            ssim_text_csv_field(out, ssim_jp_cell(t, r, c[k]));
            fputc(k + 1 < n ? ',' : '\n', out);
        }
}

static void write_population(const ssim_jp_facts_t *f, FILE *out)
{
    static const char *const cols[] = {"source", "confidence"};
    size_t c[2];
    if (ssim_jp_table_cols(&f->pref_text, cols, 2, c) != SSIM_OK)
        return;
    for (int p = 1; p <= SSIM_N_PREFECTURES; p++) {
        fprintf(out, "%d,%lld,", p, (long long)f->pop[p]);
        ssim_text_csv_field(out, ssim_jp_cell(&f->pref_text, f->pref_row[p], c[0]));
        fputc(',', out);
        ssim_text_csv_field(out, ssim_jp_cell(&f->pref_text, f->pref_row[p], c[1]));
        fputc('\n', out);
    }
}

/* 1 when operator i's customers live in prefecture p (by its kind's service area). */
static int serves(const ssim_jp_facts_t *f, ssim_jp_serve_t s, int home, int p)
{
    switch (s) {
    case SSIM_JP_SERVE_AREA:
        return f->area[p] == f->area[home];
    case SSIM_JP_SERVE_REGION:
        return f->region[p] == f->region[home];
    case SSIM_JP_SERVE_NATIONAL:
        return 1;
    default:
        return p == home;
    }
}

/* Rows of operator i: its prefectures' shares of 10^9 by population. */
static ssim_status_t write_areas_of(const ssim_jp_facts_t *f, const ssim_jp_ops_t *ops, size_t i,
                                    FILE *out, size_t *n_rows)
{
    double w[SSIM_N_PREFECTURES];
    int64_t share[SSIM_N_PREFECTURES];
    char id[32];
    ssim_jp_serve_t s = f->kinds[ops->kind[i]].serve;
    for (int p = 1; p <= SSIM_N_PREFECTURES; p++)
        w[p - 1] = serves(f, s, ops->pref[i], p) ? (double)f->pop[p] : 0.0;
    ssim_status_t st = ssim_jp_split(SHARE_UNITS, w, SSIM_N_PREFECTURES, share);
    if (st != SSIM_OK)
        return st;
    ssim_jp_op_id(f, ops, i, id, sizeof id);
    for (int p = 1; p <= SSIM_N_PREFECTURES; p++) {
        if (share[p - 1] <= 0)
            continue;
        if (share[p - 1] == SHARE_UNITS)
            fprintf(out, "%s,%d,1\n", id, p);
        else
            fprintf(out, "%s,%d,0.%09lld\n", id, p, (long long)share[p - 1]);
        (*n_rows)++;
    }
    return SSIM_OK;
}

ssim_status_t ssim_jp_write_conseq(const ssim_jp_facts_t *f, const ssim_jp_ops_t *ops,
                                   ssim_netwrite_t *w, size_t *n_areas)
{
    FILE *out = NULL;
    *n_areas = 0;
    ssim_status_t st = ssim_netwrite_extra(
        w, "sectors.csv",
        "sector,customer_unit,service_unit,per_day,people_per_customer,yen_per_service_unit,"
        "source,confidence",
        &out);
    if (st == SSIM_OK)
        copy_rows(out, &f->sector_units, unit_cols, U_N);
    if (st == SSIM_OK)
        st = ssim_netwrite_extra(w, "coupling.csv",
                                 "sector,privilege,incident_type,capacity_loss,service_loss,"
                                 "shutdown_probability,shutdown_median_hours,shutdown_sigma,"
                                 "source,confidence",
                                 &out);
    if (st == SSIM_OK)
        copy_rows(out, &f->coupling, coupling_cols, C_N);
    if (st == SSIM_OK)
        st = ssim_netwrite_extra(w, "population.csv", "prefecture,population,source,confidence",
                                 &out);
    if (st == SSIM_OK)
        write_population(f, out);
    if (st == SSIM_OK)
        st = ssim_netwrite_extra(w, "service_areas.csv", "operator,prefecture,share", &out);
    /* operators with no customers (wholesale, billing-only kinds) need no rows */
    for (size_t i = 0; st == SSIM_OK && i < ops->n; i++)
        if (f->kinds[ops->kind[i]].serve != SSIM_JP_SERVE_HOME && ops->customers[i] > 0)
            st = write_areas_of(f, ops, i, out, n_areas);
    return st;
}
