/* input/netcons — the optional consequence files' data rows (see netload.h
 * and docs/scenario.md "Consequence files"): sectors.csv, service_areas.csv,
 * population.csv and coupling.csv.  Each row handler validates every field,
 * then commits the row; ssim_netload_opt_finish checks what needs all rows
 * (service-area shares add up to 1) and builds the residence index.
 */
#include "input/netload.h"

#include "core/alloc.h"
#include "core/vocab.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* An operator's service-area shares must add up to 1 within this. */
#define SHARE_SUM_TOLERANCE 1e-6
/* people_per_customer above this is surely a unit mistake. */
#define MAX_PEOPLE_PER_CUSTOMER 1000.0
/* yen per service unit above this (a trillion yen) is surely a unit mistake. */
#define MAX_YEN_PER_UNIT 1e12

/* source non-empty, confidence high | medium | low: every number in these
 * files carries its source. */
static ssim_status_t check_sourced(ssim_netload_t *l, const ssim_csv_field_t *source,
                                   const ssim_csv_field_t *confidence)
{
    int8_t c = 0;
    ssim_status_t st = source->len ? SSIM_OK
                                   : ssim_error(SSIM_EINVAL, ssim_netload_at(l, source),
                                                "source must not be empty: every figure "
                                                "carries its source (or \"assumption: ...\")");
    if (st == SSIM_OK)
        st = ssim_netload_vocab(l, confidence, "confidence", &ssim_vocab_confidence, &c);
    return st;
}

/* ---- sectors.csv ---- */

enum { SE_SECTOR, SE_CUNIT, SE_SUNIT, SE_PER_DAY, SE_PEOPLE, SE_YEN, SE_SOURCE, SE_CONF, SE_NCOL };
static const char *const se_columns[SE_NCOL] = {
    "sector",  "customer_unit",       "service_unit",
    "per_day", "people_per_customer", "yen_per_service_unit",
    "source",  "confidence"};

static ssim_status_t sector_row(ssim_netload_t *l, const ssim_csv_field_t *const *f, long line)
{
    ssim_network_t *net = l->net;
    int8_t sector = 0;
    uint8_t per_day = 0;
    double people = 0, yen = 0;
    ssim_status_t st = ssim_netload_vocab(l, f[SE_SECTOR], "sector", &ssim_vocab_sector, &sector);
    if (st == SSIM_OK && net->sector_info[sector].line)
        st = ssim_error(SSIM_EINVAL, ssim_netload_at(l, f[SE_SECTOR]),
                        "duplicate sector \"%s\" (first at line %ld)", f[SE_SECTOR]->text,
                        net->sector_info[sector].line);
    if (st == SSIM_OK)
        st = ssim_netload_text(l, f[SE_CUNIT], "customer_unit");
    if (st == SSIM_OK)
        st = ssim_netload_text(l, f[SE_SUNIT], "service_unit");
    if (st == SSIM_OK)
        st = ssim_netload_flag(l, f[SE_PER_DAY], "per_day", &per_day);
    if (st == SSIM_OK)
        st = ssim_netload_real(l, f[SE_PEOPLE], "people_per_customer", 0, MAX_PEOPLE_PER_CUSTOMER,
                               0, &people);
    if (st == SSIM_OK)
        st = ssim_netload_real(l, f[SE_YEN], "yen_per_service_unit", 0, MAX_YEN_PER_UNIT, 0, &yen);
    if (st == SSIM_OK)
        st = check_sourced(l, f[SE_SOURCE], f[SE_CONF]);
    if (st != SSIM_OK)
        return st;
    ssim_sector_info_t *si = &net->sector_info[sector];
    char *cu = ssim_strdup(f[SE_CUNIT]->text, "sector unit");
    char *su = ssim_strdup(f[SE_SUNIT]->text, "sector unit");
    if (!cu || !su) {
        free(cu);
        free(su);
        return SSIM_ENOMEM;
    }
    free(si->customer_unit);
    free(si->service_unit);
    *si = (ssim_sector_info_t){cu, su, per_day, people, yen, line};
    return SSIM_OK;
}

/* ---- service_areas.csv ---- */

enum { SA_OPERATOR, SA_PREFECTURE, SA_SHARE, SA_NCOL };
static const char *const sa_columns[SA_NCOL] = {"operator", "prefecture", "share"};

static ssim_status_t area_row(ssim_netload_t *l, const ssim_csv_field_t *const *f, long line)
{
    int64_t op = 0, pref = 0;
    double share = 0;
    long first = 0;
    ssim_status_t st = ssim_netload_operator(l, f[SA_OPERATOR], "operator", &op);
    if (st == SSIM_OK)
        st = ssim_netload_int(l, f[SA_PREFECTURE], "prefecture", 1, SSIM_N_PREFECTURES, &pref);
    if (st == SSIM_OK)
        st = ssim_netload_real(l, f[SA_SHARE], "share", 0, 1, 1, &share);
    if (st == SSIM_OK)
        st = ssim_netload_key(&l->areas, (uint64_t)op << 8 | (uint64_t)pref, line, &first);
    if (st == SSIM_OK && first)
        st = ssim_error(SSIM_EINVAL, ssim_netload_at(l, f[SA_OPERATOR]),
                        "duplicate service area \"%s\" in prefecture %d (first at line %ld)",
                        f[SA_OPERATOR]->text, (int)pref, first);
    if (st != SSIM_OK)
        return st;
    ssim_network_t *net = l->net;
    if (net->n_areas == l->area_cap) {
        size_t cap = l->area_cap ? 2 * l->area_cap : 64;
        struct ssim_netload_area *grown =
            ssim_realloc(l->area, cap, sizeof *grown, "service areas");
        if (!grown)
            return SSIM_ENOMEM;
        l->area = grown;
        l->area_cap = cap;
    }
    l->area[net->n_areas++] = (struct ssim_netload_area){share, line, (int32_t)op, (int8_t)pref};
    return SSIM_OK;
}

/* ---- population.csv ---- */

enum { PO_PREFECTURE, PO_POPULATION, PO_NCOL };
static const char *const po_columns[PO_NCOL] = {"prefecture", "population"};

static ssim_status_t population_row(ssim_netload_t *l, const ssim_csv_field_t *const *f, long line)
{
    int64_t pref = 0, pop = 0;
    ssim_status_t st =
        ssim_netload_int(l, f[PO_PREFECTURE], "prefecture", 1, SSIM_N_PREFECTURES, &pref);
    if (st == SSIM_OK && l->pop_line[pref])
        st =
            ssim_error(SSIM_EINVAL, ssim_netload_at(l, f[PO_PREFECTURE]),
                       "duplicate prefecture %d (first at line %ld)", (int)pref, l->pop_line[pref]);
    if (st == SSIM_OK)
        st = ssim_netload_int(l, f[PO_POPULATION], "population", 1, SSIM_NET_MAX_CUSTOMERS, &pop);
    if (st != SSIM_OK)
        return st;
    l->pop_line[pref] = line;
    l->net->population[pref] = pop;
    return SSIM_OK;
}

/* ---- coupling.csv ---- */

enum {
    CO_SECTOR,
    CO_PRIVILEGE,
    CO_TYPE,
    CO_CAPACITY,
    CO_SERVICE,
    CO_SHUT_P,
    CO_SHUT_MEDIAN,
    CO_SHUT_SIGMA,
    CO_SOURCE,
    CO_CONF,
    CO_NCOL
};
static const char *const co_columns[CO_NCOL] = {"sector",
                                                "privilege",
                                                "incident_type",
                                                "capacity_loss",
                                                "service_loss",
                                                "shutdown_probability",
                                                "shutdown_median_hours",
                                                "shutdown_sigma",
                                                "source",
                                                "confidence"};

static int is_any(const ssim_csv_field_t *f) { return strcmp(f->text, "*") == 0; }

static ssim_status_t coupling_row(ssim_netload_t *l, const ssim_csv_field_t *const *f, long line)
{
    ssim_network_t *net = l->net;
    ssim_coupling_row_t r = {.sector = -1, .privilege = -1, .type = -1, .line = line};
    ssim_status_t st = SSIM_OK;
    if (!is_any(f[CO_SECTOR]))
        st = ssim_netload_vocab(l, f[CO_SECTOR], "sector ('*' or)", &ssim_vocab_sector, &r.sector);
    if (st == SSIM_OK && !is_any(f[CO_PRIVILEGE]))
        st = ssim_netload_vocab(l, f[CO_PRIVILEGE], "privilege ('*' or)", &ssim_vocab_privilege,
                                &r.privilege);
    if (st == SSIM_OK && !is_any(f[CO_TYPE]))
        st = ssim_netload_vocab(l, f[CO_TYPE], "incident_type ('*' or)", &ssim_vocab_incident_type,
                                &r.type);
    if (st == SSIM_OK)
        st = ssim_netload_real(l, f[CO_CAPACITY], "capacity_loss", 0, 1, 0, &r.capacity_loss);
    if (st == SSIM_OK)
        st = ssim_netload_real(l, f[CO_SERVICE], "service_loss", 0, 1, 0, &r.service_loss);
    if (st == SSIM_OK)
        st = ssim_netload_real(l, f[CO_SHUT_P], "shutdown_probability", 0, 1, 0,
                               &r.shutdown_probability);
    if (st == SSIM_OK)
        st = ssim_netload_real(l, f[CO_SHUT_MEDIAN], "shutdown_median_hours", 0,
                               SSIM_NET_MAX_LAG_HOURS, 1, &r.shutdown_median_hours);
    if (st == SSIM_OK)
        st = ssim_netload_real(l, f[CO_SHUT_SIGMA], "shutdown_sigma", 0, 10, 0, &r.shutdown_sigma);
    if (st == SSIM_OK)
        st = check_sourced(l, f[CO_SOURCE], f[CO_CONF]);
    if (st != SSIM_OK)
        return st;
    for (size_t i = 0; i < net->n_coupling; i++) {
        const ssim_coupling_row_t *q = &net->coupling[i];
        if (q->sector == r.sector && q->privilege == r.privilege && q->type == r.type)
            return ssim_error(SSIM_EINVAL, ssim_netload_at(l, f[CO_SECTOR]),
                              "duplicate coupling row for (%s, %s, %s) (first at line %ld)",
                              f[CO_SECTOR]->text, f[CO_PRIVILEGE]->text, f[CO_TYPE]->text, q->line);
    }
    ssim_coupling_row_t *grown =
        ssim_realloc(net->coupling, net->n_coupling + 1, sizeof *grown, "coupling rows");
    if (!grown)
        return SSIM_ENOMEM;
    net->coupling = grown;
    net->coupling[net->n_coupling++] = r;
    return SSIM_OK;
}

const ssim_netload_rows_t ssim_netload_opt_rows[SSIM_NET_N_OPT_FILES] = {
    [SSIM_OPT_SECTORS] = {se_columns, SE_NCOL, sector_row},
    [SSIM_OPT_SERVICE_AREAS] = {sa_columns, SA_NCOL, area_row},
    [SSIM_OPT_POPULATION] = {po_columns, PO_NCOL, population_row},
    [SSIM_OPT_COUPLING] = {co_columns, CO_NCOL, coupling_row},
};

/* ---- after the rows ---- */

/* Rows k of the service areas in (operator, file order): a counting sort. */
ssim_status_t ssim_netload_opt_finish(ssim_netload_t *l)
{
    ssim_network_t *net = l->net;
    if (net->n_areas == 0)
        return SSIM_OK;
    size_t n = net->n_areas, n_ops = net->n_operators;
    net->area_off = ssim_calloc(n_ops + 1, sizeof *net->area_off, "service-area index");
    net->area_pref = ssim_malloc(n, sizeof *net->area_pref, "service areas");
    net->area_share = ssim_malloc(n, sizeof *net->area_share, "service areas");
    size_t *first_row = ssim_malloc(n_ops + 1, sizeof *first_row, "service-area check");
    if (!net->area_off || !net->area_pref || !net->area_share || !first_row) {
        free(first_row);
        return SSIM_ENOMEM;
    }
    for (size_t i = 0; i < n; i++)
        net->area_off[l->area[i].op + 1]++;
    for (size_t o = 0; o < n_ops; o++)
        net->area_off[o + 1] += net->area_off[o];
    for (size_t o = 0; o <= n_ops; o++)
        first_row[o] = (size_t)net->area_off[o];
    for (size_t i = 0; i < n; i++) {
        size_t k = first_row[l->area[i].op]++;
        net->area_pref[k] = l->area[i].pref;
        net->area_share[k] = l->area[i].share;
    }
    free(first_row);
    /* each listed operator's shares add up to 1 (checked in operator order:
     * the message names the operator's first row) */
    double *sum = ssim_calloc(n_ops + 1, sizeof *sum, "service-area check");
    long *line = ssim_calloc(n_ops + 1, sizeof *line, "service-area check");
    if (!sum || !line) {
        free(sum);
        free(line);
        return SSIM_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        sum[l->area[i].op] += l->area[i].share;
        if (!line[l->area[i].op])
            line[l->area[i].op] = l->area[i].line;
    }
    ssim_status_t st = SSIM_OK;
    for (size_t o = 0; o < n_ops && st == SSIM_OK; o++)
        if (line[o] && fabs(sum[o] - 1.0) > SHARE_SUM_TOLERANCE)
            st = ssim_error(SSIM_EINVAL,
                            (ssim_loc_t){net->opt_files[SSIM_OPT_SERVICE_AREAS].path, line[o], 1},
                            "the shares of operator \"%s\" add up to %.9g, not 1 (within %g)",
                            net->op_id[o], sum[o], SHARE_SUM_TOLERANCE);
    free(sum);
    free(line);
    return st;
}

void ssim_netload_opt_destroy(ssim_netload_t *l)
{
    free(l->area);
    l->area = NULL;
}
