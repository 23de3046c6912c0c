/* core/text — see text.h. */
#include "core/text.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Significant digits of a %g rendering, trailing zeros excluded ("100" has
 * one, "0.0012" two). */
static int significant_digits(const char *s)
{
    int n = 0, zeros = 0, started = 0;
    for (; *s && *s != 'e'; s++) {
        if (*s < '0' || *s > '9')
            continue;
        if (*s == '0' && !started)
            continue;
        started = 1;
        zeros = *s == '0' ? zeros + 1 : 0;
        n++;
    }
    return n - zeros;
}

static int reads_back(const char *s, double x) { return strtod(s, NULL) == x; }

/* "%.Pg" of x into buf with the least P in 1..17 that reads back as x (17
 * when none does: NaN); returns P.  Rounding a normal double to 15
 * significant digits (DBL_DIG) always lands on its shortest round-trip
 * decimal when that has at most 15 digits, so one try at 15 gives the digit
 * count; only values needing 16 or 17 digits take more tries.  Same bytes as
 * trying every precision from 1 up.  Subnormals (relative spacing coarser
 * than 10^-15) take the long way. */
static int shortest_g(char *buf, size_t size, double x)
{
    int subnormal = x != 0 && fabs(x) < DBL_MIN;
    snprintf(buf, size, "%.15g", x);
    if (!subnormal && reads_back(buf, x)) {
        int prec = significant_digits(buf);
        if (prec >= 15)
            return 15;
        prec = prec > 0 ? prec : 1;
        snprintf(buf, size, "%.*g", prec, x);
        return prec;
    }
    int prec = subnormal ? 1 : 16;
    for (; prec <= 17; prec++) {
        snprintf(buf, size, "%.*g", prec, x);
        if (reads_back(buf, x))
            return prec;
    }
    return 17;
}

int ssim_text_double(char *buf, size_t size, double x, ssim_text_style_t style)
{
    char tmp[SSIM_TEXT_DOUBLE_SIZE];
    int prec = shortest_g(tmp, sizeof tmp, x);
    if (style == SSIM_TEXT_INTEGRAL && fabs(x) >= 1 && fabs(x) < 1e17) {
        /* At least the integer digits, so 720 prints as 720, not 7.2e+02. */
        int first = (int)floor(log10(fabs(x))) + 1;
        for (int p = first; prec < first && p <= 17; p++) {
            snprintf(tmp, sizeof tmp, "%.*g", p, x);
            if (reads_back(tmp, x))
                break;
        }
    }
    return snprintf(buf, size, "%s", tmp);
}

void ssim_text_csv_field(FILE *f, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}
