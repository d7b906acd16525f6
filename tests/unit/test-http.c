/* test-http.c - HTTP dates, ETag matching, query parameters, and the FTS5
 * query built from what a reader types into search. */
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dates.h"
#include "fcgi-out.h"
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

/* The arithmetic calendar agrees with glibc's gmtime_r, before and after
 * the epoch, across leap days and century years. */
static void
test_civil_utc(void **state)
{
	static const long long fixed[] = { 0, -1, 86399, 86400, -86400,
	    -86401, 951782400 /* 2000-02-29 */, 4107542400LL /* 2100-03-01 */,
	    -2208988800LL /* 1900-01-01 */, 253402300799LL /* 9999-12-31 */ };
	long long t;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]) + 20000; i++) {
		struct date_civil c;
		struct tm tm;
		time_t tt;

		t = i < sizeof(fixed) / sizeof(fixed[0]) ? fixed[i] :
		    -4000000000LL + (long long)i * 1000003LL * 397;
		tt = (time_t)t;
		gmtime_r(&tt, &tm);
		date_civil_utc(t, &c);
		assert_int_equal(c.year, tm.tm_year + 1900);
		assert_int_equal(c.month, tm.tm_mon + 1);
		assert_int_equal(c.day, tm.tm_mday);
		assert_int_equal(c.hour, tm.tm_hour);
		assert_int_equal(c.minute, tm.tm_min);
		assert_int_equal(c.second, tm.tm_sec);
		assert_int_equal(c.wday, tm.tm_wday);
	}
}

/* The formats written digit by digit agree with strftime's. */
static void
test_date_formats(void **state)
{
	static const int offsets[] = { 0, 3600, -25200, 19800, -34200, 50400 };
	int i;

	(void)state;
	for (i = 0; i < 3000; i++) {
		struct qdate d;
		struct tm tm;
		time_t tt;
		char want[64], zone[16];
		struct buf got = BUF_INIT;
		int off;

		d.t = -2208988800LL + (long long)i * 1234567LL * 997 % 7000000000LL;
		d.offset = offsets[i % 6];
		off = d.offset < 0 ? -d.offset : d.offset;
		tt = (time_t)(d.t + d.offset);
		gmtime_r(&tt, &tm);
		snprintf(zone, sizeof(zone), "%c%02d:%02d", d.offset < 0 ? '-' : '+',
		    off / 3600, off % 3600 / 60);
		strftime(want, sizeof(want), "%Y-%m-%dT%H:%M:%S", &tm);
		strcat(want, zone);
		date_format_iso(&got, &d);
		assert_string_equal(buf_cstr(&got), want);
		buf_reset(&got);
		strftime(want, sizeof(want), "%a, %d %b %Y %H:%M:%S ", &tm);
		snprintf(zone, sizeof(zone), "%c%02d%02d", d.offset < 0 ? '-' : '+',
		    off / 3600, off % 3600 / 60);
		strcat(want, zone);
		date_format_rfc822(&got, &d);
		assert_string_equal(buf_cstr(&got), want);
		buf_free(&got);
	}
	/* A damaged row's offset of INT_MIN seconds: every digit of its
	 * hours, as Go prints them, and no overflow (the sanitizer build
	 * checks). */
	{
		struct qdate d = { 0, INT_MIN };
		struct buf got = BUF_INIT;

		date_format_iso(&got, &d);
		assert_non_null(strstr(buf_cstr(&got), "-596523:14"));
		buf_free(&got);
	}
}

static void
test_putnum(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	buf_putnum(&b, 0, 0);
	buf_putc(&b, ' ');
	buf_putnum(&b, 7, 2);
	buf_putc(&b, ' ');
	buf_putnum(&b, -42, 4);
	buf_putc(&b, ' ');
	buf_putnum(&b, 2026, 2);
	buf_putc(&b, ' ');
	buf_putnum(&b, -9223372036854775807LL - 1, 0);
	assert_string_equal(buf_cstr(&b),
	    "0 07 -0042 2026 -9223372036854775808");
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
	assert_true(resp_etag_any("*"));
	assert_true(resp_etag_any("\"q1-2\", *"));
	assert_false(resp_etag_any("\"q1-2\""));
	assert_false(resp_etag_any("W/\"a*\""));
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

/* What resp_send() writes as CGI (to stdout), whole. */
static void
sent(struct resp *r, int head_only, struct buf *out)
{
	FILE *f = tmpfile();
	struct resp_sink sink = { NULL };
	char chunk[4096];
	int saved;
	size_t n;

	assert_non_null(f);
	fflush(stdout);
	saved = dup(1);
	assert_true(saved >= 0 && dup2(fileno(f), 1) == 1);
	assert_int_equal(resp_send(r, &sink, head_only), 0);
	fflush(stdout);
	assert_int_equal(dup2(saved, 1), 1);
	close(saved);
	rewind(f);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(out, chunk, n);
	fclose(f);
}

/* A spliced part is sent where it was appended, counted in the length,
 * and dropped with the body on a failure; a second one is copied. */
static void
test_spliced_body(void **state)
{
	struct resp r;
	struct buf part = BUF_INIT, out = BUF_INIT;
	const char *body;

	(void)state;
	memset(&r, 0, sizeof(r));
	resp_reset(&r);
	buf_puts(&r.body, "<p>");
	buf_puts(&part, "spliced");
	resp_body_splice(&r, &part);
	assert_null(part.data);
	buf_puts(&r.body, "</p>");
	buf_puts(&part, "+copy");
	resp_body_splice(&r, &part);
	assert_null(part.data);
	sent(&r, 0, &out);
	assert_non_null(strstr(buf_cstr(&out), "Content-Length: 19\r\n"));
	body = strstr(buf_cstr(&out), "\r\n\r\n");
	assert_non_null(body);
	assert_string_equal(body + 4, "<p>spliced</p>+copy");
	buf_reset(&out);
	sent(&r, 1, &out);
	assert_string_equal(strstr(buf_cstr(&out), "\r\n\r\n"), "\r\n\r\n");
	buf_puts(&part, "gone");
	resp_body_splice(&r, &part);
	resp_fail(&r, 500);
	buf_puts(&r.body, "error");
	buf_reset(&out);
	sent(&r, 0, &out);
	assert_string_equal(strstr(buf_cstr(&out), "\r\n\r\n") + 4, "error");
	resp_free(&r);
	buf_free(&out);
}

/* Reads fd's FastCGI records from its start: appends their content to
 * out and returns how many there were; fails the test on a record that
 * is not request id's STDOUT, is longer than FCGI_OUT_RECORD, or pads
 * with other than zeros to other than a multiple of 8. */
static int
read_records(int fd, int id, struct buf *out)
{
	unsigned char h[8], pad[8];
	char *content = malloc(65536);
	int n = 0;

	assert_non_null(content);
	assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
	while (read(fd, h, 8) == 8) {
		size_t len = (size_t)h[4] << 8 | h[5], i;

		assert_int_equal(h[0], 1);
		assert_int_equal(h[1], 6);
		assert_int_equal(h[2] << 8 | h[3], id);
		assert_true(len > 0 && len <= FCGI_OUT_RECORD);
		assert_int_equal(h[6], (8 - len % 8) % 8);
		assert_int_equal(read(fd, content, len), (ssize_t)len);
		assert_int_equal(read(fd, pad, h[6]), h[6]);
		for (i = 0; i < h[6]; i++)
			assert_int_equal(pad[i], 0);
		buf_add(out, content, len);
		n++;
	}
	free(content);
	return n;
}

/* Parts cut into records of at most FCGI_OUT_RECORD bytes, whatever
 * their own boundaries; nothing at all for nothing. */
static void
test_fcgi_records(void **state)
{
	static const size_t sizes[] = { 0, 1, 7, 8, FCGI_OUT_RECORD - 1,
	    FCGI_OUT_RECORD, FCGI_OUT_RECORD + 1, 3 * FCGI_OUT_RECORD + 5,
	    1100000 };
	struct buf want = BUF_INIT, got = BUF_INIT;
	char *data = malloc(1100000);
	size_t i, k;

	(void)state;
	assert_non_null(data);
	for (i = 0; i < 1100000; i++)
		data[i] = (char)('a' + i % 23);
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		struct iovec parts[FCGI_OUT_MAX_PARTS];
		size_t at = 0, n = 0;
		FILE *f = tmpfile();

		assert_non_null(f);
		/* The size cut into parts of 1, 0, 2, 0, 3, ... bytes,
		 * the last taking the rest. */
		for (k = 0; k < FCGI_OUT_MAX_PARTS; k++) {
			size_t len = k % 2 ? 0 : k / 2 + 1;

			if (k == FCGI_OUT_MAX_PARTS - 1 || at + len > sizes[i])
				len = sizes[i] - at;
			parts[n].iov_base = data + at;
			parts[n++].iov_len = len;
			at += len;
		}
		assert_int_equal(fcgi_out_write(fileno(f), 258, parts, n), 0);
		buf_reset(&want);
		buf_reset(&got);
		buf_add(&want, data, sizes[i]);
		k = (size_t)read_records(fileno(f), 258, &got);
		assert_int_equal(k, (sizes[i] + FCGI_OUT_RECORD - 1) /
		    FCGI_OUT_RECORD);
		assert_int_equal(got.len, want.len);
		assert_memory_equal(got.data, want.data, want.len);
		fclose(f);
	}
	/* Too many parts: refused, nothing written. */
	{
		struct iovec parts[FCGI_OUT_MAX_PARTS + 1];
		FILE *f = tmpfile();

		for (k = 0; k < FCGI_OUT_MAX_PARTS + 1; k++) {
			parts[k].iov_base = data;
			parts[k].iov_len = 1;
		}
		assert_int_equal(fcgi_out_write(fileno(f), 1, parts, k), -1);
		assert_int_equal(ftell(f), 0);
		fclose(f);
	}
	free(data);
	buf_free(&want);
	buf_free(&got);
}

/* Over FastCGI, a response with a spliced part goes out as the same
 * bytes, in records of the request's id. */
static void
test_fcgi_response(void **state)
{
	struct resp r;
	struct buf part = BUF_INIT, cgi = BUF_INIT, got = BUF_INIT;
	FCGX_Request req;
	struct resp_sink sink;
	FILE *f = tmpfile();
	size_t i;

	(void)state;
	assert_non_null(f);
	memset(&r, 0, sizeof(r));
	resp_reset(&r);
	buf_puts(&r.body, "<div>");
	for (i = 0; i < 20000; i++)
		buf_puts(&part, "<span>x</span>");
	resp_body_splice(&r, &part);
	buf_puts(&r.body, "</div>");
	sent(&r, 0, &cgi);
	memset(&req, 0, sizeof(req));
	req.ipcFd = fileno(f);
	req.requestId = 1;
	sink.req = &req;
	assert_int_equal(resp_send(&r, &sink, 0), 0);
	assert_int_equal(read_records(fileno(f), 1, &got), 5);
	assert_int_equal(got.len, cgi.len);
	assert_memory_equal(got.data, cgi.data, cgi.len);
	fclose(f);
	resp_free(&r);
	buf_free(&cgi);
	buf_free(&got);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_http_date),
		cmocka_unit_test(test_civil_utc),
		cmocka_unit_test(test_putnum),
		cmocka_unit_test(test_date_formats),
		cmocka_unit_test(test_etag),
		cmocka_unit_test(test_query_param),
		cmocka_unit_test(test_fts_query),
		cmocka_unit_test(test_spliced_body),
		cmocka_unit_test(test_fcgi_records),
		cmocka_unit_test(test_fcgi_response),
	};

	uni_init();
	return cmocka_run_group_tests_name("http", tests, NULL, NULL);
}
