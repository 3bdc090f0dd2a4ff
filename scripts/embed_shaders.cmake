# Turns shaders/*.glsl into a C++ header of raw strings: shader name -> source (no #version line;
# the app prepends "#version 300 es" on the web and "#version 330 core" on the desktop).
file(GLOB files ${DIR}/*.glsl)
list(SORT files)
set(body "// generated from shaders/*.glsl by scripts/embed_shaders.cmake; do not edit\n#pragma once\nstruct EmbeddedShader { const char* name; const char* source; };\nstatic const EmbeddedShader kEmbeddedShaders[] = {\n")
foreach(f ${files})
  get_filename_component(n ${f} NAME)
  file(READ ${f} src)
  string(APPEND body "  {\"${n}\", R\"SNGLSL(${src})SNGLSL\"},\n")
endforeach()
string(APPEND body "};\n")
file(WRITE ${OUT}.tmp "${body}")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different ${OUT}.tmp ${OUT})
