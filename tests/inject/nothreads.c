/* A tests-only LD_PRELOAD shim (issue 18, defect 13): pthread_create
 * succeeds for the first SSIM_NOTHREADS_AFTER calls (default 0) and then
 * fails with EAGAIN, as it does when the system refuses more threads
 * (RLIMIT_NPROC, threads-max, cgroup pids.max), which a test running as root
 * cannot otherwise provoke. */
#define _GNU_SOURCE /* RTLD_NEXT */
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

typedef int (*create_fn)(pthread_t *, const pthread_attr_t *, void *(*)(void *), void *);

static atomic_long calls;

int pthread_create(pthread_t *thread, const pthread_attr_t *attr, void *(*start)(void *), void *arg)
{
    const char *after = getenv("SSIM_NOTHREADS_AFTER");
    long allowed = after ? atol(after) : 0;
    if (atomic_fetch_add(&calls, 1) >= allowed)
        return EAGAIN;
    create_fn next;
    void *sym = dlsym(RTLD_NEXT, "pthread_create");
    memcpy(&next, &sym, sizeof next); /* POSIX: a function's address as data */
    return sym ? next(thread, attr, start, arg) : EAGAIN;
}
