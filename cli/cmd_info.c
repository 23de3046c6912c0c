/* The info subcommand. */
#include "cli/cli.h"

#include "input/snapshot.h"
#include "io/h5.h"

#include <string.h>
#include <sys/stat.h>

/* A network directory or snapshot: load, check and print its shape. */
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
    char about[160], from[4096];
    ssim_snapshot_describe(&net, about, sizeof about);
    if (st == SSIM_OK && about[0]) { /* the directory of the files packed */
        snprintf(from, sizeof from, "%s", net.files[SSIM_FILE_OPERATORS].path);
        char *slash = strrchr(from, '/');
        if (slash)
            *slash = '\0';
        printf("snapshot: %s; packed from %s\n", about, slash ? from : ".");
    }
    ssim_graph_destroy(&g);
    ssim_network_destroy(&net);
    return st;
}

int cli_cmd_info(const cli_command_t *cmd, int argc, char **argv, const char *command_line)
{
    (void)command_line;
    cli_parser_t p;
    cli_parser_init(&p, cmd, NULL, argc, argv);
    cli_parse_t r = cli_parser_next(&p); /* info has no options but -h */
    if (r != CLI_PARSE_END)
        return cli_parse_exit_code(r);
    const char *path = p.args[0];
    struct stat st;
    if ((stat(path, &st) == 0 && S_ISDIR(st.st_mode)) || ssim_snapshot_has_magic(path))
        return ssim_status_exit_code(network_info(path));
    if (ssim_h5_is_risk(path))
        return ssim_status_exit_code(cli_print_risk_file(stdout, path, 1));
    if (cli_is_shard(path))
        return ssim_status_exit_code(cli_print_shard(stdout, path));
    return ssim_status_exit_code(ssim_h5_info(path, stdout));
}
