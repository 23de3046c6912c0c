/* input/snapshot — a network frozen into one binary file (NET.ssn), written
 * by `sectorsim network pack` and accepted wherever a network directory is.
 *
 * Layout (docs/snapshot.md): a fixed header (magic, format version, byte
 * order, the writer's build, the counts, a table of sections, the header's
 * own SHA-256), then one section per array of ssim_network_t, each starting
 * at a multiple of 64 bytes and zero-padded up to the next one, each with
 * its SHA-256 in the table.  The numeric arrays are stored exactly as they
 * lie in memory (native byte order; a file of the other byte order is
 * refused), so the loader maps the file read-only (mmap, MAP_PRIVATE) and
 * points the network's arrays into it.  Ids and names are a string pool and
 * 64-bit offsets into it; the loader rebuilds the pointer arrays and the id
 * map (measured faster than storing the map: docs/snapshot.md).  The source
 * files' paths, SHA-256 digests, sizes and row counts travel with the
 * network, so results written from a snapshot record the same input hashes
 * as results written from the directory it was packed from.
 *
 * Loading trusts nothing: every count, offset and length is checked against
 * the file's size and the caps of network.h before it is used, every
 * section's checksum is verified, and every index and code the engine uses
 * to address an array is range-checked (the rules of the CSV loader that
 * keep the engine in bounds; see ssim_snapshot_load).
 */
#ifndef SSIM_INPUT_SNAPSHOT_H
#define SSIM_INPUT_SNAPSHOT_H

#include "core/status.h"
#include "input/network.h"

/* The format version this build writes and reads.  Bump it on any change of
 * the header, of a section's element layout or of the section list: a
 * snapshot of another version is refused with a request to re-pack. */
#define SSIM_SNAPSHOT_VERSION 1

/* Write net (loaded from CSV files) to path as one snapshot, atomically
 * (core/atomic: a temporary renamed into place; nothing is left under path
 * on failure).  build names the writer ("sectorsim 0.1.0 (git abc1234)"),
 * recorded in the header.  Errors: SSIM_EIO (naming path), SSIM_ENOMEM,
 * SSIM_EINVAL (path is a directory).  Time O(file size). */
ssim_status_t ssim_snapshot_write(const ssim_network_t *net, const char *path, const char *build);

/* 1 when path is an existing file other than a directory (so a network
 * given as path is loaded as a snapshot, whose loader says what is wrong
 * with it), else 0. */
int ssim_snapshot_is_file(const char *path);

/* 1 when the file at path starts with the snapshot magic number (whatever
 * its name), else 0. */
int ssim_snapshot_has_magic(const char *path);

/* For a network loaded from a snapshot (net->map set): "format version V,
 * written by BUILD" into buf (NUL-terminated, truncated at size); for any
 * other network an empty string. */
void ssim_snapshot_describe(const ssim_network_t *net, char *buf, size_t size);

/* Load the snapshot at path into *net (zeroed by this call): map it, check
 * the header, the section table, every checksum and the ranges of every
 * index and code, rebuild the string pointers and the id map.  The numeric
 * arrays point into the mapping (net->map, released by
 * ssim_network_destroy); net->dir is path.  On failure an error naming path
 * and the rule broken is raised, *net is left zeroed, and the status is
 * returned: SSIM_EINVAL for a file that is not a valid snapshot of this
 * format version (truncated, bad magic, other version or byte order, bad
 * checksum, count, offset or value), SSIM_EIO when it cannot be read,
 * SSIM_ENOMEM out of memory.  Time O(file size); memory: the mapping (file
 * pages, shared with the page cache) plus 16 bytes per node for the string
 * pointers and 32 to 64 per node for the id map. */
ssim_status_t ssim_snapshot_load(ssim_network_t *net, const char *path);

#endif
