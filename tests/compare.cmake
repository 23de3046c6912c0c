# sectorsim compare: regulation options on common random numbers (docs/regulation.md).
set(CMP_TINY ${CMAKE_CURRENT_LIST_DIR}/scenarios/tiny_options.yaml)
set(CMP_STOCH ${CMAKE_CURRENT_LIST_DIR}/scenarios/stochastic_options.yaml)
add_test(NAME e2e.compare
         COMMAND ${SSIM_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/golden/test_compare.py
                 $<TARGET_FILE:sectorsim> ${CMP_TINY} ${CMP_STOCH})
add_test(NAME e2e.compare_thread_invariance
         COMMAND ${CMAKE_CURRENT_LIST_DIR}/scripts/compare_thread_invariance.sh
                 $<TARGET_FILE:sectorsim> ${CMP_STOCH})
add_test(NAME e2e.compare_h5check
         COMMAND ${CMAKE_CURRENT_LIST_DIR}/scripts/compare_and_check.sh $<TARGET_FILE:sectorsim>
                 ${CMP_STOCH})
set_tests_properties(e2e.compare e2e.compare_thread_invariance e2e.compare_h5check
                     PROPERTIES LABELS e2e)

# The Japan options file runs as documented (docs/regulation.md), against the
# baseline incident and, through --options, against every archetype (100 trials).
set(JP_SCEN_DIR ${SSIM_SOURCE_DIR}/scenarios/japan)
foreach(name baseline solarwinds kaseya notpetya crowdstrike)
  if(name STREQUAL "baseline")
    set(args ${JP_SCEN_DIR}/regulation_options.yaml)
  else()
    set(args ${JP_SCEN_DIR}/${name}.yaml --options ${JP_SCEN_DIR}/regulation_options.yaml)
  endif()
  add_test(NAME japan.compare.${name}
           COMMAND $<TARGET_FILE:sectorsim> compare ${args} --trials 100 --quiet
                   -o ${CMAKE_CURRENT_BINARY_DIR}/japan_compare_${name}.h5)
  set_tests_properties(japan.compare.${name} PROPERTIES LABELS japan
                       PASS_REGULAR_EXPRESSION "burden \\(yen per year\\) by lever")
endforeach()

# No memory errors and no leaks through compare (skipped in sanitizer builds).
find_program(VALGRIND valgrind)
if(VALGRIND AND NOT SSIM_SANITIZE)
  add_test(NAME e2e.valgrind_compare
           COMMAND ${VALGRIND} --error-exitcode=9 --leak-check=full --errors-for-leak-kinds=definite
                   $<TARGET_FILE:sectorsim> compare ${CMP_STOCH} --trials 50 --threads 2 --quiet
                   --options ${CMP_TINY} -o ${CMAKE_CURRENT_BINARY_DIR}/valgrind_compare.h5)
  set_tests_properties(e2e.valgrind_compare PROPERTIES LABELS e2e)
endif()
