#include "core/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static ssim_log_level_t level = SSIM_LOG_NORMAL;

void ssim_log_set_level(ssim_log_level_t l) { level = l; }
ssim_log_level_t ssim_log_level(void) { return level; }

void ssim_info(const char *fmt, ...)
{
    if (level < SSIM_LOG_NORMAL)
        return;
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

void ssim_debug(const char *fmt, ...)
{
    if (level < SSIM_LOG_VERBOSE)
        return;
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

double ssim_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void format_hms(char *buf, size_t size, double seconds)
{
    if (seconds < 0 || seconds > 1e7)
        seconds = 0;
    long s = (long)(seconds + 0.5);
    snprintf(buf, size, "%02ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
}

void ssim_progress_start(ssim_progress_t *p, const char *what, uint64_t total)
{
    p->what = what;
    p->total = total;
    p->start = p->last = ssim_now();
    p->tty = isatty(STDERR_FILENO);
    p->interval = p->tty ? 0.2 : 10.0;
    p->shown = 0;
}

static void show(ssim_progress_t *p, uint64_t done, double now)
{
    double elapsed = now - p->start;
    double frac = p->total ? (double)done / (double)p->total : 1.0;
    double eta = done ? elapsed * (1.0 - frac) / frac : 0.0;
    char el[32], et[32];
    format_hms(el, sizeof el, elapsed);
    format_hms(et, sizeof et, eta);
    if (p->tty) {
        char bar[21];
        int filled = (int)(frac * 20);
        for (int i = 0; i < 20; i++)
            bar[i] = i < filled ? '#' : '-';
        bar[20] = '\0';
        fprintf(stderr, "\r[%s] %3d%% %llu/%llu %s  elapsed %s  ETA %s ", bar, (int)(frac * 100),
                (unsigned long long)done, (unsigned long long)p->total, p->what, el, et);
    } else {
        fprintf(stderr, "progress: %3d%% %llu/%llu %s, elapsed %s, ETA %s\n", (int)(frac * 100),
                (unsigned long long)done, (unsigned long long)p->total, p->what, el, et);
    }
    fflush(stderr);
    p->shown = 1;
}

void ssim_progress_update(ssim_progress_t *p, uint64_t done)
{
    if (level < SSIM_LOG_NORMAL)
        return;
    double now = ssim_now();
    if (now - p->last < p->interval || now - p->start < 1.0)
        return;
    p->last = now;
    show(p, done, now);
}

void ssim_progress_finish(ssim_progress_t *p, uint64_t done)
{
    if (level < SSIM_LOG_NORMAL)
        return;
    if (p->shown && p->tty)
        fputc('\n', stderr);
    double elapsed = ssim_now() - p->start;
    fprintf(stderr, "%llu %s in %.2f s (%.3g per second)\n", (unsigned long long)done, p->what,
            elapsed, elapsed > 0 ? (double)done / elapsed : 0.0);
}
