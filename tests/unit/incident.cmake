# models/incident: the supply-chain incident's parameter sets through the
# models' catalog (the order, the accessors, the errors, the origin rule).
ssim_unit_test(NAME test_incident_params SOURCES test_incident_params.c LIBS ssim_models)
