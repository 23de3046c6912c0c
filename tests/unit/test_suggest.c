/* core/suggest: hand-counted distances, the cap, and the nearest candidate. */
#include "check.h"

#include "core/suggest.h"

static void test_distance(void)
{
    CHECK_EQ_INT(ssim_suggest_distance("trials", "trials", 2), 0);
    CHECK_EQ_INT(ssim_suggest_distance("trails", "trials", 2), 1); /* one adjacent swap */
    CHECK_EQ_INT(ssim_suggest_distance("trial", "trials", 2), 1);  /* one insertion */
    CHECK_EQ_INT(ssim_suggest_distance("trxals", "trials", 2), 1); /* one substitution */
    CHECK_EQ_INT(ssim_suggest_distance("rnu", "run", 2), 1);
    CHECK_EQ_INT(ssim_suggest_distance("", "ab", 2), 2);
    CHECK_EQ_INT(ssim_suggest_distance("ab", "", 2), 2);
    CHECK_EQ_INT(ssim_suggest_distance("kitten", "sitting", 5), 3);
    /* capped: anything beyond cap reads cap + 1 */
    CHECK_EQ_INT(ssim_suggest_distance("kitten", "sitting", 2), 3);
    CHECK_EQ_INT(ssim_suggest_distance("bogus", "seed", 2), 3);
    CHECK_EQ_INT(ssim_suggest_distance("a", "abcdef", 2), 3); /* lengths alone exceed cap */
    CHECK_EQ_INT(ssim_suggest_distance("abc", "abc", 0), 0);
    CHECK_EQ_INT(ssim_suggest_distance("abc", "abd", 0), 1);
    char long_word[SSIM_SUGGEST_MAX_LEN + 1];
    memset(long_word, 'a', SSIM_SUGGEST_MAX_LEN);
    long_word[SSIM_SUGGEST_MAX_LEN] = '\0';
    CHECK_EQ_INT(ssim_suggest_distance(long_word, long_word, 2), 3); /* too long: never near */
}

static void test_nearest(void)
{
    const char *const words[] = {"output", "trials", "seed", NULL, "threads", "quiet"};
    size_t n = sizeof words / sizeof words[0];
    CHECK(ssim_suggest_nearest("trails", words, n, 2) == words[1]);
    CHECK(ssim_suggest_nearest("thread", words, n, 2) == words[4]);
    CHECK(ssim_suggest_nearest("bogus", words, n, 2) == NULL);
    CHECK(ssim_suggest_nearest("trails", words, n, 0) == NULL);
    CHECK(ssim_suggest_nearest("trails", words, n, -1) == NULL);
    CHECK(ssim_suggest_nearest("seed", words, 0, 2) == NULL);
    /* ties go to the first candidate: "sed" is 1 from both */
    const char *const tie[] = {"sad", "seed"};
    CHECK(ssim_suggest_nearest("sed", tie, 2, 2) == tie[0]);
    /* a nearer later candidate wins over an earlier one */
    const char *const nearer[] = {"trial", "trials"};
    CHECK(ssim_suggest_nearest("trials", nearer, 2, 2) == nearer[1]);
}

int main(void)
{
    test_distance();
    test_nearest();
    return check_report("test_suggest");
}
