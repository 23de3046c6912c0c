/* analysis/summary — `sectorsim summarize`: the summaries of a results file
 * as readable tables and tidy CSV files.
 *
 * Reads only the documented HDF5 layout (docs/output.md): root attributes,
 * /summary and, when present, /compare (one row per regulation option).
 * Lifecycle: ssim_analysis_summary_load() fills a caller-placed struct that
 * ssim_analysis_summary_destroy() releases (safe on a zeroed or failed one).
 */
#ifndef SSIM_ANALYSIS_SUMMARY_H
#define SSIM_ANALYSIS_SUMMARY_H

#include "io/h5read.h"
#include "core/status.h"

#include <stdint.h>
#include <stdio.h>

/* One summarised quantity (scalars NAN when absent). */
typedef struct {
    const char *name; /* "people_hours", "peak_people_affected", "loss_yen", "economic_loss" */
    const char *unit; /* "person h", "person", "JPY", "JPY" */
    int present;      /* 1 when /summary/<prefix>_mean exists */
    double mean, se, ci_low, ci_high, sd, min, max, p_nonzero, cvar95, cvar99;
    ssim_h5read_doubles_t quantile;   /* length n_quantile (or empty) */
    ssim_h5read_doubles_t exceedance; /* length n_exceedance (or empty) */
} ssim_analysis_quantity_t;

/* TOTAL: person-hours affected (each resident once); YEN: value of lost service;
 * DETECTION: hours from the release to the first revocation. */
enum {
    SSIM_ANALYSIS_TOTAL,
    SSIM_ANALYSIS_PEAK,
    SSIM_ANALYSIS_YEN,
    SSIM_ANALYSIS_DETECTION,
    SSIM_ANALYSIS_ECON,
    SSIM_ANALYSIS_NQ
};

typedef struct {
    const char *path; /* borrowed */
    char title[256], version[64], git_revision[64], model[64];
    uint64_t seed, n_trials;
    ssim_h5read_doubles_t levels; /* /summary/quantile */
    ssim_h5read_doubles_t probs;  /* /summary/exceedance_probability */
    ssim_analysis_quantity_t q[SSIM_ANALYSIS_NQ];
    double people_low, people_high; /* means of the people bounds (NAN when absent) */
    /* by sector: each length n_sector (quantile: n_sector x n_levels, exceedance: x n_probs) */
    ssim_h5read_strings_t sector_name;
    ssim_h5read_strings_t sector_unit; /* /network/sector_service_unit (or empty) */
    ssim_h5read_doubles_t sector_code, s_mean, s_se, s_lo, s_hi, s_pnz, s_cvar95, s_q, s_x;
    /* by prefecture: each length n_prefecture */
    ssim_h5read_strings_t pref_name;
    ssim_h5read_doubles_t pref_code, pref_mean;
    /* /compare (optional, written by `sectorsim compare`): each length n_option */
    ssim_h5read_strings_t opt_name;
    ssim_h5read_doubles_t opt_mean, opt_p95, opt_cvar95, opt_burden, opt_red, opt_red_lo,
        opt_red_hi, opt_frontier;
} ssim_analysis_summary_t;

/* Read the summaries of the results file at path.  SSIM_EINVAL naming the
 * file when it is missing or not a sectorsim results file, or lacks /summary;
 * SSIM_EIO when HDF5 fails on a file that looked valid. */
ssim_status_t ssim_analysis_summary_load(ssim_analysis_summary_t *s, const char *path);
void ssim_analysis_summary_destroy(ssim_analysis_summary_t *s);

/* Sector i's service unit (from the file's network table; "customer-hours"
 * in files without one). */
const char *ssim_analysis_sector_unit(const ssim_analysis_summary_t *s, size_t i);

/* Print the tables (provenance, national, by sector, by prefecture, by
 * option).  SSIM_ENOMEM when out of memory (the tables stop there). */
ssim_status_t ssim_analysis_summary_print(const ssim_analysis_summary_t *s, FILE *out);

/* The names of the files ssim_analysis_summary_write_csv may write. */
enum { SSIM_ANALYSIS_N_CSV = 6 };
extern const char *const ssim_analysis_summary_csv_names[SSIM_ANALYSIS_N_CSV];

/* Write national.csv, sectors.csv, prefectures.csv, quantiles.csv,
 * exceedance.csv (and options.csv with /compare) into dir, created if absent
 * (its parent must exist).  UTF-8; excel = 1 prefixes each file with the
 * byte-order mark EF BB BF.  Every file is rendered in memory first and then
 * written atomically (temporary name + rename), so a failure leaves no partial
 * file.  SSIM_EINVAL when dir cannot be created, SSIM_EIO on write failure. */
ssim_status_t ssim_analysis_summary_write_csv(const ssim_analysis_summary_t *s, const char *dir,
                                              int excel);

/* Format x with thousands separators and `decimals` decimals into buf ("-"
 * for NAN).  Returns buf. */
char *ssim_analysis_fmt(char *buf, size_t size, double x, int decimals);

#endif
