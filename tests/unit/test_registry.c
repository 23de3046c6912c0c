/* Unit tests of the model registry's scenario catalog (models/registry.h):
 * it names every model and holds every model's parameter set once; a
 * scenario read through it resolves to the same bytes as before the kernel
 * and economic keys moved into their models (golden JSON, argv[1]), and each
 * set reaches its models through ssim_scenario_params(). */
#include "check.h"

#include "models/economic/economic_params.h"
#include "models/kernels/kernel_params.h"
#include "models/registry.h"
#include "scenario/scenario.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The resolved JSON of this scenario, written by the loader when kernel.* and
 * economic.* were still core keys (commit ac8e87c), is the golden file. */
static const char scenario[] =
    "name: t\nnetwork: net\nmodel: diim\nincident: {origin: {suppliers: [S1]}}\n"
    "kernel: {direction: undirected, n_seeds: 3, threshold: {dist: uniform, min: 0.1, max: 0.3}}\n"
    "economic: {enabled: true, perturbation: {sectors: [a, b], values: [0.5, 1], end_hours: 50}}\n";

static int in_list(const ssim_scenario_params_t *const *list, const ssim_scenario_params_t *set)
{
    for (size_t i = 0; list && list[i]; i++)
        if (list[i] == set)
            return 1;
    return 0;
}

static void test_catalog(void)
{
    const ssim_scenario_catalog_t *cat = ssim_model_catalog();
    CHECK(cat == ssim_model_catalog());
    size_t n = 0;
    for (; ssim_model_registry[n]; n++)
        CHECK(cat->models[n] && strcmp(cat->models[n], ssim_model_registry[n]->name) == 0);
    CHECK(cat->models[n] == NULL);
    CHECK(strcmp(cat->models[0], "supply_chain") == 0); /* the default model */
    /* every model's sets are in the catalog ... */
    for (size_t m = 0; ssim_model_registry[m]; m++)
        for (size_t k = 0; ssim_model_registry[m]->params && ssim_model_registry[m]->params[k]; k++)
            CHECK(in_list(cat->sets, ssim_model_registry[m]->params[k]));
    /* ... once each, and each is some model's */
    for (size_t k = 0; cat->sets[k]; k++) {
        int users = 0;
        for (size_t m = 0; ssim_model_registry[m]; m++)
            users += in_list(ssim_model_registry[m]->params, cat->sets[k]);
        CHECK(users > 0);
        CHECK(!in_list(cat->sets + k + 1, cat->sets[k]));
    }
    CHECK(in_list(ssim_model_find("independent_cascade")->params, &ssim_kernel_param_set));
    CHECK(in_list(ssim_model_find("diim")->params, &ssim_econ_param_set));
    CHECK(in_list(ssim_model_find("supply_chain")->params, &ssim_econ_param_set));
}

static char *read_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf = f ? calloc(1 << 16, 1) : NULL;
    size_t n = buf ? fread(buf, 1, (1 << 16) - 1, f) : 0;
    if (f)
        fclose(f);
    while (buf && n > 0 && buf[n - 1] == '\n')
        buf[--n] = '\0';
    return buf;
}

static void test_same_bytes(const char *golden_path)
{
    char *golden = read_text(golden_path);
    CHECK(golden != NULL);
    ssim_scenario_t sc;
    CHECK_EQ_INT(ssim_scenario_parse(&sc, "s.yaml", scenario, ssim_model_catalog()), SSIM_OK);
    CHECK(golden && sc.resolved_json && strcmp(sc.resolved_json, golden) == 0);
    if (golden && sc.resolved_json && strcmp(sc.resolved_json, golden) != 0)
        fprintf(stderr, "  got:    %s\n  golden: %s\n", sc.resolved_json, golden);
    /* the models' views of the same values */
    const ssim_kernel_params_t *kp = ssim_kernel_params(&sc);
    const ssim_econ_params_t *ep = ssim_econ_params(&sc);
    CHECK(kp && ep);
    if (kp && ep) {
        CHECK(strcmp(kp->direction, "undirected") == 0);
        CHECK_EQ_INT(kp->n_seeds, 3);
        CHECK(kp->threshold.kind == SSIM_DIST_UNIFORM && kp->threshold.p[1] == 0.3);
        CHECK(strcmp(kp->sampling, "edge") == 0); /* default */
        CHECK_EQ_INT(ep->enabled, 1);
        CHECK_EQ_INT(ep->n_perturbed, 2);
        CHECK(strcmp(ep->values[0], "0.5") == 0);
        CHECK_EQ_INT(ep->value_locs[1].line, 6);
        CHECK_NEAR(ep->end_hours, 50, 0);
        CHECK_NEAR(ep->recovery_hours.value, 168, 0); /* default */
    }
    ssim_scenario_destroy(&sc);
    free(golden);
}

/* economic.k_per_hour / recovery_hours (NUMMAP): a number, or default plus
 * names (kept in byte order, each located); the number form and a mapping
 * of only `default` resolve to the same JSON as before. */
static void test_nummap(void)
{
    static const char text[] =
        "name: t\nnetwork: net\nincident: {origin: {suppliers: [S1]}}\n"
        "economic:\n  k_per_hour: {Finance: 0.3, Agri: 0.1}\n  recovery_hours: {default: 72}\n";
    ssim_scenario_t sc;
    CHECK_EQ_INT(ssim_scenario_parse(&sc, "s.yaml", text, ssim_model_catalog()), SSIM_OK);
    const ssim_econ_params_t *ep = ssim_econ_params(&sc);
    CHECK_NEAR(ep->k_per_hour.value, 0, 0); /* the row's default */
    CHECK_EQ_INT(ep->k_per_hour.n, 2);
    if (ep->k_per_hour.n == 2) {
        CHECK(strcmp(ep->k_per_hour.names[0], "Agri") == 0);
        CHECK_NEAR(ep->k_per_hour.values[0], 0.1, 0);
        CHECK(strcmp(ep->k_per_hour.names[1], "Finance") == 0);
        CHECK_NEAR(ep->k_per_hour.values[1], 0.3, 0);
        CHECK_EQ_INT(ep->k_per_hour.locs[1].line, 5);
        CHECK_EQ_INT(ep->k_per_hour.locs[1].col, 16);
    }
    CHECK_NEAR(ep->recovery_hours.value, 72, 0);
    CHECK_EQ_INT(ep->recovery_hours.n, 0);
    CHECK_STR_CONTAINS(sc.resolved_json,
                       "\"k_per_hour\":{\"default\":0,\"Agri\":0.1,\"Finance\":0.3},"
                       "\"recovery_hours\":72,");
    ssim_scenario_destroy(&sc);
}

/* Keys with no effect for incident.type warn (models/incident), and the load
 * succeeds; the default type warns about none of them. */
static void test_inert_keys(void)
{
    static char msgs[4096];
    static const char faulty[] =
        "name: t\nnetwork: net\nincident:\n  type: faulty_update\n  origin: {suppliers: [S1]}\n"
        "  transitive: {probability: 0.5}\n  push_hours: 3\n";
    ssim_scenario_t sc;
    ssim_error_capture(msgs, sizeof msgs);
    msgs[0] = '\0';
    ssim_status_t st = ssim_scenario_parse(&sc, "s.yaml", faulty, ssim_model_catalog());
    ssim_error_capture(NULL, 0);
    CHECK_EQ_INT(st, SSIM_OK);
    CHECK_STR_CONTAINS(msgs, "s.yaml:6:16: warning: incident.transitive.probability has no "
                             "effect with incident.type faulty_update (a faulty update does "
                             "not spread)");
    CHECK_STR_CONTAINS(msgs, "s.yaml:7:3: warning: incident.push_hours has no effect with "
                             "incident.type faulty_update");
    CHECK(strstr(msgs, "delay_hours") == NULL); /* not set in the file */
    ssim_scenario_destroy(&sc);
    static const char fine[] = "name: t\nnetwork: net\nincident:\n  origin: {suppliers: [S1]}\n"
                               "  transitive: {probability: 0.5}\n";
    ssim_error_capture(msgs, sizeof msgs);
    msgs[0] = '\0';
    st = ssim_scenario_parse(&sc, "s.yaml", fine, ssim_model_catalog());
    ssim_error_capture(NULL, 0);
    CHECK_EQ_INT(st, SSIM_OK);
    CHECK(msgs[0] == '\0');
    ssim_scenario_destroy(&sc);
}

int main(int argc, char **argv)
{
    test_catalog();
    test_nummap();
    test_inert_keys();
    if (argc > 1)
        test_same_bytes(argv[1]);
    else
        CHECK(!"usage: test_registry GOLDEN.json");
    return check_report("test_registry");
}
