// sleepnet app: the one place that includes OpenGL. WebGL2 (GLES 3.0) in the browser, OpenGL 3.3 core on
// the desktop; the app uses only the common subset.
#pragma once
#ifdef __EMSCRIPTEN__
#include <GLES3/gl3.h>
#define SN_GLSL_VERSION "#version 300 es\nprecision highp float;\nprecision highp int;\n"
#else
#define GL_GLEXT_PROTOTYPES 1
#include <GL/gl.h>
#include <GL/glext.h>
#define SN_GLSL_VERSION "#version 330 core\n"
#endif
