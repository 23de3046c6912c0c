# Unit tests of engine/scenario: parsing, schema, errors, resolved JSON.
add_executable(test_scenario ${CMAKE_CURRENT_LIST_DIR}/test_scenario.c)
target_link_libraries(test_scenario PRIVATE ssim_scenario)
target_include_directories(test_scenario PRIVATE ${CMAKE_CURRENT_LIST_DIR})
add_test(NAME unit.test_scenario COMMAND test_scenario)
set_tests_properties(unit.test_scenario PROPERTIES LABELS unit)

# Parameter sets: a toy model's set through the test's own catalog.
add_executable(test_params ${CMAKE_CURRENT_LIST_DIR}/test_params.c)
target_link_libraries(test_params PRIVATE ssim_scenario)
target_include_directories(test_params PRIVATE ${CMAKE_CURRENT_LIST_DIR})
add_test(NAME unit.test_params COMMAND test_params)
set_tests_properties(unit.test_params PROPERTIES LABELS unit)
