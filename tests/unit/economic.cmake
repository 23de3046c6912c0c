# The economic layer (models/economic/iim.h, models/economic/economic.h): validation cases,
# exactness against slow references, the built-in Japan 2011 table against
# its fact files (scenarios/data/japan/facts/io2011_*.csv), input errors.
ssim_unit_test(NAME test_economic SOURCES test_economic.c LIBS ssim_models ssim_generators
               ARGS ${PROJECT_SOURCE_DIR})
