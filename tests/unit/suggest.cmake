# core/suggest: the "did you mean" distance and nearest-candidate search.
add_executable(test_suggest ${CMAKE_CURRENT_LIST_DIR}/test_suggest.c)
target_link_libraries(test_suggest PRIVATE ssim_core)
target_include_directories(test_suggest PRIVATE ${CMAKE_CURRENT_LIST_DIR})
add_test(NAME unit.test_suggest COMMAND test_suggest)
set_tests_properties(unit.test_suggest PROPERTIES LABELS unit)
