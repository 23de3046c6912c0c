/* core/infile — see infile.h. */
#include "core/infile.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* What kind of file mode is, for the message. */
static const char *kind(mode_t mode)
{
    return S_ISDIR(mode)    ? "a directory"
           : S_ISFIFO(mode) ? "a FIFO"
           : S_ISCHR(mode)  ? "a character device"
           : S_ISBLK(mode)  ? "a block device"
           : S_ISSOCK(mode) ? "a socket"
                            : "not a regular file";
}

ssim_status_t ssim_infile_open(FILE **out, const char *path, const char *what)
{
    *out = NULL;
    ssim_loc_t loc = {path, 0, 0};
    const char *sep = what && *what ? " " : "";
    /* O_NONBLOCK: opening a FIFO without a writer must not wait */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return ssim_error(SSIM_EINVAL, loc, "cannot open%s%s: %s", sep, what ? what : "",
                          strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int err = errno;
        close(fd);
        return ssim_error(SSIM_EINVAL, loc, "cannot open%s%s: %s", sep, what ? what : "",
                          strerror(err));
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        return ssim_error(SSIM_EINVAL, loc, "an input must be a regular file (this is %s)",
                          kind(st.st_mode));
    }
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) < 0 || !(*out = fdopen(fd, "rb"))) {
        int err = errno;
        close(fd);
        return err == ENOMEM ? ssim_error(SSIM_ENOMEM, loc, "out of memory opening the file")
                             : ssim_error(SSIM_EINVAL, loc, "cannot open%s%s: %s", sep,
                                          what ? what : "", strerror(err));
    }
    return SSIM_OK;
}
