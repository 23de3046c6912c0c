/* The merge subcommand: combine the shards of one study (--part K/N) into
 * the file one process would have written (docs/scale-out.md).
 *
 * The shards record their command's arguments and working directory; merge
 * checks that they belong together (the same command, inputs and version),
 * then runs that command again in MERGE mode (study/split.h): every run of
 * the study takes its blocks from the shards instead of running them, and
 * the command prints and writes exactly what it prints and writes in one
 * process. */
#include "cli/cli.h"

#include "core/log.h"
#include "ssim_revision.h"
#include "ssim_version.h"

#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* path made absolute (its directory resolved), malloc'd; NULL on failure. */
static char *absolute(const char *path)
{
    char *a = strdup(path), *b = strdup(path), dir[PATH_MAX];
    char *out = NULL;
    if (a && b && realpath(dirname(a), dir)) {
        const char *base = basename(b);
        size_t n = strlen(dir) + strlen(base) + 2;
        if ((out = malloc(n)))
            snprintf(out, n, "%s/%s", dir, base);
    }
    free(a);
    free(b);
    return out;
}

/* Read every shard's record and check that they belong together. */
static ssim_status_t read_shards(ssim_split_t *sp, char **paths, int n)
{
    sp->shards = calloc((size_t)n, sizeof *sp->shards);
    sp->shard_meta = calloc((size_t)n, sizeof *sp->shard_meta);
    if (!sp->shards || !sp->shard_meta)
        return ssim_error(SSIM_ENOMEM, SSIM_LOC_NONE, "out of memory");
    char version[128];
    snprintf(version, sizeof version, "%s (git %s)", SSIM_VERSION, SSIM_GIT_REVISION);
    for (int i = 0; i < n; i++) {
        ssim_loc_t loc = {paths[i], 0, 0};
        if (!(sp->shards[i] = absolute(paths[i])))
            return ssim_error(SSIM_EINVAL, loc, "cannot resolve the path");
        ssim_shard_meta_t *m = &sp->shard_meta[i];
        ssim_status_t st = ssim_h5_read_shard_meta(paths[i], m);
        sp->n_shards = (size_t)i + 1;
        if (st != SSIM_OK)
            return st;
        const ssim_shard_meta_t *m0 = &sp->shard_meta[0];
        if (m->checkpoint)
            return ssim_error(SSIM_EINVAL, loc,
                              "is a checkpoint, not a shard: continue its run with --resume");
        if (strcmp(m->version, version) != 0)
            return ssim_error(SSIM_EINVAL, loc,
                              "was written by sectorsim %s; this is %s: merge with the build "
                              "that ran the shards",
                              m->version, version);
        if (strcmp(m->command, m0->command) != 0 || strcmp(m->identity, m0->identity) != 0 ||
            m->parts != m0->parts || m->n_parts != m0->n_parts)
            return ssim_error(SSIM_EINVAL, loc,
                              "belongs to another study than %s (its command, inputs or "
                              "number of parts differ)",
                              paths[0]);
        for (int j = 0; j < i; j++)
            if (sp->shard_meta[j].part == m->part)
                return ssim_error(SSIM_EINVAL, loc,
                                  "is part %llu/%llu, as %s is: a part given "
                                  "twice",
                                  (unsigned long long)m->part, (unsigned long long)m->parts,
                                  paths[j]);
    }
    return SSIM_OK;
}

int cli_cmd_merge(const cli_command_t *cmd, int argc, char **argv, const char *command_line)
{
    cli_parser_t p;
    cli_parser_init(&p, cmd, NULL, argc, argv);
    cli_parse_t r;
    const char *output = NULL, *threads = NULL;
    int quiet = 0;
    while ((r = cli_parser_next(&p)) == CLI_PARSE_OPTION) {
        uint64_t n;
        if (p.opt->id == CLI_OPT_OUTPUT)
            output = p.value;
        else if (p.opt->id == CLI_OPT_QUIET)
            quiet = 1;
        else if (p.opt->id == CLI_OPT_THREADS) {
            if (cli_parse_u64("--threads", p.value, 1, 1024, &n) != SSIM_OK)
                return 2;
            threads = p.value;
        }
    }
    if (r != CLI_PARSE_END)
        return cli_parse_exit_code(r);
    ssim_log_set_level(quiet ? SSIM_LOG_QUIET : SSIM_LOG_NORMAL);
    if (!output)
        return ssim_status_exit_code(
            ssim_error(SSIM_EINVAL, SSIM_LOC_NONE, "merge: -o OUT is required"));
    ssim_split_t sp;
    memset(&sp, 0, sizeof sp);
    sp.mode = SSIM_SPLIT_MERGE;
    char *out = absolute(output);
    ssim_status_t st =
        out ? read_shards(&sp, p.args, p.n_args)
            : ssim_error(SSIM_EINVAL, SSIM_LOC_NONE, "-o %s: its directory does not exist", output);
    const cli_command_t *target = NULL;
    const ssim_shard_meta_t *m0 = st == SSIM_OK ? &sp.shard_meta[0] : NULL;
    /* only a study's shards: the command re-run must be one of them, named
     * as the shard's own first word (a crafted file runs nothing else) */
    if (st == SSIM_OK &&
        (!cli_command_splits(m0->command) || strcmp(m0->argv[0], m0->command) != 0 ||
         !(target = cli_command_find(m0->command))))
        st = ssim_error(SSIM_EINVAL, (ssim_loc_t){p.args[0], 0, 0},
                        "records the command '%s', not one of run, compare, criticality, risk",
                        m0->command);
    if (st == SSIM_OK && chdir(m0->cwd) != 0)
        st = ssim_error(SSIM_EINVAL, (ssim_loc_t){p.args[0], 0, 0},
                        "its command ran in %s, which this process cannot enter", m0->cwd);
    /* the shards' command, with -o OUT and this command's --threads, -q */
    char **args = st == SSIM_OK ? calloc(m0->argc + 6, sizeof *args) : NULL;
    int n = 0;
    if (st == SSIM_OK && !args)
        st = ssim_error(SSIM_ENOMEM, SSIM_LOC_NONE, "out of memory");
    int rc;
    if (st == SSIM_OK) {
        for (size_t i = 0; i < m0->argc; i++)
            args[n++] = m0->argv[i];
        args[n++] = "-o";
        args[n++] = out;
        if (threads) {
            args[n++] = "--threads";
            args[n++] = (char *)threads;
        }
        if (quiet)
            args[n++] = "-q";
        sp.meta = *m0; /* borrowed: sp's argv is not released by the command */
        sp.meta.argv = NULL;
        sp.meta.argc = 0;
        sp.meta.first = sp.meta.end = NULL;
        cli_merge_split = &sp;
        ssim_info("merging %d shard%s of `%s` (%llu parts)", p.n_args, p.n_args == 1 ? "" : "s",
                  m0->command, (unsigned long long)m0->parts);
        rc = target->main(target, n, args, command_line);
        cli_merge_split = NULL;
    } else {
        rc = ssim_status_exit_code(st);
        cli_split_destroy(&sp);
    }
    free(args);
    free(out);
    return rc;
}
