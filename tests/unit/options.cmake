# Regulation options applied to a hand-made network (models/regulation/variant.c).
add_executable(test_options ${CMAKE_CURRENT_LIST_DIR}/test_options.c)
target_link_libraries(test_options PRIVATE ssim_models ssim_generators ssim_regulation)
target_include_directories(test_options PRIVATE ${CMAKE_CURRENT_LIST_DIR})
add_test(NAME unit.test_options COMMAND test_options)
set_tests_properties(unit.test_options PROPERTIES LABELS unit)
