#define _POSIX_C_SOURCE 200809L
#include "io/atomic.h"

#include "core/alloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

typedef struct {
    const char *path; /* final name */
    char *temp;       /* "<dir>/.<base>.tmp.<pid>" */
    char *dir;        /* directory of path ("." when path has no slash) */
} names_t;

static void free_names(names_t *n)
{
    free(n->temp);
    free(n->dir);
}

static ssim_status_t make_names(names_t *n, const char *path)
{
    size_t len = strlen(path);
    *n = (names_t){path, NULL, NULL};
    if (len == 0 || path[len - 1] == '/')
        return ssim_error(SSIM_EINVAL, SSIM_LOC_NONE,
                          "output path \"%s\" must name a file, not a directory", path);
    const char *slash = strrchr(path, '/');
    size_t dir_len = slash ? (size_t)(slash - path) : 0;
    n->dir = ssim_malloc(dir_len + 2, 1, "output directory");
    n->temp = ssim_malloc(len + 64, 1, "temporary path");
    if (!n->dir || !n->temp) {
        free_names(n);
        return SSIM_ENOMEM;
    }
    if (!slash)
        snprintf(n->dir, 2, ".");
    else if (dir_len == 0) /* "/file.h5": the root directory */
        snprintf(n->dir, 2, "/");
    else
        snprintf(n->dir, dir_len + 1, "%s", path);
    const char *base = slash ? slash + 1 : path;
    snprintf(n->temp, len + 64, "%.*s.%s.tmp.%ld", (int)(base - path), path, base, (long)getpid());
    return SSIM_OK;
}

static ssim_status_t fail(const names_t *n, const char *step, const char *object, int err)
{
    ssim_loc_t loc = {n->path, 0, 0};
    return ssim_error(SSIM_EIO, loc, "%s %s: %s", step, object, strerror(err));
}

/* All of data to fd (retrying short writes and EINTR).  0, or -1 with errno. */
static int write_all(int fd, const unsigned char *data, size_t size)
{
    while (size > 0) {
        ssize_t w = write(fd, data, size);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            if (w == 0)
                errno = EIO;
            return -1;
        }
        data += w;
        size -= (size_t)w;
    }
    return 0;
}

/* Create the temporary file, write and fsync it. */
static ssim_status_t write_temp(const names_t *n, const void *data, size_t size)
{
    int fd = open(n->temp, O_WRONLY | O_CREAT | O_TRUNC, 0666);
    if (fd < 0)
        return fail(n, "cannot create temporary file", n->temp, errno);
    ssim_status_t st = SSIM_OK;
    if (write_all(fd, data, size) < 0)
        st = fail(n, "cannot write temporary file", n->temp, errno);
    else if (fsync(fd) < 0)
        st = fail(n, "cannot fsync temporary file", n->temp, errno);
    if (close(fd) < 0 && st == SSIM_OK)
        st = fail(n, "cannot close temporary file", n->temp, errno);
    return st;
}

/* fsync a directory; file systems that cannot do that are not a failure. */
static int sync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    if (rc < 0 && (errno == EINVAL || errno == ENOTSUP))
        rc = 0;
    int saved = errno;
    if (close(fd) < 0 && rc == 0)
        return -1;
    errno = saved;
    return rc;
}

ssim_status_t ssim_io_atomic_write(const char *path, const void *data, size_t size)
{
    names_t n;
    ssim_status_t st = make_names(&n, path);
    if (st != SSIM_OK)
        return st;
    st = write_temp(&n, data, size);
    if (st == SSIM_OK && rename(n.temp, path) < 0)
        st = fail(&n, "cannot rename temporary file", n.temp, errno);
    if (st != SSIM_OK) {
        (void)unlink(n.temp);
    } else if (sync_dir(n.dir) < 0) {
        st = fail(&n, "cannot fsync directory", n.dir, errno);
        (void)unlink(path);
    }
    free_names(&n);
    return st;
}
