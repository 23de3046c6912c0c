/* scenario/catalogue — the incident catalogue of `sectorsim risk`
 * (docs/risk.md).
 *
 * A catalogue lists incident classes, each with an annual rate (a number, or
 * a distribution when the rate is uncertain), the scenario file that says
 * what one incident of the class is (the scenario schema, its defaults
 * included: docs/scenario.md), and the source and confidence of the rate.
 * It is parsed with the scenario layer's YAML tree and typed setters, so its
 * errors read like a scenario's: file:line:col and the rule broken.
 *
 *   name: ...                       required
 *   description: ...
 *   network: DIR                    required; every class runs on it
 *   seed: S                         default 1
 *   years: N                        simulated years, default 10000
 *   replicates: R                   groups of years, each drawing its own
 *                                   rates; years must be a multiple of R
 *   options: FILE                   optional: a scenario whose options and
 *                                   burden `risk` ranks across the catalogue
 *   classes:
 *     - name: NAME                  [a-z0-9-], unique
 *       scenario: FILE              relative to the catalogue
 *       rate: DIST                  incidents per year
 *       source: "..."               required, non-empty
 *       confidence: low|medium|high required
 *       options_apply: true|false   default true; false: the regulation
 *                                   options cannot touch the class (e.g. an
 *                                   operator's own faulty change), so every
 *                                   option replays the baseline's incidents
 */
#ifndef SSIM_SCENARIO_CATALOGUE_H
#define SSIM_SCENARIO_CATALOGUE_H

#include "core/dist.h"
#include "core/status.h"

#include <stdint.h>

#define SSIM_CATALOGUE_MAX_CLASSES 256
#define SSIM_CATALOGUE_MAX_YEARS 100000000ULL /* 1e8 */

/* One incident class. */
typedef struct {
    char *name;
    char *scenario_path; /* resolved against the catalogue's directory */
    ssim_dist_t rate;    /* incidents per year (>= 0) */
    char *source;
    int confidence;    /* code in ssim_vocab_confidence */
    int options_apply; /* 0: every option runs this class as the baseline does */
    ssim_loc_t loc;    /* where the item starts */
} ssim_catalogue_class_t;

typedef struct {
    char *path; /* as given */
    char *text; /* the file, verbatim */
    char *name, *description;
    char *network_dir;  /* resolved against the catalogue's directory */
    char *options_path; /* resolved; NULL when absent */
    uint64_t seed, years, replicates;
    ssim_catalogue_class_t *classes;
    size_t n_classes;
} ssim_catalogue_t;

/* Parse and check a catalogue file.  *cat is zeroed first; on failure an
 * error names path:line:col and the rule, *cat is left empty and SSIM_EINVAL
 * (SSIM_EIO when unreadable, SSIM_ENOMEM) is returned.  The class scenario
 * files are not read here. */
ssim_status_t ssim_catalogue_load(ssim_catalogue_t *cat, const char *path);

/* Command-line overrides: years (0 = keep; it must stay a multiple of
 * replicates) and seed.  SSIM_EINVAL naming the option when broken. */
ssim_status_t ssim_catalogue_override(ssim_catalogue_t *cat, uint64_t years, int have_seed,
                                      uint64_t seed);

void ssim_catalogue_destroy(ssim_catalogue_t *cat);

#endif
