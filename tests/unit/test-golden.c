/* test-golden.c - the Markdown pipeline against golden files: each
 * tests/golden/render/NAME.md, rendered by md_render() as an article is
 * (NAME.unsafe.md with raw HTML kept), must give NAME.html byte for byte.
 * QUIRE_GOLDEN_REGEN=1 writes the .html files instead (make golden-render;
 * review the diff before committing it). And against Hugo's own output
 * for the pages of tests/hugo/links/ (tests/golden/hugo-links*.tsv): the
 * same links in the same order, each to the same place (a fragment to an
 * id of the page), the same word count and heading ids. And the headings
 * of tests/hugo/headattrs/ (attribute blocks, PaperMod's anchor link)
 * against Hugo's HTML, tests/golden/hugo-headattrs.html, byte for byte. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "markdown.h"
#include "metrics.h"
#include "tsv.h"
#include "unicode.h"

#define DIR_ "tests/golden/render/"
#define LINKS_SITE "tests/hugo/links/content/"

/* Prints the first line where got and want part, numbered from 1. */
static void
print_first_difference(const char *name, const char *got, const char *want)
{
	size_t line = 1;
	const char *g = got, *w = want;

	while (*g != '\0' && *g == *w) {
		if (*g == '\n')
			line++;
		g++;
		w++;
	}
	while (g > got && g[-1] != '\n') {
		g--;
		w--;
	}
	print_error("%s:%zu: differs\n  want: %.*s\n  got:  %.*s\n", name, line,
	    (int)strcspn(w, "\n"), w, (int)strcspn(g, "\n"), g);
}

static int
is_markdown(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return n > 3 && strcmp(d->d_name + n - 3, ".md") == 0;
}

static void
test_golden_render(void **state)
{
	struct dirent **names;
	int i, n, failed = 0, regen = getenv("QUIRE_GOLDEN_REGEN") != NULL;

	(void)state;
	n = scandir(DIR_, &names, is_markdown, alphasort);
	assert_true(n > 0);
	for (i = 0; i < n; i++) {
		const char *name = names[i]->d_name;
		size_t len = strlen(name) - 3, srclen, wantlen;
		unsigned flags = MD_MORE;
		struct buf path = BUF_INIT;
		struct md_result md;
		char *src, *want;

		if (len > 7 && strncmp(name + len - 7, ".unsafe", 7) == 0)
			flags |= MD_UNSAFE;
		buf_printf(&path, DIR_ "%s", name);
		src = slurp(buf_cstr(&path), &srclen);
		assert_non_null(src);
		assert_int_equal(md_render(src, srclen, flags, NULL, &md), 0);
		buf_reset(&path);
		buf_printf(&path, DIR_ "%.*s.html", (int)len, name);
		if (regen) {
			FILE *f = fopen(buf_cstr(&path), "wb");

			assert_non_null(f);
			fwrite(md.html.data, 1, md.html.len, f);
			assert_int_equal(fclose(f), 0);
		} else if ((want = slurp(buf_cstr(&path), &wantlen)) == NULL) {
			print_error("%s: missing (make golden-render)\n",
			    buf_cstr(&path));
			failed++;
		} else {
			if (wantlen != md.html.len ||
			    memcmp(want, md.html.data, wantlen) != 0) {
				print_first_difference(buf_cstr(&path),
				    buf_cstr(&md.html), want);
				failed++;
			}
			free(want);
		}
		md_result_free(&md);
		buf_free(&path);
		free(src);
		free(names[i]);
	}
	free(names);
	assert_int_equal(failed, 0);
}

/* Heading attribute blocks as Hugo writes them, the '#' link where
 * PaperMod's expression adds it (gen-golden-headattrs.sh). */
static void
test_hugo_headattrs(void **state)
{
	size_t srclen, wantlen;
	char *src = slurp("tests/hugo/headattrs/content/posts/attrs.md",
	    &srclen);
	char *want = slurp("tests/golden/hugo-headattrs.html", &wantlen);
	const char *body;
	struct md_result md;

	(void)state;
	assert_non_null(src);
	assert_non_null(want);
	/* The Markdown after the front matter's closing "---". */
	body = strstr(src + 3, "\n---\n");
	assert_non_null(body);
	body += 5;
	assert_int_equal(md_render(body, srclen - (size_t)(body - src),
	    MD_ANCHORS | MD_UNSAFE, NULL, &md), 0);
	if (md.html.len != wantlen || memcmp(md.html.data, want, wantlen) != 0)
		print_first_difference("hugo-headattrs.html",
		    buf_cstr(&md.html), want);
	assert_int_equal(md.html.len, wantlen);
	assert_memory_equal(md.html.data, want, wantlen);
	md_result_free(&md);
	free(src);
	free(want);
}

/* Appends n bytes of HTML text s to out with its tags left out and the
 * entities quire writes decoded (&amp; &lt; &gt; &quot; and numeric
 * ones), as Hugo's plainify | htmlUnescape does. */
static void
html_to_text(struct buf *out, const char *s, size_t n)
{
	static const struct {
		const char *name, *text;
	} named[] = { { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" },
	    { "&quot;", "\"" } };
	size_t i = 0, k;
	char *end;
	unsigned long cp;

	while (i < n) {
		if (s[i] == '<') {
			while (i < n && s[i] != '>')
				i++;
			i++;
			continue;
		}
		if (s[i] == '&' && i + 2 < n && s[i + 1] == '#') {
			cp = s[i + 2] == 'x' ? strtoul(s + i + 3, &end, 16) :
			    strtoul(s + i + 2, &end, 10);
			if (*end == ';') {
				uni_put(out, cp);
				i = (size_t)(end + 1 - s);
				continue;
			}
		}
		for (k = 0; k < sizeof(named) / sizeof(named[0]); k++)
			if (strncmp(s + i, named[k].name,
			    strlen(named[k].name)) == 0)
				break;
		if (s[i] == '&' && k < sizeof(named) / sizeof(named[0])) {
			buf_puts(out, named[k].text);
			i += strlen(named[k].name);
			continue;
		}
		buf_putc(out, s[i++]);
	}
}

/* One link of rendered HTML: its href and its text, decoded. */
struct link {
	struct buf href, text;
};

/* Finds the links of html (as Hugo's fixture layout does: each <a ...>
 * to its </a>) into *links; returns how many. */
static size_t
find_links(const char *html, struct link **links)
{
	const char *p = html, *tag, *close, *href;
	size_t n = 0;

	*links = NULL;
	while ((p = strstr(p, "<a ")) != NULL) {
		struct link *l;

		tag = strchr(p, '>');
		close = strstr(p, "</a>");
		if (tag == NULL || close == NULL)
			break;
		*links = realloc(*links, (n + 1) * sizeof(**links));
		l = &(*links)[n++];
		memset(l, 0, sizeof(*l));
		href = strstr(p, " href=\"");
		if (href != NULL && href < tag)
			html_to_text(&l->href, href + 7,
			    strcspn(href + 7, "\""));
		html_to_text(&l->text, tag + 1, (size_t)(close - tag - 1));
		p = close + 4;
	}
	return n;
}

/* Renders the Markdown of the fixture page file (front matter left out)
 * into md. */
static void
render_page(const char *file, struct md_result *md, char **body)
{
	struct buf path = BUF_INIT;
	size_t n;
	char *src, *start;

	buf_printf(&path, LINKS_SITE "%s", file);
	src = slurp(buf_cstr(&path), &n);
	assert_non_null(src);
	assert_true(strncmp(src, "---\n", 4) == 0);
	start = strstr(src + 4, "\n---\n");
	assert_non_null(start);
	start += 5;
	assert_int_equal(md_render(start, n - (size_t)(start - src), MD_MORE, NULL,
	    md), 0);
	*body = src;
	buf_free(&path);
}

/* Does the page hold an element with the id of the fragment href? */
static int
has_id(const char *html, const char *href)
{
	struct buf want = BUF_INIT;
	int found;

	buf_printf(&want, " id=\"%s\"", href + 1);
	found = strstr(html, buf_cstr(&want)) != NULL;
	buf_free(&want);
	return found;
}

static void
test_hugo_links(void **state)
{
	struct tsv pages, links;
	size_t i, j, row = 0, nlinks;
	int failed = 0;

	(void)state;
	assert_int_equal(tsv_load(&pages, "tests/golden/hugo-links-pages.tsv"),
	    0);
	assert_int_equal(tsv_load(&links, "tests/golden/hugo-links.tsv"), 0);
	assert_true(pages.nrows >= 3 && links.nrows >= 40);
	for (i = 0; i < pages.nrows; i++) {
		const char *file = tsv_get(&pages, i, "file");
		struct metrics_opts opts = { MD_MORE, 0,
		    METRICS_SUMMARY_WORDS, NULL };
		struct buf ids = BUF_INIT;
		struct md_result md;
		struct metrics m;
		struct link *got;
		char *src;

		render_page(file, &md, &src);
		nlinks = find_links(buf_cstr(&md.html), &got);
		for (j = 0; row < links.nrows &&
		    strcmp(tsv_get(&links, row, "file"), file) == 0; row++, j++) {
			const char *href = tsv_get(&links, row, "href");
			const char *text = tsv_get(&links, row, "text");

			if (j >= nlinks) {
				print_error("%s: link %zu (%s) missing\n",
				    file, j + 1, href);
				failed++;
				continue;
			}
			/* Footnote ids are cmark-gfm's: a fragment must
			 * lead to an element of the page. */
			if (href[0] == '#' ? got[j].href.data == NULL ||
			    got[j].href.data[0] != '#' ||
			    !has_id(buf_cstr(&md.html), got[j].href.data) :
			    strcmp(buf_cstr(&got[j].href), href) != 0 ||
			    strcmp(buf_cstr(&got[j].text), text) != 0) {
				print_error("%s: link %zu: want %s \"%s\", got "
				    "%s \"%s\"\n", file, j + 1, href, text,
				    buf_cstr(&got[j].href),
				    buf_cstr(&got[j].text));
				failed++;
			}
		}
		if (j < nlinks) {
			print_error("%s: %zu links, Hugo has %zu; the first "
			    "more: %s\n", file, nlinks, j,
			    buf_cstr(&got[j].href));
			failed++;
		}
		for (j = 0; j < md.nheadings; j++)
			buf_printf(&ids, "%s%s", j ? " " : "",
			    md.headings[j].id);
		if (strcmp(buf_cstr(&ids), tsv_get(&pages, i, "ids")) != 0) {
			print_error("%s: heading ids: want %s, got %s\n",
			    file, tsv_get(&pages, i, "ids"), buf_cstr(&ids));
			failed++;
		}
		assert_int_equal(metrics_compute(strstr(src + 4, "\n---\n") + 5,
		    strlen(strstr(src + 4, "\n---\n") + 5), NULL, &opts, &m), 0);
		if (m.words != atol(tsv_get(&pages, i, "words"))) {
			print_error("%s: %ld words, Hugo %s\n", file, m.words,
			    tsv_get(&pages, i, "words"));
			failed++;
		}
		for (j = 0; j < nlinks; j++) {
			buf_free(&got[j].href);
			buf_free(&got[j].text);
		}
		free(got);
		metrics_free(&m);
		buf_free(&ids);
		md_result_free(&md);
		free(src);
	}
	assert_int_equal(row, links.nrows);
	tsv_free(&pages);
	tsv_free(&links);
	assert_int_equal(failed, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden_render),
		cmocka_unit_test(test_hugo_links),
		cmocka_unit_test(test_hugo_headattrs),
	};

	uni_init();
	date_set_zone("UTC");
	return cmocka_run_group_tests_name("golden", tests, NULL, NULL);
}
