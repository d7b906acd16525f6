/* test-splice.c - importer-made HTML spliced into a rendered body
 * (markdown.h's md_hooks, src/md-splice.c): code blocks by ordinal,
 * shortcode placeholders in a paragraph of their own, in text and in
 * URLs, kept whatever the unsafe setting says. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "markdown.h"

/* Writes "<pre>#ORDINAL INFO|CODE</pre>" for the second block only. */
static int
code_hook(void *arg, size_t ordinal, int line, const char *info,
    const char *code, size_t n, struct buf *out)
{
	int *calls = arg;

	(*calls)++;
	if (ordinal != 1)
		return 1;
	buf_printf(out, "<pre>#%zu:%d %s|", ordinal, line, info);
	buf_add(out, code, n);
	buf_puts(out, "</pre>");
	return 0;
}

static const char *
render(const char *src, unsigned flags, const struct md_hooks *hooks,
    struct md_result *res)
{
	assert_int_equal(md_render(src, strlen(src), flags, hooks, res), 0);
	return buf_cstr(&res->html);
}

static void
test_code_blocks(void **state)
{
	struct md_result res;
	int calls = 0;
	struct md_hooks hooks = { code_hook, &calls, NULL, 0, NULL, 0,
	    NULL, NULL, NULL, 0 };
	const char *html;

	(void)state;
	html = render("```go\na\n```\n\n    indented\n\n"
	    "```rust {linenos=true}\nb < c\n```\n", 0, &hooks, &res);
	/* Fenced blocks only; the first is left to cmark, escaped. */
	assert_int_equal(calls, 2);
	assert_non_null(strstr(html, "<code class=\"language-go\">a\n"));
	assert_non_null(strstr(html, "<pre><code>indented\n"));
	assert_non_null(strstr(html,
	    "<pre>#1:7 rust {linenos=true}|b < c\n</pre>\n"));
	md_result_free(&res);
}

/* A footnote ending in a block the importer made: Goldmark's back link
 * right after it, as after Hugo's highlighted code. */
/* The worker's case: the blocks' stored HTML, no writer; an empty one
 * (the importer left the block to cmark) and one past the list are
 * cmark's. */
static void
test_stored_code(void **state)
{
	static const struct md_fragment code[] = {
		{ "<div class=\"highlight\">A</div>", 30 }, { "", 0 },
	};
	struct md_hooks hooks = { NULL, NULL, NULL, 0, code, 2,
	    NULL, NULL, NULL, 0 };
	struct md_result res;

	(void)state;
	assert_string_equal(render("```go\na\n```\n\n```\nb\n```\n\n"
	    "```\nc\n```\n", 0, &hooks, &res),
	    "<div class=\"highlight\">A</div>\n<pre><code>b\n</code></pre>\n"
	    "<pre><code>c\n</code></pre>\n");
	md_result_free(&res);
}

/* Writes block ORDINAL's stored twin: "<div>#ORDINAL</div>". */
static int
twin_hook(void *arg, size_t ordinal, int line, const char *info,
    const char *code, size_t n, struct buf *out)
{
	(void)arg;
	(void)line;
	(void)info;
	(void)code;
	(void)n;
	buf_printf(out, "<div>#%zu</div>", ordinal);
	return 0;
}

/* The worker's stored blocks come out byte for byte as the importer's
 * written ones, wherever a block stands: a tight list item (a line of
 * its own), a quote, the end of a footnote (Goldmark's back link right
 * after it), the end of the page. */
static void
test_stored_as_written(void **state)
{
	static const struct md_fragment code[] = {
		{ "<div>#0</div>", 13 }, { "<div>#1</div>", 13 },
		{ "<div>#2</div>", 13 }, { "<div>#3</div>", 13 },
	};
	static const char src[] = "- item\n  ```go\n  a\n  ```\n- next\n\n"
	    "> ```\n> b\n> ```\n\nA note[^c].\n\n[^c]: Code:\n\n"
	    "    ```go\n    c\n    ```\n\n```sh\nd\n```\n";
	struct md_hooks written = { twin_hook, NULL, NULL, 0, NULL, 0,
	    NULL, NULL, NULL, 0 };
	struct md_hooks stored = { NULL, NULL, NULL, 0, code, 4,
	    NULL, NULL, NULL, 0 };
	struct md_result a, b;

	(void)state;
	render(src, 0, &written, &a);
	assert_string_equal(render(src, 0, &stored, &b), buf_cstr(&a.html));
	assert_non_null(strstr(buf_cstr(&b.html), "<li>item\n<div>#0</div>\n"));
	assert_non_null(strstr(buf_cstr(&b.html), "<div>#3</div>&#160;<a"));
	md_result_free(&a);
	md_result_free(&b);
}

static void
test_footnote_code(void **state)
{
	struct md_result res;
	int calls = 0;
	struct md_hooks hooks = { code_hook, &calls, NULL, 0, NULL, 0,
	    NULL, NULL, NULL, 0 };
	const char *html;

	(void)state;
	html = render("```\nfirst\n```\n\nA note[^c].\n\n[^c]: Code:\n\n"
	    "    ```go\n    x\n    ```\n", 0, &hooks, &res);
	assert_int_equal(calls, 2);
	assert_non_null(strstr(html, "<pre>#1:9 go|x\n</pre>&#160;<a href=\""
	    "#fnref-c\" class=\"footnote-backref\" data-footnote-backref "
	    "aria-label=\"Back to content\">&#x21a9;&#xfe0e;</a></li>\n"
	    "</ol>\n</section>\n"));
	md_result_free(&res);
}

static void
test_shortcodes(void **state)
{
	static const struct md_fragment frags[] = {
		{ "<div class=\"box\">x</div>", 24 },
		{ "<b>in</b>", 9 },
		{ "/posts/target/", 14 },
	};
	struct md_hooks hooks = { NULL, NULL, frags, 3, NULL, 0,
	    NULL, NULL, NULL, 0 };
	struct md_result res;
	const char *html;

	(void)state;
	/* unsafe is off: the fragments are the importer's, kept; the
	 * author's raw HTML is not. */
	html = render("HAHAHUGOSHORTCODEs0HBHB\n\n"
	    "a HAHAHUGOSHORTCODEs1HBHB b <i>raw</i>\n\n"
	    "[t](HAHAHUGOSHORTCODEs2HBHB#x)\n\n"
	    "HAHAHUGOSHORTCODEs9HBHB\n", 0, &hooks, &res);
	assert_string_equal(html, "<div class=\"box\">x</div>\n"
	    "<p>a <b>in</b> b <!-- raw HTML omitted -->raw"
	    "<!-- raw HTML omitted --></p>\n"
	    "<p><a href=\"/posts/target/#x\">t</a></p>\n"
	    "<p>HAHAHUGOSHORTCODEs9HBHB</p>\n");
	md_result_free(&res);
}

/* In code cmark writes, a placeholder is its fragment as it is (Hugo
 * replaces it in the HTML): code spans, indented blocks, fenced blocks no
 * hook wrote; the code around it is escaped as cmark escapes it. */
static void
test_shortcodes_in_code(void **state)
{
	static const struct md_fragment frags[] = { { "P", 1 } };
	struct md_hooks hooks = { NULL, NULL, frags, 1, NULL, 0,
	    NULL, NULL, NULL, 0 };
	struct md_result res;

	(void)state;
	assert_string_equal(render("Span `a<HAHAHUGOSHORTCODEs0HBHB` here.\n\n"
	    "    indented HAHAHUGOSHORTCODEs0HBHB \"x\"\n\n"
	    "```go\nfenced HAHAHUGOSHORTCODEs0HBHB\n```\n", 0, &hooks, &res),
	    "<p>Span <code>a&lt;P</code> here.</p>\n"
	    "<pre><code>indented P &quot;x&quot;\n</code></pre>\n"
	    "<pre><code class=\"language-go\">fenced P\n</code></pre>\n");
	md_result_free(&res);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_code_blocks),
		cmocka_unit_test(test_footnote_code),
		cmocka_unit_test(test_stored_code),
		cmocka_unit_test(test_stored_as_written),
		cmocka_unit_test(test_shortcodes),
		cmocka_unit_test(test_shortcodes_in_code),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
