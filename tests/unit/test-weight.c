/* test-weight.c - page weight: the front-matter reader takes each value
 * of tests/hugo/weight-values/ as Hugo 0.111.3 does
 * (tests/golden/hugo-weight-values.tsv, by gen-golden-weight.sh), and
 * the worker reads every list in Hugo's order (weight first) straight
 * from page_card's and page_term's keys: no statement ordered that way
 * sorts (no temporary b-tree in SQLite's plan), on tests/hugo/weight/
 * imported. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <ftw.h>

#include "buf.h"
#include "db.h"
#include "frontmatter.h"
#include "import.h"
#include "tsv.h"

/* Every file of weight-values/ gets Hugo's .Weight, in YAML, TOML and
 * JSON front matter; a value read as written (5, "0x10") is no warning. */
static void
test_values(void **state)
{
	struct tsv t;
	size_t r, nwarned = 0;

	(void)state;
	assert_int_equal(tsv_load(&t, "tests/golden/hugo-weight-values.tsv"),
	    0);
	assert_true(t.nrows >= 40);
	for (r = 0; r < t.nrows; r++) {
		const char *file = tsv_get(&t, r, "file");
		long long want = strtoll(tsv_get(&t, r, "weight"), NULL, 10);
		struct buf path = BUF_INIT, err = BUF_INIT, warn = BUF_INIT;
		struct frontmatter fm;
		size_t n;
		char *src;

		buf_printf(&path, "tests/hugo/weight-values/content/%s", file);
		src = slurp(buf_cstr(&path), &n);
		assert_non_null(src);
		assert_int_equal(fm_parse(file, src, n, &fm, &err, &warn), 0);
		if (fm.weight != want)
			fail_msg("%s: weight %lld, Hugo's %lld", file,
			    fm.weight, want);
		if (strstr(buf_cstr(&warn), "'weight'") != NULL) {
			nwarned++;
			/* The warning names the file, its line and the
			 * value taken. */
			assert_non_null(strstr(buf_cstr(&warn), file));
			assert_non_null(strstr(buf_cstr(&warn), ":3: "));
		}
		fm_free(&fm);
		free(src);
		buf_free(&path);
		buf_free(&err);
		buf_free(&warn);
	}
	/* Some values are taken as written, some changed. */
	assert_true(nwarned > 0 && nwarned < t.nrows);
	tsv_free(&t);
}

/* A value written as an integer Hugo keeps is no warning. */
static void
test_plain_no_warning(void **state)
{
	static const char *const ok[] = { "5", "-3", "\"0x10\"", "\"+4\"",
	    "07", "1e3", "\"2.00\"", "null" };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		struct buf text = BUF_INIT, err = BUF_INIT, warn = BUF_INIT;
		struct frontmatter fm;

		buf_printf(&text, "---\ntitle: t\nweight: %s\n---\nx\n", ok[i]);
		assert_int_equal(fm_parse("p.md", buf_cstr(&text), text.len, &fm,
		    &err, &warn), 0);
		if (strstr(buf_cstr(&warn), "weight") != NULL)
			fail_msg("weight: %s: %s", ok[i], buf_cstr(&warn));
		fm_free(&fm);
		buf_free(&text);
		buf_free(&err);
		buf_free(&warn);
	}
}

static char dir[] = "/tmp/quire-test-weight.XXXXXX";

static int
remove_one(const char *path, const struct stat *st, int flag,
    struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* Each statement of the worker that orders as CARD_ORDER does (weight,
 * then date), or as the archives do (date, then weight), reads its rows
 * in index order; the plans are those of
 * tests/hugo/weight/ imported (its sections, tags, pages of every
 * kind). */
static void
test_plans(void **state)
{
	char db_path[sizeof(dir) + 16], cwd[1024], site[1100];
	char *paths[1];
	struct import_opts o;
	struct buf err = BUF_INIT;
	struct db *db;
	size_t i, ordered = 0;
	FILE *log;
	int rc;

	(void)state;
	assert_non_null(mkdtemp(dir));
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	snprintf(db_path, sizeof(db_path), "%s/site.db", dir);
	snprintf(site, sizeof(site), "%s/tests/hugo/weight", cwd);
	memset(&o, 0, sizeof(o));
	o.db = db_path;
	paths[0] = site;
	o.paths = paths;
	o.npaths = 1;
	o.quiet = 1;
	log = fopen("/dev/null", "w");
	assert_non_null(log);
	assert_int_equal(import_run(&o, log), 0);
	fclose(log);
	db = db_open(db_path, &err);
	if (db == NULL)
		fail_msg("%s", buf_cstr(&err));
	for (i = 0;; i++) {
		struct buf sql = BUF_INIT, plan = BUF_INIT;

		rc = db_plan(db, i, &sql, &plan);
		if (rc == 1) {
			buf_free(&sql);
			buf_free(&plan);
			break;
		}
		if (rc != 0)
			fail_msg("%s: %s", buf_cstr(&sql), buf_cstr(&plan));
		if (strstr(buf_cstr(&sql), "ORDER BY c.worder, c.date DESC") !=
		    NULL || strstr(buf_cstr(&sql), "ORDER BY c.worder DESC, "
		    "c.date,") != NULL) {
			ordered++;
			if (strstr(buf_cstr(&plan), "TEMP B-TREE") != NULL)
				fail_msg("sorts: %s\n%s", buf_cstr(&sql),
				    buf_cstr(&plan));
		} else if (strstr(buf_cstr(&sql), "ORDER BY c.date DESC, "
		    "c.worder,") != NULL) {
			/* The archives: the posts without a weight read in
			 * key order (the merge's left part), only the
			 * weighted ones sorted (its right part). */
			const char *p = buf_cstr(&plan);
			const char *right = strstr(p, "\nRIGHT");
			const char *tmp = strstr(p, "TEMP B-TREE");
			const char *eq = strstr(p, "worder=?)");

			ordered++;
			if (strstr(p, "MERGE") == NULL || right == NULL ||
			    eq == NULL || eq > right || (tmp != NULL &&
			    tmp < right))
				fail_msg("archives: %s\n%s", buf_cstr(&sql), p);
		}
		buf_free(&sql);
		buf_free(&plan);
	}
	/* The listings, the feeds, the neighbours and the archives. */
	assert_true(ordered >= 10);
	db_close(db);
	buf_free(&err);
	nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_plain_no_warning),
		cmocka_unit_test(test_plans),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
