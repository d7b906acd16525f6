/* test-url.c - Hugo's URLs: urlize, page paths and permalinks, against
 * tests/golden/ (Hugo 0.111's own RelPermalinks). */
#include <ftw.h>
#include <stdarg.h>
#include <string.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "dates.h"
#include "frontmatter.h"
#include "html.h"
#include "import.h"
#include "site.h"
#include "tsv.h"
#include "unicode.h"
#include "url.h"

static void
urlize_check(const char *in, const char *want)
{
	struct buf b = BUF_INIT;

	url_urlize(&b, in);
	assert_string_equal(buf_cstr(&b), want);
	buf_free(&b);
}

static void
test_urlize(void **state)
{
	(void)state;
	/* Measured with Hugo 0.111.3's urlize. */
	urlize_check("Web Dev", "web-dev");
	urlize_check("café crème", "café-crème");
	urlize_check("A -- B", "a--b");
	urlize_check("a - b", "a-b");
	urlize_check("Foo@Bar ~x", "foo@bar-~x");
	urlize_check("one  two", "one-two");
	urlize_check("Ends-", "ends-");
	urlize_check("#hash", "#hash");
	urlize_check("tab\tx", "tab-x");
	urlize_check("C++", "c++");
	urlize_check("node.js", "node.js");
	urlize_check("<b>bold</b>", "bbold/b");
}

static void
slug_check(const char *in, const char *want)
{
	struct buf b = BUF_INIT;

	url_term_slug(&b, in);
	assert_string_equal(buf_cstr(&b), want);
	buf_free(&b);
}

static void
test_term_slug(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	/* A term page is one path segment: no '/' in its slug. */
	url_term_slug(&b, "<b>bold</b> a/b");
	assert_string_equal(buf_cstr(&b), "bbold-b-a-b");
	buf_free(&b);
	urlize_check("", "");
	/* Hugo 0.111 makes no page for these (measured): no slug. */
	slug_check(".", "");
	slug_check("..", "");
	slug_check("...", "");
	slug_check("\xF0\x9F\x8E\x89", "");
	slug_check(" \xE2\x80\x94 ", "");
	slug_check("a/..", "a-..");
	slug_check(". .", ".-.");
	slug_check(".a", ".a");
	slug_check("a.", "a.");
}

static char *found_sections[64];
static size_t nfound_sections;
static size_t content_prefix;

/* nftw() callback: notes each folder holding an _index.md. */
static int
note_section(const char *fpath, const struct stat *sb, int flag,
    struct FTW *ftw)
{
	const char *base = fpath + ftw->base;

	(void)sb;
	if (flag == FTW_F && strcmp(base, "_index.md") == 0 &&
	    (size_t)ftw->base > content_prefix + 1 && nfound_sections < 64)
		found_sections[nfound_sections++] = strndup(fpath +
		    content_prefix, ftw->base - 1 - content_prefix);
	return 0;
}

/* Checks every page's URL in a golden file against url_page() under the
 * site configuration of site_dir. */
static void
check_golden_urls(const char *tsv_path, const char *site_dir)
{
	struct tsv t;
	struct site site;
	struct buf err = BUF_INIT, path = BUF_INIT;
	size_t r;

	site_init(&site);
	buf_printf(&path, "%s/content/", site_dir);
	content_prefix = path.len;
	nfound_sections = 0;
	assert_int_equal(nftw(buf_cstr(&path), note_section, 8, FTW_PHYS), 0);
	buf_reset(&path);
	buf_printf(&path, "%s/hugo.yaml", site_dir);
	assert_int_equal(site_load_file(&site, buf_cstr(&path), &err), 0);
	assert_int_equal(tsv_load(&t, tsv_path), 0);
	assert_true(t.nrows > 0);
	for (r = 0; r < t.nrows; r++) {
		const char *file = tsv_get(&t, r, "file");
		struct frontmatter fm;
		struct buf warn = BUF_INIT, url = BUF_INIT, enc = BUF_INIT;
		struct url_page up;
		size_t n;
		char *text;

		buf_reset(&path);
		buf_printf(&path, "%s/content/%s", site_dir, file);
		text = slurp(buf_cstr(&path), &n);
		assert_non_null(text);
		assert_int_equal(fm_parse(file, text, n, &fm, &err, &warn), 0);
		memset(&up, 0, sizeof(up));
		up.path = file;
		up.title = fm.title;
		up.slug = fm.slug;
		up.url = fm.url;
		up.date = fm.has_date ? &fm.date : fm.has_publish ?
		    &fm.publish : fm.has_lastmod ? &fm.lastmod : NULL;
		up.sections = (const char *const *)found_sections;
		up.nsections = nfound_sections;
		assert_int_equal(url_page(&url, &site, &up), 0);
		html_url_path(&enc, buf_cstr(&url));
		/* Hugo leaves '#' raw in a path (broken); quire encodes it. */
		{
			struct buf hugo = BUF_INIT;
			const char *h = tsv_get(&t, r, "url");

			for (; *h != '\0'; h++) {
				if (*h == '#')
					buf_puts(&hugo, "%23");
				else
					buf_putc(&hugo, *h);
			}
			if (strcmp(buf_cstr(&enc), buf_cstr(&hugo)) != 0)
				print_error("%s: %s, Hugo %s\n", file,
				    buf_cstr(&enc), buf_cstr(&hugo));
			assert_string_equal(buf_cstr(&enc), buf_cstr(&hugo));
			buf_free(&hugo);
		}
		fm_free(&fm);
		free(text);
		buf_free(&warn);
		buf_free(&url);
		buf_free(&enc);
	}
	tsv_free(&t);
	site_free(&site);
	buf_free(&err);
	buf_free(&path);
	while (nfound_sections > 0)
		free(found_sections[--nfound_sections]);
}

static void
test_golden_post_urls(void **state)
{
	(void)state;
	check_golden_urls("tests/golden/hugo-posts.tsv", "tests/hugo/site");
}

static void
test_golden_permalinks(void **state)
{
	(void)state;
	check_golden_urls("tests/golden/hugo-permalinks.tsv",
	    "tests/hugo/permalinks");
}

static void
test_golden_tags(void **state)
{
	struct tsv t;
	size_t r;

	(void)state;
	assert_int_equal(tsv_load(&t, "tests/golden/hugo-tags.tsv"), 0);
	for (r = 0; r < t.nrows; r++) {
		struct buf slug = BUF_INIT, url = BUF_INIT, hugo = BUF_INIT;
		const char *h;

		url_term_slug(&slug, tsv_get(&t, r, "name"));
		buf_puts(&url, "/tags/");
		html_url_path(&url, buf_cstr(&slug));
		buf_putc(&url, '/');
		for (h = tsv_get(&t, r, "url"); *h != '\0'; h++) {
			if (*h == '#')
				buf_puts(&hugo, "%23");
			else
				buf_putc(&hugo, *h);
		}
		assert_string_equal(buf_cstr(&url), buf_cstr(&hugo));
		buf_free(&slug);
		buf_free(&url);
		buf_free(&hugo);
	}
	tsv_free(&t);
}

static void
test_hostile_urls(void **state)
{
	struct site site;
	struct url_page up;
	struct buf b = BUF_INIT;

	(void)state;
	site_init(&site);
	memset(&up, 0, sizeof(up));
	up.path = "posts/a.md";
	/* "//host/x" in a link is another site: never write one. */
	up.url = "//evil.example/x";
	assert_int_equal(url_page(&b, &site, &up), 0);
	assert_string_equal(buf_cstr(&b), "/evil.example/x/");
	buf_reset(&b);
	up.url = "/a/../b/";
	assert_int_equal(url_page(&b, &site, &up), -1);
	buf_reset(&b);
	up.url = "/a/./b/";
	assert_int_equal(url_page(&b, &site, &up), -1);
	buf_reset(&b);
	up.url = NULL;
	up.slug = "//x";
	assert_int_equal(url_page(&b, &site, &up), 0);
	assert_string_equal(buf_cstr(&b), "/posts/x/");
	buf_free(&b);
	site_free(&site);
}

/* Patterns Hugo 0.111 refuses at start-up ("permalink ill-formed"), and
 * the zone name quire does not keep. */
static void
test_permalink_check(void **state)
{
	static const char *const good[] = { "/:year/:month/:slugorfilename/",
	    "/:sections[1:]/:sections[last]/:filename/", ":year/:slug/",
	    "/:2006/:Jan/:_2/:slug/", "/static/path/", "/:title" };
	static const char *const bad[] = { "/:foo/", "/a//:slug/",
	    "p//:slug/", "/:yearx/", "/:2006/:MST/" };
	struct buf err = BUF_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		assert_int_equal(url_permalink_check(good[i], &err), 0);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		buf_reset(&err);
		assert_int_equal(url_permalink_check(bad[i], &err), -1);
		assert_true(err.len > 0);
	}
	buf_free(&err);
}

static void
test_base_url(void **state)
{
	struct site s;
	struct buf err = BUF_INIT;

	(void)state;
	site_init(&s);
	assert_string_equal(s.base_path, "/");
	assert_int_equal(site_set_base_url(&s, "https://h.example/blog", &err), 0);
	assert_string_equal(s.base_url, "https://h.example/blog/");
	assert_string_equal(s.base_path, "/blog/");
	assert_int_equal(site_set_base_url(&s, "ftp://h/", &err), -1);
	assert_int_equal(site_set_base_url(&s, "javascript:alert(1)", &err), -1);
	assert_int_equal(site_set_base_url(&s, "http://h/a\"b/", &err), -1);
	site_free(&s);
	buf_free(&err);
}

/* url_alias(): relative to the page's folder, checked, ugly as Hugo. */
static void
test_alias(void **state)
{
	struct site s;
	struct buf b = BUF_INIT;
	static const char *const bad[] = {
		"", "http://x.org/a/", "/a/?b", "/a/#b", "/a/../b/", "/a/./b/",
		"/a//b/", "/a/\x01/",
	};
	size_t i;

	(void)state;
	site_init(&s);
	assert_int_equal(url_alias(&b, &s, "/posts/new/", "/old/path"), 0);
	assert_string_equal(buf_cstr(&b), "/old/path/");
	buf_reset(&b);
	assert_int_equal(url_alias(&b, &s, "/posts/new/", "older"), 0);
	assert_string_equal(buf_cstr(&b), "/posts/older/");
	buf_reset(&b);
	assert_int_equal(url_alias(&b, &s, "/posts/new/", "/feed.xml"), 0);
	assert_string_equal(buf_cstr(&b), "/feed.xml");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		buf_reset(&b);
		assert_int_equal(url_alias(&b, &s, "/posts/new/", bad[i]), -1);
	}
	/* uglyURLs: true writes /old/ as /old.html; a map of sections
	 * leaves aliases alone. */
	site_set(&s, "uglyURLs", "*");
	buf_reset(&b);
	assert_int_equal(url_alias(&b, &s, "/posts/new.html", "/old/"), 0);
	assert_string_equal(buf_cstr(&b), "/old.html");
	site_set(&s, "uglyURLs", "posts");
	buf_reset(&b);
	assert_int_equal(url_alias(&b, &s, "/posts/new.html", "/old/"), 0);
	assert_string_equal(buf_cstr(&b), "/old/");
	buf_free(&b);
	site_free(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_urlize),
		cmocka_unit_test(test_term_slug),
		cmocka_unit_test(test_golden_post_urls),
		cmocka_unit_test(test_golden_permalinks),
		cmocka_unit_test(test_golden_tags),
		cmocka_unit_test(test_hostile_urls),
		cmocka_unit_test(test_permalink_check),
		cmocka_unit_test(test_base_url),
		cmocka_unit_test(test_alias),
	};

	uni_init();
	date_set_zone("UTC");
	return cmocka_run_group_tests_name("url", tests, NULL, NULL);
}
