/* fuzz-shortcode.c - libFuzzer target for Hugo's shortcodes
 * (shortcode.c, shortcodes-builtin.c): the parser on any body, then the
 * expansion, with their invariants: an error names the file and a line
 * of the body, a parsed body expands, and every placeholder the Markdown
 * holds names a fragment. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fragments.h"
#include "markdown.h"
#include "shortcode.h"
#include "shortcodes-builtin.h"
#include "site.h"
#include "unicode.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	uni_init();
	return 0;
}

/* Every value a param shortcode asks for exists. */
static int
param(void *arg, const char *key, struct buf *out)
{
	(void)arg;
	buf_puts(out, key);
	return 1;
}

/* The line in an error: "f.md:LINE: ", LINE within the body's lines. */
static void
check_error(const char *err, const char *src, size_t n)
{
	long lines = 1, line;
	size_t i;
	char *end;

	for (i = 0; i < n; i++)
		lines += src[i] == '\n';
	if (strncmp(err, "f.md:", 5) != 0)
		abort();
	line = strtol(err + 5, &end, 10);
	if (*end != ':' || line < 1 || line > lines)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *src = (const char *)data;
	struct buf err = BUF_INIT, md = BUF_INIT;
	struct fragments f = FRAGMENTS_INIT;
	struct sc_doc doc;
	struct sc_ctx ctx;
	struct site site;
	const char *p;
	int parsed;

	parsed = sc_parse("f.md", src, size, 1, scb_takes_inner, NULL, &doc,
	    &err) == 0;
	if (!parsed)
		check_error(buf_cstr(&err), src, size);
	sc_doc_free(&doc);

	site_init(&site);
	site.unsafe = size > 0 && (data[0] & 1);
	site.inline_shortcodes = size > 0 && (data[0] & 2);
	memset(&ctx, 0, sizeof(ctx));
	ctx.file = "f.md";
	ctx.site = &site;
	ctx.page_url = "/posts/f/";
	ctx.param = param;
	buf_reset(&err);
	if (sc_expand(src, size, 1, &ctx, &md, &f, &err) != 0) {
		/* Only a parse error, or a highlight option or a ref with
		 * no target the body wrote, fails the expansion. */
		check_error(buf_cstr(&err), src, size);
	} else {
		for (p = buf_cstr(&md); (p = strstr(p, MD_PLACEHOLDER_PREFIX))
		    != NULL; p++) {
			char *end;
			unsigned long k = strtoul(p + strlen(
			    MD_PLACEHOLDER_PREFIX), &end, 10);

			/* The body's own text may hold one too. */
			if (strncmp(end, MD_PLACEHOLDER_SUFFIX,
			    strlen(MD_PLACEHOLDER_SUFFIX)) == 0 &&
			    k >= f.nshortcodes && memmem(src, size,
			    MD_PLACEHOLDER_PREFIX,
			    strlen(MD_PLACEHOLDER_PREFIX)) == NULL)
				abort();
		}
	}
	fragments_free(&f);
	buf_free(&ctx.warn);
	buf_free(&md);
	buf_free(&err);
	site_free(&site);
	return 0;
}
