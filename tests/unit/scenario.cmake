# Unit tests of engine/scenario: parsing, schema, errors, resolved JSON.
ssim_unit_test(NAME test_scenario SOURCES test_scenario.c LIBS ssim_scenario)
