/* test-ignore.c - the files Hugo 0.111 does not read: its names, and
 * ignoreFiles patterns on absolute paths (ignore.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "ignore.h"

static void
test_names(void **state)
{
	(void)state;
	assert_true(ignore_name("#scratch.md"));
	assert_true(ignore_name("post.md~"));
	assert_true(ignore_name(".hidden.md"));
	assert_false(ignore_name("post.md"));
	assert_false(ignore_name("a#b~c.md"));
	assert_false(ignore_name(""));
}

/* Patterns are Go's: unanchored, $ the end of the text, matched against
 * the whole absolute path (so ^notes/ matches no file). */
static void
test_patterns(void **state)
{
	struct ignore *set = ignore_new("\\.private\\.md$\n^notes/\n/wip/");

	(void)state;
	assert_non_null(set);
	assert_true(ignore_match(set, "/s/content/posts/plan.private.md"));
	assert_false(ignore_match(set, "/s/content/posts/plan.private.md\n"));
	assert_false(ignore_match(set, "/s/content/notes/a.md"));
	assert_true(ignore_match(set, "/s/content/posts/wip/a.md"));
	assert_false(ignore_match(set, "/s/content/posts/wipe.md"));
	assert_false(ignore_match(NULL, "/s/content/posts/wip/a.md"));
	ignore_free(set);
	assert_null(ignore_new(""));
	assert_null(ignore_new("ok\n(bad"));
}

static void
test_check(void **state)
{
	struct buf why = BUF_INIT;

	(void)state;
	assert_int_equal(ignore_check("^content/.*\\.draft\\.md$", &why), 0);
	assert_int_equal(why.len, 0);
	assert_int_equal(ignore_check("(unclosed", &why), -1);
	assert_string_equal(buf_cstr(&why),
	    "missing closing parenthesis at offset 9");
	buf_free(&why);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_patterns),
		cmocka_unit_test(test_check),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
