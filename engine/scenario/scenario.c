/* PLACEHOLDER — being replaced by the real parser. */
#include "scenario/scenario.h"
#include <string.h>
ssim_status_t ssim_scenario_load(ssim_scenario_t *sc, const char *path)
{
    memset(sc, 0, sizeof *sc);
    return ssim_error(SSIM_EINTERNAL, SSIM_LOC_NONE, "scenario parser not built yet (%s)", path);
}
ssim_status_t ssim_scenario_parse(ssim_scenario_t *sc, const char *path, const char *text)
{
    (void)text;
    return ssim_scenario_load(sc, path);
}
ssim_status_t ssim_scenario_override(ssim_scenario_t *sc, uint64_t trials, int have_seed, uint64_t seed)
{
    (void)sc; (void)trials; (void)have_seed; (void)seed;
    return SSIM_OK;
}
void ssim_scenario_destroy(ssim_scenario_t *sc) { (void)sc; }
void ssim_scenario_schema_markdown(FILE *out) { (void)out; }
const char *ssim_incident_type_name(ssim_incident_type_t t) { (void)t; return "malicious_update"; }
