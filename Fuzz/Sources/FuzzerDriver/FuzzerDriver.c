// Intentionally empty: the module only exports FuzzerDriver.h; libFuzzer (linked by -sanitize=fuzzer) defines the function.
#include "FuzzerDriver.h"
