/* scenario/nummap — the NUMMAP type (params.h: ssim_scenario_nummap_t): a
 * number, or a mapping of names to numbers with an optional `default`.
 * Each number goes through the DOUBLE setter with the row's bounds, so its
 * messages and rules are the number form's. */
#include "scenario/schema.h"

#include "core/alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One number of the map: node through the DOUBLE setter into *out; key
 * names it in messages. */
static ssim_status_t set_number(const ssim_scenario_set_t *c, const char *key,
                                const ssim_scenario_node_t *node, double *out)
{
    ssim_scenario_row_t dr = *c->row;
    dr.type = SSIM_SCENARIO_T_DOUBLE;
    ssim_scenario_set_t dc = *c;
    dc.row = &dr;
    dc.key = key;
    dc.dst = out;
    return ssim_scenario_value_set(&dc, node);
}

/* The row's default text as a number (the mapping form without `default`). */
static ssim_status_t set_row_default(const ssim_scenario_set_t *c, double *out)
{
    char *end;
    *out = strtod(c->row->def ? c->row->def : "", &end);
    if (!c->row->def || end == c->row->def || *end)
        return ssim_error(SSIM_EINTERNAL, SSIM_LOC_NONE, "schema: %s needs a number as default",
                          c->row->key);
    return SSIM_OK;
}

/* Insert entry i of m in byte order of the names (insertion sort: a few
 * names). */
static void insert_sorted(ssim_scenario_nummap_t *m, size_t i)
{
    char *name = m->names[i];
    double v = m->values[i];
    ssim_loc_t loc = m->locs[i];
    for (; i > 0 && strcmp(m->names[i - 1], name) > 0; i--) {
        m->names[i] = m->names[i - 1];
        m->values[i] = m->values[i - 1];
        m->locs[i] = m->locs[i - 1];
    }
    m->names[i] = name;
    m->values[i] = v;
    m->locs[i] = loc;
}

static ssim_status_t set_mapping(const ssim_scenario_set_t *c, const ssim_scenario_node_t *map,
                                 ssim_scenario_nummap_t *m)
{
    char key[SSIM_SCENARIO_MAX_KEY + 320];
    int have_default = 0;
    m->names = ssim_calloc(map->n + 1, sizeof *m->names, c->key);
    m->values = ssim_calloc(map->n + 1, sizeof *m->values, c->key);
    m->locs = ssim_calloc(map->n + 1, sizeof *m->locs, c->key);
    ssim_status_t st = m->names && m->values && m->locs ? SSIM_OK : SSIM_ENOMEM;
    for (size_t i = 0; st == SSIM_OK && i < map->n; i++) {
        const ssim_scenario_node_t *k = ssim_scenario_node_key(map, i);
        const ssim_scenario_node_t *v = ssim_scenario_node_value(map, i);
        snprintf(key, sizeof key, "%s.%.256s", c->key, k->text);
        if (!k->text[0]) {
            st = ssim_error(SSIM_EINVAL, (ssim_loc_t){c->file, k->line, k->col},
                            "%s: names must be non-empty", c->key);
        } else if (strcmp(k->text, "default") == 0) {
            st = set_number(c, key, v, &m->value);
            have_default = 1;
        } else if ((st = set_number(c, key, v, &m->values[m->n])) == SSIM_OK) {
            m->names[m->n] = ssim_strdup(k->text, c->key);
            m->locs[m->n] = (ssim_loc_t){c->file, k->line, k->col};
            st = m->names[m->n] ? SSIM_OK : SSIM_ENOMEM;
            if (st == SSIM_OK)
                insert_sorted(m, m->n++);
        }
    }
    if (st == SSIM_OK && !have_default)
        st = set_row_default(c, &m->value);
    return st;
}

ssim_status_t ssim_scenario_nummap_set(const ssim_scenario_set_t *c,
                                       const ssim_scenario_node_t *node)
{
    ssim_scenario_nummap_t *m = c->dst;
    memset(m, 0, sizeof *m);
    if (node->kind == SSIM_SCENARIO_NODE_MAP)
        return set_mapping(c, node, m); /* duplicate names: the YAML tree's error */
    if (node->kind == SSIM_SCENARIO_NODE_SEQ)
        return ssim_error(SSIM_EINVAL, (ssim_loc_t){c->file, node->line, node->col},
                          "%s must be a number or a mapping of names to numbers "
                          "(e.g. { default: 0.1, NAME: 0.2 }), not a list",
                          c->key);
    return set_number(c, c->key, node, &m->value);
}

void ssim_scenario_nummap_release(void *dst)
{
    ssim_scenario_nummap_t *m = dst;
    for (size_t i = 0; m->names && i < m->n; i++)
        free(m->names[i]);
    free(m->names);
    free(m->values);
    free(m->locs);
    memset(m, 0, sizeof *m);
}

void ssim_scenario_nummap_json(ssim_scenario_buf_t *b, const void *src)
{
    const ssim_scenario_nummap_t *m = src;
    if (m->n == 0) {
        ssim_scenario_buf_double(b, m->value); /* the number form's bytes */
        return;
    }
    ssim_scenario_buf_add(b, "{\"default\":", 11);
    ssim_scenario_buf_double(b, m->value);
    for (size_t i = 0; i < m->n; i++) {
        ssim_scenario_buf_add(b, ",", 1);
        ssim_scenario_buf_json_string(b, m->names[i]);
        ssim_scenario_buf_add(b, ":", 1);
        ssim_scenario_buf_double(b, m->values[i]);
    }
    ssim_scenario_buf_add(b, "}", 1);
}
