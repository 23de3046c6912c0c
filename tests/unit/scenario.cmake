# The scenario layer (engine/scenario): test_scenario with the core keys and
# the supply-chain incident's parameter sets (models/incident); test_params,
# parameter sets through a toy model's own catalog.
ssim_unit_test(NAME test_scenario SOURCES test_scenario.c LIBS ssim_scenario ssim_incident)
ssim_unit_test(NAME test_params SOURCES test_params.c LIBS ssim_scenario ssim_incident)
