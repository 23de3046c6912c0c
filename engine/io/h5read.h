/* io/h5read — read-only access to a sectorsim results file: the one reader
 * behind `sectorsim info` (h5info.c) and analysis/ (`summarize`).  It reads
 * what docs/output.md documents; hdf5.h stays out of this header, so its
 * users above io/ need no HDF5.
 *
 * Errors.  Opening: SSIM_EINVAL (exit 2), naming the file, when it is
 * missing, unreadable or a directory, not an HDF5 file, or not a sectorsim
 * results file (no root attribute software = "sectorsim"); SSIM_EIO (exit 4)
 * when HDF5 fails to open a file that looked like HDF5.  Reading: every HDF5
 * return value is checked; an object that is present but cannot be read
 * (wrong type or shape, a damaged file) raises SSIM_EIO naming the file, the
 * step and the object, with HDF5's innermost message (io/h5util).
 *
 * A crash guard.  HDF5 1.10 trusts sizes it decodes from a file and can
 * crash inside the library on a damaged or crafted one, before any error
 * reaches us (docs/testing.md, "Fuzzing").  From ssim_h5read_open to
 * ssim_h5read_close, SIGSEGV, SIGBUS, SIGFPE and SIGILL print a message naming
 * the file and end the process with exit 4 (an I/O failure: the file cannot
 * be read) instead of dying of the signal; the earlier handlers come back at
 * close.  A read that spends more than 120 s of CPU time (a damaged global
 * heap makes HDF5 loop forever; reading the largest file's summaries takes
 * seconds) ends the same way.  Nothing is being written while a file is read,
 * so no output is left half-made.  Off in sanitizer builds.
 *
 * Sticky status: the reader keeps its first failure in r->st, and every
 * later call is a no-op returning an empty value, so a caller reads a list
 * of objects and checks once (ssim_h5read_close returns r->st).  Absent
 * objects are not errors: datasets read as empty (n = 0) or NAN, attributes
 * return -1.  Names are absolute or relative to the root ("/summary/x",
 * "provenance"); "." is the root group.  Not thread-safe (HDF5 calls are
 * serial by design).
 */
#ifndef SSIM_IO_H5READ_H
#define SSIM_IO_H5READ_H

#include "core/status.h"

#include <stddef.h>
#include <stdint.h>

typedef struct {
    const char *path; /* borrowed */
    int64_t file;     /* the open file (an HDF5 hid_t), or -1 */
    ssim_status_t st; /* first failure */
} ssim_h5read_t;

typedef struct {
    double *v; /* length n, converted from the stored type; caller frees (NULL when empty) */
    size_t n;
} ssim_h5read_doubles_t;

typedef struct {
    char **s; /* length n, each NUL-terminated UTF-8; free with ssim_h5read_strings_free */
    size_t n;
} ssim_h5read_strings_t;

/* Test hook: the crash guard's CPU limit in seconds (<= 0: the default, 120). */
void ssim_h5read_set_cpu_limit(int seconds);

/* Open path read-only and check that it is a sectorsim results file (errors
 * above).  Call ssim_h5read_close afterwards in every case. */
ssim_status_t ssim_h5read_open(ssim_h5read_t *r, const char *path);

/* The root attribute file_kind of a sectorsim results file into kind ("" for
 * a run or compare file, which have none; "risk" for sectorsim risk's), with
 * the crash guard armed and no message on any failure: 0 when path opened as
 * HDF5, -1 otherwise (the caller's reader then says why). */
int ssim_h5read_kind(const char *path, char *kind, size_t size);

/* Close the file (accepts a reader that failed to open); returns r->st, or
 * SSIM_EIO when closing fails. */
ssim_status_t ssim_h5read_close(ssim_h5read_t *r);

/* 1 when the object (group or dataset) exists, every group on its path too. */
int ssim_h5read_exists(ssim_h5read_t *r, const char *name);

/* Number of elements of dataset name (0 when absent). */
size_t ssim_h5read_count(ssim_h5read_t *r, const char *name);

/* Dataset name, all its elements in storage order, as doubles. */
ssim_h5read_doubles_t ssim_h5read_doubles(ssim_h5read_t *r, const char *name);

/* The one element of dataset name; NAN when absent or not one element. */
double ssim_h5read_scalar(ssim_h5read_t *r, const char *name);

/* String dataset name (variable-length strings). */
ssim_h5read_strings_t ssim_h5read_strings(ssim_h5read_t *r, const char *name);
void ssim_h5read_strings_free(ssim_h5read_strings_t *s);

/* Scalar attribute `name` of object obj: a string copied into buf
 * (truncated, NUL-terminated; "" when absent), or a number converted to
 * uint64 / double (*out untouched when absent).  0 when read, -1 when
 * absent or after a failure (then r->st says which). */
int ssim_h5read_attr_str(ssim_h5read_t *r, const char *obj, const char *name, char *buf,
                         size_t size);
int ssim_h5read_attr_u64(ssim_h5read_t *r, const char *obj, const char *name, uint64_t *out);
int ssim_h5read_attr_f64(ssim_h5read_t *r, const char *obj, const char *name, double *out);

#endif
