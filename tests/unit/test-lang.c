/* test-lang.c - which language a content file is in, by the folder
 * holding it (a language's own contentDir, the site's contentDir that the
 * languages naming none share) and its name, as Hugo 0.111.3 decides
 * (each case built with /usr/bin/hugo: tests/hugo/langdirs*). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "site.h"

/* Sets language code's weight and contentDir ("" for none) in s. */
static void
add_lang(struct site *s, const char *code, const char *weight,
    const char *dir)
{
	struct buf key = BUF_INIT;

	buf_printf(&key, "lang.%s.weight", code);
	site_set(s, buf_cstr(&key), weight);
	buf_reset(&key);
	buf_printf(&key, "lang.%s.contentDir", code);
	site_set(s, buf_cstr(&key), dir);
	buf_free(&key);
}

/* Asserts that source is in language lang at path. */
static void
check(const struct site *s, const char *source, const char *lang,
    const char *path)
{
	struct buf got = BUF_INIT;

	assert_string_equal(lang_of_file(s, source, &got), lang);
	assert_string_equal(buf_cstr(&got), path);
	buf_free(&got);
}

/* hugo-book's shape: no content/, each language in a folder of its own;
 * a suffix names a language whatever the folder. */
static void
test_own_folders(void **state)
{
	struct site s;
	struct buf p = BUF_INIT;

	(void)state;
	site_init(&s);
	add_lang(&s, "en", "1", "content.en");
	add_lang(&s, "zh", "2", "content.zh");
	add_lang(&s, "he", "3", "./content.he/");
	check(&s, "../content.en/docs/a.md", "en", "docs/a.md");
	check(&s, "../content.zh/docs/a.md", "zh", "docs/a.md");
	check(&s, "../content.he/docs/intro.he.md", "he", "docs/intro.md");
	check(&s, "../content.he/docs/shared.zh.md", "zh", "docs/shared.md");
	assert_int_equal(lang_content_prefix(&s, "he", &p), 1);
	assert_string_equal(buf_cstr(&p), "../content.he/");
	buf_reset(&p);
	/* content/, which no language has: its sources are the default
	 * language's, as written. */
	check(&s, "posts/b.md", "en", "posts/b.md");
	lang_site_prefix(&s, &p);
	assert_string_equal(buf_cstr(&p), "");
	buf_free(&p);
	site_free(&s);
}

/* A top-level contentDir: the languages naming none share it; its files
 * without a language in their name are the default language's when it
 * shares it, else the first sharing it (by weight). */
static void
test_shared_folder(void **state)
{
	struct site s;
	struct buf p = BUF_INIT;

	(void)state;
	site_init(&s);
	site_set(&s, "contentDir", "src");
	add_lang(&s, "en", "1", "content-en");
	add_lang(&s, "de", "3", "");
	add_lang(&s, "nl", "2", "");
	check(&s, "../src/posts/a.md", "nl", "posts/a.md");
	check(&s, "../src/posts/b.de.md", "de", "posts/b.md");
	check(&s, "../content-en/posts/c.md", "en", "posts/c.md");
	assert_int_equal(lang_content_prefix(&s, "de", &p), 0);
	assert_string_equal(buf_cstr(&p), "../src/");
	buf_reset(&p);
	lang_site_prefix(&s, &p);
	assert_string_equal(buf_cstr(&p), "../src/");
	buf_free(&p);
	site_free(&s);

	/* The default language sharing it has it, whatever its weight. */
	site_init(&s);
	site_set(&s, "contentDir", "src");
	add_lang(&s, "de", "1", "");
	add_lang(&s, "en", "2", "");
	add_lang(&s, "fr", "3", "content-fr");
	check(&s, "../src/posts/a.md", "en", "posts/a.md");
	check(&s, "../content-fr/posts/a.md", "fr", "posts/a.md");
	site_free(&s);
}

/* contentDir under content/, and no languages at all. */
static void
test_under_content(void **state)
{
	struct site s;

	(void)state;
	site_init(&s);
	add_lang(&s, "en", "1", "content/en");
	add_lang(&s, "fr", "2", "content/fr");
	check(&s, "en/posts/a.md", "en", "posts/a.md");
	check(&s, "fr/posts/a.md", "fr", "posts/a.md");
	site_free(&s);

	site_init(&s);
	site_set(&s, "contentDir", "pages");
	check(&s, "../pages/posts/a.md", "en", "posts/a.md");
	site_free(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_own_folders),
		cmocka_unit_test(test_shared_folder),
		cmocka_unit_test(test_under_content),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
