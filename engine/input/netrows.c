/* input/netrows — the network loader's data rows (see netload.h): field
 * rules, the duplicate checks (a set of 64-bit keys), growth of the string
 * pool and the arrays, and one row handler per file.  A row handler
 * validates all fields before it changes anything, then commits the row.
 *
 * Message conventions: "COLUMN must ..." for a value rule, with "(got X)"
 * showing the value as written (quoted when it is not a number); "duplicate
 * ... (first at ...)" names the earlier definition.
 */
#include "input/netload.h"

#include "core/alloc.h"
#include "core/vocab.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static size_t key_slot(uint64_t key, size_t mask)
{
    key ^= key >> 30; /* splitmix64 finaliser */
    key *= 0xbf58476d1ce4e5b9ull;
    key ^= key >> 27;
    key *= 0x94d049bb133111ebull;
    key ^= key >> 31;
    return (size_t)key & mask;
}

static ssim_status_t keyset_grow(ssim_netload_keyset_t *s)
{
    size_t cap = s->cap ? 2 * s->cap : 64;
    ssim_netload_keyslot_t *slots = ssim_calloc(cap, sizeof *slots, "duplicate-check table");
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
static ssim_status_t keyset_put(ssim_netload_keyset_t *s, uint64_t key, long line, long *first)
{
    ssim_status_t st = 2 * (s->n + 1) > s->cap ? keyset_grow(s) : SSIM_OK;
    if (st != SSIM_OK)
        return st;
    size_t mask = s->cap - 1;
    for (size_t i = key_slot(key, mask);; i = (i + 1) & mask) {
        ssim_netload_keyslot_t *slot = &s->slots[i];
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
static void keyset_prefetch(const ssim_netload_keyset_t *s, uint64_t key)
{
    if (s->cap)
        __builtin_prefetch(&s->slots[key_slot(key, s->cap - 1)]);
}

static void keyset_destroy(ssim_netload_keyset_t *s) { free(s->slots); }

/* ---- the loader's workspace ---- */

void ssim_netload_destroy(ssim_netload_t *l)
{
    ssim_netload_opt_destroy(l);
    keyset_destroy(&l->areas);
    free(l->id_off);
    free(l->name_off);
    free(l->node_line);
    keyset_destroy(&l->edges);
    keyset_destroy(&l->deps);
}

static size_t n_nodes(const ssim_netload_t *l) { return l->net->n_operators + l->net->n_suppliers; }

static size_t next_cap(size_t cap) { return cap ? 2 * cap : 64; }

const char *ssim_netload_shown(ssim_netload_t *l, const ssim_csv_field_t *f)
{
    if (f->len <= SSIM_NETLOAD_SHOWN_BYTES)
        return f->text;
    size_t n = SSIM_NETLOAD_SHOWN_BYTES;
    while (n && ((unsigned char)f->text[n] & 0xC0) == 0x80)
        n--;
    memcpy(l->shown, f->text, n);
    memcpy(l->shown + n, "...", 4);
    return l->shown;
}

/* Path of the file that defines node. */
static const char *node_path(const ssim_netload_t *l, int64_t node)
{
    ssim_net_file_t f =
        (size_t)node < l->net->n_operators ? SSIM_FILE_OPERATORS : SSIM_FILE_SUPPLIERS;
    return l->net->files[f].path;
}

/* ---- growth of the string pool and the arrays ---- */

/* Rebuild the id map after the pool moved: keys are pointers into it. */
static ssim_status_t rebuild_ids(ssim_netload_t *l)
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
static ssim_status_t pool_reserve(ssim_netload_t *l, size_t need)
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

static ssim_status_t reserve_nodes(ssim_netload_t *l)
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

static ssim_status_t reserve_operators(ssim_netload_t *l)
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

static ssim_status_t reserve_suppliers(ssim_netload_t *l)
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

static ssim_status_t reserve_supply(ssim_netload_t *l)
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

static ssim_status_t reserve_deps(ssim_netload_t *l)
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
static ssim_status_t add_node(ssim_netload_t *l, const ssim_csv_field_t *id,
                              const ssim_csv_field_t *name, long line)
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
static ssim_status_t check_text(ssim_netload_t *l, const ssim_csv_field_t *f, const char *what)
{
    if (f->len == 0)
        return ssim_error(SSIM_EINVAL, ssim_netload_at(l, f), "%s must not be empty", what);
    if (f->len > SSIM_NET_MAX_ID_BYTES)
        return ssim_error(SSIM_EINVAL, ssim_netload_at(l, f),
                          "%s must be at most %d bytes (got %zu bytes)", what,
                          SSIM_NET_MAX_ID_BYTES, f->len);
    return SSIM_OK;
}

/* An id: text without control characters, not defined before. */
static ssim_status_t check_new_id(ssim_netload_t *l, const ssim_csv_field_t *f)
{
    ssim_status_t st = check_text(l, f, "id");
    if (st != SSIM_OK)
        return st;
    for (size_t i = 0; i < f->len; i++) {
        unsigned char c = (unsigned char)f->text[i];
        if (c < 0x20 || c == 0x7F)
            return ssim_error(SSIM_EINVAL, ssim_netload_at(l, f),
                              "id must not contain control characters (tab, line break)");
    }
    int64_t node = ssim_strmap_get(&l->net->ids, f->text);
    if (node < 0)
        return SSIM_OK;
    return ssim_error(SSIM_EINVAL, ssim_netload_at(l, f),
                      "duplicate id \"%s\" (first defined at %s:%ld)", f->text, node_path(l, node),
                      l->node_line[node]);
}

static ssim_status_t parse_vocab(ssim_netload_t *l, const ssim_csv_field_t *f, const char *what,
                                 const ssim_vocab_t *vocab, int8_t *out)
{
    int code = ssim_vocab_find(vocab, f->text);
    if (code < 0)
        return ssim_error(SSIM_EINVAL, ssim_netload_at(l, f), "%s must be one of: %s (got \"%s\")",
                          what, ssim_vocab_list(vocab), ssim_netload_shown(l, f));
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
static ssim_status_t parse_int(ssim_netload_t *l, const ssim_csv_field_t *f, const char *what,
                               long long lo, long long hi, int64_t *out)
{
    if (!is_integer_text(f->text))
        return ssim_error(SSIM_EINVAL, ssim_netload_at(l, f), "%s must be an integer (got \"%s\")",
                          what, ssim_netload_shown(l, f));
    errno = 0;
    long long v = strtoll(f->text, NULL, 10);
    if (errno == ERANGE || v < lo || v > hi)
        return ssim_error(SSIM_EINVAL, ssim_netload_at(l, f), "%s must be in %lld..%lld (got %s)",
                          what, lo, hi, ssim_netload_shown(l, f));
    *out = v;
    return SSIM_OK;
}

static ssim_status_t parse_flag(ssim_netload_t *l, const ssim_csv_field_t *f, const char *what,
                                uint8_t *out)
{
    if (strcmp(f->text, "0") != 0 && strcmp(f->text, "1") != 0)
        return ssim_error(SSIM_EINVAL, ssim_netload_at(l, f), "%s must be 0 or 1 (got \"%s\")",
                          what, ssim_netload_shown(l, f));
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
static ssim_status_t parse_real(ssim_netload_t *l, const ssim_csv_field_t *f, const char *what,
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
        return ssim_error(SSIM_EINVAL, ssim_netload_at(l, f), "%s must be a number (got \"%s\")",
                          what, ssim_netload_shown(l, f));
    if (!isfinite(x))
        return ssim_error(SSIM_EINVAL, ssim_netload_at(l, f), "%s must be a finite number (got %s)",
                          what, ssim_netload_shown(l, f));
    if (r->lo_open && !(x > r->lo && x <= r->hi))
        return ssim_error(SSIM_EINVAL, ssim_netload_at(l, f),
                          "%s must be in (%.15g, %.15g] (got %s)", what, r->lo, r->hi,
                          ssim_netload_shown(l, f));
    if (x < r->lo)
        return ssim_error(SSIM_EINVAL, ssim_netload_at(l, f), "%s must be >= %.15g (got %s)", what,
                          r->lo, ssim_netload_shown(l, f));
    if (x > r->hi)
        return ssim_error(SSIM_EINVAL, ssim_netload_at(l, f), "%s must be <= %.15g (got %s)", what,
                          r->hi, ssim_netload_shown(l, f));
    *out = x;
    return SSIM_OK;
}

/* ISO 3166-1 alpha-2: exactly two upper-case ASCII letters. */
static ssim_status_t parse_country(ssim_netload_t *l, const ssim_csv_field_t *f, char out[3])
{
    const char *s = f->text;
    if (f->len != 2 || s[0] < 'A' || s[0] > 'Z' || s[1] < 'A' || s[1] > 'Z')
        return ssim_error(SSIM_EINVAL, ssim_netload_at(l, f),
                          "country must be two upper-case letters (ISO 3166-1 alpha-2, e.g. JP) "
                          "(got \"%s\")",
                          ssim_netload_shown(l, f));
    memcpy(out, s, 3);
    return SSIM_OK;
}

/* The node named by f, which must be an id defined in `where`. */
static ssim_status_t find_node(ssim_netload_t *l, const ssim_csv_field_t *f, const char *what,
                               const char *where, int64_t *node)
{
    if (f->len == 0)
        return ssim_error(SSIM_EINVAL, ssim_netload_at(l, f), "%s must not be empty", what);
    *node = ssim_strmap_get(&l->net->ids, f->text);
    if (*node < 0)
        return ssim_error(SSIM_EINVAL, ssim_netload_at(l, f), "unknown %s \"%s\": no such id in %s",
                          what, ssim_netload_shown(l, f), where);
    return SSIM_OK;
}

static ssim_status_t find_supplier(ssim_netload_t *l, const ssim_csv_field_t *f, int64_t *node)
{
    ssim_status_t st = find_node(l, f, "supplier", "suppliers.csv", node);
    if (st != SSIM_OK)
        return st;
    if ((size_t)*node < l->net->n_operators)
        return ssim_error(SSIM_EINVAL, ssim_netload_at(l, f),
                          "supplier \"%s\" is an operator, not a supplier (defined at %s:%ld)",
                          f->text, node_path(l, *node), l->node_line[*node]);
    return SSIM_OK;
}

static ssim_status_t find_operator(ssim_netload_t *l, const ssim_csv_field_t *f, const char *what,
                                   int64_t *node)
{
    ssim_status_t st = find_node(l, f, what, "operators.csv", node);
    if (st != SSIM_OK)
        return st;
    if ((size_t)*node >= l->net->n_operators)
        return ssim_error(SSIM_EINVAL, ssim_netload_at(l, f),
                          "%s \"%s\" is a supplier, not an operator (defined at %s:%ld): "
                          "dependencies link operators only",
                          what, f->text, node_path(l, *node), l->node_line[*node]);
    return SSIM_OK;
}

/* ---- row handlers: validate every field, then commit ---- */

enum { OP_ID, OP_NAME, OP_SECTOR, OP_PREFECTURE, OP_CUSTOMERS, OP_DESIGNATED, OP_NCOL };
static const char *const op_columns[OP_NCOL] = {"id",         "name",      "sector",
                                                "prefecture", "customers", "designated"};

static ssim_status_t operator_row(ssim_netload_t *l, const ssim_csv_field_t *const *f, long line)
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
    if (st == SSIM_OK && customers > SSIM_NET_MAX_TOTAL_CUSTOMERS - l->customers_total)
        st = ssim_error(SSIM_EINVAL, ssim_netload_at(l, f[OP_CUSTOMERS]),
                        "customers: the operators' customers add up to more than %lld here "
                        "(the network's total cap; customers out are counted in 64-bit "
                        "millionths)",
                        (long long)SSIM_NET_MAX_TOTAL_CUSTOMERS);
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
    l->customers_total += customers;
    net->op_designated[i] = designated;
    return SSIM_OK;
}

enum { SU_ID, SU_NAME, SU_COUNTRY, SU_CATEGORY, SU_NCOL };
static const char *const su_columns[SU_NCOL] = {"id", "name", "country", "category"};

static ssim_status_t supplier_row(ssim_netload_t *l, const ssim_csv_field_t *const *f, long line)
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

static ssim_status_t supply_row(ssim_netload_t *l, const ssim_csv_field_t *const *f, long line)
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
        st = ssim_error(SSIM_EINVAL, ssim_netload_at(l, f[SY_CUSTOMER]),
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
        st = ssim_error(SSIM_EINVAL, ssim_netload_at(l, f[SY_SUPPLIER]),
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

static ssim_status_t dependency_row(ssim_netload_t *l, const ssim_csv_field_t *const *f, long line)
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
        st = ssim_error(SSIM_EINVAL, ssim_netload_at(l, f[DE_PROVIDER]),
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
        st = ssim_error(SSIM_EINVAL, ssim_netload_at(l, f[DE_OPERATOR]),
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

const ssim_netload_rows_t ssim_netload_rows[SSIM_NET_N_FILES] = {
    [SSIM_FILE_OPERATORS] = {op_columns, OP_NCOL, operator_row},
    [SSIM_FILE_SUPPLIERS] = {su_columns, SU_NCOL, supplier_row},
    [SSIM_FILE_SUPPLY] = {sy_columns, SY_NCOL, supply_row},
    [SSIM_FILE_DEPENDENCIES] = {de_columns, DE_NCOL, dependency_row},
};

/* ---- the field rules, for the optional files' handlers (netcons.c) ---- */

ssim_status_t ssim_netload_text(ssim_netload_t *l, const ssim_csv_field_t *f, const char *what)
{
    return check_text(l, f, what);
}

ssim_status_t ssim_netload_vocab(ssim_netload_t *l, const ssim_csv_field_t *f, const char *what,
                                 const ssim_vocab_t *vocab, int8_t *out)
{
    return parse_vocab(l, f, what, vocab, out);
}

ssim_status_t ssim_netload_int(ssim_netload_t *l, const ssim_csv_field_t *f, const char *what,
                               long long lo, long long hi, int64_t *out)
{
    return parse_int(l, f, what, lo, hi, out);
}

ssim_status_t ssim_netload_flag(ssim_netload_t *l, const ssim_csv_field_t *f, const char *what,
                                uint8_t *out)
{
    return parse_flag(l, f, what, out);
}

ssim_status_t ssim_netload_real(ssim_netload_t *l, const ssim_csv_field_t *f, const char *what,
                                double lo, double hi, int lo_open, double *out)
{
    const range_t r = {lo, hi, lo_open};
    return parse_real(l, f, what, &r, out);
}

ssim_status_t ssim_netload_operator(ssim_netload_t *l, const ssim_csv_field_t *f, const char *what,
                                    int64_t *node)
{
    ssim_status_t st = find_node(l, f, what, "operators.csv", node);
    if (st == SSIM_OK && (size_t)*node >= l->net->n_operators)
        st = ssim_error(SSIM_EINVAL, ssim_netload_at(l, f),
                        "%s \"%s\" is a supplier, not an operator (defined at %s:%ld)", what,
                        f->text, node_path(l, *node), l->node_line[*node]);
    return st;
}

ssim_status_t ssim_netload_key(ssim_netload_keyset_t *s, uint64_t key, long line, long *first)
{
    return keyset_put(s, key, line, first);
}
