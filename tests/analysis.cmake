# Analysis: summarize, criticality, report (tests/analysis/).
set(ANALYSIS_TESTS ${CMAKE_CURRENT_LIST_DIR}/analysis)
set(TINY_SCENARIO ${SSIM_SOURCE_DIR}/scenarios/examples/tiny/scenario.yaml)

add_test(NAME analysis.summarize
         COMMAND ${SSIM_PYTHON} ${ANALYSIS_TESTS}/test_summarize.py $<TARGET_FILE:sectorsim> ${TINY_SCENARIO}
                 ${CMAKE_CURRENT_LIST_DIR}/scenarios/tiny_options.yaml)
add_test(NAME analysis.criticality
         COMMAND ${SSIM_PYTHON} ${ANALYSIS_TESTS}/test_criticality.py $<TARGET_FILE:sectorsim> ${TINY_SCENARIO})
add_test(NAME analysis.interop
         COMMAND ${SSIM_PYTHON} ${ANALYSIS_TESTS}/test_interop.py $<TARGET_FILE:sectorsim>
                 ${CMAKE_CURRENT_LIST_DIR}/scenarios/stochastic.yaml)
add_test(NAME analysis.report
         COMMAND ${SSIM_PYTHON} ${ANALYSIS_TESTS}/test_report.py $<TARGET_FILE:sectorsim> ${TINY_SCENARIO}
                 ${CMAKE_CURRENT_LIST_DIR}/scenarios/tiny_options.yaml)
add_test(NAME analysis.report_risk
         COMMAND ${SSIM_PYTHON} ${ANALYSIS_TESTS}/test_report_risk.py $<TARGET_FILE:sectorsim> ${SSIM_SOURCE_DIR})
add_test(NAME analysis.report_browser
         COMMAND ${ANALYSIS_TESTS}/test_report_browser.sh $<TARGET_FILE:sectorsim> ${SSIM_SOURCE_DIR})
# e2e (setup.sh's run) and analysis (ctest -L analysis: the analysis layer alone)
set_tests_properties(analysis.summarize analysis.criticality analysis.interop analysis.report
                     analysis.report_risk analysis.report_browser
                     PROPERTIES LABELS "e2e;analysis")
set_tests_properties(analysis.report_browser PROPERTIES SKIP_RETURN_CODE 77)

# No memory errors and no leaks in the C analysis paths (skipped in sanitizer builds).
find_program(VALGRIND valgrind)
if(VALGRIND AND NOT SSIM_SANITIZE)
  add_test(NAME analysis.valgrind
           COMMAND ${CMAKE_COMMAND} -DBIN=$<TARGET_FILE:sectorsim> -DVALGRIND=${VALGRIND}
                   -DTINY=${TINY_SCENARIO} -DWORK=${CMAKE_CURRENT_BINARY_DIR}/analysis_valgrind
                   -P ${ANALYSIS_TESTS}/valgrind.cmake)
  set_tests_properties(analysis.valgrind PROPERTIES LABELS e2e)
endif()
