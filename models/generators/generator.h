/* models/generator — the plug-in interface of the network generators.
 *
 * `sectorsim generate NAME [--param VALUE ...] [--seed S] -o DIR` looks NAME up
 * in the generator registry (generators.c), parses the parameters against the
 * generator's parameter table (type, default, bounds, description: the table
 * also drives `sectorsim generate NAME --help`), calls generate(), and reads
 * the written network back with ssim_network_load() to validate it.
 *
 * Contract for generate():
 *   - writes rows through the ssim_netwrite_t it is given (streamed; memory
 *     must scale linearly with the network at most);
 *   - is a pure function of its parameters and seed: the same call writes
 *     byte-identical files (random numbers from core/rng.h streams, never
 *     from igraph's or C's global generators unless seeded from the seed);
 *   - igraph may be used (serial code);
 *   - raises errors through ssim_error() and returns a status.
 */
#ifndef SSIM_MODELS_GENERATOR_H
#define SSIM_MODELS_GENERATOR_H

#include "core/status.h"
#include "input/netwrite.h"

#include <stdint.h>

#define SSIM_GEN_MAX_PARAMS 24

typedef enum { SSIM_GEN_INT, SSIM_GEN_REAL, SSIM_GEN_TEXT } ssim_gen_kind_t;

typedef struct {
    const char *name; /* command-line name without "--", e.g. "scale" */
    ssim_gen_kind_t kind;
    const char *def;  /* default, as text (parsed like user input) */
    double min, max;  /* inclusive bounds for INT and REAL */
    const char *help; /* one line */
} ssim_gen_param_t;

/* Parsed parameter values, in the order of the generator's table. */
typedef struct {
    uint64_t seed;
    const char *source_dir;           /* repository root or data directory (for fact tables) */
    double real[SSIM_GEN_MAX_PARAMS]; /* INT and REAL values */
    const char *text[SSIM_GEN_MAX_PARAMS];
} ssim_gen_args_t;

typedef struct {
    const char *name;
    const char *summary;
    const ssim_gen_param_t *params; /* terminated by an entry with name == NULL */
    ssim_status_t (*generate)(const ssim_gen_args_t *args, ssim_netwrite_t *out);
} ssim_generator_t;

/* The registry: NULL-terminated. */
extern const ssim_generator_t *const ssim_generator_registry[];

/* Generator by name, or NULL. */
const ssim_generator_t *ssim_generator_find(const char *name);

/* Index of a parameter in a generator's table, or -1. */
int ssim_generator_param_index(const ssim_generator_t *g, const char *name);

#endif
