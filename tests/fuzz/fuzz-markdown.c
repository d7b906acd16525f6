/* fuzz-markdown.c - libFuzzer target for the Markdown pipeline: Markdown
 * to HTML (markdown.c), HTML to plain text, words and summary (metrics.c),
 * entity decoding (html.c) and urlize (url.c), with their invariants. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "html.h"
#include "markdown.h"
#include "metrics.h"
#include "unicode.h"
#include "url.h"

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

/* Writes the even blocks itself and leaves the odd ones to cmark. */
static int
code_hook(void *arg, size_t ordinal, int line, const char *info,
    const char *code, size_t n, struct buf *out)
{
	(void)arg;
	if (line < 1 || info == NULL || (n > 0 && code == NULL))
		__builtin_trap();
	if (ordinal % 2)
		return 1;
	buf_printf(out, "<div class=\"highlight\">%zu</div>", ordinal);
	return 0;
}

static const struct md_fragment fuzz_fragments[] = {
	{ "<div>block</div>", 16 }, { "/posts/x/", 9 }, { "", 0 },
};

/* The importer's and the worker's hooks: code blocks and placeholders
 * (HAHAHUGOSHORTCODEs0HBHB .. s2; the dictionary holds them). */
static const struct md_hooks fuzz_hooks = {
	code_hook, NULL, fuzz_fragments, 3, NULL, 0, NULL, NULL, NULL, 0,
};

/* Does src hold an attribute block that may name an id: a '{' with a
 * '#' or "id" after it on its line, before a '}'? */
static int
names_an_id(const char *src, size_t n)
{
	const char *p = src, *end = src + n;

	/* A '#' or "id" anywhere in the block ("{.c #id}", "{.#}"). */
	while ((p = memchr(p, '{', (size_t)(end - p))) != NULL)
		for (p++; p < end && *p != '}' && *p != '\n'; p++)
			if (*p == '#' || (end - p >= 2 && p[0] == 'i' &&
			    p[1] == 'd'))
				return 1;
	return 0;
}

static void
render(const char *src, size_t n, unsigned flags, int valid,
    const struct md_hooks *hooks)
{
	struct md_result res;
	struct buf text = BUF_INIT;
	size_t i, j;
	/* Ids are unique unless a heading names its own ("# T {#id}",
	 * "# T { #id }", "# T {id=x}"): that one is kept as written, as
	 * Goldmark does, even when an earlier heading has the same id. */
	int custom = names_an_id(src, n);

	if (md_render(src, n, flags, hooks, &res) != 0) {
		md_result_free(&res);
		return;
	}
	if (valid && !uni_valid(buf_cstr(&res.html), res.html.len))
		__builtin_trap();
	if (res.summary_len != (size_t)-1 && res.summary_len > res.html.len)
		__builtin_trap();
	if (res.nheadings > 0 && res.headings == NULL)
		__builtin_trap();
	for (i = 0; i < res.nheadings; i++) {
		const struct md_heading *h = &res.headings[i];

		if (h->level < 1 || h->level > 6)
			__builtin_trap();
		/* Without automatic ids, only a custom one; an empty one
		 * only where the text names one ("{#}"). */
		if (h->id == NULL || (h->id[0] == '\0' &&
		    !(flags & MD_NO_HEADING_IDS) && !custom))
			__builtin_trap();
		if (h->text == NULL || h->open_tag == NULL ||
		    h->close_tag == NULL)
			__builtin_trap();
		for (j = 0; j < i && !custom && h->id[0] != '\0'; j++)
			if (strcmp(res.headings[j].id, h->id) == 0)
				__builtin_trap();
	}
	/* The plain-text side of the pipeline over what was rendered. */
	html_unescape(&text, buf_cstr(&res.html), res.html.len);
	if (metrics_words(buf_cstr(&text), text.len) < 0)
		__builtin_trap();
	buf_reset(&text);
	metrics_plain(&text, buf_cstr(&res.html), res.html.len);
	if (valid && !uni_valid(buf_cstr(&text), text.len))
		__builtin_trap();
	buf_free(&text);
	md_result_free(&res);
}

/* A page's request renders without MD_SUMMARY, the import with it: the
 * content must be the same bytes either way. */
static void
same_content(const char *src, size_t n)
{
	struct md_result page, import;
	int a, b;

	a = md_render(src, n, MD_MORE | MD_ANCHORS, NULL, &page);
	b = md_render(src, n, MD_MORE | MD_ANCHORS | MD_SUMMARY, NULL, &import);
	if (a != b || (a == 0 && (page.html.len != import.html.len ||
	    memcmp(page.html.data, import.html.data, page.html.len) != 0 ||
	    page.summary_len != (size_t)-1)))
		__builtin_trap();
	md_result_free(&page);
	md_result_free(&import);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *src = (const char *)data;
	int valid = uni_valid(src, size);
	const char *nl = memchr(src, '\n', size);
	char *first = xstrndup(src, nl ? (size_t)(nl - src) : size);
	struct metrics m;
	struct metrics_opts opts;
	struct buf b = BUF_INIT;

	render(src, size, MD_MORE | MD_ANCHORS, valid, NULL);
	/* The summary's divider is a 0xFF byte, which valid UTF-8 (all
	 * the importer stores) never holds. */
	if (valid)
		same_content(src, size);
	render(src, size, MD_MORE | MD_ANCHORS | MD_UNSAFE, valid,
	    &fuzz_hooks);
	render(src, size, MD_UNSAFE, valid, NULL);
	/* The site settings' flags, chosen by the input's length: emoji,
	 * each heading id type, the Goldmark extensions turned off. */
	render(src, size, MD_MORE | MD_EMOJI | ((size & 1) ? MD_IDS_ASCII :
	    MD_IDS_BLACKFRIDAY) | ((size & 2) ? MD_HARD_WRAPS |
	    MD_NO_TYPOGRAPHER | MD_NO_LINKIFY | MD_NO_FOOTNOTE |
	    MD_NO_STRIKETHROUGH | MD_NO_TABLE | MD_NO_TASK_LIST |
	    MD_NO_HEADING_IDS : 0), valid, NULL);

	/* metrics_compute renders again; the first line stands for a
	 * front-matter summary when it starts with "summary:". */
	memset(&m, 0, sizeof(m));
	opts.md_flags = MD_ANCHORS;
	opts.cjk = uni_has_cjk(src, size);
	opts.summary_words = (long)(size % 97);	/* 0 .. 96 words */
	opts.hooks = size % 2 ? &fuzz_hooks : NULL;
	if (metrics_compute(src, size, strncmp(first, "summary:", 8) == 0 ?
	    first + 8 : NULL, &opts, &m) == 0) {
		if (m.words < 0 || m.minutes < 0)
			__builtin_trap();
		if (m.summary == NULL || m.text == NULL)
			__builtin_trap();
		if (valid && (!uni_valid(m.summary, strlen(m.summary)) ||
		    !uni_valid(m.text, strlen(m.text))))
			__builtin_trap();
	}
	metrics_free(&m);

	url_urlize(&b, first);
	if (uni_valid(first, strlen(first)) && !uni_valid(buf_cstr(&b), b.len))
		__builtin_trap();
	buf_reset(&b);
	url_term_slug(&b, first);
	if (memchr(buf_cstr(&b), '/', b.len) != NULL ||
	    memchr(buf_cstr(&b), '\\', b.len) != NULL)
		__builtin_trap();	/* a term slug is one path segment */
	buf_reset(&b);
	md_anchor(&b, first, strlen(first), 0);
	buf_reset(&b);
	md_anchor(&b, first, strlen(first), MD_IDS_ASCII);
	buf_reset(&b);
	md_anchor(&b, first, strlen(first), MD_IDS_BLACKFRIDAY);
	buf_reset(&b);
	html_unescape(&b, first, strlen(first));
	buf_free(&b);
	free(first);
	return 0;
}
