/* scenario/yamltree — a small YAML document tree built with libyaml's event API.
 *
 * Module-private (engine/scenario only).  The tree keeps what the schema walk
 * needs and nothing else: mappings, sequences and scalars with their 1-based
 * line:col and whether a scalar was written plain.  Scalars carry no type:
 * the schema types them.  Rejected while building, each with an error at
 * path:line:col: anchors, aliases, tags, more than one document, non-scalar
 * mapping keys, duplicate keys in one mapping (naming both lines), scalars
 * holding a NUL character, nesting deeper than SSIM_SCENARIO_TREE_MAX_DEPTH
 * and more than SSIM_SCENARIO_TREE_MAX_NODES nodes.  libyaml's own errors
 * (syntax, invalid UTF-8, control characters) are reported at the place
 * libyaml names, with its problem text.
 */
#ifndef SSIM_SCENARIO_YAMLTREE_H
#define SSIM_SCENARIO_YAMLTREE_H

#include "core/status.h"

#include <stddef.h>

enum {
    SSIM_SCENARIO_TREE_MAX_DEPTH = 32,     /* nested mappings/sequences */
    SSIM_SCENARIO_TREE_MAX_NODES = 100000, /* nodes in one document */
};

typedef enum {
    SSIM_SCENARIO_NODE_MAP = 0, /* kids = key0, value0, key1, value1, ... (2 * n) */
    SSIM_SCENARIO_NODE_SEQ,     /* kids = item0, item1, ... (n) */
    SSIM_SCENARIO_NODE_SCALAR   /* text */
} ssim_scenario_node_kind_t;

typedef struct ssim_scenario_node {
    ssim_scenario_node_kind_t kind;
    long line, col;                   /* 1-based start of the node */
    int quoted;                       /* SCALAR: 1 unless written plain (quotes, | or >) */
    char *text;                       /* SCALAR: the value, NUL-terminated, no inner NUL */
    size_t n;                         /* MAP: pairs; SEQ: items; SCALAR: 0 */
    struct ssim_scenario_node **kids; /* owned; length 2n (MAP) or n (SEQ) */
} ssim_scenario_node_t;

/* Parse len bytes of YAML (a UTF-8 BOM is tolerated) into a tree.  path is
 * used in error locations only.  On success *root is the document's root
 * node, or NULL when the stream holds no document (empty or comments only);
 * the caller frees it with ssim_scenario_tree_free.  On failure an error is
 * raised, *root is NULL and SSIM_EINVAL (bad YAML) or SSIM_ENOMEM (a cap or
 * out of memory) is returned.  Time and memory O(len). */
ssim_status_t ssim_scenario_tree_parse(const char *path, const char *text, size_t len,
                                       ssim_scenario_node_t **root);

/* Free a tree (NULL is fine). */
void ssim_scenario_tree_free(ssim_scenario_node_t *node);

/* Key and value of pair i of a mapping (borrowed). */
static inline const ssim_scenario_node_t *ssim_scenario_node_key(const ssim_scenario_node_t *map,
                                                                 size_t i)
{
    return map->kids[2 * i];
}
static inline const ssim_scenario_node_t *ssim_scenario_node_value(const ssim_scenario_node_t *map,
                                                                   size_t i)
{
    return map->kids[2 * i + 1];
}

/* Value of key in a mapping, or NULL (node not a mapping, or key absent).
 * When key_node is not NULL it receives the key's node. */
const ssim_scenario_node_t *ssim_scenario_node_get(const ssim_scenario_node_t *map, const char *key,
                                                   const ssim_scenario_node_t **key_node);

/* Short description of a node for messages: "a mapping", "a list",
 * "an empty value", or the scalar quoted as 'text' (truncated).  Returns buf. */
const char *ssim_scenario_node_describe(const ssim_scenario_node_t *node, char *buf, size_t size);

#endif
