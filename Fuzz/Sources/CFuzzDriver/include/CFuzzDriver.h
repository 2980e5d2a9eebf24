// libFuzzer's own driver, called from each target's entry point. SwiftPM links an
// executable with `main` defined as `<Target>_main`, so libFuzzer's `main` is not used; each
// target's `<Target>_main` hands its arguments to this instead (same flags, same behaviour).
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
