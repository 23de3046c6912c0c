#include "core/status.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

static const char *program = "sectorsim";
static char *capture_buf;
static size_t capture_size;
static atomic_ulong n_errors;
/* A worker thread may raise an error too (an allocation failure inside the
 * trial loop): one message at a time, whole. */
static pthread_mutex_t emit_lock = PTHREAD_MUTEX_INITIALIZER;

int ssim_status_exit_code(ssim_status_t status) { return (int)status; }

const char *ssim_status_name(ssim_status_t status)
{
    switch (status) {
    case SSIM_OK:
        return "ok";
    case SSIM_EINVAL:
        return "bad input";
    case SSIM_ENOMEM:
        return "resource limit";
    case SSIM_EIO:
        return "I/O failure";
    case SSIM_EINTR:
        return "interrupted";
    case SSIM_EINTERNAL:
        return "internal failure";
    }
    return "unknown status";
}

void ssim_error_set_program(const char *name) { program = name; }

void ssim_error_capture(char *buf, size_t size)
{
    capture_buf = buf;
    capture_size = size;
    if (buf && size)
        buf[0] = '\0';
}

unsigned long ssim_error_count(void) { return n_errors; }

/* Format "program: file:line:col: " + message + "\n" into out. */
static void format_message(char *out, size_t size, const char *kind, ssim_loc_t loc,
                           const char *fmt, va_list ap)
{
    size_t n = 0;
    int w = snprintf(out, size, "%s: ", program);
    n = w > 0 ? (size_t)w : 0;
    if (loc.file && n < size) {
        if (loc.line > 0 && loc.col > 0)
            w = snprintf(out + n, size - n, "%s:%ld:%ld: ", loc.file, loc.line, loc.col);
        else if (loc.line > 0)
            w = snprintf(out + n, size - n, "%s:%ld: ", loc.file, loc.line);
        else
            w = snprintf(out + n, size - n, "%s: ", loc.file);
        n += w > 0 ? (size_t)w : 0;
    }
    if (kind && n < size) {
        w = snprintf(out + n, size - n, "%s", kind);
        n += w > 0 ? (size_t)w : 0;
    }
    if (n < size) {
        w = vsnprintf(out + n, size - n, fmt, ap);
        n += w > 0 ? (size_t)w : 0;
    }
    if (n + 1 < size) {
        out[n] = '\n';
        out[n + 1] = '\0';
    } else if (size >= 2) {
        out[size - 2] = '\n';
        out[size - 1] = '\0';
    }
}

static void emit(const char *kind, ssim_loc_t loc, const char *fmt, va_list ap)
{
    char msg[2048];
    format_message(msg, sizeof msg, kind, loc, fmt, ap);
    pthread_mutex_lock(&emit_lock);
    if (capture_buf) {
        size_t used = strlen(capture_buf);
        if (used + 1 < capture_size)
            snprintf(capture_buf + used, capture_size - used, "%s", msg);
    } else {
        fputs(msg, stderr);
        fflush(stderr);
    }
    pthread_mutex_unlock(&emit_lock);
}

ssim_status_t ssim_error(ssim_status_t status, ssim_loc_t loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    emit(NULL, loc, fmt, ap);
    va_end(ap);
    n_errors++;
    return status;
}

void ssim_warn(ssim_loc_t loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    emit("warning: ", loc, fmt, ap);
    va_end(ap);
}
