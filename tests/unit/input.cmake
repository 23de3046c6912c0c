# Unit tests of engine/input: the CSV reader, the network loader and writer.
# test_network also runs the loader over the bad-input catalogue
# tests/bad_inputs/network/ (each case must fail with its `expect` text).
# test_network_cap is the same source built with the loader's row cap lowered
# to 3 (SSIM_NET_ROW_CAP), so the size-cap error is provoked cheaply.
set(SSIM_INPUT_TEST_DIR ${CMAKE_CURRENT_LIST_DIR})
set(SSIM_INPUT_SRC_DIR ${CMAKE_CURRENT_LIST_DIR}/../../engine/input)

add_executable(test_csv ${SSIM_INPUT_TEST_DIR}/test_csv.c)
target_link_libraries(test_csv PRIVATE ssim_input)

add_executable(test_network ${SSIM_INPUT_TEST_DIR}/test_network.c)
target_link_libraries(test_network PRIVATE ssim_input)

add_executable(test_network_cap ${SSIM_INPUT_TEST_DIR}/test_network.c
               ${SSIM_INPUT_SRC_DIR}/network.c ${SSIM_INPUT_SRC_DIR}/netrows.c
               ${SSIM_INPUT_SRC_DIR}/csv.c)
target_compile_definitions(test_network_cap PRIVATE SSIM_NET_ROW_CAP=3)
target_link_libraries(test_network_cap PRIVATE ssim_core)

foreach(t test_csv test_network test_network_cap)
  target_include_directories(${t} PRIVATE ${SSIM_INPUT_TEST_DIR})
endforeach()

add_test(NAME unit.test_csv COMMAND test_csv)
add_test(NAME unit.test_network
         COMMAND test_network ${SSIM_INPUT_TEST_DIR}/../bad_inputs/network)
add_test(NAME unit.test_network_cap COMMAND test_network_cap)
set_tests_properties(unit.test_csv unit.test_network unit.test_network_cap
                     PROPERTIES LABELS unit)

# netwrite's all-or-nothing commit, a failure injected at every step in turn.
add_executable(test_netwrite ${SSIM_INPUT_TEST_DIR}/test_netwrite.c)
target_link_libraries(test_netwrite PRIVATE ssim_input)
target_include_directories(test_netwrite PRIVATE ${SSIM_INPUT_TEST_DIR})
add_test(NAME unit.test_netwrite COMMAND test_netwrite)
set_tests_properties(unit.test_netwrite PROPERTIES LABELS unit)
