/* scenario/values — one setter, JSON writer and release function per schema
 * type, behind a const table indexed by ssim_scenario_type_t.
 *
 * Typing rules (strict on purpose; the schema, not YAML, decides types):
 *   integers  plain decimal digits, no sign, no leading zeros, no separators
 *   numbers   plain [+-]digits[.digits][e[+-]digits] (or .5 / 5.), finite;
 *             no hex, inf or nan
 *   bools     plain true or false only (no yes/no/on/off)
 *   a quoted scalar where a number or bool is expected is an error
 *   strings   any scalar; numbers and bools written plain are kept as text
 */
#include "scenario/schema.h"

#include "core/alloc.h"
#include "core/strmap.h"

#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef const ssim_scenario_set_t set_t;
typedef const ssim_scenario_node_t node_t;

static ssim_loc_t node_loc(set_t *c, node_t *n) { return (ssim_loc_t){c->file, n->line, n->col}; }

static int is_digit(char ch) { return ch >= '0' && ch <= '9'; }

/* ---- scalar syntax ---- */

/* Strict unsigned decimal; 0 on success, -1 on bad syntax or overflow. */
static int parse_u64(const char *s, uint64_t *out)
{
    if (!is_digit(s[0]) || (s[0] == '0' && s[1]))
        return -1;
    uint64_t v = 0;
    for (; *s; s++) {
        if (!is_digit(*s))
            return -1;
        unsigned d = (unsigned)(*s - '0');
        if (v > (UINT64_MAX - d) / 10)
            return -1;
        v = v * 10 + d;
    }
    *out = v;
    return 0;
}

/* Strict finite decimal number (see the file comment); 0 on success. */
static int parse_double(const char *s, double *out)
{
    const char *p = s;
    size_t digits = 0;
    if (*p == '+' || *p == '-')
        p++;
    for (; is_digit(*p); p++)
        digits++;
    if (*p == '.')
        for (p++; is_digit(*p); p++)
            digits++;
    if (digits == 0)
        return -1;
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-')
            p++;
        if (!is_digit(*p))
            return -1;
        while (is_digit(*p))
            p++;
    }
    if (*p)
        return -1;
    char *end;
    double v = strtod(s, &end);
    if (end != p || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

/* A number or bool is expected, so node must be a plain scalar.  expected
 * names the kind wanted ("an integer") for the quoted-string message; rule
 * completes "<key> <rule> (got ...)" when node is not a scalar at all. */
static ssim_status_t need_plain(set_t *c, node_t *n, const char *expected, const char *rule)
{
    char got[64];
    if (n->kind != SSIM_SCENARIO_NODE_SCALAR)
        return ssim_error(SSIM_EINVAL, node_loc(c, n), "%s %s (got %s)", c->key, rule,
                          ssim_scenario_node_describe(n, got, sizeof got));
    if (n->quoted)
        return ssim_error(SSIM_EINVAL, node_loc(c, n),
                          "%s: expected %s, got a quoted string (%s); remove the quotes", c->key,
                          expected, ssim_scenario_node_describe(n, got, sizeof got));
    return SSIM_OK;
}

/* "[lo, hi]" / "(lo, hi]" ..., the bound text of a DOUBLE row. */
static const char *double_range(const ssim_scenario_row_t *r, char *buf, size_t size)
{
    char hi[64];
    if (r->hi_key)
        snprintf(hi, sizeof hi, "%s", r->hi_key);
    else
        snprintf(hi, sizeof hi, "%g", r->hi);
    snprintf(buf, size, "%c%g, %s%c", r->lo_open ? '(' : '[', r->lo, hi, r->hi_open ? ')' : ']');
    return buf;
}

/* ---- setters ---- */

static ssim_status_t set_string(set_t *c, node_t *n)
{
    char got[64];
    if (n->kind != SSIM_SCENARIO_NODE_SCALAR)
        return ssim_error(SSIM_EINVAL, node_loc(c, n), "%s must be a string (got %s)", c->key,
                          ssim_scenario_node_describe(n, got, sizeof got));
    if (c->row->nonempty && n->text[0] == '\0')
        return ssim_error(SSIM_EINVAL, node_loc(c, n), "%s must not be empty", c->key);
    char *s = ssim_strdup(n->text, c->key);
    if (!s)
        return SSIM_ENOMEM;
    *(char **)c->dst = s;
    return SSIM_OK;
}

/* rel resolved against the directory of base: "a/b/s.yaml" -> "a/b/rel",
 * "/s.yaml" -> "/rel"; rel as it is when absolute or when base has no '/'
 * (then the directory is ".", the working directory). */
static char *resolve_path(const char *base, const char *rel, const char *what)
{
    const char *slash = base ? strrchr(base, '/') : NULL;
    if (rel[0] == '/' || !slash)
        return ssim_strdup(rel, what);
    size_t dlen = (size_t)(slash - base) + 1; /* directory with its '/' */
    size_t n = dlen + strlen(rel) + 1;
    char *out = ssim_malloc(n, 1, what);
    if (out)
        snprintf(out, n, "%.*s%s", (int)dlen, base, rel);
    return out;
}

static ssim_status_t set_path(set_t *c, node_t *n)
{
    char got[64];
    if (n->kind != SSIM_SCENARIO_NODE_SCALAR || n->text[0] == '\0')
        return ssim_error(SSIM_EINVAL, node_loc(c, n), "%s must be a non-empty path (got %s)",
                          c->key, ssim_scenario_node_describe(n, got, sizeof got));
    char *s = resolve_path(c->base_path, n->text, c->key);
    if (!s)
        return SSIM_ENOMEM;
    *(char **)c->dst = s;
    return SSIM_OK;
}

static ssim_status_t set_uint64(set_t *c, node_t *n)
{
    const ssim_scenario_row_t *r = c->row;
    char rule[96], got[64];
    snprintf(rule, sizeof rule, "must be an integer in [%" PRIu64 ", %" PRIu64 "]", r->ulo, r->uhi);
    ssim_status_t st = need_plain(c, n, "an integer", rule);
    uint64_t v = 0;
    if (st == SSIM_OK && (parse_u64(n->text, &v) != 0 || v < r->ulo || v > r->uhi))
        st = ssim_error(SSIM_EINVAL, node_loc(c, n), "%s %s (got %s)", c->key, rule,
                        ssim_scenario_node_describe(n, got, sizeof got));
    if (st == SSIM_OK)
        *(uint64_t *)c->dst = v;
    return st;
}

/* 1 when v lies inside the row's static bounds. */
static int in_range(const ssim_scenario_row_t *r, double v)
{
    int lo_ok = r->lo_open ? v > r->lo : v >= r->lo;
    int hi_ok = r->hi_open ? v < r->hi : v <= r->hi;
    return lo_ok && hi_ok;
}

static ssim_status_t set_double(set_t *c, node_t *n)
{
    char range[96], rule[128], got[64];
    snprintf(rule, sizeof rule, "must be a number in %s",
             double_range(c->row, range, sizeof range));
    ssim_status_t st = need_plain(c, n, "a number", rule);
    double v = 0;
    if (st == SSIM_OK && (parse_double(n->text, &v) != 0 || !in_range(c->row, v)))
        st = ssim_error(SSIM_EINVAL, node_loc(c, n), "%s %s (got %s)", c->key, rule,
                        ssim_scenario_node_describe(n, got, sizeof got));
    if (st == SSIM_OK)
        *(double *)c->dst = v;
    return st;
}

static ssim_status_t set_bool(set_t *c, node_t *n)
{
    char got[64];
    ssim_status_t st = need_plain(c, n, "true or false", "must be true or false");
    int v = -1;
    if (st == SSIM_OK)
        v = strcmp(n->text, "true") == 0 ? 1 : strcmp(n->text, "false") == 0 ? 0 : -1;
    if (st == SSIM_OK && v < 0)
        st = ssim_error(SSIM_EINVAL, node_loc(c, n), "%s must be true or false (got %s)", c->key,
                        ssim_scenario_node_describe(n, got, sizeof got));
    if (st == SSIM_OK)
        *(int *)c->dst = v;
    return st;
}

/* "a, b, c" from a NULL-terminated list. */
static const char *join_names(const char *const *names, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; names[i] && used < size; i++) {
        int w = snprintf(buf + used, size - used, "%s%s", i ? ", " : "", names[i]);
        used += w > 0 ? (size_t)w : 0;
    }
    return buf;
}

static ssim_status_t set_enum(set_t *c, node_t *n)
{
    const char *const *names = c->row->values;
    int code = -1;
    if (n->kind == SSIM_SCENARIO_NODE_SCALAR)
        for (int i = 0; names[i] && code < 0; i++)
            if (strcmp(names[i], n->text) == 0)
                code = i;
    if (code < 0) {
        char list[256], got[64];
        return ssim_error(SSIM_EINVAL, node_loc(c, n), "%s must be one of: %s (got %s)", c->key,
                          join_names(names, list, sizeof list),
                          ssim_scenario_node_describe(n, got, sizeof got));
    }
    if (!c->row->enum_as_string) {
        *(int *)c->dst = code;
        return SSIM_OK;
    }
    char *s = ssim_strdup(names[code], c->key);
    if (!s)
        return SSIM_ENOMEM;
    *(char **)c->dst = s;
    return SSIM_OK;
}

/* ---- distributions ---- */

static const char *dist_kinds(char *buf, size_t size)
{
    const char *names[SSIM_DIST_N_KINDS + 1];
    for (int k = 0; k < SSIM_DIST_N_KINDS; k++)
        names[k] = ssim_dist_kind_name((ssim_dist_kind_t)k);
    names[SSIM_DIST_N_KINDS] = NULL;
    return join_names(names, buf, size);
}

static const char *dist_params(ssim_dist_kind_t kind, char *buf, size_t size)
{
    const char *names[SSIM_DIST_MAX_PARAMS + 1] = {NULL};
    for (int i = 0; i < ssim_dist_n_params(kind); i++)
        names[i] = ssim_dist_param_name(kind, i);
    return join_names(names, buf, size);
}

/* The `dist: KIND` entry of a distribution mapping. */
static ssim_status_t dist_kind(set_t *c, node_t *map, ssim_dist_kind_t *kind)
{
    char list[128], got[64];
    node_t *v = ssim_scenario_node_get(map, "dist", NULL);
    if (!v)
        return ssim_error(SSIM_EINVAL, node_loc(c, map), "%s: missing 'dist' (one of: %s)", c->key,
                          dist_kinds(list, sizeof list));
    if (v->kind != SSIM_SCENARIO_NODE_SCALAR || ssim_dist_kind_parse(v->text, kind) != 0)
        return ssim_error(SSIM_EINVAL, node_loc(c, v), "%s: unknown distribution %s (one of: %s)",
                          c->key, ssim_scenario_node_describe(v, got, sizeof got),
                          dist_kinds(list, sizeof list));
    return SSIM_OK;
}

/* The parameters of a distribution mapping: exactly the kind's names. */
static ssim_status_t dist_param_values(set_t *c, node_t *map, ssim_dist_t *d)
{
    char list[64], got[64];
    int seen[SSIM_DIST_MAX_PARAMS] = {0};
    for (size_t i = 0; i < map->n; i++) {
        node_t *k = ssim_scenario_node_key(map, i), *v = ssim_scenario_node_value(map, i);
        if (strcmp(k->text, "dist") == 0)
            continue;
        int p = -1;
        for (int j = 0; j < ssim_dist_n_params(d->kind); j++)
            if (strcmp(k->text, ssim_dist_param_name(d->kind, j)) == 0)
                p = j;
        if (p < 0)
            return ssim_error(SSIM_EINVAL, node_loc(c, k),
                              "%s: '%s' is not a parameter of %s (expected: %s)", c->key, k->text,
                              ssim_dist_kind_name(d->kind),
                              dist_params(d->kind, list, sizeof list));
        char rule[160];
        snprintf(rule, sizeof rule, "%s.%s", c->key, k->text);
        set_t pc = {.row = c->row, .key = rule, .file = c->file};
        ssim_status_t st = need_plain(&pc, v, "a number", "must be a number");
        if (st == SSIM_OK && parse_double(v->text, &d->p[p]) != 0)
            st = ssim_error(SSIM_EINVAL, node_loc(c, v), "%s must be a number (got %s)", rule,
                            ssim_scenario_node_describe(v, got, sizeof got));
        if (st != SSIM_OK)
            return st;
        seen[p] = 1;
    }
    for (int j = 0; j < ssim_dist_n_params(d->kind); j++)
        if (!seen[j])
            return ssim_error(SSIM_EINVAL, node_loc(c, map), "%s: %s needs '%s' (parameters: %s)",
                              c->key, ssim_dist_kind_name(d->kind),
                              ssim_dist_param_name(d->kind, j),
                              dist_params(d->kind, list, sizeof list));
    return SSIM_OK;
}

/* A bare number (fixed) or { dist: KIND, <params> }; then ssim_dist_check. */
static ssim_status_t set_dist(set_t *c, node_t *n)
{
    ssim_dist_t d = {0};
    char got[64], why[256];
    ssim_status_t st;
    if (n->kind == SSIM_SCENARIO_NODE_MAP) {
        st = dist_kind(c, n, &d.kind);
        if (st == SSIM_OK)
            st = dist_param_values(c, n, &d);
    } else {
        const char *rule = "must be a number or a mapping { dist: KIND, <parameters> }";
        st = need_plain(c, n, "a number", rule);
        if (st == SSIM_OK && parse_double(n->text, &d.p[0]) != 0)
            st = ssim_error(SSIM_EINVAL, node_loc(c, n), "%s %s (got %s)", c->key, rule,
                            ssim_scenario_node_describe(n, got, sizeof got));
        d.kind = SSIM_DIST_FIXED;
    }
    if (st == SSIM_OK && ssim_dist_check(&d, why, sizeof why) != 0)
        st = ssim_error(SSIM_EINVAL, node_loc(c, n), "%s: invalid %s distribution: %s", c->key,
                        ssim_dist_kind_name(d.kind), why);
    if (st == SSIM_OK)
        *(ssim_dist_t *)c->dst = d;
    return st;
}

/* ---- string lists ---- */

typedef struct {
    char ***items;     /* -> the char ** field */
    size_t *n;         /* -> the count field */
    ssim_loc_t **locs; /* -> the locations field */
} strlist_t;

static strlist_t strlist_of(const ssim_scenario_row_t *r, void *base, void *dst)
{
    char *b = base;
    return (strlist_t){(char ***)dst, (size_t *)(b + r->off_n), (ssim_loc_t **)(b + r->off_locs)};
}

/* Items must be non-empty scalars; with row->unique, distinct. */
static ssim_status_t strlist_check(set_t *c, node_t *seq)
{
    char got[64];
    ssim_strmap_t seen;
    ssim_status_t st = ssim_strmap_init(&seen, seq->n);
    for (size_t i = 0; st == SSIM_OK && i < seq->n; i++) {
        node_t *it = seq->kids[i];
        int64_t first = -1;
        if (it->kind != SSIM_SCENARIO_NODE_SCALAR || it->text[0] == '\0')
            st = ssim_error(SSIM_EINVAL, node_loc(c, it),
                            "%s: items must be non-empty strings (got %s)", c->key,
                            ssim_scenario_node_describe(it, got, sizeof got));
        else if (!c->row->unique)
            continue;
        else if (ssim_strmap_put(&seen, it->text, (int64_t)i, &first) < 0)
            st = SSIM_ENOMEM;
        else if (first >= 0)
            st = ssim_error(SSIM_EINVAL, node_loc(c, it),
                            "%s: duplicate item '%s' (first at line %ld)", c->key, it->text,
                            seq->kids[first]->line);
    }
    ssim_strmap_destroy(&seen);
    return st;
}

static ssim_status_t set_strlist(set_t *c, node_t *n)
{
    const ssim_scenario_row_t *r = c->row;
    char got[64];
    if (n->kind != SSIM_SCENARIO_NODE_SEQ)
        return ssim_error(SSIM_EINVAL, node_loc(c, n), "%s must be a list, e.g. [a, b] (got %s)",
                          c->key, ssim_scenario_node_describe(n, got, sizeof got));
    if (n->n < r->ulo || n->n > r->uhi)
        return ssim_error(SSIM_EINVAL, node_loc(c, n),
                          n->n == 0 ? "%s must not be empty (%" PRIu64 " to %" PRIu64 " items)"
                                    : "%s must have %" PRIu64 " to %" PRIu64 " items (got %zu)",
                          c->key, r->ulo, r->uhi, n->n);
    ssim_status_t st = strlist_check(c, n);
    strlist_t l = strlist_of(r, c->base, c->dst);
    if (st == SSIM_OK) {
        *l.items = ssim_calloc(n->n, sizeof **l.items, c->key);
        *l.locs = ssim_calloc(n->n, sizeof **l.locs, c->key);
        st = *l.items && *l.locs ? SSIM_OK : SSIM_ENOMEM;
    }
    for (size_t i = 0; st == SSIM_OK && i < n->n; i++) {
        (*l.items)[i] = ssim_strdup(n->kids[i]->text, c->key);
        (*l.locs)[i] = node_loc(c, n->kids[i]);
        *l.n = i + 1;
        st = (*l.items)[i] ? SSIM_OK : SSIM_ENOMEM;
    }
    return st;
}

static void release_strlist(const ssim_scenario_row_t *r, void *base, void *dst)
{
    strlist_t l = strlist_of(r, base, dst);
    for (size_t i = 0; *l.items && i < *l.n; i++)
        free((*l.items)[i]);
    free(*l.items);
    free(*l.locs);
    *l.items = NULL;
    *l.locs = NULL;
    *l.n = 0;
}

/* ---- JSON ---- */

static void json_strlist(ssim_scenario_buf_t *b, const ssim_scenario_row_t *r, const void *base,
                         const void *src)
{
    char *const *items = *(char *const *const *)src;
    size_t n = *(const size_t *)((const char *)base + r->off_n);
    ssim_scenario_buf_add(b, "[", 1);
    for (size_t i = 0; i < n; i++) {
        if (i)
            ssim_scenario_buf_add(b, ",", 1);
        ssim_scenario_buf_json_string(b, items[i]);
    }
    ssim_scenario_buf_add(b, "]", 1);
}

void ssim_scenario_value_json(ssim_scenario_buf_t *b, const ssim_scenario_row_t *r,
                              const void *base, const void *src)
{
    char tmp[512];
    switch (r->type) {
    case SSIM_SCENARIO_T_STRING:
    case SSIM_SCENARIO_T_PATH:
        ssim_scenario_buf_json_string(b, *(char *const *)src);
        break;
    case SSIM_SCENARIO_T_UINT64:
        ssim_scenario_buf_printf(b, "%" PRIu64, *(const uint64_t *)src);
        break;
    case SSIM_SCENARIO_T_DOUBLE:
        ssim_scenario_buf_double(b, *(const double *)src);
        break;
    case SSIM_SCENARIO_T_BOOL:
        ssim_scenario_buf_printf(b, "%s", *(const int *)src ? "true" : "false");
        break;
    case SSIM_SCENARIO_T_ENUM:
        ssim_scenario_buf_json_string(b, r->enum_as_string ? *(char *const *)src
                                                           : r->values[*(const int *)src]);
        break;
    case SSIM_SCENARIO_T_DIST:
        ssim_dist_to_json((const ssim_dist_t *)src, tmp, sizeof tmp);
        ssim_scenario_buf_printf(b, "%s", tmp);
        break;
    case SSIM_SCENARIO_T_STRLIST:
        json_strlist(b, r, base, src);
        break;
    case SSIM_SCENARIO_T_NUMMAP:
        ssim_scenario_nummap_json(b, src);
        break;
    case SSIM_SCENARIO_N_TYPES:
        break;
    }
}

/* ---- the per-type table ---- */

static const struct {
    const char *doc; /* type name in the key reference */
    ssim_status_t (*set)(set_t *c, node_t *node);
    size_t size; /* storage bytes */
} types[SSIM_SCENARIO_N_TYPES] = {
    [SSIM_SCENARIO_T_STRING] = {"string", set_string, sizeof(char *)},
    [SSIM_SCENARIO_T_PATH] = {"path", set_path, sizeof(char *)},
    [SSIM_SCENARIO_T_UINT64] = {"integer", set_uint64, sizeof(uint64_t)},
    [SSIM_SCENARIO_T_DOUBLE] = {"number", set_double, sizeof(double)},
    [SSIM_SCENARIO_T_BOOL] = {"bool", set_bool, sizeof(int)},
    [SSIM_SCENARIO_T_ENUM] = {"enum", set_enum, sizeof(int)},
    [SSIM_SCENARIO_T_DIST] = {"distribution", set_dist, sizeof(ssim_dist_t)},
    [SSIM_SCENARIO_T_STRLIST] = {"list of strings", set_strlist, sizeof(char **)},
    [SSIM_SCENARIO_T_NUMMAP] = {"number or mapping", ssim_scenario_nummap_set,
                                sizeof(ssim_scenario_nummap_t)},
};

ssim_status_t ssim_scenario_value_set(const ssim_scenario_set_t *c,
                                      const ssim_scenario_node_t *node)
{
    ssim_scenario_value_release(c->row, c->base, c->dst);
    ssim_status_t st = types[c->row->type].set(c, node);
    if (st != SSIM_OK)
        ssim_scenario_value_release(c->row, c->base, c->dst);
    return st;
}

void ssim_scenario_value_release(const ssim_scenario_row_t *row, void *base, void *dst)
{
    int owns_string = row->type == SSIM_SCENARIO_T_STRING || row->type == SSIM_SCENARIO_T_PATH ||
                      (row->type == SSIM_SCENARIO_T_ENUM && row->enum_as_string);
    if (owns_string) {
        free(*(char **)dst);
        *(char **)dst = NULL;
    } else if (row->type == SSIM_SCENARIO_T_STRLIST) {
        release_strlist(row, base, dst);
    } else if (row->type == SSIM_SCENARIO_T_NUMMAP) {
        ssim_scenario_nummap_release(dst);
    }
}

size_t ssim_scenario_value_size(const ssim_scenario_row_t *row)
{
    return row->type == SSIM_SCENARIO_T_ENUM && row->enum_as_string ? sizeof(char *)
                                                                    : types[row->type].size;
}

const char *ssim_scenario_value_doc(const ssim_scenario_row_t *r, char *buf, size_t size)
{
    char tmp[256];
    switch (r->type) {
    case SSIM_SCENARIO_T_UINT64:
        snprintf(buf, size, "integer in [%" PRIu64 ", %" PRIu64 "]", r->ulo, r->uhi);
        break;
    case SSIM_SCENARIO_T_DOUBLE:
        snprintf(buf, size, "number in %s", double_range(r, tmp, sizeof tmp));
        break;
    case SSIM_SCENARIO_T_BOOL:
        snprintf(buf, size, "true or false");
        break;
    case SSIM_SCENARIO_T_ENUM:
        snprintf(buf, size, "one of: %s", join_names(r->values, tmp, sizeof tmp));
        break;
    case SSIM_SCENARIO_T_DIST:
        snprintf(buf, size, "distribution (number or { dist: ... })");
        break;
    case SSIM_SCENARIO_T_NUMMAP:
        snprintf(buf, size, "number in %s, or a mapping: default and names to such numbers",
                 double_range(r, tmp, sizeof tmp));
        break;
    case SSIM_SCENARIO_T_STRLIST:
        snprintf(buf, size, "list of %" PRIu64 " to %" PRIu64 " %sstrings", r->ulo, r->uhi,
                 r->unique ? "distinct " : "");
        break;
    default:
        snprintf(buf, size, "%s%s", types[r->type].doc, r->nonempty ? " (non-empty)" : "");
    }
    return buf;
}
