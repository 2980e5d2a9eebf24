// Declarations only (include/CFuzzDriver.h); libFuzzer provides LLVMFuzzerRunDriver.
#include "CFuzzDriver.h"
