/* io/h5 — the HDF5 results file (the only module that includes hdf5.h).
 *
 * Layout: docs/output.md, generated in part from the field registry in
 * fields.c (`sectorsim fields` prints it).  Every dataset axis carries a
 * dimension scale, every dataset has `units` and `long_name`, categories are
 * integer codes plus label datasets, strings are variable-length UTF-8,
 * compression is deflate + shuffle only, and object timestamps are off, so the
 * same inputs and seed give byte-identical datasets at any thread count.
 *
 * The file is written under a temporary name in the destination directory,
 * flushed, fsync'ed, and renamed over the final name at the end; the directory
 * is fsync'ed too.  A failed or killed run never leaves a partial file under
 * the final name and never touches an earlier result.
 */
#ifndef SSIM_IO_H5_H
#define SSIM_IO_H5_H

#include "core/status.h"
#include "input/network.h"
#include "results/compare.h"
#include "results/part.h"
#include "results/results.h"
#include "io/h5read.h"
#include "results/risk.h"
#include "scenario/catalogue.h"
#include "scenario/scenario.h"

#include <stdint.h>
#include <stdio.h>

/* What the run module reports about a run (provenance). */
typedef struct {
    const char *command_line; /* argv joined with spaces */
    const char *model_name;
    int threads;            /* OpenMP threads used */
    double elapsed_seconds; /* wall-clock of the simulation loop */
    uint64_t events_total;  /* sum of per-trial events */
} ssim_run_info_t;

/* Call first in a program that writes results files, before any other HDF5
 * use: HDF5 is told not to tear itself down at exit.  HDF5 1.10 cannot
 * close a file whose flush ran out of memory, and its exit-time teardown
 * then crashes (issue 18, defect 1); the operating system releases
 * everything at exit anyway.  SSIM_EINTERNAL when HDF5 was already in use. */
ssim_status_t ssim_h5_init(void);

/* Write the results file at `path` atomically (temporary name + rename).
 * Returns SSIM_EIO (exit 4) on any HDF5 or file-system failure, leaving no
 * file under `path` and no temporary file behind. */
ssim_status_t ssim_h5_write(const char *path, const ssim_scenario_t *sc, const ssim_network_t *net,
                            const ssim_results_t *res, const ssim_run_info_t *info);

/* The same file for `sectorsim compare`: the baseline's results (res) and
 * the /compare group (an `option` dimension, index 0 = "baseline";
 * docs/regulation.md).  Same atomicity and error contract. */
ssim_status_t ssim_h5_write_compare(const char *path, const ssim_scenario_t *sc,
                                    const ssim_network_t *net, const ssim_results_t *res,
                                    const ssim_run_info_t *info, const ssim_compare_t *cmp);

/* What a `sectorsim risk` file records of its inputs. */
typedef struct {
    const ssim_catalogue_t *cat;
    const ssim_scenario_t *const *class_sc; /* cat->n_classes: each class's scenario */
    const ssim_scenario_t *options_sc;      /* NULL: no options */
    const ssim_network_t *net;
} ssim_h5_risk_inputs_t;

/* The results file of `sectorsim risk` (io/h5risk.c; docs/risk.md): /risk
 * and /provenance.  Same atomicity and error contract as ssim_h5_write. */
ssim_status_t ssim_h5_write_risk(const char *path, const ssim_h5_risk_inputs_t *in,
                                 const ssim_risk_t *r, const ssim_run_info_t *info);

/* 1 when path is a `sectorsim risk` file (root attribute file_kind =
 * "risk"); 0 otherwise, also when it cannot be read (no message). */
int ssim_h5_is_risk(const char *path);

/* What a risk file says besides its tables. */
typedef struct {
    char title[256];
    char command_line[1024];
    uint64_t seed;
    ssim_h5read_strings_t options, classes, metric_units; /* the tables' labels (owned) */
    ssim_h5read_strings_t confidence;                     /* of each class's rate (owned) */
} ssim_h5_risk_meta_t;

/* Read a risk file's tables back into r (what `summarize` and `info` print:
 * everything but the per-year and per-incident arrays; r's names point into
 * meta).  SSIM_EINVAL (exit 2) when it is not a complete risk file, SSIM_EIO
 * when HDF5 fails.  On failure r and meta are left empty. */
ssim_status_t ssim_h5_read_risk(const char *path, ssim_risk_t *r, ssim_h5_risk_meta_t *meta);
void ssim_h5_risk_meta_destroy(ssim_h5_risk_meta_t *meta);

/* ------------------------------------------------- shards and checkpoints */

/* What a shard or checkpoint file (file_kind "shard"; docs/scale-out.md)
 * says of itself: the command that made it, enough to run it again, and
 * which blocks of each of its results objects it holds. */
typedef struct {
    char command[32];      /* run, compare, criticality, risk */
    char identity[65];     /* SHA-256 (hex) of the inputs, resolved settings and version */
    char version[128];     /* sectorsim version and git revision */
    char cwd[4096];        /* the working directory of the command */
    int checkpoint;        /* 1: a checkpoint, 0: a shard */
    uint64_t part, parts;  /* shard part of parts (1-based), or 0 of 0 */
    size_t argc;           /* the command's arguments (argv[0] = the command) */
    char **argv;           /* owned */
    size_t n_parts;        /* results objects, in the order the command runs them */
    uint64_t *first, *end; /* n_parts: the blocks each holds (owned) */
    double *elapsed;       /* n_parts: seconds of the trial loops that ran them (owned) */
} ssim_shard_meta_t;

/* Write a shard or checkpoint file atomically: meta (n_parts, first and end
 * taken from parts) and the parts.  Written even after a stop request (the
 * last checkpoint).  SSIM_EIO as ssim_h5_write. */
ssim_status_t ssim_h5_write_shard(const char *path, const ssim_shard_meta_t *meta,
                                  const ssim_results_part_t *parts, size_t n_parts);

/* Read what a shard file says of itself into meta (owned arrays; release
 * with ssim_shard_meta_destroy).  SSIM_EINVAL (exit 2) when path is not a
 * complete sectorsim shard or checkpoint file. */
ssim_status_t ssim_h5_read_shard_meta(const char *path, ssim_shard_meta_t *meta);
void ssim_shard_meta_destroy(ssim_shard_meta_t *meta);

/* Read results object k of a shard into p, shaped beforehand by
 * ssim_results_part_shape for the blocks the shard holds (its arrays are
 * allocated here).  SSIM_EINVAL when an array is missing or of another size. */
ssim_status_t ssim_h5_read_shard_part(const char *path, size_t k, ssim_results_part_t *p);

/* Estimated size of the file in bytes (before compression) into *bytes, for
 * the up-front message and the size cap.  SSIM_ENOMEM (*bytes 0) when out of
 * memory: callers pass the status on (issue 18, defect 10: an estimate that
 * returned 0 let a run go on after an out-of-memory error and exit 0). */
ssim_status_t ssim_h5_estimate_bytes(const ssim_scenario_t *sc, const ssim_network_t *net,
                                     const ssim_results_t *res, uint64_t *bytes);

/* Print a human-readable description of a results file (provenance, shapes,
 * national summary) to out.  SSIM_EINVAL when the file is missing, unreadable
 * or not a sectorsim results file (bad input); SSIM_EIO when HDF5 fails to
 * read a file that looked valid. */
ssim_status_t ssim_h5_info(const char *path, FILE *out);

/* Print the output reference (Markdown) generated from the field registry
 * and the result-column tables (NULL-terminated: the base table and every
 * table a model may add).  SSIM_ENOMEM. */
ssim_status_t ssim_h5_fields_markdown(FILE *out, const ssim_col_table_t *const *tables);

#endif
