/* models/gen_japan_facts — load and check the Japan fact tables: geography
 * (power areas, prefectures, municipalities), operator kinds and counts,
 * supplier archetypes; the rule tables follow in gen_japan_rules.c.  The
 * columns of each file are documented in scenarios/data/japan/README.md. */
#include "models/generators/japan/gen_japan.h"

#include "core/alloc.h"

#include <stdlib.h>
#include <string.h>

static int name_index(char names[][SSIM_JP_NAME_MAX], int n, const char *s)
{
    for (int i = 0; i < n; i++)
        if (strcmp(names[i], s) == 0)
            return i;
    return -1;
}

int ssim_jp_facts_kind(const ssim_jp_facts_t *f, const char *s)
{
    for (size_t k = 0; k < f->n_kinds; k++)
        if (strcmp(f->kinds[k].name, s) == 0)
            return (int)k;
    return -1;
}

int ssim_jp_facts_supplier(const ssim_jp_facts_t *f, const char *s)
{
    for (size_t k = 0; k < f->n_suppliers; k++)
        if (strcmp(f->suppliers[k].id, s) == 0)
            return (int)k;
    return -1;
}

/* ---------------------------------------------------------- geography */

static ssim_status_t load_areas(ssim_jp_facts_t *f, const char *dir)
{
    static const char *const cols[] = {"area", "hq_prefecture"};
    size_t c[2];
    ssim_jp_table_t t;
    ssim_status_t st =
        ssim_jp_table_open(&t, dir, "power_areas.csv", cols, sizeof cols / sizeof *cols, c);
    if (st == SSIM_OK && t.n_rows != SSIM_JP_N_AREAS)
        st = ssim_error(SSIM_EINVAL, (ssim_loc_t){t.path, 0, 0}, "%zu power areas, expected %d",
                        t.n_rows, SSIM_JP_N_AREAS);
    for (size_t r = 0; st == SSIM_OK && r < t.n_rows; r++) {
        long long hq = 0;
        const char *name = ssim_jp_cell(&t, r, c[0]);
        if (!*name || strlen(name) >= SSIM_JP_NAME_MAX ||
            name_index(f->area_name, (int)r, name) >= 0)
            st =
                ssim_jp_cell_error(&t, r, c[0], "must be a unique non-empty name (got '%s')", name);
        else
            st = ssim_jp_cell_int(&t, r, c[1], 1, SSIM_N_PREFECTURES, &hq);
        if (st == SSIM_OK) {
            strcpy(f->area_name[r], name);
            f->area_hq[r] = (int)hq;
        }
    }
    ssim_jp_table_free(&t);
    return st;
}

static ssim_status_t pref_row(ssim_jp_facts_t *f, const ssim_jp_table_t *t, size_t r,
                              const size_t *c)
{
    long long code = 0, pop = 0;
    ssim_status_t st = ssim_jp_cell_int(t, r, c[0], 1, SSIM_N_PREFECTURES, &code);
    if (st == SSIM_OK && f->pop[code] > 0)
        st = ssim_jp_cell_error(t, r, c[0], "prefecture %lld listed twice", code);
    if (st == SSIM_OK)
        st = ssim_jp_cell_int(t, r, c[1], 1, 100000000, &pop);
    if (st != SSIM_OK)
        return st;
    f->pop[code] = pop;
    f->area[code] = name_index(f->area_name, SSIM_JP_N_AREAS, ssim_jp_cell(t, r, c[2]));
    if (f->area[code] < 0)
        return ssim_jp_cell_error(t, r, c[2], "not an area of power_areas.csv (got '%s')",
                                  ssim_jp_cell(t, r, c[2]));
    const char *reg = ssim_jp_cell(t, r, c[3]);
    f->region[code] = name_index(f->region_name, f->n_regions, reg);
    if (f->region[code] < 0) {
        if (!*reg || strlen(reg) >= SSIM_JP_NAME_MAX || f->n_regions == SSIM_JP_MAX_REGIONS)
            return ssim_jp_cell_error(t, r, c[3],
                                      "a region name of 1..%d bytes, at most %d regions",
                                      SSIM_JP_NAME_MAX - 1, SSIM_JP_MAX_REGIONS);
        strcpy(f->region_name[f->n_regions], reg);
        f->region[code] = f->n_regions++;
    }
    f->area_pop[f->area[code]] += pop;
    return SSIM_OK;
}

static ssim_status_t load_prefectures(ssim_jp_facts_t *f, const char *dir)
{
    static const char *const cols[] = {"code", "pop2020", "power_area", "region"};
    size_t c[4];
    ssim_jp_table_t t;
    ssim_status_t st =
        ssim_jp_table_open(&t, dir, "prefectures.csv", cols, sizeof cols / sizeof *cols, c);
    for (size_t r = 0; st == SSIM_OK && r < t.n_rows; r++)
        st = pref_row(f, &t, r, c);
    if (st == SSIM_OK && t.n_rows != SSIM_N_PREFECTURES)
        st = ssim_error(SSIM_EINVAL, (ssim_loc_t){t.path, 0, 0}, "%zu prefectures, expected %d",
                        t.n_rows, SSIM_N_PREFECTURES);
    /* an area's head office must lie in the area (operators there belong to it) */
    for (int a = 0; st == SSIM_OK && a < SSIM_JP_N_AREAS; a++)
        if (f->area[f->area_hq[a]] != a)
            st = ssim_error(SSIM_EINVAL, SSIM_LOC_NONE,
                            "power_areas.csv: the hq_prefecture of "
                            "area '%s' has another main power area in prefectures.csv",
                            f->area_name[a]);
    ssim_jp_table_free(&t);
    return st;
}

static ssim_status_t load_municipalities(ssim_jp_facts_t *f, const char *dir)
{
    static const char *const cols[] = {"code", "municipalities", "coastal"};
    size_t c[3];
    ssim_jp_table_t t;
    ssim_status_t st =
        ssim_jp_table_open(&t, dir, "municipalities.csv", cols, sizeof cols / sizeof *cols, c);
    for (size_t r = 0; st == SSIM_OK && r < t.n_rows; r++) {
        long long code = 0, m = 0, coastal = 0;
        st = ssim_jp_cell_int(&t, r, c[0], 1, SSIM_N_PREFECTURES, &code);
        if (st == SSIM_OK && f->municipalities[code])
            st = ssim_jp_cell_error(&t, r, c[0], "prefecture %lld listed twice", code);
        if (st == SSIM_OK)
            st = ssim_jp_cell_int(&t, r, c[1], 1, 100000, &m);
        if (st == SSIM_OK)
            st = ssim_jp_cell_int(&t, r, c[2], 0, 1, &coastal);
        if (st == SSIM_OK) {
            f->municipalities[code] = (int)m;
            f->coastal[code] = (int)coastal;
        }
    }
    if (st == SSIM_OK && t.n_rows != SSIM_N_PREFECTURES)
        st = ssim_error(SSIM_EINVAL, (ssim_loc_t){t.path, 0, 0}, "%zu prefectures, expected %d",
                        t.n_rows, SSIM_N_PREFECTURES);
    ssim_jp_table_free(&t);
    return st;
}

/* ---------------------------------------------------------- operator kinds */

enum {
    K_KIND,
    K_SECTOR,
    K_PLACE,
    K_POPEXP,
    K_COVER,
    K_PREFS,
    K_WEIGHTS,
    K_EXCLUDE,
    K_CUST,
    K_TOTAL,
    K_TAIL,
    K_DESIG,
    K_MSP,
    K_PREFIX,
    K_NAME,
    K_SERVE,
    K_N
};
static const char *const kind_cols[K_N] = {
    "kind",    "sector",    "placement", "pop_exp",         "cover",     "prefs",
    "weights", "exclude",   "customers", "customers_total", "size_tail", "designated",
    "msp",     "id_prefix", "name",      "service_area"};
static const char *const place_names[] = {"area",       "area_units",     "pref",
                                          "population", "municipalities", "list"};
static const char *const cust_names[] = {"population", "total", "zero"};
static const char *const serve_names[] = {"home", "area", "region", "national"};

static ssim_status_t kind_strings(ssim_jp_kind_t *k, const ssim_jp_table_t *t, size_t r,
                                  const size_t *c)
{
    const char *name = ssim_jp_cell(t, r, c[K_KIND]), *prefix = ssim_jp_cell(t, r, c[K_PREFIX]);
    if (!*name || strcmp(name, "*") == 0 || ssim_vocab_find(&ssim_vocab_sector, name) >= 0)
        return ssim_jp_cell_error(t, r, c[K_KIND],
                                  "must be a name that is neither '*' nor a sector "
                                  "(got '%s')",
                                  name);
    if (!*prefix || strlen(prefix) > 8)
        return ssim_jp_cell_error(t, r, c[K_PREFIX], "must be 1..8 characters");
    if (!*ssim_jp_cell(t, r, c[K_NAME]))
        return ssim_jp_cell_error(t, r, c[K_NAME], "must not be empty");
    k->name = ssim_strdup(name, "kind");
    k->prefix = ssim_strdup(prefix, "kind");
    k->label = ssim_strdup(ssim_jp_cell(t, r, c[K_NAME]), "kind");
    return k->name && k->prefix && k->label ? SSIM_OK : SSIM_ENOMEM;
}

static ssim_status_t kind_lists(ssim_jp_kind_t *k, const ssim_jp_table_t *t, size_t r,
                                const size_t *c)
{
    double *v = NULL;
    size_t n = 0;
    ssim_status_t st = ssim_jp_cell_list(t, r, c[K_PREFS], 1, SSIM_N_PREFECTURES, &v, &n);
    if (st == SSIM_OK && n) {
        k->prefs = ssim_malloc(n, sizeof *k->prefs, "kind");
        for (size_t i = 0; k->prefs && i < n; i++)
            k->prefs[i] = (int)v[i];
        k->n_list = n;
        st = k->prefs ? SSIM_OK : SSIM_ENOMEM;
    }
    free(v);
    if (st == SSIM_OK)
        st = ssim_jp_cell_list(t, r, c[K_WEIGHTS], 1e-9, 1e12, &k->weights, &k->n_weights);
    if (st == SSIM_OK)
        st = ssim_jp_cell_list(t, r, c[K_EXCLUDE], 1, SSIM_N_PREFECTURES, &v, &n);
    for (size_t i = 0; st == SSIM_OK && i < n; i++)
        k->excluded[(int)v[i]] = 1;
    if (st == SSIM_OK)
        free(v);
    return st;
}

static ssim_status_t kind_numbers(ssim_jp_kind_t *k, const ssim_jp_table_t *t, size_t r,
                                  const size_t *c)
{
    int place = 0, cust = 0, serve = 0;
    long long cover = 0, total = 0, desig = 0;
    ssim_status_t st = ssim_jp_cell_vocab(t, r, c[K_SECTOR], &ssim_vocab_sector, &k->sector);
    if (st == SSIM_OK)
        st = ssim_jp_cell_enum(t, r, c[K_PLACE], place_names, 6, &place);
    if (st == SSIM_OK)
        st = ssim_jp_cell_half(t, r, c[K_POPEXP], 0, 4, &k->pop_exp2);
    if (st == SSIM_OK)
        st = ssim_jp_cell_int(t, r, c[K_COVER], 0, 1, &cover);
    if (st == SSIM_OK)
        st = ssim_jp_cell_enum(t, r, c[K_CUST], cust_names, 3, &cust);
    if (st == SSIM_OK && cust == SSIM_JP_CUST_TOTAL)
        st = ssim_jp_cell_int(t, r, c[K_TOTAL], 1, 1000000000000LL, &total);
    if (st == SSIM_OK)
        st = ssim_jp_cell_half(t, r, c[K_TAIL], 0, 6, &k->size_tail2);
    if (st == SSIM_OK)
        st = ssim_jp_cell_int(t, r, c[K_DESIG], 0, 1000000, &desig);
    if (st == SSIM_OK)
        st = ssim_jp_cell_real(t, r, c[K_MSP], 0, 1, &k->msp);
    if (st == SSIM_OK)
        st = ssim_jp_cell_enum(t, r, c[K_SERVE], serve_names, 4, &serve);
    k->serve = (ssim_jp_serve_t)serve;
    k->place = (ssim_jp_place_t)place;
    k->cust = (ssim_jp_cust_t)cust;
    k->cover = (int)cover;
    k->customers_total = total;
    k->designated = (int)desig;
    return st;
}

/* Rules that tie the columns together (checked once the count is known). */
static ssim_status_t kind_check(const ssim_jp_facts_t *f, const ssim_jp_kind_t *k,
                                const ssim_jp_table_t *t, size_t r, const size_t *c)
{
    int sum_m = 0;
    for (int p = 1; p <= SSIM_N_PREFECTURES; p++)
        sum_m += f->municipalities[p];
    if (k->place == SSIM_JP_PLACE_AREA && (k->count <= 0 || k->count % SSIM_JP_N_AREAS))
        return ssim_jp_cell_error(t, r, c[K_PLACE],
                                  "area placement needs a count that is a "
                                  "multiple of %d (count %lld)",
                                  SSIM_JP_N_AREAS, (long long)k->count);
    if (k->place == SSIM_JP_PLACE_PREF && (k->count <= 0 || k->count % SSIM_N_PREFECTURES))
        return ssim_jp_cell_error(t, r, c[K_PLACE],
                                  "pref placement needs a count that is a multiple "
                                  "of %d (count %lld)",
                                  SSIM_N_PREFECTURES, (long long)k->count);
    if (k->place == SSIM_JP_PLACE_MUNICIPALITIES && k->count != sum_m)
        return ssim_jp_cell_error(t, r, c[K_PLACE],
                                  "count %lld differs from the %d municipalities "
                                  "of municipalities.csv",
                                  (long long)k->count, sum_m);
    if (k->place == SSIM_JP_PLACE_LIST && (int64_t)k->n_list != k->count)
        return ssim_jp_cell_error(t, r, c[K_PREFS],
                                  "list placement needs one prefecture per "
                                  "operator (%zu listed, count %lld)",
                                  k->n_list, (long long)k->count);
    if (k->n_weights && k->place != SSIM_JP_PLACE_LIST && k->place != SSIM_JP_PLACE_AREA_UNITS)
        return ssim_jp_cell_error(t, r, c[K_WEIGHTS],
                                  "only list and area_units placements take "
                                  "weights");
    if (k->place == SSIM_JP_PLACE_LIST && k->n_weights && k->n_weights != k->n_list)
        return ssim_jp_cell_error(t, r, c[K_WEIGHTS], "one weight per listed prefecture");
    int covers =
        k->place != SSIM_JP_PLACE_LIST && (k->place != SSIM_JP_PLACE_POPULATION || k->cover);
    for (int p = 1; p <= SSIM_N_PREFECTURES; p++)
        covers &= !k->excluded[p];
    if (k->cust == SSIM_JP_CUST_POPULATION && !covers)
        return ssim_jp_cell_error(
            t, r, c[K_CUST],
            "customers 'population' needs a placement that "
            "covers every prefecture (area, area_units, pref, municipalities, "
            "or population with cover 1 and nothing excluded)");
    return SSIM_OK;
}

/* operator_counts.csv: the count of each kind (and its sector, which must agree). */
static ssim_status_t load_counts(ssim_jp_facts_t *f, const char *dir)
{
    static const char *const cols[] = {"sector", "kind", "count"};
    size_t c[3];
    ssim_jp_table_t t;
    ssim_status_t st =
        ssim_jp_table_open(&t, dir, "operator_counts.csv", cols, sizeof cols / sizeof *cols, c);
    for (size_t r = 0; st == SSIM_OK && r < t.n_rows; r++) {
        int k = ssim_jp_facts_kind(f, ssim_jp_cell(&t, r, c[1]));
        long long n = 0;
        if (k < 0)
            st = ssim_jp_cell_error(&t, r, c[1], "not a kind of operator_kinds.csv (got '%s')",
                                    ssim_jp_cell(&t, r, c[1]));
        else if (f->kinds[k].count)
            st = ssim_jp_cell_error(&t, r, c[1], "kind '%s' listed twice", f->kinds[k].name);
        else if (strcmp(ssim_jp_cell(&t, r, c[0]), ssim_vocab_sector.names[f->kinds[k].sector]))
            st = ssim_jp_cell_error(&t, r, c[0],
                                    "differs from the sector of kind '%s' in "
                                    "operator_kinds.csv",
                                    f->kinds[k].name);
        else
            st = ssim_jp_cell_int(&t, r, c[2], 1, 10000000, &n);
        if (st == SSIM_OK)
            f->kinds[k].count = n;
    }
    for (size_t k = 0; st == SSIM_OK && k < f->n_kinds; k++)
        if (!f->kinds[k].count)
            st = ssim_error(SSIM_EINVAL, (ssim_loc_t){t.path, 0, 0}, "no count for kind '%s'",
                            f->kinds[k].name);
    ssim_jp_table_free(&t);
    return st;
}

static ssim_status_t load_kinds(ssim_jp_facts_t *f, const char *dir)
{
    size_t c[K_N];
    ssim_jp_table_t t;
    ssim_status_t st = ssim_jp_table_open(&t, dir, "operator_kinds.csv", kind_cols,
                                          sizeof kind_cols / sizeof *kind_cols, c);
    if (st == SSIM_OK && (t.n_rows == 0 || t.n_rows > 32000))
        st = ssim_error(SSIM_EINVAL, (ssim_loc_t){t.path, 0, 0}, "1..32000 kinds required");
    if (st == SSIM_OK && !(f->kinds = ssim_calloc(t.n_rows, sizeof *f->kinds, "kinds")))
        st = SSIM_ENOMEM;
    for (size_t r = 0; st == SSIM_OK && r < t.n_rows; r++) {
        ssim_jp_kind_t *k = &f->kinds[r];
        f->n_kinds = r + 1;
        if ((st = kind_strings(k, &t, r, c)) == SSIM_OK && ssim_jp_facts_kind(f, k->name) != (int)r)
            st = ssim_jp_cell_error(&t, r, c[K_KIND], "kind '%s' listed twice", k->name);
        for (size_t q = 0; st == SSIM_OK && q < r; q++) /* ids are PREFIX-NNN */
            if (strcmp(f->kinds[q].prefix, k->prefix) == 0)
                st = ssim_jp_cell_error(&t, r, c[K_PREFIX],
                                        "id_prefix '%s' is also kind '%s''s: their operators "
                                        "would get the same ids",
                                        k->prefix, f->kinds[q].name);
        if (st == SSIM_OK)
            st = kind_lists(k, &t, r, c);
        if (st == SSIM_OK)
            st = kind_numbers(k, &t, r, c);
    }
    if (st == SSIM_OK)
        st = load_counts(f, dir);
    for (size_t r = 0; st == SSIM_OK && r < t.n_rows; r++)
        st = kind_check(f, &f->kinds[r], &t, r, c);
    ssim_jp_table_free(&t);
    return st;
}

/* ---------------------------------------------------------- suppliers */

static ssim_status_t supplier_row(ssim_jp_facts_t *f, const ssim_jp_table_t *t, size_t r,
                                  const size_t *c)
{
    ssim_jp_supplier_t *s = &f->suppliers[r];
    const char *id = ssim_jp_cell(t, r, c[0]), *cc = ssim_jp_cell(t, r, c[2]),
               *reg = ssim_jp_cell(t, r, c[4]);
    if (!*id || ssim_jp_facts_supplier(f, id) >= 0 || ssim_jp_facts_kind(f, id) >= 0)
        return ssim_jp_cell_error(t, r, c[0], "must be a unique non-empty id (got '%s')", id);
    if (!*ssim_jp_cell(t, r, c[1]))
        return ssim_jp_cell_error(t, r, c[1], "must not be empty");
    if (strlen(cc) != 2 || cc[0] < 'A' || cc[0] > 'Z' || cc[1] < 'A' || cc[1] > 'Z')
        return ssim_jp_cell_error(t, r, c[2], "must be two upper-case letters (got '%s')", cc);
    s->region = *reg ? name_index(f->region_name, f->n_regions, reg) : -1;
    if (*reg && s->region < 0)
        return ssim_jp_cell_error(t, r, c[4], "not a region of prefectures.csv (got '%s')", reg);
    ssim_status_t st = ssim_jp_cell_vocab(t, r, c[3], &ssim_vocab_category, &s->category);
    if (st != SSIM_OK)
        return st;
    memcpy(s->country, cc, 3);
    s->id = ssim_strdup(id, "supplier");
    s->name = ssim_strdup(ssim_jp_cell(t, r, c[1]), "supplier");
    f->n_suppliers = r + 1;
    return s->id && s->name ? SSIM_OK : SSIM_ENOMEM;
}

static ssim_status_t load_suppliers(ssim_jp_facts_t *f, const char *dir)
{
    static const char *const cols[] = {"id", "name", "country", "category", "region"};
    size_t c[5];
    ssim_jp_table_t t;
    ssim_status_t st =
        ssim_jp_table_open(&t, dir, "supplier_archetypes.csv", cols, sizeof cols / sizeof *cols, c);
    if (st == SSIM_OK && (t.n_rows == 0 || t.n_rows > 4000))
        st = ssim_error(SSIM_EINVAL, (ssim_loc_t){t.path, 0, 0}, "1..4000 suppliers required");
    if (st == SSIM_OK && !(f->suppliers = ssim_calloc(t.n_rows, sizeof *f->suppliers, "suppliers")))
        st = SSIM_ENOMEM;
    for (size_t r = 0; st == SSIM_OK && r < t.n_rows; r++)
        st = supplier_row(f, &t, r, c);
    ssim_jp_table_free(&t);
    return st;
}

/* ---------------------------------------------------------- entry points */

ssim_status_t ssim_jp_facts_load(ssim_jp_facts_t *f, const char *dir)
{
    memset(f, 0, sizeof *f);
    f->msp_product = -1;
    ssim_status_t st = load_areas(f, dir);
    if (st == SSIM_OK)
        st = load_prefectures(f, dir);
    if (st == SSIM_OK)
        st = load_municipalities(f, dir);
    if (st == SSIM_OK)
        st = load_kinds(f, dir);
    if (st == SSIM_OK)
        st = load_suppliers(f, dir);
    if (st == SSIM_OK)
        st = ssim_jp_rules_load(f, dir);
    if (st == SSIM_OK)
        st = ssim_jp_conseq_load(f, dir);
    return st;
}

void ssim_jp_facts_free(ssim_jp_facts_t *f)
{
    if (!f)
        return;
    for (size_t k = 0; f->kinds && k < f->n_kinds; k++) {
        ssim_jp_kind_t *kd = &f->kinds[k];
        free(kd->name);
        free(kd->prefix);
        free(kd->label);
        free(kd->prefs);
        free(kd->weights);
        free(kd->deps);
    }
    for (size_t s = 0; f->suppliers && s < f->n_suppliers; s++) {
        free(f->suppliers[s].id);
        free(f->suppliers[s].name);
    }
    for (int p = 0; p < f->n_products; p++)
        free(f->product[p]);
    free(f->kinds);
    free(f->suppliers);
    free(f->rules);
    free(f->shares);
    free(f->supedges);
    free(f->deprules);
    ssim_jp_table_free(&f->sector_units);
    ssim_jp_table_free(&f->coupling);
    ssim_jp_table_free(&f->pref_text);
    memset(f, 0, sizeof *f);
}
