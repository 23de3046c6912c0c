/* io/h5util — small HDF5 helpers shared by the writer (h5write.c) and the
 * reader (h5read.c) (private to io/).
 *
 * Every helper checks every HDF5 return value.  Failures are raised through
 * ssim_error() as SSIM_EIO, naming the file, the step and the object, with the
 * innermost message from HDF5's error stack (whose automatic printing is
 * switched off by ssim_h5_quiet()).  hid_t values returned to the caller are
 * owned by the caller (close them with ssim_h5_close()).
 */
#ifndef SSIM_IO_H5UTIL_H
#define SSIM_IO_H5UTIL_H

#include "core/status.h"
#include "io/fields.h"

#include <hdf5.h>

/* Switch off HDF5's automatic error printing (process-wide; idempotent). */
void ssim_h5_quiet(void);

/* Raise SSIM_EIO: "PATH: STEP OBJECT: <HDF5 detail>".  object may be NULL. */
ssim_status_t ssim_h5_fail(const char *path, const char *step, const char *object);

/* For cleanup paths: close any HDF5 identifier (file, group, dataset,
 * attribute, type, space, property list) if valid and set *id to -1.  Returns
 * st, or SSIM_EIO when st was SSIM_OK and the close failed (then raised,
 * naming path and object); a close failing after an earlier error is not
 * reported again. */
ssim_status_t ssim_h5_close(ssim_status_t st, hid_t *id, const char *path, const char *object);

/* A new datatype for t: the little-endian file type (file = 1) or the native
 * memory type (file = 0); strings are variable-length UTF-8 in both.  Caller
 * closes.  Negative on failure (nothing raised). */
hid_t ssim_h5_type(ssim_io_type_t t, int file);

/* Write a scalar attribute of type t (value points to one element; strings:
 * to a `const char *`, NULL written as ""). */
ssim_status_t ssim_h5_attr(hid_t obj, const char *name, ssim_io_type_t t, const void *value,
                           const char *path, const char *object);

/* Write a 1-D attribute of n elements of type t (not strings). */
ssim_status_t ssim_h5_attr_array(hid_t obj, const char *name, ssim_io_type_t t, size_t n,
                                 const void *values, const char *path, const char *object);

/* Write a string attribute (shorthand for ssim_h5_attr with SSIM_IO_STR). */
ssim_status_t ssim_h5_attr_str(hid_t obj, const char *name, const char *value, const char *path,
                               const char *object);

#endif
