/* test-inflect.c - default section titles against Hugo 0.111's own
 * (tests/golden/hugo-plurals.tsv, made by gen-golden-listkinds.sh). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "inflect.h"
#include "tsv.h"
#include "unicode.h"

/* Every folder name of the fixture gets Hugo's title. */
static void
test_hugo_titles(void **state)
{
	struct buf got = BUF_INIT;
	struct tsv t;
	size_t r, bad = 0;

	(void)state;
	assert_int_equal(tsv_load(&t, "tests/golden/hugo-plurals.tsv"), 0);
	assert_true(t.nrows >= 100);
	for (r = 0; r < t.nrows; r++) {
		const char *folder = tsv_get(&t, r, "folder");
		const char *want = tsv_get(&t, r, "title");

		buf_reset(&got);
		inflect_section_title(&got, folder);
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
		cmocka_unit_test(test_plural_edges),
	};

	uni_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
