/* scenario/catalogue — see catalogue.h.
 *
 * Two small declarative tables, like the options list (options.c): the
 * top-level keys with offsets into ssim_catalogue_t, and the keys of one
 * class item with offsets into ssim_catalogue_class_t.  Values go through the
 * scenario schema's typed setters (values.c), so types, bounds, paths and
 * distributions are checked and reported exactly as in a scenario file. */
#include "scenario/catalogue.h"

#include "core/alloc.h"
#include "core/vocab.h"
#include "scenario/schema.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef const ssim_scenario_node_t node_t;

#define COFF(field) offsetof(ssim_catalogue_t, field)
#define KOFF(field) offsetof(ssim_catalogue_class_t, field)

static const char *const confidences[] = {"high", "medium", "low", NULL};

/* clang-format off */
static const ssim_scenario_row_t top_rows[] = {
    {.key = "name", .type = SSIM_SCENARIO_T_STRING, .required = 1, .units = "", .nonempty = 1,
     .desc = "Title of the catalogue.", .off = COFF(name)},
    {.key = "description", .type = SSIM_SCENARIO_T_STRING, .def = "\"\"", .units = "",
     .desc = "Free text.", .off = COFF(description)},
    {.key = "network", .type = SSIM_SCENARIO_T_PATH, .required = 1, .units = "",
     .desc = "Network directory (or snapshot), relative to the catalogue; every class runs on "
             "it.",
     .off = COFF(network_dir)},
    {.key = "seed", .type = SSIM_SCENARIO_T_UINT64, .def = "1", .units = "",
     .desc = "Master seed of the years' draws and of every class's incidents.",
     .off = COFF(seed), .ulo = 0, .uhi = UINT64_MAX},
    {.key = "years", .type = SSIM_SCENARIO_T_UINT64, .def = "10000", .units = "year",
     .desc = "Simulated years.", .off = COFF(years), .ulo = 1, .uhi = SSIM_CATALOGUE_MAX_YEARS},
    {.key = "replicates", .type = SSIM_SCENARIO_T_UINT64, .def = "100", .units = "1",
     .desc = "Groups of years; each draws its own class rates. years must be a multiple.",
     .off = COFF(replicates), .ulo = 1, .uhi = 1000000},
    {.key = "options", .type = SSIM_SCENARIO_T_PATH, .units = "",
     .desc = "A scenario file whose options and burden are ranked across the catalogue.",
     .off = COFF(options_path)},
};
static const ssim_scenario_row_t class_rows[] = {
    {.key = "name", .type = SSIM_SCENARIO_T_STRING, .required = 1, .units = "", .nonempty = 1,
     .desc = "Class name: lower-case letters, digits and '-', unique.", .off = KOFF(name)},
    {.key = "scenario", .type = SSIM_SCENARIO_T_PATH, .required = 1, .units = "",
     .desc = "Scenario file of one incident of the class, relative to the catalogue.",
     .off = KOFF(scenario_path)},
    {.key = "rate", .type = SSIM_SCENARIO_T_DIST, .required = 1, .units = "1/year",
     .desc = "Incidents per year: a number, or a distribution when uncertain.",
     .off = KOFF(rate)},
    {.key = "source", .type = SSIM_SCENARIO_T_STRING, .required = 1, .units = "", .nonempty = 1,
     .desc = "Where the rate comes from.", .off = KOFF(source)},
    {.key = "confidence", .type = SSIM_SCENARIO_T_ENUM, .required = 1, .units = "",
     .desc = "Confidence of the rate.", .off = KOFF(confidence), .values = confidences},
    {.key = "options_apply", .type = SSIM_SCENARIO_T_BOOL, .def = "true", .units = "",
     .desc = "false: the regulation options cannot touch this class; each option replays the "
     "baseline's incidents of it.", .off = KOFF(options_apply)},
};
/* clang-format on */

#define N_TOP (sizeof top_rows / sizeof *top_rows)
#define N_CLASS (sizeof class_rows / sizeof *class_rows)

static ssim_loc_t at(const ssim_catalogue_t *cat, node_t *n)
{
    return (ssim_loc_t){cat->path, n ? n->line : 0, n ? n->col : 0};
}

/* Set row r of the struct at base from node v, or from the row's default
 * when v is NULL (a required row without a value is an error at `where`). */
static ssim_status_t set_row(const ssim_catalogue_t *cat, void *base, const ssim_scenario_row_t *r,
                             const char *key, node_t *v, node_t *where)
{
    ssim_scenario_set_t c = {.row = r,
                             .key = key,
                             .file = cat->path,
                             .base_path = cat->path,
                             .base = base,
                             .dst = (char *)base + r->off};
    if (v)
        return ssim_scenario_value_set(&c, v);
    if (r->required)
        return ssim_error(SSIM_EINVAL, at(cat, where), "catalogue: %s is required", key);
    if (!r->def)
        return SSIM_OK;
    ssim_scenario_node_t *n = NULL;
    ssim_status_t st = ssim_scenario_tree_parse("catalogue default", r->def, strlen(r->def), &n);
    if (st == SSIM_OK && n)
        st = ssim_scenario_value_set(&c, n);
    ssim_scenario_tree_free(n);
    return st;
}

/* Fill base from mapping map with rows[0 .. n): unknown keys are errors
 * naming the valid ones; absent keys take their defaults. */
static ssim_status_t set_rows(const ssim_catalogue_t *cat, void *base,
                              const ssim_scenario_row_t *rows, size_t n, node_t *map,
                              const char *prefix, node_t *const *skip)
{
    for (size_t i = 0; i < map->n; i++) {
        node_t *k = ssim_scenario_node_key(map, i);
        if (skip && *skip == k)
            continue;
        size_t j = 0;
        while (j < n && strcmp(rows[j].key, k->text) != 0)
            j++;
        if (j == n) {
            char names[256] = "";
            for (size_t q = 0; q < n; q++)
                snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", q ? ", " : "",
                         rows[q].key);
            return ssim_error(SSIM_EINVAL, at(cat, k),
                              "catalogue: unknown key '%s%s' (one of: %s%s)", prefix, k->text,
                              names, skip ? ", classes" : "");
        }
    }
    for (size_t j = 0; j < n; j++) {
        char key[SSIM_SCENARIO_MAX_KEY];
        snprintf(key, sizeof key, "%s%s", prefix, rows[j].key);
        ssim_status_t st =
            set_row(cat, base, &rows[j], key, ssim_scenario_node_get(map, rows[j].key, NULL), map);
        if (st != SSIM_OK)
            return st;
    }
    return SSIM_OK;
}

static int name_ok(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
            return 0;
    return 1;
}

static ssim_status_t parse_class(ssim_catalogue_t *cat, size_t i, node_t *item)
{
    char got[64], prefix[48];
    ssim_catalogue_class_t *k = &cat->classes[i];
    k->loc = at(cat, item);
    if (item->kind != SSIM_SCENARIO_NODE_MAP)
        return ssim_error(SSIM_EINVAL, k->loc, "catalogue: classes[%zu] must be a mapping (got %s)",
                          i, ssim_scenario_node_describe(item, got, sizeof got));
    snprintf(prefix, sizeof prefix, "classes[%zu].", i);
    ssim_status_t st = set_rows(cat, k, class_rows, N_CLASS, item, prefix, NULL);
    if (st != SSIM_OK)
        return st;
    node_t *name = ssim_scenario_node_get(item, "name", NULL);
    if (!name_ok(k->name))
        return ssim_error(SSIM_EINVAL, at(cat, name),
                          "catalogue: class name '%s' must be lower-case letters, digits and '-'",
                          k->name);
    for (size_t j = 0; j < i; j++)
        if (strcmp(cat->classes[j].name, k->name) == 0)
            return ssim_error(SSIM_EINVAL, at(cat, name),
                              "catalogue: class name '%s' repeats the class at line %ld", k->name,
                              cat->classes[j].loc.line);
    return SSIM_OK;
}

static ssim_status_t parse_root(ssim_catalogue_t *cat, node_t *root)
{
    char got[64];
    if (!root || root->kind != SSIM_SCENARIO_NODE_MAP)
        return ssim_error(SSIM_EINVAL, at(cat, root), "catalogue must be a mapping (got %s)",
                          root ? ssim_scenario_node_describe(root, got, sizeof got) : "nothing");
    node_t *ckey = NULL;
    node_t *seq = ssim_scenario_node_get(root, "classes", &ckey);
    ssim_status_t st = set_rows(cat, cat, top_rows, N_TOP, root, "", &ckey);
    if (st != SSIM_OK)
        return st;
    if (!seq)
        return ssim_error(SSIM_EINVAL, at(cat, root), "catalogue: classes is required");
    if (seq->kind != SSIM_SCENARIO_NODE_SEQ || seq->n == 0 || seq->n > SSIM_CATALOGUE_MAX_CLASSES)
        return ssim_error(SSIM_EINVAL, at(cat, seq),
                          "catalogue: classes must be a list of 1 to %d classes (got %s)",
                          SSIM_CATALOGUE_MAX_CLASSES,
                          ssim_scenario_node_describe(seq, got, sizeof got));
    if (!(cat->classes = ssim_calloc(seq->n, sizeof *cat->classes, "catalogue classes")))
        return SSIM_ENOMEM;
    cat->n_classes = seq->n;
    for (size_t i = 0; i < seq->n; i++)
        if ((st = parse_class(cat, i, seq->kids[i])) != SSIM_OK)
            return st;
    if (cat->years % cat->replicates != 0) {
        node_t *r = ssim_scenario_node_get(root, "replicates", NULL);
        return ssim_error(SSIM_EINVAL, at(cat, r ? r : root),
                          "catalogue: years (%llu) must be a multiple of replicates (%llu)",
                          (unsigned long long)cat->years, (unsigned long long)cat->replicates);
    }
    return SSIM_OK;
}

ssim_status_t ssim_catalogue_load(ssim_catalogue_t *cat, const char *path)
{
    memset(cat, 0, sizeof *cat);
    size_t len = 0;
    ssim_status_t st = ssim_scenario_read_file(path, "catalogue", &cat->text, &len);
    if (st == SSIM_OK && !(cat->path = ssim_strdup(path, "catalogue path")))
        st = SSIM_ENOMEM;
    ssim_scenario_node_t *root = NULL;
    if (st == SSIM_OK)
        st = ssim_scenario_tree_parse(cat->path, cat->text, len, &root);
    if (st == SSIM_OK)
        st = parse_root(cat, root);
    ssim_scenario_tree_free(root);
    if (st != SSIM_OK)
        ssim_catalogue_destroy(cat);
    return st;
}

ssim_status_t ssim_catalogue_override(ssim_catalogue_t *cat, uint64_t years, int have_seed,
                                      uint64_t seed)
{
    if (have_seed)
        cat->seed = seed;
    if (!years)
        return SSIM_OK;
    if (years > SSIM_CATALOGUE_MAX_YEARS || years % cat->replicates != 0)
        return ssim_error(SSIM_EINVAL, SSIM_LOC_NONE,
                          "--years %llu: must be at most %llu and a multiple of the catalogue's "
                          "replicates (%llu, %s)",
                          (unsigned long long)years, (unsigned long long)SSIM_CATALOGUE_MAX_YEARS,
                          (unsigned long long)cat->replicates, cat->path);
    cat->years = years;
    return SSIM_OK;
}

void ssim_catalogue_destroy(ssim_catalogue_t *cat)
{
    if (!cat)
        return;
    for (size_t i = 0; i < cat->n_classes; i++) {
        free(cat->classes[i].name);
        free(cat->classes[i].scenario_path);
        free(cat->classes[i].source);
    }
    free(cat->classes);
    free(cat->path);
    free(cat->text);
    free(cat->name);
    free(cat->description);
    free(cat->network_dir);
    free(cat->options_path);
    memset(cat, 0, sizeof *cat);
}
