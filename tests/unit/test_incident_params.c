/* Unit tests of models/incident: the supply-chain incident's parameter sets
 * read through the models' catalog (models/registry.h), as `sectorsim`
 * reads them: the catalog lists the seven sets first, in the order the keys
 * had as core rows, so the resolved JSON keeps its bytes; the typed
 * accessors and the writable one see the loader's values; the origin rule is
 * the supply-chain model's (real scenario_check, same messages and
 * locations as e2e.bad_inputs) and no other model's; the sets' errors name
 * file:line:col.  The scenario layer's own program (test_scenario.c) uses
 * the same sets as its fixture for the typed values and their errors. */
#include "check.h"

#include "models/economic/economic_params.h"
#include "models/incident/incident_params.h"
#include "models/kernels/kernel_params.h"
#include "models/registry.h"
#include "scenario/scenario.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The smallest valid supply-chain scenario: lines 1-5; additions at line 6. */
#define BASE "name: t\nnetwork: net\nincident:\n  origin:\n    suppliers: [S1]\n"

static char errbuf[8192];

static ssim_status_t parse(ssim_scenario_t *sc, const char *text)
{
    ssim_error_capture(errbuf, sizeof errbuf);
    errbuf[0] = '\0';
    ssim_status_t st = ssim_scenario_parse(sc, "t.yaml", text, ssim_model_catalog());
    ssim_error_capture(NULL, 0);
    return st;
}

static void expect_fail(const char *text, const char *want, int line)
{
    ssim_scenario_t sc;
    ssim_status_t got = parse(&sc, text);
    if (got != SSIM_EINVAL || !strstr(errbuf, want))
        fprintf(stderr, "  (case at test line %d)\n", line);
    CHECK_EQ_INT(got, SSIM_EINVAL);
    CHECK_STR_CONTAINS(errbuf, want);
}
#define EXPECT_FAIL(text, want) expect_fail(text, want, __LINE__)

static int dist_is(const ssim_dist_t *d, ssim_dist_kind_t kind, double p0, double p1)
{
    return d->kind == kind && d->p[0] == p0 && d->p[1] == p1;
}

/* The catalog: the seven sets first, in the old core order, then kernel.*
 * and economic.*; every reader of the sets lists the ones it reads. */
static void test_catalog_order(void)
{
    const ssim_scenario_params_t *const *sets = ssim_model_catalog()->sets;
    static const char *const sections[] = {
        "incident",       "install_lag_factor",
        "rollout",        "response",
        "advance_notice", "outage",
        "cascade",        "kernel",
        "economic",
    };
    size_t n = sizeof sections / sizeof sections[0];
    for (size_t k = 0; k < n; k++)
        CHECK(sets[k] && strcmp(sets[k]->section, sections[k]) == 0);
    for (size_t k = 0; k < 7; k++)
        CHECK(sets[k] == ssim_incident_param_sets[k]);
    CHECK(ssim_incident_param_sets[7] == NULL);
    CHECK(sets[7] == &ssim_kernel_param_set && sets[8] == &ssim_econ_param_set);
    const ssim_scenario_params_t *const *sc_sets = ssim_model_find("supply_chain")->params;
    for (size_t k = 0; k < 7; k++)
        CHECK(sc_sets[k] == ssim_incident_param_sets[k]);
    const ssim_scenario_params_t *const *ic = ssim_model_find("independent_cascade")->params;
    CHECK(ic[0] == &ssim_incident_param_set && ic[1] == &ssim_kernel_param_set);

    /* the resolved JSON: the sets right after output_step_hours, in that order */
    ssim_scenario_t sc;
    CHECK_EQ_INT(parse(&sc, BASE), SSIM_OK);
    const char *json = sc.resolved_json;
    CHECK_STR_CONTAINS(json, "\"output_step_hours\":6,\"incident\":{\"type\":\"malicious_update\","
                             "\"origin\":{\"suppliers\":[\"S1\"],");
    const char *prev = json;
    static const char *const keys[] = {
        "\"incident\":{",       "\"install_lag_factor\":{",
        "\"rollout\":{",        "\"response\":{",
        "\"advance_notice\":{", "\"outage\":{",
        "\"cascade\":{",        "\"kernel\":{",
        "\"economic\":{",       "\"burden\":{",
        "\"output\":{",
    };
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
        const char *at = strstr(json, keys[k]);
        CHECK(at != NULL && at > prev);
        if (at)
            prev = at;
    }
    ssim_scenario_destroy(&sc);
}

/* Every default through the typed accessors of the real catalog. */
static void test_defaults(void)
{
    ssim_scenario_t sc;
    CHECK_EQ_INT(parse(&sc, BASE), SSIM_OK);
    const ssim_incident_params_t *inc = ssim_incident_params(&sc);
    const ssim_incident_install_lag_params_t *lag = ssim_incident_install_lag_params(&sc);
    const ssim_incident_rollout_params_t *ro = ssim_incident_rollout_params(&sc);
    const ssim_incident_response_params_t *re = ssim_incident_response_params(&sc);
    const ssim_incident_advance_notice_params_t *an = ssim_incident_advance_notice_params(&sc);
    const ssim_incident_outage_params_t *out = ssim_incident_outage_params(&sc);
    const ssim_incident_cascade_params_t *ca = ssim_incident_cascade_params(&sc);
    CHECK(inc && lag && ro && re && an && out && ca);
    if (!(inc && lag && ro && re && an && out && ca))
        return;
    CHECK_EQ_INT(inc->type, SSIM_INCIDENT_MALICIOUS_UPDATE);
    CHECK_EQ_INT(inc->n_origins, 1);
    CHECK(strcmp(inc->origin_ids[0], "S1") == 0);
    CHECK(inc->origin_locs[0].file == sc.path);
    CHECK_EQ_INT(inc->origin_locs[0].line, 5);
    CHECK_EQ_INT(inc->origin_locs[0].col, 17);
    CHECK_EQ_INT(inc->origin_pick, SSIM_PICK_ALL);
    CHECK_EQ_INT(inc->origin_count, 1);
    CHECK(dist_is(&inc->push_hours, SSIM_DIST_FIXED, 2, 0));
    CHECK(dist_is(&inc->detection_hours, SSIM_DIST_LOGNORMAL, 96, 0.8));
    CHECK(dist_is(&inc->transitive_delay_hours, SSIM_DIST_FIXED, 24, 0));
    for (int c = 0; c < SSIM_N_CHANNELS; c++)
        CHECK(dist_is(&lag->factor[c], SSIM_DIST_FIXED, 1, 0));
    CHECK_NEAR(ro->canary_fraction, 1, 0);
    CHECK_NEAR(ro->hold_hours, 0, 0);
    CHECK_EQ_INT(re->disconnect_on_detection, 0);
    CHECK(dist_is(&re->disconnect_hours, SSIM_DIST_FIXED, 24, 0));
    CHECK_NEAR(an->hours, 0, 0);
    CHECK_EQ_INT(an->designated_only, 1);
    CHECK_NEAR(out->probability[SSIM_PRIV_IT], 0.3, 0);
    CHECK_NEAR(out->probability[SSIM_PRIV_OT], 0.7, 0);
    CHECK_NEAR(out->probability[SSIM_PRIV_ENDPOINT], 0.5, 0);
    for (int s = 0; s < ssim_vocab_sector.n; s++)
        CHECK(dist_is(&out->duration[s], SSIM_DIST_LOGNORMAL, 48, 1.0));
    CHECK_NEAR(ca->down_threshold, 0.5, 0);
    CHECK(dist_is(&ca->restart_hours, SSIM_DIST_FIXED, 0, 0));
    /* the writable view is the same struct (criticality rewrites the origin) */
    ssim_incident_params_t *edit = ssim_incident_params_edit(&sc);
    CHECK(edit == inc);
    edit->origin_pick = SSIM_PICK_UNIFORM;
    CHECK_EQ_INT(ssim_incident_params(&sc)->origin_pick, SSIM_PICK_UNIFORM);
    ssim_scenario_destroy(&sc);
}

/* Values set in the file, through the accessors. */
static void test_values(void)
{
    ssim_scenario_t sc;
    CHECK_EQ_INT(parse(&sc, BASE "    pick: weighted_by_reach\n    count: 2\n"
                                 "  type: msp_push\n"
                                 "install_lag_factor: {managed: 3}\n"
                                 "rollout: {canary_fraction: 0.25, hold_hours: 48}\n"
                                 "response: {disconnect_on_detection: true}\n"
                                 "advance_notice: {hours: 72, designated_only: false}\n"
                                 "outage: {duration_hours: {medical: 5}}\n"
                                 "cascade: {restart_hours: {dist: exponential, mean: 4}}\n"),
                 SSIM_OK);
    const ssim_incident_params_t *inc = ssim_incident_params(&sc);
    CHECK_EQ_INT(inc->type, SSIM_INCIDENT_MSP_PUSH);
    CHECK_EQ_INT(inc->origin_pick, SSIM_PICK_WEIGHTED_BY_REACH);
    CHECK_EQ_INT(inc->origin_count, 2);
    CHECK(dist_is(&ssim_incident_install_lag_params(&sc)->factor[SSIM_CHANNEL_MANAGED],
                  SSIM_DIST_FIXED, 3, 0));
    CHECK_NEAR(ssim_incident_rollout_params(&sc)->canary_fraction, 0.25, 0);
    CHECK_NEAR(ssim_incident_rollout_params(&sc)->hold_hours, 48, 0);
    CHECK_EQ_INT(ssim_incident_response_params(&sc)->disconnect_on_detection, 1);
    CHECK_NEAR(ssim_incident_advance_notice_params(&sc)->hours, 72, 0);
    CHECK_EQ_INT(ssim_incident_advance_notice_params(&sc)->designated_only, 0);
    int medical = ssim_vocab_find(&ssim_vocab_sector, "medical");
    int water = ssim_vocab_find(&ssim_vocab_sector, "water");
    CHECK(dist_is(&ssim_incident_outage_params(&sc)->duration[medical], SSIM_DIST_FIXED, 5, 0));
    CHECK(
        dist_is(&ssim_incident_outage_params(&sc)->duration[water], SSIM_DIST_LOGNORMAL, 48, 1.0));
    CHECK(dist_is(&ssim_incident_cascade_params(&sc)->restart_hours, SSIM_DIST_EXPONENTIAL, 4, 0));
    ssim_scenario_destroy(&sc);
}

/* The sets' errors in the real catalog: the same messages and locations as
 * when they were core rows. */
static void test_errors(void)
{
    EXPECT_FAIL(BASE "outage:\n  probability:\n    it: 1.5\n",
                "t.yaml:8:9: outage.probability.it must be a number in [0, 1] (got '1.5')");
    EXPECT_FAIL(BASE "cascade: {down_threshold: 0}\n",
                "t.yaml:6:27: cascade.down_threshold must be a number in (0, 1] (got '0')");
    EXPECT_FAIL("name: t\nnetwork: n\nincident:\n  type: ransom\n",
                "t.yaml:4:9: incident.type must be one of: malicious_update, faulty_update, "
                "msp_push, wiper, espionage (got 'ransom')");
    EXPECT_FAIL(BASE "rollout: { canary_fraction: 0 }\n",
                "rollout.canary_fraction must be a number in (0, 1] (got '0')");
    EXPECT_FAIL(BASE "outage:\n  duration_hours:\n    watr: 5\n",
                "t.yaml:8:5: unknown key 'outage.duration_hours.watr' (did you mean "
                "'outage.duration_hours.water'?)");
    EXPECT_FAIL(BASE "incidnet: {}\n",
                "t.yaml:6:1: unknown key 'incidnet' (did you mean 'incident'?)");
    EXPECT_FAIL(BASE "response: {disconnect_on_detection: yes}\n",
                "t.yaml:6:37: response.disconnect_on_detection must be true or false");
}

/* The origin rule is the supply-chain model's: the default model, reported
 * where incident.origin is written, else at 1:1; another model has none. */
static void test_origin_rule(void)
{
    EXPECT_FAIL("name: t\nnetwork: n\n", "t.yaml:1:1: incident.origin needs suppliers, or a "
                                         "category, country or exclude_country filter");
    EXPECT_FAIL("name: t\nnetwork: n\nincident:\n  origin: { pick: uniform }\n",
                "t.yaml:4:13: incident.origin needs suppliers, or a category, country or "
                "exclude_country filter");
    ssim_scenario_t sc;
    CHECK_EQ_INT(parse(&sc, "name: t\nnetwork: n\nmodel: watts_threshold\n"), SSIM_OK);
    CHECK_EQ_INT(ssim_incident_params(&sc)->n_origins, 0);
    ssim_scenario_destroy(&sc);
    CHECK_EQ_INT(parse(&sc, "name: t\nnetwork: n\nincident: {origin: {country: [JP]}}\n"), SSIM_OK);
    CHECK_EQ_INT(ssim_incident_params(&sc)->n_origin_countries, 1);
    ssim_scenario_destroy(&sc);
}

static void test_names(void)
{
    CHECK(strcmp(ssim_incident_type_name(SSIM_INCIDENT_MALICIOUS_UPDATE), "malicious_update") == 0);
    CHECK(strcmp(ssim_incident_type_name(SSIM_INCIDENT_ESPIONAGE), "espionage") == 0);
    CHECK(strcmp(ssim_incident_type_name(SSIM_N_INCIDENT_TYPES), "unknown") == 0);
    /* the codes coupling.csv uses (core/vocab) are these, in this order */
    CHECK_EQ_INT(ssim_vocab_incident_type.n, SSIM_N_INCIDENT_TYPES);
    for (int t = 0; t < SSIM_N_INCIDENT_TYPES && t < ssim_vocab_incident_type.n; t++)
        CHECK(strcmp(ssim_incident_type_name((ssim_incident_type_t)t),
                     ssim_vocab_incident_type.names[t]) == 0);
}

int main(void)
{
    test_catalog_order();
    test_defaults();
    test_values();
    test_errors();
    test_origin_rule();
    test_names();
    return check_report("test_incident_params");
}
