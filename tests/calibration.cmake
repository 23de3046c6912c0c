# Retrodiction suite (issue 19; docs/calibration.md):
#   calibration.validate.NAME   every history scenario (scenarios/japan/history/NAME.yaml)
#                               validates against the committed Japan network
#   calibration.retrodict       tests/calibration/retrodict.py runs every history scenario
#                               (trial counts as in the files) and asserts, for each row
#                               that scenarios/japan/history/checks.csv marks `check`, that
#                               the simulated median lies in the public range of targets.csv
#                               and the 5-95 % interval covers the public value; it writes
#                               the table in Markdown into the build tree
#   calibration.docs_in_sync    that table is the one pasted into docs/calibration.md
# About 10 s on 2 cores.  Label `calibration` (ctest -L calibration); part of the default run.
set(CAL_SRC ${CMAKE_CURRENT_LIST_DIR}/calibration)
set(CAL_HIST ${SSIM_SOURCE_DIR}/scenarios/japan/history)
set(CAL_TABLE ${CMAKE_CURRENT_BINARY_DIR}/calibration_table.md)

file(GLOB CAL_SCENARIOS CONFIGURE_DEPENDS ${CAL_HIST}/*.yaml)
set(CAL_TESTS calibration.retrodict calibration.docs_in_sync)
foreach(f ${CAL_SCENARIOS})
  get_filename_component(name ${f} NAME_WE)
  add_test(NAME calibration.validate.${name} COMMAND $<TARGET_FILE:sectorsim> validate ${f})
  list(APPEND CAL_TESTS calibration.validate.${name})
endforeach()

execute_process(COMMAND ${SSIM_PYTHON} -c "import h5py, numpy"
                RESULT_VARIABLE CAL_PY_RC OUTPUT_QUIET ERROR_QUIET)
if(CAL_PY_RC EQUAL 0)
  add_test(NAME calibration.retrodict
           COMMAND ${SSIM_PYTHON} ${CAL_SRC}/retrodict.py $<TARGET_FILE:sectorsim>
                   ${SSIM_SOURCE_DIR} --threads 2 --markdown ${CAL_TABLE})
  add_test(NAME calibration.docs_in_sync
           COMMAND ${SSIM_PYTHON} ${CAL_SRC}/docs_in_sync.py ${CAL_TABLE}
                   ${SSIM_SOURCE_DIR}/docs/calibration.md)
else()
  message(STATUS "calibration: ${SSIM_PYTHON} lacks h5py/numpy: retrodiction skipped")
  add_test(NAME calibration.retrodict COMMAND sh -c "exit 77")
  add_test(NAME calibration.docs_in_sync COMMAND sh -c "exit 77")
  set_tests_properties(calibration.retrodict calibration.docs_in_sync
                       PROPERTIES SKIP_RETURN_CODE 77)
endif()
set_tests_properties(calibration.retrodict PROPERTIES FIXTURES_SETUP calibration_table)
set_tests_properties(calibration.docs_in_sync PROPERTIES FIXTURES_REQUIRED calibration_table)
set_tests_properties(${CAL_TESTS} PROPERTIES LABELS "calibration;e2e")
