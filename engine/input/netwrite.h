/* input/netwrite — writing a network directory (the inverse of network.h).
 *
 * Used by the network generators.  Rows are streamed to the four CSV files
 * (constant memory), in the order they are added; numbers are written in the
 * shortest form that reads back exactly (core/text, SSIM_TEXT_G), text
 * fields are quoted when needed (ssim_text_csv_field).  The files are
 * written under temporary names in DIR and committed by
 * ssim_netwrite_close() as one group (core/atomic.h): DIR then holds either
 * the complete new network or, after any failure, exactly the files it held
 * before (an earlier network stays whole; where there was none, none
 * appears), never a mix of old and new files or a half network that looks
 * complete.  Other files in DIR are never touched.  Nothing is validated
 * here: to check the files before they are committed, flush them with
 * ssim_netwrite_flush() and read them back with ssim_network_load_files().
 */
#ifndef SSIM_INPUT_NETWRITE_H
#define SSIM_INPUT_NETWRITE_H

#include "core/atomic.h"
#include "core/status.h"
#include "input/network.h"

#include <stdint.h>
#include <stdio.h>

enum { SSIM_NETWRITE_MAX_EXTRA = 8 /* optional files besides the four */ };

typedef struct {
    char *dir;
    /* the four files being written, then n_extra optional ones (ssim_netwrite_extra) */
    ssim_atomic_t file[SSIM_NET_N_FILES + SSIM_NETWRITE_MAX_EXTRA];
    size_t n_extra;
    uint64_t rows[SSIM_NET_N_FILES];
    int created_dir; /* DIR was created by open(): removed again if nothing is committed */
} ssim_netwrite_t;

/* Create DIR if missing (one level) and open the four temporary files with
 * their header rows.  SSIM_EIO (path named) when that fails, leaving nothing
 * behind.  A DIR created here is removed again by a close() that commits
 * nothing. */
ssim_status_t ssim_netwrite_open(ssim_netwrite_t *w, const char *dir);

/* Append one row each; codes are indices in the core/vocab.h tables. */
void ssim_netwrite_operator(ssim_netwrite_t *w, const char *id, const char *name, int sector,
                            int prefecture, int64_t customers, int designated);
void ssim_netwrite_supplier(ssim_netwrite_t *w, const char *id, const char *name,
                            const char *country, int category);
void ssim_netwrite_supply(ssim_netwrite_t *w, const char *supplier, const char *customer,
                          int channel, double install_lag_hours, double share, int privilege);
void ssim_netwrite_dependency(ssim_netwrite_t *w, const char *op, const char *provider, int kind,
                              double buffer_hours, double loss);

/* Open one more file, DIR/name, written under a temporary name with its
 * header row and committed (or deleted) together with the four files by
 * ssim_netwrite_close(): the optional network files (sectors.csv,
 * service_areas.csv, ...).  The caller writes its rows to *f (borrowed, valid
 * until close); numbers must be formatted deterministically.  SSIM_EINVAL
 * for a name already open or more than SSIM_NETWRITE_MAX_EXTRA files,
 * SSIM_EIO (path named) when the temporary cannot be created. */
ssim_status_t ssim_netwrite_extra(ssim_netwrite_t *w, const char *name, const char *header,
                                  FILE **f);

/* Flush the four files written so far and give their temporary names
 * (paths[f], owned by w, valid until close) so that they can be read back
 * and checked before the commit.  SSIM_EIO (file named) when a write
 * failed; the files stay open for more rows or the close. */
ssim_status_t ssim_netwrite_flush(ssim_netwrite_t *w, const char *paths[SSIM_NET_N_FILES]);

/* Commit the four files (and the extra ones) as one group (commit = 1: the guarantee above), or
 * delete them (commit = 0).  SSIM_EIO when any write or commit step failed
 * (DIR then holds what it held before).  Always releases w. */
ssim_status_t ssim_netwrite_close(ssim_netwrite_t *w, int commit);

#endif
