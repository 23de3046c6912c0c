/* tests/fuzz/fuzz_scenario — the scenario parser, the regulation options and
 * the options file, as `sectorsim run` and `compare --options` read them.
 *
 * Input: a scenario file (YAML or JSON), optionally followed by the line
 * "%%" (the three bytes "%%\n") and an options file (a second scenario whose
 * options and burden replace the first's, `compare --options FILE`).  The
 * job is loaded as `compare` loads it (ssim_study_job_load: the scenario
 * with the models' catalog, the model found and prepared, the options file
 * adopted) on one of three small networks, whatever the scenario's `network`
 * key says: the Japan subset tests/fuzz/networks/japan40 (its first 40
 * operators, every supplier) when the input contains "japan", the coupled ER
 * network of the kernels' tests when it contains "coupled_er", else the tiny
 * example network (so the example and test scenarios find their origins);
 * then every regulation option is applied to that network
 * (ssim_variant_build), as `compare` does before it runs an option.  No
 * trial runs.
 */
#include "fuzz_util.h"

#include "models/regulation/variant.h"
#include "study/study.h"

#include <string.h>

#ifndef SSIM_FUZZ_SOURCE_DIR
#error "SSIM_FUZZ_SOURCE_DIR: the repository, where the networks are (tests/fuzz.cmake)"
#endif

static const char separator[] = "%%\n";

static int contains(const uint8_t *data, size_t size, const char *word)
{
    size_t n = strlen(word);
    for (size_t i = 0; i + n <= size; i++)
        if (memcmp(data + i, word, n) == 0)
            return 1;
    return 0;
}

static const char *network_for(const uint8_t *data, size_t size)
{
    if (contains(data, size, "japan"))
        return SSIM_FUZZ_SOURCE_DIR "/tests/fuzz/networks/japan40";
    if (contains(data, size, "coupled_er"))
        return SSIM_FUZZ_SOURCE_DIR "/tests/scenarios/kernels/coupled_er_200";
    return SSIM_FUZZ_SOURCE_DIR "/scenarios/examples/tiny/network";
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_quiet();
    const uint8_t *part;
    size_t part_size;
    ssim_study_source_t src = {.network_dir = network_for(data, size)};
    (void)fuzz_split(data, size, separator, strlen(separator), 0, &part, &part_size);
    src.scenario_path = fuzz_write(0, "scenario.yaml", part, part_size);
    if (fuzz_split(data, size, separator, strlen(separator), 1, &part, &part_size))
        src.options_path = fuzz_write(1, "options.yaml", part, part_size);

    ssim_study_job_t job;
    ssim_status_t st = ssim_study_job_load(&job, &src);
    for (size_t i = 0; st == SSIM_OK && i < job.sc.n_options; i++) {
        ssim_variant_t v;
        st = ssim_variant_build(&v, &job.net, &job.graph, &job.sc, &job.sc.options[i]);
        ssim_variant_destroy(&v);
    }
    ssim_study_job_destroy(&job);

    fuzz_remove("scenario.yaml");
    fuzz_remove("options.yaml");
    return 0;
}
