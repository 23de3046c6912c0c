/* scenario/options — the `options:` list of regulation options.
 *
 * A second, small declarative table: the same row struct and the same typed
 * setters as the main schema (values.c), with keys relative to one option
 * item ("vetting.countries") and offsets into ssim_scenario_option_t (the
 * base the setters are given).
 *
 * Rules (each an error naming file:line:col): `options` is a list of at most
 * SSIM_MAX_OPTIONS mappings; each has a non-empty `name`, unique, not
 * "baseline"; every other key is a lever section (a mapping) whose keys are
 * in the table; types and bounds as for every scenario key.  Scope names
 * (sectors, categories, kinds, privileges) are checked against the
 * vocabularies here; supplier countries are free ISO codes. */
#include "scenario/schema.h"

#include "core/alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OOFF(field) offsetof(ssim_scenario_option_t, field)

static const char *const vet_actions[] = {"replace", "block", NULL};

/* clang-format off */
#define OLIST(k, field, text)                                                                  \
    {.key = k, .type = SSIM_SCENARIO_T_STRLIST, .def = "[]", .units = "", .desc = text,         \
     .off = OOFF(field.items), .off_n = OOFF(field.n), .off_locs = OOFF(field.locs), .ulo = 0, \
     .uhi = 300, .unique = 1}
#define OBOOL(k, field, d, text)                                                               \
    {.key = k, .type = SSIM_SCENARIO_T_BOOL, .def = d, .units = "", .desc = text, .off = OOFF(field)}
#define ONUM(k, field, d, u, l, h, text)                                                       \
    {.key = k, .type = SSIM_SCENARIO_T_DOUBLE, .def = d, .units = u, .desc = text,              \
     .off = OOFF(field), .lo = l, .hi = h}

/* Keys of one option item (besides `name`), lever by lever; a lever's rows
 * are contiguous and in ssim_lever_t order. */
static const ssim_scenario_row_t orows[] = {
    OLIST("vetting.sectors", vetting.sectors, "Operators in scope: these sectors ([] = all)."),
    OBOOL("vetting.designated_only", vetting.designated_only, "false",
          "Only designated operators' procurement is vetted."),
    OLIST("vetting.countries", vetting.countries,
          "A supplier from one of these countries fails vetting."),
    OLIST("vetting.allow_countries", vetting.allow_countries,
          "When given, a supplier from any other country fails vetting (e.g. [JP]: foreign "
          "suppliers fail)."),
    OLIST("vetting.categories", vetting.categories,
          "Only suppliers of these categories are vetted ([] = all)."),
    {.key = "vetting.action", .type = SSIM_SCENARIO_T_ENUM, .def = "replace", .units = "",
     .desc = "replace: a failing supplier's edge moves to the allowed supplier of the same "
     "category with the most supply edges (ties: lowest index), blocked when none; block: the "
     "edge is removed.", .off = OOFF(vetting.action), .values = vet_actions},
    ONUM("advance_notice.hours", advance_notice.hours, "720", "hours", 0, 1e5,
         "Hold on every update to regulated operators."),
    OBOOL("advance_notice.designated_only", advance_notice.designated_only, "true",
          "true: only designated operators are regulated; false: all operators in scope."),
    OLIST("advance_notice.sectors", advance_notice.sectors, "Sectors in scope ([] = all)."),
    ONUM("diversity_cap.max_share", diversity_cap.max_share, "0.5", "fraction", 0, 1,
         "No supplier may hold more than this share of a (sector, category)'s supply edges."),
    OLIST("diversity_cap.sectors", diversity_cap.sectors, "Sectors in scope ([] = all)."),
    OLIST("diversity_cap.categories", diversity_cap.categories,
          "Supplier categories in scope ([] = all)."),
    ONUM("buffer_mandate.min_hours", buffer_mandate.min_hours, "72", "hours", 0, 1e5,
         "Dependencies in scope get buffer_hours = max(buffer_hours, this)."),
    OLIST("buffer_mandate.kinds", buffer_mandate.kinds,
          "Dependency kinds in scope ([] = all), e.g. [power]."),
    OLIST("buffer_mandate.sectors", buffer_mandate.sectors,
          "Sectors of the dependent operators in scope ([] = all)."),
    ONUM("segmentation.factor", segmentation.factor, "0.5", "factor", 0, 1,
         "Multiplies the outage probability of supply edges in scope."),
    OLIST("segmentation.privileges", segmentation.privileges,
          "Privileges in scope ([] = all), e.g. [ot]."),
    OLIST("segmentation.sectors", segmentation.sectors, "Sectors in scope ([] = all)."),
    ONUM("staged_rollout.canary_fraction", staged_rollout.canary_fraction, "0.1", "fraction",
         0, 1, "Suppliers in scope ship each release to this fraction of customer edges first."),
    ONUM("staged_rollout.hold_hours", staged_rollout.hold_hours, "72", "hours", 0, 1e5,
         "...and to the rest this much later."),
    OLIST("staged_rollout.countries", staged_rollout.countries,
          "Suppliers in scope: from these countries ([] = all)."),
    OLIST("staged_rollout.categories", staged_rollout.categories,
          "Suppliers in scope: of these categories ([] = all)."),
    ONUM("disconnection.hours", disconnection.hours, "24", "hours", 0, 1e5,
         "Operators in scope cut a product off when its release is revoked, for this long."),
    OBOOL("disconnection.designated_only", disconnection.designated_only, "false",
          "Only designated operators disconnect."),
    OLIST("disconnection.sectors", disconnection.sectors, "Sectors in scope ([] = all)."),
};
/* clang-format on */

#define N_OROWS (sizeof orows / sizeof orows[0])

static const char *const lever_names[SSIM_N_LEVERS] = {
    "vetting",      "advance_notice", "diversity_cap", "buffer_mandate",
    "segmentation", "staged_rollout", "disconnection"};

const char *ssim_scenario_lever_name(int lever)
{
    return lever >= 0 && lever < SSIM_N_LEVERS ? lever_names[lever] : "unknown";
}

static int lever_find(const char *name)
{
    for (int i = 0; i < SSIM_N_LEVERS; i++)
        if (strcmp(lever_names[i], name) == 0)
            return i;
    return -1;
}

static const ssim_scenario_row_t *orow_find(const char *key)
{
    for (size_t i = 0; i < N_OROWS; i++)
        if (strcmp(orows[i].key, key) == 0)
            return &orows[i];
    return NULL;
}

typedef const ssim_scenario_node_t node_t;

static ssim_loc_t at(const ssim_scenario_t *sc, node_t *n)
{
    return (ssim_loc_t){sc->path, n->line, n->col};
}

/* Set one row of option o from node (NULL: the row's default text). */
static ssim_status_t oset(ssim_scenario_t *sc, ssim_scenario_option_t *o,
                          const ssim_scenario_row_t *r, const char *key, node_t *v)
{
    ssim_scenario_set_t c = {.row = r,
                             .key = key,
                             .file = sc->path,
                             .base_path = sc->path,
                             .base = o,
                             .dst = (char *)o + r->off};
    if (v)
        return ssim_scenario_value_set(&c, v);
    ssim_scenario_node_t *n = NULL;
    ssim_status_t st = ssim_scenario_tree_parse("option default", r->def, strlen(r->def), &n);
    if (st == SSIM_OK && n)
        st = ssim_scenario_value_set(&c, n);
    ssim_scenario_tree_free(n);
    return st;
}

/* Vocabulary of a scope list row, or NULL (countries are free codes). */
static const ssim_vocab_t *scope_vocab(const ssim_scenario_row_t *r)
{
    const char *last = strrchr(r->key, '.') + 1;
    if (!strcmp(last, "sectors"))
        return &ssim_vocab_sector;
    if (!strcmp(last, "categories"))
        return &ssim_vocab_category;
    if (!strcmp(last, "kinds"))
        return &ssim_vocab_dep_kind;
    if (!strcmp(last, "privileges"))
        return &ssim_vocab_privilege;
    return NULL;
}

static ssim_status_t check_scope(const ssim_scenario_row_t *r, const ssim_scenario_option_t *o)
{
    const ssim_vocab_t *voc = r->type == SSIM_SCENARIO_T_STRLIST ? scope_vocab(r) : NULL;
    if (!voc)
        return SSIM_OK;
    const ssim_strlist_t *l = (const ssim_strlist_t *)(const void *)((const char *)o + r->off);
    for (size_t i = 0; i < l->n; i++)
        if (ssim_vocab_find(voc, l->items[i]) < 0)
            return ssim_error(SSIM_EINVAL, l->locs[i], "options: %s: '%s' is not a %s (one of: %s)",
                              r->key, l->items[i], voc->what, ssim_vocab_list(voc));
    return SSIM_OK;
}

/* The keys of one lever section. */
static ssim_status_t parse_lever(ssim_scenario_t *sc, ssim_scenario_option_t *o, int lever,
                                 node_t *map)
{
    ssim_status_t st = SSIM_OK;
    o->levers |= 1u << lever;
    for (size_t i = 0; st == SSIM_OK && i < map->n; i++) {
        node_t *k = ssim_scenario_node_key(map, i), *v = ssim_scenario_node_value(map, i);
        char key[SSIM_SCENARIO_MAX_KEY];
        snprintf(key, sizeof key, "%s.%.80s", lever_names[lever], k->text);
        const ssim_scenario_row_t *r = orow_find(key);
        if (!r)
            return ssim_error(SSIM_EINVAL, at(sc, k), "options: unknown key '%s' in %s", k->text,
                              lever_names[lever]);
        st = oset(sc, o, r, key, v);
        if (st == SSIM_OK)
            st = check_scope(r, o);
    }
    return st;
}

/* One item of the list. */
static ssim_status_t parse_item(ssim_scenario_t *sc, ssim_scenario_option_t *o, node_t *item)
{
    char got[64];
    o->loc = at(sc, item);
    if (item->kind != SSIM_SCENARIO_NODE_MAP)
        return ssim_error(SSIM_EINVAL, o->loc,
                          "options: each item must be a mapping with a "
                          "name and levers (got %s)",
                          ssim_scenario_node_describe(item, got, sizeof got));
    ssim_status_t st = SSIM_OK;
    for (size_t i = 0; st == SSIM_OK && i < N_OROWS; i++)
        st = oset(sc, o, &orows[i], orows[i].key, NULL);
    for (size_t i = 0; st == SSIM_OK && i < item->n; i++) {
        node_t *k = ssim_scenario_node_key(item, i), *v = ssim_scenario_node_value(item, i);
        int lever = lever_find(k->text);
        if (!strcmp(k->text, "name")) {
            if (v->kind != SSIM_SCENARIO_NODE_SCALAR || !v->text[0])
                return ssim_error(SSIM_EINVAL, at(sc, v),
                                  "options: name must be a non-empty "
                                  "string (got %s)",
                                  ssim_scenario_node_describe(v, got, sizeof got));
            free(o->name);
            if (!(o->name = ssim_strdup(v->text, "option name")))
                return SSIM_ENOMEM;
        } else if (lever < 0) {
            return ssim_error(SSIM_EINVAL, at(sc, k),
                              "options: unknown key '%s' (expected name, "
                              "vetting, advance_notice, diversity_cap, buffer_mandate, "
                              "segmentation, staged_rollout or disconnection)",
                              k->text);
        } else if (v->kind != SSIM_SCENARIO_NODE_MAP) {
            return ssim_error(SSIM_EINVAL, at(sc, v), "options: %s must be a mapping (got %s)",
                              k->text, ssim_scenario_node_describe(v, got, sizeof got));
        } else {
            st = parse_lever(sc, o, lever, v);
        }
    }
    if (st == SSIM_OK && !o->name)
        st = ssim_error(SSIM_EINVAL, o->loc, "options: missing required key 'name'");
    return st;
}

static ssim_status_t check_names(const ssim_scenario_t *sc)
{
    for (size_t i = 0; i < sc->n_options; i++) {
        if (!strcmp(sc->options[i].name, "baseline"))
            return ssim_error(SSIM_EINVAL, sc->options[i].loc,
                              "options: the name 'baseline' is reserved");
        for (size_t j = 0; j < i; j++)
            if (!strcmp(sc->options[i].name, sc->options[j].name))
                return ssim_error(SSIM_EINVAL, sc->options[i].loc,
                                  "options: duplicate name '%s' (first at line %ld)",
                                  sc->options[i].name, sc->options[j].loc.line);
    }
    return SSIM_OK;
}

ssim_status_t ssim_scenario_options_parse(ssim_scenario_t *sc, const ssim_scenario_node_t *seq)
{
    char got[64];
    if (seq->kind != SSIM_SCENARIO_NODE_SEQ)
        return ssim_error(SSIM_EINVAL, at(sc, seq), "options must be a list of options (got %s)",
                          ssim_scenario_node_describe(seq, got, sizeof got));
    if (seq->n > SSIM_MAX_OPTIONS)
        return ssim_error(SSIM_EINVAL, at(sc, seq), "options: at most %d options (got %zu)",
                          SSIM_MAX_OPTIONS, seq->n);
    ssim_scenario_options_destroy(sc);
    if (seq->n && !(sc->options = ssim_calloc(seq->n, sizeof *sc->options, "options")))
        return SSIM_ENOMEM;
    ssim_status_t st = SSIM_OK;
    for (size_t i = 0; st == SSIM_OK && i < seq->n; i++) {
        sc->n_options = i + 1;
        st = parse_item(sc, &sc->options[i], seq->kids[i]);
    }
    return st == SSIM_OK ? check_names(sc) : st;
}

void ssim_scenario_options_destroy(ssim_scenario_t *sc)
{
    for (size_t i = 0; i < sc->n_options; i++) {
        ssim_scenario_option_t *o = &sc->options[i];
        for (size_t r = 0; r < N_OROWS; r++)
            ssim_scenario_value_release(&orows[r], o, (char *)o + orows[r].off);
        free(o->name);
    }
    free(sc->options);
    sc->options = NULL;
    sc->n_options = 0;
}

void ssim_scenario_options_json(ssim_scenario_buf_t *b, const ssim_scenario_t *sc)
{
    ssim_scenario_buf_add(b, "\"options\":[", 11);
    for (size_t i = 0; i < sc->n_options; i++) {
        const ssim_scenario_option_t *o = &sc->options[i];
        ssim_scenario_buf_add(b, i ? ",{\"name\":" : "{\"name\":", i ? 9 : 8);
        ssim_scenario_buf_json_string(b, o->name);
        int open = -1;
        for (size_t r = 0; r < N_OROWS; r++) {
            const char *dot = strchr(orows[r].key, '.');
            int lever = -1;
            for (int l = 0; l < SSIM_N_LEVERS; l++)
                if (!strncmp(lever_names[l], orows[r].key, (size_t)(dot - orows[r].key)) &&
                    lever_names[l][dot - orows[r].key] == '\0')
                    lever = l;
            if (!(o->levers >> lever & 1u))
                continue;
            if (lever != open) {
                ssim_scenario_buf_printf(b, "%s,\"%s\":{", open >= 0 ? "}" : "",
                                         lever_names[lever]);
                open = lever;
            } else {
                ssim_scenario_buf_add(b, ",", 1);
            }
            ssim_scenario_buf_json_string(b, dot + 1);
            ssim_scenario_buf_add(b, ":", 1);
            ssim_scenario_value_json(b, &orows[r], o, (const char *)o + orows[r].off);
        }
        ssim_scenario_buf_add(b, open >= 0 ? "}}" : "}", open >= 0 ? 2 : 1);
    }
    ssim_scenario_buf_add(b, "]", 1);
}

void ssim_scenario_options_markdown(FILE *out)
{
    fputs("\nKeys of each item of `options:` (a list of regulation options; docs/regulation.md). "
          "Every item has a `name` (unique, not `baseline`) and one section per lever it uses; "
          "an empty scope list means all.\n\n| key | type | default | units | description |\n"
          "|---|---|---|---|---|\n| `name` | string (non-empty) | *required* |  | Option name "
          "(the `option` label in the comparison). |\n",
          out);
    for (size_t i = 0; i < N_OROWS; i++) {
        char type[512];
        fprintf(out, "| `%s` | %s | `%s` | %s | %s |\n", orows[i].key,
                ssim_scenario_value_doc(&orows[i], type, sizeof type), orows[i].def, orows[i].units,
                orows[i].desc);
    }
}

ssim_status_t ssim_scenario_adopt_options(ssim_scenario_t *sc, ssim_scenario_t *from)
{
    ssim_scenario_options_destroy(sc);
    sc->options = from->options;
    sc->n_options = from->n_options;
    sc->burden = from->burden;
    from->options = NULL;
    from->n_options = 0;
    char *json = NULL;
    ssim_status_t st = ssim_scenario_json(sc, &json);
    if (st == SSIM_OK) {
        free(sc->resolved_json);
        sc->resolved_json = json;
    }
    return st;
}
