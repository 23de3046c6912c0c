# Japan data set and scenarios (scenarios/data/japan, scenarios/japan):
#   japan.generate         `sectorsim generate japan` (scale 1, seed 1) into the build tree
#   japan.committed        the committed scenarios/data/japan/network is exactly what
#                          the generator writes (regenerate it when facts change)
#   japan.validate.NAME    every scenario validates against the committed network
#   japan.run.NAME         every scenario runs (200 trials) on the generated network and
#                          its compromised-install funnel is within the calibration range
#                          documented in the scenario file (tests/japan/check_funnel.py)
# All together take a few seconds on 2 cores.
set(JP_SRC ${CMAKE_CURRENT_LIST_DIR}/japan)
set(JP_NET ${CMAKE_CURRENT_BINARY_DIR}/japan_network)
set(JP_SCEN ${SSIM_SOURCE_DIR}/scenarios/japan)

add_test(NAME japan.generate
         COMMAND sh -c "rm -rf \"$1\" && \"$0\" generate japan --quiet -o \"$1\" >/dev/null"
                 $<TARGET_FILE:sectorsim> ${JP_NET})
set_tests_properties(japan.generate PROPERTIES FIXTURES_SETUP japan_network)

add_test(NAME japan.committed
         COMMAND sh -c "for f in operators suppliers supply dependencies sectors coupling population service_areas; do cmp \"$0/$f.csv\" \"$1/$f.csv\" || exit 1; done"
                 ${JP_NET} ${SSIM_SOURCE_DIR}/scenarios/data/japan/network)
set_tests_properties(japan.committed PROPERTIES FIXTURES_REQUIRED japan_network)

execute_process(COMMAND ${SSIM_PYTHON} -c "import h5py, numpy"
                RESULT_VARIABLE JP_PY_RC OUTPUT_QUIET ERROR_QUIET)
if(JP_PY_RC EQUAL 0)
  set(JP_PY ${SSIM_PYTHON})
else()
  set(JP_PY "-")
  message(STATUS "japan: ${SSIM_PYTHON} lacks h5py/numpy: calibration checks skipped")
endif()

# One scenario: validate it, run it, check its calibration ranges (ARGN: the
# check_funnel.py arguments, as documented at the top of each scenario file).
set(JP_TESTS japan.generate japan.committed)
function(jp_case name)
  add_test(NAME japan.validate.${name}
           COMMAND $<TARGET_FILE:sectorsim> validate ${JP_SCEN}/${name}.yaml)
  add_test(NAME japan.run.${name}
           COMMAND ${JP_SRC}/run_archetype.sh $<TARGET_FILE:sectorsim> ${JP_PY}
                   ${JP_SCEN}/${name}.yaml ${JP_NET}
                   ${CMAKE_CURRENT_BINARY_DIR}/japan_${name}.h5 200 ${ARGN})
  set_tests_properties(japan.run.${name} PROPERTIES FIXTURES_REQUIRED japan_network)
  set(JP_TESTS ${JP_TESTS} japan.validate.${name} japan.run.${name} PARENT_SCOPE)
endfunction()

jp_case(baseline --funnel 0.45 0.75)
jp_case(solarwinds --funnel 0.45 0.65)
jp_case(kaseya --amplification 13 30 --funnel 0.02 0.12)
jp_case(notpetya --funnel 0.5 0.8)
jp_case(crowdstrike --funnel 0.8 1.0)
set_tests_properties(${JP_TESTS} PROPERTIES LABELS "japan;e2e")
