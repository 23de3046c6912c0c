/* core/text — the text forms every writer shares: a number in the shortest
 * form that reads back exactly, and one CSV field.
 *
 * Users: input/netwrite (network CSVs), scenario/json and core/dist (the
 * resolved JSON), analysis/ (CSV tables).  One implementation of each, so
 * that equal values give equal bytes in every file.
 */
#ifndef SSIM_CORE_TEXT_H
#define SSIM_CORE_TEXT_H

#include <stddef.h>
#include <stdio.h>

/* Enough for any ssim_text_double form ("-2.2250738585072014e-308" is 24). */
enum { SSIM_TEXT_DOUBLE_SIZE = 32 };

/* How ssim_text_double lays out the shortest digits.  Both give the same
 * digits and differ only for 10 <= |x| < 1e17 when the shortest digits end
 * before the units place. */
typedef enum {
    SSIM_TEXT_G,       /* %g at the fewest significant digits: 0.5 -> "0.5", 220 -> "2.2e+02",
                          1e5 -> "1e+05" (the network CSVs) */
    SSIM_TEXT_INTEGRAL /* the integer digits of 1 <= |x| < 1e17 written out: 220 -> "220",
                          1e5 -> "100000" (the resolved JSON) */
} ssim_text_style_t;

/* Write the finite double x into buf (size >= SSIM_TEXT_DOUBLE_SIZE) in the
 * shortest printf %g form that strtod reads back as exactly x, laid out as
 * style says.  Precisely: SSIM_TEXT_G is "%.Pg" with the least P in 1..17
 * that reads back; SSIM_TEXT_INTEGRAL the least P >= (the number of integer
 * digits of x when 1 <= |x| < 1e17, else 1).  Infinities print as "inf" and
 * "-inf", NaN as "nan" (not read back: callers validate first).  Locale: C
 * (the engine never calls setlocale).  Cost: 1 to 3 conversions (subnormals
 * up to 17).  Returns the length written, as snprintf does. */
int ssim_text_double(char *buf, size_t size, double x, ssim_text_style_t style);

/* Write s (UTF-8, NUL-terminated) as one CSV field (RFC 4180): as is, or in
 * double quotes with each quote doubled when it holds a comma, a quote, CR
 * or LF.  No other byte is changed.  Write errors are left in ferror(f). */
void ssim_text_csv_field(FILE *f, const char *s);

#endif
