// doctest's main for the unit tests; the same tests run natively and as WebAssembly under node.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest.h>
