/* Unit tests of input/csv: records, positions, quoting, BOM, CRLF, blank
 * lines, the SHA-256 of the bytes read, and every error the reader raises
 * (asserting PATH:LINE:COL and a key phrase of the message). */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* mkdtemp, rmdir */
#endif

#include "check.h"
#include "core/sha256.h"
#include "core/status.h"
#include "input/csv.h"
#include "input/network.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char tmpdir[64];
static char path[128];
static char errbuf[4096];

/* Write len bytes of text to the test file. */
static void write_file(const char *text, size_t len)
{
    FILE *fp = fopen(path, "wb");
    if (!fp || fwrite(text, 1, len, fp) != len) {
        perror(path);
        exit(2);
    }
    fclose(fp);
}

static void write_str(const char *text) { write_file(text, strlen(text)); }

/* Check field i of rec: text, line and column. */
static void check_field(const ssim_csv_record_t *rec, size_t i, const char *text, long line,
                        long col)
{
    CHECK(i < rec->n_fields);
    if (i >= rec->n_fields)
        return;
    const ssim_csv_field_t *f = &rec->fields[i];
    if (strcmp(f->text, text) != 0)
        fprintf(stderr, "field %zu: \"%s\" != \"%s\"\n", i, f->text, text);
    CHECK(strcmp(f->text, text) == 0);
    CHECK_EQ_INT(f->len, strlen(text));
    CHECK_EQ_INT(f->line, line);
    CHECK_EQ_INT(f->col, col);
}

/* Read the whole test file; the status of the first failure, or SSIM_OK.
 * *n_records counts the records returned before that. */
static ssim_status_t read_all(size_t *n_records)
{
    ssim_csv_t *r = NULL;
    ssim_csv_record_t rec;
    *n_records = 0;
    ssim_status_t st = ssim_csv_open(&r, path);
    while (st == SSIM_OK) {
        st = ssim_csv_next(r, &rec);
        if (st != SSIM_OK || rec.n_fields == 0)
            break;
        ++*n_records;
    }
    ssim_csv_close(r);
    return st;
}

/* Reading the file fails with status and a message containing
 * PATH:LINE:COL: phrase. */
static void expect_error(ssim_status_t status, long line, long col, const char *phrase)
{
    char want[512];
    size_t n;
    snprintf(want, sizeof want, "%s:%ld:%ld: %s", path, line, col, phrase);
    ssim_error_capture(errbuf, sizeof errbuf);
    ssim_status_t st = read_all(&n);
    ssim_error_capture(NULL, 0);
    CHECK_EQ_INT(st, status);
    CHECK_STR_CONTAINS(errbuf, want);
}

static void test_basic(void)
{
    ssim_csv_t *r = NULL;
    ssim_csv_record_t rec;
    write_str("a,bb,ccc\n1,22,333\n");
    CHECK_EQ_INT(ssim_csv_open(&r, path), SSIM_OK);
    CHECK_EQ_INT(ssim_csv_next(r, &rec), SSIM_OK);
    CHECK_EQ_INT(rec.n_fields, 3);
    CHECK_EQ_INT(rec.line, 1);
    check_field(&rec, 0, "a", 1, 1);
    check_field(&rec, 1, "bb", 1, 3);
    check_field(&rec, 2, "ccc", 1, 6);
    CHECK_EQ_INT(rec.end_line, 1);
    CHECK_EQ_INT(rec.end_col, 9);
    CHECK_EQ_INT(ssim_csv_next(r, &rec), SSIM_OK);
    CHECK_EQ_INT(rec.line, 2);
    check_field(&rec, 2, "333", 2, 6);
    CHECK_EQ_INT(ssim_csv_next(r, &rec), SSIM_OK);
    CHECK_EQ_INT(rec.n_fields, 0);
    CHECK_EQ_INT(rec.line, 3);
    CHECK_EQ_INT(ssim_csv_next(r, &rec), SSIM_OK); /* the end stays the end */
    CHECK_EQ_INT(rec.n_fields, 0);
    ssim_csv_close(r);
}

static void test_bom_crlf_and_last_line(void)
{
    ssim_csv_t *r = NULL;
    ssim_csv_record_t rec;
    write_str("\xEF\xBB\xBFid,name\r\nx,\r\ny,z");
    CHECK_EQ_INT(ssim_csv_open(&r, path), SSIM_OK);
    CHECK_EQ_INT(ssim_csv_next(r, &rec), SSIM_OK);
    check_field(&rec, 0, "id", 1, 1); /* the BOM is not a column */
    check_field(&rec, 1, "name", 1, 4);
    CHECK_EQ_INT(rec.end_col, 8); /* at the CR */
    CHECK_EQ_INT(ssim_csv_next(r, &rec), SSIM_OK);
    CHECK_EQ_INT(rec.n_fields, 2);
    check_field(&rec, 0, "x", 2, 1);
    check_field(&rec, 1, "", 2, 3);                /* empty last field sits at the line end */
    CHECK_EQ_INT(ssim_csv_next(r, &rec), SSIM_OK); /* no final line end */
    CHECK_EQ_INT(rec.n_fields, 2);
    check_field(&rec, 1, "z", 3, 3);
    CHECK_EQ_INT(rec.end_line, 3);
    CHECK_EQ_INT(rec.end_col, 4);
    CHECK_EQ_INT(ssim_csv_next(r, &rec), SSIM_OK);
    CHECK_EQ_INT(rec.n_fields, 0);
    char hex[65];
    uint64_t bytes;
    ssim_csv_digest(r, hex, &bytes);
    CHECK_EQ_INT(bytes, 19); /* the BOM counts in size and hash */
    ssim_csv_close(r);
}

static void test_quotes_and_spaces(void)
{
    ssim_csv_t *r = NULL;
    ssim_csv_record_t rec;
    write_str("\"x, y\",\"he said \"\"hi\"\"\",\"two\nlines\",z\n"
              "  a  , b ,  \" c \"  ,\"\"\n");
    CHECK_EQ_INT(ssim_csv_open(&r, path), SSIM_OK);
    CHECK_EQ_INT(ssim_csv_next(r, &rec), SSIM_OK);
    CHECK_EQ_INT(rec.n_fields, 4);
    CHECK_EQ_INT(rec.line, 1);
    check_field(&rec, 0, "x, y", 1, 1);
    CHECK(rec.fields[0].quoted);
    check_field(&rec, 1, "he said \"hi\"", 1, 8);
    check_field(&rec, 2, "two\nlines", 1, 25);
    check_field(&rec, 3, "z", 2, 8);
    CHECK(!rec.fields[3].quoted);
    CHECK_EQ_INT(ssim_csv_next(r, &rec), SSIM_OK);
    CHECK_EQ_INT(rec.line, 3);
    check_field(&rec, 0, "a", 3, 3);
    check_field(&rec, 1, "b", 3, 8);
    check_field(&rec, 2, " c ", 3, 13);
    check_field(&rec, 3, "", 3, 21);
    CHECK(rec.fields[3].quoted);
    ssim_csv_close(r);
}

static void test_blank_lines_and_utf8(void)
{
    ssim_csv_t *r = NULL;
    ssim_csv_record_t rec;
    write_str("\n\na\n   \n\r\n\xE6\x9D\xB1\xE4\xBA\xAC,x\n\n");
    CHECK_EQ_INT(ssim_csv_open(&r, path), SSIM_OK);
    CHECK_EQ_INT(ssim_csv_next(r, &rec), SSIM_OK);
    CHECK_EQ_INT(rec.line, 3);
    check_field(&rec, 0, "a", 3, 1);
    CHECK_EQ_INT(ssim_csv_next(r, &rec), SSIM_OK);
    CHECK_EQ_INT(rec.line, 6);
    check_field(&rec, 0, "\xE6\x9D\xB1\xE4\xBA\xAC", 6, 1); /* Tokyo */
    check_field(&rec, 1, "x", 6, 8);                        /* byte columns */
    CHECK_EQ_INT(ssim_csv_next(r, &rec), SSIM_OK);
    CHECK_EQ_INT(rec.n_fields, 0);
    ssim_csv_close(r);
}

static void test_digest(void)
{
    ssim_csv_t *r = NULL;
    ssim_csv_record_t rec;
    char hex[65];
    uint64_t bytes;
    write_str("abc");
    CHECK_EQ_INT(ssim_csv_open(&r, path), SSIM_OK);
    ssim_csv_digest(r, hex, &bytes);
    CHECK(hex[0] == '\0'); /* not before the end */
    while (ssim_csv_next(r, &rec) == SSIM_OK && rec.n_fields)
        ;
    ssim_csv_digest(r, hex, &bytes);
    CHECK(strcmp(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad") == 0);
    CHECK_EQ_INT(bytes, 3);
    ssim_csv_close(r);

    write_str("");
    CHECK_EQ_INT(ssim_csv_open(&r, path), SSIM_OK);
    CHECK_EQ_INT(ssim_csv_next(r, &rec), SSIM_OK);
    CHECK_EQ_INT(rec.n_fields, 0);
    ssim_csv_digest(r, hex, &bytes);
    CHECK(strcmp(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855") == 0);
    CHECK_EQ_INT(bytes, 0);
    ssim_csv_close(r);
}

/* Records and multi-byte characters that straddle the reader's blocks. */
static void test_large_file(void)
{
    enum { ROWS = 20000 };
    size_t cap = ROWS * 32, len = 0;
    char *text = malloc(cap);
    CHECK(text != NULL);
    if (!text)
        return;
    for (int i = 0; i < ROWS; i++)
        len += (size_t)snprintf(text + len, cap - len, "r%d,\xE6\x9D\xB1%d,\"q\"\"%d\"\n", i, i, i);
    write_file(text, len);
    ssim_sha256_t sha;
    char want[65], hex[65];
    uint64_t bytes;
    ssim_sha256_init(&sha);
    ssim_sha256_update(&sha, text, len);
    ssim_sha256_hex(&sha, want);

    ssim_csv_t *r = NULL;
    ssim_csv_record_t rec;
    int rows = 0, ok = 1;
    CHECK_EQ_INT(ssim_csv_open(&r, path), SSIM_OK);
    while (ssim_csv_next(r, &rec) == SSIM_OK && rec.n_fields) {
        char q[32];
        snprintf(q, sizeof q, "q\"%d", rows);
        ok &= rec.n_fields == 3 && rec.line == rows + 1 && strcmp(rec.fields[2].text, q) == 0;
        rows++;
    }
    CHECK(ok);
    CHECK_EQ_INT(rows, ROWS);
    ssim_csv_digest(r, hex, &bytes);
    CHECK(strcmp(hex, want) == 0);
    CHECK_EQ_INT(bytes, len);
    ssim_csv_close(r);
    free(text);
}

/* The field and record caps: 64 fields and 65536 bytes pass, one more fails. */
static void test_caps(void)
{
    size_t n;
    char *text = malloc(SSIM_NET_MAX_LINE_BYTES + 16);
    if (!text)
        return;
    size_t len = 0;
    for (int i = 0; i < SSIM_NET_MAX_FIELDS; i++)
        len += (size_t)sprintf(text + len, i ? ",%d" : "%d", i % 10);
    text[len++] = '\n';
    write_file(text, len);
    CHECK_EQ_INT(read_all(&n), SSIM_OK);
    CHECK_EQ_INT(n, 1);
    text[len - 1] = ',';
    text[len++] = '7';
    write_file(text, len);
    expect_error(SSIM_ENOMEM, 1, 2 * SSIM_NET_MAX_FIELDS + 1, "more than 64 fields");

    memset(text, 'a', SSIM_NET_MAX_LINE_BYTES);
    memcpy(text + SSIM_NET_MAX_LINE_BYTES, "\r\nb\n", 4);
    write_file(text, SSIM_NET_MAX_LINE_BYTES + 4);
    CHECK_EQ_INT(read_all(&n), SSIM_OK);
    CHECK_EQ_INT(n, 2);
    memcpy(text + SSIM_NET_MAX_LINE_BYTES, "a\nb\n", 4);
    write_file(text, SSIM_NET_MAX_LINE_BYTES + 4);
    expect_error(SSIM_ENOMEM, 1, SSIM_NET_MAX_LINE_BYTES + 1, "record longer than 65536 bytes");
    free(text);
}

static void test_errors(void)
{
    write_file("a,b\nc,\0d\n", 9);
    expect_error(SSIM_EINVAL, 2, 3, "NUL byte in file");

    /* "Tokyo" in Shift_JIS, as Japanese Excel writes it */
    write_str("id,name\nOP1,\x93\x8C\x8B\x9E\n");
    expect_error(SSIM_EINVAL, 2, 5, "invalid UTF-8 (byte 0x93)");
    CHECK_STR_CONTAINS(errbuf, "Shift_JIS (CP932)");
    CHECK_STR_CONTAINS(errbuf, "CSV UTF-8");
    write_str("a,\xE6\x9D"
              "b\n"); /* a sequence cut short: reported at its start */
    expect_error(SSIM_EINVAL, 1, 3, "invalid UTF-8 (byte 0xE6)");
    write_str("a,\xC0\x80\n"); /* overlong NUL */
    expect_error(SSIM_EINVAL, 1, 3, "invalid UTF-8 (byte 0xC0)");
    write_str("\n a\xED\xA0\x80\n"); /* a UTF-16 surrogate */
    expect_error(SSIM_EINVAL, 2, 3, "invalid UTF-8 (byte 0xED)");
    write_str("x\xF4\x90\x80\x80\n"); /* above U+10FFFF */
    expect_error(SSIM_EINVAL, 1, 2, "invalid UTF-8 (byte 0xF4)");
    write_str("ab\xE6\x9D"); /* truncated at the end of the file */
    expect_error(SSIM_EINVAL, 1, 3, "invalid UTF-8 (byte 0xE6)");
    write_file("\xFF\xFEi\0d\0", 6);
    expect_error(SSIM_EINVAL, 1, 1, "file is UTF-16");

    write_str("a,b\nc,\"open\nstill open,\n");
    expect_error(SSIM_EINVAL, 2, 3, "unterminated quoted field");
    write_str("a,\"b\"c,d\n");
    expect_error(SSIM_EINVAL, 1, 6, "text after a closing quote");
    write_str("a,\"b\" x\n");
    expect_error(SSIM_EINVAL, 1, 7, "text after a closing quote");
    write_str("a,b\"c\n");
    expect_error(SSIM_EINVAL, 1, 4, "'\"' inside an unquoted field");
    write_str("a,b\rc\n");
    expect_error(SSIM_EINVAL, 1, 4, "carriage return not followed by a line feed");
    write_str("a,b\r");
    expect_error(SSIM_EINVAL, 1, 4, "carriage return not followed by a line feed");
}

static void test_missing_file(void)
{
    ssim_csv_t *r = (ssim_csv_t *)&r; /* must be reset to NULL */
    char missing[160], want[200];
    snprintf(missing, sizeof missing, "%s/no-such.csv", tmpdir);
    snprintf(want, sizeof want, "%s: cannot open: No such file or directory", missing);
    ssim_error_capture(errbuf, sizeof errbuf);
    CHECK_EQ_INT(ssim_csv_open(&r, missing), SSIM_EINVAL);
    ssim_error_capture(NULL, 0);
    CHECK(r == NULL);
    CHECK_STR_CONTAINS(errbuf, want);
    ssim_csv_close(NULL);
}

int main(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/ssim_test_csv.XXXXXX");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 2;
    }
    snprintf(path, sizeof path, "%s/t.csv", tmpdir);
    test_basic();
    test_bom_crlf_and_last_line();
    test_quotes_and_spaces();
    test_blank_lines_and_utf8();
    test_digest();
    test_large_file();
    test_caps();
    test_errors();
    test_missing_file();
    remove(path);
    rmdir(tmpdir);
    return check_report("test_csv");
}
