/* Unit tests of core/text: the shortest number form against the obviously
 * correct definition (try every precision from the first allowed up), on
 * hand-picked values and millions of random ones; the CSV field quoter. */
#include "core/text.h"

#include "check.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The definition: "%.Pg" with the least P >= first that reads back. */
static void reference(char *buf, size_t size, double x, ssim_text_style_t style)
{
    int first = 1;
    if (style == SSIM_TEXT_INTEGRAL && fabs(x) >= 1 && fabs(x) < 1e17)
        first = (int)floor(log10(fabs(x))) + 1;
    for (int prec = first; prec <= 17; prec++) {
        snprintf(buf, size, "%.*g", prec, x);
        if (strtod(buf, NULL) == x)
            return;
    }
}

static unsigned long n_compared;

/* Both styles of x agree with the reference; finite x reads back. */
static void check_value(double x)
{
    for (int style = SSIM_TEXT_G; style <= SSIM_TEXT_INTEGRAL; style++) {
        char got[SSIM_TEXT_DOUBLE_SIZE], want[SSIM_TEXT_DOUBLE_SIZE];
        int n = ssim_text_double(got, sizeof got, x, (ssim_text_style_t)style);
        reference(want, sizeof want, x, (ssim_text_style_t)style);
        n_compared++;
        if (strcmp(got, want) != 0 || n != (int)strlen(got) ||
            (isfinite(x) && strtod(got, NULL) != x)) {
            check_failures++;
            fprintf(stderr, "style %d, %a: got \"%s\", want \"%s\"\n", style, x, got, want);
        }
    }
}

static void expect(double x, const char *g, const char *integral)
{
    char buf[SSIM_TEXT_DOUBLE_SIZE];
    ssim_text_double(buf, sizeof buf, x, SSIM_TEXT_G);
    CHECK(strcmp(buf, g) == 0);
    ssim_text_double(buf, sizeof buf, x, SSIM_TEXT_INTEGRAL);
    CHECK(strcmp(buf, integral) == 0);
}

static void test_known(void)
{
    expect(0.0, "0", "0");
    expect(-0.0, "-0", "-0");
    expect(0.5, "0.5", "0.5");
    expect(0.1, "0.1", "0.1");
    expect(1.0 / 3, "0.3333333333333333", "0.3333333333333333");
    expect(220, "2.2e+02", "220");
    expect(720, "7.2e+02", "720");
    expect(1.9, "1.9", "1.9");
    expect(100000, "1e+05", "100000");
    expect(123456, "123456", "123456");
    expect(1e15, "1e+15", "1000000000000000");
    expect(1e17, "1e+17", "1e+17");
    expect(0.0001, "0.0001", "0.0001");
    expect(0.00001, "1e-05", "1e-05");
    expect(DBL_MAX, "1.7976931348623157e+308", "1.7976931348623157e+308");
    expect(DBL_MIN, "2.2250738585072014e-308", "2.2250738585072014e-308");
    expect(DBL_TRUE_MIN, "5e-324", "5e-324");
    expect(INFINITY, "inf", "inf");
    expect(-INFINITY, "-inf", "-inf");
    expect(NAN, "nan", "nan");
}

/* splitmix64: the test's own deterministic generator. */
static uint64_t next(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static void test_random(void)
{
    uint64_t s = 20240517;
    for (int i = 0; i < 30000; i++) {
        uint64_t bits = next(&s);
        double x;
        memcpy(&x, &bits, sizeof x); /* every exponent, subnormals, NaNs */
        check_value(x);
        /* short decimals, as generators and scenarios write them */
        double d = (double)(int64_t)(next(&s) % 2000001) - 1000000;
        int e = (int)(next(&s) % 41) - 20;
        check_value(d * pow(10, e));
        check_value((double)(next(&s) >> (next(&s) % 64)));     /* integers up to 2^64 */
        check_value(ldexp(1.0, (int)(next(&s) % 2100) - 1074)); /* powers of two */
    }
    for (int e = -324; e <= 308; e++) { /* powers of ten and their neighbours */
        double p = pow(10, e);
        check_value(p);
        check_value(nextafter(p, 0));
        check_value(nextafter(p, INFINITY));
    }
    check_count++;
    printf("compared %lu formattings with the reference\n", n_compared);
}

/* ssim_text_csv_field(s) as a string. */
static const char *field(const char *s)
{
    static char out[256];
    FILE *f = fmemopen(out, sizeof out, "w");
    if (!f)
        return "";
    ssim_text_csv_field(f, s);
    fclose(f);
    return out;
}

static void test_csv_field(void)
{
    CHECK(strcmp(field(""), "") == 0);
    CHECK(strcmp(field("plain text"), "plain text") == 0);
    CHECK(strcmp(field("東京電力"), "東京電力") == 0);
    CHECK(strcmp(field("a,b"), "\"a,b\"") == 0);
    CHECK(strcmp(field("say \"hi\""), "\"say \"\"hi\"\"\"") == 0);
    CHECK(strcmp(field("two\nlines"), "\"two\nlines\"") == 0);
    CHECK(strcmp(field("cr\r"), "\"cr\r\"") == 0);
    CHECK(strcmp(field(" spaced ;semi"), " spaced ;semi") == 0);
}

int main(void)
{
    test_known();
    test_random();
    test_csv_field();
    return check_report("test_text");
}
