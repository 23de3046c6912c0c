/* core/suggest — "did you mean": the nearest of some candidate words to a
 * word the user got wrong (a scenario key, a command, an option).
 *
 * Distances are optimal-string-alignment distances: insertions, deletions,
 * substitutions and swaps of two adjacent characters each count 1, so
 * "trails" is 1 from "trials".  Bytes are compared, not characters.  Words
 * of SSIM_SUGGEST_MAX_LEN bytes or more are never near anything.
 */
#ifndef SSIM_CORE_SUGGEST_H
#define SSIM_CORE_SUGGEST_H

#include <stddef.h>

enum { SSIM_SUGGEST_MAX_LEN = 128 };

/* Distance between a and b, capped: returns cap + 1 as soon as it must
 * exceed cap (cap >= 0).  O(|a| |b|) time, no allocation. */
int ssim_suggest_distance(const char *a, const char *b, int cap);

/* The candidate nearest to word within max_distance edits, the first in
 * candidates' order on ties; NULL when none is that near.  candidates has n
 * entries (NULL entries are skipped); the result is one of them (borrowed). */
const char *ssim_suggest_nearest(const char *word, const char *const *candidates, size_t n,
                                 int max_distance);

#endif
