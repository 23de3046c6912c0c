# The economic layer (models/economic/iim.h, models/economic/economic.h): validation cases,
# exactness against slow references, the built-in Japan 2011 table against
# its fact files (scenarios/data/japan/facts/io2011_*.csv), input errors.
add_executable(test_economic ${CMAKE_CURRENT_LIST_DIR}/test_economic.c)
target_link_libraries(test_economic PRIVATE ssim_models ssim_generators)
target_include_directories(test_economic PRIVATE ${CMAKE_CURRENT_LIST_DIR})
add_test(NAME unit.test_economic COMMAND test_economic ${PROJECT_SOURCE_DIR})
set_tests_properties(unit.test_economic PROPERTIES LABELS unit)
