/* scenario/yamltree — libyaml events -> ssim_scenario_node_t tree (see yamltree.h). */
#include "scenario/yamltree.h"

#include "core/alloc.h"
#include "core/strmap.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

typedef struct {
    yaml_parser_t parser;
    const char *path; /* for error locations */
    const char *text; /* the input, to place libyaml reader errors */
    size_t len;
    size_t n_nodes; /* nodes created so far (cap SSIM_SCENARIO_TREE_MAX_NODES) */
} tree_ctx_t;

static ssim_loc_t mark_loc(const tree_ctx_t *c, yaml_mark_t m)
{
    return (ssim_loc_t){c->path, (long)m.line + 1, (long)m.column + 1};
}

/* 1-based line:col of byte offset `off` (columns count characters, as
 * libyaml's marks do; a leading UTF-8 BOM is not a column). */
static ssim_loc_t offset_loc(const tree_ctx_t *c, size_t off)
{
    const unsigned char *s = (const unsigned char *)c->text;
    size_t start = (c->len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) ? 3 : 0;
    long line = 1, col = 1;
    if (off > c->len)
        off = c->len;
    for (size_t i = start; i < off; i++) {
        if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= c->len || s[i + 1] != '\n'))) {
            line++;
            col = 1;
        } else if ((s[i] & 0xC0) != 0x80) {
            col++;
        }
    }
    return (ssim_loc_t){c->path, line, col};
}

/* Report the error libyaml stopped at: its problem text, where it says. */
static ssim_status_t libyaml_error(const tree_ctx_t *c)
{
    const yaml_parser_t *p = &c->parser;
    if (p->error == YAML_MEMORY_ERROR)
        return ssim_error(SSIM_ENOMEM, (ssim_loc_t){c->path, 0, 0}, "out of memory parsing YAML");
    const char *problem = p->problem ? p->problem : "unknown libyaml error";
    if (p->error == YAML_READER_ERROR) {
        const char *hint = strstr(problem, "UTF-8") ? "; a scenario must be UTF-8 text" : "";
        if (p->problem_value != -1)
            return ssim_error(SSIM_EINVAL, offset_loc(c, p->problem_offset),
                              "invalid YAML: %s (byte 0x%02X)%s", problem,
                              (unsigned)p->problem_value, hint);
        return ssim_error(SSIM_EINVAL, offset_loc(c, p->problem_offset), "invalid YAML: %s%s",
                          problem, hint);
    }
    if (p->context)
        return ssim_error(SSIM_EINVAL, mark_loc(c, p->problem_mark),
                          "invalid YAML: %s (%s at line %ld col %ld)", problem, p->context,
                          (long)p->context_mark.line + 1, (long)p->context_mark.column + 1);
    return ssim_error(SSIM_EINVAL, mark_loc(c, p->problem_mark), "invalid YAML: %s", problem);
}

/* Next event into *ev (caller deletes it); raises libyaml's error on failure. */
static ssim_status_t next_event(tree_ctx_t *c, yaml_event_t *ev)
{
    memset(ev, 0, sizeof *ev);
    return yaml_parser_parse(&c->parser, ev) ? SSIM_OK : libyaml_error(c);
}

/* Reject the YAML features outside our subset: anchors, aliases, tags. */
static ssim_status_t check_subset(const tree_ctx_t *c, const yaml_event_t *ev)
{
    const yaml_char_t *anchor = NULL, *tag = NULL;
    ssim_loc_t loc = mark_loc(c, ev->start_mark);
    switch (ev->type) {
    case YAML_ALIAS_EVENT:
        return ssim_error(SSIM_EINVAL, loc, "aliases (*%s) are not supported: write the value out",
                          (const char *)ev->data.alias.anchor);
    case YAML_SCALAR_EVENT:
        anchor = ev->data.scalar.anchor;
        tag = ev->data.scalar.tag;
        break;
    case YAML_SEQUENCE_START_EVENT:
        anchor = ev->data.sequence_start.anchor;
        tag = ev->data.sequence_start.tag;
        break;
    case YAML_MAPPING_START_EVENT:
        anchor = ev->data.mapping_start.anchor;
        tag = ev->data.mapping_start.tag;
        break;
    default:
        break;
    }
    if (anchor)
        return ssim_error(SSIM_EINVAL, loc, "anchors (&%s) are not supported: write the value out",
                          (const char *)anchor);
    if (tag) {
        static const char std[] = "tag:yaml.org,2002:";
        const char *t = (const char *)tag;
        int is_std = strncmp(t, std, sizeof std - 1) == 0;
        return ssim_error(SSIM_EINVAL, loc,
                          "tags (%s%s) are not supported: the schema types values",
                          is_std ? "!!" : "", is_std ? t + sizeof std - 1 : t);
    }
    return SSIM_OK;
}

/* A new empty node at the event's start mark, counted against the cap. */
static ssim_status_t new_node(tree_ctx_t *c, const yaml_event_t *ev, ssim_scenario_node_kind_t kind,
                              ssim_scenario_node_t **out)
{
    *out = NULL;
    if (++c->n_nodes > SSIM_SCENARIO_TREE_MAX_NODES)
        return ssim_error(SSIM_ENOMEM, mark_loc(c, ev->start_mark),
                          "scenario has more than %d YAML nodes", SSIM_SCENARIO_TREE_MAX_NODES);
    ssim_scenario_node_t *n = ssim_calloc(1, sizeof *n, "scenario YAML node");
    if (!n)
        return SSIM_ENOMEM;
    n->kind = kind;
    n->line = (long)ev->start_mark.line + 1;
    n->col = (long)ev->start_mark.column + 1;
    *out = n;
    return SSIM_OK;
}

static ssim_status_t set_scalar(tree_ctx_t *c, const yaml_event_t *ev, ssim_scenario_node_t *n)
{
    size_t len = ev->data.scalar.length;
    const char *value = (const char *)ev->data.scalar.value;
    if (memchr(value, '\0', len))
        return ssim_error(SSIM_EINVAL, mark_loc(c, ev->start_mark),
                          "scalar contains a NUL character");
    n->quoted = ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
    n->text = ssim_malloc(len + 1, 1, "scenario YAML scalar");
    if (!n->text)
        return SSIM_ENOMEM;
    memcpy(n->text, value, len);
    n->text[len] = '\0';
    return SSIM_OK;
}

/* Duplicate keys in one mapping: error at the second, naming the first. */
static ssim_status_t check_duplicates(const tree_ctx_t *c, const ssim_scenario_node_t *map)
{
    ssim_strmap_t seen;
    ssim_status_t st = ssim_strmap_init(&seen, map->n);
    for (size_t i = 0; st == SSIM_OK && i < map->n; i++) {
        const ssim_scenario_node_t *k = ssim_scenario_node_key(map, i);
        int64_t first = -1;
        int r = ssim_strmap_put(&seen, k->text, (int64_t)i, &first);
        if (r < 0)
            st = SSIM_ENOMEM;
        else if (r == 1)
            st = ssim_error(SSIM_EINVAL, (ssim_loc_t){c->path, k->line, k->col},
                            "duplicate key '%s' (first at line %ld)", k->text,
                            ssim_scenario_node_key(map, (size_t)first)->line);
    }
    ssim_strmap_destroy(&seen);
    return st;
}

static ssim_status_t parse_node(tree_ctx_t *c, yaml_event_t *ev, int depth,
                                ssim_scenario_node_t **out);

/* Read the children of collection n up to its end event; keys of a mapping
 * must be scalars.  depth = nesting level of n's children. */
static ssim_status_t parse_children(tree_ctx_t *c, ssim_scenario_node_t *n, int depth)
{
    int is_map = n->kind == SSIM_SCENARIO_NODE_MAP;
    yaml_event_type_t end = is_map ? YAML_MAPPING_END_EVENT : YAML_SEQUENCE_END_EVENT;
    size_t used = 0, cap = 0;
    ssim_status_t st = SSIM_OK;
    for (;;) {
        yaml_event_t ev;
        if ((st = next_event(c, &ev)) != SSIM_OK)
            break;
        if (ev.type == end) {
            yaml_event_delete(&ev);
            break;
        }
        if (is_map && used % 2 == 0 && ev.type != YAML_SCALAR_EVENT) {
            st = ssim_error(SSIM_EINVAL, mark_loc(c, ev.start_mark),
                            "mapping keys must be plain names, not %s",
                            ev.type == YAML_MAPPING_START_EVENT    ? "mappings"
                            : ev.type == YAML_SEQUENCE_START_EVENT ? "lists"
                                                                   : "aliases");
            yaml_event_delete(&ev);
            break;
        }
        if (used == cap) {
            size_t ncap = cap ? 2 * cap : 8;
            void *p = ssim_realloc(n->kids, ncap, sizeof *n->kids, "scenario YAML children");
            if (!p) {
                yaml_event_delete(&ev);
                st = SSIM_ENOMEM;
                break;
            }
            n->kids = p;
            cap = ncap;
        }
        st = parse_node(c, &ev, depth, &n->kids[used]);
        if (n->kids[used])
            used++;
        n->n = is_map ? used / 2 : used;
        if (st != SSIM_OK)
            break;
    }
    if (is_map && used % 2) { /* a key without its value (only after an error) */
        ssim_scenario_tree_free(n->kids[--used]);
    }
    if (st == SSIM_OK && is_map)
        st = check_duplicates(c, n);
    return st;
}

/* Build the node that starts with event *ev (consumed: deleted here) and
 * everything inside it.  depth = nesting level of this node (root 0). */
static ssim_status_t parse_node(tree_ctx_t *c, yaml_event_t *ev, int depth,
                                ssim_scenario_node_t **out)
{
    ssim_scenario_node_t *n = NULL;
    ssim_status_t st = check_subset(c, ev);
    if (st == SSIM_OK) {
        switch (ev->type) {
        case YAML_SCALAR_EVENT:
            st = new_node(c, ev, SSIM_SCENARIO_NODE_SCALAR, &n);
            if (st == SSIM_OK)
                st = set_scalar(c, ev, n);
            break;
        case YAML_MAPPING_START_EVENT:
        case YAML_SEQUENCE_START_EVENT:
            if (depth >= SSIM_SCENARIO_TREE_MAX_DEPTH) {
                st = ssim_error(SSIM_ENOMEM, mark_loc(c, ev->start_mark),
                                "nesting deeper than %d levels", SSIM_SCENARIO_TREE_MAX_DEPTH);
                break;
            }
            st = new_node(c, ev,
                          ev->type == YAML_MAPPING_START_EVENT ? SSIM_SCENARIO_NODE_MAP
                                                               : SSIM_SCENARIO_NODE_SEQ,
                          &n);
            if (st == SSIM_OK)
                st = parse_children(c, n, depth + 1);
            break;
        default:
            st = ssim_error(SSIM_EINTERNAL, mark_loc(c, ev->start_mark), "unexpected YAML event %d",
                            (int)ev->type);
        }
    }
    yaml_event_delete(ev);
    *out = n; /* even on failure, so the caller frees the partial node */
    return st;
}

/* STREAM-START [DOCUMENT-START node DOCUMENT-END] STREAM-END; a second
 * DOCUMENT-START is an error. */
static ssim_status_t parse_stream(tree_ctx_t *c, ssim_scenario_node_t **root)
{
    yaml_event_t ev;
    ssim_status_t st = next_event(c, &ev); /* STREAM-START */
    if (st != SSIM_OK)
        return st;
    yaml_event_delete(&ev);
    if ((st = next_event(c, &ev)) != SSIM_OK)
        return st;
    int empty = ev.type == YAML_STREAM_END_EVENT; /* else DOCUMENT-START */
    yaml_event_delete(&ev);
    if (empty)
        return SSIM_OK;
    if ((st = next_event(c, &ev)) != SSIM_OK || (st = parse_node(c, &ev, 0, root)) != SSIM_OK)
        return st;
    if ((st = next_event(c, &ev)) != SSIM_OK) /* DOCUMENT-END */
        return st;
    yaml_event_delete(&ev);
    if ((st = next_event(c, &ev)) != SSIM_OK)
        return st;
    if (ev.type == YAML_DOCUMENT_START_EVENT)
        st = ssim_error(SSIM_EINVAL, mark_loc(c, ev.start_mark),
                        "more than one YAML document: a scenario is a single document "
                        "(remove the second '---')");
    yaml_event_delete(&ev);
    return st;
}

ssim_status_t ssim_scenario_tree_parse(const char *path, const char *text, size_t len,
                                       ssim_scenario_node_t **root)
{
    *root = NULL;
    const unsigned char *u = (const unsigned char *)text;
    if (len >= 2 && ((u[0] == 0xFE && u[1] == 0xFF) || (u[0] == 0xFF && u[1] == 0xFE)))
        return ssim_error(SSIM_EINVAL, (ssim_loc_t){path, 1, 1},
                          "invalid YAML: UTF-16 byte-order mark; a scenario must be UTF-8 text");
    tree_ctx_t c = {.path = path, .text = text, .len = len};
    if (!yaml_parser_initialize(&c.parser))
        return ssim_error(SSIM_ENOMEM, SSIM_LOC_NONE, "out of memory initialising libyaml");
    yaml_parser_set_input_string(&c.parser, u, len);
    ssim_status_t st = parse_stream(&c, root);
    yaml_parser_delete(&c.parser);
    if (st != SSIM_OK) {
        ssim_scenario_tree_free(*root);
        *root = NULL;
    }
    return st;
}

void ssim_scenario_tree_free(ssim_scenario_node_t *node)
{
    if (!node)
        return;
    size_t n_kids = node->kind == SSIM_SCENARIO_NODE_MAP ? 2 * node->n : node->n;
    for (size_t i = 0; i < n_kids; i++)
        ssim_scenario_tree_free(node->kids[i]);
    free(node->kids);
    free(node->text);
    free(node);
}

const ssim_scenario_node_t *ssim_scenario_node_get(const ssim_scenario_node_t *map, const char *key,
                                                   const ssim_scenario_node_t **key_node)
{
    if (key_node)
        *key_node = NULL;
    if (!map || map->kind != SSIM_SCENARIO_NODE_MAP)
        return NULL;
    for (size_t i = 0; i < map->n; i++) {
        if (strcmp(ssim_scenario_node_key(map, i)->text, key) == 0) {
            if (key_node)
                *key_node = ssim_scenario_node_key(map, i);
            return ssim_scenario_node_value(map, i);
        }
    }
    return NULL;
}

/* 'text' for messages: at most 40 bytes (then "..."), control
 * characters (newlines of block scalars) shown as spaces. */
static void describe_text(const char *text, char *buf, size_t size)
{
    char shown[48];
    size_t n = 0;
    for (; text[n] && n < 40; n++)
        shown[n] = (unsigned char)text[n] < 0x20 ? ' ' : text[n];
    while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80) /* cut at a character start */
        n--;
    shown[n] = '\0';
    snprintf(buf, size, "'%s%s'", shown, text[n] ? "..." : "");
}

const char *ssim_scenario_node_describe(const ssim_scenario_node_t *node, char *buf, size_t size)
{
    if (node->kind == SSIM_SCENARIO_NODE_MAP)
        snprintf(buf, size, "a mapping");
    else if (node->kind == SSIM_SCENARIO_NODE_SEQ)
        snprintf(buf, size, "a list");
    else if (!node->quoted && node->text[0] == '\0')
        snprintf(buf, size, "an empty value");
    else
        describe_text(node->text, buf, size);
    return buf;
}
