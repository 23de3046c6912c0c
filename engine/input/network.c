/* input/network — the network loader (contract in network.h).
 *
 * The four files are read in order (operators, suppliers, supply,
 * dependencies).  For each, the header row maps the required columns by name
 * (file_spec_t), then every data row goes to that file's row handler
 * (netrows.c).  A row handler validates all fields before it changes
 * anything, then commits the row, so the first error stops the load cleanly.
 *
 * Strings (ids and names) live in one growing pool.  While loading, nodes
 * keep pool offsets; they become pointers at the end.  The id map's keys
 * point into the pool, so the map is rebuilt whenever the pool moves
 * (amortised O(1) per id: the pool doubles).  Arrays grow geometrically.
 * Time O(total bytes), memory O(rows).
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* stat */
#endif

#include "input/network.h"
#include "input/netload.h"
#include "input/snapshot.h"

#include "core/alloc.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>

/* Data rows per file; a test build lowers it to provoke the cap cheaply. */
#ifndef SSIM_NET_ROW_CAP
#define SSIM_NET_ROW_CAP SSIM_NET_MAX_ROWS
#endif

/* ---- files ---- */

typedef struct {
    const char *name;                /* base name */
    const char *entity;              /* non-NULL: at least one data row is required */
    const ssim_netload_rows_t *rows; /* its required columns and row handler (netrows.c) */
} file_spec_t;

static const file_spec_t specs[SSIM_NET_N_FILES] = {
    [SSIM_FILE_OPERATORS] = {"operators.csv", "operator", &ssim_netload_rows[SSIM_FILE_OPERATORS]},
    [SSIM_FILE_SUPPLIERS] = {"suppliers.csv", "supplier", &ssim_netload_rows[SSIM_FILE_SUPPLIERS]},
    [SSIM_FILE_SUPPLY] = {"supply.csv", NULL, &ssim_netload_rows[SSIM_FILE_SUPPLY]},
    [SSIM_FILE_DEPENDENCIES] = {"dependencies.csv", NULL,
                                &ssim_netload_rows[SSIM_FILE_DEPENDENCIES]},
};

static const file_spec_t opt_specs[SSIM_NET_N_OPT_FILES] = {
    [SSIM_OPT_SECTORS] = {"sectors.csv", NULL, &ssim_netload_opt_rows[SSIM_OPT_SECTORS]},
    [SSIM_OPT_SERVICE_AREAS] = {"service_areas.csv", NULL,
                                &ssim_netload_opt_rows[SSIM_OPT_SERVICE_AREAS]},
    [SSIM_OPT_POPULATION] = {"population.csv", NULL, &ssim_netload_opt_rows[SSIM_OPT_POPULATION]},
    [SSIM_OPT_COUPLING] = {"coupling.csv", NULL, &ssim_netload_opt_rows[SSIM_OPT_COUPLING]},
};

const char *ssim_network_file_name(ssim_net_file_t f)
{
    return (int)f >= 0 && f < SSIM_NET_N_FILES ? specs[f].name : NULL;
}

const char *ssim_network_opt_file_name(ssim_net_opt_file_t f)
{
    return (int)f >= 0 && f < SSIM_NET_N_OPT_FILES ? opt_specs[f].name : NULL;
}

/* "a, b, c": the required columns, for messages. */
static const char *column_list(const file_spec_t *spec, char *buf, size_t size)
{
    size_t n = 0;
    buf[0] = '\0';
    for (size_t k = 0; k < spec->rows->n_columns && n < size; k++)
        n += (size_t)snprintf(buf + n, size - n, "%s%s", k ? ", " : "", spec->rows->columns[k]);
    return buf;
}

/* Find each required column in the header h: idx[k] = field of column k. */
static ssim_status_t map_header(ssim_netload_t *l, const file_spec_t *spec,
                                const ssim_csv_record_t *h, size_t *idx)
{
    char list[256];
    for (size_t i = 0; i < h->n_fields; i++)
        for (size_t j = 0; j < i && h->fields[i].len; j++)
            if (strcmp(h->fields[i].text, h->fields[j].text) == 0)
                return ssim_error(SSIM_EINVAL, ssim_netload_at(l, &h->fields[i]),
                                  "duplicate column \"%s\" (first at column %ld)",
                                  ssim_netload_shown(l, &h->fields[i]), h->fields[j].col);
    for (size_t k = 0; k < spec->rows->n_columns; k++) {
        idx[k] = h->n_fields;
        for (size_t i = 0; i < h->n_fields; i++)
            if (strcmp(h->fields[i].text, spec->rows->columns[k]) == 0)
                idx[k] = i;
        if (idx[k] == h->n_fields)
            return ssim_error(SSIM_EINVAL, (ssim_loc_t){l->path, h->line, 1},
                              "missing required column \"%s\" (required: %s)",
                              spec->rows->columns[k], column_list(spec, list, sizeof list));
    }
    return SSIM_OK;
}

/* Every data row has as many fields as the header. */
static ssim_status_t check_width(ssim_netload_t *l, const ssim_csv_record_t *rec, size_t width)
{
    if (rec->n_fields == width)
        return SSIM_OK;
    ssim_loc_t loc = rec->n_fields > width ? ssim_netload_at(l, &rec->fields[width])
                                           : (ssim_loc_t){l->path, rec->end_line, rec->end_col};
    return ssim_error(SSIM_EINVAL, loc, "wrong number of fields: expected %zu, got %zu", width,
                      rec->n_fields);
}

/* One data row through spec->row; *rows counts it. */
static ssim_status_t data_row(ssim_netload_t *l, const file_spec_t *spec,
                              const ssim_csv_record_t *rec, size_t width, const size_t *idx,
                              uint64_t *rows)
{
    const ssim_csv_field_t *f[SSIM_NETLOAD_MAX_COLUMNS];
    if (*rows == (uint64_t)SSIM_NET_ROW_CAP)
        return ssim_error(SSIM_ENOMEM, (ssim_loc_t){l->path, rec->line, 1},
                          "more than %ld data rows (size cap)", (long)SSIM_NET_ROW_CAP);
    ssim_status_t st = check_width(l, rec, width);
    if (st != SSIM_OK)
        return st;
    for (size_t k = 0; k < spec->rows->n_columns; k++)
        f[k] = &rec->fields[idx[k]];
    st = spec->rows->row(l, f, rec->line);
    if (st == SSIM_OK)
        ++*rows;
    return st;
}

/* Header, then data rows through spec->row; *rows counts the data rows. */
static ssim_status_t read_table(ssim_netload_t *l, ssim_csv_t *csv, const file_spec_t *spec,
                                uint64_t *rows)
{
    ssim_csv_record_t rec;
    size_t idx[SSIM_NETLOAD_MAX_COLUMNS], width = 0;
    char list[256];
    *rows = 0;
    ssim_status_t st = ssim_csv_next(csv, &rec);
    if (st == SSIM_OK && rec.n_fields == 0)
        st = ssim_error(SSIM_EINVAL, (ssim_loc_t){l->path, 1, 1},
                        "file is empty: expected a header row (%s)",
                        column_list(spec, list, sizeof list));
    if (st == SSIM_OK) {
        width = rec.n_fields;
        st = map_header(l, spec, &rec, idx);
    }
    while (st == SSIM_OK && (st = ssim_csv_next(csv, &rec)) == SSIM_OK && rec.n_fields > 0)
        st = data_row(l, spec, &rec, width, idx, rows);
    if (st == SSIM_OK && *rows == 0 && spec->entity)
        st = ssim_error(SSIM_EINVAL, (ssim_loc_t){l->path, rec.line, rec.end_col},
                        "no data rows: at least one %s is required", spec->entity);
    return st;
}

static ssim_status_t load_file(ssim_netload_t *l, ssim_net_file_info_t *info,
                               const file_spec_t *spec)
{
    ssim_csv_t *csv = NULL;
    l->path = info->path;
    ssim_status_t st = ssim_csv_open(&csv, info->path);
    if (st == SSIM_OK)
        st = read_table(l, csv, spec, &info->rows);
    if (st == SSIM_OK)
        ssim_csv_digest(csv, info->sha256, &info->bytes);
    ssim_csv_close(csv);
    return st;
}
/* ---- the whole load ---- */

static ssim_status_t check_dir(const char *dir)
{
    struct stat sb;
    if (stat(dir, &sb) != 0)
        return ssim_error(SSIM_EINVAL, (ssim_loc_t){dir, 0, 0}, "cannot open network directory: %s",
                          strerror(errno));
    if (!S_ISDIR(sb.st_mode))
        return ssim_error(SSIM_EINVAL, (ssim_loc_t){dir, 0, 0},
                          "not a directory: a network is a directory holding operators.csv, "
                          "suppliers.csv, supply.csv and dependencies.csv");
    return SSIM_OK;
}

/* net->dir and each file's path: dir + "/" + name (no doubled '/'). */
static ssim_status_t set_paths(ssim_network_t *net, const char *dir)
{
    size_t n = strlen(dir);
    const char *sep = n && dir[n - 1] == '/' ? "" : "/";
    net->dir = ssim_strdup(dir, "network directory name");
    if (!net->dir)
        return SSIM_ENOMEM;
    for (int f = 0; f < SSIM_NET_N_FILES; f++) {
        size_t size = n + 1 + strlen(specs[f].name) + 1;
        net->files[f].path = ssim_malloc(size, 1, "network file path");
        if (!net->files[f].path)
            return SSIM_ENOMEM;
        snprintf(net->files[f].path, size, "%s%s%s", dir, sep, specs[f].name);
    }
    return SSIM_OK;
}

/* Turn the pool offsets of ids and names into pointers (the pool is final). */
static ssim_status_t finish(ssim_netload_t *l)
{
    ssim_network_t *net = l->net;
    size_t n_ops = net->n_operators, n_sups = net->n_suppliers;
    net->op_id = ssim_malloc(n_ops, sizeof *net->op_id, "operator ids");
    net->op_name = ssim_malloc(n_ops, sizeof *net->op_name, "operator names");
    net->sup_id = ssim_malloc(n_sups, sizeof *net->sup_id, "supplier ids");
    net->sup_name = ssim_malloc(n_sups, sizeof *net->sup_name, "supplier names");
    if (!net->op_id || !net->op_name || !net->sup_id || !net->sup_name)
        return SSIM_ENOMEM;
    for (size_t i = 0; i < n_ops; i++) {
        net->op_id[i] = net->pool + l->id_off[i];
        net->op_name[i] = net->pool + l->name_off[i];
    }
    for (size_t j = 0; j < n_sups; j++) {
        net->sup_id[j] = net->pool + l->id_off[n_ops + j];
        net->sup_name[j] = net->pool + l->name_off[n_ops + j];
    }
    return SSIM_OK;
}

/* net->dir = dir and each file's path = paths[f] (copies). */
static ssim_status_t copy_paths(ssim_network_t *net, const char *dir,
                                const char *const paths[SSIM_NET_N_FILES])
{
    if (!(net->dir = ssim_strdup(dir, "network directory name")))
        return SSIM_ENOMEM;
    for (int f = 0; f < SSIM_NET_N_FILES; f++)
        if (!(net->files[f].path = ssim_strdup(paths[f], "network file path")))
            return SSIM_ENOMEM;
    return SSIM_OK;
}

/* The optional files that exist in net->dir (after the required files and
 * finish: their rows name operators by id). */
static ssim_status_t load_optional(ssim_netload_t *l)
{
    ssim_network_t *net = l->net;
    size_t n = strlen(net->dir);
    const char *sep = n && net->dir[n - 1] == '/' ? "" : "/";
    ssim_status_t st = SSIM_OK;
    for (int f = 0; st == SSIM_OK && f < SSIM_NET_N_OPT_FILES; f++) {
        size_t size = n + 1 + strlen(opt_specs[f].name) + 1;
        char *path = ssim_malloc(size, 1, "network file path");
        if (!path)
            return SSIM_ENOMEM;
        snprintf(path, size, "%s%s%s", net->dir, sep, opt_specs[f].name);
        struct stat sb;
        if (stat(path, &sb) != 0 && errno == ENOENT) {
            free(path);
            continue;
        }
        net->opt_files[f].path = path;
        st = load_file(l, &net->opt_files[f], &opt_specs[f]);
    }
    return st == SSIM_OK ? ssim_netload_opt_finish(l) : st;
}

/* Load net's files (their paths set, or st an error already); the optional
 * files too when `optional`. */
static ssim_status_t load_all(ssim_network_t *net, ssim_status_t st, int optional)
{
    ssim_netload_t l = {.net = net};
    for (int f = 0; st == SSIM_OK && f < SSIM_NET_N_FILES; f++)
        st = load_file(&l, &net->files[f], &specs[f]);
    if (st == SSIM_OK)
        st = finish(&l);
    if (st == SSIM_OK && optional)
        st = load_optional(&l);
    ssim_netload_destroy(&l);
    if (st != SSIM_OK)
        ssim_network_destroy(net);
    return st;
}

ssim_status_t ssim_network_load(ssim_network_t *net, const char *dir)
{
    if (ssim_snapshot_is_file(dir))
        return ssim_snapshot_load(net, dir);
    memset(net, 0, sizeof *net);
    ssim_status_t st = check_dir(dir);
    if (st == SSIM_OK)
        st = set_paths(net, dir);
    return load_all(net, st, 1);
}

ssim_status_t ssim_network_load_files(ssim_network_t *net, const char *dir,
                                      const char *const paths[SSIM_NET_N_FILES])
{
    memset(net, 0, sizeof *net);
    return load_all(net, copy_paths(net, dir, paths), 0);
}

/* free(p) unless p lies in net's snapshot mapping. */
static void release(const ssim_network_t *net, void *p)
{
    const char *c = p, *m = net->map;
    if (!(m && c >= m && c < m + net->map_len))
        free(p);
}

void ssim_network_destroy(ssim_network_t *net)
{
    if (!net)
        return;
    void *const arrays[] = {
        net->op_id,        net->op_name,       net->op_sector, net->op_prefecture,
        net->op_customers, net->op_designated, net->sup_id,    net->sup_name,
        net->sup_country,  net->sup_category,  net->sup_src,   net->sup_dst,
        net->sup_channel,  net->sup_lag_hours, net->sup_share, net->sup_privilege,
        net->dep_op,       net->dep_provider,  net->dep_kind,  net->dep_buffer_hours,
        net->dep_loss,     net->area_off,      net->area_pref, net->area_share,
        net->coupling,     net->pool};
    for (size_t i = 0; i < sizeof arrays / sizeof arrays[0]; i++)
        release(net, arrays[i]);
    free(net->dir);
    for (int f = 0; f < SSIM_NET_N_FILES; f++)
        free(net->files[f].path);
    for (int f = 0; f < SSIM_NET_N_OPT_FILES; f++)
        free(net->opt_files[f].path);
    for (int s = 0; s < SSIM_MAX_SECTORS; s++) {
        free(net->sector_info[s].customer_unit);
        free(net->sector_info[s].service_unit);
    }
    ssim_strmap_destroy(&net->ids);
    if (net->map)
        munmap(net->map, net->map_len);
    memset(net, 0, sizeof *net);
}

int64_t ssim_network_find(const ssim_network_t *net, const char *id)
{
    return net ? ssim_strmap_get(&net->ids, id) : -1;
}

void ssim_network_residence(const ssim_network_t *net, size_t o,
                            void (*fn)(int pref, int64_t customers, void *arg), void *arg)
{
    int64_t c = net->op_customers[o];
    int64_t k0 = net->area_off ? net->area_off[o] : 0,
            k1 = net->area_off ? net->area_off[o + 1] : 0;
    if (k1 <= k0) {
        fn(net->op_prefecture[o], c, arg);
        return;
    }
    /* floor of each share, then the remainder one by one to the largest
     * fractional parts (ties to the earlier row): integers that add up to c */
    enum { MAX_AREAS = SSIM_N_PREFECTURES };
    int64_t part[MAX_AREAS];
    double frac[MAX_AREAS];
    int64_t n = k1 - k0, given = 0;
    double total = 0; /* 1 within the loader's tolerance: normalised exactly here */
    for (int64_t i = 0; i < n; i++)
        total += net->area_share[k0 + i];
    for (int64_t i = 0; i < n; i++) {
        double x = net->area_share[k0 + i] / total * (double)c;
        part[i] = (int64_t)floor(x);
        if (part[i] > c - given)
            part[i] = c - given;
        frac[i] = x - (double)part[i];
        given += part[i];
    }
    for (int64_t left = c - given; left > 0; left--) {
        int64_t best = 0;
        for (int64_t i = 1; i < n; i++)
            if (frac[i] > frac[best])
                best = i;
        part[best]++;
        frac[best] = -1.0;
    }
    for (int64_t i = 0; i < n; i++)
        fn(net->area_pref[k0 + i], part[i], arg);
}
