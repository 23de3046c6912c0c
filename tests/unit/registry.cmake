# Unit tests of the model registry's scenario catalog: every model's
# parameter sets, and the resolved JSON against the golden bytes of the
# layout before kernel.* and economic.* moved into their models.
add_executable(test_registry ${CMAKE_CURRENT_LIST_DIR}/test_registry.c)
target_link_libraries(test_registry PRIVATE ssim_models)
target_include_directories(test_registry PRIVATE ${CMAKE_CURRENT_LIST_DIR})
add_test(NAME unit.test_registry
         COMMAND test_registry ${CMAKE_CURRENT_LIST_DIR}/resolved_kernel_economic.json)
set_tests_properties(unit.test_registry PROPERTIES LABELS unit)
