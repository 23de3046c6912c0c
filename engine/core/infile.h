/* core/infile — opening an input file: only a regular file is read.
 *
 * A FIFO, a device or a directory named as an input would block a plain
 * fopen() forever or read garbage, so inputs are opened without blocking,
 * checked with fstat() and only then read (issue 18, defect 8). */
#ifndef SSIM_CORE_INFILE_H
#define SSIM_CORE_INFILE_H

#include "core/status.h"

#include <stdio.h>

/* Open path for reading ("rb") into *out.  what names the input in messages
 * ("scenario", "" for none).  Raises, naming path and the rule: SSIM_EINVAL
 * when it cannot be opened or is not a regular file ("is a FIFO", "is a
 * directory", ...); SSIM_ENOMEM.  *out is NULL on failure. */
ssim_status_t ssim_infile_open(FILE **out, const char *path, const char *what);

#endif
