/* Unit tests for engine/scenario: the YAML tree, the schema walk, typed
 * values, defaults, every error class with its exact file:line:col, the
 * resolved JSON and the key reference.
 *
 * The catalog is the core keys plus the supply-chain incident's parameter
 * sets (models/incident), not the models' catalog: since those sections left
 * the core, the core has no distribution or list row, and the incident sets
 * are this program's fixture for them, for enum and wildcard distribution
 * rows, and for the model-check hook below; test_incident_params.c reads the
 * same sets through the models' catalog.
 *
 * Over 600 lines: one program walks every rule of the scenario layer, each
 * case a few lines of YAML and its expected message; the parameter sets have
 * their own program (test_params.c). */
#define _POSIX_C_SOURCE 200809L /* mkdtemp */

#include "check.h"

#include "core/alloc.h"
#include "models/incident/incident_params.h"
#include "scenario/scenario.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The smallest valid scenario: lines 1-5; additions start at line 6. */
#define BASE "name: t\nnetwork: net\nincident:\n  origin:\n    suppliers: [S1]\n"

static char errbuf[8192];

/* A model's own rule on the core keys, as the supply-chain model has it
 * (models/supply_chain/supply_chain.c; e2e.bad_inputs runs the real one): the
 * catalog's hook runs it for that model only, located by
 * ssim_scenario_check_first. */
static ssim_status_t needs_origin(const ssim_scenario_check_t *chk, const ssim_scenario_t *sc)
{
    const ssim_incident_params_t *inc = ssim_incident_params(sc);
    if (inc->n_origins || inc->n_origin_categories || inc->n_origin_countries ||
        inc->n_origin_exclude)
        return SSIM_OK;
    return ssim_error(SSIM_EINVAL, ssim_scenario_check_first(chk, "incident.origin."),
                      "incident.origin needs suppliers, or a category, country or "
                      "exclude_country filter");
}

/* The catalog of the core tests: two models (the first with the rule above)
 * and the supply-chain incident's parameter sets (models/incident), which
 * the models' catalog lists first: so the composed table is the real one
 * from name to cascade.*, then burden.* and output.*, without kernel.* and
 * economic.* (tests/unit/test_registry.c has those). */
static const char *const core_models[] = {"supply_chain", "other", NULL};
static const ssim_scenario_model_check_t core_checks[] = {needs_origin, NULL, NULL};
static const ssim_scenario_catalog_t core = {
    .models = core_models, .sets = ssim_incident_param_sets, .checks = core_checks};

static int is_zeroed(const ssim_scenario_t *sc)
{
    static const ssim_scenario_t zero;
    return memcmp(sc, &zero, sizeof zero) == 0;
}

/* Parse text as "t.yaml"; errors are captured in errbuf. */
static ssim_status_t parse(ssim_scenario_t *sc, const char *text)
{
    ssim_error_capture(errbuf, sizeof errbuf);
    ssim_status_t st = ssim_scenario_parse(sc, "t.yaml", text, &core);
    ssim_error_capture(NULL, 0);
    return st;
}

/* text must fail with status st and a message containing want; *sc zeroed. */
static void expect_fail_st(const char *text, ssim_status_t st, const char *want, int line)
{
    ssim_scenario_t sc;
    ssim_status_t got = parse(&sc, text);
    if (got != st || !strstr(errbuf, want))
        fprintf(stderr, "  (case at test line %d)\n", line);
    CHECK_EQ_INT(got, st);
    CHECK_STR_CONTAINS(errbuf, want);
    CHECK(is_zeroed(&sc));
}
#define EXPECT_FAIL(text, want) expect_fail_st(text, SSIM_EINVAL, want, __LINE__)

static int starts_with(const char *s, const char *prefix)
{
    return s && strncmp(s, prefix, strlen(prefix)) == 0;
}

static int dist_is(const ssim_dist_t *d, ssim_dist_kind_t kind, double p0, double p1)
{
    return d->kind == kind && d->p[0] == p0 && d->p[1] == p1;
}

static void test_defaults(void)
{
    ssim_scenario_t sc;
    CHECK_EQ_INT(parse(&sc, BASE), SSIM_OK);
    CHECK(strcmp(sc.path, "t.yaml") == 0);
    CHECK(strcmp(sc.text, BASE) == 0);
    CHECK(strcmp(sc.name, "t") == 0);
    CHECK(strcmp(sc.description, "") == 0);
    CHECK(strcmp(sc.network_dir, "net") == 0);
    CHECK(strcmp(sc.model, "supply_chain") == 0);
    CHECK_EQ_INT(sc.trials, 1000);
    CHECK_EQ_INT(sc.seed, 1);
    CHECK_NEAR(sc.horizon_hours, 720, 0);
    CHECK_NEAR(sc.output_step_hours, 6, 0);
    CHECK_EQ_INT(ssim_incident_params(&sc)->type, SSIM_INCIDENT_MALICIOUS_UPDATE);
    CHECK_EQ_INT(ssim_incident_params(&sc)->n_origins, 1);
    CHECK(strcmp(ssim_incident_params(&sc)->origin_ids[0], "S1") == 0);
    CHECK(ssim_incident_params(&sc)->origin_locs[0].file == sc.path);
    CHECK_EQ_INT(ssim_incident_params(&sc)->origin_locs[0].line, 5);
    CHECK_EQ_INT(ssim_incident_params(&sc)->origin_locs[0].col, 17);
    CHECK_NEAR(ssim_incident_params(&sc)->release_hours, 0, 0);
    CHECK(dist_is(&ssim_incident_params(&sc)->dormancy_hours, SSIM_DIST_FIXED, 0, 0));
    CHECK(dist_is(&ssim_incident_params(&sc)->detection_hours, SSIM_DIST_LOGNORMAL, 96, 0.8));
    CHECK_NEAR(ssim_incident_params(&sc)->transitive_probability, 0, 0);
    CHECK(dist_is(&ssim_incident_params(&sc)->transitive_delay_hours, SSIM_DIST_FIXED, 24, 0));
    for (int c = 0; c < SSIM_N_CHANNELS; c++)
        CHECK(dist_is(&ssim_incident_install_lag_params(&sc)->factor[c], SSIM_DIST_FIXED, 1, 0));
    CHECK_NEAR(ssim_incident_advance_notice_params(&sc)->hours, 0, 0);
    CHECK_EQ_INT(ssim_incident_advance_notice_params(&sc)->designated_only, 1);
    CHECK_NEAR(ssim_incident_outage_params(&sc)->probability[SSIM_PRIV_IT], 0.3, 0);
    CHECK_NEAR(ssim_incident_outage_params(&sc)->probability[SSIM_PRIV_OT], 0.7, 0);
    CHECK_NEAR(ssim_incident_outage_params(&sc)->probability[SSIM_PRIV_ENDPOINT], 0.5, 0);
    CHECK(
        dist_is(&ssim_incident_outage_params(&sc)->duration_default, SSIM_DIST_LOGNORMAL, 48, 1.0));
    for (int s = 0; s < ssim_vocab_sector.n; s++)
        CHECK(
            dist_is(&ssim_incident_outage_params(&sc)->duration[s], SSIM_DIST_LOGNORMAL, 48, 1.0));
    CHECK_NEAR(ssim_incident_cascade_params(&sc)->down_threshold, 0.5, 0);
    CHECK(dist_is(&ssim_incident_cascade_params(&sc)->restart_hours, SSIM_DIST_FIXED, 0, 0));
    CHECK_EQ_INT(sc.output.per_trial, 1);
    CHECK_EQ_INT(sc.output.time_series, 1);
    CHECK_EQ_INT(sc.output.per_operator, 1);
    CHECK_STR_CONTAINS(sc.resolved_json, "\"trials\":1000,\"seed\":1,");
    ssim_scenario_destroy(&sc);
    CHECK(is_zeroed(&sc));
    ssim_scenario_destroy(&sc); /* a zeroed struct is fine */
    ssim_scenario_destroy(NULL);
}

static const char every_key[] = "# every key set to a non-default value\n"
                                "name: \"Every key\"\n"
                                "description: |\n"
                                "  two\n"
                                "  lines\n"
                                "network: ../data/net\n"
                                "model: supply_chain\n"
                                "trials: 100000000\n"
                                "seed: 18446744073709551615\n"
                                "horizon_hours: 100000\n"
                                "output_step_hours: 0.25\n"
                                "incident:\n"
                                "  type: 'malicious_update'\n"
                                "  origin:\n"
                                "    suppliers:\n"
                                "      - S1\n"
                                "      - \"S 2\"\n"
                                "      - 3\n"
                                "  release_hours: 1.5e1\n"
                                "  dormancy_hours: { dist: exponential, mean: 12 }\n"
                                "  detection_hours: { dist: gamma, shape: 2, scale: 48 }\n"
                                "  transitive:\n"
                                "    probability: 1\n"
                                "    delay_hours: { dist: uniform, min: 1, max: 3 }\n"
                                "install_lag_factor:\n"
                                "  auto: 0.5\n"
                                "  manual: { dist: fixed, value: 2 }\n"
                                "  managed: { dist: lognormal, median: 1, sigma: 0 }\n"
                                "advance_notice:\n"
                                "  hours: 720\n"
                                "  designated_only: false\n"
                                "outage:\n"
                                "  probability: { it: 0, ot: 1, endpoint: .25 }\n"
                                "  duration_hours:\n"
                                "    default: 10\n"
                                "    water: { dist: lognormal, median: 24, sigma: 0.7 }\n"
                                "    medical: 5\n"
                                "cascade:\n"
                                "  down_threshold: 1\n"
                                "  restart_hours: 2\n"
                                "output:\n"
                                "  per_trial: false\n"
                                "  time_series: true\n"
                                "  per_operator: false\n";

static void test_every_key(void)
{
    ssim_scenario_t sc;
    CHECK_EQ_INT(ssim_scenario_parse(&sc, "dir/s.yaml", every_key, &core), SSIM_OK);
    CHECK(strcmp(sc.name, "Every key") == 0);
    CHECK(strcmp(sc.description, "two\nlines\n") == 0);
    CHECK(strcmp(sc.network_dir, "dir/../data/net") == 0);
    CHECK_EQ_INT(sc.trials, 100000000);
    CHECK(sc.seed == UINT64_MAX);
    CHECK_NEAR(sc.horizon_hours, 1e5, 0);
    CHECK_NEAR(sc.output_step_hours, 0.25, 0);
    CHECK_EQ_INT(ssim_incident_params(&sc)->n_origins, 3);
    CHECK(strcmp(ssim_incident_params(&sc)->origin_ids[1], "S 2") == 0);
    CHECK(strcmp(ssim_incident_params(&sc)->origin_ids[2], "3") == 0);
    CHECK_EQ_INT(ssim_incident_params(&sc)->origin_locs[2].line, 18);
    CHECK_EQ_INT(ssim_incident_params(&sc)->origin_locs[2].col, 9);
    CHECK_NEAR(ssim_incident_params(&sc)->release_hours, 15, 0);
    CHECK(dist_is(&ssim_incident_params(&sc)->dormancy_hours, SSIM_DIST_EXPONENTIAL, 12, 0));
    CHECK(dist_is(&ssim_incident_params(&sc)->detection_hours, SSIM_DIST_GAMMA, 2, 48));
    CHECK_NEAR(ssim_incident_params(&sc)->transitive_probability, 1, 0);
    CHECK(dist_is(&ssim_incident_params(&sc)->transitive_delay_hours, SSIM_DIST_UNIFORM, 1, 3));
    CHECK(dist_is(&ssim_incident_install_lag_params(&sc)->factor[SSIM_CHANNEL_AUTO],
                  SSIM_DIST_FIXED, 0.5, 0));
    CHECK(dist_is(&ssim_incident_install_lag_params(&sc)->factor[SSIM_CHANNEL_MANUAL],
                  SSIM_DIST_FIXED, 2, 0));
    CHECK(dist_is(&ssim_incident_install_lag_params(&sc)->factor[SSIM_CHANNEL_MANAGED],
                  SSIM_DIST_LOGNORMAL, 1, 0));
    CHECK_NEAR(ssim_incident_advance_notice_params(&sc)->hours, 720, 0);
    CHECK_EQ_INT(ssim_incident_advance_notice_params(&sc)->designated_only, 0);
    CHECK_NEAR(ssim_incident_outage_params(&sc)->probability[SSIM_PRIV_IT], 0, 0);
    CHECK_NEAR(ssim_incident_outage_params(&sc)->probability[SSIM_PRIV_OT], 1, 0);
    CHECK_NEAR(ssim_incident_outage_params(&sc)->probability[SSIM_PRIV_ENDPOINT], 0.25, 0);
    int water = ssim_vocab_find(&ssim_vocab_sector, "water");
    int medical = ssim_vocab_find(&ssim_vocab_sector, "medical");
    int gas = ssim_vocab_find(&ssim_vocab_sector, "gas");
    CHECK(dist_is(&ssim_incident_outage_params(&sc)->duration_default, SSIM_DIST_FIXED, 10, 0));
    CHECK(
        dist_is(&ssim_incident_outage_params(&sc)->duration[water], SSIM_DIST_LOGNORMAL, 24, 0.7));
    CHECK(dist_is(&ssim_incident_outage_params(&sc)->duration[medical], SSIM_DIST_FIXED, 5, 0));
    CHECK(dist_is(&ssim_incident_outage_params(&sc)->duration[gas], SSIM_DIST_FIXED, 10,
                  0)); /* = the file's default */
    CHECK_NEAR(ssim_incident_cascade_params(&sc)->down_threshold, 1, 0);
    CHECK(dist_is(&ssim_incident_cascade_params(&sc)->restart_hours, SSIM_DIST_FIXED, 2, 0));
    CHECK_EQ_INT(sc.output.per_trial, 0);
    CHECK_EQ_INT(sc.output.time_series, 1);
    CHECK_EQ_INT(sc.output.per_operator, 0);
    CHECK_STR_CONTAINS(sc.resolved_json, "\"seed\":18446744073709551615,");
    CHECK_STR_CONTAINS(sc.resolved_json, "\"suppliers\":[\"S1\",\"S 2\",\"3\"]");
    CHECK_STR_CONTAINS(sc.resolved_json, "\"gas\":{\"dist\":\"fixed\",\"value\":10}");
    ssim_scenario_destroy(&sc);
}

static void test_bare_number_dist(void)
{
    ssim_scenario_t sc;
    CHECK_EQ_INT(parse(&sc, BASE "  dormancy_hours: 24\n  detection_hours: 1e2\n"), SSIM_OK);
    CHECK(dist_is(&ssim_incident_params(&sc)->dormancy_hours, SSIM_DIST_FIXED, 24, 0));
    CHECK(dist_is(&ssim_incident_params(&sc)->detection_hours, SSIM_DIST_FIXED, 100, 0));
    CHECK_STR_CONTAINS(sc.resolved_json, "\"dormancy_hours\":{\"dist\":\"fixed\",\"value\":24}");
    ssim_scenario_destroy(&sc);
}

static void test_network_path(void)
{
    static const struct {
        const char *scenario, *network, *want;
    } cases[] = {
        {"s.yaml", "net", "net"},
        {"a/b/s.yaml", "net", "a/b/net"},
        {"a/b/s.yaml", "../net", "a/b/../net"},
        {"/s.yaml", "net", "/net"},
        {"a/s.yaml", "/abs/net", "/abs/net"},
        {"./s.yaml", "net/", "./net/"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[256];
        ssim_scenario_t sc;
        snprintf(text, sizeof text, "name: t\nnetwork: %s\nincident: {origin: {suppliers: [S]}}\n",
                 cases[i].network);
        CHECK_EQ_INT(ssim_scenario_parse(&sc, cases[i].scenario, text, &core), SSIM_OK);
        CHECK(sc.network_dir && strcmp(sc.network_dir, cases[i].want) == 0);
        ssim_scenario_destroy(&sc);
    }
}

static void test_json_input(void)
{
    const char *json = "{\"name\": \"j\", \"network\": \"net\", \"trials\": 50,\n"
                       " \"incident\": {\"origin\": {\"suppliers\": [\"A\", \"B\"]},\n"
                       "   \"detection_hours\": {\"dist\": \"exponential\", \"mean\": 5}},\n"
                       " \"output\": {\"per_trial\": false}}\n";
    ssim_scenario_t sc;
    CHECK_EQ_INT(parse(&sc, json), SSIM_OK);
    CHECK_EQ_INT(sc.trials, 50);
    CHECK_EQ_INT(ssim_incident_params(&sc)->n_origins, 2);
    CHECK(dist_is(&ssim_incident_params(&sc)->detection_hours, SSIM_DIST_EXPONENTIAL, 5, 0));
    CHECK_EQ_INT(sc.output.per_trial, 0);
    ssim_scenario_destroy(&sc);
    /* In JSON, a number written as a string is still a quoted string. */
    EXPECT_FAIL("{\"name\": \"j\", \"network\": \"n\", \"trials\": \"50\"}",
                "t.yaml:1:41: trials: expected an integer, got a quoted string ('50')");
}

static void test_bom_and_crlf(void)
{
    ssim_scenario_t sc;
    CHECK_EQ_INT(
        parse(&sc, "\xEF\xBB\xBFname: t\r\nnetwork: n\r\nincident: {origin: {suppliers: [S]}}\r\n"),
        SSIM_OK);
    CHECK(strncmp(sc.text, "\xEF\xBB\xBFname", 7) == 0); /* verbatim */
    ssim_scenario_destroy(&sc);
    /* columns after a BOM count from the first character */
    EXPECT_FAIL("\xEF\xBB\xBFtrials: x\n", "t.yaml:1:9: trials must be an integer");
    EXPECT_FAIL("\xEF\xBB\xBF"
                "a: \xC3\n",
                "t.yaml:1:5: invalid YAML: invalid trailing UTF-8 octet");
    EXPECT_FAIL("\xFF\xFEn\0a\0", "t.yaml:1:1: invalid YAML: UTF-16 byte-order mark");
}

/* Every error class, each with its exact location. */
static void test_errors_values(void)
{
    EXPECT_FAIL(BASE "trials: abc\n",
                "t.yaml:6:9: trials must be an integer in [1, 100000000] (got 'abc')");
    EXPECT_FAIL(BASE "trials: 0\n",
                "t.yaml:6:9: trials must be an integer in [1, 100000000] (got '0')");
    EXPECT_FAIL(BASE "trials: 100000001\n", "t.yaml:6:9: trials must be an integer");
    EXPECT_FAIL(BASE "trials: 1e4\n", "t.yaml:6:9: trials must be an integer");
    EXPECT_FAIL(BASE "trials: +5\n", "t.yaml:6:9: trials must be an integer");
    EXPECT_FAIL(BASE "trials: 1_000\n", "t.yaml:6:9: trials must be an integer");
    EXPECT_FAIL(BASE "trials:\n",
                "t.yaml:6:8: trials must be an integer in [1, 100000000] (got an empty value)");
    EXPECT_FAIL(BASE "trials: \"10\"\n",
                "t.yaml:6:9: trials: expected an integer, got a quoted string ('10')");
    EXPECT_FAIL(BASE "trials: [1]\n",
                "t.yaml:6:9: trials must be an integer in [1, 100000000] (got a list)");
    EXPECT_FAIL(
        BASE "trials: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\xC3\xA9zz\n",
        "(got 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...')"); /* cut before the 2-byte char */
    EXPECT_FAIL(BASE "seed: -1\n",
                "t.yaml:6:7: seed must be an integer in [0, 18446744073709551615] (got '-1')");
    EXPECT_FAIL(BASE "seed: 18446744073709551616\n", "t.yaml:6:7: seed must be an integer");
    EXPECT_FAIL(BASE "seed: 007\n", "t.yaml:6:7: seed must be an integer");
    EXPECT_FAIL(BASE "horizon_hours: 0\n",
                "t.yaml:6:16: horizon_hours must be a number in (0, 100000] (got '0')");
    EXPECT_FAIL(BASE "horizon_hours: -24\n",
                "t.yaml:6:16: horizon_hours must be a number in (0, 100000]");
    EXPECT_FAIL(BASE "horizon_hours: 1e999\n", "t.yaml:6:16: horizon_hours must be a number");
    EXPECT_FAIL(BASE "horizon_hours: .inf\n", "t.yaml:6:16: horizon_hours must be a number");
    EXPECT_FAIL(BASE "horizon_hours: 0x10\n", "t.yaml:6:16: horizon_hours must be a number");
    EXPECT_FAIL(
        BASE "horizon_hours: 1.\n"
             "output_step_hours: 2\n",
        "t.yaml:7:1: output_step_hours must be <= horizon_hours (got 2, horizon_hours is 1)");
    EXPECT_FAIL(BASE "horizon_hours: 3\n", "t.yaml:6:1: output_step_hours must be <= horizon_hours "
                                           "(got the default 6, horizon_hours is 3)");
    EXPECT_FAIL(BASE "output_step_hours: 0\n",
                "t.yaml:6:20: output_step_hours must be a number in (0, horizon_hours] (got '0')");
    EXPECT_FAIL(BASE "outage:\n  probability:\n    it: 1.5\n",
                "t.yaml:8:9: outage.probability.it must be a number in [0, 1] (got '1.5')");
    EXPECT_FAIL(BASE "cascade: {down_threshold: 0}\n",
                "t.yaml:6:27: cascade.down_threshold must be a number in (0, 1] (got '0')");
    EXPECT_FAIL(BASE "output:\n  per_trial: yes\n",
                "t.yaml:7:14: output.per_trial must be true or false (got 'yes')");
    EXPECT_FAIL(BASE "output:\n  per_trial: True\n",
                "t.yaml:7:14: output.per_trial must be true or false (got 'True')");
    EXPECT_FAIL(
        BASE "output:\n  per_trial: 'true'\n",
        "t.yaml:7:14: output.per_trial: expected true or false, got a quoted string ('true')");
    EXPECT_FAIL(BASE "model: sir\n", "t.yaml:6:8: model must be one of: supply_chain");
    EXPECT_FAIL("name: t\nnetwork: n\nincident:\n  type: ransom\n",
                "t.yaml:4:9: incident.type must be one of: malicious_update, faulty_update, "
                "msp_push, wiper, espionage (got 'ransom')");
    EXPECT_FAIL(
        "name: t\nnetwork: n\nincident:\n  origin: { suppliers: [S], pick: some }\n",
        "incident.origin.pick must be one of: all, uniform, weighted_by_reach (got 'some')");
    EXPECT_FAIL(BASE "rollout: { canary_fraction: 0 }\n",
                "rollout.canary_fraction must be a number in (0, 1] (got '0')");
    EXPECT_FAIL("name: ''\nnetwork: n\n", "t.yaml:1:7: name must not be empty");
    EXPECT_FAIL("name: {a: 1}\nnetwork: n\n", "t.yaml:1:7: name must be a string (got a mapping)");
    EXPECT_FAIL("name: t\nnetwork:\n",
                "t.yaml:2:9: network must be a non-empty path (got an empty value)");
    EXPECT_FAIL("name: \"a\\0b\"\n", "t.yaml:1:7: scalar contains a NUL character");
}

static void test_errors_dists_and_lists(void)
{
    EXPECT_FAIL(BASE "  dormancy_hours: soon\n",
                "t.yaml:6:19: incident.dormancy_hours must be a number or a mapping");
    EXPECT_FAIL(
        BASE "  dormancy_hours: '5'\n",
        "t.yaml:6:19: incident.dormancy_hours: expected a number, got a quoted string ('5')");
    EXPECT_FAIL(BASE "  dormancy_hours: -1\n", "t.yaml:6:19: incident.dormancy_hours: invalid "
                                               "fixed distribution: value must be >= 0 (got -1)");
    EXPECT_FAIL(BASE "  detection_hours: { median: 96, sigma: 0.8 }\n",
                "t.yaml:6:20: incident.detection_hours: missing 'dist' (one of: fixed, "
                "exponential, lognormal, gamma, uniform)");
    EXPECT_FAIL(BASE "  detection_hours: { dist: weibull }\n",
                "t.yaml:6:28: incident.detection_hours: unknown distribution 'weibull'");
    EXPECT_FAIL(BASE "  detection_hours: { dist: lognormal, median: 96 }\n",
                "t.yaml:6:20: incident.detection_hours: lognormal needs 'sigma' (parameters: "
                "median, sigma)");
    EXPECT_FAIL(BASE "  detection_hours: { dist: lognormal, median: 96, sigma: 1, mean: 2 }\n",
                "t.yaml:6:61: incident.detection_hours: 'mean' is not a parameter of lognormal "
                "(expected: median, sigma)");
    EXPECT_FAIL(BASE "  detection_hours: { dist: lognormal, median: x, sigma: 1 }\n",
                "t.yaml:6:47: incident.detection_hours.median must be a number (got 'x')");
    EXPECT_FAIL(BASE "  detection_hours:\n    dist: uniform\n    min: 5\n    max: 1\n",
                "t.yaml:7:5: incident.detection_hours: invalid uniform distribution: uniform needs "
                "0 <= min <= max");
    EXPECT_FAIL(BASE "  detection_hours: [1]\n",
                "t.yaml:6:20: incident.detection_hours must be a number or a mapping { dist: KIND, "
                "<parameters> } (got a list)");
    EXPECT_FAIL("name: t\nnetwork: n\nincident:\n  origin:\n    suppliers: []\n",
                "t.yaml:5:5: incident.origin needs suppliers, or a category, country or "
                "exclude_country filter");
    EXPECT_FAIL("name: t\nnetwork: n\nincident:\n  origin:\n    suppliers: S1\n",
                "t.yaml:5:16: incident.origin.suppliers must be a list, e.g. [a, b] (got 'S1')");
    EXPECT_FAIL("name: t\nnetwork: n\nincident:\n  origin:\n    suppliers:\n      - A\n      - B\n "
                "     - A\n",
                "t.yaml:8:9: incident.origin.suppliers: duplicate item 'A' (first at line 6)");
    EXPECT_FAIL(
        "name: t\nnetwork: n\nincident:\n  origin:\n    suppliers: [A, [B]]\n",
        "t.yaml:5:20: incident.origin.suppliers: items must be non-empty strings (got a list)");
    EXPECT_FAIL("name: t\nnetwork: n\nincident:\n  origin:\n    suppliers: [A, '']\n",
                "t.yaml:5:20: incident.origin.suppliers: items must be non-empty strings (got '')");
}

static void test_errors_keys(void)
{
    EXPECT_FAIL(BASE "trails: 10\n", "t.yaml:6:1: unknown key 'trails' (did you mean 'trials'?)");
    EXPECT_FAIL(BASE "incidnet: {}\n",
                "t.yaml:6:1: unknown key 'incidnet' (did you mean 'incident'?)");
    EXPECT_FAIL(BASE "  foo: 1\n",
                "t.yaml:6:3: unknown key 'incident.foo' (expected one of: type, origin, scope, "
                "release_hours, "
                "dormancy_hours, detection_hours, push_hours, detection_hazard, transitive)");
    EXPECT_FAIL(BASE "zzzzzz: 1\n",
                "t.yaml:6:1: unknown key 'zzzzzz' (expected one of: name, description, network,");
    EXPECT_FAIL(BASE "outage:\n  duration_hours:\n    watr: 5\n",
                "t.yaml:8:5: unknown key 'outage.duration_hours.watr' (did you mean "
                "'outage.duration_hours.water'?)");
    EXPECT_FAIL(
        BASE "outage:\n  duration_hours:\n    moon: 5\n",
        "t.yaml:8:5: unknown key 'outage.duration_hours.moon' (expected one of: default, a sector "
        "name (electricity, gas,");
    EXPECT_FAIL(BASE "incident.type: malicious_update\n",
                "t.yaml:6:1: key 'incident.type' contains '.'");
    EXPECT_FAIL(BASE "outage: 5\n",
                "t.yaml:6:9: outage must be a mapping of outage.* keys (got '5')");
    EXPECT_FAIL(BASE "trials: 1\ntrials: 2\n",
                "t.yaml:7:1: duplicate key 'trials' (first at line 6)");
    EXPECT_FAIL("name: t\nnetwork: n\nincident:\n  origin: {suppliers: [S], suppliers: [T]}\n",
                "t.yaml:4:28: duplicate key 'suppliers' (first at line 4)");
    EXPECT_FAIL(BASE "? [a]\n: 1\n", "t.yaml:6:3: mapping keys must be plain names, not lists");
    EXPECT_FAIL("network: n\nincident: {origin: {suppliers: [S]}}\n",
                "t.yaml:1:1: missing required key 'name'");
    EXPECT_FAIL("name: t\nincident: {origin: {suppliers: [S]}}\n",
                "t.yaml:1:1: missing required key 'network'");
    EXPECT_FAIL("name: t\nnetwork: n\n", "t.yaml:1:1: incident.origin needs suppliers, or a "
                                         "category, country or exclude_country filter");
    EXPECT_FAIL("name: t\nnetwork: n\nincident:\n  origin: { pick: uniform }\n",
                "t.yaml:4:13: incident.origin needs suppliers, or a category, country or "
                "exclude_country filter");
}

static void test_errors_yaml(void)
{
    EXPECT_FAIL("", "t.yaml:1:1: scenario is empty");
    EXPECT_FAIL("# only a comment\n\n", "t.yaml:1:1: scenario is empty");
    EXPECT_FAIL("---\n", "t.yaml:1:1: scenario is empty");
    EXPECT_FAIL(
        "- a\n- b\n",
        "t.yaml:1:1: the top level must be a mapping of keys such as 'name: ...' (got a list)");
    EXPECT_FAIL("just text\n", "t.yaml:1:1: the top level must be a mapping");
    EXPECT_FAIL(BASE "horizon_hours: &h 100\noutput_step_hours: *h\n",
                "t.yaml:6:16: anchors (&h) are not supported");
    EXPECT_FAIL(BASE "output_step_hours: *h\n", "t.yaml:6:20: aliases (*h) are not supported");
    EXPECT_FAIL(BASE "trials: !!int 10\n", "t.yaml:6:9: tags (!!int) are not supported");
    EXPECT_FAIL(BASE "trials: !custom 10\n", "t.yaml:6:9: tags (!custom) are not supported");
    EXPECT_FAIL(BASE "---\nname: u\n", "t.yaml:6:1: more than one YAML document");
    EXPECT_FAIL("name: [a\n", "t.yaml:2:1: invalid YAML: did not find expected ',' or ']' (while "
                              "parsing a flow sequence at line 1 col 7)");
    EXPECT_FAIL("name: t\n  trials: 1\n",
                "t.yaml:2:9: invalid YAML: mapping values are not allowed in this context");
    EXPECT_FAIL("name: \"t\nnetwork: n\n",
                "t.yaml:3:1: invalid YAML: found unexpected end of stream");
    EXPECT_FAIL("name: t\nnote: caf\xC3\xA9 \xFF\n",
                "t.yaml:2:12: invalid YAML: invalid leading UTF-8 octet (byte 0xFF)");
    EXPECT_FAIL("name: t\x01\n", "t.yaml:1:8: invalid YAML: control characters are not allowed");
}

static void test_caps(void)
{
    /* nesting: 33 nested flow sequences */
    char deep[64] = "name: ";
    for (int i = 0; i < 33; i++)
        strcat(deep, "[");
    expect_fail_st(deep, SSIM_ENOMEM, "t.yaml:1:38: nesting deeper than 32 levels", __LINE__);
    /* node count: a list of 100001 items */
    const char *head = "name: t\nnetwork: n\nincident: {origin: {suppliers: [";
    size_t n = 100001, len = strlen(head);
    char *big = malloc(len + 2 * n + 8);
    memcpy(big, head, len);
    for (size_t i = 0; i < n; i++, len += 2)
        memcpy(big + len, "a,", 2);
    strcpy(big + len, "]}}\n");
    expect_fail_st(big, SSIM_ENOMEM, "scenario has more than 100000 YAML nodes", __LINE__);
    free(big);
    /* size cap */
    char *huge = malloc(SSIM_SCENARIO_MAX_BYTES + 2);
    memset(huge, '#', SSIM_SCENARIO_MAX_BYTES + 1);
    huge[SSIM_SCENARIO_MAX_BYTES + 1] = '\0';
    expect_fail_st(huge, SSIM_ENOMEM, "t.yaml: scenario is larger than the 4194304-byte cap",
                   __LINE__);
    free(huge);
}

static void test_override(void)
{
    ssim_scenario_t sc;
    CHECK_EQ_INT(parse(&sc, BASE), SSIM_OK);
    CHECK_EQ_INT(ssim_scenario_override(&sc, 5000, 1, 42), SSIM_OK);
    CHECK_EQ_INT(sc.trials, 5000);
    CHECK_EQ_INT(sc.seed, 42);
    CHECK_STR_CONTAINS(sc.resolved_json, "\"trials\":5000,\"seed\":42,");
    CHECK_EQ_INT(ssim_scenario_override(&sc, 0, 0, 0), SSIM_OK); /* keep both */
    CHECK_EQ_INT(sc.trials, 5000);
    CHECK_EQ_INT(sc.seed, 42);
    char *before = strdup(sc.resolved_json);
    ssim_error_capture(errbuf, sizeof errbuf);
    CHECK_EQ_INT(ssim_scenario_override(&sc, SSIM_MAX_TRIALS + 1, 1, 7), SSIM_EINVAL);
    ssim_error_capture(NULL, 0);
    CHECK_STR_CONTAINS(errbuf, "sectorsim: --trials: trials must be an integer in [1, 100000000] "
                               "(got '100000001')");
    CHECK_EQ_INT(sc.trials, 5000); /* all or nothing */
    CHECK_EQ_INT(sc.seed, 42);
    CHECK(strcmp(before, sc.resolved_json) == 0);
    free(before);
    CHECK_EQ_INT(ssim_scenario_override(&sc, 0, 1, UINT64_MAX), SSIM_OK);
    CHECK_STR_CONTAINS(sc.resolved_json, "\"seed\":18446744073709551615,");
    ssim_scenario_destroy(&sc);
}

/* ---- a strict JSON checker (RFC 8259), rejecting duplicate keys ---- */

static int json_value(const char **p, int depth);

static int json_string(const char **p, char *out, size_t size)
{
    size_t n = 0;
    if (*(*p)++ != '"')
        return 0;
    for (;;) {
        unsigned char ch = (unsigned char)*(*p)++;
        if (ch == '"')
            break;
        if (ch < 0x20)
            return 0;
        if (ch == '\\') {
            char e = *(*p)++;
            if (e == 'u') {
                for (int i = 0; i < 4; i++, (*p)++)
                    if (!strchr("0123456789abcdefABCDEF", **p) || !**p)
                        return 0;
            } else if (!strchr("\"\\/bfnrt", e) || !e) {
                return 0;
            }
        }
        if (out && n + 1 < size)
            out[n++] = (char)ch;
    }
    if (out)
        out[n] = '\0';
    return 1;
}

static int json_digits(const char **p)
{
    const char *s = *p;
    while (**p >= '0' && **p <= '9')
        (*p)++;
    return *p > s;
}

static int json_number(const char **p)
{
    if (**p == '-')
        (*p)++;
    if (**p == '0')
        (*p)++;
    else if (!json_digits(p))
        return 0;
    if (**p == '.' && ((*p)++, !json_digits(p)))
        return 0;
    if (**p == 'e' || **p == 'E') {
        (*p)++;
        if (**p == '+' || **p == '-')
            (*p)++;
        if (!json_digits(p))
            return 0;
    }
    return 1;
}

static int json_container(const char **p, int depth, char close)
{
    char keys[64][64];
    int n = 0;
    (*p)++;
    if (**p == close) {
        (*p)++;
        return 1;
    }
    for (;;) {
        if (close == '}') {
            char key[64];
            if (!json_string(p, key, sizeof key) || *(*p)++ != ':')
                return 0;
            for (int i = 0; i < n; i++)
                if (strcmp(keys[i], key) == 0)
                    return 0; /* duplicate key */
            if (n < 64)
                strcpy(keys[n++], key);
        }
        if (!json_value(p, depth + 1))
            return 0;
        char c = *(*p)++;
        if (c == close)
            return 1;
        if (c != ',')
            return 0;
    }
}

static int json_value(const char **p, int depth)
{
    if (depth > 16)
        return 0;
    switch (**p) {
    case '{':
        return json_container(p, depth, '}');
    case '[':
        return json_container(p, depth, ']');
    case '"':
        return json_string(p, NULL, 0);
    case 't':
        return strncmp(*p, "true", 4) == 0 && (*p += 4);
    case 'f':
        return strncmp(*p, "false", 5) == 0 && (*p += 5);
    case 'n':
        return strncmp(*p, "null", 4) == 0 && (*p += 4);
    default:
        return json_number(p);
    }
}

static int json_valid(const char *s) { return s && json_value(&s, 0) && *s == '\0'; }

static void test_resolved_json(void)
{
    ssim_scenario_t a, b, c;
    CHECK_EQ_INT(parse(&a, BASE), SSIM_OK);
    /* same values, other order, explicit defaults, flow style */
    CHECK_EQ_INT(
        parse(&b, "incident: {origin: {suppliers: [S1]}, type: malicious_update}\n"
                  "trials: 1000\nnetwork: net\nname: \"t\"\n"
                  "outage: {duration_hours: {water: {dist: lognormal, median: 48, sigma: 1}}}\n"),
        SSIM_OK);
    CHECK(json_valid(a.resolved_json));
    CHECK(strcmp(a.resolved_json, b.resolved_json) == 0);
    CHECK(starts_with(a.resolved_json,
                      "{\"name\":\"t\",\"description\":\"\",\"network\":\"net\","
                      "\"model\":\"supply_chain\",\"trials\":1000,\"seed\":1,"
                      "\"horizon_hours\":720,\"output_step_hours\":6,\"incident\":{"));
    CHECK_STR_CONTAINS(a.resolved_json, "\"transitive\":{\"probability\":0,\"delay_hours\":");
    CHECK_STR_CONTAINS(a.resolved_json, "\"probability\":{\"it\":0.3,\"ot\":0.7,\"endpoint\":0.5}");
    CHECK_STR_CONTAINS(a.resolved_json, "\"duration_hours\":{\"default\":{\"dist\":\"lognormal\"");
    CHECK_STR_CONTAINS(a.resolved_json, "\"medical\":{\"dist\":\"lognormal\"");
    CHECK_STR_CONTAINS(a.resolved_json,
                       "\"output\":{\"per_trial\":true,\"time_series\":true,"
                       "\"per_operator\":true,\"network_tables\":true,\"events\":false}}");
    /* strings: quotes, backslash, control characters escaped; UTF-8 as is */
    CHECK_EQ_INT(parse(&c, "name: \"q\\\"b\\\\s\\ttab\\x01 \xC3\xA9\"\nnetwork: n\n"
                           "description: \"line\\nnext\"\nincident: {origin: {suppliers: [S1]}}\n"),
                 SSIM_OK);
    CHECK(json_valid(c.resolved_json));
    CHECK_STR_CONTAINS(c.resolved_json, "{\"name\":\"q\\\"b\\\\s\\ttab\\u0001 \xC3\xA9\","
                                        "\"description\":\"line\\nnext\",");
    ssim_scenario_destroy(&a);
    ssim_scenario_destroy(&b);
    ssim_scenario_destroy(&c);
    /* every key of the file format appears, in one valid document */
    CHECK_EQ_INT(ssim_scenario_parse(&a, "s.yaml", every_key, &core), SSIM_OK);
    CHECK(json_valid(a.resolved_json));
    CHECK_STR_CONTAINS(a.resolved_json, "\"output_step_hours\":0.25,");
    CHECK_STR_CONTAINS(a.resolved_json, "\"description\":\"two\\nlines\\n\"");
    ssim_scenario_destroy(&a);
}

/* The key list of the file format (the contract in docs/scenario.md). */
static const char *const contract_keys[] = {
    "name",
    "description",
    "network",
    "model",
    "trials",
    "seed",
    "horizon_hours",
    "output_step_hours",
    "incident.type",
    "incident.origin.suppliers",
    "incident.origin.category",
    "incident.origin.country",
    "incident.origin.exclude_country",
    "incident.origin.pick",
    "incident.origin.count",
    "incident.release_hours",
    "incident.dormancy_hours",
    "incident.detection_hours",
    "incident.push_hours",
    "incident.detection_hazard.base_per_hour",
    "incident.detection_hazard.per_install_per_hour",
    "incident.transitive.probability",
    "incident.transitive.delay_hours",
    "install_lag_factor.auto",
    "install_lag_factor.manual",
    "install_lag_factor.managed",
    "rollout.canary_fraction",
    "rollout.hold_hours",
    "response.disconnect_on_detection",
    "response.disconnect_hours",
    "advance_notice.hours",
    "advance_notice.designated_only",
    "outage.probability.it",
    "outage.probability.ot",
    "outage.probability.endpoint",
    "outage.duration_hours.default",
    "outage.duration_hours.<sector>",
    "cascade.down_threshold",
    "cascade.restart_hours",
    "output.per_trial",
    "output.time_series",
    "output.per_operator",
};

static void test_markdown(void)
{
    FILE *f = tmpfile();
    CHECK(f != NULL);
    if (!f)
        return;
    CHECK_EQ_INT(ssim_scenario_schema_markdown(f, &core), SSIM_OK);
    long size = ftell(f);
    rewind(f);
    char *md = calloc((size_t)size + 1, 1);
    CHECK(fread(md, 1, (size_t)size, f) == (size_t)size);
    fclose(f);
    CHECK(
        starts_with(md, "| key | type | default | units | description |\n|---|---|---|---|---|\n"));
    int rows = 0;
    for (const char *p = md; (p = strstr(p, "\n| `")) != NULL; p++)
        rows++;
    /* every contract key is documented (other sections may add more rows) */
    CHECK(rows >= (int)(sizeof contract_keys / sizeof contract_keys[0]));
    for (size_t i = 0; i < sizeof contract_keys / sizeof contract_keys[0]; i++) {
        char cell[128];
        snprintf(cell, sizeof cell, "\n| `%s` | ", contract_keys[i]);
        CHECK_STR_CONTAINS(md, cell);
    }
    CHECK_STR_CONTAINS(md, "\n| `trials` | integer in [1, 100000000] | `1000` | trials | ");
    CHECK_STR_CONTAINS(md, "\n| `name` | string (non-empty) | *required* |  | ");
    CHECK_STR_CONTAINS(md,
                       "\n| `output_step_hours` | number in (0, horizon_hours] | `6` | hours | ");
    CHECK_STR_CONTAINS(md, "| = `outage.duration_hours.default` | hours | ");
    CHECK_STR_CONTAINS(md, "`<sector>` is one of: electricity, gas,");
    free(md);
}

static void write_file(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (f) {
        CHECK(fwrite(data, 1, len, f) == len);
        fclose(f);
    }
}

static void test_load(void)
{
    char dir[] = "/tmp/ssim_test_scenario_XXXXXX", path[128], big_path[128], want[160];
    CHECK(mkdtemp(dir) != NULL);
    snprintf(path, sizeof path, "%s/s.yaml", dir);
    const char text[] = "\xEF\xBB\xBF" BASE;
    write_file(path, text, sizeof text - 1);
    ssim_scenario_t sc;
    CHECK_EQ_INT(ssim_scenario_load(&sc, path, &core), SSIM_OK);
    snprintf(want, sizeof want, "%s/net", dir);
    CHECK(sc.network_dir && strcmp(sc.network_dir, want) == 0);
    CHECK(sc.text && strcmp(sc.text, text) == 0);
    CHECK(sc.path && strcmp(sc.path, path) == 0);
    ssim_scenario_destroy(&sc);

    write_file(path, "name: t\0x\n", 10); /* a NUL byte in the file */
    ssim_error_capture(errbuf, sizeof errbuf);
    CHECK_EQ_INT(ssim_scenario_load(&sc, path, &core), SSIM_EINVAL);
    CHECK_STR_CONTAINS(errbuf, "s.yaml:1:8: invalid YAML: control characters are not allowed");
    CHECK_EQ_INT(ssim_scenario_load(&sc, "/nonexistent/s.yaml", &core), SSIM_EINVAL);
    CHECK_STR_CONTAINS(errbuf, "/nonexistent/s.yaml: cannot open scenario: ");
    /* a directory is bad input (exit 2), refused before any read (core/infile.h) */
    CHECK_EQ_INT(ssim_scenario_load(&sc, dir, &core), SSIM_EINVAL);
    CHECK_STR_CONTAINS(errbuf, "an input must be a regular file (this is a directory)");
    CHECK(is_zeroed(&sc));
    snprintf(big_path, sizeof big_path, "%s/big.yaml", dir);
    char *huge = malloc(SSIM_SCENARIO_MAX_BYTES + 1);
    memset(huge, '#', SSIM_SCENARIO_MAX_BYTES + 1);
    write_file(big_path, huge, SSIM_SCENARIO_MAX_BYTES + 1);
    CHECK_EQ_INT(ssim_scenario_load(&sc, big_path, &core), SSIM_ENOMEM);
    CHECK_STR_CONTAINS(errbuf, "big.yaml: scenario is larger than the 4194304-byte cap");
    write_file(big_path, huge, SSIM_SCENARIO_MAX_BYTES); /* at the cap: only comments */
    CHECK_EQ_INT(ssim_scenario_load(&sc, big_path, &core), SSIM_EINVAL);
    CHECK_STR_CONTAINS(errbuf, "big.yaml:1:1: scenario is empty");
    ssim_error_capture(NULL, 0);
    free(huge);
    remove(path);
    remove(big_path);
    remove(dir);
}

/* Every allocation failure is reported as SSIM_ENOMEM and leaves *sc zeroed. */
static void test_out_of_memory(void)
{
    int ok = 0;
    for (unsigned long k = 1; k < 5000 && !ok; k++) {
        ssim_scenario_t sc;
        ssim_alloc_fail_after(k);
        ssim_error_capture(errbuf, sizeof errbuf);
        ssim_status_t st = ssim_scenario_parse(&sc, "s.yaml", every_key, &core);
        ssim_error_capture(NULL, 0);
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

int main(void)
{
    test_defaults();
    test_every_key();
    test_bare_number_dist();
    test_network_path();
    test_json_input();
    test_bom_and_crlf();
    test_errors_values();
    test_errors_dists_and_lists();
    test_errors_keys();
    test_errors_yaml();
    test_caps();
    test_override();
    test_resolved_json();
    test_markdown();
    test_load();
    test_out_of_memory();
    return check_report("test_scenario");
}
