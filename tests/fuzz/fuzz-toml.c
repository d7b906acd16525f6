/* fuzz-toml.c - libFuzzer target for the TOML reader (yamldoc_load_toml(),
 * tomldoc.c): the input is a whole document, given as exactly its bytes.
 * A refusal says why; a document loaded is a tree no deeper than
 * YAMLDOC_MAX_DEPTH whose nodes all have a line inside the text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "yamldoc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Walks node and what it holds, trapping on a broken invariant. */
static void
check(struct yamldoc *y, yaml_node_t *node, size_t lines, int depth)
{
	size_t i;

	if (node == NULL || depth > YAMLDOC_MAX_DEPTH ||
	    yamldoc_line(y, node) < 1 || yamldoc_line(y, node) > lines)
		__builtin_trap();
	for (i = 0; i < yamldoc_seq_len(node); i++)
		check(y, yamldoc_seq_item(y, node, i), lines, depth + 1);
	for (i = 0; i < yamldoc_map_len(node); i++) {
		if (yamldoc_scalar(yamldoc_map_key(y, node, i)) == NULL)
			__builtin_trap();	/* keys are strings */
		check(y, yamldoc_map_value(y, node, i), lines, depth + 1);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct yamldoc y;
	struct buf err = BUF_INIT;
	size_t i, lines = 1;
	int rc;

	for (i = 0; i < size; i++)
		lines += data[i] == '\n';
	rc = yamldoc_load_toml(&y, (const char *)data, size, 1, &err);
	if (rc != 0 && rc != -1)
		__builtin_trap();
	if (rc == -1 && err.len == 0)
		__builtin_trap();	/* a refusal always says why */
	if (rc == 0)
		check(&y, yamldoc_root(&y), lines, 1);
	yamldoc_free(&y);
	buf_free(&err);
	return 0;
}
