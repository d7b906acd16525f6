/* fuzz-frontmatter.c - libFuzzer target for the front-matter reader
 * (frontmatter.c): the input is a whole Markdown file, given as exactly
 * its bytes (no terminating NUL), as fm_parse()'s contract allows. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "dates.h"
#include "frontmatter.h"
#include "unicode.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	uni_init();
	if (date_set_zone("UTC") != 0)
		abort();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct frontmatter fm;
	struct buf err = BUF_INIT, warn = BUF_INIT;
	int rc;
	size_t i;

	memset(&fm, 0, sizeof(fm));
	rc = fm_parse("fuzz.md", text, size, &fm, &err, &warn);
	if (rc != 0 && rc != -1)
		__builtin_trap();
	if (rc == -1 && err.len == 0)
		__builtin_trap();	/* a refusal always says why */
	if (rc == 0) {
		/* The body is a part of the text given. */
		if (fm.body == NULL && fm.body_len != 0)
			__builtin_trap();
		if (fm.body != NULL && (fm.body < text ||
		    fm.body_len > size || fm.body > text + size - fm.body_len))
			__builtin_trap();
		for (i = 0; i < fm.nterms[0]; i++)
			if (fm.terms[0] == NULL || fm.terms[0][i] == NULL)
				__builtin_trap();
		for (i = 0; i < fm.nterms[1]; i++)
			if (fm.terms[1] == NULL || fm.terms[1][i] == NULL)
				__builtin_trap();
		for (i = 0; i < fm.naliases; i++)
			if (fm.aliases == NULL || fm.aliases[i] == NULL)
				__builtin_trap();
	}
	fm_free(&fm);
	buf_free(&err);
	buf_free(&warn);
	return 0;
}
