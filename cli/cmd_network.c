/* The network subcommand: sectorsim network pack DIR -o NET.ssn.
 * ACTION is the first positional word (only `pack` for now). */
#include "cli/cli.h"

#include "core/log.h"
#include "input/snapshot.h"
#include "ssim_revision.h"
#include "ssim_version.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Load and check dir as run does (the network, then its graph), then write
 * the snapshot; print what was packed. */
static ssim_status_t pack(const char *dir, const char *out)
{
    ssim_network_t net;
    ssim_graph_t g;
    memset(&g, 0, sizeof g);
    double t0 = ssim_now();
    ssim_status_t st = ssim_network_load(&net, dir);
    if (st == SSIM_OK)
        st = ssim_graph_build(&g, &net);
    double t1 = ssim_now();
    if (st == SSIM_OK)
        st = ssim_snapshot_write(&net, out,
                                 "sectorsim " SSIM_VERSION " (git " SSIM_GIT_REVISION ")");
    struct stat sb;
    if (st == SSIM_OK && stat(out, &sb) == 0) {
        ssim_info("loaded and checked %s in %.2f s, wrote %s in %.2f s", dir, t1 - t0, out,
                  ssim_now() - t1);
        printf("packed %s: %zu operators, %zu suppliers, %zu supply edges, %zu dependencies "
               "into %s (%lld bytes)\n",
               dir, net.n_operators, net.n_suppliers, net.n_supply, net.n_deps, out,
               (long long)sb.st_size);
    }
    ssim_graph_destroy(&g);
    ssim_network_destroy(&net);
    return st;
}

/* -o must not be one of the network's files (nor the snapshot read). */
static ssim_status_t check_output(const char *dir, const char *out)
{
    enum { N = SSIM_NET_N_FILES + SSIM_NET_N_OPT_FILES + 1 };
    char paths[N][4096];
    const char *inputs[N];
    for (int f = 0; f < N - 1; f++) {
        const char *name =
            f < SSIM_NET_N_FILES
                ? ssim_network_file_name((ssim_net_file_t)f)
                : ssim_network_opt_file_name((ssim_net_opt_file_t)(f - SSIM_NET_N_FILES));
        snprintf(paths[f], sizeof paths[f], "%s/%s", dir, name);
        inputs[f] = paths[f];
    }
    inputs[N - 1] = dir;
    return cli_check_output_file("-o", out, inputs, N);
}

int cli_cmd_network(const cli_command_t *cmd, int argc, char **argv, const char *command_line)
{
    (void)command_line;
    const char *out = NULL;
    int quiet = 0;
    cli_parser_t p;
    cli_parser_init(&p, cmd, NULL, argc, argv);
    cli_parse_t r;
    while ((r = cli_parser_next(&p)) == CLI_PARSE_OPTION) {
        if (p.opt->id == CLI_OPT_OUTPUT)
            out = p.value;
        else if (p.opt->id == CLI_OPT_QUIET)
            quiet = 1;
    }
    if (r != CLI_PARSE_END)
        return cli_parse_exit_code(r);
    ssim_status_t st = SSIM_OK;
    if (strcmp(p.args[0], "pack") != 0)
        st = ssim_error(SSIM_EINVAL, SSIM_LOC_NONE,
                        "network: unknown action '%s' (the actions: pack; see 'sectorsim network "
                        "--help')",
                        p.args[0]);
    else if (!out)
        st = ssim_error(SSIM_EINVAL, SSIM_LOC_NONE, "network pack: missing -o NET.ssn");
    if (st == SSIM_OK)
        st = check_output(p.args[1], out);
    if (st != SSIM_OK)
        return ssim_status_exit_code(st);
    ssim_log_set_level(quiet ? SSIM_LOG_QUIET : SSIM_LOG_NORMAL);
    return ssim_status_exit_code(pack(p.args[1], out));
}
