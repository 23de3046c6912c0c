/* core/threads — a refused thread is a resource limit (exit 3), not exit 1.
 *
 * When the system refuses a thread (pthread_create fails: RLIMIT_NPROC,
 * kernel.threads-max, a cgroup's pids.max), GCC's libgomp prints "libgomp:
 * Thread creation failed: ..." and calls exit(1) itself, from inside the
 * parallel region; there is no error to return.  The guard turns that exit
 * into sectorsim's: armed around each parallel region, an atexit handler
 * that finds it armed says that the system refused to start the threads,
 * suggests --threads, and ends the process with _exit(3) (SSIM_ENOMEM, a
 * resource limit).  Our own code never exits inside a region, so an exit
 * while armed is the runtime's.  No output file exists during a parallel
 * region (results are written after the loop), so nothing is left behind.
 *
 * Serial code only (the thread that starts the region). */
#ifndef SSIM_CORE_THREADS_H
#define SSIM_CORE_THREADS_H

/* Arm the guard for a region of `threads` threads (the number named in the
 * message); registers the handler on first use. */
void ssim_threads_guard_enter(int threads);

/* Disarm it after the region. */
void ssim_threads_guard_leave(void);

#endif
