/* test-inflect.c - default section titles against Hugo 0.111's own
 * (tests/golden/hugo-plurals.tsv, and hugo-plurals-off.tsv under
 * pluralizeListTitles: false, made by gen-golden-listkinds.sh). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "inflect.h"
#include "tsv.h"
#include "unicode.h"

/* Every folder name of the fixture gets Hugo's title from title (made
 * plural, or only capitalized) against the golden file tsv. */
static void
check_titles(const char *tsv, void (*title)(struct buf *, const char *))
{
	struct buf got = BUF_INIT;
	struct tsv t;
	size_t r, bad = 0;

	assert_int_equal(tsv_load(&t, tsv), 0);
	assert_true(t.nrows >= 100);
	for (r = 0; r < t.nrows; r++) {
		const char *folder = tsv_get(&t, r, "folder");
		const char *want = tsv_get(&t, r, "title");

		buf_reset(&got);
		title(&got, folder);
		if (strcmp(buf_cstr(&got), want) != 0) {
			print_error("%s: got '%s', Hugo '%s'\n", folder,
			    buf_cstr(&got), want);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
	buf_free(&got);
	tsv_free(&t);
}

static void
test_hugo_titles(void **state)
{
	(void)state;
	check_titles("tests/golden/hugo-plurals.tsv", inflect_section_title);
}

/* pluralizeListTitles: false: the name, its first letter in upper case. */
static void
test_hugo_titles_unpluralized(void **state)
{
	(void)state;
	check_titles("tests/golden/hugo-plurals-off.tsv", inflect_capital);
}

/* A plural is kept; a name with no word gives nothing, as in Hugo. */
static void
test_plural_edges(void **state)
{
	struct buf got = BUF_INIT;

	(void)state;
	inflect_plural(&got, "children");
	assert_string_equal(buf_cstr(&got), "children");
	buf_reset(&got);
	inflect_plural(&got, "Big Person");
	assert_string_equal(buf_cstr(&got), "Big People");
	buf_reset(&got);
	inflect_plural(&got, "--");
	assert_string_equal(buf_cstr(&got), "");
	buf_free(&got);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hugo_titles),
		cmocka_unit_test(test_hugo_titles_unpluralized),
		cmocka_unit_test(test_plural_edges),
	};

	uni_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
