/* The info subcommand. */
#include "cli/cli.h"

#include "io/h5.h"

#include <string.h>
#include <sys/stat.h>

/* A network directory: load, check and print its shape. */
static ssim_status_t network_info(const char *dir)
{
    ssim_network_t net;
    ssim_graph_t g;
    memset(&g, 0, sizeof g);
    ssim_status_t st = ssim_network_load(&net, dir);
    if (st == SSIM_OK)
        st = ssim_graph_build(&g, &net);
    if (st == SSIM_OK)
        st = cli_print_network_shape(stdout, &net, &g);
    ssim_graph_destroy(&g);
    ssim_network_destroy(&net);
    return st;
}

int cli_cmd_info(int argc, char **argv)
{
    if (argc != 2 || argv[1][0] == '-')
        return ssim_status_exit_code(ssim_error(SSIM_EINVAL, SSIM_LOC_NONE,
                                                "usage: sectorsim info OUT.h5 | NETWORK_DIR"));
    struct stat st;
    if (stat(argv[1], &st) == 0 && S_ISDIR(st.st_mode))
        return ssim_status_exit_code(network_info(argv[1]));
    return ssim_status_exit_code(ssim_h5_info(argv[1], stdout));
}
