/* test-store.c - the store's path rules (store.h): the folder beside the
 * database, and a hash that is not one never names a path. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "store.h"

static const char hash[] =
    "ab0123456789abcdef0123456789abcdef0123456789abcdef0123456789cdef";

static void
test_dir(void **state)
{
	char out[64];

	(void)state;
	assert_int_equal(store_dir("/var/lib/quire/blog.db", out, sizeof out), 0);
	assert_string_equal(out, "/var/lib/quire/blog.files");
	assert_int_equal(store_dir("site.sqlite", out, sizeof out), 0);
	assert_string_equal(out, "site.sqlite.files");
	assert_int_equal(store_dir(".db", out, sizeof out), 0);
	assert_string_equal(out, ".db.files");
	assert_int_equal(store_dir("a.db", out, 8), 0);
	assert_string_equal(out, "a.files");
	assert_int_equal(store_dir("a.db", out, 7), -1);
}

static void
test_path(void **state)
{
	char out[128], bad[sizeof hash];

	(void)state;
	assert_int_equal(store_path("d.files", hash, out, sizeof out), 0);
	assert_string_equal(out, "d.files/ab/0123456789abcdef0123456789abcdef"
	    "0123456789abcdef0123456789cdef");
	assert_int_equal(store_path("d.files", hash, out, 20), -1);
	/* Short, long, upper case, a slash or dot-dot: never a path. */
	assert_int_equal(store_path("d", "ab", out, sizeof out), -1);
	assert_int_equal(store_path("d", "", out, sizeof out), -1);
	memcpy(bad, hash, sizeof hash);
	bad[10] = 'A';
	assert_int_equal(store_path("d", bad, out, sizeof out), -1);
	bad[10] = '/';
	assert_int_equal(store_path("d", bad, out, sizeof out), -1);
	memcpy(bad, "../", 3);
	assert_int_equal(store_path("d", bad, out, sizeof out), -1);
	{
		char longer[sizeof hash + 1];

		memcpy(longer, hash, sizeof hash - 1);
		longer[sizeof hash - 1] = 'a';
		longer[sizeof hash] = '\0';
		assert_int_equal(store_path("d", longer, out, sizeof out), -1);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dir),
		cmocka_unit_test(test_path),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
