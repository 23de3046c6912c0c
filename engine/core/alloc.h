/* core/alloc — the one out-of-memory policy.
 *
 * All of sectorsim's own allocations go through these wrappers.  On failure
 * they raise SSIM_ENOMEM with the size that was asked for and return NULL; the
 * caller releases what it holds and returns the status (exit code 3).  Sizes
 * are computed with overflow checks (count * size).
 */
#ifndef SSIM_CORE_ALLOC_H
#define SSIM_CORE_ALLOC_H

#include <stddef.h>
#include <stdint.h>

/* malloc(count * size); NULL (and an error raised) on overflow or failure. */
void *ssim_malloc(size_t count, size_t size, const char *what);

/* calloc(count, size); zero-filled; NULL (and an error raised) on failure. */
void *ssim_calloc(size_t count, size_t size, const char *what);

/* As ssim_malloc, for large arrays read at random in hot loops (a kernel's
 * frozen graph): from 2 MiB up, aligned to 2 MiB and marked for transparent
 * huge pages (madvise), so random reads miss the TLB far less often.  Only a
 * hint: without THP it is an ordinary allocation.  Release with free(). */
void *ssim_malloc_huge(size_t count, size_t size, const char *what);

/* As ssim_calloc, for large zeroed arrays filled once in a hot loop (the
 * per-trial results): the memory still arrives zeroed page by page as it is
 * first written, but from 2 MiB up the allocation is marked for transparent
 * huge pages, so filling 1 GB takes hundreds of page faults instead of a
 * quarter of a million.  Only a hint.  Release with free(). */
void *ssim_calloc_huge(size_t count, size_t size, const char *what);

/* realloc(ptr, count * size); on failure ptr is left valid and NULL returned. */
void *ssim_realloc(void *ptr, size_t count, size_t size, const char *what);

/* strdup; NULL (and an error raised) on failure. */
char *ssim_strdup(const char *s, const char *what);

/* Bytes asked for by the successful allocations above so far (a realloc
 * counts its new size; frees are not subtracted).  The difference across a
 * call is what that call allocated: how the run measures one thread's
 * workspace before it allocates the others (results' memory cap). */
uint64_t ssim_alloc_bytes(void);

/* Test hook: make the n-th allocation from now fail (0 disables); only that
 * one, counted over every thread (safe inside OpenMP regions).  The failure
 * is reported as a real one: SSIM_ENOMEM raised, NULL returned. */
void ssim_alloc_fail_after(unsigned long n);

/* Allocations made through these wrappers since the program started (the
 * numbers ssim_alloc_fail_after counts): a failure sweep runs once to learn
 * how many points there are. */
unsigned long ssim_alloc_count(void);

#endif
