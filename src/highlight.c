/* highlight.c - fenced code blocks as Hugo 0.111 writes them (see
 * highlight.h). Hugo's shape for a language Chroma does not know: the
 * code escaped in one <pre><code> naming the language as written. */
#include <string.h>

#include "highlight.h"

void
hl_escape(struct buf *out, const char *s, size_t n)
{
	size_t i, run = 0;

	for (i = 0; i < n; i++) {
		const char *ref;

		switch (s[i]) {
		case '&': ref = "&amp;"; break;
		case '<': ref = "&lt;"; break;
		case '>': ref = "&gt;"; break;
		case '\'': ref = "&#39;"; break;
		case '"': ref = "&#34;"; break;
		default: continue;
		}
		buf_add(out, s + run, i - run);
		buf_puts(out, ref);
		run = i + 1;
	}
	buf_add(out, s + run, n - run);
}

/* The language word of an info string: up to the first blank or '{'
 * (Goldmark's fence info ends its language there). */
static size_t
lang_len(const char *info)
{
	return strcspn(info, " \t{");
}

/* Writes the shape Hugo gives a language Chroma does not know. */
static void
plain_block(struct buf *out, const char *lang, size_t len, const char *code,
    size_t n)
{
	if (len == 0) {
		buf_puts(out, "<pre tabindex=\"0\"><code>");
	} else {
		buf_puts(out, "<pre tabindex=\"0\"><code class=\"language-");
		hl_escape(out, lang, len);
		buf_puts(out, "\" data-lang=\"");
		hl_escape(out, lang, len);
		buf_puts(out, "\">");
	}
	hl_escape(out, code, n);
	buf_puts(out, "</code></pre>");
}

int
hl_code(struct buf *out, const char *lang, const char *options,
    const char *code, size_t n, const struct site *site, struct buf *err)
{
	(void)options;
	(void)site;
	(void)err;
	plain_block(out, lang, lang != NULL ? strlen(lang) : 0, code, n);
	return 0;
}

int
hl_fence(struct buf *out, const char *info, const char *code, size_t n,
    const struct site *site, struct buf *err)
{
	(void)site;
	(void)err;
	plain_block(out, info, info != NULL ? lang_len(info) : 0, code, n);
	return 0;
}
