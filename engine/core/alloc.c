#include "core/alloc.h"

#include "core/status.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* Transparent huge page size, and the base page size madvise() aligns to. */
enum { HUGE_PAGE = 2 << 20, PAGE = 4096 };

/* The test hook's state, atomic because workspaces and summary scratch are
 * allocated inside OpenMP regions: n_allocs counts every allocation that
 * reached the hook, fail_at is the value of that count whose allocation fails
 * (0: none).  Exactly one allocation fails per ssim_alloc_fail_after(), on
 * whichever thread draws that number. */
static atomic_ulong n_allocs, fail_at;

/* Bytes asked for by successful allocations so far (never decreases). */
static _Atomic uint64_t requested;

uint64_t ssim_alloc_bytes(void) { return atomic_load_explicit(&requested, memory_order_relaxed); }

/* p, counting bytes when it is not NULL. */
static void *counted(void *p, size_t bytes)
{
    if (p)
        atomic_fetch_add_explicit(&requested, (uint64_t)bytes, memory_order_relaxed);
    return p;
}

void ssim_alloc_fail_after(unsigned long n)
{
    atomic_store(&fail_at, n ? atomic_load(&n_allocs) + n : 0);
}

unsigned long ssim_alloc_count(void) { return atomic_load(&n_allocs); }

/* Returns 1 when the injected failure fires now. */
static int injected_failure(void)
{
    unsigned long k = atomic_fetch_add_explicit(&n_allocs, 1, memory_order_relaxed) + 1;
    unsigned long at = atomic_load_explicit(&fail_at, memory_order_relaxed);
    return at != 0 && k == at;
}

static void *oom(size_t count, size_t size, const char *what)
{
    ssim_error(SSIM_ENOMEM, SSIM_LOC_NONE, "out of memory allocating %zu x %zu bytes for %s", count,
               size, what ? what : "(unnamed)");
    return NULL;
}

void *ssim_malloc(size_t count, size_t size, const char *what)
{
    if (size && count > SIZE_MAX / size)
        return oom(count, size, what);
    if (injected_failure())
        return oom(count, size, what);
    void *p = counted(malloc(count != 0 && size != 0 ? count * size : 1), count * size);
    return p ? p : oom(count, size, what);
}

void *ssim_malloc_huge(size_t count, size_t size, const char *what)
{
    if (size && count > SIZE_MAX / size)
        return oom(count, size, what);
    size_t bytes = count * size;
    if (bytes < HUGE_PAGE)
        return ssim_malloc(count, size, what);
    if (injected_failure())
        return oom(count, size, what);
    void *p = NULL;
    if (posix_memalign(&p, HUGE_PAGE, bytes) != 0)
        return oom(count, size, what);
#ifdef MADV_HUGEPAGE
    (void)madvise(p, bytes, MADV_HUGEPAGE); /* a hint: failure changes nothing */
#endif
    return counted(p, bytes);
}

void *ssim_calloc_huge(size_t count, size_t size, const char *what)
{
    void *p = ssim_calloc(count, size, what);
#ifdef MADV_HUGEPAGE
    size_t bytes = count * size; /* no overflow: ssim_calloc succeeded */
    if (p && bytes >= HUGE_PAGE) {
        uintptr_t start = ((uintptr_t)p + PAGE - 1) & ~(uintptr_t)(PAGE - 1);
        uintptr_t end = ((uintptr_t)p + bytes) & ~(uintptr_t)(PAGE - 1);
        if (end > start)
            (void)madvise((void *)start, end - start, MADV_HUGEPAGE); /* a hint */
    }
#endif
    return p;
}

void *ssim_calloc(size_t count, size_t size, const char *what)
{
    if (size && count > SIZE_MAX / size)
        return oom(count, size, what);
    if (injected_failure())
        return oom(count, size, what);
    void *p = counted(calloc(count ? count : 1, size ? size : 1), count * size);
    return p ? p : oom(count, size, what);
}

void *ssim_realloc(void *ptr, size_t count, size_t size, const char *what)
{
    if (size && count > SIZE_MAX / size)
        return oom(count, size, what);
    if (injected_failure())
        return oom(count, size, what);
    void *p = counted(realloc(ptr, count != 0 && size != 0 ? count * size : 1), count * size);
    return p ? p : oom(count, size, what);
}

char *ssim_strdup(const char *s, const char *what)
{
    size_t n = strlen(s) + 1;
    char *p = ssim_malloc(n, 1, what);
    if (p)
        memcpy(p, s, n);
    return p;
}
