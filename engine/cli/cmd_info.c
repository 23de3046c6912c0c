/* The info subcommand. */
#include "cli/cli.h"

#include "io/h5.h"

#include <string.h>

int cli_cmd_info(int argc, char **argv)
{
    if (argc != 2 || argv[1][0] == '-')
        return ssim_status_exit_code(ssim_error(SSIM_EINVAL, SSIM_LOC_NONE,
                                                "usage: sectorsim info OUT.h5"));
    return ssim_status_exit_code(ssim_h5_info(argv[1], stdout));
}
