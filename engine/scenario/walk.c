/* scenario/walk — fill ssim_scenario_t from a YAML tree through the schema.
 *
 * Phases, each stopping at the first error:
 *   1. walk: every key of the file matched to a row (or a section, walked
 *      in turn) and its value typed into its struct (the scenario's, or a
 *      parameter set's);
 *   2. required keys present;
 *   3. defaults: each key the file left out gets its default, parsed from
 *      the schema's text by the same setter as user input;
 *   4. cross-key rules (a DOUBLE row's hi_key bound), then each parameter
 *      set's check hook in catalog order, then the chosen model's own rules
 *      (e.g. the supply-chain model's: an incident needs candidate origins).
 */
#include "scenario/schema.h"

#include "core/alloc.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>

typedef struct {
    ssim_loc_t loc; /* where the file set the row (line 0: not set; wildcard: any code) */
    uint64_t codes; /* wildcard rows: bit c set when the file set vocabulary code c */
} seen_t;

/* A load in progress (also the check hooks' ssim_scenario_check_t). */
struct ssim_scenario_check {
    ssim_scenario_t *sc;
    const ssim_scenario_node_t *root;
    const ssim_scenario_schema_t *schema; /* sc->schema */
    seen_t *seen;                         /* length schema->n */
};
typedef struct ssim_scenario_check walk_t;

static const ssim_scenario_row_t *row_at(const walk_t *w, size_t i) { return w->schema->rows[i]; }

static int is_set(const walk_t *w, size_t i, int code)
{
    return row_at(w, i)->vocab ? (w->seen[i].codes >> code) & 1 : w->seen[i].loc.line > 0;
}

static ssim_status_t unknown_key(const walk_t *w, const char *key, const ssim_scenario_node_t *k)
{
    char hint[1024];
    ssim_loc_t loc = {w->sc->path, k->line, k->col};
    if (strlen(key) >= SSIM_SCENARIO_MAX_KEY - 1)
        return ssim_error(SSIM_EINVAL, loc, "unknown key '%.60s...'", key);
    return ssim_error(SSIM_EINVAL, loc, "unknown key '%s'%s", key,
                      ssim_scenario_schema_hint(w->schema, key, hint, sizeof hint));
}

/* Phase 1 for one pair: key (full dotted path) = value. */
static ssim_status_t set_user(walk_t *w, size_t i, int code, const char *key,
                              const ssim_scenario_node_t *k, const ssim_scenario_node_t *v)
{
    ssim_scenario_set_t c = {.row = row_at(w, i),
                             .key = key,
                             .file = w->sc->path,
                             .base_path = w->sc->path,
                             .base = ssim_scenario_schema_base(w->schema, i, w->sc),
                             .dst = ssim_scenario_schema_dst(w->schema, i, w->sc, code)};
    ssim_status_t st = ssim_scenario_value_set(&c, v);
    seen_t *s = &w->seen[i];
    s->loc = (ssim_loc_t){w->sc->path, k->line, k->col};
    if (row_at(w, i)->vocab)
        s->codes |= UINT64_C(1) << code;
    return st;
}

/* Phase 1: the pairs of mapping `map` whose keys live under `prefix`
 * ("" at the top, else "section."). */
static ssim_status_t walk_map(walk_t *w, const ssim_scenario_node_t *map, const char *prefix)
{
    ssim_status_t st = SSIM_OK;
    for (size_t i = 0; st == SSIM_OK && i < map->n; i++) {
        const ssim_scenario_node_t *k = ssim_scenario_node_key(map, i);
        const ssim_scenario_node_t *v = ssim_scenario_node_value(map, i);
        char key[SSIM_SCENARIO_MAX_KEY + 64], got[64];
        snprintf(key, sizeof key, "%s%s", prefix, k->text);
        int code, row = -1;
        if (k->text[0] && !strchr(k->text, '.') && strlen(key) < SSIM_SCENARIO_MAX_KEY - 1)
            row = ssim_scenario_schema_find(w->schema, key, &code);
        if (row >= 0) {
            st = set_user(w, (size_t)row, code, key, k, v);
        } else if (!prefix[0] && !strcmp(k->text, "options")) {
            st = ssim_scenario_options_parse(w->sc, v); /* the option-lever table */
        } else if (strchr(k->text, '.')) {
            st = ssim_error(SSIM_EINVAL, (ssim_loc_t){w->sc->path, k->line, k->col},
                            "key '%s' contains '.': write nested mappings instead", k->text);
        } else if (!k->text[0] || !ssim_scenario_schema_is_section(w->schema, key)) {
            st = unknown_key(w, key, k);
        } else if (v->kind != SSIM_SCENARIO_NODE_MAP) {
            st = ssim_error(SSIM_EINVAL, (ssim_loc_t){w->sc->path, v->line, v->col},
                            "%s must be a mapping of %s.* keys (got %s)", key, key,
                            ssim_scenario_node_describe(v, got, sizeof got));
        } else {
            char sub[sizeof key + 1]; /* key and its "." */
            snprintf(sub, sizeof sub, "%s.", key);
            st = walk_map(w, v, sub);
        }
    }
    return st;
}

/* Where to report a missing key: its deepest section present in the file
 * (that section's key), else line 1 col 1.  With whole, the key itself when
 * the file has it. */
static ssim_loc_t missing_loc(const walk_t *w, const char *key, int whole)
{
    ssim_loc_t loc = {w->sc->path, 1, 1};
    const ssim_scenario_node_t *map = w->root;
    char comp[SSIM_SCENARIO_MAX_KEY];
    for (const char *p = key, *dot; map && p; p = dot ? dot + 1 : NULL) {
        const ssim_scenario_node_t *k;
        dot = strchr(p, '.');
        if (!dot && !whole)
            break;
        snprintf(comp, sizeof comp, "%.*s", dot ? (int)(dot - p) : (int)strlen(p), p);
        map = map->kind == SSIM_SCENARIO_NODE_MAP ? ssim_scenario_node_get(map, comp, &k) : NULL;
        if (map)
            loc = (ssim_loc_t){w->sc->path, k->line, k->col};
    }
    return loc;
}

/* Phase 2. */
static ssim_status_t check_required(const walk_t *w)
{
    for (size_t i = 0; i < w->schema->n; i++)
        if (row_at(w, i)->required && !is_set(w, i, 0))
            return ssim_error(SSIM_EINVAL, missing_loc(w, row_at(w, i)->key, 0),
                              "missing required key '%s'", row_at(w, i)->key);
    return SSIM_OK;
}

/* Parse YAML `text` (origin names it in messages) and set row/code from it.
 * With no_loc the messages carry no line:col (the text is not a file). */
static ssim_status_t set_from_text(ssim_scenario_t *sc, size_t i, int code, const char *key,
                                   const char *text, const char *origin, int no_loc)
{
    ssim_scenario_node_t *n = NULL;
    ssim_status_t st = ssim_scenario_tree_parse(origin, text, strlen(text), &n);
    if (st == SSIM_OK && !n)
        st = ssim_error(SSIM_EINVAL, (ssim_loc_t){origin, 0, 0}, "%s: no value given", key);
    if (st == SSIM_OK) {
        if (no_loc)
            n->line = n->col = 0;
        ssim_scenario_set_t c = {.row = sc->schema->rows[i],
                                 .key = key,
                                 .file = origin,
                                 .base_path = sc->path,
                                 .base = ssim_scenario_schema_base(sc->schema, i, sc),
                                 .dst = ssim_scenario_schema_dst(sc->schema, i, sc, code)};
        st = ssim_scenario_value_set(&c, n);
    }
    ssim_scenario_tree_free(n);
    return st;
}

/* Phase 3 for one value: a copy of def_from, or the default text parsed. */
static ssim_status_t set_default(walk_t *w, size_t i, int code)
{
    const ssim_scenario_row_t *row = row_at(w, i);
    char key[SSIM_SCENARIO_MAX_KEY], origin[SSIM_SCENARIO_MAX_KEY + 32];
    ssim_scenario_schema_key(row, code, key, sizeof key);
    if (row->def_from) {
        int from_code, from = ssim_scenario_schema_find(w->schema, row->def_from, &from_code);
        if (from < 0 || (size_t)from >= i || row_at(w, (size_t)from)->type != row->type ||
            row->type == SSIM_SCENARIO_T_STRLIST || row->type == SSIM_SCENARIO_T_NUMMAP)
            return ssim_error(SSIM_EINTERNAL, SSIM_LOC_NONE, "schema: bad def_from of '%s'", key);
        memcpy(ssim_scenario_schema_dst(w->schema, i, w->sc, code),
               ssim_scenario_schema_src(w->schema, (size_t)from, w->sc, from_code),
               ssim_scenario_value_size(row));
        return SSIM_OK;
    }
    snprintf(origin, sizeof origin, "schema default of '%s'", key);
    ssim_status_t st = set_from_text(w->sc, i, code, key, row->def ? row->def : "", origin, 0);
    if (st == SSIM_EINVAL)
        st = ssim_error(SSIM_EINTERNAL, SSIM_LOC_NONE, "schema: invalid default for '%s'", key);
    return st;
}

/* Phase 3. */
static ssim_status_t apply_defaults(walk_t *w)
{
    ssim_status_t st = SSIM_OK;
    for (size_t i = 0; st == SSIM_OK && i < w->schema->n; i++)
        for (int code = 0; st == SSIM_OK && code < ssim_scenario_schema_n_codes(row_at(w, i));
             code++)
            if (!row_at(w, i)->required && !is_set(w, i, code))
                st = set_default(w, i, code);
    return st;
}

/* Phase 4: value <= the value of hi_key, reported where either was set. */
static ssim_status_t check_cross(const walk_t *w)
{
    for (size_t i = 0; i < w->schema->n; i++) {
        const ssim_scenario_row_t *r = row_at(w, i);
        int hi_code;
        int hi = r->hi_key ? ssim_scenario_schema_find(w->schema, r->hi_key, &hi_code) : -1;
        if (hi < 0)
            continue;
        const ssim_scenario_row_t *h = row_at(w, (size_t)hi);
        double v = *(const double *)ssim_scenario_schema_src(w->schema, i, w->sc, 0);
        double hv = *(const double *)ssim_scenario_schema_src(w->schema, (size_t)hi, w->sc, 0);
        if (v <= hv)
            continue;
        const seen_t *s = &w->seen[i], *hs = &w->seen[hi];
        ssim_loc_t loc = s->loc.line    ? s->loc
                         : hs->loc.line ? hs->loc
                                        : (ssim_loc_t){w->sc->path, 1, 1};
        return ssim_error(SSIM_EINVAL, loc, "%s must be <= %s (got %s%g, %s is %g)", r->key, h->key,
                          s->loc.line ? "" : "the default ", v, h->key, hv);
    }
    return SSIM_OK;
}

/* Phase 4c: the time grid has at most SSIM_MAX_STEPS output steps
 * (ceil(horizon_hours / output_step_hours), as the results count them): a
 * step of 1e-300 hours would overflow the count (issue 18, defect 6). */
static ssim_status_t check_steps(const walk_t *w)
{
    double h = w->sc->horizon_hours, step = w->sc->output_step_hours;
    double k = ceil(h / step - 1e-9);
    if (k <= SSIM_MAX_STEPS)
        return SSIM_OK;
    return ssim_error(SSIM_EINVAL, ssim_scenario_check_loc(w, "output_step_hours"),
                      "output_step_hours must give at most %d output steps over horizon_hours "
                      "(got %g h over %g h: %.3g steps); use a longer step",
                      SSIM_MAX_STEPS, step, h, k);
}

/* Phase 4d: the chosen model's own rules on the scenario's keys, core or in
 * sets (the catalog's checks: the scenario layer names no model). */
static ssim_status_t check_model(const walk_t *w)
{
    const ssim_scenario_catalog_t *cat = w->schema->cat;
    for (size_t i = 0; cat->checks && cat->models[i]; i++)
        if (cat->checks[i] && strcmp(cat->models[i], w->sc->model) == 0)
            return cat->checks[i](w, w->sc);
    return SSIM_OK;
}

/* Phase 4c: the parameter sets' own rules. */
static ssim_status_t check_sets(const walk_t *w)
{
    ssim_status_t st = SSIM_OK;
    const ssim_scenario_catalog_t *cat = w->schema->cat;
    for (size_t k = 0; st == SSIM_OK && k < w->schema->n_sets; k++)
        if (cat->sets[k]->check)
            st = cat->sets[k]->check(w, w->sc, w->sc->params[k]);
    return st;
}

ssim_loc_t ssim_scenario_check_first(const ssim_scenario_check_t *chk, const char *prefix)
{
    size_t n = strlen(prefix);
    for (size_t i = 0; i < chk->schema->n; i++)
        if (strncmp(row_at(chk, i)->key, prefix, n) == 0 && chk->seen[i].loc.line)
            return chk->seen[i].loc;
    return (ssim_loc_t){chk->sc->path, 1, 1};
}

ssim_loc_t ssim_scenario_check_loc(const ssim_scenario_check_t *chk, const char *key)
{
    int code, i = ssim_scenario_schema_find(chk->schema, key, &code);
    if (i >= 0 && chk->seen[i].loc.line > 0 && (code < 0 || (chk->seen[i].codes >> code) & 1))
        return (ssim_loc_t){chk->sc->path, chk->seen[i].loc.line, chk->seen[i].loc.col};
    return missing_loc(chk, key, 0);
}

int ssim_scenario_check_is_set(const ssim_scenario_check_t *chk, const char *key, ssim_loc_t *loc)
{
    int code, i = ssim_scenario_schema_find(chk->schema, key, &code);
    if (i < 0 || !is_set(chk, (size_t)i, code < 0 ? 0 : code))
        return 0;
    if (loc) /* a wildcard row keeps one place: find this code's own key in the tree */
        *loc = row_at(chk, (size_t)i)->vocab ? missing_loc(chk, key, 1) : chk->seen[i].loc;
    return 1;
}

ssim_status_t ssim_scenario_apply(ssim_scenario_t *sc, const ssim_scenario_node_t *root)
{
    walk_t w = {.sc = sc, .root = root, .schema = sc->schema};
    w.seen = ssim_calloc(w.schema->n, sizeof *w.seen, "scenario keys seen");
    if (!w.seen)
        return SSIM_ENOMEM;
    ssim_status_t st = walk_map(&w, root, "");
    if (st == SSIM_OK)
        st = check_required(&w);
    if (st == SSIM_OK)
        st = apply_defaults(&w);
    if (st == SSIM_OK)
        st = check_cross(&w);
    if (st == SSIM_OK)
        st = check_steps(&w);
    if (st == SSIM_OK)
        st = check_model(&w);
    if (st == SSIM_OK)
        st = check_sets(&w);
    free(w.seen);
    return st;
}

ssim_status_t ssim_scenario_apply_text(ssim_scenario_t *sc, const char *key, const char *text,
                                       const char *origin)
{
    int code, i = ssim_scenario_schema_find(sc->schema, key, &code);
    const ssim_scenario_row_t *row = i >= 0 ? sc->schema->rows[i] : NULL;
    size_t size = row ? ssim_scenario_value_size(row) : 0;
    unsigned char saved[sizeof(ssim_dist_t)];
    int plain =
        row && (row->type == SSIM_SCENARIO_T_UINT64 || row->type == SSIM_SCENARIO_T_DOUBLE ||
                row->type == SSIM_SCENARIO_T_BOOL || row->type == SSIM_SCENARIO_T_DIST);
    if (!plain || size > sizeof saved)
        return ssim_error(SSIM_EINTERNAL, SSIM_LOC_NONE, "override of '%s' is not supported", key);
    void *dst = ssim_scenario_schema_dst(sc->schema, (size_t)i, sc, code);
    memcpy(saved, dst, size);
    ssim_status_t st = set_from_text(sc, (size_t)i, code, key, text, origin, 1);
    if (st != SSIM_OK)
        memcpy(dst, saved, size); /* keep the value in effect */
    return st;
}
