/* Unit tests of parameter sets (engine/scenario/params.h): a toy model's
 * set, registered by this test through its own catalog, is parsed, defaulted,
 * checked, dumped to JSON and documented like the core keys, with no edit
 * to the engine's table; broken sets and catalogs are refused at load. */
#include "check.h"

#include "core/alloc.h"
#include "models/incident/incident_params.h"
#include "scenario/scenario.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The smallest valid scenario: lines 1-5; additions start at line 6. */
#define BASE "name: t\nnetwork: net\nincident:\n  origin:\n    suppliers: [S1]\n"

static char errbuf[8192];

/* ---- the toy model's parameter set ---- */

typedef struct {
    double rate;  /* toy.rate, [0, 10] */
    double floor; /* toy.floor, [0, toy.rate] (hi_key) */
    int mode;     /* toy.mode, enum code: fast, slow */
    char **tags;  /* toy.tags, 0 to 4 distinct */
    size_t n_tags;
    ssim_loc_t *tag_locs;
    ssim_dist_t delay_default;           /* toy.delay.default */
    ssim_dist_t delay[SSIM_MAX_SECTORS]; /* toy.delay.<sector>, = default unless set */
} toy_t;

#define TOFF(field) offsetof(toy_t, field)

static const char *const toy_modes[] = {"fast", "slow", NULL};

/* clang-format off */
static const ssim_scenario_row_t toy_rows[] = {
    {.key = "toy.rate", .type = SSIM_SCENARIO_T_DOUBLE, .def = "2.5", .units = "1/hours",
     .desc = "Toy rate.", .off = TOFF(rate), .lo = 0, .hi = 10},
    {.key = "toy.floor", .type = SSIM_SCENARIO_T_DOUBLE, .def = "1", .units = "1/hours",
     .desc = "Toy floor.", .off = TOFF(floor), .lo = 0, .hi = 10, .hi_key = "toy.rate"},
    {.key = "toy.mode", .type = SSIM_SCENARIO_T_ENUM, .def = "fast", .units = "",
     .desc = "Toy mode.", .off = TOFF(mode), .values = toy_modes},
    {.key = "toy.tags", .type = SSIM_SCENARIO_T_STRLIST, .def = "[]", .units = "",
     .desc = "Toy tags.", .off = TOFF(tags), .off_n = TOFF(n_tags), .off_locs = TOFF(tag_locs),
     .ulo = 0, .uhi = 4, .unique = 1},
    SSIM_SCENARIO_ROW_DIST("toy.delay.default", TOFF(delay_default), "1", "hours",
                           "Toy delay."),
    {.key = "toy.delay.<sector>", .type = SSIM_SCENARIO_T_DIST, .def_from = "toy.delay.default",
     .units = "hours", .desc = "Toy delay by sector.", .off = TOFF(delay[0]),
     .vocab = &ssim_vocab_sector, .stride = sizeof(ssim_dist_t)},
};
/* clang-format on */

/* The set's own rule: slow needs a tag; reported where toy.mode is written. */
static ssim_status_t toy_check(const ssim_scenario_check_t *chk, const ssim_scenario_t *sc,
                               const void *values)
{
    const toy_t *t = values;
    (void)sc;
    if (t->mode == 1 && t->n_tags == 0)
        return ssim_error(SSIM_EINVAL, ssim_scenario_check_loc(chk, "toy.mode"),
                          "toy.mode: slow needs at least one toy.tags item");
    return SSIM_OK;
}

static const ssim_scenario_params_t toy_set = {
    .section = "toy",
    .rows = toy_rows,
    .n_rows = sizeof toy_rows / sizeof toy_rows[0],
    .size = sizeof(toy_t),
    .check = toy_check,
};

static const char *const models[] = {"supply_chain", "toy_model", NULL};
/* The toy set after the supply-chain incident's sets (models/incident), as a
 * model's own set follows them in the models' catalog; BASE uses incident.*. */
static const ssim_scenario_params_t *const toy_sets[] = {
    SSIM_INCIDENT_PARAM_SETS,
    &toy_set,
    NULL,
};
static const ssim_scenario_catalog_t toy_catalog = {.models = models, .sets = toy_sets};

/* ---- helpers ---- */

static int is_zeroed(const ssim_scenario_t *sc)
{
    static const ssim_scenario_t zero;
    return memcmp(sc, &zero, sizeof zero) == 0;
}

static ssim_status_t parse_with(ssim_scenario_t *sc, const char *text,
                                const ssim_scenario_catalog_t *cat)
{
    ssim_error_capture(errbuf, sizeof errbuf);
    errbuf[0] = '\0';
    ssim_status_t st = ssim_scenario_parse(sc, "t.yaml", text, cat);
    ssim_error_capture(NULL, 0);
    return st;
}

/* text must fail with status st and a message containing want; *sc zeroed. */
static void expect_fail_cat(const char *text, const ssim_scenario_catalog_t *cat, ssim_status_t st,
                            const char *want, int line)
{
    ssim_scenario_t sc;
    ssim_status_t got = parse_with(&sc, text, cat);
    if (got != st || !strstr(errbuf, want))
        fprintf(stderr, "  (case at test line %d)\n", line);
    CHECK_EQ_INT(got, st);
    CHECK_STR_CONTAINS(errbuf, want);
    CHECK(is_zeroed(&sc));
}
#define EXPECT_FAIL(text, want) expect_fail_cat(text, &toy_catalog, SSIM_EINVAL, want, __LINE__)

static const toy_t *toy(const ssim_scenario_t *sc) { return ssim_scenario_params(sc, &toy_set); }

/* ---- tests ---- */

static void test_defaults(void)
{
    ssim_scenario_t sc;
    CHECK_EQ_INT(parse_with(&sc, BASE, &toy_catalog), SSIM_OK);
    const toy_t *t = toy(&sc);
    CHECK(t != NULL);
    if (!t)
        return;
    CHECK_NEAR(t->rate, 2.5, 0);
    CHECK_NEAR(t->floor, 1, 0);
    CHECK_EQ_INT(t->mode, 0);
    CHECK_EQ_INT(t->n_tags, 0);
    CHECK(t->delay_default.kind == SSIM_DIST_FIXED && t->delay_default.p[0] == 1);
    for (int s = 0; s < ssim_vocab_sector.n; s++)
        CHECK(t->delay[s].kind == SSIM_DIST_FIXED && t->delay[s].p[0] == 1);
    CHECK(strcmp(sc.model, "supply_chain") == 0); /* models[0] is the default */
    /* the set's section sits where the catalog lists it: after the
     * incident ... cascade sets, just before the core burden.* */
    const char *json = sc.resolved_json;
    const char *at = strstr(json, "},\"toy\":{\"rate\":2.5,\"floor\":1,\"mode\":\"fast\","
                                  "\"tags\":[],\"delay\":{\"default\":{\"dist\":\"fixed\","
                                  "\"value\":1},\"electricity\":");
    CHECK(at != NULL);
    CHECK(strstr(json, "\"cascade\":{") < at);
    CHECK(at && strstr(json, "\"burden\":{") > at);
    /* a set not in the catalog has no values */
    static const ssim_scenario_params_t other = {.section = "other"};
    CHECK(ssim_scenario_params(&sc, &other) == NULL);
    CHECK(ssim_scenario_params_edit(&sc, &toy_set) == t);
    ssim_scenario_destroy(&sc);
    CHECK(is_zeroed(&sc));
}

static void test_values(void)
{
    ssim_scenario_t sc;
    CHECK_EQ_INT(parse_with(&sc,
                            BASE "model: toy_model\n"
                                 "toy:\n"
                                 "  rate: 5\n"
                                 "  floor: 5\n"
                                 "  mode: slow\n"
                                 "  tags: [a, \"b c\"]\n"
                                 "  delay:\n"
                                 "    default: 3\n"
                                 "    water: { dist: exponential, mean: 2 }\n",
                            &toy_catalog),
                 SSIM_OK);
    const toy_t *t = toy(&sc);
    int water = ssim_vocab_find(&ssim_vocab_sector, "water");
    int gas = ssim_vocab_find(&ssim_vocab_sector, "gas");
    CHECK(strcmp(sc.model, "toy_model") == 0);
    CHECK_NEAR(t->rate, 5, 0);
    CHECK_NEAR(t->floor, 5, 0);
    CHECK_EQ_INT(t->mode, 1);
    CHECK_EQ_INT(t->n_tags, 2);
    CHECK(strcmp(t->tags[1], "b c") == 0);
    CHECK(t->tag_locs[1].file == sc.path);
    CHECK_EQ_INT(t->tag_locs[1].line, 11);
    CHECK_EQ_INT(t->tag_locs[1].col, 13);
    CHECK(t->delay[water].kind == SSIM_DIST_EXPONENTIAL && t->delay[water].p[0] == 2);
    CHECK(t->delay[gas].kind == SSIM_DIST_FIXED && t->delay[gas].p[0] == 3); /* def_from */
    CHECK_STR_CONTAINS(sc.resolved_json, "\"toy\":{\"rate\":5,\"floor\":5,\"mode\":\"slow\","
                                         "\"tags\":[\"a\",\"b c\"],\"delay\":{\"default\":"
                                         "{\"dist\":\"fixed\",\"value\":3},");
    CHECK_STR_CONTAINS(sc.resolved_json, "\"water\":{\"dist\":\"exponential\",\"mean\":2}");
    /* overrides refresh the JSON and keep the set */
    CHECK_EQ_INT(ssim_scenario_override(&sc, 7, 0, 0), SSIM_OK);
    CHECK_STR_CONTAINS(sc.resolved_json, "\"trials\":7,");
    CHECK_STR_CONTAINS(sc.resolved_json, "\"toy\":{\"rate\":5,");
    ssim_scenario_destroy(&sc);
}

static void test_errors(void)
{
    EXPECT_FAIL(BASE "toy:\n  rate: 11\n",
                "t.yaml:7:9: toy.rate must be a number in [0, 10] (got '11')");
    EXPECT_FAIL(BASE "toy:\n  rate: \"1\"\n",
                "t.yaml:7:9: toy.rate: expected a number, got a quoted string");
    EXPECT_FAIL(BASE "toy: {rat: 1}\n",
                "t.yaml:6:7: unknown key 'toy.rat' (did you mean 'toy.rate'?)");
    EXPECT_FAIL(BASE "tyo: {}\n", "t.yaml:6:1: unknown key 'tyo' (did you mean 'toy'?)");
    EXPECT_FAIL(BASE "toy: {zzzzzz: 1}\n",
                "t.yaml:6:7: unknown key 'toy.zzzzzz' (expected one of: rate, floor, mode, tags, "
                "delay)");
    EXPECT_FAIL(BASE "toy: {delay: {moon: 1}}\n",
                "unknown key 'toy.delay.moon' (expected one of: default, a sector name");
    EXPECT_FAIL(BASE "toy: {mode: medium}\n",
                "t.yaml:6:13: toy.mode must be one of: fast, slow (got 'medium')");
    EXPECT_FAIL(BASE "toy: {tags: [a, a]}\n",
                "t.yaml:6:17: toy.tags: duplicate item 'a' (first at line 6)");
    EXPECT_FAIL(BASE "toy: {tags: [a, b, c, d, e]}\n",
                "t.yaml:6:13: toy.tags must have 0 to 4 items (got 5)");
    EXPECT_FAIL(BASE "toy: 5\n", "t.yaml:6:6: toy must be a mapping of toy.* keys (got '5')");
    /* hi_key inside the set: the default rate bounds the file's floor */
    EXPECT_FAIL(BASE "toy: {floor: 3}\n",
                "t.yaml:6:7: toy.floor must be <= toy.rate (got 3, toy.rate is 2.5)");
    /* the set's check hook, after the defaults, located at the key */
    EXPECT_FAIL(BASE "toy:\n  mode: slow\n",
                "t.yaml:7:3: toy.mode: slow needs at least one toy.tags item");
    /* the model names come from the catalog */
    EXPECT_FAIL(BASE "model: kernel\n",
                "t.yaml:6:8: model must be one of: supply_chain, toy_model (got 'kernel')");
}

/* The key reference lists the set's rows where the JSON has them. */
static void test_markdown(void)
{
    FILE *f = tmpfile();
    CHECK(f != NULL);
    if (!f)
        return;
    CHECK_EQ_INT(ssim_scenario_schema_markdown(f, &toy_catalog), SSIM_OK);
    long size = ftell(f);
    rewind(f);
    char *md = calloc((size_t)size + 1, 1);
    CHECK(fread(md, 1, (size_t)size, f) == (size_t)size);
    fclose(f);
    const char *rate = strstr(md, "\n| `toy.rate` | number in [0, 10] | `2.5` | 1/hours | Toy "
                                  "rate. |\n");
    CHECK(rate != NULL);
    CHECK_STR_CONTAINS(md, "\n| `toy.floor` | number in [0, toy.rate] | `1` | ");
    CHECK_STR_CONTAINS(md, "\n| `toy.mode` | one of: fast, slow | `fast` | ");
    CHECK_STR_CONTAINS(md, "\n| `toy.delay.<sector>` | distribution (number or { dist: ... }) "
                           "| = `toy.delay.default` | hours | ");
    CHECK(rate && strstr(md, "\n| `cascade.restart_hours` |") < rate);
    CHECK(rate && strstr(md, "\n| `burden.switching_cost.default` |") > rate);
    free(md);
}

/* Every allocation failure is SSIM_ENOMEM and leaves *sc zeroed. */
static void test_out_of_memory(void)
{
    const char *text = BASE "toy: {tags: [a, b], delay: {water: 2}}\n";
    int ok = 0;
    for (unsigned long k = 1; k < 5000 && !ok; k++) {
        ssim_scenario_t sc;
        ssim_alloc_fail_after(k);
        ssim_status_t st = parse_with(&sc, text, &toy_catalog);
        ssim_alloc_fail_after(0);
        if (st == SSIM_OK) {
            ok = 1;
            ssim_scenario_destroy(&sc);
        } else if (st != SSIM_ENOMEM || !is_zeroed(&sc)) {
            fprintf(stderr, "  allocation %lu: status %d, %s\n", k, (int)st, errbuf);
            CHECK(0);
            break;
        }
    }
    CHECK(ok);
}

/* ---- broken sets and catalogs: internal errors naming the rule ---- */

static void expect_broken(const ssim_scenario_params_t *set, const char *want, int line)
{
    /* the broken set first, so that its rule is the first one broken */
    const ssim_scenario_params_t *sets[] = {
        set,
        SSIM_INCIDENT_PARAM_SETS,
        NULL,
    };
    ssim_scenario_catalog_t cat = {.models = models, .sets = sets};
    expect_fail_cat(BASE, &cat, SSIM_EINTERNAL, want, line);
    FILE *f = tmpfile();
    ssim_error_capture(errbuf, sizeof errbuf);
    CHECK_EQ_INT(ssim_scenario_schema_markdown(f, &cat), SSIM_EINTERNAL);
    ssim_error_capture(NULL, 0);
    if (f)
        fclose(f);
}
#define EXPECT_BROKEN(rows, section, want)                                                         \
    do {                                                                                           \
        const ssim_scenario_params_t set_ = {section, rows, sizeof rows / sizeof rows[0],          \
                                             sizeof(toy_t), NULL};                                 \
        expect_broken(&set_, want, __LINE__);                                                      \
    } while (0)

/* A number row at offset o of toy_t (broken-set cases). */
/* clang-format off */
#define NUM(k, o)                                                                              \
    {.key = k, .type = SSIM_SCENARIO_T_DOUBLE, .def = "1", .units = "", .desc = "", .off = o,   \
     .hi = 10}
/* clang-format on */

static void test_broken(void)
{
    static const ssim_scenario_row_t outside[] = {NUM("other.rate", TOFF(rate))};
    EXPECT_BROKEN(outside, "toy",
                  "parameter set 'toy', key 'other.rate': not under the set's section");
    /* a core section or a core key as the set's section, wherever it sits */
    static const ssim_scenario_row_t core_section[] = {NUM("incident.rate", TOFF(rate))};
    EXPECT_BROKEN(core_section, "incident",
                  "key 'incident.rate': the set's section is also the core's or another set's");
    static const ssim_scenario_row_t next_to_core[] = {NUM("burden.toy", TOFF(rate))};
    EXPECT_BROKEN(next_to_core, "burden",
                  "key 'burden.toy': the set's section is also the core's or another set's");
    static const ssim_scenario_row_t core_key[] = {NUM("trials.rate", TOFF(rate))};
    EXPECT_BROKEN(core_key, "trials",
                  "key 'trials.rate': the set's section is also the core's or another set's");
    static const ssim_scenario_row_t dotted[] = {NUM("toy.sub.rate", TOFF(rate))};
    EXPECT_BROKEN(dotted, "toy.sub", "the set's section must be one name, without '.'");
    /* inside the set */
    static const ssim_scenario_row_t twice[] = {toy_rows[0], toy_rows[0]};
    EXPECT_BROKEN(twice, "toy", "key 'toy.rate': declared twice");
    static const ssim_scenario_row_t key_and_section[] = {NUM("toy.rate", TOFF(rate)),
                                                          NUM("toy.rate.max", TOFF(floor))};
    EXPECT_BROKEN(key_and_section, "toy", "key 'toy.rate.max': a key and a section at once");
    static const ssim_scenario_row_t split[] = {toy_rows[4], toy_rows[0], toy_rows[5]};
    EXPECT_BROKEN(split, "toy", "key 'toy.delay.<sector>': its section's rows are not contiguous");
    static const ssim_scenario_row_t no_vocab[] = {NUM("toy.delay.<sector>", TOFF(rate))};
    EXPECT_BROKEN(no_vocab, "toy",
                  "a wildcard row's last component is <what> and it has a vocabulary");
    static const ssim_scenario_row_t too_far[] = {NUM("toy.rate", sizeof(toy_t))};
    EXPECT_BROKEN(too_far, "toy", "key 'toy.rate': offset outside the set's struct");
    /* the same set twice in one catalog */
    const ssim_scenario_params_t *dup[] = {&toy_set, &toy_set, &ssim_incident_param_set, NULL};
    ssim_scenario_catalog_t dup_cat = {.models = models, .sets = dup};
    expect_fail_cat(BASE, &dup_cat, SSIM_EINTERNAL,
                    "key 'toy.rate': the set's section is also the core's or another set's",
                    __LINE__);
    /* no models */
    static const char *const none[] = {NULL};
    ssim_scenario_catalog_t empty = {.models = none, .sets = NULL};
    expect_fail_cat(BASE, &empty, SSIM_EINTERNAL, "a catalog without models", __LINE__);
    expect_fail_cat(BASE, NULL, SSIM_EINTERNAL, "a catalog without models", __LINE__);
}

int main(void)
{
    test_defaults();
    test_values();
    test_errors();
    test_markdown();
    test_out_of_memory();
    test_broken();
    return check_report("test_params");
}
