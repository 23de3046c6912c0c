/* core/atomic — see atomic.h for the protocol and its guarantees. */
#define _GNU_SOURCE /* fopencookie: the failure-injection streams */
#include "core/atomic.h"

#include "core/alloc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

enum { RANDOM_CHARS = 8, MAX_TRIES = 100 };

/* ------------------------------------------------ failure injection (tests) */

static unsigned long fail_first, fail_count; /* 0: never fail on purpose */

void ssim_atomic_fail_steps(unsigned long first, unsigned long count)
{
    fail_first = first;
    fail_count = count;
}

/* 1 when this commit step is to fail (errno set to EIO). */
static int injected(void)
{
    if (fail_first == 0)
        return 0;
    if (fail_first > 1) {
        fail_first--;
        return 0;
    }
    if (fail_count == 0 || --fail_count == 0)
        fail_first = 0;
    errno = EIO;
    return 1;
}

/* ssim_atomic_inject's rules: the at-th operation of kind op (counted from
 * the program's start) fails with err, or is a short write (err 0).  Off
 * (inject_on 0) in production: no operation is counted and streams are plain
 * fdopen() streams. */
enum { MAX_RULES = 8 };
typedef struct {
    ssim_atomic_op_t op;
    unsigned long at;
    int err;
} rule_t;
static rule_t rules[MAX_RULES];
static int n_rules, inject_on;
static unsigned long op_count[SSIM_ATOMIC_N_OPS];

int ssim_atomic_inject(ssim_atomic_op_t op, unsigned long k, int err)
{
    if ((unsigned)op >= SSIM_ATOMIC_N_OPS || (err == 0 && op != SSIM_ATOMIC_WRITE))
        return -1;
    inject_on = 1;
    if (k == 0)
        return 0;
    if (n_rules == MAX_RULES)
        return -1;
    rules[n_rules++] = (rule_t){op, op_count[op] + k, err};
    return 0;
}

unsigned long ssim_atomic_op_count(ssim_atomic_op_t op)
{
    return (unsigned)op < SSIM_ATOMIC_N_OPS ? op_count[op] : 0;
}

/* Count an operation of kind op; its rule's errno (or -1: a short write), or
 * 0 when it is to run as usual. */
static int inject_op(ssim_atomic_op_t op)
{
    if (!inject_on)
        return 0;
    unsigned long k = ++op_count[op];
    for (int i = 0; i < n_rules; i++)
        if (rules[i].op == op && rules[i].at == k) {
            int err = rules[i].err ? rules[i].err : -1;
            rules[i] = rules[--n_rules]; /* spent: its place is free again */
            return err;
        }
    return 0;
}

/* One write(2) of the temporary's bytes, as the rules say. */
static ssize_t step_write(int fd, const void *data, size_t size)
{
    int err = inject_op(SSIM_ATOMIC_WRITE);
    if (err > 0) {
        errno = err;
        return -1;
    }
    if (err < 0 && size > 1)
        size /= 2; /* a short write: the caller must write the rest */
    return write(fd, data, size);
}

static int step_fsync(int fd)
{
    int err = inject_op(SSIM_ATOMIC_FSYNC);
    if (err > 0) {
        errno = err;
        return -1;
    }
    return fsync(fd);
}

/* Close a completed temporary (its stream, which owns the descriptor, or the
 * descriptor): an injected failure still closes it, as a failing close(2)
 * does (NFS reports a failed write-back there).  Not for the abort path. */
static int step_close(ssim_atomic_t *a)
{
    int rc = a->f ? fclose(a->f) : close(a->fd);
    int err = inject_op(SSIM_ATOMIC_CLOSE);
    if (err > 0) {
        errno = err;
        return -1;
    }
    return rc;
}

/* The step hooks of a commit: the old EIO steps, then the rules. */
static int hooked(ssim_atomic_op_t op)
{
    if (injected())
        return 1;
    int err = inject_op(op);
    if (err > 0)
        errno = err;
    return err > 0;
}

static int step_link(const char *from, const char *to)
{
    return hooked(SSIM_ATOMIC_LINK) ? -1 : link(from, to);
}
static int step_rename(const char *from, const char *to)
{
    return hooked(SSIM_ATOMIC_RENAME) ? -1 : rename(from, to);
}
static int step_unlink(const char *path) { return injected() ? -1 : unlink(path); }

/* fsync a directory; file systems that cannot do that are not a failure. */
static int sync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
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

static int step_sync_dir(const char *dir) { return hooked(SSIM_ATOMIC_FSYNC) ? -1 : sync_dir(dir); }

/* --------------------------------------------------------------- names */

static ssim_status_t fail(const ssim_atomic_t *a, const char *step, const char *object, int err)
{
    return ssim_error(SSIM_EIO, (ssim_loc_t){a->path, 0, 0}, "%s %s: %s", step, object,
                      strerror(err));
}

/* RANDOM_CHARS characters from the kernel's generator (or, if that fails,
 * from the clock, the pid and a counter) and a NUL. */
static void random_chars(char *out)
{
    static const char set[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    static uint64_t counter;
    unsigned char bytes[RANDOM_CHARS];
    if (getrandom(bytes, sizeof bytes, GRND_NONBLOCK) != (ssize_t)sizeof bytes) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        uint64_t z = (uint64_t)ts.tv_nsec ^ (uint64_t)ts.tv_sec << 30 ^ (uint64_t)getpid() << 20 ^
                     ++counter * 0x9e3779b97f4a7c15ull;
        for (int i = 0; i < RANDOM_CHARS; i++) {
            z = (z ^ (z >> 31)) * 0xbf58476d1ce4e5b9ull;
            bytes[i] = (unsigned char)(z >> 40);
        }
    }
    for (int i = 0; i < RANDOM_CHARS; i++)
        out[i] = set[bytes[i] % (sizeof set - 1)];
    out[RANDOM_CHARS] = '\0';
}

/* Longest file name the sibling names may have (NAME_MAX on Linux file
 * systems). */
enum { NAME_BYTES = 255 };

/* Bytes of the widest tag of a sibling name: "." + a pid (at most 10
 * digits) + "." for a temporary, ".old." + a pid + "." for a backup. */
enum { TAG_BYTES = 16 };

/* How much of base the sibling names keep: all of it unless the name would
 * pass NAME_BYTES, so a legal final name of 255 bytes still gets a temporary
 * beside it (issue 18, defect 11).  The same for every tag, so that a later
 * run finds the temporaries of earlier ones. */
static size_t kept(const char *base)
{
    size_t extra = 1 + TAG_BYTES + RANDOM_CHARS, keep = strlen(base);
    return keep + extra > NAME_BYTES ? NAME_BYTES - extra : keep;
}

static const char *base_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* "<dir>/.<base><tag>" + random characters for a->path, into a new string. */
static char *sibling(const ssim_atomic_t *a, const char *tag)
{
    const char *base = base_of(a->path);
    size_t keep = kept(base), n = (size_t)(base - a->path) + keep + strlen(tag) + RANDOM_CHARS + 3;
    char *s = ssim_malloc(n, 1, "temporary path"), chars[RANDOM_CHARS + 1];
    if (!s)
        return NULL;
    random_chars(chars);
    snprintf(s, n, "%.*s.%.*s%s%s", (int)(base - a->path), a->path, (int)keep, base, tag, chars);
    return s;
}

/* Remove the temporaries that earlier processes left for this final name
 * when they were killed: ".<base>.<pid>.<random>" whose pid no longer runs
 * (issue 18, defect 12), and with backups = 1 their group commits' backups
 * ".<base>.old.<pid>.<random>" too (only once a new group is committed: a
 * backup may hold the earlier file of a group whose commit was killed
 * half-way).  Another live process's files, and anything else, are left
 * alone; failures are ignored (it is tidying, not a step). */
static void remove_stale(const ssim_atomic_t *a, int backups)
{
    const char *base = base_of(a->path);
    size_t keep = kept(base);
    DIR *d = opendir(a->dir);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        const char *name = e->d_name;
        if (name[0] != '.' || strncmp(name + 1, base, keep) != 0 || name[1 + keep] != '.')
            continue;
        const char *p = name + 2 + keep, *digits;
        if (strncmp(p, "old.", 4) == 0) {
            if (!backups)
                continue;
            p += 4;
        }
        digits = p;
        long pid = 0;
        while (*p >= '0' && *p <= '9' && p - digits < 10)
            pid = pid * 10 + (*p++ - '0');
        if (p == digits || *p != '.' || strlen(p + 1) != RANDOM_CHARS || pid <= 0 ||
            pid == (long)getpid())
            continue;
        if (kill((pid_t)pid, 0) < 0 && errno == ESRCH)
            (void)unlinkat(dirfd(d), name, 0);
    }
    if (d)
        closedir(d);
}

/* The final mode of a new file: 0666 less the umask (read once). */
static mode_t final_mode(void)
{
    static int known;
    static mode_t mode;
    if (!known) {
        mode_t mask = umask(0);
        (void)umask(mask);
        mode = 0666 & ~mask;
        known = 1;
    }
    return mode;
}

/* Release a's memory and descriptors; remove its temporary if still there. */
static void release(ssim_atomic_t *a)
{
    if (a->f)
        (void)fclose(a->f); /* closes a->fd */
    else if (a->fd >= 0)
        (void)close(a->fd);
    if (a->temp)
        (void)unlink(a->temp);
    free(a->path);
    free(a->dir);
    free(a->temp);
    free(a->backup);
    *a = (ssim_atomic_t){.fd = -1};
}

void ssim_atomic_abort(ssim_atomic_t *a)
{
    if (a && a->path) /* every started a has its path; a zeroed one has fd 0 */
        release(a);
}

/* a->path and a->dir for path. */
static ssim_status_t set_names(ssim_atomic_t *a, const char *path)
{
    size_t len = strlen(path);
    if (len == 0 || path[len - 1] == '/')
        return ssim_error(SSIM_EINVAL, SSIM_LOC_NONE,
                          "output path \"%s\" must name a file, not a directory", path);
    const char *slash = strrchr(path, '/');
    size_t dir_len = !slash ? 0 : slash == path ? 1 : (size_t)(slash - path);
    a->path = ssim_strdup(path, "output path");
    a->dir = ssim_malloc(dir_len + 2, 1, "output directory");
    if (!a->path || !a->dir)
        return SSIM_ENOMEM;
    snprintf(a->dir, dir_len + 2, "%.*s", slash ? (int)dir_len : 1, slash ? path : ".");
    return SSIM_OK;
}

/* Create the temporary exclusively (a fresh random name on a collision). */
static ssim_status_t create_temp(ssim_atomic_t *a)
{
    char tag[32]; /* pids have at most 10 digits: TAG_BYTES */
    snprintf(tag, sizeof tag, ".%ld.", (long)getpid());
    remove_stale(a, 0);
    for (int tries = 0; tries < MAX_TRIES; tries++) {
        free(a->temp);
        if (!(a->temp = sibling(a, tag)))
            return SSIM_ENOMEM;
        a->fd = open(a->temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (a->fd >= 0)
            return SSIM_OK;
        if (errno != EEXIST)
            break;
    }
    ssim_status_t st = fail(a, "cannot create temporary file", a->temp, errno);
    free(a->temp);
    a->temp = NULL;
    return st;
}

/* All of data to fd (retrying short writes and EINTR).  0, or -1 with errno. */
static int write_all(int fd, const unsigned char *data, size_t size)
{
    while (size > 0) {
        ssize_t w = step_write(fd, data, size);
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

/* The stream of a temporary under failure injection: its writes go through
 * write_all (so each write(2) is counted and may fail).  The cookie is the
 * descriptor. */
static ssize_t cookie_write(void *cookie, const char *data, size_t size)
{
    return write_all((int)(intptr_t)cookie, (const unsigned char *)data, size) == 0 ? (ssize_t)size
                                                                                    : -1;
}

static int cookie_close(void *cookie) { return close((int)(intptr_t)cookie); }

/* A stream on a->fd, which it then owns. */
static FILE *open_stream(ssim_atomic_t *a)
{
    if (!inject_on)
        return fdopen(a->fd, "w");
    cookie_io_functions_t io = {.write = cookie_write, .close = cookie_close};
    return fopencookie((void *)(intptr_t)a->fd, "w", io);
}

/* set_names + create_temp; a->f on it when stream. */
static ssim_status_t start(ssim_atomic_t *a, const char *path, int stream)
{
    *a = (ssim_atomic_t){.fd = -1};
    ssim_status_t st = set_names(a, path);
    if (st == SSIM_OK)
        st = create_temp(a);
    if (st == SSIM_OK && stream) {
        if ((a->f = open_stream(a)) == NULL)
            st = fail(a, "cannot open a stream on temporary file", a->temp, errno);
    }
    if (st != SSIM_OK)
        release(a);
    return st;
}

ssim_status_t ssim_atomic_open(ssim_atomic_t *a, const char *path) { return start(a, path, 1); }

/* Flush, give the final mode, fsync and close the temporary. */
static ssim_status_t finish(ssim_atomic_t *a)
{
    ssim_status_t st = SSIM_OK;
    errno = 0;
    if (a->f && (fflush(a->f) != 0 || ferror(a->f)))
        st = fail(a, "cannot write temporary file", a->temp, errno ? errno : EIO);
    else if (fchmod(a->fd, final_mode()) != 0)
        st = fail(a, "cannot set the mode of temporary file", a->temp, errno);
    else if (step_fsync(a->fd) != 0)
        st = fail(a, "cannot fsync temporary file", a->temp, errno);
    int rc = step_close(a);
    int err = errno;
    a->f = NULL;
    a->fd = -1;
    if (rc != 0 && st == SSIM_OK)
        st = fail(a, "cannot close temporary file", a->temp, err);
    return st;
}

/* The temporary renamed into place: it is gone. */
static ssim_status_t put_in_place(ssim_atomic_t *a)
{
    if (step_rename(a->temp, a->path) != 0)
        return fail(a, "cannot rename temporary file", a->temp, errno);
    free(a->temp);
    a->temp = NULL;
    return SSIM_OK;
}

ssim_status_t ssim_atomic_commit(ssim_atomic_t *a)
{
    ssim_status_t st = finish(a);
    if (st == SSIM_OK)
        st = put_in_place(a);
    if (st == SSIM_OK && step_sync_dir(a->dir) != 0) {
        st = fail(a, "cannot fsync directory", a->dir, errno);
        (void)unlink(a->path);
    }
    release(a);
    return st;
}

ssim_status_t ssim_atomic_write(const char *path, const void *data, size_t size)
{
    ssim_atomic_t a;
    ssim_status_t st = start(&a, path, 0);
    if (st != SSIM_OK)
        return st;
    if (write_all(a.fd, data, size) != 0) {
        st = fail(&a, "cannot write temporary file", a.temp, errno);
        release(&a);
        return st;
    }
    return ssim_atomic_commit(&a);
}

/* ------------------------------------------------------- group commit */

/* Keep the earlier file under a backup name, if there is one. */
static ssim_status_t make_backup(ssim_atomic_t *a)
{
    struct stat sb;
    if (lstat(a->path, &sb) != 0)
        return errno == ENOENT ? SSIM_OK : fail(a, "cannot inspect", a->path, errno);
    if (S_ISDIR(sb.st_mode))
        return fail(a, "cannot replace", a->path, EISDIR);
    char tag[32]; /* ".old.<pid>.": TAG_BYTES */
    snprintf(tag, sizeof tag, ".old.%ld.", (long)getpid());
    for (int tries = 0; tries < MAX_TRIES; tries++) {
        free(a->backup);
        if (!(a->backup = sibling(a, tag)))
            return SSIM_ENOMEM;
        if (step_link(a->path, a->backup) == 0)
            return SSIM_OK;
        if (errno == EEXIST)
            continue;
        if (errno != EPERM && errno != ENOTSUP && errno != EMLINK)
            break;
        /* No hard links here: reserve the name, then move the file onto it. */
        int fd = open(a->backup, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd < 0 && errno == EEXIST)
            continue;
        if (fd < 0)
            break;
        if (close(fd) == 0 && step_rename(a->path, a->backup) == 0) {
            a->moved = 1;
            return SSIM_OK;
        }
        int err = errno;
        (void)unlink(a->backup); /* our placeholder */
        errno = err;
        break;
    }
    ssim_status_t st = fail(a, "cannot keep a backup of", a->path, errno);
    free(a->backup);
    a->backup = NULL;
    return st;
}

/* Put a's final name back as it was; in_place: its new file was renamed
 * there.  A failure is reported naming what is left where. */
static ssim_status_t undo(ssim_atomic_t *a, int in_place)
{
    if (a->backup && (in_place || a->moved)) {
        if (step_rename(a->backup, a->path) != 0)
            return fail(a, "cannot restore the earlier file: it is kept as", a->backup, errno);
        free(a->backup);
        a->backup = NULL;
    } else if (a->backup) {
        (void)unlink(a->backup); /* a link: the earlier file never left */
        free(a->backup);
        a->backup = NULL;
    } else if (in_place && step_unlink(a->path) != 0) {
        return fail(a, "cannot remove the new file", a->path, errno);
    }
    return SSIM_OK;
}

/* fsync each distinct directory of a[0..n-1] (hooked: as commit steps). */
static ssim_status_t sync_dirs(ssim_atomic_t *a, size_t n, int hooked)
{
    for (size_t i = 0; i < n; i++) {
        size_t j = 0;
        while (j < i && strcmp(a[j].dir, a[i].dir) != 0)
            j++;
        if (j == i && (hooked ? step_sync_dir(a[i].dir) : sync_dir(a[i].dir)) != 0)
            return fail(&a[i], "cannot fsync directory", a[i].dir, errno);
    }
    return SSIM_OK;
}

/* After a commit: the backups are no longer needed. */
static void drop_backups(ssim_atomic_t *a, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (a[i].backup && unlink(a[i].backup) != 0)
            ssim_warn((ssim_loc_t){a[i].path, 0, 0}, "cannot remove the backup %s: %s", a[i].backup,
                      strerror(errno));
    (void)sync_dirs(a, n, 0);
}

ssim_status_t ssim_atomic_commit_group(ssim_atomic_t *a, size_t n)
{
    ssim_status_t st = SSIM_OK;
    size_t backed = 0, placed = 0; /* a[0 .. backed) backed up, a[0 .. placed) in place */
    for (size_t i = 0; i < n && st == SSIM_OK; i++)
        st = finish(&a[i]);
    while (st == SSIM_OK && backed < n)
        if ((st = make_backup(&a[backed])) == SSIM_OK)
            backed++;
    while (st == SSIM_OK && placed < n)
        if ((st = put_in_place(&a[placed])) == SSIM_OK)
            placed++;
    if (st == SSIM_OK)
        st = sync_dirs(a, n, 1);
    if (st == SSIM_OK) {
        drop_backups(a, n);
        for (size_t i = 0; i < n; i++)
            remove_stale(&a[i], 1); /* killed commits' backups: the group is whole now */
    } else {
        for (size_t i = backed; i-- > 0;) /* placed <= backed */
            (void)undo(&a[i], i < placed);
        (void)sync_dirs(a, n, 0);
    }
    for (size_t i = 0; i < n; i++)
        release(&a[i]); /* a backup left by a failed undo keeps the earlier file */
    return st;
}

ssim_status_t ssim_atomic_probe(const char *path)
{
    ssim_atomic_t a;
    ssim_status_t st = ssim_atomic_open(&a, path);
    if (st == SSIM_OK)
        ssim_atomic_abort(&a);
    return st;
}
