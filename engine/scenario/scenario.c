/* scenario — load, parse, override, destroy (see scenario.h).
 *
 * Pipeline of one parse: size cap -> the key table of the catalog (schema.c)
 * and a zeroed value struct per parameter set -> YAML tree (yamltree.c) ->
 * top-level checks -> schema walk, required keys, defaults, cross-key rules
 * (walk.c) -> resolved JSON (json.c).  Any failure frees everything and
 * leaves the scenario zeroed. */
#include "scenario/scenario.h"

#include "core/infile.h"

#include "core/alloc.h"
#include "scenario/schema.h"
#include "scenario/yamltree.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The document root must be a non-empty mapping. */
static ssim_status_t check_root(const ssim_scenario_t *sc, const ssim_scenario_node_t *root)
{
    char got[64];
    if (!root || (root->kind == SSIM_SCENARIO_NODE_SCALAR && !root->quoted && !root->text[0]))
        return ssim_error(SSIM_EINVAL, (ssim_loc_t){sc->path, 1, 1}, "scenario is empty");
    if (root->kind != SSIM_SCENARIO_NODE_MAP)
        return ssim_error(SSIM_EINVAL, (ssim_loc_t){sc->path, root->line, root->col},
                          "the top level must be a mapping of keys such as 'name: ...' (got %s)",
                          ssim_scenario_node_describe(root, got, sizeof got));
    return SSIM_OK;
}

/* The key table of cat and one zeroed value struct per parameter set. */
static ssim_status_t alloc_params(ssim_scenario_t *sc, const ssim_scenario_catalog_t *cat)
{
    ssim_status_t st = ssim_scenario_schema_build(cat, &sc->schema);
    size_t n = st == SSIM_OK ? sc->schema->n_sets : 0;
    if (st == SSIM_OK && n && !(sc->params = ssim_calloc(n, sizeof *sc->params, "scenario params")))
        st = SSIM_ENOMEM;
    for (size_t k = 0; st == SSIM_OK && k < n; k++)
        if (!(sc->params[k] = ssim_calloc(1, cat->sets[k]->size, cat->sets[k]->section)))
            st = SSIM_ENOMEM;
    return st;
}

/* Parse len bytes of text, taking ownership of it (freed on failure). */
static ssim_status_t parse_owned(ssim_scenario_t *sc, const char *path, char *text, size_t len,
                                 const ssim_scenario_catalog_t *cat)
{
    ssim_scenario_node_t *root = NULL;
    ssim_status_t st = SSIM_OK;
    memset(sc, 0, sizeof *sc);
    sc->text = text;
    sc->path = ssim_strdup(path ? path : "(scenario)", "scenario path");
    if (!sc->path)
        st = SSIM_ENOMEM;
    if (st == SSIM_OK)
        st = alloc_params(sc, cat);
    if (st == SSIM_OK)
        st = ssim_scenario_tree_parse(sc->path, text, len, &root);
    if (st == SSIM_OK)
        st = check_root(sc, root);
    if (st == SSIM_OK)
        st = ssim_scenario_apply(sc, root);
    if (st == SSIM_OK)
        st = ssim_scenario_json(sc, &sc->resolved_json);
    ssim_scenario_tree_free(root);
    if (st != SSIM_OK)
        ssim_scenario_destroy(sc);
    return st;
}

static ssim_status_t too_big(const char *path)
{
    return ssim_error(SSIM_ENOMEM, (ssim_loc_t){path, 0, 0},
                      "scenario is larger than the %d-byte cap", SSIM_SCENARIO_MAX_BYTES);
}

ssim_status_t ssim_scenario_parse(ssim_scenario_t *sc, const char *path, const char *text,
                                  const ssim_scenario_catalog_t *cat)
{
    memset(sc, 0, sizeof *sc);
    size_t len = strlen(text);
    if (len > SSIM_SCENARIO_MAX_BYTES)
        return too_big(path);
    char *copy = ssim_strdup(text, "scenario text");
    if (!copy)
        return SSIM_ENOMEM;
    return parse_owned(sc, path, copy, len, cat);
}

/* Read all of f (at most SSIM_SCENARIO_MAX_BYTES) into a NUL-terminated buffer. */
static ssim_status_t read_all(FILE *f, const char *path, char **out, size_t *len)
{
    size_t cap = 4096, n = 0;
    char *buf = NULL;
    ssim_status_t st = SSIM_OK;
    for (;;) {
        char *p = ssim_realloc(buf, cap + 1, 1, "scenario text");
        if (!p) {
            st = SSIM_ENOMEM;
            break;
        }
        buf = p;
        n += fread(buf + n, 1, cap - n, f);
        if (ferror(f)) {
            st = ssim_error(SSIM_EIO, (ssim_loc_t){path, 0, 0}, "cannot read scenario: %s",
                            strerror(errno));
            break;
        }
        if (n > SSIM_SCENARIO_MAX_BYTES) {
            st = too_big(path);
            break;
        }
        if (n < cap) /* end of file */
            break;
        cap *= 2;
    }
    if (st != SSIM_OK) {
        free(buf);
        return st;
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return SSIM_OK;
}

ssim_status_t ssim_scenario_read_file(const char *path, const char *what, char **text, size_t *len)
{
    FILE *f = NULL;
    *text = NULL;
    *len = 0;
    ssim_status_t st = ssim_infile_open(&f, path, what);
    if (st != SSIM_OK)
        return st;
    st = read_all(f, path, text, len);
    fclose(f);
    return st;
}

ssim_status_t ssim_scenario_load(ssim_scenario_t *sc, const char *path,
                                 const ssim_scenario_catalog_t *cat)
{
    memset(sc, 0, sizeof *sc);
    char *text = NULL;
    size_t len = 0;
    ssim_status_t st = ssim_scenario_read_file(path, "scenario", &text, &len);
    return st == SSIM_OK ? parse_owned(sc, path, text, len, cat) : st;
}

ssim_status_t ssim_scenario_override(ssim_scenario_t *sc, uint64_t trials, int have_seed,
                                     uint64_t seed)
{
    char text[32];
    uint64_t old_trials = sc->trials, old_seed = sc->seed;
    ssim_status_t st = SSIM_OK;
    if (trials) {
        snprintf(text, sizeof text, "%" PRIu64, trials);
        st = ssim_scenario_apply_text(sc, "trials", text, "--trials");
    }
    if (st == SSIM_OK && have_seed) {
        snprintf(text, sizeof text, "%" PRIu64, seed);
        st = ssim_scenario_apply_text(sc, "seed", text, "--seed");
    }
    char *json = NULL;
    if (st == SSIM_OK)
        st = ssim_scenario_json(sc, &json);
    if (st == SSIM_OK) {
        free(sc->resolved_json);
        sc->resolved_json = json;
    } else { /* all or nothing */
        sc->trials = old_trials;
        sc->seed = old_seed;
    }
    return st;
}

ssim_status_t ssim_scenario_set_network(ssim_scenario_t *sc, const char *dir)
{
    char *copy = ssim_strdup(dir, "network path");
    char *json = NULL;
    if (!copy)
        return SSIM_ENOMEM;
    char *old = sc->network_dir;
    sc->network_dir = copy;
    ssim_status_t st = ssim_scenario_json(sc, &json);
    if (st != SSIM_OK) { /* all or nothing */
        sc->network_dir = old;
        free(copy);
        return st;
    }
    free(old);
    free(sc->resolved_json);
    sc->resolved_json = json;
    return SSIM_OK;
}

/* Index of set in the catalog sc was read with, or -1. */
static int set_index(const ssim_scenario_t *sc, const ssim_scenario_params_t *set)
{
    for (size_t k = 0; sc->schema && k < sc->schema->n_sets; k++)
        if (sc->schema->cat->sets[k] == set)
            return (int)k;
    return -1;
}

const void *ssim_scenario_params(const ssim_scenario_t *sc, const ssim_scenario_params_t *set)
{
    int k = set_index(sc, set);
    return k >= 0 ? sc->params[k] : NULL;
}

void *ssim_scenario_params_edit(ssim_scenario_t *sc, const ssim_scenario_params_t *set)
{
    int k = set_index(sc, set);
    return k >= 0 ? sc->params[k] : NULL;
}

/* Release every value the schema's rows own (sets not yet allocated skipped). */
static void release_values(ssim_scenario_t *sc)
{
    const ssim_scenario_schema_t *s = sc->schema;
    for (size_t i = 0; s && i < s->n; i++) {
        void *base = s->set[i] < 0 || sc->params ? ssim_scenario_schema_base(s, i, sc) : NULL;
        for (int code = 0; base && code < ssim_scenario_schema_n_codes(s->rows[i]); code++)
            ssim_scenario_value_release(s->rows[i], base, ssim_scenario_schema_dst(s, i, sc, code));
    }
    for (size_t k = 0; s && sc->params && k < s->n_sets; k++)
        free(sc->params[k]);
    free(sc->params);
    ssim_scenario_schema_free(sc->schema);
}

void ssim_scenario_destroy(ssim_scenario_t *sc)
{
    if (!sc)
        return;
    release_values(sc);
    ssim_scenario_options_destroy(sc);
    free(sc->path);
    free(sc->text);
    free(sc->resolved_json);
    memset(sc, 0, sizeof *sc);
}
