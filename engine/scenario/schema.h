/* scenario/schema — the declarative key table and the typed values it drives.
 *
 * Module-private (engine/scenario only).  One static const table (schema.c)
 * declares every scenario key once: dotted path, type, bounds, default,
 * units, description, and where the value is stored in ssim_scenario_t.  The
 * same rows drive parsing (walk.c), typed validation (values.c), the
 * resolved-configuration JSON (json.c), freeing (scenario.c) and the Markdown
 * key reference (schema.c).
 *
 * Table invariants (checked by tests/unit/test_scenario.c): rows sharing a
 * section prefix are contiguous, so the JSON nests without repeats; a
 * wildcard row's last component is "<what>" and it has a vocabulary.
 */
#ifndef SSIM_SCENARIO_SCHEMA_H
#define SSIM_SCENARIO_SCHEMA_H

#include "scenario/scenario.h"
#include "scenario/yamltree.h"

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
    SSIM_SCENARIO_N_TYPES
} ssim_scenario_type_t;

/* Longest dotted key (wildcards expanded) the schema may have, NUL included. */
#define SSIM_SCENARIO_MAX_KEY 128

typedef struct {
    const char *key; /* dotted path; last component "<what>" for a wildcard row */
    ssim_scenario_type_t type;
    int required;         /* 1: no default, the file must set it */
    const char *def;      /* default as YAML text, parsed like user input; NULL when
                             required or def_from */
    const char *def_from; /* default = the value in effect of this (earlier) key */
    const char *units;    /* "hours", "probability", ... ("" when none) */
    const char *desc;     /* one line for the key reference */
    size_t off;           /* offsetof(ssim_scenario_t, field) */
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

/* ---- the table (schema.c) ---- */

/* All rows in schema order; *n receives the count. */
const ssim_scenario_row_t *ssim_scenario_schema_rows(size_t *n);

/* The row for a full dotted key, or NULL.  *code receives the vocabulary
 * code for a wildcard row and -1 otherwise. */
const ssim_scenario_row_t *ssim_scenario_schema_find(const char *key, int *code);

/* 1 when `prefix` names a section (some row's key starts with prefix + "."). */
int ssim_scenario_schema_is_section(const char *prefix);

/* Build the explanation appended to "unknown key 'K'": " (did you mean 'X'?)"
 * when one key or section is within edit distance 2, otherwise the valid
 * names at that level.  Returns buf. */
const char *ssim_scenario_schema_hint(const char *key, char *buf, size_t size);

/* Storage of row's value (code: wildcard vocabulary code, else ignored);
 * _src is the read-only view. */
void *ssim_scenario_schema_dst(const ssim_scenario_row_t *row, ssim_scenario_t *sc, int code);
const void *ssim_scenario_schema_src(const ssim_scenario_row_t *row, const ssim_scenario_t *sc,
                                     int code);

/* Number of values a row stands for: vocab->n for wildcard rows, else 1. */
int ssim_scenario_schema_n_codes(const ssim_scenario_row_t *row);

/* Write row's key with wildcard code expanded into buf (size >= SSIM_SCENARIO_MAX_KEY). */
void ssim_scenario_schema_key(const ssim_scenario_row_t *row, int code, char *buf, size_t size);

/* ---- typed values (values.c) ---- */

/* What a setter needs besides the node. */
typedef struct {
    const ssim_scenario_row_t *row;
    const char *key;       /* full key for messages (wildcard expanded) */
    const char *file;      /* file named in error locations (and in STRLIST locations,
                              so it must outlive the scenario: sc->path) */
    const char *base_path; /* scenario path: PATH values resolve against its directory */
    ssim_scenario_t *sc;   /* the scenario being filled */
    void *dst;             /* the value's storage (ssim_scenario_schema_dst) */
} ssim_scenario_set_t;

/* Check node against the row's type and bounds and store it at c->dst
 * (releasing what was there).  On failure an error is raised naming
 * file:line:col of the offending node, dst is left empty, and SSIM_EINVAL
 * (or SSIM_ENOMEM) is returned. */
ssim_status_t ssim_scenario_value_set(const ssim_scenario_set_t *c,
                                      const ssim_scenario_node_t *node);

/* Release what a value owns and zero it (strings, lists). */
void ssim_scenario_value_release(const ssim_scenario_row_t *row, ssim_scenario_t *sc, void *dst);

/* Bytes of a value's storage (for def_from copies of plain values). */
size_t ssim_scenario_value_size(const ssim_scenario_row_t *row);

/* The type with its bounds for the key reference, e.g. "number in (0, 100000]". */
const char *ssim_scenario_value_doc(const ssim_scenario_row_t *row, char *buf, size_t size);

/* A growable text buffer; on out of memory `failed` is set and appends stop. */
typedef struct {
    char *s; /* NUL-terminated when len > 0 */
    size_t len, cap;
    int failed;
} ssim_scenario_buf_t;

void ssim_scenario_buf_add(ssim_scenario_buf_t *b, const char *s, size_t n);
void ssim_scenario_buf_printf(ssim_scenario_buf_t *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Append s as a JSON string: quotes, backslash and control characters
 * escaped, other bytes (UTF-8) as they are. */
void ssim_scenario_buf_json_string(ssim_scenario_buf_t *b, const char *s);
/* Append a finite double in the shortest form that reads back exactly. */
void ssim_scenario_buf_double(ssim_scenario_buf_t *b, double v);

/* Append a value as JSON. */
void ssim_scenario_value_json(ssim_scenario_buf_t *b, const ssim_scenario_row_t *row,
                              const ssim_scenario_t *sc, const void *src);

/* ---- the walk (walk.c) and the JSON dump (json.c) ---- */

/* Fill sc from the document root: every key matched to a row and set, then
 * required keys checked, defaults applied, cross-key rules checked.  sc->path
 * must be set (it is the file of every location).  On failure the error is
 * raised and sc may hold partial values (the caller destroys it). */
ssim_status_t ssim_scenario_apply(ssim_scenario_t *sc, const ssim_scenario_node_t *root);

/* Set one key from YAML text (command-line overrides): origin names the
 * source in messages, e.g. "--trials". */
ssim_status_t ssim_scenario_apply_text(ssim_scenario_t *sc, const char *key, const char *text,
                                       const char *origin);

/* ---- regulation options (options.c) ---- */

/* Parse the `options:` list (seq: its value node) into sc->options. */
ssim_status_t ssim_scenario_options_parse(ssim_scenario_t *sc, const ssim_scenario_node_t *seq);
/* Free sc->options (safe when empty). */
void ssim_scenario_options_destroy(ssim_scenario_t *sc);
/* Append `"options":[...]` (every option, its present levers with all their keys). */
void ssim_scenario_options_json(ssim_scenario_buf_t *b, const ssim_scenario_t *sc);
/* Append the option keys' reference table (Markdown). */
void ssim_scenario_options_markdown(FILE *out);

/* Canonical JSON of every schema key in schema order, as nested objects.
 * Caller frees *out.  Deterministic bytes. */
ssim_status_t ssim_scenario_json(const ssim_scenario_t *sc, char **out);

#endif
