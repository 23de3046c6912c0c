# The Japan generator (models/generators/japan/gen_japan*.c): helpers, determinism, counts per
# sector at scale 1 and 0.1, census population sums, power-area dependencies,
# designation, and broken fact tables (test_gen_japan).  It generates into the
# build tree from the bundled facts.
ssim_unit_test(NAME test_gen_japan SOURCES test_gen_japan.c LIBS ssim_study ssim_generators
               ARGS ${PROJECT_SOURCE_DIR}/scenarios/data/japan/facts
                    ${CMAKE_CURRENT_BINARY_DIR}/japan_unit)
