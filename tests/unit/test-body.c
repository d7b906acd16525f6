/* test-body.c - article bodies against Hugo 0.111.3's own output for the
 * pages of tests/hugo/body/ (tests/golden/hugo-body.tsv, made by
 * tests/hugo/gen-golden-body.sh), under each of its configurations, read
 * through the importer's config loader: enableEmoji, the heading ids of
 * each autoHeadingIDType and the table of contents made from them,
 * summaries (reference links, a front-matter summary) and the
 * markup.goldmark settings (hardWraps, typographer, linkify, footnote,
 * strikethrough, table, taskList). Also Hugo's Emojify scan, rule by
 * rule, and where a definition list would be. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "content.h"
#include "emoji.h"
#include "import.h"
#include "markdown.h"
#include "metrics.h"
#include "site.h"
#include "tsv.h"
#include "unicode.h"

#define BODY_SITE "tests/hugo/body/"

/* Loads the fixture's configuration run (github: hugo.yaml alone) into s. */
static void
load_config(struct site *s, const char *run)
{
	struct buf path = BUF_INIT, err = BUF_INIT;

	site_init(s);
	assert_int_equal(site_load_file(s, BODY_SITE "hugo.yaml", &err), 0);
	if (strcmp(run, "github") != 0) {
		buf_printf(&path, BODY_SITE "%s.yaml", run);
		if (site_load_file(s, buf_cstr(&path), &err) != 0)
			fail_msg("%s", buf_cstr(&err));
	}
	buf_free(&path);
	buf_free(&err);
}

/* The value of the fixture's front-matter line `key: "value"`, or NULL. */
static char *
fm_string(const char *src, const char *key)
{
	const char *end = strstr(src + 4, "\n---\n"), *p;
	struct buf want = BUF_INIT;
	char *v = NULL;

	buf_printf(&want, "\n%s: \"", key);
	p = strstr(src, buf_cstr(&want));
	if (p != NULL && p < end) {
		p += want.len;
		v = strndup(p, strcspn(p, "\"\n"));
	}
	buf_free(&want);
	return v;
}

/* Appends the hrefs of html's links, decoded as Hugo's htmlUnescape does
 * for what quire writes (&amp; only), each followed by a space. */
static void
hrefs_of(struct buf *out, const char *html)
{
	const char *p = html, *q, *end;

	while ((p = strstr(p, "<a ")) != NULL) {
		end = strchr(p, '>');
		q = strstr(p, " href=\"");
		if (end == NULL || q == NULL || q > end) {
			p += 3;
			continue;
		}
		p = q + 7;
		q = strchr(p, '"');
		if (q == NULL)
			break;
		for (; p < q; p++) {
			if (strncmp(p, "&amp;", 5) == 0) {
				buf_putc(out, '&');
				p += 4;
			} else {
				buf_putc(out, *p);
			}
		}
		buf_putc(out, ' ');
	}
}

/* Does html hold an element with the id the fragment href (#id) names? */
static int
has_id(const char *html, const char *href, size_t n)
{
	struct buf want = BUF_INIT;
	int found;

	buf_puts(&want, " id=\"");
	buf_add(&want, href + 1, n - 1);
	buf_putc(&want, '"');
	found = strstr(html, buf_cstr(&want)) != NULL;
	buf_free(&want);
	return found;
}

/* Compares the links' hrefs, want and got (space-separated lists): the
 * same, but that a fragment (a footnote's, which cmark-gfm names
 * otherwise) need only lead to an id of html. Returns 0 when they agree. */
static int
hrefs_differ(const char *want, const char *got, const char *html)
{
	for (;;) {
		size_t w = strcspn(want, " "), g = strcspn(got, " ");

		if (w == 0 || g == 0)
			return w != g;
		if (want[0] == '#' ? got[0] != '#' || !has_id(html, got, g) :
		    w != g || strncmp(want, got, w) != 0)
			return 1;
		want += w + (want[w] == ' ');
		got += g + (got[g] == ' ');
	}
}

/* s without its trailing white space, in a new string. */
static char *
rtrim(const char *s)
{
	size_t n = strlen(s);

	while (n > 0 && strchr(" \t\n", s[n - 1]) != NULL)
		n--;
	return strndup(s, n);
}

static int
differs(const char *what, const char *run, const char *file,
    const char *want, const char *got)
{
	char *w = rtrim(want), *g = rtrim(got);
	int d = strcmp(w, g) != 0;

	if (d)
		print_error("%s %s: %s\n  want: %s\n  got:  %s\n", run, file,
		    what, w, g);
	free(w);
	free(g);
	return d;
}

static void
test_hugo_body(void **state)
{
	struct tsv t;
	size_t i, j;
	int failed = 0;

	(void)state;
	assert_int_equal(tsv_load(&t, "tests/golden/hugo-body.tsv"), 0);
	assert_true(t.nrows >= 20);
	for (i = 0; i < t.nrows; i++) {
		const char *run = tsv_get(&t, i, "config");
		const char *file = tsv_get(&t, i, "file");
		struct buf path = BUF_INIT, ids = BUF_INIT, toc = BUF_INIT;
		struct buf hrefs = BUF_INIT, num = BUF_INIT;
		struct metrics_opts opts = { 0, 0, METRICS_SUMMARY_WORDS,
		    NULL };
		struct md_result md;
		struct metrics m;
		struct site site;
		char *src, *fm_summary;
		const char *body;
		size_t n, off = 0, len = 0;
		int html_page;

		load_config(&site, run);
		opts.md_flags = site_md_flags(&site);
		buf_printf(&path, BODY_SITE "content/%s", file);
		src = slurp(buf_cstr(&path), &n);
		assert_non_null(src);
		body = strstr(src + 4, "\n---\n");
		assert_non_null(body);
		body += 5;
		fm_summary = fm_string(src, "summary");

		html_page = strlen(file) > 5 &&
		    strcmp(file + strlen(file) - 5, ".html") == 0;
		if (html_page)
			assert_int_equal(metrics_compute_html(body, strlen(body),
			    fm_summary, &opts, &m, &off, &len), 0);
		else
			assert_int_equal(metrics_compute(body, strlen(body),
			    fm_summary, &opts, &m), 0);
		buf_printf(&num, "%ld", m.words);
		failed += differs("words", run, file, tsv_get(&t, i, "words"),
		    buf_cstr(&num));
		failed += differs("truncated", run, file,
		    tsv_get(&t, i, "truncated"), m.truncated ? "true" : "false");
		failed += differs("summary", run, file,
		    tsv_get(&t, i, "summary"), m.summary);
		failed += differs("plain", run, file, tsv_get(&t, i, "plain"),
		    m.text);

		/* An HTML page is served as the importer stores it: its
		 * content (after a divider), or what metrics made of it. */
		if (html_page) {
			assert_int_equal(content_render(MARKUP_HTML, m.html ?
			    m.html : body + off, m.html ? strlen(m.html) : len,
			    opts.md_flags, NULL, &md), 0);
		} else {
			/* Hugo's .Content: no PaperMod anchor links. */
			assert_int_equal(md_render(body, strlen(body), MD_MORE |
			    opts.md_flags, NULL, &md), 0);
		}
		for (j = 0; j < md.nheadings; j++) {
			/* "-" for a heading without an id attribute; "{#}"
			 * gives an empty one, as Goldmark writes it. */
			int has_id = strstr(md.headings[j].open_tag, " id=") !=
			    NULL;

			buf_printf(&ids, "%s%s", j ? " " : "", has_id ?
			    md.headings[j].id : "-");
			/* The table of contents links each heading by its
			 * id (PaperMod's, as page-article.c writes it). */
			if (has_id)
				buf_printf(&toc, "%s#%s", j > 0 && toc.len ?
				    " " : "", md.headings[j].id);
		}
		failed += differs("heading ids", run, file,
		    tsv_get(&t, i, "ids"), buf_cstr(&ids));
		failed += differs("table of contents", run, file,
		    tsv_get(&t, i, "toc"), buf_cstr(&toc));
		hrefs_of(&hrefs, buf_cstr(&md.html));
		if (hrefs_differ(tsv_get(&t, i, "hrefs"), buf_cstr(&hrefs),
		    buf_cstr(&md.html))) {
			print_error("%s %s: links\n  want: %s\n  got:  %s\n",
			    run, file, tsv_get(&t, i, "hrefs"),
			    buf_cstr(&hrefs));
			failed++;
		}
		md_result_free(&md);
		metrics_free(&m);
		site_free(&site);
		free(fm_summary);
		free(src);
		buf_free(&path);
		buf_free(&ids);
		buf_free(&toc);
		buf_free(&hrefs);
		buf_free(&num);
	}
	tsv_free(&t);
	assert_int_equal(failed, 0);
}

/* emoji_replace() of s, as a new string. */
static char *
emojify(const char *s)
{
	struct buf out = BUF_INIT;

	emoji_replace(&out, s, strlen(s));
	return buf_detach(&out);
}

static void
check_emojify(const char *in, const char *want)
{
	char *got = emojify(in);

	assert_string_equal(got, want);
	free(got);
}

static void
test_emojify_rules(void **state)
{
	struct buf big = BUF_INIT;
	char *got;
	size_t i;

	(void)state;
	assert_string_equal(emoji_lookup(":smile:", 7), "\xF0\x9F\x98\x84");
	assert_null(emoji_lookup(":smile", 6));
	assert_null(emoji_lookup("smile:", 6));
	assert_null(emoji_lookup(":smile:x", 8));
	check_emojify("", "");
	check_emojify(":", ":");
	check_emojify("a :smile: b", "a \xF0\x9F\x98\x84 b");
	check_emojify("x:smile:y", "x\xF0\x9F\x98\x84y");
	/* A colon before a code is text; a code's closing colon opens no
	 * other, whether the table has the code or not. */
	check_emojify("::smile:", ":\xF0\x9F\x98\x84");
	check_emojify(":smile::smile:", "\xF0\x9F\x98\x84\xF0\x9F\x98\x84");
	check_emojify(":30:smile:", ":30:smile:");
	check_emojify(":smile:+1:", "\xF0\x9F\x98\x84+1:");
	/* A byte no code holds ends the try: the colon is text. */
	check_emojify(":a b:smile:", ":a b\xF0\x9F\x98\x84");
	check_emojify(":\xC3\xA9:smile:", ":\xC3\xA9\xF0\x9F\x98\x84");
	check_emojify(":keycap_#:", ":keycap_#:");
	check_emojify(":no_such: :smile", ":no_such: :smile");
	check_emojify("10:30:45", "10:30:45");
	/* A megabyte of colons that open no code: one pass. */
	for (i = 0; i < 100000; i++)
		buf_puts(&big, "abcdefg :x ");
	got = emojify(buf_cstr(&big));
	assert_string_equal(got, buf_cstr(&big));
	free(got);
	buf_free(&big);
}

/* Where Goldmark's definitionList (on in Hugo) would read a definition,
 * which cmark-gfm renders as a paragraph's text: the import warns. */
static void
test_definition_lines(void **state)
{
	static const struct {
		const char *md;
		int line;
	} cases[] = {
		{ "Term\n: its definition\n", 2 },
		{ "Intro.\n\nTerm\n\n: after a blank line\n", 5 },
		{ "Term\n   : three spaces in\n", 2 },
		{ "Term\n\n\n: two blank lines\n", 0 },
		{ ": no term before\n", 0 },
		{ "# Heading\n: not after a heading\n", 0 },
		{ "- item\n: not after a list item\n", 0 },
		{ "```\nTerm\n: in a fence\n```\n", 0 },
		{ "Term\n:no blank after the colon\n", 0 },
		{ "Term\n    : indented code\n", 0 },
		{ "a\r\n: CRLF\r\n", 2 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(md_definition_line(cases[i].md,
		    strlen(cases[i].md)), cases[i].line);
}

/* PaperMod's anchor link follows a heading that opens with a non-empty
 * id, as its anchored_headings.html's regular expression finds them. */
static void
test_heading_anchors(void **state)
{
	static const char md[] = "## A {#}\n\n## B {#b}\n\n## C\n";
	struct md_result res;
	const char *html;

	(void)state;
	assert_int_equal(md_render(md, sizeof(md) - 1, MD_ANCHORS, NULL,
	    &res), 0);
	html = buf_cstr(&res.html);
	assert_non_null(strstr(html, "<h2 id=\"\">A</h2>"));
	assert_non_null(strstr(html, "<h2 id=\"b\">B<a hidden class=\"anchor\" "
	    "aria-hidden=\"true\" href=\"#b\">#</a></h2>"));
	assert_non_null(strstr(html, "<h2 id=\"c\">C<a hidden class=\"anchor\" "
	    "aria-hidden=\"true\" href=\"#c\">#</a></h2>"));
	assert_null(strstr(html, "href=\"#\""));
	md_result_free(&res);
}

/* Renders md (typographer on) and returns whether its HTML holds want. */
static int
renders_with(const char *md, const char *want)
{
	struct md_result res;
	int found;

	assert_int_equal(md_render(md, strlen(md), 0, NULL, &res), 0);
	found = strstr(buf_cstr(&res.html), want) != NULL;
	if (!found)
		print_message("%s\n-> %s", md, buf_cstr(&res.html));
	md_result_free(&res);
	return found;
}

/* Goldmark's quotes are replayed on the quotes cmark-gfm made from ASCII
 * ones; a curly quote of the author's, as the character or an entity,
 * stays as written. */
static void
test_author_quotes(void **state)
{
	(void)state;
	/* Goldmark: 5'11 stays, a '"' closes after "?". */
	assert_true(renders_with("5'11 \"why?\".\n", "5'11 \xE2\x80\x9Cwhy?"
	    "\xE2\x80\x9D."));
	/* The author's ’ (or &rsquo;, &#8217;, &#x2019;) stays as written,
	 * and the ASCII quotes beside it are Goldmark's (as Hugo: checked
	 * with Hugo 0.111.3). */
	assert_true(renders_with("5'11 it\xE2\x80\x99s\n",
	    "5'11 it\xE2\x80\x99s"));
	assert_true(renders_with("5'11 it&rsquo;s\n", "5'11 it\xE2\x80\x99s"));
	assert_true(renders_with("5'11 it&#8217;s\n", "5'11 it\xE2\x80\x99s"));
	assert_true(renders_with("5'11 it&#X2019;s\n", "5'11 it\xE2\x80\x99s"));
	/* Not a quote's entity (an em dash): Goldmark's. */
	assert_true(renders_with("5'11 &#8212; &#82\n", "5'11"));
	assert_true(renders_with("5'11 \xE2\x80\x9Cx\xE2\x80\x9D a\"b\"c\n",
	    "5'11 \xE2\x80\x9Cx\xE2\x80\x9D a&quot;b&quot;c"));
	assert_true(renders_with("&ldquo;x&rdquo; a\"b\"c\n",
	    "\xE2\x80\x9Cx\xE2\x80\x9D a&quot;b&quot;c"));
	/* An unmatched ' opens, where cmark-gfm's would close (roweb3's
	 * "Ca 'Foscari"), beside the author's own ’, dashes, an ellipsis,
	 * an escaped quote and an entity's. */
	assert_true(renders_with("It\xE2\x80\x99s 'quoted' -- and... 'Ca "
	    "'Foscari \\'e\\' &#39;n&#39;\n", "It\xE2\x80\x99s \xE2\x80\x98"
	    "quoted\xE2\x80\x99 \xE2\x80\x93 and\xE2\x80\xA6 \xE2\x80\x98" "Ca "
	    "\xE2\x80\x98" "Foscari 'e' 'n'"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hugo_body),
		cmocka_unit_test(test_emojify_rules),
		cmocka_unit_test(test_definition_lines),
		cmocka_unit_test(test_heading_anchors),
		cmocka_unit_test(test_author_quotes),
	};

	uni_init();
	return cmocka_run_group_tests_name("body", tests, NULL, NULL);
}
