/* test-http.c - HTTP dates, ETag matching, query parameters, and the FTS5
 * query built from what a reader types into search. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "db.h"
#include "request.h"
#include "response.h"
#include "unicode.h"

static void
test_http_date(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	resp_http_date(&b, 784111777LL);
	assert_string_equal(buf_cstr(&b), "Sun, 06 Nov 1994 08:49:37 GMT");
	assert_int_equal(resp_parse_http_date(buf_cstr(&b)), 784111777LL);
	assert_int_equal(resp_parse_http_date("Wed, 25 Nov 2026 10:22:44 GMT"),
	    1795602164LL);
	assert_int_equal(resp_parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"),
	    -1);
	assert_int_equal(resp_parse_http_date("garbage"), -1);
	assert_int_equal(resp_parse_http_date(""), -1);
	assert_int_equal(resp_parse_http_date(NULL), -1);
	assert_int_equal(resp_parse_http_date("Sun, 06 Foo 1994 08:49:37 GMT"),
	    -1);
	buf_free(&b);
}

static void
test_etag(void **state)
{
	(void)state;
	assert_true(resp_etag_listed("\"q1-2\"", "\"q1-2\""));
	assert_true(resp_etag_listed("W/\"q1-2\"", "\"q1-2\""));
	assert_true(resp_etag_listed("\"a\", \"q1-2\"", "\"q1-2\""));
	assert_true(resp_etag_listed("*", "\"q1-2\""));
	assert_false(resp_etag_listed("\"q1-20\"", "\"q1-2\""));
	assert_false(resp_etag_listed("\"q1-\"", "\"q1-2\""));
	assert_false(resp_etag_listed("", "\"q1-2\""));
}

static void
param_check(const char *query, const char *name, int rc, const char *want)
{
	struct buf b = BUF_INIT;

	assert_int_equal(req_query_param(query, name, &b), rc);
	if (rc == 1)
		assert_string_equal(buf_cstr(&b), want);
	buf_free(&b);
}

static void
test_query_param(void **state)
{
	(void)state;
	param_check("q=hello+world&page=2", "q", 1, "hello world");
	param_check("q=hello+world&page=2", "page", 1, "2");
	param_check("qq=1&q=caf%C3%A9", "q", 1, "caf\xC3\xA9");
	param_check("q", "q", 1, "");
	param_check("x=1", "q", 0, "");
	param_check("", "q", 0, "");
	param_check("q=%FF", "q", -1, "");
	param_check("q=%00", "q", -1, "");
	param_check("q=%zz", "q", -1, "");
	param_check("q=a%20b%22c", "q", 1, "a b\"c");
}

static void
fts_check(const char *words, const char *want, int n)
{
	struct buf b = BUF_INIT;

	assert_int_equal(db_fts_query(&b, words), n);
	assert_string_equal(buf_cstr(&b), want);
	buf_free(&b);
}

static void
test_fts_query(void **state)
{
	(void)state;
	fts_check("sqlite", "\"sqlite\"*", 1);
	fts_check("  two words ", "\"two\" \"words\"*", 2);
	fts_check("go", "\"go\"", 1);	/* too short for a prefix */
	fts_check("\"", "", 0);
	fts_check("* - NEAR(", "\"NEAR(\"*", 1);
	fts_check("say \"hi\"", "\"say\" \"\"\"hi\"\"\"*", 2);
	fts_check("AND OR NOT", "\"AND\" \"OR\" \"NOT\"*", 3);
	fts_check("", "", 0);
	fts_check("caf\xC3\xA9", "\"caf\xC3\xA9\"*", 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_http_date),
		cmocka_unit_test(test_etag),
		cmocka_unit_test(test_query_param),
		cmocka_unit_test(test_fts_query),
	};

	uni_init();
	return cmocka_run_group_tests_name("http", tests, NULL, NULL);
}
