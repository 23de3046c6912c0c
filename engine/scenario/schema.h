/* scenario/schema — the declarative key table and the typed values it drives.
 *
 * Module-private (engine/scenario only).  Every scenario key is declared once,
 * as a row (scenario/params.h): the core keys in the static tables of
 * schema.c (offsets into ssim_scenario_t), a model's keys in its parameter
 * set (offsets into the set's struct), reaching the loader through the
 * catalog.  The composed table drives parsing (walk.c), typed validation
 * (values.c), the resolved-configuration JSON (json.c), freeing (scenario.c)
 * and the Markdown key reference (schema.c).
 *
 * Table invariants, checked each time a table is composed (and provoked by
 * tests/unit/test_scenario.c): see ssim_scenario_schema_build.
 */
#ifndef SSIM_SCENARIO_SCHEMA_H
#define SSIM_SCENARIO_SCHEMA_H

#include "scenario/scenario.h"
#include "scenario/yamltree.h"

#include <stddef.h>
#include <stdint.h>

/* ---- the composed table (schema.c) ---- */

/* The key table of one catalog, in key-reference and JSON order: the core
 * rows before the sets (schema.c: rows_before), each parameter set's rows in
 * catalog order, then the core rows after them (rows_after: burden.*,
 * output.*).  Built for each scenario (it addresses the
 * values of sets through the scenario's params[]). */
typedef struct ssim_scenario_schema {
    const ssim_scenario_catalog_t *cat; /* borrowed */
    size_t n;                           /* rows */
    const ssim_scenario_row_t **rows;   /* length n */
    int *set;                           /* length n: index in cat->sets, -1 for a core row */
    size_t n_sets;                      /* sets in cat */
    ssim_scenario_row_t model;          /* the `model` row, its names from cat->models */
} ssim_scenario_schema_t;

/* Compose the table of cat and check its invariants (rows sharing a section
 * prefix are contiguous, so the JSON nests without repeats; no key twice; no
 * key that is also a section; a set's section is one name that neither the
 * core nor another set uses, its keys are under it and its offsets inside
 * its struct; a wildcard row's last component is "<what>" with a
 * vocabulary).  SSIM_EINTERNAL naming the row when broken; SSIM_ENOMEM. */
ssim_status_t ssim_scenario_schema_build(const ssim_scenario_catalog_t *cat,
                                         ssim_scenario_schema_t **out);
void ssim_scenario_schema_free(ssim_scenario_schema_t *s); /* accepts NULL */

/* Index of the row for a full dotted key, or -1.  *code receives the
 * vocabulary code for a wildcard row and -1 otherwise. */
int ssim_scenario_schema_find(const ssim_scenario_schema_t *s, const char *key, int *code);

/* 1 when `prefix` names a section (some row's key starts with prefix + "."). */
int ssim_scenario_schema_is_section(const ssim_scenario_schema_t *s, const char *prefix);

/* Build the explanation appended to "unknown key 'K'": " (did you mean 'X'?)"
 * when one key or section is within edit distance 2, otherwise the valid
 * names at that level.  Returns buf. */
const char *ssim_scenario_schema_hint(const ssim_scenario_schema_t *s, const char *key, char *buf,
                                      size_t size);

/* The struct row i's offsets are relative to: sc itself for a core row, the
 * set's value struct (sc->params) for a set row; _cbase is the read-only view. */
void *ssim_scenario_schema_base(const ssim_scenario_schema_t *s, size_t i, ssim_scenario_t *sc);
const void *ssim_scenario_schema_cbase(const ssim_scenario_schema_t *s, size_t i,
                                       const ssim_scenario_t *sc);

/* Storage of row i's value (code: wildcard vocabulary code, else ignored);
 * _src is the read-only view. */
void *ssim_scenario_schema_dst(const ssim_scenario_schema_t *s, size_t i, ssim_scenario_t *sc,
                               int code);
const void *ssim_scenario_schema_src(const ssim_scenario_schema_t *s, size_t i,
                                     const ssim_scenario_t *sc, int code);

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
    void *base;            /* the struct the row's offsets are relative to (STRLIST
                              counts and locations): ssim_scenario_schema_base */
    void *dst;             /* the value's storage (ssim_scenario_schema_dst) */
} ssim_scenario_set_t;

/* Check node against the row's type and bounds and store it at c->dst
 * (releasing what was there).  On failure an error is raised naming
 * file:line:col of the offending node, dst is left empty, and SSIM_EINVAL
 * (or SSIM_ENOMEM) is returned. */
ssim_status_t ssim_scenario_value_set(const ssim_scenario_set_t *c,
                                      const ssim_scenario_node_t *node);

/* Release what a value owns and zero it (strings, lists). */
void ssim_scenario_value_release(const ssim_scenario_row_t *row, void *base, void *dst);

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

/* Append a value as JSON (base: as in ssim_scenario_set_t). */
void ssim_scenario_value_json(ssim_scenario_buf_t *b, const ssim_scenario_row_t *row,
                              const void *base, const void *src);

/* The NUMMAP type (nummap.c), behind the per-type table of values.c. */
ssim_status_t ssim_scenario_nummap_set(const ssim_scenario_set_t *c,
                                       const ssim_scenario_node_t *node);
void ssim_scenario_nummap_release(void *dst);
void ssim_scenario_nummap_json(ssim_scenario_buf_t *b, const void *src);

/* ---- the walk (walk.c) and the JSON dump (json.c) ---- */

/* Fill sc from the document root: every key matched to a row and set, then
 * required keys checked, defaults applied, cross-key rules checked (the core
 * ones, then each set's check hook).  sc->path, sc->schema and sc->params
 * must be set (the path is the file of every location).  On failure the error is
 * raised and sc may hold partial values (the caller destroys it). */
ssim_status_t ssim_scenario_apply(ssim_scenario_t *sc, const ssim_scenario_node_t *root);

/* Set one key from YAML text (command-line overrides): origin names the
 * source in messages, e.g. "--trials". */
ssim_status_t ssim_scenario_apply_text(ssim_scenario_t *sc, const char *key, const char *text,
                                       const char *origin);

/* Read a YAML file (a regular file, at most SSIM_SCENARIO_MAX_BYTES) into a
 * NUL-terminated buffer the caller frees; what names it in messages. */
ssim_status_t ssim_scenario_read_file(const char *path, const char *what, char **text, size_t *len);

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
