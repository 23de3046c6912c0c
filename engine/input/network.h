/* input/network — the network tables, loaded from a directory of CSV files.
 *
 * A network directory holds four files (UTF-8, optional BOM, header row, LF or
 * CRLF line ends, RFC 4180 quoting, extra columns ignored, column order free):
 *
 *   operators.csv     id, name, sector, prefecture, customers, designated
 *   suppliers.csv     id, name, country, category
 *   supply.csv        supplier, customer, channel, install_lag_hours, share, privilege
 *   dependencies.csv  operator, provider, kind, buffer_hours, loss
 *
 * Entities are numbered as graph nodes: operators 0..n_operators-1, then
 * suppliers n_operators..n_operators+n_suppliers-1.  A supply edge's customer
 * is an operator or another supplier (vendor-of-vendor).  Every rule broken is
 * reported as FILE:LINE:COL with the rule (see docs/scenario.md "Network
 * files"), and loading stops at the first error with SSIM_EINVAL.
 */
#ifndef SSIM_INPUT_NETWORK_H
#define SSIM_INPUT_NETWORK_H

#include "core/status.h"
#include "core/strmap.h"
#include "core/vocab.h"

#include <stddef.h>
#include <stdint.h>

/* Size caps: a tiny malicious file cannot make the loader exhaust memory. */
#define SSIM_NET_MAX_LINE_BYTES (1 << 16)   /* one CSV record */
#define SSIM_NET_MAX_FIELDS 64              /* columns per record */
#define SSIM_NET_MAX_ID_BYTES 256           /* id and name fields */
#define SSIM_NET_MAX_ROWS 100000000L        /* rows per file (1e8) */
#define SSIM_NET_MAX_CUSTOMERS 1000000000LL /* customers of one operator (1e9) */
/* All operators' customers together (1e12, over 100 times the world's
 * population).  The supply-chain model counts customers out in 64-bit
 * millionths: 1e12 x 1e6 = 1e18 stays below INT64_MAX (9.2e18) at any loss. */
#define SSIM_NET_MAX_TOTAL_CUSTOMERS 1000000000000LL
#define SSIM_NET_MAX_LAG_HOURS 1e6 /* install_lag_hours, buffer_hours */

typedef enum {
    SSIM_FILE_OPERATORS = 0,
    SSIM_FILE_SUPPLIERS,
    SSIM_FILE_SUPPLY,
    SSIM_FILE_DEPENDENCIES,
    SSIM_NET_N_FILES
} ssim_net_file_t;

/* The optional consequence files (docs/scenario.md "Consequence files"):
 * absent, each leaves the defaults below (the wave-1 model). */
typedef enum {
    SSIM_OPT_SECTORS = 0,   /* sectors.csv: each sector's units, people and value */
    SSIM_OPT_SERVICE_AREAS, /* service_areas.csv: where an operator's customers live */
    SSIM_OPT_POPULATION,    /* population.csv: residents per prefecture */
    SSIM_OPT_COUPLING,      /* coupling.csv: the IT/OT coupling */
    SSIM_NET_N_OPT_FILES
} ssim_net_opt_file_t;

/* A sector's consequence figures (sectors.csv; defaults when not listed). */
typedef struct {
    char *customer_unit;        /* what operators.csv customers counts ("customers") */
    char *service_unit;         /* what lost service is counted in ("customer-hours") */
    int per_day;                /* customers is a rate per day: lost service = x h / 24 */
    double people_per_customer; /* residents affected per customer unit while out (1) */
    double yen_per_unit;        /* value of one service unit lost, yen (0) */
    long line;                  /* its row in sectors.csv, 0 for the defaults */
} ssim_sector_info_t;

/* One row of coupling.csv: what a crash of a supply edge's share does.
 * sector / privilege / type -1 = any ('*'). */
typedef struct {
    int8_t sector, privilege, type; /* codes: ssim_vocab_sector, _privilege, _incident_type */
    double capacity_loss;           /* share of the crashed share lost as physical capacity */
    double service_loss;            /* share of it lost as business service only */
    double shutdown_probability, shutdown_median_hours, shutdown_sigma;
    long line; /* its row */
} ssim_coupling_row_t;

typedef struct {
    char *path;      /* as opened (directory + file name) */
    char sha256[65]; /* hex digest of the file's bytes */
    uint64_t bytes;
    uint64_t rows; /* data rows (header excluded) */
} ssim_net_file_info_t;

typedef struct {
    char *dir; /* network directory as given */
    ssim_net_file_info_t files[SSIM_NET_N_FILES];

    /* operators, each array of length n_operators */
    size_t n_operators;
    const char **op_id; /* unique, non-empty */
    const char **op_name;
    int8_t *op_sector;      /* code in ssim_vocab_sector */
    int8_t *op_prefecture;  /* JIS code 1..47 */
    int64_t *op_customers;  /* >= 0: people or accounts served (impact weight) */
    uint8_t *op_designated; /* 0/1: designated under the economic security law */

    /* suppliers, each array of length n_suppliers */
    size_t n_suppliers;
    const char **sup_id; /* unique, not equal to any operator id */
    const char **sup_name;
    char (*sup_country)[3]; /* ISO 3166-1 alpha-2, two upper-case letters + NUL */
    int8_t *sup_category;   /* code in ssim_vocab_category */

    /* supply edges, each array of length n_supply */
    size_t n_supply;
    int32_t *sup_src;      /* supplier index 0..n_suppliers-1 */
    int32_t *sup_dst;      /* customer node: operator index, or n_operators + supplier index */
    int8_t *sup_channel;   /* SSIM_CHANNEL_* */
    double *sup_lag_hours; /* install lag, hours, in [0, SSIM_NET_MAX_LAG_HOURS] */
    double *sup_share;     /* share of the customer's systems depending on it, in (0, 1] */
    int8_t *sup_privilege; /* SSIM_PRIV_* */

    /* dependencies, each array of length n_deps */
    size_t n_deps;
    int32_t *dep_op;       /* dependent operator index */
    int32_t *dep_provider; /* provider operator index (!= dep_op) */
    int8_t *dep_kind;      /* code in ssim_vocab_dep_kind */
    double
        *dep_buffer_hours; /* hours it copes without the provider, in [0, SSIM_NET_MAX_LAG_HOURS] */
    double *dep_loss;      /* capacity lost beyond the buffer, in (0, 1] */

    /* the optional consequence files; opt_files[f].path is NULL when absent */
    ssim_net_file_info_t opt_files[SSIM_NET_N_OPT_FILES];
    ssim_sector_info_t sector_info[SSIM_MAX_SECTORS]; /* by code; line 0: not listed (read
                                                         through ssim_network_sector) */
    int64_t population[SSIM_N_PREFECTURES + 1];       /* by JIS code; 0: not given */
    /* residence: operator o's customers live in area_pref[k] with area_share[k],
     * k in area_off[o] .. area_off[o + 1] - 1; area_off NULL or an empty range:
     * all in op_prefecture[o] */
    int64_t *area_off; /* length n_operators + 1, or NULL */
    int8_t *area_pref;
    double *area_share;
    size_t n_areas;
    ssim_coupling_row_t *coupling; /* coupling.csv rows in file order */
    size_t n_coupling;

    /* id -> node index (operators and suppliers share one namespace) */
    ssim_strmap_t ids;

    /* string storage (owned, or in the mapping) */
    char *pool;
    size_t pool_len, pool_cap;

    /* A network loaded from a snapshot (input/snapshot.h): the read-only
     * mapping of the file, which the numeric arrays and the pool point into
     * (not freed, unmapped by ssim_network_destroy); NULL when loaded from
     * CSV files. */
    void *map;
    size_t map_len;
} ssim_network_t;

/* Load the four CSV files from dir into *net (zeroed by this call), then
 * the optional consequence files that exist in dir.  When dir names a file
 * rather than a directory, it is loaded as a network snapshot instead
 * (ssim_snapshot_load: the same network, the same file hashes).  On
 * failure an error naming file:line:col and the rule is raised, *net is left
 * empty, and the status returned (SSIM_EINVAL bad input, including a missing or
 * unopenable file; SSIM_EIO a read error; SSIM_ENOMEM out of memory or size cap). */
ssim_status_t ssim_network_load(ssim_network_t *net, const char *dir);

/* As ssim_network_load, from the four files at paths[SSIM_FILE_OPERATORS ..
 * SSIM_FILE_DEPENDENCIES] (any names: `generate` checks its temporaries
 * before it commits them); net->dir is set to dir. */
ssim_status_t ssim_network_load_files(ssim_network_t *net, const char *dir,
                                      const char *const paths[SSIM_NET_N_FILES]);

/* Release everything; accepts a zeroed or NULL net. */
void ssim_network_destroy(ssim_network_t *net);

/* Node index of an id (operator or supplier), or -1. */
int64_t ssim_network_find(const ssim_network_t *net, const char *id);

/* Base file names, e.g. "supply.csv". */
const char *ssim_network_file_name(ssim_net_file_t f);
const char *ssim_network_opt_file_name(ssim_net_opt_file_t f);

/* Sector s's consequence figures: its sectors.csv row, or the defaults
 * (customers, customer-hours, per_day 0, 1 person per customer, 0 yen). */
static inline ssim_sector_info_t ssim_network_sector(const ssim_network_t *net, int sector)
{
    if (net && sector >= 0 && sector < SSIM_MAX_SECTORS && net->sector_info[sector].line)
        return net->sector_info[sector];
    return (ssim_sector_info_t){"customers", "customer-hours", 0, 1.0, 0.0, 0};
}

/* Residents of prefecture p (1..47): population.csv's figure, or the 2020
 * census built into core/vocab. */
static inline double ssim_network_population(const ssim_network_t *net, int p)
{
    return net && net->population[p] > 0 ? (double)net->population[p]
                                         : (double)ssim_prefecture_population(p);
}

/* Operator o's customers by prefecture of residence: calls fn(pref, customers,
 * arg) for each prefecture, the customers split by the service-area shares in
 * integers that add up to op_customers[o] exactly (largest remainders, ties to
 * the earlier row). */
void ssim_network_residence(const ssim_network_t *net, size_t o,
                            void (*fn)(int pref, int64_t customers, void *arg), void *arg);

#endif
