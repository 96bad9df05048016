# Embeds data files (migrations, the postcode table) into the binary, so that vangnet runs from
# any directory and never depends on the source tree or ../shared at run time.
#
# vangnet_embed(TARGET <lib> NAME <c++ identifier> FILES <file>...)
# generates a source defining `std::span<const EmbeddedFile> <NAME>()` in namespace vangnet.
function(vangnet_embed)
  cmake_parse_arguments(ARG "" "TARGET;NAME" "FILES" ${ARGN})
  set(out "${CMAKE_CURRENT_BINARY_DIR}/${ARG_NAME}_embedded.cpp")
  add_custom_command(
    OUTPUT "${out}"
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DNAME=${ARG_NAME} "-DFILES=${ARG_FILES}"
            -P "${PROJECT_SOURCE_DIR}/cmake/EmbedFileScript.cmake"
    DEPENDS ${ARG_FILES} "${PROJECT_SOURCE_DIR}/cmake/EmbedFileScript.cmake"
    COMMENT "Embedding ${ARG_NAME}"
    VERBATIM)
  target_sources(${ARG_TARGET} PRIVATE "${out}")
endfunction()
