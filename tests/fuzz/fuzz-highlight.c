/* fuzz-highlight.c - libFuzzer target for code blocks (highlight.c over
 * highlight-lex.c): the input's first line is a fence's info string (or,
 * after a leading '%', a highlight shortcode's "LANG OPTIONS"), the rest
 * the code. Invariants: an answer of 0 or -1, a message with -1, markup
 * whose spans all close, and the work bound holding (libFuzzer's
 * -timeout catches a stall). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "highlight.h"
#include "highlight-lex.h"
#include "site.h"
#include "unicode.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct site inline_site;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	uni_init();
	site_init(&inline_site);
	site_set(&inline_site, "hl.lineNos", "1");
	site_set(&inline_site, "hl.lineNumbersInTable", "0");
	site_set(&inline_site, "hl.hl_Lines", "1-3 5");
	return 0;
}

/* Occurrences of what in the n bytes at s (code may hold NUL bytes). */
static size_t
count(const char *s, size_t n, const char *what)
{
	const char *end = s + n, *p;
	size_t k = 0, len = strlen(what);

	while ((p = memmem(s, (size_t)(end - s), what, len)) != NULL) {
		k++;
		s = p + len;
	}
	return k;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data, *nl = memchr(s, '\n', size);
	size_t head = nl ? (size_t)(nl - s) : size;
	struct buf info = BUF_INIT, out = BUF_INIT, err = BUF_INIT;
	struct buf warn = BUF_INIT;
	const char *code = nl ? nl + 1 : s + size;
	size_t n = size - (size_t)(code - s);
	const struct site *site = size > 0 && (data[size - 1] & 1) ?
	    &inline_site : NULL;
	int rc;

	buf_add(&info, s, head);
	if (memchr(info.data ? info.data : "", '\0', info.len) != NULL)
		goto out;	/* an info string is text */
	if (info.len > 0 && info.data[0] == '%') {
		char *sp = strchr(info.data + 1, ' ');

		if (sp != NULL)
			*sp = '\0';
		rc = hl_code_warn(&out, info.data + 1, sp ? sp + 1 : NULL,
		    code, n, site, &err, &warn);
	} else {
		rc = hl_fence_at(&out, buf_cstr(&info), size % 7, code, n,
		    site, &err, &warn);
	}
	if (rc != 0 && rc != -1)
		__builtin_trap();
	if (rc == -1 && err.len == 0)
		__builtin_trap();
	if (rc == 0 && count(buf_cstr(&out), out.len, "<span") !=
	    count(buf_cstr(&out), out.len, "</span>"))
		__builtin_trap();
out:
	buf_free(&info);
	buf_free(&out);
	buf_free(&err);
	buf_free(&warn);
	return 0;
}
