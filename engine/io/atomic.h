/* io/atomic — write a file atomically and durably (private to io/).
 *
 * Protocol (reliability.md §2.3): write the bytes to a temporary file in the
 * destination directory, fsync it, rename it over the final name, then fsync
 * the directory so the new name survives a power loss.  A reader sees either
 * the earlier file or the complete new one, never a partial file under the
 * final name.  A process killed mid-write leaves at most the hidden temporary
 * file ".<base>.tmp.<pid>" and never damages an earlier file.
 */
#ifndef SSIM_IO_ATOMIC_H
#define SSIM_IO_ATOMIC_H

#include "core/status.h"

#include <stddef.h>

/* Write size bytes of data to path as above.  On failure nothing is left
 * under the temporary name, the earlier file under path (if any) is intact
 * (or, if only the final directory fsync failed, path is removed), and
 * SSIM_EIO is raised naming the path, the step and the system's message
 * (SSIM_EINVAL when path names a directory, SSIM_ENOMEM out of memory). */
ssim_status_t ssim_io_atomic_write(const char *path, const void *data, size_t size);

#endif
