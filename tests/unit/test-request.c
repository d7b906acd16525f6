/* test-request.c - request parsing, validation and page numbers. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "request.h"
#include "unicode.h"

static enum req_verdict
parse(const char *method, const char *uri, const char *base, struct req *r)
{
	return req_parse(r, method, uri, base);
}

static void
verdict(const char *method, const char *uri, const char *base,
    enum req_verdict want)
{
	struct req r;
	enum req_verdict v = parse(method, uri, base, &r);

	if (v != want)
		print_error("%s %s (base %s): %d, wanted %d\n", method,
		    uri ? uri : "(null)", base, v, want);
	assert_int_equal(v, want);
	req_free(&r);
}

static void
test_verdicts(void **state)
{
	char longuri[REQ_MAX_URI + 10];

	(void)state;
	verdict("GET", "/", "/", REQ_OK);
	verdict("HEAD", "/posts/a/", "/", REQ_OK);
	verdict("POST", "/", "/", REQ_METHOD);
	verdict("DELETE", "/posts/a/", "/", REQ_METHOD);
	verdict(NULL, "/", "/", REQ_METHOD);
	verdict("GET", NULL, "/", REQ_BAD);
	verdict("GET", "", "/", REQ_BAD);
	verdict("GET", "posts/", "/", REQ_BAD);
	verdict("GET", "/posts", "/", REQ_ADD_SLASH);
	verdict("GET", "/index.xml", "/", REQ_OK);
	verdict("GET", "/a%zz/", "/", REQ_BAD);
	verdict("GET", "/a%2/", "/", REQ_BAD);
	verdict("GET", "/a%00b/", "/", REQ_BAD);
	verdict("GET", "/a%0Ab/", "/", REQ_BAD);
	verdict("GET", "/a\x01/", "/", REQ_BAD);
	verdict("GET", "/a b/", "/", REQ_BAD);
	verdict("GET", "/%FF/", "/", REQ_BAD);	/* not UTF-8 */
	verdict("GET", "/../etc/passwd", "/", REQ_BAD);
	verdict("GET", "/a/%2e%2e/b/", "/", REQ_BAD);
	verdict("GET", "/a%2Fb/", "/", REQ_BAD);
	verdict("GET", "//evil.example/", "/", REQ_NOT_FOUND);
	verdict("GET", "/a//b/", "/", REQ_NOT_FOUND);
	memset(longuri, 'a', sizeof(longuri) - 1);
	longuri[0] = '/';
	longuri[sizeof(longuri) - 1] = '\0';
	verdict("GET", longuri, "/", REQ_TOO_LONG);
	/* Mounted under /blog/. */
	verdict("GET", "/blog/", "/blog/", REQ_OK);
	verdict("GET", "/blog", "/blog/", REQ_ADD_SLASH);
	verdict("GET", "/", "/blog/", REQ_NOT_FOUND);
	verdict("GET", "/blogger/", "/blog/", REQ_NOT_FOUND);
}

static void
test_segments(void **state)
{
	struct req r;

	(void)state;
	assert_int_equal(parse("GET", "/tags/caf%C3%A9-cr%C3%A8me/page/2/?x=1",
	    "/", &r), REQ_OK);
	assert_int_equal(r.nsegs, 4);
	assert_string_equal(r.segs[1], "caf\xC3\xA9-cr\xC3\xA8me");
	assert_string_equal(r.query, "x=1");
	assert_string_equal(r.decoded, "/tags/caf\xC3\xA9-cr\xC3\xA8me/page/2/");
	req_free(&r);
	assert_int_equal(parse("GET", "/tags/c%23/", "/", &r), REQ_OK);
	assert_string_equal(r.segs[1], "c#");
	req_free(&r);
	assert_int_equal(parse("GET", "/blog/posts/a/", "/blog/", &r), REQ_OK);
	assert_string_equal(r.route, "/posts/a/");
	assert_string_equal(r.decoded, "/posts/a/");
	req_free(&r);
	assert_int_equal(parse("GET", "/", "/", &r), REQ_OK);
	assert_int_equal(r.nsegs, 0);
	assert_string_equal(r.decoded, "/");
	req_free(&r);
}

static void
test_page_number(void **state)
{
	(void)state;
	assert_int_equal(req_page_number("1"), 1);
	assert_int_equal(req_page_number("42"), 42);
	assert_int_equal(req_page_number("999999999"), 999999999);
	assert_int_equal(req_page_number("0"), 0);
	assert_int_equal(req_page_number("01"), 0);
	assert_int_equal(req_page_number("abc"), 0);
	assert_int_equal(req_page_number("1a"), 0);
	assert_int_equal(req_page_number("-1"), 0);
	assert_int_equal(req_page_number(""), 0);
	assert_int_equal(req_page_number(NULL), 0);
	assert_int_equal(req_page_number("1000000000"), 0);
	assert_int_equal(req_page_number("99999999999999999999"), 0);
}

/* One query parameter as req_parse() leaves it. */
static void
arg(const char *uri, enum req_arg which, enum req_arg_state state,
    const char *text, long number)
{
	struct req r;

	req_parse(&r, "GET", uri, "/");
	if (r.args[which].state != state)
		print_error("%s: state %d, wanted %d\n", uri,
		    r.args[which].state, state);
	assert_int_equal(r.args[which].state, state);
	if (text != NULL)
		assert_string_equal(r.args[which].text, text);
	else
		assert_null(r.args[which].text);
	assert_int_equal(r.args[which].number, number);
	req_free(&r);
}

/* The typed table: handlers get decoded text and parsed numbers, or a
 * state that says why not. */
static void
test_args(void **state)
{
	char longq[REQ_MAX_QUERY + 32];

	(void)state;
	arg("/search/", REQ_ARG_Q, REQ_ARG_ABSENT, NULL, 0);
	arg("/search/?q=go+lang", REQ_ARG_Q, REQ_ARG_VALID, "go lang", 0);
	arg("/search/?q=caf%C3%A9", REQ_ARG_Q, REQ_ARG_VALID, "café", 0);
	arg("/search/?q", REQ_ARG_Q, REQ_ARG_VALID, "", 0);
	arg("/search/?q=%ff", REQ_ARG_Q, REQ_ARG_INVALID, NULL, 0);
	arg("/search/?q=%zz", REQ_ARG_Q, REQ_ARG_INVALID, NULL, 0);
	arg("/search/?q=a%00b", REQ_ARG_Q, REQ_ARG_INVALID, NULL, 0);
	arg("/search/?page=3&q=x", REQ_ARG_PAGE, REQ_ARG_VALID, "3", 3);
	arg("/search/?q=x&page=3", REQ_ARG_Q, REQ_ARG_VALID, "x", 0);
	arg("/search/?page=0", REQ_ARG_PAGE, REQ_ARG_INVALID, NULL, 0);
	arg("/search/?page=02", REQ_ARG_PAGE, REQ_ARG_INVALID, NULL, 0);
	arg("/search/?page=", REQ_ARG_PAGE, REQ_ARG_INVALID, NULL, 0);
	arg("/search/?page=%31", REQ_ARG_PAGE, REQ_ARG_VALID, "1", 1);
	arg("/search/?pages=2", REQ_ARG_PAGE, REQ_ARG_ABSENT, NULL, 0);
	strcpy(longq, "/search/?q=");
	memset(longq + 11, 'a', REQ_MAX_QUERY);
	longq[11 + REQ_MAX_QUERY] = '\0';
	arg(longq, REQ_ARG_Q, REQ_ARG_VALID, longq + 11, 0);
	strcat(longq, "a");
	arg(longq, REQ_ARG_Q, REQ_ARG_TOO_LONG, NULL, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_verdicts),
		cmocka_unit_test(test_segments),
		cmocka_unit_test(test_page_number),
		cmocka_unit_test(test_args),
	};

	uni_init();
	return cmocka_run_group_tests_name("request", tests, NULL, NULL);
}
