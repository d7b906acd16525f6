/* fuzz-doc.h - the checks the document readers' libFuzzer targets share
 * (fuzz-json.c, fuzz-toml.c): the input is a whole document, given as
 * exactly its bytes. A refusal says why; a document loaded is a tree no
 * deeper than YAMLDOC_MAX_DEPTH whose nodes all have a line inside the
 * text. Included by each target, not a target itself. */
#ifndef QUIRE_FUZZ_DOC_H
#define QUIRE_FUZZ_DOC_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "yamldoc.h"

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

/* Loads the size bytes of data as a document of format fmt and checks
 * what comes back. */
static int
fuzz_document(enum yamldoc_format fmt, const uint8_t *data, size_t size)
{
	struct yamldoc y;
	struct buf err = BUF_INIT;
	size_t i, lines = 1;
	int rc;

	for (i = 0; i < size; i++)
		lines += data[i] == '\n';
	rc = yamldoc_load_as(fmt, &y, (const char *)data, size, 1, &err);
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

#endif
