/* input/csv — a streaming RFC 4180 CSV reader that knows where every field is.
 *
 * The reader returns one record at a time.  Each field carries the physical
 * line (1-based) and byte column (1-based) where it starts, so callers can
 * report FILE:LINE:COL for any value.  While reading it computes the SHA-256
 * and byte count of the whole file (input provenance).
 *
 * Accepted input:
 *   - UTF-8 (validated: no overlong forms, surrogates or code points above
 *     U+10FFFF); a leading UTF-8 byte-order mark is skipped and does not count
 *     as a column;
 *   - LF or CRLF line ends (a CR not followed by LF is an error);
 *   - fields separated by ',', optionally quoted with '"'; inside quotes ""
 *     stands for one '"', and commas and line ends are literal, so a quoted
 *     field may span lines;
 *   - ASCII spaces around a field are not part of it: leading and trailing
 *     spaces of an unquoted field are trimmed, spaces before an opening or
 *     after a closing quote are ignored; spaces inside quotes are kept;
 *   - empty lines (and lines holding only spaces) are skipped.
 *
 * Rejected, each as an error naming PATH:LINE:COL (status in brackets):
 *   NUL bytes [EINVAL]; invalid UTF-8, with a hint that Japanese Excel's "CSV"
 *   is Shift_JIS/CP932 [EINVAL]; UTF-16 files [EINVAL]; a '"' inside an
 *   unquoted field [EINVAL]; text after a closing quote [EINVAL]; an
 *   unterminated quoted field (reported where its quote opens) [EINVAL];
 *   records longer than SSIM_NET_MAX_LINE_BYTES bytes, line ends excluded
 *   [ENOMEM, size cap]; more than SSIM_NET_MAX_FIELDS fields [ENOMEM, size
 *   cap].  The caps are the network loader's (input/network.h).
 *
 * Memory: one allocation of about 130 KiB per open reader, none per record.
 * Time: O(bytes).
 */
#ifndef SSIM_INPUT_CSV_H
#define SSIM_INPUT_CSV_H

#include "core/status.h"

#include <stddef.h>
#include <stdint.h>

/* One field of the current record.  text is owned by the reader and valid
 * until the next ssim_csv_next() or ssim_csv_close() call. */
typedef struct {
    const char *text; /* value, NUL-terminated: quotes removed, "" unescaped, spaces trimmed */
    size_t len;       /* strlen(text) (the reader rejects NUL bytes) */
    long line;        /* physical line where the field starts, 1-based */
    long col;         /* byte column of its first non-space byte (the opening quote
                         when quoted; the delimiter or line end when empty), 1-based */
    int quoted;       /* 1 when the field was written in quotes */
} ssim_csv_field_t;

/* One record, or the end of the file when n_fields == 0. */
typedef struct {
    size_t n_fields;                /* >= 1; 0 means end of file */
    const ssim_csv_field_t *fields; /* length n_fields; borrowed, valid until the next call */
    long line;                      /* physical line where the record starts (end of
                                       file: the position after the last byte) */
    long end_line, end_col;         /* where the record ends: its line end, or end of file */
} ssim_csv_record_t;

/* The reader (opaque). */
typedef struct ssim_csv ssim_csv_t;

/* Open path for reading; *out receives a reader the caller closes with
 * ssim_csv_close().  path is borrowed: it is used in messages and must stay
 * valid until the reader is closed.  Returns SSIM_EINVAL (message names the path
 * and the system's reason) when the file cannot be opened, SSIM_ENOMEM when
 * out of memory; *out is NULL then. */
ssim_status_t ssim_csv_open(ssim_csv_t **out, const char *path);

/* Read the next non-empty record into *rec.  At the end of the file returns
 * SSIM_OK with rec->n_fields == 0 (and again on every later call).  On an
 * error (raised with PATH:LINE:COL) returns its status; the reader must then
 * only be closed. */
ssim_status_t ssim_csv_next(ssim_csv_t *r, ssim_csv_record_t *rec);

/* SHA-256 (64 lowercase hex digits + NUL) and size of the file in bytes, BOM
 * included.  Valid once ssim_csv_next() has reported the end of the file;
 * before that hex is "" and bytes counts what was read so far. */
void ssim_csv_digest(const ssim_csv_t *r, char hex[65], uint64_t *bytes);

/* Close the file and free the reader; accepts NULL. */
void ssim_csv_close(ssim_csv_t *r);

#endif
