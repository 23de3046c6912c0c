/* input/netload — the network loader's workspace, shared by network.c (the
 * files, the whole load) and netrows.c (the data rows).  Private to input/.
 */
#ifndef SSIM_INPUT_NETLOAD_H
#define SSIM_INPUT_NETLOAD_H

#include "core/status.h"
#include "input/csv.h"
#include "input/network.h"

#include "core/vocab.h"

#include <stddef.h>
#include <stdint.h>

enum { SSIM_NETLOAD_MAX_COLUMNS = 12, SSIM_NETLOAD_SHOWN_BYTES = 64 };

/* ---- a set of 64-bit keys, each with the line where it first appeared ---- */

/* Open addressing; lines are >= 1, so line 0 marks an empty slot.  Key and
 * line share a slot, so a probe touches one cache line. */
typedef struct {
    uint64_t key;
    long line;
} ssim_netload_keyslot_t;

typedef struct {
    ssim_netload_keyslot_t *slots; /* length = cap, a power of two */
    size_t cap, n;
} ssim_netload_keyset_t;

/* ---- the loader's workspace ---- */

typedef struct {
    ssim_network_t *net;
    const char *path; /* the file being read (net->files[f].path) */

    /* per node (operators, then suppliers), length node_cap */
    size_t *id_off, *name_off; /* pool offsets of id and name */
    long *node_line;           /* line of the defining row */
    size_t node_cap;

    size_t op_cap, sup_cap, supply_cap, dep_cap; /* capacities of net's arrays */
    int64_t
        customers_total; /* operators' customers so far (capped: SSIM_NET_MAX_TOTAL_CUSTOMERS) */
    ssim_netload_keyset_t edges; /* (supplier, customer) -> line */
    ssim_netload_keyset_t deps;  /* (operator, provider, kind) -> line */
    /* the optional files (netcons.c) */
    ssim_netload_keyset_t areas; /* (operator, prefecture) -> line */
    struct ssim_netload_area {
        double share;
        long line;
        int32_t op;
        int8_t pref;
    } * area; /* service_areas.csv rows in file order, net->n_areas of them */
    size_t area_cap;
    long pop_line[SSIM_N_PREFECTURES + 1]; /* population.csv row of each prefecture */
    char shown[SSIM_NETLOAD_SHOWN_BYTES + 4];
} ssim_netload_t;

/* Release the workspace's own arrays (not net). */
void ssim_netload_destroy(ssim_netload_t *l);

/* Where field f of the file being read is. */
static inline ssim_loc_t ssim_netload_at(const ssim_netload_t *l, const ssim_csv_field_t *f)
{
    return (ssim_loc_t){l->path, f->line, f->col};
}

/* f's text for a message: at most SSIM_NETLOAD_SHOWN_BYTES bytes, cut at a
 * character boundary and marked with "..." when longer (in l->shown). */
const char *ssim_netload_shown(ssim_netload_t *l, const ssim_csv_field_t *f);

/* A file's data rows: its required columns (in the order the handler reads
 * them, at most SSIM_NETLOAD_MAX_COLUMNS) and the handler, which validates
 * every field f[k] (column k) of the row at line, then commits it. */
typedef ssim_status_t (*ssim_netload_row_fn)(ssim_netload_t *l, const ssim_csv_field_t *const *f,
                                             long line);
typedef struct {
    const char *const *columns;
    size_t n_columns;
    ssim_netload_row_fn row;
} ssim_netload_rows_t;

/* Indexed by ssim_net_file_t. */
extern const ssim_netload_rows_t ssim_netload_rows[SSIM_NET_N_FILES];
/* Indexed by ssim_net_opt_file_t (netcons.c). */
extern const ssim_netload_rows_t ssim_netload_opt_rows[SSIM_NET_N_OPT_FILES];

/* After the optional files: check what needs every row (an operator's
 * service-area shares add up to 1) and build net's service-area index. */
ssim_status_t ssim_netload_opt_finish(ssim_netload_t *l);
void ssim_netload_opt_destroy(ssim_netload_t *l);

/* Field rules shared by the row handlers (netrows.c; messages name the
 * column `what` and show the value). */
ssim_status_t ssim_netload_text(ssim_netload_t *l, const ssim_csv_field_t *f, const char *what);
ssim_status_t ssim_netload_vocab(ssim_netload_t *l, const ssim_csv_field_t *f, const char *what,
                                 const ssim_vocab_t *vocab, int8_t *out);
ssim_status_t ssim_netload_int(ssim_netload_t *l, const ssim_csv_field_t *f, const char *what,
                               long long lo, long long hi, int64_t *out);
ssim_status_t ssim_netload_flag(ssim_netload_t *l, const ssim_csv_field_t *f, const char *what,
                                uint8_t *out);
/* A real in [lo, hi], or (lo, hi] when lo_open. */
ssim_status_t ssim_netload_real(ssim_netload_t *l, const ssim_csv_field_t *f, const char *what,
                                double lo, double hi, int lo_open, double *out);
/* An operator id of operators.csv. */
ssim_status_t ssim_netload_operator(ssim_netload_t *l, const ssim_csv_field_t *f, const char *what,
                                    int64_t *node);
/* Add key seen at line to s: *first = 0 when new, else the earlier line. */
ssim_status_t ssim_netload_key(ssim_netload_keyset_t *s, uint64_t key, long line, long *first);

#endif
