# io: the HDF5 writer, `info`, the field registry (test_io), and the
# independent h5py/xarray checks on the files test_io keeps.
set(SSIM_IO_KEEP ${CMAKE_CURRENT_BINARY_DIR}/io_fake)
ssim_unit_test(NAME test_io SOURCES test_io.c LIBS ssim_study ssim_generators HDF5::HDF5
               ARGS --keep ${SSIM_IO_KEEP})
target_include_directories(test_io SYSTEM PRIVATE ${HDF5_INCLUDE_DIRS})
set_tests_properties(unit.test_io PROPERTIES FIXTURES_SETUP io_fake_files)

# The Python checks need Debian's h5py and xarray (with both netCDF engines).
execute_process(COMMAND ${SSIM_PYTHON} -c "import h5py, xarray, h5netcdf, netCDF4"
                RESULT_VARIABLE SSIM_IO_PY_RC OUTPUT_QUIET ERROR_QUIET)
if(SSIM_IO_PY_RC EQUAL 0)
  set(SSIM_IO_SCRIPTS ${PROJECT_SOURCE_DIR}/tests/scripts)
  add_test(NAME unit.h5check_fake
           COMMAND ${SSIM_PYTHON} ${SSIM_IO_SCRIPTS}/h5check.py ${SSIM_IO_KEEP}/fake.h5
                   ${SSIM_IO_KEEP}/fake_summary.h5)
  add_test(NAME unit.h5compare_fake_same
           COMMAND ${SSIM_PYTHON} ${SSIM_IO_SCRIPTS}/h5compare.py ${SSIM_IO_KEEP}/fake.h5
                   ${SSIM_IO_KEEP}/fake_threads.h5)
  # h5compare must exit exactly 1 (different), not 2 (error) or 0.
  add_test(NAME unit.h5compare_fake_changed
           COMMAND ${SSIM_PYTHON} -c
                   "import subprocess, sys; sys.exit(subprocess.call(sys.argv[1:]) != 1)"
                   ${SSIM_PYTHON} ${SSIM_IO_SCRIPTS}/h5compare.py ${SSIM_IO_KEEP}/fake.h5
                   ${SSIM_IO_KEEP}/fake_changed.h5)
  set_tests_properties(unit.h5check_fake unit.h5compare_fake_same unit.h5compare_fake_changed
                       PROPERTIES LABELS unit FIXTURES_REQUIRED io_fake_files)
else()
  message(STATUS "io: ${SSIM_PYTHON} lacks h5py/xarray/h5netcdf/netCDF4: h5py checks skipped")
endif()

# io/h5read, the one results-file reader (info, summarize), on hand-made files.
ssim_unit_test(NAME test_h5read SOURCES test_h5read.c LIBS ssim_io HDF5::HDF5)
target_include_directories(test_h5read SYSTEM PRIVATE ${HDF5_INCLUDE_DIRS})
