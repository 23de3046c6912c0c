/* input/network — the network loader (contract in network.h).
 *
 * The four files are read in order (operators, suppliers, supply,
 * dependencies).  For each, the header row maps the required columns by name
 * (file_spec_t), then every data row goes to that file's row handler.  A row
 * handler validates all fields before it changes anything, then commits the
 * row, so the first error stops the load cleanly.
 *
 * Strings (ids and names) live in one growing pool.  While loading, nodes
 * keep pool offsets; they become pointers at the end.  The id map's keys
 * point into the pool, so the map is rebuilt whenever the pool moves
 * (amortised O(1) per id: the pool doubles).  Arrays grow geometrically.
 * Time O(total bytes), memory O(rows).
 *
 * Message conventions: "COLUMN must ..." for a value rule, with "(got X)"
 * showing the value as written (quoted when it is not a number); "duplicate
 * ... (first at ...)" names the earlier definition.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* stat */
#endif

#include "input/network.h"

#include "core/alloc.h"
#include "core/vocab.h"
#include "input/csv.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Data rows per file; a test build lowers it to provoke the cap cheaply. */
#ifndef SSIM_NET_ROW_CAP
#define SSIM_NET_ROW_CAP SSIM_NET_MAX_ROWS
#endif

enum { MAX_COLUMNS = 8, SHOWN_BYTES = 64 };

/* With st == SSIM_OK: array ptr resized to cap elements, or st = SSIM_ENOMEM
 * (error raised, ptr unchanged).  With st already failed: nothing. */
#define GROW(st, ptr, cap) ((ptr) = grow((ptr), (cap), sizeof *(ptr), #ptr, &(st)))

static void *grow(void *ptr, size_t cap, size_t size, const char *what, ssim_status_t *st)
{
    void *p = *st == SSIM_OK ? ssim_realloc(ptr, cap, size, what) : NULL;
    if (*st == SSIM_OK && !p)
        *st = SSIM_ENOMEM;
    return p ? p : ptr;
}

/* ---- a set of 64-bit keys, each with the line where it first appeared ---- */

/* Open addressing; lines are >= 1, so line 0 marks an empty slot.  Key and
 * line share a slot, so a probe touches one cache line. */
typedef struct {
    uint64_t key;
    long line;
} keyslot_t;

typedef struct {
    keyslot_t *slots; /* length = cap, a power of two */
    size_t cap, n;
} keyset_t;

static size_t key_slot(uint64_t key, size_t mask)
{
    key ^= key >> 30; /* splitmix64 finaliser */
    key *= 0xbf58476d1ce4e5b9ull;
    key ^= key >> 27;
    key *= 0x94d049bb133111ebull;
    key ^= key >> 31;
    return (size_t)key & mask;
}

static ssim_status_t keyset_grow(keyset_t *s)
{
    size_t cap = s->cap ? 2 * s->cap : 64;
    keyslot_t *slots = ssim_calloc(cap, sizeof *slots, "duplicate-check table");
    if (!slots)
        return SSIM_ENOMEM;
    for (size_t i = 0; i < s->cap; i++) {
        if (!s->slots[i].line)
            continue;
        size_t j = key_slot(s->slots[i].key, cap - 1);
        while (slots[j].line)
            j = (j + 1) & (cap - 1);
        slots[j] = s->slots[i];
    }
    free(s->slots);
    s->slots = slots;
    s->cap = cap;
    return SSIM_OK;
}

/* Add key, seen at line.  *first = 0 when it is new, else the earlier line. */
static ssim_status_t keyset_put(keyset_t *s, uint64_t key, long line, long *first)
{
    ssim_status_t st = 2 * (s->n + 1) > s->cap ? keyset_grow(s) : SSIM_OK;
    if (st != SSIM_OK)
        return st;
    size_t mask = s->cap - 1;
    for (size_t i = key_slot(key, mask);; i = (i + 1) & mask) {
        keyslot_t *slot = &s->slots[i];
        if (!slot->line) {
            slot->key = key;
            slot->line = line;
            s->n++;
            *first = 0;
            return SSIM_OK;
        }
        if (slot->key == key) {
            *first = slot->line;
            return SSIM_OK;
        }
    }
}

/* Start loading the slot where keyset_put(s, key) will begin probing: a row
 * parses its other fields meanwhile (the table is far larger than the caches
 * on big networks, and the probe's miss was the loader's largest cost). */
static void keyset_prefetch(const keyset_t *s, uint64_t key)
{
    if (s->cap)
        __builtin_prefetch(&s->slots[key_slot(key, s->cap - 1)]);
}

static void keyset_destroy(keyset_t *s) { free(s->slots); }

/* ---- the loader's workspace ---- */

typedef struct {
    ssim_network_t *net;
    const char *path; /* the file being read (net->files[f].path) */

    /* per node (operators, then suppliers), length node_cap */
    size_t *id_off, *name_off; /* pool offsets of id and name */
    long *node_line;           /* line of the defining row */
    size_t node_cap;

    size_t op_cap, sup_cap, supply_cap, dep_cap; /* capacities of net's arrays */
    keyset_t edges;                              /* (supplier, customer) -> line */
    keyset_t deps;                               /* (operator, provider, kind) -> line */
    char shown[SHOWN_BYTES + 4];
} loader_t;

static void loader_destroy(loader_t *l)
{
    free(l->id_off);
    free(l->name_off);
    free(l->node_line);
    keyset_destroy(&l->edges);
    keyset_destroy(&l->deps);
}

static size_t n_nodes(const loader_t *l) { return l->net->n_operators + l->net->n_suppliers; }

static size_t next_cap(size_t cap) { return cap ? 2 * cap : 64; }

static ssim_loc_t at(const loader_t *l, const ssim_csv_field_t *f)
{
    return (ssim_loc_t){l->path, f->line, f->col};
}

/* f's text for a message: at most SHOWN_BYTES bytes, cut at a character
 * boundary and marked with "..." when longer. */
static const char *shown(loader_t *l, const ssim_csv_field_t *f)
{
    if (f->len <= SHOWN_BYTES)
        return f->text;
    size_t n = SHOWN_BYTES;
    while (n && ((unsigned char)f->text[n] & 0xC0) == 0x80)
        n--;
    memcpy(l->shown, f->text, n);
    memcpy(l->shown + n, "...", 4);
    return l->shown;
}

/* Path of the file that defines node. */
static const char *node_path(const loader_t *l, int64_t node)
{
    ssim_net_file_t f =
        (size_t)node < l->net->n_operators ? SSIM_FILE_OPERATORS : SSIM_FILE_SUPPLIERS;
    return l->net->files[f].path;
}

/* ---- growth of the string pool and the arrays ---- */

/* Rebuild the id map after the pool moved: keys are pointers into it. */
static ssim_status_t rebuild_ids(loader_t *l)
{
    ssim_network_t *net = l->net;
    ssim_strmap_destroy(&net->ids);
    ssim_status_t st = ssim_strmap_init(&net->ids, n_nodes(l));
    for (size_t i = 0; i < n_nodes(l) && st == SSIM_OK; i++)
        if (ssim_strmap_put(&net->ids, net->pool + l->id_off[i], (int64_t)i, NULL) < 0)
            st = SSIM_ENOMEM;
    return st;
}

/* Make room for need more bytes in the pool. */
static ssim_status_t pool_reserve(loader_t *l, size_t need)
{
    ssim_network_t *net = l->net;
    if (need <= net->pool_cap - net->pool_len)
        return SSIM_OK;
    size_t cap = net->pool_cap ? net->pool_cap : 4096;
    while (cap - net->pool_len < need)
        cap *= 2;
    uintptr_t old = (uintptr_t)net->pool;
    char *p = ssim_realloc(net->pool, cap, 1, "network string pool");
    if (!p)
        return SSIM_ENOMEM;
    net->pool = p;
    net->pool_cap = cap;
    return (uintptr_t)p == old ? SSIM_OK : rebuild_ids(l);
}

/* Copy f's text (and its NUL) into the pool, which has room; its offset. */
static size_t pool_push(ssim_network_t *net, const ssim_csv_field_t *f)
{
    size_t off = net->pool_len;
    memcpy(net->pool + off, f->text, f->len + 1);
    net->pool_len += f->len + 1;
    return off;
}

static ssim_status_t reserve_nodes(loader_t *l)
{
    if (n_nodes(l) < l->node_cap)
        return SSIM_OK;
    size_t cap = next_cap(l->node_cap);
    ssim_status_t st = SSIM_OK;
    GROW(st, l->id_off, cap);
    GROW(st, l->name_off, cap);
    GROW(st, l->node_line, cap);
    if (st == SSIM_OK)
        l->node_cap = cap;
    return st;
}

static ssim_status_t reserve_operators(loader_t *l)
{
    ssim_network_t *net = l->net;
    if (net->n_operators < l->op_cap)
        return SSIM_OK;
    size_t cap = next_cap(l->op_cap);
    ssim_status_t st = SSIM_OK;
    GROW(st, net->op_sector, cap);
    GROW(st, net->op_prefecture, cap);
    GROW(st, net->op_customers, cap);
    GROW(st, net->op_designated, cap);
    if (st == SSIM_OK)
        l->op_cap = cap;
    return st;
}

static ssim_status_t reserve_suppliers(loader_t *l)
{
    ssim_network_t *net = l->net;
    if (net->n_suppliers < l->sup_cap)
        return SSIM_OK;
    size_t cap = next_cap(l->sup_cap);
    ssim_status_t st = SSIM_OK;
    GROW(st, net->sup_country, cap);
    GROW(st, net->sup_category, cap);
    if (st == SSIM_OK)
        l->sup_cap = cap;
    return st;
}

static ssim_status_t reserve_supply(loader_t *l)
{
    ssim_network_t *net = l->net;
    if (net->n_supply < l->supply_cap)
        return SSIM_OK;
    size_t cap = next_cap(l->supply_cap);
    ssim_status_t st = SSIM_OK;
    GROW(st, net->sup_src, cap);
    GROW(st, net->sup_dst, cap);
    GROW(st, net->sup_channel, cap);
    GROW(st, net->sup_lag_hours, cap);
    GROW(st, net->sup_share, cap);
    GROW(st, net->sup_privilege, cap);
    if (st == SSIM_OK)
        l->supply_cap = cap;
    return st;
}

static ssim_status_t reserve_deps(loader_t *l)
{
    ssim_network_t *net = l->net;
    if (net->n_deps < l->dep_cap)
        return SSIM_OK;
    size_t cap = next_cap(l->dep_cap);
    ssim_status_t st = SSIM_OK;
    GROW(st, net->dep_op, cap);
    GROW(st, net->dep_provider, cap);
    GROW(st, net->dep_kind, cap);
    GROW(st, net->dep_buffer_hours, cap);
    GROW(st, net->dep_loss, cap);
    if (st == SSIM_OK)
        l->dep_cap = cap;
    return st;
}

/* Add the next node (id already checked unique) with its strings. */
static ssim_status_t add_node(loader_t *l, const ssim_csv_field_t *id, const ssim_csv_field_t *name,
                              long line)
{
    ssim_network_t *net = l->net;
    size_t node = n_nodes(l);
    ssim_status_t st = reserve_nodes(l);
    if (st == SSIM_OK)
        st = pool_reserve(l, id->len + name->len + 2);
    if (st != SSIM_OK)
        return st;
    l->id_off[node] = pool_push(net, id);
    l->name_off[node] = pool_push(net, name);
    l->node_line[node] = line;
    if (ssim_strmap_put(&net->ids, net->pool + l->id_off[node], (int64_t)node, NULL) < 0)
        return SSIM_ENOMEM;
    return SSIM_OK;
}

/* ---- field rules ---- */

/* Non-empty and at most SSIM_NET_MAX_ID_BYTES bytes. */
static ssim_status_t check_text(loader_t *l, const ssim_csv_field_t *f, const char *what)
{
    if (f->len == 0)
        return ssim_error(SSIM_EINVAL, at(l, f), "%s must not be empty", what);
    if (f->len > SSIM_NET_MAX_ID_BYTES)
        return ssim_error(SSIM_EINVAL, at(l, f), "%s must be at most %d bytes (got %zu bytes)",
                          what, SSIM_NET_MAX_ID_BYTES, f->len);
    return SSIM_OK;
}

/* An id: text without control characters, not defined before. */
static ssim_status_t check_new_id(loader_t *l, const ssim_csv_field_t *f)
{
    ssim_status_t st = check_text(l, f, "id");
    if (st != SSIM_OK)
        return st;
    for (size_t i = 0; i < f->len; i++) {
        unsigned char c = (unsigned char)f->text[i];
        if (c < 0x20 || c == 0x7F)
            return ssim_error(SSIM_EINVAL, at(l, f),
                              "id must not contain control characters (tab, line break)");
    }
    int64_t node = ssim_strmap_get(&l->net->ids, f->text);
    if (node < 0)
        return SSIM_OK;
    return ssim_error(SSIM_EINVAL, at(l, f), "duplicate id \"%s\" (first defined at %s:%ld)",
                      f->text, node_path(l, node), l->node_line[node]);
}

static ssim_status_t parse_vocab(loader_t *l, const ssim_csv_field_t *f, const char *what,
                                 const ssim_vocab_t *vocab, int8_t *out)
{
    int code = ssim_vocab_find(vocab, f->text);
    if (code < 0)
        return ssim_error(SSIM_EINVAL, at(l, f), "%s must be one of: %s (got \"%s\")", what,
                          ssim_vocab_list(vocab), shown(l, f));
    *out = (int8_t)code;
    return SSIM_OK;
}

/* Optional sign, then one or more ASCII digits. */
static int is_integer_text(const char *s)
{
    if (*s == '+' || *s == '-')
        s++;
    if (!*s)
        return 0;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return 0;
    return 1;
}

/* A decimal integer in [lo, hi]. */
static ssim_status_t parse_int(loader_t *l, const ssim_csv_field_t *f, const char *what,
                               long long lo, long long hi, int64_t *out)
{
    if (!is_integer_text(f->text))
        return ssim_error(SSIM_EINVAL, at(l, f), "%s must be an integer (got \"%s\")", what,
                          shown(l, f));
    errno = 0;
    long long v = strtoll(f->text, NULL, 10);
    if (errno == ERANGE || v < lo || v > hi)
        return ssim_error(SSIM_EINVAL, at(l, f), "%s must be in %lld..%lld (got %s)", what, lo, hi,
                          shown(l, f));
    *out = v;
    return SSIM_OK;
}

static ssim_status_t parse_flag(loader_t *l, const ssim_csv_field_t *f, const char *what,
                                uint8_t *out)
{
    if (strcmp(f->text, "0") != 0 && strcmp(f->text, "1") != 0)
        return ssim_error(SSIM_EINVAL, at(l, f), "%s must be 0 or 1 (got \"%s\")", what,
                          shown(l, f));
    *out = (uint8_t)(f->text[0] - '0');
    return SSIM_OK;
}

/* Bounds of a real-valued column: [lo, hi], or (lo, hi] when lo_open. */
typedef struct {
    double lo, hi;
    int lo_open;
} range_t;

static const range_t HOURS = {0.0, SSIM_NET_MAX_LAG_HOURS, 0};
static const range_t FRACTION = {0.0, 1.0, 1};

/* A finite decimal number (strtod syntax in the C locale, no hex) in range. */
static ssim_status_t parse_real(loader_t *l, const ssim_csv_field_t *f, const char *what,
                                const range_t *r, double *out)
{
    const char *s = f->text;
    char *end = NULL;
    double x = 0.0;
    int syntax = s[0] && !isspace((unsigned char)s[0]) && !strpbrk(s, "xX");
    if (syntax) {
        x = strtod(s, &end);
        syntax = *end == '\0';
    }
    if (!syntax)
        return ssim_error(SSIM_EINVAL, at(l, f), "%s must be a number (got \"%s\")", what,
                          shown(l, f));
    if (!isfinite(x))
        return ssim_error(SSIM_EINVAL, at(l, f), "%s must be a finite number (got %s)", what,
                          shown(l, f));
    if (r->lo_open && !(x > r->lo && x <= r->hi))
        return ssim_error(SSIM_EINVAL, at(l, f), "%s must be in (%.15g, %.15g] (got %s)", what,
                          r->lo, r->hi, shown(l, f));
    if (x < r->lo)
        return ssim_error(SSIM_EINVAL, at(l, f), "%s must be >= %.15g (got %s)", what, r->lo,
                          shown(l, f));
    if (x > r->hi)
        return ssim_error(SSIM_EINVAL, at(l, f), "%s must be <= %.15g (got %s)", what, r->hi,
                          shown(l, f));
    *out = x;
    return SSIM_OK;
}

/* ISO 3166-1 alpha-2: exactly two upper-case ASCII letters. */
static ssim_status_t parse_country(loader_t *l, const ssim_csv_field_t *f, char out[3])
{
    const char *s = f->text;
    if (f->len != 2 || s[0] < 'A' || s[0] > 'Z' || s[1] < 'A' || s[1] > 'Z')
        return ssim_error(SSIM_EINVAL, at(l, f),
                          "country must be two upper-case letters (ISO 3166-1 alpha-2, e.g. JP) "
                          "(got \"%s\")",
                          shown(l, f));
    memcpy(out, s, 3);
    return SSIM_OK;
}

/* The node named by f, which must be an id defined in `where`. */
static ssim_status_t find_node(loader_t *l, const ssim_csv_field_t *f, const char *what,
                               const char *where, int64_t *node)
{
    if (f->len == 0)
        return ssim_error(SSIM_EINVAL, at(l, f), "%s must not be empty", what);
    *node = ssim_strmap_get(&l->net->ids, f->text);
    if (*node < 0)
        return ssim_error(SSIM_EINVAL, at(l, f), "unknown %s \"%s\": no such id in %s", what,
                          shown(l, f), where);
    return SSIM_OK;
}

static ssim_status_t find_supplier(loader_t *l, const ssim_csv_field_t *f, int64_t *node)
{
    ssim_status_t st = find_node(l, f, "supplier", "suppliers.csv", node);
    if (st != SSIM_OK)
        return st;
    if ((size_t)*node < l->net->n_operators)
        return ssim_error(SSIM_EINVAL, at(l, f),
                          "supplier \"%s\" is an operator, not a supplier (defined at %s:%ld)",
                          f->text, node_path(l, *node), l->node_line[*node]);
    return SSIM_OK;
}

static ssim_status_t find_operator(loader_t *l, const ssim_csv_field_t *f, const char *what,
                                   int64_t *node)
{
    ssim_status_t st = find_node(l, f, what, "operators.csv", node);
    if (st != SSIM_OK)
        return st;
    if ((size_t)*node >= l->net->n_operators)
        return ssim_error(SSIM_EINVAL, at(l, f),
                          "%s \"%s\" is a supplier, not an operator (defined at %s:%ld): "
                          "dependencies link operators only",
                          what, f->text, node_path(l, *node), l->node_line[*node]);
    return SSIM_OK;
}

/* ---- row handlers: validate every field, then commit ---- */

typedef ssim_status_t (*row_fn)(loader_t *l, const ssim_csv_field_t *const *f, long line);

enum { OP_ID, OP_NAME, OP_SECTOR, OP_PREFECTURE, OP_CUSTOMERS, OP_DESIGNATED, OP_NCOL };
static const char *const op_columns[OP_NCOL] = {"id",         "name",      "sector",
                                                "prefecture", "customers", "designated"};

static ssim_status_t operator_row(loader_t *l, const ssim_csv_field_t *const *f, long line)
{
    ssim_network_t *net = l->net;
    int8_t sector = 0;
    int64_t prefecture = 0, customers = 0;
    uint8_t designated = 0;
    ssim_status_t st = check_new_id(l, f[OP_ID]);
    if (st == SSIM_OK)
        st = check_text(l, f[OP_NAME], "name");
    if (st == SSIM_OK)
        st = parse_vocab(l, f[OP_SECTOR], "sector", &ssim_vocab_sector, &sector);
    if (st == SSIM_OK)
        st = parse_int(l, f[OP_PREFECTURE], "prefecture", 1, SSIM_N_PREFECTURES, &prefecture);
    if (st == SSIM_OK)
        st = parse_int(l, f[OP_CUSTOMERS], "customers", 0, SSIM_NET_MAX_CUSTOMERS, &customers);
    if (st == SSIM_OK)
        st = parse_flag(l, f[OP_DESIGNATED], "designated", &designated);

    if (st == SSIM_OK)
        st = reserve_operators(l);
    if (st == SSIM_OK)
        st = add_node(l, f[OP_ID], f[OP_NAME], line);
    if (st != SSIM_OK)
        return st;
    size_t i = net->n_operators++;
    net->op_sector[i] = sector;
    net->op_prefecture[i] = (int8_t)prefecture;
    net->op_customers[i] = customers;
    net->op_designated[i] = designated;
    return SSIM_OK;
}

enum { SU_ID, SU_NAME, SU_COUNTRY, SU_CATEGORY, SU_NCOL };
static const char *const su_columns[SU_NCOL] = {"id", "name", "country", "category"};

static ssim_status_t supplier_row(loader_t *l, const ssim_csv_field_t *const *f, long line)
{
    ssim_network_t *net = l->net;
    char country[3] = "";
    int8_t category = 0;
    ssim_status_t st = check_new_id(l, f[SU_ID]);
    if (st == SSIM_OK)
        st = check_text(l, f[SU_NAME], "name");
    if (st == SSIM_OK)
        st = parse_country(l, f[SU_COUNTRY], country);
    if (st == SSIM_OK)
        st = parse_vocab(l, f[SU_CATEGORY], "category", &ssim_vocab_category, &category);

    if (st == SSIM_OK)
        st = reserve_suppliers(l);
    if (st == SSIM_OK)
        st = add_node(l, f[SU_ID], f[SU_NAME], line);
    if (st != SSIM_OK)
        return st;
    size_t i = net->n_suppliers++;
    memcpy(net->sup_country[i], country, 3);
    net->sup_category[i] = category;
    return SSIM_OK;
}

enum { SY_SUPPLIER, SY_CUSTOMER, SY_CHANNEL, SY_LAG, SY_SHARE, SY_PRIVILEGE, SY_NCOL };
static const char *const sy_columns[SY_NCOL] = {"supplier",          "customer", "channel",
                                                "install_lag_hours", "share",    "privilege"};

static ssim_status_t supply_row(loader_t *l, const ssim_csv_field_t *const *f, long line)
{
    ssim_network_t *net = l->net;
    int64_t src = 0, dst = 0;
    int8_t channel = 0, privilege = 0;
    double lag = 0.0, share = 0.0;
    long first = 0;
    ssim_status_t st = find_supplier(l, f[SY_SUPPLIER], &src);
    if (st == SSIM_OK)
        st = find_node(l, f[SY_CUSTOMER], "customer", "operators.csv or suppliers.csv", &dst);
    if (st == SSIM_OK && dst == src)
        st = ssim_error(SSIM_EINVAL, at(l, f[SY_CUSTOMER]),
                        "customer equals supplier (\"%s\"): a supplier cannot supply itself",
                        f[SY_CUSTOMER]->text);
    if (st != SSIM_OK)
        return st;
    uint64_t key = (uint64_t)src << 32 | (uint64_t)dst;
    keyset_prefetch(&l->edges, key);
    st = parse_vocab(l, f[SY_CHANNEL], "channel", &ssim_vocab_channel, &channel);
    if (st == SSIM_OK)
        st = parse_real(l, f[SY_LAG], "install_lag_hours", &HOURS, &lag);
    if (st == SSIM_OK)
        st = parse_real(l, f[SY_SHARE], "share", &FRACTION, &share);
    if (st == SSIM_OK)
        st = parse_vocab(l, f[SY_PRIVILEGE], "privilege", &ssim_vocab_privilege, &privilege);
    if (st == SSIM_OK)
        st = keyset_put(&l->edges, key, line, &first);
    if (st == SSIM_OK && first)
        st = ssim_error(SSIM_EINVAL, at(l, f[SY_SUPPLIER]),
                        "duplicate supply edge \"%s\" -> \"%s\" (first at line %ld)",
                        f[SY_SUPPLIER]->text, f[SY_CUSTOMER]->text, first);

    if (st == SSIM_OK)
        st = reserve_supply(l);
    if (st != SSIM_OK)
        return st;
    size_t i = net->n_supply++;
    net->sup_src[i] = (int32_t)(src - (int64_t)net->n_operators);
    net->sup_dst[i] = (int32_t)dst;
    net->sup_channel[i] = channel;
    net->sup_lag_hours[i] = lag;
    net->sup_share[i] = share;
    net->sup_privilege[i] = privilege;
    return SSIM_OK;
}

enum { DE_OPERATOR, DE_PROVIDER, DE_KIND, DE_BUFFER, DE_LOSS, DE_NCOL };
static const char *const de_columns[DE_NCOL] = {"operator", "provider", "kind", "buffer_hours",
                                                "loss"};

static ssim_status_t dependency_row(loader_t *l, const ssim_csv_field_t *const *f, long line)
{
    ssim_network_t *net = l->net;
    int64_t op = 0, provider = 0;
    int8_t kind = 0;
    double buffer = 0.0, loss = 0.0;
    long first = 0;
    ssim_status_t st = find_operator(l, f[DE_OPERATOR], "operator", &op);
    if (st == SSIM_OK)
        st = find_operator(l, f[DE_PROVIDER], "provider", &provider);
    if (st == SSIM_OK && provider == op)
        st = ssim_error(SSIM_EINVAL, at(l, f[DE_PROVIDER]),
                        "provider equals operator (\"%s\"): an operator cannot depend on itself",
                        f[DE_PROVIDER]->text);
    if (st == SSIM_OK)
        st = parse_vocab(l, f[DE_KIND], "kind", &ssim_vocab_dep_kind, &kind);
    if (st != SSIM_OK)
        return st;
    /* operator indices are < 2^28 (row cap), kinds < 2^8 */
    uint64_t key = (uint64_t)op << 36 | (uint64_t)provider << 8 | (uint64_t)kind;
    keyset_prefetch(&l->deps, key);
    st = parse_real(l, f[DE_BUFFER], "buffer_hours", &HOURS, &buffer);
    if (st == SSIM_OK)
        st = parse_real(l, f[DE_LOSS], "loss", &FRACTION, &loss);
    if (st == SSIM_OK)
        st = keyset_put(&l->deps, key, line, &first);
    if (st == SSIM_OK && first)
        st = ssim_error(SSIM_EINVAL, at(l, f[DE_OPERATOR]),
                        "duplicate dependency \"%s\" on \"%s\" of kind %s (first at line %ld)",
                        f[DE_OPERATOR]->text, f[DE_PROVIDER]->text, f[DE_KIND]->text, first);

    if (st == SSIM_OK)
        st = reserve_deps(l);
    if (st != SSIM_OK)
        return st;
    size_t i = net->n_deps++;
    net->dep_op[i] = (int32_t)op;
    net->dep_provider[i] = (int32_t)provider;
    net->dep_kind[i] = kind;
    net->dep_buffer_hours[i] = buffer;
    net->dep_loss[i] = loss;
    return SSIM_OK;
}

/* ---- files ---- */

typedef struct {
    const char *name;           /* base name */
    const char *const *columns; /* required columns, in the row handler's order */
    size_t n_columns;           /* <= MAX_COLUMNS */
    const char *entity;         /* non-NULL: at least one data row is required */
    row_fn row;
} file_spec_t;

static const file_spec_t specs[SSIM_NET_N_FILES] = {
    [SSIM_FILE_OPERATORS] = {"operators.csv", op_columns, OP_NCOL, "operator", operator_row},
    [SSIM_FILE_SUPPLIERS] = {"suppliers.csv", su_columns, SU_NCOL, "supplier", supplier_row},
    [SSIM_FILE_SUPPLY] = {"supply.csv", sy_columns, SY_NCOL, NULL, supply_row},
    [SSIM_FILE_DEPENDENCIES] = {"dependencies.csv", de_columns, DE_NCOL, NULL, dependency_row},
};

const char *ssim_network_file_name(ssim_net_file_t f)
{
    return (int)f >= 0 && f < SSIM_NET_N_FILES ? specs[f].name : NULL;
}

/* "a, b, c": the required columns, for messages. */
static const char *column_list(const file_spec_t *spec, char *buf, size_t size)
{
    size_t n = 0;
    buf[0] = '\0';
    for (size_t k = 0; k < spec->n_columns && n < size; k++)
        n += (size_t)snprintf(buf + n, size - n, "%s%s", k ? ", " : "", spec->columns[k]);
    return buf;
}

/* Find each required column in the header h: idx[k] = field of column k. */
static ssim_status_t map_header(loader_t *l, const file_spec_t *spec, const ssim_csv_record_t *h,
                                size_t *idx)
{
    char list[256];
    for (size_t i = 0; i < h->n_fields; i++)
        for (size_t j = 0; j < i && h->fields[i].len; j++)
            if (strcmp(h->fields[i].text, h->fields[j].text) == 0)
                return ssim_error(SSIM_EINVAL, at(l, &h->fields[i]),
                                  "duplicate column \"%s\" (first at column %ld)",
                                  shown(l, &h->fields[i]), h->fields[j].col);
    for (size_t k = 0; k < spec->n_columns; k++) {
        idx[k] = h->n_fields;
        for (size_t i = 0; i < h->n_fields; i++)
            if (strcmp(h->fields[i].text, spec->columns[k]) == 0)
                idx[k] = i;
        if (idx[k] == h->n_fields)
            return ssim_error(SSIM_EINVAL, (ssim_loc_t){l->path, h->line, 1},
                              "missing required column \"%s\" (required: %s)", spec->columns[k],
                              column_list(spec, list, sizeof list));
    }
    return SSIM_OK;
}

/* Every data row has as many fields as the header. */
static ssim_status_t check_width(loader_t *l, const ssim_csv_record_t *rec, size_t width)
{
    if (rec->n_fields == width)
        return SSIM_OK;
    ssim_loc_t loc = rec->n_fields > width ? at(l, &rec->fields[width])
                                           : (ssim_loc_t){l->path, rec->end_line, rec->end_col};
    return ssim_error(SSIM_EINVAL, loc, "wrong number of fields: expected %zu, got %zu", width,
                      rec->n_fields);
}

/* One data row through spec->row; *rows counts it. */
static ssim_status_t data_row(loader_t *l, const file_spec_t *spec, const ssim_csv_record_t *rec,
                              size_t width, const size_t *idx, uint64_t *rows)
{
    const ssim_csv_field_t *f[MAX_COLUMNS];
    if (*rows == (uint64_t)SSIM_NET_ROW_CAP)
        return ssim_error(SSIM_ENOMEM, (ssim_loc_t){l->path, rec->line, 1},
                          "more than %ld data rows (size cap)", (long)SSIM_NET_ROW_CAP);
    ssim_status_t st = check_width(l, rec, width);
    if (st != SSIM_OK)
        return st;
    for (size_t k = 0; k < spec->n_columns; k++)
        f[k] = &rec->fields[idx[k]];
    st = spec->row(l, f, rec->line);
    if (st == SSIM_OK)
        ++*rows;
    return st;
}

/* Header, then data rows through spec->row; *rows counts the data rows. */
static ssim_status_t read_table(loader_t *l, ssim_csv_t *csv, const file_spec_t *spec,
                                uint64_t *rows)
{
    ssim_csv_record_t rec;
    size_t idx[MAX_COLUMNS], width = 0;
    char list[256];
    *rows = 0;
    ssim_status_t st = ssim_csv_next(csv, &rec);
    if (st == SSIM_OK && rec.n_fields == 0)
        st = ssim_error(SSIM_EINVAL, (ssim_loc_t){l->path, 1, 1},
                        "file is empty: expected a header row (%s)",
                        column_list(spec, list, sizeof list));
    if (st == SSIM_OK) {
        width = rec.n_fields;
        st = map_header(l, spec, &rec, idx);
    }
    while (st == SSIM_OK && (st = ssim_csv_next(csv, &rec)) == SSIM_OK && rec.n_fields > 0)
        st = data_row(l, spec, &rec, width, idx, rows);
    if (st == SSIM_OK && *rows == 0 && spec->entity)
        st = ssim_error(SSIM_EINVAL, (ssim_loc_t){l->path, rec.line, rec.end_col},
                        "no data rows: at least one %s is required", spec->entity);
    return st;
}

static ssim_status_t load_file(loader_t *l, ssim_net_file_t which)
{
    ssim_net_file_info_t *info = &l->net->files[which];
    ssim_csv_t *csv = NULL;
    l->path = info->path;
    ssim_status_t st = ssim_csv_open(&csv, info->path);
    if (st == SSIM_OK)
        st = read_table(l, csv, &specs[which], &info->rows);
    if (st == SSIM_OK)
        ssim_csv_digest(csv, info->sha256, &info->bytes);
    ssim_csv_close(csv);
    return st;
}

/* ---- the whole load ---- */

static ssim_status_t check_dir(const char *dir)
{
    struct stat sb;
    if (stat(dir, &sb) != 0)
        return ssim_error(SSIM_EINVAL, (ssim_loc_t){dir, 0, 0}, "cannot open network directory: %s",
                          strerror(errno));
    if (!S_ISDIR(sb.st_mode))
        return ssim_error(SSIM_EINVAL, (ssim_loc_t){dir, 0, 0},
                          "not a directory: a network is a directory holding operators.csv, "
                          "suppliers.csv, supply.csv and dependencies.csv");
    return SSIM_OK;
}

/* net->dir and each file's path: dir + "/" + name (no doubled '/'). */
static ssim_status_t set_paths(ssim_network_t *net, const char *dir)
{
    size_t n = strlen(dir);
    const char *sep = n && dir[n - 1] == '/' ? "" : "/";
    net->dir = ssim_strdup(dir, "network directory name");
    if (!net->dir)
        return SSIM_ENOMEM;
    for (int f = 0; f < SSIM_NET_N_FILES; f++) {
        size_t size = n + 1 + strlen(specs[f].name) + 1;
        net->files[f].path = ssim_malloc(size, 1, "network file path");
        if (!net->files[f].path)
            return SSIM_ENOMEM;
        snprintf(net->files[f].path, size, "%s%s%s", dir, sep, specs[f].name);
    }
    return SSIM_OK;
}

/* Turn the pool offsets of ids and names into pointers (the pool is final). */
static ssim_status_t finish(loader_t *l)
{
    ssim_network_t *net = l->net;
    size_t n_ops = net->n_operators, n_sups = net->n_suppliers;
    net->op_id = ssim_malloc(n_ops, sizeof *net->op_id, "operator ids");
    net->op_name = ssim_malloc(n_ops, sizeof *net->op_name, "operator names");
    net->sup_id = ssim_malloc(n_sups, sizeof *net->sup_id, "supplier ids");
    net->sup_name = ssim_malloc(n_sups, sizeof *net->sup_name, "supplier names");
    if (!net->op_id || !net->op_name || !net->sup_id || !net->sup_name)
        return SSIM_ENOMEM;
    for (size_t i = 0; i < n_ops; i++) {
        net->op_id[i] = net->pool + l->id_off[i];
        net->op_name[i] = net->pool + l->name_off[i];
    }
    for (size_t j = 0; j < n_sups; j++) {
        net->sup_id[j] = net->pool + l->id_off[n_ops + j];
        net->sup_name[j] = net->pool + l->name_off[n_ops + j];
    }
    return SSIM_OK;
}

ssim_status_t ssim_network_load(ssim_network_t *net, const char *dir)
{
    loader_t l = {.net = net};
    memset(net, 0, sizeof *net);
    ssim_status_t st = check_dir(dir);
    if (st == SSIM_OK)
        st = set_paths(net, dir);
    for (int f = 0; st == SSIM_OK && f < SSIM_NET_N_FILES; f++)
        st = load_file(&l, (ssim_net_file_t)f);
    if (st == SSIM_OK)
        st = finish(&l);
    loader_destroy(&l);
    if (st != SSIM_OK)
        ssim_network_destroy(net);
    return st;
}

void ssim_network_destroy(ssim_network_t *net)
{
    if (!net)
        return;
    free(net->dir);
    for (int f = 0; f < SSIM_NET_N_FILES; f++)
        free(net->files[f].path);
    free(net->op_id);
    free(net->op_name);
    free(net->op_sector);
    free(net->op_prefecture);
    free(net->op_customers);
    free(net->op_designated);
    free(net->sup_id);
    free(net->sup_name);
    free(net->sup_country);
    free(net->sup_category);
    free(net->sup_src);
    free(net->sup_dst);
    free(net->sup_channel);
    free(net->sup_lag_hours);
    free(net->sup_share);
    free(net->sup_privilege);
    free(net->dep_op);
    free(net->dep_provider);
    free(net->dep_kind);
    free(net->dep_buffer_hours);
    free(net->dep_loss);
    ssim_strmap_destroy(&net->ids);
    free(net->pool);
    memset(net, 0, sizeof *net);
}

int64_t ssim_network_find(const ssim_network_t *net, const char *id)
{
    return net ? ssim_strmap_get(&net->ids, id) : -1;
}
