/* models/gen_japan_rules — the rule tables of the Japan facts: supply rules
 * and market shares by (scope, product), supplier-to-supplier edges, and
 * dependency rules; then which rule, share group and dependency rules apply
 * to each operator kind (the most specific scope wins: the kind, then its
 * sector, then '*').  Columns: scenarios/data/japan/README.md. */
#include "models/generators/japan/gen_japan.h"

#include "core/alloc.h"

#include <stdlib.h>
#include <string.h>

static int product_index(const ssim_jp_facts_t *f, const char *s)
{
    for (int p = 0; p < f->n_products; p++)
        if (strcmp(f->product[p], s) == 0)
            return p;
    return -1;
}

/* A scope cell: '*' (-1, -1), a kind name (kind, -1) or a sector name (-1, sector). */
typedef struct {
    int kind, sector;
} scope_t;

static ssim_status_t get_scope(const ssim_jp_facts_t *f, const ssim_jp_table_t *t, size_t r,
                               size_t c, scope_t *out)
{
    const char *s = ssim_jp_cell(t, r, c);
    out->kind = ssim_jp_facts_kind(f, s);
    out->sector = out->kind < 0 ? ssim_vocab_find(&ssim_vocab_sector, s) : -1;
    if (strcmp(s, "*") != 0 && out->kind < 0 && out->sector < 0)
        return ssim_jp_cell_error(t, r, c,
                                  "must be '*', an operator kind of operator_kinds.csv or "
                                  "a sector (got '%s')",
                                  s);
    return SSIM_OK;
}

/* How specific scope s is for kind k: 3 kind, 2 sector, 1 '*', 0 not applicable. */
static int scope_rank(const ssim_jp_facts_t *f, scope_t s, size_t k)
{
    if (s.kind >= 0)
        return s.kind == (int)k ? 3 : 0;
    if (s.sector >= 0)
        return s.sector == f->kinds[k].sector ? 2 : 0;
    return 1;
}

/* ---------------------------------------------------------- supply rules */

typedef struct {
    scope_t *rule_scope;  /* per rule */
    int *rule_product;    /* per rule */
    scope_t *share_scope; /* per share row */
    int *share_product;   /* per share row */
} scopes_t;

static ssim_status_t rule_row(ssim_jp_facts_t *f, scopes_t *sc, const ssim_jp_table_t *t, size_t r,
                              const size_t *c)
{
    ssim_jp_rule_t *u = &f->rules[r];
    long long via = 0;
    const char *prod = ssim_jp_cell(t, r, c[1]);
    ssim_status_t st = get_scope(f, t, r, c[0], &sc->rule_scope[r]);
    int p = product_index(f, prod);
    if (st == SSIM_OK && p < 0) {
        if (!*prod || f->n_products == SSIM_JP_MAX_PRODUCTS)
            return ssim_jp_cell_error(t, r, c[1], "a non-empty product name, at most %d products",
                                      SSIM_JP_MAX_PRODUCTS);
        if (!(f->product[f->n_products] = ssim_strdup(prod, "product")))
            return SSIM_ENOMEM;
        p = f->n_products++;
        if (strcmp(prod, "msp") == 0)
            f->msp_product = p;
    }
    sc->rule_product[r] = p;
    for (size_t q = 0; st == SSIM_OK && q < r; q++)
        if (sc->rule_product[q] == p && sc->rule_scope[q].kind == sc->rule_scope[r].kind &&
            sc->rule_scope[q].sector == sc->rule_scope[r].sector)
            st = ssim_jp_cell_error(t, r, c[1], "product '%s' has two rules for this scope", prod);
    if (st == SSIM_OK)
        st = ssim_jp_cell_real(t, r, c[2], 0, 1, &u->uses);
    if (st == SSIM_OK)
        st = ssim_jp_cell_vocab(t, r, c[3], &ssim_vocab_channel, &u->channel);
    if (st == SSIM_OK)
        st = ssim_jp_cell_real(t, r, c[4], 0, 1e5, &u->lag_min);
    if (st == SSIM_OK)
        st = ssim_jp_cell_real(t, r, c[5], u->lag_min, 1e5, &u->lag_max);
    if (st == SSIM_OK)
        st = ssim_jp_cell_real(t, r, c[6], 1e-6, 1, &u->share);
    if (st == SSIM_OK)
        st = ssim_jp_cell_vocab(t, r, c[7], &ssim_vocab_privilege, &u->privilege);
    if (st == SSIM_OK)
        st = ssim_jp_cell_int(t, r, c[8], 0, 1, &via);
    u->via_msp = (int)via;
    return st;
}

static ssim_status_t load_rules(ssim_jp_facts_t *f, scopes_t *sc, const char *dir)
{
    static const char *const cols[] = {"scope",   "product",       "uses",
                                       "channel", "lag_min_hours", "lag_max_hours",
                                       "share",   "privilege",     "via_msp"};
    size_t c[9];
    ssim_jp_table_t t;
    ssim_status_t st =
        ssim_jp_table_open(&t, dir, "supply_rules.csv", cols, sizeof cols / sizeof *cols, c);
    if (st == SSIM_OK) {
        f->n_rules = t.n_rows;
        f->rules = ssim_calloc(t.n_rows + 1, sizeof *f->rules, "supply rules");
        sc->rule_scope = ssim_calloc(t.n_rows + 1, sizeof *sc->rule_scope, "supply rules");
        sc->rule_product = ssim_calloc(t.n_rows + 1, sizeof *sc->rule_product, "supply rules");
        if (!f->rules || !sc->rule_scope || !sc->rule_product)
            st = SSIM_ENOMEM;
    }
    for (size_t r = 0; st == SSIM_OK && r < t.n_rows; r++)
        st = rule_row(f, sc, &t, r, c);
    ssim_jp_table_free(&t);
    return st;
}

static ssim_status_t share_row(ssim_jp_facts_t *f, scopes_t *sc, const ssim_jp_table_t *t, size_t r,
                               const size_t *c)
{
    ssim_status_t st = get_scope(f, t, r, c[0], &sc->share_scope[r]);
    if (st != SSIM_OK)
        return st;
    int p = product_index(f, ssim_jp_cell(t, r, c[1]));
    if (p < 0)
        return ssim_jp_cell_error(t, r, c[1], "no supply rule names product '%s'",
                                  ssim_jp_cell(t, r, c[1]));
    sc->share_product[r] = p;
    int same = r > 0 && sc->share_product[r - 1] == p &&
               !memcmp(&sc->share_scope[r - 1], &sc->share_scope[r], sizeof(scope_t));
    for (size_t q = 0; !same && q < r; q++)
        if (sc->share_product[q] == p &&
            !memcmp(&sc->share_scope[q], &sc->share_scope[r], sizeof(scope_t)))
            return ssim_jp_cell_error(t, r, c[1], "rows of one (scope, product) must be adjacent");
    f->shares[r].supplier = ssim_jp_facts_supplier(f, ssim_jp_cell(t, r, c[2]));
    if (f->shares[r].supplier < 0)
        return ssim_jp_cell_error(t, r, c[2],
                                  "not a supplier of supplier_archetypes.csv (got '%s')",
                                  ssim_jp_cell(t, r, c[2]));
    return ssim_jp_cell_real(t, r, c[3], 1e-9, 1e9, &f->shares[r].share);
}

static ssim_status_t load_shares(ssim_jp_facts_t *f, scopes_t *sc, const char *dir)
{
    static const char *const cols[] = {"scope", "product", "supplier", "share"};
    size_t c[4];
    ssim_jp_table_t t;
    ssim_status_t st =
        ssim_jp_table_open(&t, dir, "market_shares.csv", cols, sizeof cols / sizeof *cols, c);
    if (st == SSIM_OK) {
        f->n_shares = t.n_rows;
        f->shares = ssim_calloc(t.n_rows + 1, sizeof *f->shares, "market shares");
        sc->share_scope = ssim_calloc(t.n_rows + 1, sizeof *sc->share_scope, "market shares");
        sc->share_product = ssim_calloc(t.n_rows + 1, sizeof *sc->share_product, "shares");
        if (!f->shares || !sc->share_scope || !sc->share_product)
            st = SSIM_ENOMEM;
    }
    for (size_t r = 0; st == SSIM_OK && r < t.n_rows; r++)
        st = share_row(f, sc, &t, r, c);
    ssim_jp_table_free(&t);
    return st;
}

/* For each kind and product: the most specific rule and share group. */
static ssim_status_t resolve_supply(ssim_jp_facts_t *f, const scopes_t *sc)
{
    for (size_t k = 0; k < f->n_kinds; k++) {
        ssim_jp_kind_t *kd = &f->kinds[k];
        for (int p = 0; p < f->n_products; p++) {
            int best = 0, best_share = 0;
            kd->rule[p] = -1;
            kd->share_n[p] = 0;
            for (size_t r = 0; r < f->n_rules; r++) {
                int rank = sc->rule_product[r] == p ? scope_rank(f, sc->rule_scope[r], k) : 0;
                if (rank > best) {
                    best = rank;
                    kd->rule[p] = (int)r;
                }
            }
            for (size_t r = 0; r < f->n_shares; r++) {
                int rank = sc->share_product[r] == p ? scope_rank(f, sc->share_scope[r], k) : 0;
                if (rank > best_share) {
                    best_share = rank;
                    kd->share_off[p] = r;
                    kd->share_n[p] = 0;
                }
                if (rank && rank == best_share)
                    kd->share_n[p]++;
            }
            if (kd->rule[p] >= 0 && f->rules[kd->rule[p]].uses > 0 && kd->share_n[p] == 0)
                return ssim_error(SSIM_EINVAL, SSIM_LOC_NONE,
                                  "market_shares.csv: no shares for "
                                  "product '%s' that apply to kind '%s'",
                                  f->product[p], kd->name);
        }
    }
    return SSIM_OK;
}

/* ---------------------------------------------------------- supplier edges */

static ssim_status_t supedge_match(ssim_jp_facts_t *f, ssim_jp_supedge_t *e,
                                   const ssim_jp_table_t *t, size_t r, const size_t *c)
{
    const char *sup = ssim_jp_cell(t, r, c[0]), *cus = ssim_jp_cell(t, r, c[1]);
    const char *cat = ssim_jp_cell(t, r, c[2]), *cc = ssim_jp_cell(t, r, c[3]);
    e->supplier = ssim_jp_facts_supplier(f, sup);
    if (e->supplier < 0)
        return ssim_jp_cell_error(t, r, c[0], "not a supplier (got '%s')", sup);
    e->customer = strcmp(cus, "*") ? ssim_jp_facts_supplier(f, cus) : -1;
    if (strcmp(cus, "*") && (e->customer < 0 || e->customer == e->supplier))
        return ssim_jp_cell_error(t, r, c[1], "must be '*' or another supplier (got '%s')", cus);
    e->category = -1;
    if (strcmp(cat, "*")) {
        ssim_status_t st = ssim_jp_cell_vocab(t, r, c[2], &ssim_vocab_category, &e->category);
        if (st != SSIM_OK)
            return st;
    }
    if (strcmp(cc, "*") && strlen(cc) != 2)
        return ssim_jp_cell_error(t, r, c[3], "must be '*' or a country code (got '%s')", cc);
    snprintf(e->country, sizeof e->country, "%s", strcmp(cc, "*") ? cc : "");
    return SSIM_OK;
}

static ssim_status_t load_supedges(ssim_jp_facts_t *f, const char *dir)
{
    static const char *const cols[] = {"supplier",         "customer",      "customer_category",
                                       "customer_country", "prob",          "channel",
                                       "lag_min_hours",    "lag_max_hours", "share",
                                       "privilege"};
    size_t c[10];
    ssim_jp_table_t t;
    ssim_status_t st =
        ssim_jp_table_open(&t, dir, "supplier_edges.csv", cols, sizeof cols / sizeof *cols, c);
    if (st == SSIM_OK && t.n_rows > 999)
        st = ssim_error(SSIM_EINVAL, (ssim_loc_t){t.path, 0, 0}, "at most 999 rules");
    if (st == SSIM_OK &&
        !(f->supedges = ssim_calloc(t.n_rows + 1, sizeof *f->supedges, "supplier edges")))
        st = SSIM_ENOMEM;
    for (size_t r = 0; st == SSIM_OK && r < t.n_rows; r++) {
        ssim_jp_supedge_t *e = &f->supedges[r];
        f->n_supedges = r + 1;
        st = supedge_match(f, e, &t, r, c);
        if (st == SSIM_OK)
            st = ssim_jp_cell_real(&t, r, c[4], 0, 1, &e->prob);
        if (st == SSIM_OK)
            st = ssim_jp_cell_vocab(&t, r, c[5], &ssim_vocab_channel, &e->channel);
        if (st == SSIM_OK)
            st = ssim_jp_cell_real(&t, r, c[6], 0, 1e5, &e->lag_min);
        if (st == SSIM_OK)
            st = ssim_jp_cell_real(&t, r, c[7], e->lag_min, 1e5, &e->lag_max);
        if (st == SSIM_OK)
            st = ssim_jp_cell_real(&t, r, c[8], 1e-6, 1, &e->share);
        if (st == SSIM_OK)
            st = ssim_jp_cell_vocab(&t, r, c[9], &ssim_vocab_privilege, &e->privilege);
    }
    ssim_jp_table_free(&t);
    return st;
}

/* ---------------------------------------------------------- dependency rules */

enum { D_SCOPE, D_KIND, D_PROV, D_LOC, D_PICK, D_PROB, D_BMIN, D_BMAX, D_LOSS, D_MODE, D_FB, D_N };
static const char *const dep_cols[D_N] = {
    "scope", "kind",      "provider",         "locality",
    "pick",  "prob",      "buffer_min_hours", "buffer_max_hours",
    "loss",  "loss_mode", "fallback"};
static const char *const loc_names[] = {"area", "pref", "region", "nation"};
static const char *const pick_names[] = {"weighted", "largest", "all"};
static const char *const mode_names[] = {"fixed", "share"};
static const char *const fb_names[] = {"skip", "widen"};

static ssim_status_t deprule_row(ssim_jp_facts_t *f, const ssim_jp_table_t *t, size_t r,
                                 const size_t *c)
{
    ssim_jp_deprule_t *d = &f->deprules[r];
    int loc = 0, pick = 0;
    d->provider = ssim_jp_facts_kind(f, ssim_jp_cell(t, r, c[D_PROV]));
    if (d->provider < 0)
        return ssim_jp_cell_error(t, r, c[D_PROV], "not a kind of operator_kinds.csv (got '%s')",
                                  ssim_jp_cell(t, r, c[D_PROV]));
    ssim_status_t st = ssim_jp_cell_vocab(t, r, c[D_KIND], &ssim_vocab_dep_kind, &d->kind);
    if (st == SSIM_OK)
        st = ssim_jp_cell_enum(t, r, c[D_LOC], loc_names, 4, &loc);
    if (st == SSIM_OK)
        st = ssim_jp_cell_enum(t, r, c[D_PICK], pick_names, 3, &pick);
    if (st == SSIM_OK)
        st = ssim_jp_cell_real(t, r, c[D_PROB], 0, 1, &d->prob);
    if (st == SSIM_OK)
        st = ssim_jp_cell_real(t, r, c[D_BMIN], 0, 1e5, &d->buf_min);
    if (st == SSIM_OK)
        st = ssim_jp_cell_real(t, r, c[D_BMAX], d->buf_min, 1e5, &d->buf_max);
    if (st == SSIM_OK)
        st = ssim_jp_cell_real(t, r, c[D_LOSS], 1e-6, 1, &d->loss);
    if (st == SSIM_OK)
        st = ssim_jp_cell_enum(t, r, c[D_MODE], mode_names, 2, &d->loss_share);
    if (st == SSIM_OK)
        st = ssim_jp_cell_enum(t, r, c[D_FB], fb_names, 2, &d->widen);
    d->loc = (ssim_jp_loc_t)loc;
    d->pick = (ssim_jp_pick_t)pick;
    return st;
}

/* For each kind: the rules whose (kind, provider) key has no more specific rule. */
static ssim_status_t resolve_deps(ssim_jp_facts_t *f, const scope_t *scope)
{
    for (size_t k = 0; k < f->n_kinds; k++) {
        ssim_jp_kind_t *kd = &f->kinds[k];
        kd->deps = ssim_malloc(f->n_deprules + 1, sizeof *kd->deps, "dependency rules");
        if (!kd->deps)
            return SSIM_ENOMEM;
        for (size_t r = 0; r < f->n_deprules; r++) {
            const ssim_jp_deprule_t *d = &f->deprules[r];
            int rank = scope_rank(f, scope[r], k), beaten = rank == 0 || d->prob == 0;
            for (size_t q = 0; !beaten && q < f->n_deprules; q++)
                beaten = f->deprules[q].kind == d->kind && f->deprules[q].provider == d->provider &&
                         scope_rank(f, scope[q], k) > rank;
            if (!beaten)
                kd->deps[kd->n_deps++] = (int)r;
        }
    }
    return SSIM_OK;
}

static ssim_status_t load_deprules(ssim_jp_facts_t *f, const char *dir)
{
    size_t c[D_N];
    ssim_jp_table_t t;
    scope_t *scope = NULL;
    ssim_status_t st = ssim_jp_table_open(&t, dir, "dependency_rules.csv", dep_cols,
                                          sizeof dep_cols / sizeof *dep_cols, c);
    if (st == SSIM_OK && t.n_rows > 999)
        st = ssim_error(SSIM_EINVAL, (ssim_loc_t){t.path, 0, 0}, "at most 999 rules");
    if (st == SSIM_OK) {
        f->deprules = ssim_calloc(t.n_rows + 1, sizeof *f->deprules, "dependency rules");
        scope = ssim_calloc(t.n_rows + 1, sizeof *scope, "dependency rules");
        st = f->deprules && scope ? SSIM_OK : SSIM_ENOMEM;
    }
    for (size_t r = 0; st == SSIM_OK && r < t.n_rows; r++) {
        f->n_deprules = r + 1;
        st = get_scope(f, &t, r, c[D_SCOPE], &scope[r]);
        if (st == SSIM_OK)
            st = deprule_row(f, &t, r, c);
        for (size_t q = 0; st == SSIM_OK && q < r; q++)
            if (!memcmp(&scope[q], &scope[r], sizeof *scope) &&
                f->deprules[q].kind == f->deprules[r].kind &&
                f->deprules[q].provider == f->deprules[r].provider)
                st = ssim_jp_cell_error(&t, r, c[D_PROV],
                                        "a second rule for the same scope, kind "
                                        "and provider");
    }
    if (st == SSIM_OK)
        st = resolve_deps(f, scope);
    free(scope);
    ssim_jp_table_free(&t);
    return st;
}

/* ---------------------------------------------------------- entry point */

ssim_status_t ssim_jp_rules_load(ssim_jp_facts_t *f, const char *dir)
{
    scopes_t sc = {0};
    ssim_status_t st = load_rules(f, &sc, dir);
    if (st == SSIM_OK)
        st = load_shares(f, &sc, dir);
    if (st == SSIM_OK)
        st = resolve_supply(f, &sc);
    if (st == SSIM_OK)
        st = load_supedges(f, dir);
    if (st == SSIM_OK)
        st = load_deprules(f, dir);
    free(sc.rule_scope);
    free(sc.rule_product);
    free(sc.share_scope);
    free(sc.share_product);
    return st;
}
