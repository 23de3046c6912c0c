# Regulation options applied to a hand-made network (models/regulation/variant.c).
ssim_unit_test(NAME test_options SOURCES test_options.c
               LIBS ssim_models ssim_generators ssim_regulation)
