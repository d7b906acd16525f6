/* fuzz-json.c - libFuzzer target for the JSON reader (jsondoc.c, through
 * yamldoc_load_as()); the checks are fuzz-doc.h's. */
#include "fuzz-doc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_document(YAMLDOC_JSON, data, size);
}
