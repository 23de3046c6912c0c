/* core/atomic — files written atomically and durably: one file, or a group
 * of files that replaces an earlier group all or nothing.
 *
 * One file.  The bytes go to a temporary file beside the final name,
 * ".<base>.<pid>.XXXXXXXX" (the writer's process id and 8 random
 * characters; a base too long for that is cut), created exclusively
 * (O_CREAT|O_EXCL|O_NOFOLLOW|O_CLOEXEC) with mode 0600, so nobody can plant
 * it in advance, follow it or read it while it is written.  At commit it is
 * flushed, given the final mode (0666 less the umask: what open() gives a
 * new file), fsync'ed, closed and renamed over the final name; then the
 * directory is fsync'ed so that the new name survives a power loss.  A
 * reader sees the earlier file or the complete new one, never a partial file
 * under the final name.  Every failure removes the temporary; a killed
 * process leaves at most its hidden temporary and never damages an earlier
 * file, and the next writer of the same final name removes the temporaries
 * whose process no longer runs.
 *
 * A group (ssim_atomic_commit_group: the four CSV files of a network).
 * POSIX has no rename of several files at once, so the commit is made all or
 * nothing with backups.  Guarantee: when the commit returns, the final names
 * hold either the complete new group (SSIM_OK) or exactly what they held
 * before (an error: each earlier file, or no file where there was none),
 * never a mix; no temporary or backup file is left.  Protocol: (1) each
 * temporary is completed as above; (2) each existing final file is
 * hard-linked to a backup ".<base>.old.<pid>.XXXXXXXX" (the final name stays in
 * place); (3) the temporaries are renamed into place one by one; (4) the
 * directories are fsync'ed; (5) the backups are removed.  A failure in (2) to
 * (4) renames the backups back over the final names (and unlinks the new
 * files that had no earlier version), then fsyncs the directories.  Limits:
 *   - a second failure while undoing (the file system refuses a rename back)
 *     is reported naming each final name left new and the backup that still
 *     holds its earlier file: nothing is deleted, but the group is mixed;
 *   - a crash or SIGKILL during (3) (microseconds) leaves a mix, the earlier
 *     files kept under their backup names; a SIGKILL during (2) to (5) leaves
 *     backups, which the next successful commit of the same names removes
 *     (those whose process no longer runs);
 *   - where the file system has no hard links, (2) moves the earlier file to
 *     its backup name instead, so the final name is absent during the commit.
 * Not done: building the group in a fresh directory and swapping it in with
 * renameat2(RENAME_EXCHANGE).  That is atomic even against a crash, but the
 * target directory may hold the user's own files (a scenario, notes, a git
 * checkout), be the working directory, a mount point or a symlink, and the
 * swap would move those files and change the directory's identity, owner,
 * mode and ACL; it is also Linux-only.
 *
 * Errors: SSIM_EIO naming the final path, the step, the file and the
 * system's message; SSIM_EINVAL when a path names a directory; SSIM_ENOMEM
 * out of memory.  Not thread-safe: call from serial code.
 */
#ifndef SSIM_CORE_ATOMIC_H
#define SSIM_CORE_ATOMIC_H

#include "core/status.h"

#include <stddef.h>
#include <stdio.h>

/* A file being written.  Fields other than f and temp are private to
 * atomic.c; temp may be read (e.g. to check the contents before the
 * commit), never changed. */
typedef struct {
    FILE *f;      /* write the contents here (after ssim_atomic_open) */
    char *path;   /* final name (owned copy) */
    char *dir;    /* its directory ("." when path has no slash) */
    char *temp;   /* the temporary, or NULL when gone */
    char *backup; /* group commit: the backup of the earlier file, or NULL */
    int fd;       /* the temporary's descriptor (f, when open, owns it), or -1 */
    int moved;    /* the earlier file was moved to backup (no hard links) */
} ssim_atomic_t;

/* Create the temporary for path and open a->f on it.  On failure a is left
 * released (nothing to abort) and nothing is left on disk. */
ssim_status_t ssim_atomic_open(ssim_atomic_t *a, const char *path);

/* Complete the temporary, rename it over the final name, fsync the
 * directory.  Always releases a.  On failure the temporary is removed and
 * the earlier file is intact, except when only the directory fsync failed:
 * then the new file is removed (the earlier one was already replaced). */
ssim_status_t ssim_atomic_commit(ssim_atomic_t *a);

/* Commit a[0..n-1] (each opened with ssim_atomic_open) all or nothing, as
 * described above.  Always releases every a[i]. */
ssim_status_t ssim_atomic_commit_group(ssim_atomic_t *a, size_t n);

/* Check before any work that path can be written: its temporary is created
 * and removed again (so a read-only directory, a full inode table or a name
 * whose temporary is too long fails at once).  Errors as ssim_atomic_open. */
ssim_status_t ssim_atomic_probe(const char *path);

/* Close and remove the temporary and release a.  Accepts a released or
 * zeroed a (then does nothing). */
void ssim_atomic_abort(ssim_atomic_t *a);

/* Write size bytes of data to path as one file (open, write, commit). */
ssim_status_t ssim_atomic_write(const char *path, const void *data, size_t size);

/* Test hook: the commit steps first .. first + count - 1 from now fail with
 * EIO, counting each link, rename and unlink of a commit or its undo and
 * each directory fsync; first = 0 disables. */
void ssim_atomic_fail_steps(unsigned long first, unsigned long count);

/* The system calls that failure injection counts (ssim_atomic_inject). */
typedef enum {
    SSIM_ATOMIC_WRITE,  /* a write(2) of a temporary's bytes (a stream's too) */
    SSIM_ATOMIC_FSYNC,  /* the fsync(2) of a temporary, or of its directory after the rename */
    SSIM_ATOMIC_CLOSE,  /* the close(2) of a temporary */
    SSIM_ATOMIC_RENAME, /* a rename(2) of a commit (a temporary into place) or of its undo */
    SSIM_ATOMIC_LINK,   /* the link(2) that keeps a group commit's backup */
    SSIM_ATOMIC_N_OPS
} ssim_atomic_op_t;

/* Test hook (failure injection; sectorsim-inject's SSIM_INJECT_IO): from the
 * first call on, the operations above are counted (ssim_atomic_op_count)
 * and streams are opened through a layer that counts and injects their
 * write(2) and close(2) calls (in production they are plain fdopen()
 * streams and nothing is counted).  With k > 0, the k-th operation of kind
 * op from now fails with errno err; a write with err = 0 instead writes only
 * part of its bytes (a short write, which the writer must complete).  At most
 * 8 rules not yet spent.  Returns 0, or -1 (nothing changed) for a bad op, a short
 * operation other than a write, or too many rules.  Not thread-safe. */
int ssim_atomic_inject(ssim_atomic_op_t op, unsigned long k, int err);

/* Operations of kind op counted since the first ssim_atomic_inject. */
unsigned long ssim_atomic_op_count(ssim_atomic_op_t op);

#endif
