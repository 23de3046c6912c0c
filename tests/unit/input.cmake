# Unit tests of engine/input: the CSV reader, the network loader and writer.
# test_network also runs the loader over the bad-input catalogue
# tests/bad_inputs/network/ (each case must fail with its `expect` text).
# test_network_cap is the same source built with the loader's row cap lowered
# to 3 (SSIM_NET_ROW_CAP), so the size-cap error is provoked cheaply.
set(SSIM_INPUT_SRC_DIR ${CMAKE_CURRENT_LIST_DIR}/../../engine/input)

ssim_unit_test(NAME test_csv SOURCES test_csv.c LIBS ssim_input)
ssim_unit_test(NAME test_network SOURCES test_network.c LIBS ssim_input
               ARGS ${CMAKE_CURRENT_LIST_DIR}/../bad_inputs/network)
ssim_unit_test(NAME test_network_cap
               SOURCES test_network.c ${SSIM_INPUT_SRC_DIR}/network.c ${SSIM_INPUT_SRC_DIR}/netrows.c
                       ${SSIM_INPUT_SRC_DIR}/netcons.c
                       ${SSIM_INPUT_SRC_DIR}/csv.c ${SSIM_INPUT_SRC_DIR}/snapshot.c
                       ${SSIM_INPUT_SRC_DIR}/snapload.c
               LIBS ssim_core DEFINITIONS SSIM_NET_ROW_CAP=3)
# netwrite's all-or-nothing commit, a failure injected at every step in turn.
ssim_unit_test(NAME test_netwrite SOURCES test_netwrite.c LIBS ssim_input)
