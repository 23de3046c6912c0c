/* io/fields — the output field registry (private to io/).
 *
 * Every dataset and attribute of a results file is declared once, in the
 * tables in fields.c: group, name, dimensions, element type, units,
 * long_name, when it is written, and a getter for its data.  The writer
 * (h5write.c) loops over the tables, ssim_h5_estimate_bytes() sums them, and
 * ssim_h5_fields_markdown() prints them as the reference in docs/output.md.
 *
 * A getter returns a typed view (ssim_io_view_t): the element type is taken
 * from the C pointer type by SSIM_IO_VIEW (_Generic), and the writer refuses a view
 * whose type differs from the registry's (SSIM_EINTERNAL), so a table entry
 * cannot silently write an array of the wrong type.
 */
#ifndef SSIM_IO_FIELDS_H
#define SSIM_IO_FIELDS_H

#include "core/vocab.h"
#include "io/h5.h"

#include <stddef.h>
#include <stdint.h>

/* Element types of datasets and attributes (file: little-endian, fixed size;
 * SSIM_IO_STR: variable-length UTF-8 string, in memory a `const char *`). */
typedef enum {
    SSIM_IO_F64 = 0,
    SSIM_IO_F32,
    SSIM_IO_I8,
    SSIM_IO_U8,
    SSIM_IO_I32,
    SSIM_IO_U32,
    SSIM_IO_I64,
    SSIM_IO_U64,
    SSIM_IO_STR,
    SSIM_IO_N_TYPES
} ssim_io_type_t;

/* Named dimensions.  Each group that uses a dimension holds its coordinate
 * variable (a 1-D dataset named after it, made a dimension scale). */
typedef enum {
    SSIM_IO_DIM_TRIAL = 0,
    SSIM_IO_DIM_SECTOR,
    SSIM_IO_DIM_PREFECTURE,
    SSIM_IO_DIM_TIME,
    SSIM_IO_DIM_QUANTILE,
    SSIM_IO_DIM_EXCEEDANCE,
    SSIM_IO_DIM_OPERATOR,
    SSIM_IO_DIM_SUPPLIER,
    SSIM_IO_DIM_CATEGORY,
    SSIM_IO_DIM_SUPPLY_EDGE,
    SSIM_IO_DIM_CHANNEL,
    SSIM_IO_DIM_PRIVILEGE,
    SSIM_IO_DIM_DEPENDENCY,
    SSIM_IO_DIM_DEP_KIND,
    SSIM_IO_DIM_INPUT,
    SSIM_IO_DIM_IO_SECTOR,
    SSIM_IO_DIM_EVENT,
    SSIM_IO_DIM_EVENT_KIND, /* economic layer: input-output sectors */
    SSIM_IO_DIM_OPTION,     /* compare: baseline (0) and the regulation options */
    SSIM_IO_DIM_LEVER,      /* compare: regulation levers */
    SSIM_IO_N_DIMS
} ssim_io_dim_t;

/* When a field is written (scenario output switches and kept data). */
typedef enum {
    SSIM_IO_ALWAYS = 0,
    SSIM_IO_PER_TRIAL,           /* output.per_trial */
    SSIM_IO_PER_TRIAL_TS,        /* output.per_trial and the time series was kept */
    SSIM_IO_TS,                  /* the time series was kept (summaries) */
    SSIM_IO_PER_OPERATOR,        /* output.per_operator */
    SSIM_IO_ECON,                /* the economic layer ran (iim, diim, economic.enabled) */
    SSIM_IO_ECON_LOSS,           /* ... with sector outputs x (losses in yen) */
    SSIM_IO_ECON_TS,             /* ... and the time series was kept */
    SSIM_IO_PER_TRIAL_ECON,      /* output.per_trial and the economic layer ran */
    SSIM_IO_PER_TRIAL_ECON_LOSS, /* ... with sector outputs x */
    SSIM_IO_PER_TRIAL_ECON_TS,   /* ... and the time series was kept */
    SSIM_IO_EVENTS,              /* output.events: the event table */
    SSIM_IO_NETWORK_TABLES,      /* output.network_tables: ids, names, edge tables */
    SSIM_IO_COMPARE,             /* sectorsim compare */
    SSIM_IO_COMPARE_PER_TRIAL,   /* ... with output.per_trial */
    SSIM_IO_COMPARE_ECON,        /* ... with the economic layer's losses */
    SSIM_IO_COLUMNS,             /* marker row: the result columns' datasets go here */
    SSIM_IO_N_WHEN
} ssim_io_when_t;

/* A typed, borrowed pointer to n elements (n given by the field's dims). */
typedef struct {
    ssim_io_type_t type;
    const void *ptr;
} ssim_io_view_t;

#define SSIM_IO_TYPE_OF(p)                                                                         \
    _Generic((p), double *: SSIM_IO_F64, const double *: SSIM_IO_F64,                          \
             float *: SSIM_IO_F32, const float *: SSIM_IO_F32,                                 \
             int8_t *: SSIM_IO_I8, const int8_t *: SSIM_IO_I8,                                 \
             uint8_t *: SSIM_IO_U8, const uint8_t *: SSIM_IO_U8,                               \
             int32_t *: SSIM_IO_I32, const int32_t *: SSIM_IO_I32,                             \
             uint32_t *: SSIM_IO_U32, const uint32_t *: SSIM_IO_U32,                           \
             int64_t *: SSIM_IO_I64, const int64_t *: SSIM_IO_I64,                             \
             uint64_t *: SSIM_IO_U64, const uint64_t *: SSIM_IO_U64,                           \
             char **: SSIM_IO_STR, const char **: SSIM_IO_STR,                                 \
             char *const *: SSIM_IO_STR, const char *const *: SSIM_IO_STR)
#define SSIM_IO_VIEW(p) ((ssim_io_view_t){SSIM_IO_TYPE_OF(p), (const void *)(p)})

/* Everything a getter may read: the run's inputs and derived sizes. */
typedef struct {
    const ssim_scenario_t *sc;
    const ssim_network_t *net;
    const ssim_results_t *res;   /* NULL only for ssim_h5_estimate_bytes() */
    const ssim_run_info_t *info; /* NULL only for ssim_h5_estimate_bytes() */
    const ssim_compare_t *cmp;   /* sectorsim compare's table, else NULL */
    size_t len[SSIM_IO_N_DIMS];  /* length of each dimension */
    int per_trial, per_operator, time_series;
    int econ, econ_loss;                /* economic storage in res / with outputs x */
    int events;                         /* output.events */
    int network_tables;                 /* output.network_tables */
    const char *created_utc;            /* ISO 8601, UTC (set by the writer; "" until then) */
    const char *hdf5_version;           /* library version (set by the writer; "" until then) */
    char created_buf[32], hdf5_buf[32]; /* storage for the two above */
    char scenario_sha256[65];
    uint64_t scenario_bytes, scenario_lines;
    /* every dataset of this file, in writing order: ssim_io_fields with its
     * marker rows replaced by the result columns' datasets (columns.c) */
    struct ssim_io_field *fields;
    size_t n_fields;
    char *names; /* storage of the generated dataset names and texts */
} ssim_io_src_t;

typedef struct ssim_io_field ssim_io_field_t;

/* A dataset.  Exactly one of view/fill is set.  view returns a pointer into
 * the inputs; fill writes the data into buf (n elements of the field's type,
 * allocated by the caller) and returns a view of buf. */
struct ssim_io_field {
    const char *group; /* path below the root, e.g. "results", "provenance/inputs" */
    const char *name;
    int ndims; /* 0 (scalar) .. 3 */
    ssim_io_dim_t dims[3];
    ssim_io_type_t type;
    const char *units; /* CF/UDUNITS string; "1" dimensionless; "" for text */
    const char *long_name;
    const char *comment;       /* optional CF `comment`, or NULL */
    const char *cell_methods;  /* optional CF `cell_methods`, or NULL */
    const ssim_vocab_t *vocab; /* integer codes: flag_values/flag_meanings from it;
                                  string labels: the names written */
    ssim_io_when_t when;       /* SSIM_IO_COLUMNS: a marker row, expanded (columns.c) */
    size_t offset;             /* for summary getters: offsetof(ssim_summary_t, member) */
    int col;                   /* datasets of a result column: its id in the results */
    const char *doc_when;      /* datasets of a result column: when it is written (docs) */
    ssim_io_view_t (*view)(const ssim_io_src_t *src, const ssim_io_field_t *f);
    ssim_io_view_t (*fill)(const ssim_io_src_t *src, const ssim_io_field_t *f, void *buf);
};

/* An attribute of the root group ("/") or of /provenance (scalar). */
typedef struct {
    const char *object; /* "/" or "provenance" */
    const char *name;
    ssim_io_type_t type;
    const char *description;
    ssim_io_view_t (*view)(const ssim_io_src_t *src);
} ssim_io_attr_t;

/* A group, in writing order, with its description (attribute `description`). */
typedef struct {
    const char *name;
    const char *description;
    int compared;        /* 1: part of byte comparisons between runs */
    ssim_io_when_t when; /* the group is written only then (default: always) */
} ssim_io_group_t;

extern const ssim_io_field_t ssim_io_fields[];
extern const size_t ssim_io_n_fields;
extern const ssim_io_attr_t ssim_io_attrs[];
extern const size_t ssim_io_n_attrs;
extern const ssim_io_group_t ssim_io_groups[];
extern const size_t ssim_io_n_groups;

/* ---- source.c: names, sizes and the run's view of the registry ---- */

/* Name of a dimension (= its coordinate variable). */
const char *ssim_io_dim_name(ssim_io_dim_t d);

/* Bytes of one element in memory (sizeof(char *) for strings). */
size_t ssim_io_type_size(ssim_io_type_t t);

/* Name of a type for documentation, e.g. "float64", "string". */
const char *ssim_io_type_name(ssim_io_type_t t);

/* Fill src from the inputs (res and info may be NULL: sizes come from the
 * scenario, and the columns are the base table's), including the run's list
 * of datasets (src->fields).  Returns SSIM_EINTERNAL (error raised) when the
 * inputs disagree, e.g. results for a different number of operators than the
 * network; SSIM_ENOMEM.  Release with ssim_io_src_destroy. */
ssim_status_t ssim_io_src_init(ssim_io_src_t *src, const ssim_scenario_t *sc,
                               const ssim_network_t *net, const ssim_results_t *res,
                               const ssim_run_info_t *info);
void ssim_io_src_destroy(ssim_io_src_t *src);

/* ---- columns.c: the result columns' datasets ---- */

/* Build the list of datasets: the registry's rows, each marker row
 * (SSIM_IO_COLUMNS) replaced by the datasets of the columns in its group
 * (/results: the per-trial values; /summary: the summaries).  The columns are
 * src->res's; without results, those of `tables` (NULL-terminated; every
 * column, for the reference in docs/output.md) or, when tables is NULL, of
 * the base table as the scenario's output switches produce them.
 * SSIM_ENOMEM on failure. */
ssim_status_t ssim_io_fields_build(ssim_io_field_t **out, size_t *n, char **names,
                                   const ssim_io_src_t *src, const ssim_col_table_t *const *tables);

/* 1 when field f is written for this run. */
int ssim_io_field_wanted(const ssim_io_src_t *src, const ssim_io_field_t *f);

/* 1 when data marked `when` is written for this run. */
int ssim_io_when_wanted(const ssim_io_src_t *src, ssim_io_when_t when);

/* Number of elements of f (product of its dimension lengths; 1 for scalars). */
uint64_t ssim_io_field_count(const ssim_io_src_t *src, const ssim_io_field_t *f);

#endif
