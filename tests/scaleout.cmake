# Scale-out (docs/scale-out.md): shards merged, MPI ranks, checkpoints.
# Each gives the one-process file byte for byte outside /provenance.
set(SCALEOUT ${CMAKE_CURRENT_LIST_DIR}/scaleout)
add_test(NAME e2e.shards_merge
         COMMAND ${SCALEOUT}/shards_merge.sh $<TARGET_FILE:sectorsim> ${SSIM_SOURCE_DIR})
# SIGINT and kill -9 at random moments (3 rounds of 10^6 trials; 1 of 3e5 in the slower sanitizer
# build): timing-sensitive, so run alone.
if(SSIM_SANITIZE)
  set(SCALEOUT_KILLS 1)
  set(SCALEOUT_TRIALS 300000)
else()
  set(SCALEOUT_KILLS 3)
  set(SCALEOUT_TRIALS 1000000)
endif()
add_test(NAME e2e.checkpoint_resume
         COMMAND ${SCALEOUT}/checkpoint.sh $<TARGET_FILE:sectorsim> ${SSIM_SOURCE_DIR}
                 ${SCALEOUT_KILLS} ${SCALEOUT_TRIALS})
set_tests_properties(e2e.shards_merge e2e.checkpoint_resume PROPERTIES LABELS e2e)
set_tests_properties(e2e.checkpoint_resume PROPERTIES RUN_SERIAL TRUE TIMEOUT 900)
# The MPI driver at 1 to 4 ranks, oversubscribed on the 2-core machine; the
# build without MPI (SSIM_MPI=OFF or no libopenmpi-dev) has no MPI test.
find_program(MPIRUN mpirun)
if(MPI_C_FOUND AND MPIRUN AND NOT SSIM_SANITIZE)
  add_test(NAME e2e.mpi_ranks COMMAND ${SCALEOUT}/mpi.sh $<TARGET_FILE:sectorsim> ${SSIM_SOURCE_DIR})
  set_tests_properties(e2e.mpi_ranks PROPERTIES LABELS e2e RUN_SERIAL TRUE TIMEOUT 600)
endif()
# output.network_tables false: the network named by its files' digests.
add_test(NAME e2e.network_by_reference
         COMMAND ${SCALEOUT}/network_reference.sh $<TARGET_FILE:sectorsim> ${SSIM_SOURCE_DIR})
set_tests_properties(e2e.network_by_reference PROPERTIES LABELS e2e)
