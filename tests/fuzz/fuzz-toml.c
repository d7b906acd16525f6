/* fuzz-toml.c - libFuzzer target for the TOML reader (tomldoc.cpp, through
 * yamldoc_load_as()); the checks are fuzz-doc.h's. */
#include "fuzz-doc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_document(YAMLDOC_TOML, data, size);
}
