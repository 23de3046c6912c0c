/* tests/fuzz/fuzz_h5read — the results-file reader behind `sectorsim info`
 * and `sectorsim summarize`.
 *
 * Input: a results file's bytes, written to a private file and read the way
 * both commands read it: ssim_h5_info (its report printed to /dev/null), then
 * ssim_analysis_summary_load, the tables printed (/dev/null) and the tidy CSV
 * files written (into a private directory, removed afterwards).
 *
 * HDF5 1.10 itself is not robust against arbitrary corruption (docs/testing.md
 * "Fuzzing" records what was found inside the library); this harness fuzzes
 * our reader and what HDF5 does with the files a user can be handed.
 */
#include "fuzz_util.h"

#include "analysis/summary.h"
#include "io/h5.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const csv_files[] = {"national.csv",  "sectors.csv",    "prefectures.csv",
                                        "quantiles.csv", "exceedance.csv", "options.csv"};

static FILE *devnull(void)
{
    static FILE *f;
    if (!f && (!(f = fopen("/dev/null", "w")) || ssim_h5_init() != SSIM_OK))
        abort(); /* ssim_h5_init: before anything touches HDF5, as main does */
    return f;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FILE *out = devnull();
    fuzz_quiet();
    const char *path = fuzz_write(0, "results.h5", data, size);

    (void)ssim_h5_info(path, out);

    ssim_analysis_summary_t s;
    if (ssim_analysis_summary_load(&s, path) == SSIM_OK) {
        ssim_analysis_summary_print(&s, out);
        char dir[4096];
        snprintf(dir, sizeof dir, "%s/csv", fuzz_dir());
        (void)ssim_analysis_summary_write_csv(&s, dir, (int)(size & 1));
        for (size_t i = 0; i < sizeof csv_files / sizeof *csv_files; i++) {
            char file[sizeof dir + 32];
            snprintf(file, sizeof file, "%s/%s", dir, csv_files[i]);
            (void)unlink(file);
        }
        (void)rmdir(dir);
    }
    ssim_analysis_summary_destroy(&s);

    fuzz_remove("results.h5");
    return 0;
}
