/* core/threads — see threads.h. */
#include "core/threads.h"

#include "core/status.h"

#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

static volatile sig_atomic_t armed_threads; /* 0: not in a parallel region */
static int registered;

/* At exit: an exit while armed came from the OpenMP runtime. */
static void on_exit_in_region(void)
{
    int threads = armed_threads;
    if (!threads)
        return;
    ssim_error(SSIM_ENOMEM, SSIM_LOC_NONE,
               "the system refused to start %d threads (OpenMP could not create a thread: a "
               "limit on processes or threads); run with fewer, e.g. --threads %d, or raise "
               "the limit (ulimit -u)",
               threads, threads > 2 ? threads / 2 : 1);
    _exit(ssim_status_exit_code(SSIM_ENOMEM));
}

void ssim_threads_guard_enter(int threads)
{
    if (!registered)
        registered = atexit(on_exit_in_region) == 0;
    armed_threads = threads > 0 ? threads : 1;
}

void ssim_threads_guard_leave(void) { armed_threads = 0; }
