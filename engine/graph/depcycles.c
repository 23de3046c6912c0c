/* graph/depcycles — strongly connected components of a subset of the
 * dependencies (graph.h: ssim_graph_dependency_sccs): an iterative Tarjan
 * pass over the frozen CSR, no igraph (igraph's edge indexing is what makes
 * the full dependency count slow on large networks). */
#include "graph/graph.h"

#include "core/alloc.h"

#include <stdlib.h>

/* Tarjan's workspace, one array per role (length n_operators each). */
typedef struct {
    int32_t *index, *low; /* discovery order, lowest index reachable; -1 = unvisited */
    int32_t *stack;       /* Tarjan's stack of operators */
    int32_t *call_v;      /* the explicit call stack: operator ... */
    int64_t *call_pos;    /* ... and its next dependency slot in the CSR */
    uint8_t *on_stack;
} tarjan_t;

static void tarjan_free(tarjan_t *t)
{
    free(t->index);
    free(t->low);
    free(t->stack);
    free(t->call_v);
    free(t->call_pos);
    free(t->on_stack);
}

static int tarjan_alloc(tarjan_t *t, size_t n)
{
    t->index = ssim_malloc(n + 1, sizeof *t->index, "dependency SCC index");
    t->low = ssim_malloc(n + 1, sizeof *t->low, "dependency SCC low");
    t->stack = ssim_malloc(n + 1, sizeof *t->stack, "dependency SCC stack");
    t->call_v = ssim_malloc(n + 1, sizeof *t->call_v, "dependency SCC calls");
    t->call_pos = ssim_malloc(n + 1, sizeof *t->call_pos, "dependency SCC calls");
    t->on_stack = ssim_calloc(n + 1, sizeof *t->on_stack, "dependency SCC flags");
    return t->index && t->low && t->stack && t->call_v && t->call_pos && t->on_stack;
}

/* One depth-first search from root; a finished component of more than one
 * operator gets number *n_found (then counted), a single operator -1. */
static void tarjan_from(tarjan_t *t, const ssim_graph_t *g, const ssim_network_t *net,
                        const uint8_t *keep, int32_t root, int32_t *counter, size_t *sp,
                        int32_t *comp, size_t *n_found)
{
    size_t top = 0;
    t->index[root] = t->low[root] = (*counter)++;
    t->stack[(*sp)++] = root;
    t->on_stack[root] = 1;
    t->call_v[0] = root;
    t->call_pos[0] = g->dependents_off[root];
    for (;;) {
        int32_t v = t->call_v[top];
        if (t->call_pos[top] < g->dependents_off[v + 1]) {
            int32_t d = g->dependents_edge[t->call_pos[top]++];
            int32_t w = net->dep_op[d];
            if (!keep[d])
                continue;
            if (t->index[w] < 0) {
                t->index[w] = t->low[w] = (*counter)++;
                t->stack[(*sp)++] = w;
                t->on_stack[w] = 1;
                top++;
                t->call_v[top] = w;
                t->call_pos[top] = g->dependents_off[w];
            } else if (t->on_stack[w] && t->index[w] < t->low[v]) {
                t->low[v] = t->index[w];
            }
            continue;
        }
        if (t->low[v] == t->index[v]) { /* v roots a component: pop it */
            size_t first = *sp;
            while (t->stack[--first] != v)
                ;
            int32_t id = *sp - first > 1 ? (int32_t)(*n_found)++ : -1;
            for (size_t i = first; i < *sp; i++) {
                t->on_stack[t->stack[i]] = 0;
                comp[t->stack[i]] = id;
            }
            *sp = first;
        }
        if (top == 0)
            return;
        top--;
        int32_t u = t->call_v[top];
        if (t->low[v] < t->low[u])
            t->low[u] = t->low[v];
    }
}

ssim_status_t ssim_graph_dependency_sccs(const ssim_graph_t *g, const ssim_network_t *net,
                                         const uint8_t *keep, int32_t *comp, size_t *n_comp)
{
    size_t n = g->n_operators, n_found = 0, sp = 0;
    tarjan_t t = {0};
    *n_comp = 0;
    if (!tarjan_alloc(&t, n)) {
        tarjan_free(&t);
        return SSIM_ENOMEM;
    }
    for (size_t v = 0; v < n; v++)
        t.index[v] = -1;
    int32_t counter = 0;
    for (size_t v = 0; v < n; v++)
        if (t.index[v] < 0)
            tarjan_from(&t, g, net, keep, (int32_t)v, &counter, &sp, comp, &n_found);
    /* renumber in the order of each component's smallest operator index */
    int32_t *order = t.low; /* reused: old number -> new number */
    for (size_t c = 0; c < n_found; c++)
        order[c] = -1;
    int32_t next = 0;
    for (size_t v = 0; v < n; v++)
        if (comp[v] >= 0) {
            if (order[comp[v]] < 0)
                order[comp[v]] = next++;
            comp[v] = order[comp[v]];
        }
    *n_comp = n_found;
    tarjan_free(&t);
    return SSIM_OK;
}
