#ifndef HYSITE_CFUZZDRIVER_H
#define HYSITE_CFUZZDRIVER_H

#include <stddef.h>
#include <stdint.h>

/// libFuzzer's entry point for programs with their own `main` (compiler-rt's FuzzerDriver.cpp).
/// Only declared here: it is defined by libFuzzer, which the Swift compiler links in only with
/// `-sanitize=fuzzer`, so `hysite-fuzz` calls it only when built with `-DHYSITE_FUZZ` (scripts/fuzz.sh).
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*cb)(const uint8_t *data, size_t size));

#endif
