/* io/h5image — a results file built in memory and committed atomically
 * (private to io/; h5write.c implements it, the writers use it).
 *
 * HDF5's own disk drivers cannot recover from a failed write (a full disk:
 * the file can no longer be closed and the library crashes at exit), so the
 * file is built with the core driver and its closed image is written by
 * core/atomic under a temporary name, fsync'ed and renamed over the final
 * name: a failed or interrupted write leaves no file and no earlier result
 * damaged. */
#ifndef SSIM_IO_H5IMAGE_H
#define SSIM_IO_H5IMAGE_H

#include "core/status.h"

#include <hdf5.h>

typedef struct ssim_h5_image image_t;

/* Create the in-memory file for the results file at path: *file is open
 * (1.8 format or later, no object timestamps), *image its buffer. */
ssim_status_t ssim_h5_image_create(const char *path, hid_t *file, image_t **image);

/* Close *file and, when st is SSIM_OK (and no stop was requested), write its
 * bytes to path atomically.  Releases the image.  Returns st, or the first
 * failure of the close or the write (SSIM_EIO, SSIM_EINTR). */
ssim_status_t ssim_h5_image_commit(ssim_status_t st, const char *path, hid_t *file, image_t *image);

/* The same, written even after a stop request (a checkpoint: what a stop
 * must keep). */
ssim_status_t ssim_h5_image_commit_anyway(ssim_status_t st, const char *path, hid_t *file,
                                          image_t *image);

#endif
