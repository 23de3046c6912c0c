# sectorsim risk: the incident catalogue simulated year by year (docs/risk.md).
add_test(NAME e2e.risk_analytic
         COMMAND ${SSIM_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/risk/check_risk.py $<TARGET_FILE:sectorsim>
                 ${SSIM_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/risk_analytic)
add_test(NAME e2e.risk_bad_inputs
         COMMAND ${SSIM_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/risk/bad_catalogues.py
                 $<TARGET_FILE:sectorsim> ${SSIM_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/risk_bad)
set_tests_properties(e2e.risk_analytic e2e.risk_bad_inputs PROPERTIES LABELS e2e)
