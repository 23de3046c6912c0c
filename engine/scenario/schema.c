/* scenario/schema — the core scenario keys, the table composed with a
 * catalog's parameter sets, its lookups and the Markdown key reference.
 * Adding a core key = adding a row here and a field in scenario.h; adding a
 * model's key = adding a row to its parameter set (scenario/params.h). */
#include "scenario/schema.h"

#include "core/alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OFF(field) offsetof(ssim_scenario_t, field)

/* clang-format off */
/* Row shorthands (scenario/params.h) with offsets into ssim_scenario_t. */
#define PROB(k, field, d, text) SSIM_SCENARIO_ROW_PROB(k, OFF(field), d, text)
#define SWITCH(k, field, d, text) SSIM_SCENARIO_ROW_SWITCH(k, OFF(field), d, text)

/* The core keys, in the order of the resolved JSON and the key reference:
 * these (name ... output_step_hours), then the catalog's parameter sets (the
 * models' catalog starts with the supply-chain incident's, incident.* ...
 * cascade.*, models/incident), then rows_after (burden.*, output.*).  Rows
 * of one section must stay contiguous.  The `model` row's names come from
 * the catalog (ssim_scenario_schema_build). */
static const ssim_scenario_row_t rows_before[] = {
    {.key = "name", .type = SSIM_SCENARIO_T_STRING, .required = 1, .nonempty = 1, .units = "",
     .desc = "Scenario title, shown in reports and stored in every output file.",
     .off = OFF(name)},
    {.key = "description", .type = SSIM_SCENARIO_T_STRING, .def = "\"\"", .units = "",
     .desc = "Free text: what the scenario represents and where its numbers come from.",
     .off = OFF(description)},
    {.key = "network", .type = SSIM_SCENARIO_T_PATH, .required = 1, .units = "",
     .desc = "Network directory (operators.csv, suppliers.csv, supply.csv, dependencies.csv), "
             "or a snapshot of one (`sectorsim network pack`, docs/snapshot.md), relative to "
             "the scenario file's directory unless absolute.",
     .off = OFF(network_dir)},
    {.key = "model", .type = SSIM_SCENARIO_T_ENUM, .def = NULL, .units = "",
     .desc = "Propagation model run for every trial.", .off = OFF(model),
     .values = NULL /* the catalog's models, the first the default */, .enum_as_string = 1},
    {.key = "trials", .type = SSIM_SCENARIO_T_UINT64, .def = "1000", .units = "trials",
     .desc = "Number of Monte Carlo trials (sectorsim run --trials overrides it).",
     .off = OFF(trials), .ulo = 1, .uhi = SSIM_MAX_TRIALS},
    {.key = "seed", .type = SSIM_SCENARIO_T_UINT64, .def = "1", .units = "",
     .desc = "Master seed: each random stream is a function of (seed, trial, entity, purpose).",
     .off = OFF(seed), .ulo = 0, .uhi = UINT64_MAX},
    {.key = "horizon_hours", .type = SSIM_SCENARIO_T_DOUBLE, .def = "720", .units = "hours",
     .desc = "Simulated time from the release (t = 0) to the end of each trial.",
     .off = OFF(horizon_hours), .lo = 0, .lo_open = 1, .hi = 1e5},
    {.key = "output_step_hours", .type = SSIM_SCENARIO_T_DOUBLE, .def = "6", .units = "hours",
     .desc = "Bin width of the per-sector time series; at most 1000000 steps over the horizon.",
     .off = OFF(output_step_hours), .lo = 0,
     .lo_open = 1, .hi = 1e5, .hi_key = "horizon_hours"},
};

/* The core keys after the parameter sets. */
static const ssim_scenario_row_t rows_after[] = {
    /* burden.*: cost parameters of the regulation levers (docs/regulation.md); used by
     * `compare`.  Documented assumptions, low confidence: override them. */
    {.key = "burden.switching_cost.default", .type = SSIM_SCENARIO_T_DOUBLE, .def = "30000000",
     .units = "yen", .desc = "Cost of replacing one supply edge's product (vetting, diversity "
     "cap): migration, testing, retraining.", .off = OFF(burden.switching_default), .lo = 0,
     .hi = 1e15},
    {.key = "burden.switching_cost.<category>", .type = SSIM_SCENARIO_T_DOUBLE,
     .def_from = "burden.switching_cost.default", .units = "yen",
     .desc = "Switching cost for suppliers of that category.", .off = OFF(burden.switching[0]),
     .vocab = &ssim_vocab_category, .stride = sizeof(double), .lo = 0, .hi = 1e15},
    {.key = "burden.releases_per_year", .type = SSIM_SCENARIO_T_DOUBLE, .def = "12",
     .units = "1/year", .desc = "Updates shipped per supply edge per year (advance notice holds "
     "each of them).", .off = OFF(burden.releases_per_year), .lo = 0, .hi = 1e4},
    PROB("burden.security_patch_share", burden.security_share, "0.3",
         "Fraction of those updates that are security patches (their delay is reported "
         "separately)."),
    {.key = "burden.held_update_cost_per_day", .type = SSIM_SCENARIO_T_DOUBLE, .def = "50000",
     .units = "yen", .desc = "Cost of one operator-day of a held update (review work, delayed "
     "fixes).", .off = OFF(burden.held_update_cost_per_day), .lo = 0, .hi = 1e15},
    {.key = "burden.compliance_per_operator", .type = SSIM_SCENARIO_T_DOUBLE, .def = "5000000",
     .units = "yen", .desc = "Yearly compliance cost of each operator a lever regulates "
     "(notification, audits).", .off = OFF(burden.compliance_per_operator), .lo = 0, .hi = 1e15},
    {.key = "burden.buffer_cost_per_hour", .type = SSIM_SCENARIO_T_DOUBLE, .def = "2000000",
     .units = "yen", .desc = "Cost of one added buffer-hour on one dependency (backup power, "
     "storage).", .off = OFF(burden.buffer_cost_per_hour), .lo = 0, .hi = 1e15},
    {.key = "burden.segmentation_per_operator", .type = SSIM_SCENARIO_T_DOUBLE,
     .def = "20000000", .units = "yen", .desc = "Cost of IT/OT segmentation at one operator.",
     .off = OFF(burden.segmentation_per_operator), .lo = 0, .hi = 1e15},
    {.key = "burden.rollout_per_supplier", .type = SSIM_SCENARIO_T_DOUBLE, .def = "10000000",
     .units = "yen", .desc = "Yearly cost of a staged-rollout obligation for one supplier.",
     .off = OFF(burden.rollout_per_supplier), .lo = 0, .hi = 1e15},
    {.key = "burden.life_years", .type = SSIM_SCENARIO_T_DOUBLE, .def = "5", .units = "year",
     .desc = "Life over which one-off costs (switching, buffers, segmentation) are annualised. "
     "Default: the statutory useful life of software in Japan, 5 years (Ministry of Finance "
     "ordinance on useful lives, appended table 3; medium confidence as a life of a "
     "regulatory change).", .off = OFF(burden.life_years), .lo = 0, .lo_open = 1, .hi = 100},
    {.key = "burden.discount_rate", .type = SSIM_SCENARIO_T_DOUBLE, .def = "0.04",
     .units = "1/year", .desc = "Discount rate of that annualisation (capital recovery factor). "
     "Default: the 4 % social discount rate of Japan's public-works cost-benefit guidelines "
     "(MLIT technical guideline; medium confidence).", .off = OFF(burden.discount_rate),
     .lo = 0, .hi = 1},

    SWITCH("output.per_trial", output.per_trial, "true",
           "Write one row of results per trial (false: the run also keeps less per trial "
           "in memory; the summaries are the same)."),
    SWITCH("output.time_series", output.time_series, "true",
           "Write per-trial sector time series on the output_step_hours grid."),
    SWITCH("output.per_operator", output.per_operator, "true",
           "Write per-operator statistics (compromise and outage frequencies). Off, the "
           "trials skip their per-operator counts: 16 bytes per operator and thread less, and "
           "one random memory write per failed operator saved."),
    SWITCH("output.network_tables", output.network_tables, "true",
           "Copy the network's ids, names, supply edges and dependencies into /network. Off, "
           "the file keeps only what its summaries and per-operator results read (operator "
           "sector, prefecture, customers, designation; the sector and supplier tables) and "
           "names the network by its files' SHA-256 in /provenance/inputs: a 10^7-operator "
           "network's 3 GB of edge tables stay out of every results file."),
    SWITCH("output.events", output.events, "false",
           "Write the event table /events: origins, installs (who compromised whom), releases, "
           "outages, revocations and disconnections of every trial (large; off by default)."),
};

/* clang-format on */

#define N_BEFORE (sizeof rows_before / sizeof rows_before[0])
#define N_AFTER (sizeof rows_after / sizeof rows_after[0])

_Static_assert(SSIM_MAX_SECTORS <= 64, "walk.c keeps wildcard codes in a 64-bit mask");

/* ---- composing the table ---- */

static ssim_status_t broken(const ssim_scenario_schema_t *s, size_t i, const char *rule)
{
    const char *set = s->set[i] >= 0 ? s->cat->sets[s->set[i]]->section : NULL;
    return ssim_error(SSIM_EINTERNAL, SSIM_LOC_NONE, "scenario schema: %s%s%skey '%s': %s",
                      set ? "parameter set '" : "", set ? set : "", set ? "', " : "",
                      s->rows[i]->key, rule);
}

/* 1 when key starts with the section prefix p (p ends with '.'). */
static int under(const char *key, const char *p, size_t plen) { return strncmp(key, p, plen) == 0; }

/* Row i alone: a set row under its section and inside its struct; a
 * wildcard row shaped "<what>" with a vocabulary. */
static ssim_status_t check_row(const ssim_scenario_schema_t *s, size_t i)
{
    const ssim_scenario_row_t *r = s->rows[i];
    const char *last = strrchr(r->key, '.');
    int wild = last && last[1] == '<' && r->key[strlen(r->key) - 1] == '>';
    if (wild != (r->vocab != NULL))
        return broken(s, i, "a wildcard row's last component is <what> and it has a vocabulary");
    for (int code = 0; code < ssim_scenario_schema_n_codes(r); code++) {
        char full[SSIM_SCENARIO_MAX_KEY + 1];
        ssim_scenario_schema_key(r, code, full, sizeof full);
        if (strlen(full) >= SSIM_SCENARIO_MAX_KEY - 1)
            return broken(s, i, "longer than SSIM_SCENARIO_MAX_KEY - 2 bytes");
    }
    if (s->set[i] < 0)
        return SSIM_OK;
    const ssim_scenario_params_t *set = s->cat->sets[s->set[i]];
    size_t plen = strlen(set->section);
    if (!plen || strchr(set->section, '.'))
        return broken(s, i, "the set's section must be one name, without '.'");
    if (strncmp(r->key, set->section, plen) != 0 || r->key[plen] != '.')
        return broken(s, i, "not under the set's section");
    for (size_t j = 0; j < s->n; j++)
        if (s->set[j] != s->set[i] && strncmp(s->rows[j]->key, set->section, plen) == 0 &&
            (s->rows[j]->key[plen] == '.' || s->rows[j]->key[plen] == '\0'))
            return broken(s, i, "the set's section is also the core's or another set's");
    size_t end = r->off + ssim_scenario_value_size(r) +
                 (r->vocab ? (size_t)(r->vocab->n - 1) * r->stride : 0);
    int lists_fit =
        r->type != SSIM_SCENARIO_T_STRLIST ||
        (r->off_n + sizeof(size_t) <= set->size && r->off_locs + sizeof(ssim_loc_t *) <= set->size);
    if (end > set->size || !lists_fit)
        return broken(s, i, "offset outside the set's struct");
    return SSIM_OK;
}

/* Row i against the rows before it: no key twice, no key that is a section
 * of another, and each of its sections contiguous (a section row i is in
 * either continues row i - 1's or is new). */
static ssim_status_t check_order(const ssim_scenario_schema_t *s, size_t i)
{
    const char *key = s->rows[i]->key;
    size_t klen = strlen(key);
    for (size_t j = 0; j < i; j++) {
        const char *other = s->rows[j]->key;
        size_t olen = strlen(other);
        if (strcmp(other, key) == 0)
            return broken(s, i, "declared twice");
        if ((olen < klen && under(key, other, olen) && key[olen] == '.') ||
            (klen < olen && under(other, key, klen) && other[klen] == '.'))
            return broken(s, i, "a key and a section at once");
    }
    for (const char *dot = strchr(key, '.'); dot && i > 0; dot = strchr(dot + 1, '.')) {
        size_t plen = (size_t)(dot - key) + 1; /* section with its '.' */
        if (under(s->rows[i - 1]->key, key, plen))
            continue;
        for (size_t j = 0; j + 1 < i; j++)
            if (under(s->rows[j]->key, key, plen))
                return broken(s, i, "its section's rows are not contiguous");
    }
    return SSIM_OK;
}

static void add_rows(ssim_scenario_schema_t *s, const ssim_scenario_row_t *rows, size_t n, int set)
{
    for (size_t i = 0; i < n; i++) {
        s->rows[s->n] = set < 0 && rows[i].off == OFF(model) ? &s->model : &rows[i];
        s->set[s->n++] = set;
    }
}

ssim_status_t ssim_scenario_schema_build(const ssim_scenario_catalog_t *cat,
                                         ssim_scenario_schema_t **out)
{
    *out = NULL;
    if (!cat || !cat->models || !cat->models[0])
        return ssim_error(SSIM_EINTERNAL, SSIM_LOC_NONE,
                          "scenario schema: a catalog without "
                          "models");
    size_t n = N_BEFORE + N_AFTER, n_sets = 0;
    for (; cat->sets && cat->sets[n_sets]; n_sets++)
        n += cat->sets[n_sets]->n_rows;
    ssim_scenario_schema_t *s = ssim_calloc(1, sizeof *s, "scenario schema");
    if (!s)
        return SSIM_ENOMEM;
    s->rows = ssim_calloc(n, sizeof *s->rows, "scenario schema");
    s->set = ssim_calloc(n, sizeof *s->set, "scenario schema");
    if (!s->rows || !s->set) {
        ssim_scenario_schema_free(s);
        return SSIM_ENOMEM;
    }
    s->cat = cat;
    s->n_sets = n_sets;
    for (size_t i = 0; i < N_BEFORE; i++)
        if (rows_before[i].off == OFF(model))
            s->model = rows_before[i];
    s->model.values = cat->models;
    s->model.def = cat->models[0];
    add_rows(s, rows_before, N_BEFORE, -1);
    for (size_t k = 0; k < n_sets; k++)
        add_rows(s, cat->sets[k]->rows, cat->sets[k]->n_rows, (int)k);
    add_rows(s, rows_after, N_AFTER, -1);
    ssim_status_t st = SSIM_OK;
    for (size_t i = 0; st == SSIM_OK && i < s->n; i++)
        if ((st = check_row(s, i)) == SSIM_OK)
            st = check_order(s, i);
    if (st != SSIM_OK) {
        ssim_scenario_schema_free(s);
        return st;
    }
    *out = s;
    return SSIM_OK;
}

void ssim_scenario_schema_free(ssim_scenario_schema_t *s)
{
    if (!s)
        return;
    free(s->rows);
    free(s->set);
    free(s);
}

/* ---- where values live ---- */

void *ssim_scenario_schema_base(const ssim_scenario_schema_t *s, size_t i, ssim_scenario_t *sc)
{
    return s->set[i] < 0 ? (void *)sc : sc->params[s->set[i]];
}

const void *ssim_scenario_schema_cbase(const ssim_scenario_schema_t *s, size_t i,
                                       const ssim_scenario_t *sc)
{
    return s->set[i] < 0 ? (const void *)sc : sc->params[s->set[i]];
}

/* Byte offset of row's value for code within its struct. */
static size_t value_offset(const ssim_scenario_row_t *row, int code)
{
    return row->off + (row->vocab && code > 0 ? (size_t)code * row->stride : 0);
}

void *ssim_scenario_schema_dst(const ssim_scenario_schema_t *s, size_t i, ssim_scenario_t *sc,
                               int code)
{
    return (char *)ssim_scenario_schema_base(s, i, sc) + value_offset(s->rows[i], code);
}

const void *ssim_scenario_schema_src(const ssim_scenario_schema_t *s, size_t i,
                                     const ssim_scenario_t *sc, int code)
{
    return (const char *)ssim_scenario_schema_cbase(s, i, sc) + value_offset(s->rows[i], code);
}

/* ---- the key reference ---- */

/* Markdown cell text: '|' escaped, so a description cannot break the table. */
static void md_cell(FILE *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '|')
            fputc('\\', out);
        fputc(*s, out);
    }
}

ssim_status_t ssim_scenario_schema_markdown(FILE *out, const ssim_scenario_catalog_t *cat)
{
    ssim_scenario_schema_t *s;
    ssim_status_t st = ssim_scenario_schema_build(cat, &s);
    if (st != SSIM_OK)
        return st;
    fputs("| key | type | default | units | description |\n", out);
    fputs("|---|---|---|---|---|\n", out);
    for (size_t i = 0; i < s->n; i++) {
        const ssim_scenario_row_t *r = s->rows[i];
        char type[512];
        fprintf(out, "| `%s` | ", r->key);
        md_cell(out, ssim_scenario_value_doc(r, type, sizeof type));
        fputs(" | ", out);
        if (r->required)
            fputs("*required*", out);
        else if (r->def_from)
            fprintf(out, "= `%s`", r->def_from);
        else
            fprintf(out, "`%s`", r->def);
        fputs(" | ", out);
        md_cell(out, r->units);
        fputs(" | ", out);
        md_cell(out, r->desc);
        if (r->vocab) {
            fprintf(out, " `%.*s` is one of: ", (int)(strcspn(strrchr(r->key, '<'), ">") + 1),
                    strrchr(r->key, '<'));
            md_cell(out, ssim_vocab_list(r->vocab));
            fputs(".", out);
        }
        fputs(" |\n", out);
    }
    ssim_scenario_options_markdown(out);
    ssim_scenario_schema_free(s);
    return SSIM_OK;
}
