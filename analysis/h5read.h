/* analysis/h5read — read-only access to a sectorsim results file (private to
 * analysis/).  The analysis layer reads only what docs/output.md documents:
 * it never includes model or run internals.
 *
 * A reader remembers the first hard failure (object present but unreadable)
 * in r->st; every later call is then a no-op returning an empty value, so a
 * caller can read a list of datasets and check r->st once.  Absent datasets
 * are not errors: they read as empty (n = 0) or NAN.
 */
#ifndef SSIM_ANALYSIS_H5READ_H
#define SSIM_ANALYSIS_H5READ_H

#include "core/status.h"

#include <stddef.h>
#include <stdint.h>

typedef struct {
    const char *path; /* borrowed */
    int64_t file;     /* open file (an HDF5 hid_t), or -1 */
    ssim_status_t st; /* first failure */
} ssim_h5r_t;

typedef struct {
    double *v; /* length n; caller frees (NULL when absent) */
    size_t n;
} ssim_h5r_doubles_t;

typedef struct {
    char **s; /* length n, each NUL-terminated UTF-8; free with ssim_h5r_strings_free */
    size_t n;
} ssim_h5r_strings_t;

/* Open path read-only and check it is ours (root attribute software =
 * "sectorsim").  SSIM_EINVAL, naming the file, when it is missing, not HDF5 or
 * not a sectorsim results file. */
ssim_status_t ssim_h5r_open(ssim_h5r_t *r, const char *path);
/* Close (accepts a reader that failed to open); returns r->st. */
ssim_status_t ssim_h5r_close(ssim_h5r_t *r);

int ssim_h5r_exists(ssim_h5r_t *r, const char *name);
ssim_h5r_doubles_t ssim_h5r_doubles(ssim_h5r_t *r, const char *name);
double ssim_h5r_scalar(ssim_h5r_t *r, const char *name); /* NAN when absent */
ssim_h5r_strings_t ssim_h5r_strings(ssim_h5r_t *r, const char *name);
void ssim_h5r_strings_free(ssim_h5r_strings_t *s);

/* Root (or object `obj`) attributes: 0 on success, -1 when absent. */
int ssim_h5r_attr_str(ssim_h5r_t *r, const char *obj, const char *name, char *buf, size_t size);
int ssim_h5r_attr_u64(ssim_h5r_t *r, const char *obj, const char *name, uint64_t *out);

#endif
