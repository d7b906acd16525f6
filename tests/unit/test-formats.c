/* test-formats.c - front matter in TOML (+++), YAML (---) and JSON ({):
 * where it is found, the values and their types, and bad files with
 * their FILE:LINE messages. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "frontmatter.h"
#include "unicode.h"
#include "yamldoc.h"

/* Parses text, which must succeed; the caller frees fm. */
static void
good(const char *text, struct frontmatter *fm, struct buf *warn)
{
	struct buf err = BUF_INIT;

	if (fm_parse("p.md", text, strlen(text), fm, &err, warn) != 0)
		print_error("unexpected error [%s]\n", buf_cstr(&err));
	assert_int_equal(err.len, 0);
	buf_free(&err);
}

/* Parses text, which must fail with want in the message. */
static void
bad(const char *text, const char *want)
{
	struct frontmatter fm;
	struct buf err = BUF_INIT, warn = BUF_INIT;

	assert_int_equal(fm_parse("bad.md", text, strlen(text), &fm, &err,
	    &warn), -1);
	if (strstr(buf_cstr(&err), want) == NULL)
		print_error("got [%s], wanted [%s]\n", buf_cstr(&err), want);
	assert_non_null(strstr(buf_cstr(&err), want));
	fm_free(&fm);
	buf_free(&err);
	buf_free(&warn);
}

/* The same post in the three formats gives the same fields. */
static void
test_same_post(void **state)
{
	static const char *const texts[] = {
		"+++\n"
		"title = \"Hello: world\"\n"
		"date = 2024-04-01T23:30:00-07:00\n"
		"publishDate = \"2024-04-01\"\n"
		"draft = false\n"
		"tags = [\"Go\", \"café crème\"]\n"
		"categories = \"notes\"\n"
		"aliases = [\"/old/\"]\n"
		"slug = \"hello\"\n"
		"author = \"Ann\"\n"
		"[params]\nx = 1\n"
		"+++\n"
		"Body text.\n",

		"---\n"
		"title: \"Hello: world\"\n"
		"date: 2024-04-01T23:30:00-07:00\n"
		"publishDate: \"2024-04-01\"\n"
		"draft: false\n"
		"tags: [Go, café crème]\n"
		"categories: notes\n"
		"aliases: [/old/]\n"
		"slug: hello\n"
		"author: Ann\n"
		"params: {x: 1}\n"
		"---\n"
		"Body text.\n",

		"{\n"
		"  \"title\": \"Hello: world\",\n"
		"  \"date\": \"2024-04-01T23:30:00-07:00\",\n"
		"  \"publishDate\": \"2024-04-01\",\n"
		"  \"draft\": false,\n"
		"  \"tags\": [\"Go\", \"caf\\u00e9 cr\\u00e8me\"],\n"
		"  \"categories\": \"notes\",\n"
		"  \"aliases\": [\"/old/\"],\n"
		"  \"slug\": \"hello\",\n"
		"  \"author\": \"Ann\",\n"
		"  \"params\": {\"x\": 1}\n"
		"}\n"
		"Body text.\n",
	};
	struct frontmatter fm;
	struct buf warn = BUF_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		good(texts[i], &fm, &warn);
		assert_string_equal(fm.title, "Hello: world");
		assert_string_equal(fm.slug, "hello");
		assert_string_equal(fm.author, "Ann");
		assert_true(fm.has_date);
		assert_int_equal(fm.date.t, 1712039400LL);
		assert_int_equal(fm.date.offset, -7 * 3600);
		assert_true(fm.has_publish);
		assert_int_equal(fm.publish.t, 1711929600LL);
		assert_false(fm.draft);
		assert_int_equal(fm.nterms[0], 2);
		assert_string_equal(fm.terms[0][0], "Go");
		assert_string_equal(fm.terms[0][1], "café crème");
		assert_int_equal(fm.nterms[1], 1);
		assert_string_equal(fm.terms[1][0], "notes");
		assert_int_equal(fm.naliases, 1);
		assert_string_equal(fm.aliases[0], "/old/");
		assert_string_equal(fm.body, "Body text.\n");
		/* categories as one string: the same warning, on its line. */
		assert_non_null(strstr(buf_cstr(&warn), "p.md:7: 'categories' "
		    "is one string"));
		fm_free(&fm);
		buf_reset(&warn);
	}
	buf_free(&warn);
}

/* A value keeps the type its format gives it: a quoted "null" or "" is a
 * string, TOML's dates are dates, numbers read as Hugo prints them. */
static void
test_types(void **state)
{
	struct frontmatter fm;
	struct buf warn = BUF_INIT;

	(void)state;
	good("+++\ntitle = \"null\"\nslug = \"\"\ndraft = true\n"
	    "date = 2020-01-02\nlastmod = 2020-01-02T03:04:05\n"
	    "expiryDate = 2030-01-02 03:04:05.5Z\n"
	    "tags = [1, 2.5, true, 1e3]\n+++\n", &fm, &warn);
	assert_string_equal(fm.title, "null");
	assert_string_equal(fm.slug, "");	/* as YAML's quoted "" */
	assert_true(fm.draft);
	/* Local dates and date-times are in the site's zone (UTC here). */
	assert_int_equal(fm.date.t, 1577923200LL);
	assert_int_equal(fm.lastmod.t, 1577934245LL);
	assert_int_equal(fm.expiry.t, 1893553445LL);
	assert_int_equal(fm.nterms[0], 4);
	assert_string_equal(fm.terms[0][0], "1");
	assert_string_equal(fm.terms[0][1], "2.5");
	assert_string_equal(fm.terms[0][2], "true");
	assert_string_equal(fm.terms[0][3], "1000");
	fm_free(&fm);

	good("{\"title\": \"null\", \"slug\": null, \"draft\": \"true\", "
	    "\"tags\": [1, 2.50, 1e2], \"title\": \"last wins\"}", &fm, &warn);
	assert_string_equal(fm.title, "last wins");
	assert_null(fm.slug);
	assert_true(fm.draft);
	assert_int_equal(fm.nterms[0], 3);
	assert_string_equal(fm.terms[0][0], "1");
	assert_string_equal(fm.terms[0][1], "2.5");
	assert_string_equal(fm.terms[0][2], "100");
	assert_int_equal(fm.body_len, 0);
	fm_free(&fm);

	/* A JSON string may hold a NUL: kept, as Go keeps it. */
	good("{\"tags\": [\"a\\u0000b\"]}\n", &fm, &warn);
	assert_int_equal(fm.nterms[0], 1);
	assert_string_equal(fm.terms[0][0], "a\xEF\xBF\xBD" "b");
	fm_free(&fm);
	buf_free(&warn);
}

/* Where Hugo finds front matter: after blank lines and a byte-order mark;
 * JSON ends at its matching brace, braces in strings not counted. */
static void
test_finding(void **state)
{
	struct frontmatter fm;
	struct buf warn = BUF_INIT;

	(void)state;
	good("\xEF\xBB\xBF\n  \n+++\ntitle = \"t\"\n+++\nbody\n", &fm, &warn);
	assert_string_equal(fm.title, "t");
	assert_string_equal(fm.body, "body\n");
	fm_free(&fm);
	good("\n{\"title\": \"a } \\\" {\"} rest\nbody\n", &fm, &warn);
	assert_string_equal(fm.title, "a } \" {");
	assert_string_equal(fm.body, " rest\nbody\n");
	fm_free(&fm);
	good("{\"title\": \"t\"}\r\nbody\n", &fm, &warn);
	assert_string_equal(fm.body, "body\n");
	fm_free(&fm);
	/* No front matter: the body keeps its indent (a code block). */
	good("\n    code\n", &fm, &warn);
	assert_null(fm.title);
	assert_string_equal(fm.body, "\n    code\n");
	assert_non_null(strstr(buf_cstr(&warn), "p.md:1: no front matter"));
	fm_free(&fm);
	buf_free(&warn);
}

/* Bad TOML and JSON, and values of the wrong type, on the right line. */
static void
test_errors(void **state)
{
	(void)state;
	bad("+++\ntitle = \"t\"\n\ndate = 2024-13-01\n+++\n",
	    "bad.md:4: invalid TOML");
	bad("\n\n+++\ntitle = \"t\"\ntitle = \"u\"\n+++\n",
	    "bad.md:5: invalid TOML");
	bad("+++\ntitle = \"t\"\ndraft = \"maybe\"\n+++\n",
	    "bad.md:3: 'draft' must be true or false");
	bad("+++\ntitle = \"t\"\ndate = 12:00:00\n+++\n",
	    "bad.md:3: 'date' is not a date");
	bad("+++\n[title]\nx = 1\n+++\n", "bad.md:2: 'title' must be a string");
	bad("+++\ntags = [\"a\",\n  [\"b\"]]\n+++\n",
	    "bad.md:3: each of 'tags' must be a string");
	bad("+++\ntitle = \"t\"\n", "bad.md:1: front matter opened with '+++' "
	    "is never closed");
	bad("{\n\"title\": \"t\",\n\"draft\": yes\n}\n",
	    "bad.md:3: invalid JSON");
	bad("\n{\n\"title\": \"t\",\n\"tags\": {\"a\": 1}\n}\n",
	    "bad.md:4: 'tags' must be a list");
	bad("{\n\"title\": \"t\",\n", "bad.md:1: JSON front matter opened "
	    "with '{' is never closed");
	bad("{\"title\": \"t\",}\n", "bad.md:1: invalid JSON");
	bad("- item\n- item\n", "bad.md:1: invalid YAML delimiter");
	bad("\n+ item\n", "bad.md:2: invalid TOML delimiter");
	bad("+++ x\ntitle = 1\n+++\n", "bad.md:1: '+++' must stand alone");
}

/* Documents deeper than 100 levels are refused in every format, on the
 * line of the level too many. */
static void
test_depth(void **state)
{
	struct buf t = BUF_INIT, want = BUF_INIT;
	int fmt, i, depth;

	(void)state;
	for (fmt = 0; fmt < 2; fmt++) {
		for (depth = 99; depth <= 100; depth++) {
			buf_reset(&t);
			buf_puts(&t, fmt ? "{\n\"a\": " : "+++\na = ");
			for (i = 0; i < depth; i++)
				buf_puts(&t, "[");
			for (i = 0; i < depth; i++)
				buf_puts(&t, "]");
			buf_puts(&t, fmt ? "}\n" : "\n+++\n");
			if (depth == 99) {
				struct frontmatter fm;
				struct buf warn = BUF_INIT;

				good(buf_cstr(&t), &fm, &warn);
				fm_free(&fm);
				buf_free(&warn);
				continue;
			}
			buf_reset(&want);
			buf_printf(&want, "bad.md:2: %s nested more than 100 "
			    "levels deep", fmt ? "JSON" : "TOML");
			bad(buf_cstr(&t), buf_cstr(&want));
		}
	}
	/* Dotted keys nest too, and toml++ has no bound on them: 300,000
	 * levels overflowed its stack. */
	buf_reset(&t);
	buf_puts(&t, "+++\ntitle = \"a.b.c\" # d.e.f\n");
	for (i = 0; i < 300000; i++)
		buf_puts(&t, "a.");
	buf_puts(&t, "z = 1\n+++\n");
	bad(buf_cstr(&t), "bad.md:3: TOML nested more than 100 levels deep");
	buf_reset(&t);
	buf_puts(&t, "+++\n[");
	for (i = 0; i < 100; i++)
		buf_puts(&t, "a.");
	buf_puts(&t, "z]\nx = 1\n+++\n");
	bad(buf_cstr(&t), "bad.md:2: TOML nested more than 100 levels deep");
	buf_free(&t);
	buf_free(&want);
}

/* yamldoc_format_of(): a configuration file's format by its name. */
static void
test_format_of(void **state)
{
	(void)state;
	assert_int_equal(yamldoc_format_of("hugo.toml"), YAMLDOC_TOML);
	assert_int_equal(yamldoc_format_of("config/_default/params.json"),
	    YAMLDOC_JSON);
	assert_int_equal(yamldoc_format_of("a.toml.d/hugo.yml"), YAMLDOC_YAML);
	assert_int_equal(yamldoc_format_of("hugo.yaml"), YAMLDOC_YAML);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_post),
		cmocka_unit_test(test_types),
		cmocka_unit_test(test_finding),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_depth),
		cmocka_unit_test(test_format_of),
	};

	uni_init();
	date_set_zone("UTC");
	return cmocka_run_group_tests_name("formats", tests, NULL, NULL);
}
