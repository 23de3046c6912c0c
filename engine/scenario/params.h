/* scenario/params — the row type of the scenario schema, and the parameter
 * sets through which a model (or any room above the scenario layer) adds its
 * own keys without an edit to the engine.
 *
 * A scenario key is one row: dotted path, type, bounds, default, units, one
 * line of description, and the byte offset of its value in a struct.  The
 * engine's core rows (name, network, model, trials, seed, ..., output.*)
 * have offsets into ssim_scenario_t (scenario/schema.c).  A parameter set is
 * a section of rows a model declares next to its code, with offsets into the
 * model's own value struct:
 *
 *     typedef struct { double rate; char *mode; } my_params_t;
 *     static const ssim_scenario_row_t rows[] = {
 *         {.key = "my.rate", .type = SSIM_SCENARIO_T_DOUBLE, .def = "0.5", ...,
 *          .off = offsetof(my_params_t, rate), .lo = 0, .hi = 1},
 *         ...};
 *     const ssim_scenario_params_t my_param_set = {
 *         .section = "my", .rows = rows, .n_rows = 2, .size = sizeof(my_params_t)};
 *
 * The model lists the set in its ssim_model_type_t.params and the model
 * registry puts it in the catalog (models/registry.c) that every loader is
 * given; the loader then allocates one zeroed my_params_t per scenario, fills
 * it (file values, then defaults, like every key), includes its keys in the
 * resolved-configuration JSON and the key reference, and frees it.  The
 * model reads it with ssim_scenario_params(sc, &my_param_set).
 *
 * The scenario layer never includes a model header: sets and model names
 * reach it through the catalog, from above.
 */
#ifndef SSIM_SCENARIO_PARAMS_H
#define SSIM_SCENARIO_PARAMS_H

#include "core/status.h"
#include "core/vocab.h"

#include <stddef.h>
#include <stdint.h>

typedef enum {
    SSIM_SCENARIO_T_STRING = 0, /* char *: any scalar, quoted or plain */
    SSIM_SCENARIO_T_PATH,       /* char *: non-empty; resolved against the scenario's directory */
    SSIM_SCENARIO_T_UINT64,     /* uint64_t: plain decimal digits, no sign, no leading zeros */
    SSIM_SCENARIO_T_DOUBLE,     /* double: plain decimal number, finite */
    SSIM_SCENARIO_T_BOOL,       /* int 0/1: plain true or false */
    SSIM_SCENARIO_T_ENUM,       /* int code, or char * when enum_as_string */
    SSIM_SCENARIO_T_DIST,       /* ssim_dist_t: a plain number (fixed) or {dist: KIND, params} */
    SSIM_SCENARIO_T_STRLIST,    /* char ** + count + locations: a list of non-empty scalars */
    SSIM_SCENARIO_T_NUMMAP,     /* ssim_scenario_nummap_t: a number, or a mapping of names
                                   to numbers with an optional `default` (DOUBLE bounds) */
    SSIM_SCENARIO_N_TYPES
} ssim_scenario_type_t;

/* The value of a NUMMAP row: one number for every name (the number form,
 * n = 0), or `default` plus numbers for some names (the mapping form,
 * `{default: 0.1, Finance: 0.3}`; without `default` the row's default).
 * The scenario layer checks each number against the row's bounds and the
 * names only for being distinct, non-empty and not "default"; what names
 * exist is the reader's rule (e.g. the sectors of an economic matrix). */
typedef struct {
    double value;     /* the number, or the mapping's default */
    size_t n;         /* names given (0: the number form) */
    char **names;     /* length n, in byte order (strcmp) */
    double *values;   /* length n */
    ssim_loc_t *locs; /* length n: where each name is written */
} ssim_scenario_nummap_t;

/* Longest dotted key (wildcards expanded) the schema may have, NUL included. */
#define SSIM_SCENARIO_MAX_KEY 128

/* One scenario key.  Offsets are relative to the struct the row belongs to:
 * ssim_scenario_t for a core row, the set's value struct for a set row. */
typedef struct {
    const char *key; /* dotted path; last component "<what>" for a wildcard row */
    ssim_scenario_type_t type;
    int required;         /* 1: no default, the file must set it */
    const char *def;      /* default as YAML text, parsed like user input; NULL when
                             required or def_from */
    const char *def_from; /* default = the value in effect of this (earlier) key */
    const char *units;    /* "hours", "probability", ... ("" when none) */
    const char *desc;     /* one line for the key reference */
    size_t off;           /* offsetof(struct, field) */
    /* wildcard rows: the value for vocabulary code c sits at off + c * stride */
    const ssim_vocab_t *vocab;
    size_t stride;
    /* bounds */
    double lo, hi;             /* DOUBLE: value range */
    int lo_open, hi_open;      /* DOUBLE: 1 = exclusive bound */
    const char *hi_key;        /* DOUBLE: also <= the value of this key (checked last) */
    uint64_t ulo, uhi;         /* UINT64: value range; STRLIST: item count range */
    const char *const *values; /* ENUM: allowed names, NULL-terminated */
    int enum_as_string;        /* ENUM: store a strdup of the name instead of the code */
    int nonempty;              /* STRING: "" is an error */
    int unique;                /* STRLIST: items must be distinct */
    size_t off_n, off_locs;    /* STRLIST: offsets of the count (size_t) and the
                                  locations (ssim_loc_t *, one per item) */
} ssim_scenario_row_t;

/* Row shorthands (offset: offsetof the value in its struct): a probability in
 * [0, 1], a duration in [0, 1e5] hours, a distribution, an on/off switch. */
/* clang-format off */
#define SSIM_SCENARIO_ROW_PROB(k, offset, d, text)                                             \
    {.key = k, .type = SSIM_SCENARIO_T_DOUBLE, .def = d, .units = "probability", .desc = text,  \
     .off = offset, .lo = 0, .hi = 1}
#define SSIM_SCENARIO_ROW_HOURS(k, offset, d, text)                                            \
    {.key = k, .type = SSIM_SCENARIO_T_DOUBLE, .def = d, .units = "hours", .desc = text,        \
     .off = offset, .lo = 0, .hi = 1e5}
#define SSIM_SCENARIO_ROW_DIST(k, offset, d, u, text)                                          \
    {.key = k, .type = SSIM_SCENARIO_T_DIST, .def = d, .units = u, .desc = text, .off = offset}
#define SSIM_SCENARIO_ROW_SWITCH(k, offset, d, text)                                           \
    {.key = k, .type = SSIM_SCENARIO_T_BOOL, .def = d, .units = "", .desc = text, .off = offset}
/* clang-format on */

struct ssim_scenario;                                     /* scenario/scenario.h */
typedef struct ssim_scenario_check ssim_scenario_check_t; /* a load in progress (walk.c) */

/* A parameter set: one section of keys and the struct that holds its values.
 * Rules (checked when a scenario is loaded; a broken set is an internal
 * error naming it): section is a name that no core key and no other set of
 * the catalog uses; every row's key starts with section + "."; rows that
 * share a deeper prefix ("my.sub.") are contiguous; a wildcard row's last
 * component is "<what>" and it has a vocabulary.  The values a set owns are
 * exactly its rows' (strings and lists, freed by the loader): anything
 * derived from them belongs to the model's prepare(). */
typedef struct ssim_scenario_params {
    const char *section;             /* "kernel": the top-level key of the set */
    const ssim_scenario_row_t *rows; /* length n_rows, in key-reference order */
    size_t n_rows;
    size_t size; /* bytes of the value struct (the rows' offsets) */
    /* Optional (NULL: none).  Cross-key rules of the set, called once the whole
     * file is read and every default applied (after the core rules).  Raise
     * errors through ssim_error(), located with ssim_scenario_check_loc(). */
    ssim_status_t (*check)(const ssim_scenario_check_t *chk, const struct ssim_scenario *sc,
                           const void *values);
} ssim_scenario_params_t;

/* What a loader accepts besides the core keys, handed down by the layer that
 * knows the models (models/registry.h: ssim_model_catalog()).  Borrowed by
 * every scenario loaded with it: it must outlive them (in practice static). */
/* A model's own rules on the scenario's keys (core or in the catalog's sets,
 * read with ssim_scenario_params), run once the whole file is read
 * (after the sets' checks) when the scenario names that model: raise errors
 * through ssim_error(), located with ssim_scenario_check_loc() or
 * ssim_scenario_check_first(). */
typedef ssim_status_t (*ssim_scenario_model_check_t)(const ssim_scenario_check_t *chk,
                                                     const struct ssim_scenario *sc);

typedef struct {
    const char *const *models;                 /* the `model` key's values, NULL-terminated;
                                                  models[0] is its default */
    const ssim_scenario_params_t *const *sets; /* NULL-terminated, each set once, in the order
                                                  of the key reference and the resolved JSON */
    const ssim_scenario_model_check_t *checks; /* NULL, or one per model (NULL: none) */
} ssim_scenario_catalog_t;

/* For a check hook: where the file set `key` (a full dotted key), else the
 * deepest of its sections the file has, else line 1 col 1 of the file. */
ssim_loc_t ssim_scenario_check_loc(const ssim_scenario_check_t *chk, const char *key);

/* For a check hook: where the file set its first key (in key-reference order)
 * that starts with `prefix` (e.g. "incident.origin."), else line 1 col 1. */
ssim_loc_t ssim_scenario_check_first(const ssim_scenario_check_t *chk, const char *prefix);

/* For a check hook: 1 when the file itself set `key` (a full dotted key; a
 * wildcard row's key with its vocabulary name, e.g.
 * "outage.duration_hours.medical"), with *loc where (may be NULL); 0 when
 * the key took its default (or is no key of the table). */
int ssim_scenario_check_is_set(const ssim_scenario_check_t *chk, const char *key, ssim_loc_t *loc);

#endif
