/* test-dates.c - front-matter dates against tests/golden/hugo-dates.tsv:
 * Hugo 0.111.3's .Date for each date layout it reads, and the strings it
 * cannot read (its zero date), which quire refuses; and month names in
 * each language against tests/golden/hugo-langdates.tsv. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "dates.h"
#include "frontmatter.h"
#include "import.h"
#include "site.h"
#include "tsv.h"

#define HUGO_ZERO (-62135596800LL)	/* Go's zero time, Hugo's "no date" */

/* Parses Hugo's offset column ("-07:00", "+05:30") into seconds. */
static int
offset_of(const char *s)
{
	int sign = s[0] == '-' ? -1 : 1;

	return sign * (atoi(s + 1) * 3600 + atoi(s + 4) * 60);
}

/* Hugo's .Date as this row gives it: zero, or an instant and offset. */
static void
row_want(struct tsv *t, size_t r, int *zero, long long *unix_t, int *off)
{
	*zero = strcmp(tsv_get(t, r, "zero"), "1") == 0;
	*unix_t = strtoll(tsv_get(t, r, "unix"), NULL, 10);
	*off = offset_of(tsv_get(t, r, "offset"));
}

/* Each post's front matter read whole: the date Hugo shows, or an error
 * naming the file and line where Hugo has none. */
static void
test_golden_front_matter(void **state)
{
	struct tsv t;
	struct site site;
	struct buf err = BUF_INIT, path = BUF_INIT;
	size_t r, refused = 0, read = 0;

	(void)state;
	site_init(&site);
	assert_int_equal(site_load_file(&site, "tests/hugo/dates/hugo.yaml",
	    &err), 0);
	assert_int_equal(date_set_zone(site.timezone), 0);
	assert_int_equal(tsv_load(&t, "tests/golden/hugo-dates.tsv"), 0);
	assert_true(t.nrows > 40);
	for (r = 0; r < t.nrows; r++) {
		const char *file = tsv_get(&t, r, "file");
		struct frontmatter fm;
		struct buf warn = BUF_INIT;
		long long want_t;
		int zero, want_off, rc;
		size_t n;
		char *text;

		row_want(&t, r, &zero, &want_t, &want_off);
		buf_reset(&path);
		buf_printf(&path, "tests/hugo/dates/content/%s", file);
		text = slurp(buf_cstr(&path), &n);
		assert_non_null(text);
		buf_reset(&err);
		rc = fm_parse(file, text, n, &fm, &err, &warn);
		if (zero) {
			/* Refused with FILE:LINE (line 4: "date:"), or read as
			 * Go's zero time, which is no date. */
			if (rc == 0) {
				assert_int_equal(fm.has_date, 0);
			} else {
				buf_reset(&path);
				buf_printf(&path, "%s:4: 'date' is not a date",
				    file);
				assert_memory_equal(buf_cstr(&err),
				    buf_cstr(&path), path.len);
				refused++;
			}
		} else {
			if (rc != 0)
				print_error("%s: %s\n", file, buf_cstr(&err));
			assert_int_equal(rc, 0);
			assert_int_equal(fm.has_date, 1);
			if (fm.date.t != want_t || fm.date.offset != want_off)
				print_error("%s '%s': %lld %d, Hugo %lld %d\n",
				    file, tsv_get(&t, r, "written"),
				    fm.date.t, fm.date.offset, want_t,
				    want_off);
			assert_int_equal(fm.date.t, want_t);
			assert_int_equal(fm.date.offset, want_off);
			read++;
		}
		fm_free(&fm);
		free(text);
		buf_free(&warn);
	}
	assert_true(refused > 5 && read > 30);
	tsv_free(&t);
	site_free(&site);
	buf_free(&err);
	buf_free(&path);
	assert_int_equal(date_set_zone("UTC"), 0);
}

/* date_parse() on each string as written (the rows whose front matter
 * quotes it), and the display formats on its result. */
static void
test_golden_strings(void **state)
{
	struct tsv t;
	size_t r, checked = 0;

	(void)state;
	assert_int_equal(date_set_zone("America/New_York"), 0);
	assert_int_equal(tsv_load(&t, "tests/golden/hugo-dates.tsv"), 0);
	for (r = 0; r < t.nrows; r++) {
		const char *s = tsv_get(&t, r, "written");
		struct qdate d;
		struct buf iso = BUF_INIT, want = BUF_INIT;
		long long want_t;
		int zero, want_off, rc;

		if (strchr(s, '(') != NULL)
			continue;	/* not a quoted string: see above */
		row_want(&t, r, &zero, &want_t, &want_off);
		rc = date_parse(s, &d);
		if (zero && want_t == HUGO_ZERO && rc == 0) {
			assert_int_equal(d.t, HUGO_ZERO);
		} else if (zero) {
			if (rc == 0)
				print_error("'%s' read; Hugo cannot\n", s);
			assert_int_equal(rc, -1);
		} else {
			if (rc != 0)
				print_error("'%s' refused; Hugo reads it\n", s);
			assert_int_equal(rc, 0);
			assert_int_equal(d.t, want_t);
			assert_int_equal(d.offset, want_off);
			/* Hugo's clock in its own zone, and that zone. */
			date_format_iso(&iso, &d);
			buf_printf(&want, "%s%s", tsv_get(&t, r, "iso"),
			    tsv_get(&t, r, "offset"));
			assert_string_equal(buf_cstr(&iso), buf_cstr(&want));
		}
		checked++;
		buf_free(&iso);
		buf_free(&want);
	}
	assert_true(checked > 40);
	tsv_free(&t);
	assert_int_equal(date_set_zone("UTC"), 0);
}

/* Where Debian's CLDR 41 and the older CLDR of Hugo 0.111's go-locales
 * part (README, Differences from Hugo): each (language, layout) listed
 * differs from Hugo in some month, and nothing else may. */
static const struct { const char *lang, *layout; } cldr_differs[] = {
	/* Spanish abbreviations lost their dots ("ene." is "ene"). */
	{ "es", "Jan 2, 2006" }, { "es", "Mon Jan _2 2006" },
	{ "es", "Monday, 02 Jan 2006" }, { "es", ":date_medium" },
	/* Persian abbreviated months lost their hamza ("ژانویهٔ"). */
	{ "fa", "Jan 2, 2006" }, { "fa", "Mon Jan _2 2006" },
	{ "fa", "Monday, 02 Jan 2006" }, { "fa", ":date_medium" },
	/* Greek's full pattern lost its comma after the weekday. */
	{ "el", ":date_full" },
	/* Finnish's full pattern has a stand-alone weekday (cccc), which
	 * go-locales writes as the letters themselves: quire writes the
	 * weekday. */
	{ "fi", ":date_full" },
};

/* PaperMod's date in each language, against Hugo's time.Format
 * (tests/golden/hugo-langdates.tsv: 28 languages, each month, Go layouts
 * and Hugo's :date_* ones): the names and patterns come from Unicode
 * CLDR, read at build time. PaperMod's default layout, "January 2,
 * 2006", matches everywhere. */
static void
test_golden_month_names(void **state)
{
	size_t nd = sizeof(cldr_differs) / sizeof(cldr_differs[0]);
	int *seen = calloc(nd, sizeof(int));
	struct tsv t;
	size_t r, i, bad = 0, known = 0;

	(void)state;
	assert_int_equal(tsv_load(&t, "tests/golden/hugo-langdates.tsv"), 0);
	assert_true(t.nrows >= 12 * 20 * 10);
	for (r = 0; r < t.nrows; r++) {
		struct buf in = BUF_INIT, got = BUF_INIT;
		const char *want = tsv_get(&t, r, "shown");
		const char *lang = tsv_get(&t, r, "lang");
		const char *layout = tsv_get(&t, r, "layout");
		struct qdate d;

		buf_printf(&in, "%sT12:00:00Z", tsv_get(&t, r, "date"));
		assert_int_equal(date_parse(buf_cstr(&in), &d), 0);
		/* The fixture's default language is en. */
		date_format(&got, &d, layout, date_names_for(lang, "en"));
		if (strcmp(buf_cstr(&got), want) != 0) {
			for (i = 0; i < nd; i++)
				if (strcmp(cldr_differs[i].lang, lang) == 0 &&
				    strcmp(cldr_differs[i].layout, layout) == 0)
					break;
			if (i < nd && strcmp(layout, "January 2, 2006") != 0) {
				seen[i] = 1;
				known++;
			} else {
				print_message("%s %s '%s': got '%s', Hugo "
				    "'%s'\n", lang, tsv_get(&t, r, "date"),
				    layout, buf_cstr(&got), want);
				bad++;
			}
		}
		buf_free(&in);
		buf_free(&got);
	}
	print_message("%zu of %zu dates as Hugo's; %zu differ where CLDR "
	    "41 does\n", t.nrows - bad - known, t.nrows, known);
	assert_int_equal(bad, 0);
	/* Each listed difference is still one (else the list goes). */
	for (i = 0; i < nd; i++)
		assert_true(seen[i]);
	free(seen);
	tsv_free(&t);
}

/* An offset of 99:99, which Go 1.19 (Hugo 0.111.3) reads and prints
 * with all its hours (measured: +100:39). */
static void
test_wide_offset(void **state)
{
	struct qdate d;
	struct buf iso = BUF_INIT;

	(void)state;
	assert_int_equal(date_parse("2023-01-01T00:00:00+99:99", &d), 0);
	assert_int_equal(d.t, 1672168860);
	assert_int_equal(d.offset, 99 * 3600 + 99 * 60);
	date_format_iso(&iso, &d);
	assert_string_equal(buf_cstr(&iso), "2023-01-01T00:00:00+100:39");
	buf_free(&iso);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden_front_matter),
		cmocka_unit_test(test_golden_strings),
		cmocka_unit_test(test_wide_offset),
		cmocka_unit_test(test_golden_month_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
