/* test-request.c - request parsing, validation and page numbers. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
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

/* The path a "//" request is sent on to. */
static void
merged(const char *uri, const char *base, const char *decoded)
{
	struct req r;

	assert_int_equal(parse("GET", uri, base, &r), REQ_MERGE_SLASHES);
	assert_string_equal(r.decoded, decoded);
	req_free(&r);
}

static void
test_merged(void **state)
{
	(void)state;
	merged("//evil.example/", "/", "/evil.example/");
	merged("/a//b/?x=1", "/", "/a/b/");
	merged("//blog///img/a.png", "/blog/", "/img/a.png");
	merged("///", "/", "/");
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
	/* A run of slashes is one (a redirect to the merged path, which
	 * starts with one slash: never a host). */
	verdict("GET", "//evil.example/", "/", REQ_MERGE_SLASHES);
	verdict("GET", "/a//b/", "/", REQ_MERGE_SLASHES);
	verdict("GET", "//blog///a.png", "/blog/", REQ_MERGE_SLASHES);
	verdict("POST", "/a//b/", "/", REQ_METHOD);
	verdict("GET", "//", "/", REQ_MERGE_SLASHES);
	verdict("GET", "//../", "/", REQ_BAD);
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

/* range("bytes=...", size, code, off, len): what req_range_parse() and
 * req_range_resolve() make of a Range header for a body of size bytes. */
static void
range(const char *header, long long size, int code, long long off,
    long long len)
{
	struct req_range r;
	long long o, l;
	int got;

	req_range_parse(header, &r);
	got = req_range_resolve(&r, size, &o, &l);
	if (got != code || (code != 416 && (o != off || l != len)))
		print_error("Range %s of %lld bytes: %d %lld+%lld, wanted "
		    "%d %lld+%lld\n", header ? header : "(none)", size, got, o,
		    l, code, off, len);
	assert_int_equal(got, code);
	if (code != 416) {
		assert_int_equal(o, off);
		assert_int_equal(l, len);
	}
}

/* RFC 9110, 14.1-14.4: one range served, several answered whole, what
 * does not parse ignored, what starts past the end unsatisfiable. */
static void
test_range(void **state)
{
	(void)state;
	range(NULL, 100, 200, 0, 100);
	range("bytes=0-9", 100, 206, 0, 10);
	range("bytes=10-19", 100, 206, 10, 10);
	range("bytes=90-", 100, 206, 90, 10);
	range("bytes=0-", 100, 206, 0, 100);
	range("bytes=-10", 100, 206, 90, 10);
	range("bytes=-1000", 100, 206, 0, 100);	/* the whole, as 206 */
	range("bytes=50-1000", 100, 206, 50, 50);	/* last clipped */
	range("bytes=99-99", 100, 206, 99, 1);
	range("BYTES=1-2", 100, 206, 1, 2);		/* unit: any case */
	range("bytes= 1-2 ", 100, 206, 1, 2);
	range("bytes=100-", 100, 416, 0, 0);
	range("bytes=100-200", 100, 416, 0, 0);
	range("bytes=-0", 100, 416, 0, 0);
	range("bytes=0-", 0, 416, 0, 0);		/* nothing to send */
	range("bytes=-5", 0, 416, 0, 0);
	/* Several ranges: the whole file, 200 (RFC 9110 allows it). */
	range("bytes=0-1,5-6", 100, 200, 0, 100);
	range("bytes=0-1, -5", 100, 200, 0, 100);
	range("bytes=,0-1,", 100, 206, 0, 2);	/* empty elements */
	/* Not understood: ignored, the whole file. */
	range("bytes=5-3", 100, 200, 0, 100);
	range("bytes=", 100, 200, 0, 100);
	range("bytes=-", 100, 200, 0, 100);
	range("bytes=a-b", 100, 200, 0, 100);
	range("bytes=1-2x", 100, 200, 0, 100);
	range("bytes=1", 100, 200, 0, 100);
	range("bytes=1-2,x", 100, 200, 0, 100);
	range("items=0-1", 100, 200, 0, 100);
	range("bytes=0-1;", 100, 200, 0, 100);
	range("bytes=9999999999999999999-", 100, 200, 0, 100);
	range("bytes=999999999999999999-", 100, 416, 0, 0);
}

/* The headers of the typed table reach the request copied, Range
 * parsed; QUIRE_ACCEL_PREFIX only as an internal location's prefix. */
static void
test_header_table(void **state)
{
	char *env[] = { "REQUEST_METHOD=GET", "REQUEST_URI=/img/a.png",
	    "HTTP_RANGE=bytes=5-", "HTTP_IF_RANGE=\"abc\"",
	    "HTTP_IF_NONE_MATCH=W/\"x\"", "HTTP_IF_MODIFIED_SINCE=Sun, 06 "
	    "Nov 1994 08:49:37 GMT", "QUIRE_ACCEL_PREFIX=/_quire_store/", NULL };
	static const char *const bad_prefix[] = { "", "/", "_q/", "/_q",
	    "/a b/", "/a/../b/", "/a?b/", "/a%2e/", "/a\x7f/", "/./" };
	char prefix[64];
	struct req r;
	size_t i;

	(void)state;
	assert_int_equal(req_parse_env(&r, env, "/"), REQ_OK);
	assert_string_equal(r.range_text, "bytes=5-");
	assert_int_equal(r.range.kind, REQ_RANGE_ONE);
	assert_int_equal(r.range.first, 5);
	assert_int_equal(r.range.last, -1);
	assert_string_equal(r.if_range, "\"abc\"");
	assert_string_equal(r.if_none_match, "W/\"x\"");
	assert_string_equal(r.if_modified_since,
	    "Sun, 06 Nov 1994 08:49:37 GMT");
	assert_string_equal(r.accel_prefix, "/_quire_store/");
	req_free(&r);
	for (i = 0; i < sizeof(bad_prefix) / sizeof(bad_prefix[0]); i++) {
		snprintf(prefix, sizeof(prefix), "QUIRE_ACCEL_PREFIX=%s",
		    bad_prefix[i]);
		env[6] = prefix;
		req_parse_env(&r, env, "/");
		if (r.accel_prefix != NULL)
			print_error("prefix \"%s\" taken\n", bad_prefix[i]);
		assert_null(r.accel_prefix);
		req_free(&r);
	}
	/* Absent: NULL fields, no range. */
	env[2] = NULL;
	req_parse_env(&r, env, "/");
	assert_null(r.range_text);
	assert_null(r.if_range);
	assert_int_equal(r.range.kind, REQ_RANGE_NONE);
	req_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_verdicts),
		cmocka_unit_test(test_merged),
		cmocka_unit_test(test_segments),
		cmocka_unit_test(test_page_number),
		cmocka_unit_test(test_args),
		cmocka_unit_test(test_range),
		cmocka_unit_test(test_header_table),
	};

	uni_init();
	return cmocka_run_group_tests_name("request", tests, NULL, NULL);
}
