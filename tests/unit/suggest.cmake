# core/suggest: the "did you mean" distance and nearest-candidate search.
ssim_unit_test(NAME test_suggest SOURCES test_suggest.c LIBS ssim_core)
