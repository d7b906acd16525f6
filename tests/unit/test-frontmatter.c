/* test-frontmatter.c - Hugo YAML front matter: good files, bad files with
 * their FILE:LINE messages, and dates. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dates.h"
#include "frontmatter.h"
#include "unicode.h"

static void
test_good(void **state)
{
	const char *text = "---\n"
	    "title: \"Hello: world\"\n"
	    "date: 2024-04-01T23:30:00-07:00\n"
	    "tags: [Go, \"café crème\"]\n"
	    "categories:\n  - notes\n"
	    "draft: false\n"
	    "slug: hello\n"
	    "summary: A *short* one\n"
	    "unknownKey: {nested: [1, 2]}\n"
	    "---\n"
	    "Body text.\n";
	struct frontmatter fm;
	struct buf err = BUF_INIT, warn = BUF_INIT, d = BUF_INIT;

	(void)state;
	assert_int_equal(fm_parse("a.md", text, strlen(text), &fm, &err,
	    &warn), 0);
	assert_string_equal(fm.title, "Hello: world");
	assert_string_equal(fm.slug, "hello");
	assert_string_equal(fm.summary, "A *short* one");
	{
		size_t n;
		char **tags = fm_terms(&fm, "tags", &n);

		assert_int_equal(n, 2);
		assert_string_equal(tags[1], "café crème");
		assert_non_null(fm_terms(&fm, "categories", &n));
		assert_int_equal(n, 1);
		assert_null(fm_terms(&fm, "series", &n));
		assert_int_equal(n, 0);
	}
	assert_false(fm.draft);
	assert_true(fm.has_date);
	/* Shown in its own zone: April 1, though April 2 in UTC. */
	date_format_long(&d, &fm.date, NULL);
	assert_string_equal(buf_cstr(&d), "April 1, 2024");
	assert_int_equal(fm.date.t, 1712039400LL);
	assert_string_equal(fm.body, "Body text.\n");
	assert_int_equal(warn.len, 0);
	fm_free(&fm);
	buf_free(&err);
	buf_free(&warn);
	buf_free(&d);
}

static void
bad(const char *text, const char *want)
{
	struct frontmatter fm;
	struct buf err = BUF_INIT, warn = BUF_INIT;

	assert_int_equal(fm_parse("post.md", text, strlen(text), &fm, &err,
	    &warn), -1);
	if (strstr(buf_cstr(&err), want) == NULL)
		print_error("got [%s], wanted [%s]\n", buf_cstr(&err), want);
	assert_non_null(strstr(buf_cstr(&err), want));
	fm_free(&fm);
	buf_free(&err);
	buf_free(&warn);
}

static void
test_bad(void **state)
{
	(void)state;
	bad("---\ntitle: [unclosed\n---\nx\n", "post.md:");
	bad("---\ntitle: ok\ndate: 2024-13-45\n---\nx\n",
	    "post.md:3: 'date' is not a date");
	bad("---\ntitle: ok\n\ndate: yesterday\n---\n", "post.md:4:");
	bad("---\ntitle: [a, b]\n---\n", "post.md:2: 'title' must be a string");
	bad("---\ntitle: ok\ntags: {a: b}\n---\n",
	    "post.md:3: 'tags' must be a list");
	bad("---\ntitle: ok\ntags: [a, [b]]\n---\n", "post.md:3: each of 'tags'");
	bad("---\ndraft: maybe\n---\n", "post.md:2: 'draft' must be true");
	bad("+++\ntitle = [\n+++\n", "post.md:2: invalid TOML");
	bad("{\"title\": x}\n", "post.md:1: invalid JSON");
	bad("---\ntitle: never closed\n", "post.md:1: front matter");
	bad("---\n- a\n- b\n---\n", "post.md:2: front matter must be a mapping");
	bad("---\ntitle: x\n---\nok\n\xFF\xFE bad\n", "post.md:5: not valid UTF-8");
	/* Hugo 0.111 (measured): a page starting with HTML, or with a
	 * comment line that no "-->" closes later, stops its build. */
	bad("\n  <div>text</div>\n", "post.md:2: a page must not start with HTML");
	bad("<!-- a comment -->\n<p>x</p>\n", "post.md:2: a page must not start");
	bad("\n<!-- a comment -->\nText, and no end.\n",
	    "post.md:2: the HTML comment opened here is never closed");
}

/* Front matter in an HTML comment, which Hugo 0.111 reads; the body
 * starts after the comment's end (measured). */
static void
test_commented(void **state)
{
	static const struct {
		const char *text, *title, *body;
	} cases[] = {
		{ "<!--\n---\ntitle: In YAML\n---\n-->\n*body*\n", "In YAML",
		    "\n*body*\n" },
		{ "\n<!--\n+++\ntitle = \"In TOML\"\n+++\n-->", "In TOML", "" },
		{ "<!-- a comment -->\ntext\nthen --> the body\n", NULL,
		    " the body\n" },
		{ "<!--x\n<!--y\n{\"title\": \"JSON\"}\n-->b", "JSON", "b" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct frontmatter fm;
		struct buf err = BUF_INIT, warn = BUF_INIT;

		assert_int_equal(fm_parse("c.md", cases[i].text,
		    strlen(cases[i].text), &fm, &err, &warn), 0);
		if (cases[i].title != NULL)
			assert_string_equal(fm.title, cases[i].title);
		else
			assert_null(fm.title);
		assert_int_equal(fm.body_len, strlen(cases[i].body));
		assert_memory_equal(fm.body, cases[i].body, fm.body_len);
		fm_free(&fm);
		buf_free(&err);
		buf_free(&warn);
	}
}

static void
test_binary(void **state)
{
	const char text[] = "---\ntitle: x\n---\nline\nbin\0ary\n";
	struct frontmatter fm;
	struct buf err = BUF_INIT, warn = BUF_INIT;

	(void)state;
	assert_int_equal(fm_parse("b.md", text, sizeof(text) - 1, &fm, &err,
	    &warn), -1);
	assert_non_null(strstr(buf_cstr(&err), "b.md:5: binary data"));
	fm_free(&fm);
	buf_free(&err);
	buf_free(&warn);
}

static void
test_slips(void **state)
{
	struct frontmatter fm;
	struct buf err = BUF_INIT, warn = BUF_INIT;
	const char *t1 = "---\ntags: one string\n---\nbody\n";
	const char *t2 = "Just Markdown, no front matter.\n";
	const char *t3 = "---\ntitle: J\noutputs: [json]\n---\nx\n";
	const char *t4 = "---\ntitle: K\noutputs: [HTML, json]\n---\nx\n";
	const char *t5 = "---\ntitle: \"ti\\0tle\"\nslug: \"sl\\0ug\"\n---\nx\n";
	const char *t6 = "---\nurl: \"/u\\0rl/\"\n---\nx\n";

	(void)state;
	/* Hugo accepts these; quire too, with a warning naming the file. */
	assert_int_equal(fm_parse("s.md", t1, strlen(t1), &fm, &err, &warn), 0);
	assert_int_equal(fm.nterms[0], 1);
	assert_string_equal(fm.terms[0][0], "one string");
	assert_non_null(strstr(buf_cstr(&warn), "s.md:2:"));
	assert_non_null(strstr(buf_cstr(&warn), "s.md:1: no title"));
	fm_free(&fm);
	buf_reset(&warn);
	assert_int_equal(fm_parse("n.md", t2, strlen(t2), &fm, &err, &warn), 0);
	assert_string_equal(fm.body, t2);
	assert_non_null(strstr(buf_cstr(&warn), "n.md:1: no front matter"));
	fm_free(&fm);
	buf_reset(&warn);
	assert_int_equal(fm_parse("e.md", "", 0, &fm, &err, &warn), 0);
	assert_int_equal(fm.body_len, 0);
	fm_free(&fm);
	/* A NUL in a string, as Hugo 0.111 takes it (measured): shown as
	 * U+FFFD, left out of a slug, refused in a url; each said. */
	buf_reset(&warn);
	assert_int_equal(fm_parse("z.md", t5, strlen(t5), &fm, &err, &warn), 0);
	assert_string_equal(fm.title, "ti\xEF\xBF\xBDtle");
	assert_string_equal(fm.slug, "slug");
	assert_non_null(strstr(buf_cstr(&warn), "z.md:2: 'title' holds a NUL"));
	assert_non_null(strstr(buf_cstr(&warn), "z.md:3: 'slug' holds a NUL"));
	fm_free(&fm);
	assert_int_equal(fm_parse("u.md", t6, strlen(t6), &fm, &err, &warn), -1);
	assert_non_null(strstr(buf_cstr(&err), "u.md:2: 'url' holds a NUL"));
	fm_free(&fm);
	buf_reset(&err);
	/* A page Hugo publishes in other formats only (roweb3's JSON
	 * pages): quire says it serves HTML; with html listed, nothing. */
	buf_reset(&warn);
	assert_int_equal(fm_parse("j.md", t3, strlen(t3), &fm, &err, &warn), 0);
	assert_non_null(strstr(buf_cstr(&warn), "j.md:3: 'outputs' has no html"));
	fm_free(&fm);
	buf_reset(&warn);
	assert_int_equal(fm_parse("k.md", t4, strlen(t4), &fm, &err, &warn), 0);
	assert_int_equal(warn.len, 0);
	fm_free(&fm);
	buf_free(&err);
	buf_free(&warn);
}

/* Front matter nested n levels deep, the root mapping counted: on line 3,
 * "x: [[[...]]]" (flow), or on line 4 "- - - ... a" under "x:" (block). */
static char *
nested(size_t n, int flow)
{
	struct buf b = BUF_INIT;
	size_t i;

	buf_puts(&b, flow ? "---\ntitle: deep\nx: " :
	    "---\ntitle: deep\nx:\n");
	if (flow) {
		for (i = 1; i < n; i++)
			buf_putc(&b, '[');
		buf_putc(&b, 'a');
		for (i = 1; i < n; i++)
			buf_putc(&b, ']');
	} else {
		for (i = 1; i < n; i++)
			buf_puts(&b, "- ");
		buf_putc(&b, 'a');
	}
	buf_puts(&b, "\n---\nbody\n");
	return buf_detach(&b);
}

static void
test_depth(void **state)
{
	struct frontmatter fm;
	struct buf err = BUF_INIT, warn = BUF_INIT;
	struct timespec t0, t1;
	char *text, want[64];
	int flow;

	(void)state;
	for (flow = 0; flow <= 1; flow++) {
		/* As deep as any site needs, and one level more. */
		text = nested(100, flow);
		assert_int_equal(fm_parse("ok.md", text, strlen(text), &fm,
		    &err, &warn), 0);
		fm_free(&fm);
		free(text);
		text = nested(101, flow);
		assert_int_equal(fm_parse("deep.md", text, strlen(text), &fm,
		    &err, &warn), -1);
		snprintf(want, sizeof(want), "deep.md:%d: YAML nested more "
		    "than 100 levels deep", flow ? 3 : 4);
		if (strstr(buf_cstr(&err), want) == NULL)
			print_error("got [%s]\n", buf_cstr(&err));
		assert_non_null(strstr(buf_cstr(&err), want));
		fm_free(&fm);
		free(text);
		buf_reset(&err);
	}
	/* 100,000 levels took libyaml 18 s (quadratic); the bound stops it
	 * at once. 2 s leaves room for a sanitizer build on a busy host. */
	text = nested(100000, 1);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(fm_parse("deep.md", text, strlen(text), &fm, &err,
	    &warn), -1);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	assert_non_null(strstr(buf_cstr(&err), "deep.md:3: YAML nested"));
	assert_true(t1.tv_sec - t0.tv_sec < 2);
	fm_free(&fm);
	free(text);
	buf_free(&err);
	buf_free(&warn);
}

/* Tags that can have no page: Hugo 0.111 drops them (measured), quire too,
 * with a warning naming the file, line and tag. */
/* Aliases: a few lines that expand to billions of nodes, and an alias
 * inside its own anchor (a loop; Hugo's YAML refuses it too), are refused
 * with their line; a few shared nodes are fine. */
static void
test_aliases(void **state)
{
	struct frontmatter fm;
	struct buf err = BUF_INIT, warn = BUF_INIT, t = BUF_INIT;
	const char *loop = "---\ntitle: t\nauthor: &a {x: *a}\n---\nx\n";
	const char *fine = "---\ntitle: t\nx: &a [1, 2]\ny: *a\n"
	    "tags: &t [go, c]\ncategories: *t\n---\nx\n";
	int i, j;

	(void)state;
	buf_puts(&t, "---\ntitle: t\na0: &a0 [x, x, x, x, x, x, x, x]\n");
	for (i = 1; i < 9; i++) {
		buf_printf(&t, "a%d: &a%d [", i, i);
		for (j = 0; j < 8; j++)
			buf_printf(&t, "%s*a%d", j ? ", " : "", i - 1);
		buf_puts(&t, "]\n");
	}
	buf_puts(&t, "author: {a: *a8, b: *a8}\n---\nbody\n");
	assert_int_equal(fm_parse("b.md", t.data, t.len, &fm, &err, &warn), -1);
	assert_non_null(strstr(buf_cstr(&err), "b.md:2: aliases expand"));
	fm_free(&fm);
	buf_reset(&err);
	assert_int_equal(fm_parse("l.md", loop, strlen(loop), &fm, &err,
	    &warn), -1);
	assert_non_null(strstr(buf_cstr(&err), "l.md:3: an alias inside"));
	fm_free(&fm);
	buf_reset(&err);
	assert_int_equal(fm_parse("f.md", fine, strlen(fine), &fm, &err,
	    &warn), 0);
	assert_int_equal(fm.nterms[1], 2);
	fm_free(&fm);
	buf_free(&err);
	buf_free(&warn);
	buf_free(&t);
}

static void
test_tags_without_page(void **state)
{
	static const char text[] = "---\ntitle: t\n"
	    "tags: [go, \".\", \"...\", \"\xF0\x9F\x8E\x89\", \"  \", \"\\0\", "
	    "\"a\\0b\", \". .\"]\n"
	    "categories:\n  - \"\xF0\x9F\x8E\x89\xF0\x9F\x8E\x89\"\n"
	    "---\nbody\n";
	struct frontmatter fm;
	struct buf err = BUF_INIT, warn = BUF_INIT;
	const char *w;

	(void)state;
	assert_int_equal(fm_parse("t.md", text, sizeof(text) - 1, &fm, &err,
	    &warn), 0);
	w = buf_cstr(&warn);
	/* go, "a\0b" (Hugo's page /tags/ab/, shown with U+FFFD as Hugo's
	 * templates print a NUL) and ". ." (/tags/.-./) stay. */
	assert_int_equal(fm.nterms[0], 3);
	assert_string_equal(fm.terms[0][0], "go");
	assert_string_equal(fm.terms[0][1], "a\xEF\xBF\xBD" "b");
	assert_string_equal(fm.terms[0][2], ". .");
	assert_int_equal(fm.nterms[1], 0);
	assert_non_null(strstr(w, "t.md:3: tag '.' can have no page"));
	assert_non_null(strstr(w, "t.md:3: tag '...' can have no page"));
	assert_non_null(strstr(w, "t.md:3: tag '\xF0\x9F\x8E\x89' can have "
	    "no page"));
	assert_non_null(strstr(w, "t.md:3: tag '  ' can have no page"));
	assert_non_null(strstr(w, "t.md:3: tag '\\0' can have no page"));
	assert_non_null(strstr(w, "t.md:3: tag 'a\\0b' holds a NUL"));
	assert_non_null(strstr(w, "t.md:5: category '\xF0\x9F\x8E\x89\xF0\x9F"
	    "\x8E\x89' can have no page"));
	assert_null(strstr(w, "'go'"));
	assert_null(strstr(w, "'. .'"));
	fm_free(&fm);
	buf_free(&err);
	buf_free(&warn);
	/* Hugo 0.111 stops its build on "..": so does quire. */
	bad("---\ntitle: t\ntags:\n  - ok\n  - \"..\"\n---\n",
	    "post.md:5: tag '..' can have no page");
	bad("---\ntitle: t\ncategories: ..\n---\n",
	    "post.md:3: category '..' can have no page");
	/* An alias with a NUL is no path. */
	bad("---\ntitle: t\naliases: [\"/a\\0b/\"]\n---\n",
	    "post.md:3: each of 'aliases' must be a string without NUL");
}

static void
date_check(const char *s, long long t, int offset)
{
	struct qdate d;

	assert_int_equal(date_parse(s, &d), 0);
	assert_int_equal(d.t, t);
	assert_int_equal(d.offset, offset);
}

static void
test_dates(void **state)
{
	struct qdate d;

	(void)state;
	assert_int_equal(date_set_zone("UTC"), 0);
	date_check("2024-01-02", 1704153600LL, 0);
	date_check("2024-01-02T03:04:05Z", 1704164645LL, 0);
	date_check("2024-01-02T03:04:05.123+02:00", 1704157445LL, 7200);
	date_check("2024-01-02 03:04:05 -0700", 1704189845LL, -25200);
	date_check("2024-03-31T23:30:00-07:00", 1711953000LL, -25200);
	/* Hugo 0.111 reads no clock without seconds (tests/golden/
	 * hugo-dates.tsv); every layout it reads is checked there. */
	assert_int_equal(date_parse("2024-03-31T23:30-07:00", &d), -1);
	assert_int_equal(date_set_zone("America/New_York"), 0);
	date_check("2024-07-01T12:00:00", 1719849600LL, -14400);
	assert_int_equal(date_set_zone("Nowhere/Land"), -1);
	assert_int_equal(date_set_zone("UTC"), 0);
	assert_int_equal(date_parse("2024-02-30", &d), -1);
	assert_int_equal(date_parse("2023-02-29", &d), -1);
	assert_int_equal(date_parse("2024-02-29", &d), 0);
	assert_int_equal(date_parse("24-01-02", &d), -1);
	assert_int_equal(date_parse("2024-01-02T25:00", &d), -1);
	assert_int_equal(date_parse("2024-01-02 junk", &d), -1);
	assert_int_equal(date_parse("", &d), -1);
}

/* author as PaperMod shows it (measured with Hugo 0.111 and PaperMod's
 * author.html); authors is no key PaperMod reads. */
static void
test_author(void **state)
{
	static const struct {
		const char *text, *want;
	} cases[] = {
		{ "---\nauthor: [A, B]\n---\n", "A, B" },
		{ "---\nauthor: [A, [x], C]\n---\n", "A, C" },
		{ "---\nauthor: [A, {k: v}]\n---\n", "A, " },
		{ "---\nauthor: Solo\n---\n", "Solo" },
		{ "---\nauthor: []\n---\n", NULL },
		{ "---\nauthor: ~\n---\n", NULL },
		{ "---\nauthors: [X, Y]\n---\n", NULL },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct frontmatter fm;
		struct buf err = BUF_INIT, warn = BUF_INIT;

		assert_int_equal(fm_parse("p.md", cases[i].text,
		    strlen(cases[i].text), &fm, &err, &warn), 0);
		if (cases[i].want == NULL)
			assert_null(fm.author);
		else
			assert_string_equal(fm.author, cases[i].want);
		fm_free(&fm);
		buf_free(&err);
		buf_free(&warn);
	}
}

/* fm_param_list: a list's items in order (a non-scalar as ""), none for
 * an absent, null or empty key, -1 for a scalar, in every format. */
static void
test_param_list(void **state)
{
	static const char yaml[] = "---\ntitle: T\nImages:\n  - a.png\n"
	    "  - {x: 1}\n  - 5\n---\nbody\n";
	static const char toml[] = "+++\nimages = ['b.png', 'c.png']\n+++\n";
	static const char json[] = "{\"images\": [\"d.png\"]}\n";
	static const char scalar[] = "---\ntitle: T\nimages: one.png\n---\n";
	static const char null[] = "---\nimages: ~\n---\n";
	static const char none[] = "---\ntitle: T\n---\n";
	struct buf out = BUF_INIT;
	size_t line;

	(void)state;
	assert_int_equal(fm_param_list(yaml, sizeof(yaml) - 1, "images", &out,
	    &line), 3);
	assert_int_equal(line, 4);	/* the value's */
	assert_int_equal(out.len, 9);
	assert_memory_equal(out.data, "a.png\0\0" "5\0", 9);
	buf_reset(&out);
	assert_int_equal(fm_param_list(toml, sizeof(toml) - 1, "images", &out,
	    &line), 2);
	assert_memory_equal(out.data, "b.png\0c.png\0", 12);
	buf_reset(&out);
	assert_int_equal(fm_param_list(json, sizeof(json) - 1, "images", &out,
	    &line), 1);
	assert_string_equal(out.data, "d.png");
	buf_reset(&out);
	assert_int_equal(fm_param_list(scalar, sizeof(scalar) - 1, "images",
	    &out, &line), -1);
	assert_int_equal(line, 3);
	assert_int_equal(fm_param_list(null, sizeof(null) - 1, "images", &out,
	    &line), 0);
	assert_int_equal(fm_param_list(none, sizeof(none) - 1, "images", &out,
	    &line), 0);
	assert_int_equal(line, 0);
	assert_int_equal(out.len, 0);
	buf_free(&out);
}

/* Hugo's build options: _build's three keys (booleans as Hugo decodes
 * them), headless, a cascade's _build (a map, or a list's entry without
 * _target; one with _target warns), and the words Hugo refuses. */
static void
test_build(void **state)
{
	static const struct {
		const char *text;
		int render, list, resources, headless, cascade_list;
	} ok[] = {
		{ "---\ntitle: a\n---\n", FM_RENDER_ALWAYS,
		    FM_LIST_ALWAYS, 1, 0, -1 },
		{ "---\n_build:\n  render: never\n  list: local\n"
		    "  publishResources: false\n---\n", FM_RENDER_NEVER,
		    FM_LIST_LOCAL, 0, 0, -1 },
		{ "+++\n[_build]\nrender = 'link'\nlist = false\n+++\n",
		    FM_RENDER_LINK, FM_LIST_NEVER, 1, 0, -1 },
		{ "---\nheadless: true\n_build: {render: true}\n---\n",
		    FM_RENDER_ALWAYS, FM_LIST_ALWAYS, 1, 1, -1 },
		{ "---\ncascade:\n  _build: {list: never}\n---\n",
		    FM_RENDER_ALWAYS, FM_LIST_ALWAYS, 1, 0, FM_LIST_NEVER },
		{ "---\ncascade:\n  - {_target: {path: /a/**}, _build: "
		    "{list: never}}\n  - {_build: {list: local}}\n---\n",
		    FM_RENDER_ALWAYS, FM_LIST_ALWAYS, 1, 0, FM_LIST_LOCAL },
	};
	static const struct { const char *text, *err; } bad[] = {
		{ "---\n_build:\n  render: sometimes\n---\n", "b.md:3: "
		    "'_build.render' must be always, never or link" },
		{ "---\n_build: never\n---\n", "b.md:2: '_build' must be a "
		    "mapping (render, list, publishResources)" },
		{ "---\ncascade: {_build: {list: all}}\n---\n", "b.md:2: "
		    "'cascade._build.list' must be always, never or local" },
	};
	struct frontmatter fm;
	struct buf err = BUF_INIT, warn = BUF_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		buf_reset(&err);
		buf_reset(&warn);
		assert_int_equal(fm_parse("b.md", ok[i].text,
		    strlen(ok[i].text), &fm, &err, &warn), 0);
		assert_int_equal(fm.build.set ? fm.build.render :
		    FM_RENDER_ALWAYS, ok[i].render);
		assert_int_equal(fm.build.set ? fm.build.list :
		    FM_LIST_ALWAYS, ok[i].list);
		assert_int_equal(fm.build.set ? fm.build.publish_resources :
		    1, ok[i].resources);
		assert_int_equal(fm.headless, ok[i].headless);
		assert_int_equal(fm.cascade.set ? fm.cascade.list : -1,
		    ok[i].cascade_list);
		/* Only the entry with _target warns. */
		assert_int_equal(strstr(buf_cstr(&warn), "_target") != NULL,
		    i == 5);
		fm_free(&fm);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		buf_reset(&err);
		assert_int_equal(fm_parse("b.md", bad[i].text,
		    strlen(bad[i].text), &fm, &err, &warn), -1);
		assert_string_equal(buf_cstr(&err), bad[i].err);
		fm_free(&fm);
	}
	buf_free(&err);
	buf_free(&warn);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_build),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_commented),
		cmocka_unit_test(test_binary),
		cmocka_unit_test(test_slips),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_author),
		cmocka_unit_test(test_depth),
		cmocka_unit_test(test_aliases),
		cmocka_unit_test(test_tags_without_page),
		cmocka_unit_test(test_param_list),
	};

	uni_init();
	date_set_zone("UTC");
	return cmocka_run_group_tests_name("frontmatter", tests, NULL, NULL);
}
