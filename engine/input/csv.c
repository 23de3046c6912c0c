/* input/csv — the streaming CSV reader (contract in csv.h).
 *
 * The file is read in CHUNK-byte blocks (each block also feeds the SHA-256).
 * A byte-at-a-time state machine appends field values to a fixed record
 * buffer, writing a NUL after each field; the field table points into it.
 * Every byte passes the NUL and UTF-8 checks first.  Positions: (line, col)
 * is where the next byte sits.
 */
#include "input/csv.h"

#include "core/infile.h"

#include "core/alloc.h"
#include "core/sha256.h"
#include "input/network.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { CHUNK = 1 << 16 };

/* Field values (<= raw record bytes) plus one NUL per field. */
#define REC_CAP ((size_t)SSIM_NET_MAX_LINE_BYTES + SSIM_NET_MAX_FIELDS + 1)

typedef enum {
    S_FIELD_START, /* before a field's first non-space byte */
    S_UNQUOTED,    /* inside an unquoted field */
    S_QUOTED,      /* inside quotes */
    S_QUOTE_SEEN,  /* a '"' inside quotes: an escaped quote or the closing one */
    S_AFTER_QUOTE, /* after the closing quote, skipping spaces */
    S_CR           /* a CR outside quotes: a LF must follow */
} state_t;

struct ssim_csv {
    const char *path; /* borrowed, for messages */
    FILE *fp;

    unsigned char *in; /* CHUNK bytes of input, then the record buffer */
    size_t in_len, in_pos;
    int eof;     /* fread has reached the end of the file */
    int started; /* the first block has been checked for a byte-order mark */
    int done;    /* the end of file was reported and the digest finished */

    /* the record being assembled */
    char *rec; /* REC_CAP bytes */
    size_t rec_len, raw_len, field_start;
    ssim_csv_field_t fields[SSIM_NET_MAX_FIELDS];
    size_t n_fields;
    ssim_csv_field_t cur; /* field being read; line/col valid once cur_started */
    int cur_started;
    state_t state;
    long rec_line, end_line, end_col;
    long cr_line, cr_col;

    long line, col; /* position of the next byte */

    /* UTF-8 validation: continuation bytes still expected and their range */
    int u8_need;
    unsigned char u8_lo, u8_hi, u8_lead;
    long u8_line, u8_col;

    ssim_sha256_t sha;
    uint64_t bytes;
    char hex[65];
};

static ssim_status_t fail(const ssim_csv_t *r, ssim_status_t st, long line, long col,
                          const char *msg)
{
    return ssim_error(st, (ssim_loc_t){r->path, line, col}, "%s", msg);
}

static ssim_status_t bad_utf8(const ssim_csv_t *r, unsigned char byte, long line, long col)
{
    return ssim_error(SSIM_EINVAL, (ssim_loc_t){r->path, line, col},
                      "invalid UTF-8 (byte 0x%02X): the file must be UTF-8; Excel's \"CSV\" on "
                      "Japanese Windows is Shift_JIS (CP932): save as \"CSV UTF-8\" instead",
                      byte);
}

ssim_status_t ssim_csv_open(ssim_csv_t **out, const char *path)
{
    *out = NULL;
    ssim_csv_t *r = ssim_calloc(1, sizeof *r, "CSV reader");
    if (!r)
        return SSIM_ENOMEM;
    r->path = path;
    r->in = ssim_malloc(CHUNK + REC_CAP, 1, "CSV reader buffers");
    if (!r->in) {
        ssim_csv_close(r);
        return SSIM_ENOMEM;
    }
    r->rec = (char *)r->in + CHUNK;
    ssim_status_t st = ssim_infile_open(&r->fp, path, "");
    if (st != SSIM_OK) {
        ssim_csv_close(r);
        return st;
    }
    r->line = r->col = 1;
    r->rec_line = 1;
    ssim_sha256_init(&r->sha);
    *out = r;
    return SSIM_OK;
}

void ssim_csv_close(ssim_csv_t *r)
{
    if (!r)
        return;
    if (r->fp)
        fclose(r->fp);
    free(r->in);
    free(r);
}

void ssim_csv_digest(const ssim_csv_t *r, char hex[65], uint64_t *bytes)
{
    memcpy(hex, r->hex, sizeof r->hex);
    *bytes = r->bytes;
}

/* Skip a UTF-8 byte-order mark; reject UTF-16 (its BOM is invalid UTF-8). */
static ssim_status_t check_start(ssim_csv_t *r)
{
    const unsigned char *b = r->in;
    r->started = 1;
    if (r->in_len >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF)))
        return fail(r, SSIM_EINVAL, 1, 1,
                    "file is UTF-16 (byte-order mark 0xFF 0xFE or 0xFE 0xFF): save it as UTF-8");
    if (r->in_len >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF)
        r->in_pos = 3;
    return SSIM_OK;
}

/* Read the next block; in_len == 0 afterwards means end of file. */
static ssim_status_t fill(ssim_csv_t *r)
{
    r->in_pos = 0;
    r->in_len = 0;
    if (r->eof)
        return SSIM_OK;
    errno = 0;
    r->in_len = fread(r->in, 1, CHUNK, r->fp);
    if (r->in_len < CHUNK) {
        if (ferror(r->fp))
            return ssim_error(SSIM_EIO, (ssim_loc_t){r->path, 0, 0}, "read error: %s",
                              strerror(errno ? errno : EIO));
        r->eof = 1;
    }
    ssim_sha256_update(&r->sha, r->in, r->in_len);
    r->bytes += r->in_len;
    return r->started ? SSIM_OK : check_start(r);
}

/* Feed one byte to the UTF-8 validator; 0 when it breaks the encoding. */
static int utf8_accept(ssim_csv_t *r, unsigned char c)
{
    if (r->u8_need) {
        if (c < r->u8_lo || c > r->u8_hi)
            return 0;
        r->u8_need--;
        r->u8_lo = 0x80;
        r->u8_hi = 0xBF;
        return 1;
    }
    if (c < 0x80)
        return 1;
    r->u8_lead = c;
    r->u8_line = r->line;
    r->u8_col = r->col;
    r->u8_lo = 0x80;
    r->u8_hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF)
        r->u8_need = 1;
    else if (c >= 0xE0 && c <= 0xEF)
        r->u8_need = 2;
    else if (c >= 0xF0 && c <= 0xF4)
        r->u8_need = 3;
    else
        return 0;
    if (c == 0xE0)
        r->u8_lo = 0xA0; /* no overlong 3-byte forms */
    else if (c == 0xED)
        r->u8_hi = 0x9F; /* no surrogates */
    else if (c == 0xF0)
        r->u8_lo = 0x90; /* no overlong 4-byte forms */
    else if (c == 0xF4)
        r->u8_hi = 0x8F; /* nothing above U+10FFFF */
    return 1;
}

/* NUL and UTF-8 checks for the byte at the current position. */
static ssim_status_t check_byte(ssim_csv_t *r, unsigned char c)
{
    if (c == 0)
        return fail(r, SSIM_EINVAL, r->line, r->col,
                    "NUL byte in file: this is not a UTF-8 text file (UTF-16 or binary?)");
    int in_sequence = r->u8_need > 0;
    if (utf8_accept(r, c))
        return SSIM_OK;
    if (in_sequence) /* a broken sequence: point at its first byte */
        return bad_utf8(r, r->u8_lead, r->u8_line, r->u8_col);
    return bad_utf8(r, c, r->line, r->col);
}

static void begin_record(ssim_csv_t *r)
{
    r->rec_len = r->raw_len = r->field_start = 0;
    r->n_fields = 0;
    r->cur_started = 0;
    r->cur.quoted = 0;
    r->state = S_FIELD_START;
    r->rec_line = r->line;
}

static void start_field(ssim_csv_t *r, int quoted)
{
    r->cur.line = r->line;
    r->cur.col = r->col;
    r->cur.quoted = quoted;
    r->cur_started = 1;
}

/* Close the current field; an empty field is placed at the current byte. */
static ssim_status_t end_field(ssim_csv_t *r)
{
    if (!r->cur_started)
        start_field(r, 0);
    if (r->n_fields == SSIM_NET_MAX_FIELDS)
        return ssim_error(SSIM_ENOMEM, (ssim_loc_t){r->path, r->cur.line, r->cur.col},
                          "more than %d fields in a record (size cap)", SSIM_NET_MAX_FIELDS);
    size_t len = r->rec_len - r->field_start;
    if (!r->cur.quoted)
        while (len && r->rec[r->field_start + len - 1] == ' ')
            len--;
    r->rec[r->field_start + len] = '\0';
    r->cur.text = r->rec + r->field_start;
    r->cur.len = len;
    r->fields[r->n_fields++] = r->cur;
    r->rec_len = r->field_start = r->field_start + len + 1;
    r->cur_started = 0;
    r->cur.quoted = 0;
    r->state = S_FIELD_START;
    return SSIM_OK;
}

/* A byte that ends a field outside quotes: ',', LF or CR.  Sets *complete
 * when the record ends here. */
static ssim_status_t delimiter(ssim_csv_t *r, unsigned char c, int *complete)
{
    ssim_status_t st = end_field(r);
    if (st != SSIM_OK || c == ',')
        return st;
    r->end_line = r->line;
    r->end_col = r->col;
    if (c == '\r') {
        r->cr_line = r->line;
        r->cr_col = r->col;
        r->state = S_CR;
        return SSIM_OK;
    }
    *complete = 1;
    return SSIM_OK;
}

static int is_delimiter(unsigned char c) { return c == ',' || c == '\n' || c == '\r'; }

/* Advance the state machine by one byte (already checked by check_byte). */
static ssim_status_t step(ssim_csv_t *r, unsigned char c, int *complete)
{
    if (r->state == S_CR) {
        if (c != '\n')
            return fail(
                r, SSIM_EINVAL, r->cr_line, r->cr_col,
                "carriage return not followed by a line feed (line ends must be LF or CRLF)");
        r->state = S_FIELD_START;
        *complete = 1;
        return SSIM_OK;
    }
    if ((r->state == S_QUOTED || (c != '\n' && c != '\r')) &&
        ++r->raw_len > SSIM_NET_MAX_LINE_BYTES) /* line ends outside quotes do not count */
        return ssim_error(SSIM_ENOMEM, (ssim_loc_t){r->path, r->line, r->col},
                          "record longer than %d bytes (size cap)", SSIM_NET_MAX_LINE_BYTES);
    switch (r->state) {
    case S_FIELD_START:
        if (c == ' ')
            return SSIM_OK;
        if (c == '"') {
            start_field(r, 1);
            r->state = S_QUOTED;
            return SSIM_OK;
        }
        if (is_delimiter(c))
            return delimiter(r, c, complete);
        start_field(r, 0);
        r->state = S_UNQUOTED;
        break;
    case S_UNQUOTED:
        if (is_delimiter(c))
            return delimiter(r, c, complete);
        if (c == '"')
            return fail(r, SSIM_EINVAL, r->line, r->col,
                        "'\"' inside an unquoted field: quote the whole field and write '\"' "
                        "as '\"\"'");
        break;
    case S_QUOTED:
        if (c == '"') {
            r->state = S_QUOTE_SEEN;
            return SSIM_OK;
        }
        break;
    case S_QUOTE_SEEN:
    case S_AFTER_QUOTE:
        if (c == '"' && r->state == S_QUOTE_SEEN) {
            r->state = S_QUOTED; /* "" stands for one quote */
            break;
        }
        if (is_delimiter(c))
            return delimiter(r, c, complete);
        if (c == ' ') {
            r->state = S_AFTER_QUOTE;
            return SSIM_OK;
        }
        return fail(r, SSIM_EINVAL, r->line, r->col,
                    "text after a closing quote: expected ',' or the end of the line");
    case S_CR:
        break; /* handled above */
    }
    r->rec[r->rec_len++] = (char)c;
    return SSIM_OK;
}

static void advance(ssim_csv_t *r, unsigned char c)
{
    if (c == '\n') {
        r->line++;
        r->col = 1;
    } else {
        r->col++;
    }
}

/* A record made of one unquoted empty field: an empty or all-space line. */
static int is_blank(const ssim_csv_t *r)
{
    return r->n_fields == 1 && !r->fields[0].quoted && r->fields[0].len == 0;
}

static void emit(const ssim_csv_t *r, ssim_csv_record_t *rec)
{
    rec->n_fields = r->n_fields;
    rec->fields = r->fields;
    rec->line = r->rec_line;
    rec->end_line = r->end_line;
    rec->end_col = r->end_col;
}

/* Report the end of file (n_fields == 0) and finish the digest once. */
static ssim_status_t end_of_file(ssim_csv_t *r, ssim_csv_record_t *rec)
{
    if (!r->done) {
        ssim_sha256_hex(&r->sha, r->hex);
        r->done = 1;
    }
    rec->n_fields = 0;
    rec->fields = r->fields;
    rec->line = rec->end_line = r->line;
    rec->end_col = r->col;
    return SSIM_OK;
}

/* The input ended: finish the pending record, or report the end of file. */
static ssim_status_t at_eof(ssim_csv_t *r, ssim_csv_record_t *rec)
{
    if (r->u8_need)
        return bad_utf8(r, r->u8_lead, r->u8_line, r->u8_col);
    if (r->state == S_QUOTED)
        return fail(r, SSIM_EINVAL, r->cur.line, r->cur.col,
                    "unterminated quoted field: the quote opened here is never closed");
    if (r->state == S_CR)
        return fail(r, SSIM_EINVAL, r->cr_line, r->cr_col,
                    "carriage return not followed by a line feed (line ends must be LF or CRLF)");
    if (r->done || (r->state == S_FIELD_START && r->n_fields == 0 && !r->cur_started))
        return end_of_file(r, rec);
    ssim_status_t st = end_field(r);
    if (st != SSIM_OK)
        return st;
    r->end_line = r->line;
    r->end_col = r->col;
    if (is_blank(r))
        return end_of_file(r, rec);
    emit(r, rec);
    return SSIM_OK; /* the next call finds the input spent and reports the end */
}

ssim_status_t ssim_csv_next(ssim_csv_t *r, ssim_csv_record_t *rec)
{
    begin_record(r);
    for (;;) {
        if (r->in_pos == r->in_len) {
            ssim_status_t st = fill(r);
            if (st != SSIM_OK)
                return st;
            if (r->in_pos == r->in_len)
                return at_eof(r, rec);
        }
        unsigned char c = r->in[r->in_pos++];
        int complete = 0;
        ssim_status_t st = check_byte(r, c);
        if (st == SSIM_OK)
            st = step(r, c, &complete);
        if (st != SSIM_OK)
            return st;
        advance(r, c);
        if (!complete)
            continue;
        if (!is_blank(r)) {
            emit(r, rec);
            return SSIM_OK;
        }
        begin_record(r);
    }
}
