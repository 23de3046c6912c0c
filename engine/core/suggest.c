#include "core/suggest.h"

#include <string.h>

/* Keeps three rows of the dynamic-programming table (the swap looks two rows
 * back); stops early once a whole row exceeds cap, since no later row can
 * be smaller than the minimum of the row before it. */
int ssim_suggest_distance(const char *a, const char *b, int cap)
{
    enum { MAXLEN = SSIM_SUGGEST_MAX_LEN };
    size_t la = strlen(a), lb = strlen(b);
    if (la >= MAXLEN || lb >= MAXLEN || (la > lb ? la - lb : lb - la) > (size_t)cap)
        return cap + 1;
    int rows3[3][MAXLEN + 1];
    int *prev2 = rows3[0], *prev = rows3[1], *cur = rows3[2];
    for (size_t j = 0; j <= lb; j++)
        prev[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        int row_min = cur[0] = (int)i;
        for (size_t j = 1; j <= lb; j++) {
            int v = prev[j - 1] + (a[i - 1] != b[j - 1]);
            if (prev[j] + 1 < v)
                v = prev[j] + 1;
            if (cur[j - 1] + 1 < v)
                v = cur[j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                prev2[j - 2] + 1 < v)
                v = prev2[j - 2] + 1;
            cur[j] = v;
            if (v < row_min)
                row_min = v;
        }
        if (row_min > cap)
            return cap + 1;
        int *t = prev2;
        prev2 = prev;
        prev = cur;
        cur = t;
    }
    return prev[lb];
}

const char *ssim_suggest_nearest(const char *word, const char *const *candidates, size_t n,
                                 int max_distance)
{
    const char *best = NULL;
    if (max_distance < 0)
        return NULL;
    int best_d = max_distance + 1;
    for (size_t i = 0; i < n; i++) {
        if (!candidates[i])
            continue;
        int d = ssim_suggest_distance(word, candidates[i], max_distance);
        if (d < best_d) {
            best_d = d;
            best = candidates[i];
        }
    }
    return best;
}
