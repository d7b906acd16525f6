/* response.c - status, headers and body, sent once, whole. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dates.h"
#include "fcgi-out.h"
#include "response.h"
#include "schema.h"

/* Empties r's body: its bytes, its spliced part and its file, if any
 * (closed). */
static void
drop_body(struct resp *r)
{
	if (r->body_file)
		close(r->body_fd);
	r->body_file = 0;
	r->body_fd = -1;
	r->body_off = r->body_len = 0;
	buf_reset(&r->body);
	buf_free(&r->spliced);
	r->spliced_at = 0;
}

void
resp_reset(struct resp *r)
{
	drop_body(r);
	r->status = 200;
	r->content_type = "text/html; charset=utf-8";
	r->stable = 0;
	r->frames = 0;
	r->cache = NULL;
	buf_reset(&r->headers);
	buf_reset(&r->type);
}

void
resp_free(struct resp *r)
{
	drop_body(r);
	buf_free(&r->headers);
	buf_free(&r->body);
	buf_free(&r->type);
}

void
resp_set_type(struct resp *r, const char *media_type)
{
	const char *p;

	buf_reset(&r->type);
	for (p = media_type; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || (unsigned char)*p == 0x7f)
			break;
	if (*media_type == '\0' || *p != '\0')
		media_type = "application/octet-stream";
	buf_puts(&r->type, media_type);
	r->content_type = buf_cstr(&r->type);
}

void
resp_body_file(struct resp *r, int fd, long long off, long long len)
{
	drop_body(r);
	r->body_fd = fd;
	r->body_file = 1;
	r->body_off = off;
	r->body_len = len;
}

void
resp_body_splice(struct resp *r, struct buf *part)
{
	/* One part a response; a second (none today) is copied. */
	if (r->spliced.data != NULL || r->body_file) {
		buf_add(&r->body, part->data, part->len);
		buf_free(part);
		return;
	}
	r->spliced = *part;
	r->spliced_at = r->body.len;
	part->data = NULL;
	part->len = part->cap = 0;
}

void
resp_fail(struct resp *r, int status)
{
	drop_body(r);
	buf_reset(&r->headers);
	r->status = status;
	r->cache = NULL;
	r->content_type = "text/html; charset=utf-8";
	if (status == 405)
		resp_header(r, "Allow", "GET, HEAD");
	if (status == 503)
		resp_header(r, "Retry-After", "5");
}

void
resp_moved(struct resp *r, const char *location)
{
	drop_body(r);
	r->status = 301;
	resp_header(r, "Location", location);
}

void
resp_header(struct resp *r, const char *name, const char *value)
{
	if (strpbrk(value, "\r\n") != NULL)
		return;
	buf_puts(&r->headers, name);
	buf_puts(&r->headers, ": ");
	buf_puts(&r->headers, value);
	buf_puts(&r->headers, "\r\n");
}

static const char *const wdays[7] = { "Sun", "Mon", "Tue", "Wed", "Thu",
    "Fri", "Sat" };
static const char *const months[12] = { "Jan", "Feb", "Mar", "Apr", "May",
    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

void
resp_http_date(struct buf *b, long long t)
{
	struct date_civil c;

	date_civil_utc(t, &c);
	buf_puts(b, wdays[c.wday]);
	buf_puts(b, ", ");
	buf_putnum(b, c.day, 2);
	buf_putc(b, ' ');
	buf_puts(b, months[c.month - 1]);
	buf_putc(b, ' ');
	buf_putnum(b, c.year, 4);
	buf_putc(b, ' ');
	buf_putnum(b, c.hour, 2);
	buf_putc(b, ':');
	buf_putnum(b, c.minute, 2);
	buf_putc(b, ':');
	buf_putnum(b, c.second, 2);
	buf_puts(b, " GMT");
}

long long
resp_parse_http_date(const char *s)
{
	char wday[4], mon[4], zone[4];
	int d, y, h, mi, se, m, n = 0;

	if (s == NULL || sscanf(s, "%3s, %2d %3s %4d %2d:%2d:%2d %3s%n", wday, &d,
	    mon, &y, &h, &mi, &se, zone, &n) != 8 || strcmp(zone, "GMT") != 0)
		return -1;
	for (m = 0; m < 12; m++)
		if (strcmp(mon, months[m]) == 0)
			break;
	if (m == 12 || d < 1 || d > 31 || y < 1970 || h > 23 || mi > 59 ||
	    se > 60)
		return -1;
	return date_days_from_civil(y, m + 1, d) * 86400 + h * 3600 +
	    mi * 60 + se;
}

/* Does an If-None-Match list hold "*", or etag (weak or strong) when
 * etag is not NULL? */
static int
find_tag(const char *list, const char *etag)
{
	size_t n = etag != NULL ? strlen(etag) : 0;
	const char *p = list;

	while (*p != '\0') {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (*p == '*')
			return 1;
		if (strncmp(p, "W/", 2) == 0)
			p += 2;
		if (etag != NULL && strncmp(p, etag, n) == 0 &&
		    (p[n] == '\0' || p[n] == ',' || p[n] == ' '))
			return 1;
		while (*p != '\0' && *p != ',')
			p++;
	}
	return 0;
}

int
resp_etag_listed(const char *list, const char *etag)
{
	return find_tag(list, etag);
}

int
resp_etag_any(const char *list)
{
	return find_tag(list, NULL);
}

int
resp_exists(struct resp *r, const char *if_none_match)
{
	if (r->status != 200 || if_none_match == NULL ||
	    !resp_etag_any(if_none_match))
		return 0;
	r->status = 304;
	drop_body(r);
	return 1;
}

const char *
resp_reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 206: return "Partial Content";
	case 301: return "Moved Permanently";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 414: return "URI Too Long";
	case 416: return "Range Not Satisfiable";
	case 500: return "Internal Server Error";
	case 503: return "Service Unavailable";
	default: return "Unknown";
	}
}

int
resp_conditional(struct resp *r, const char *if_none_match,
    const char *if_modified_since, long long version, long long changed)
{
	struct buf etag = BUF_INIT, date = BUF_INIT;
	int fresh;

	buf_puts(&etag, "\"q");
	buf_putnum(&etag, version, 1);
	buf_putc(&etag, '-');
	buf_putnum(&etag, changed, 1);
	buf_putc(&etag, '"');
	resp_http_date(&date, changed);
	/* "*" asks whether the page exists: resp_exists() answers it once
	 * the route has. */
	if (if_none_match != NULL)
		fresh = !resp_etag_any(if_none_match) &&
		    resp_etag_listed(if_none_match, buf_cstr(&etag));
	else
		fresh = if_modified_since != NULL &&
		    resp_parse_http_date(if_modified_since) >= changed;
	resp_header(r, "ETag", buf_cstr(&etag));
	resp_header(r, "Last-Modified", buf_cstr(&date));
	if (fresh) {
		r->status = 304;
		drop_body(r);
	}
	buf_free(&etag);
	buf_free(&date);
	return fresh;
}

/* How long caches may keep an answer with r's status. */
static const char *
cache_control(const struct resp *r)
{
	if (r->cache != NULL)
		return r->cache;
	switch (r->status) {
	case 200: case 304: case 404:
		return RESP_CACHE_CONTENT;
	case 301:
		return r->stable ? RESP_CACHE_STABLE : RESP_CACHE_CONTENT;
	case 500: case 503:
		return RESP_CACHE_NONE;
	default:
		return RESP_CACHE_STABLE;
	}
}

/* Writes the n parts to the sink, in order; 0 or -1. Over FastCGI
 * they go out whole, in records of up to 64 KiB (fcgi-out.h). */
static int
put(struct resp_sink *sink, const struct iovec *parts, size_t n)
{
	size_t i;

	if (sink->req != NULL)
		return fcgi_out_write(sink->req->ipcFd, sink->req->requestId,
		    parts, n);
	for (i = 0; i < n; i++)
		if (parts[i].iov_len > 0 && fwrite(parts[i].iov_base, 1,
		    parts[i].iov_len, stdout) != parts[i].iov_len)
			return -1;
	return 0;
}

/* The iovec of n bytes at data. */
static struct iovec
part(const void *data, size_t n)
{
	struct iovec v;

	v.iov_base = (void *)data;
	v.iov_len = data != NULL ? n : 0;
	return v;
}

/* Streams r's file body to the sink in chunks; 0 or -1. */
static int
send_file(struct resp *r, struct resp_sink *sink)
{
	char *chunk = xmalloc(RESP_CHUNK);
	long long off = r->body_off, left = r->body_len;
	int rc = 0;

	while (left > 0 && rc == 0) {
		size_t want = left < RESP_CHUNK ? (size_t)left : RESP_CHUNK;
		ssize_t n = pread(r->body_fd, chunk, want, (off_t)off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			rc = -1;	/* the file shrank: cut short */
			break;
		}
		struct iovec v = part(chunk, (size_t)n);

		rc = put(sink, &v, 1);
		off += n;
		left -= n;
	}
	free(chunk);
	return rc;
}

/* Writes head, then r's body bytes with its spliced part where it
 * stands (unless head_only); 0 or -1. */
static int
put_head_body(struct resp *r, const struct buf *head, int head_only,
    struct resp_sink *sink)
{
	size_t at = r->spliced.data != NULL ? r->spliced_at : r->body.len;
	struct iovec parts[4];

	parts[0] = part(head->data, head->len);
	if (head_only)
		return put(sink, parts, 1);
	parts[1] = part(r->body.data, at);
	parts[2] = part(r->spliced.data, r->spliced.len);
	parts[3] = r->body.data != NULL ?
	    part(r->body.data + at, r->body.len - at) : part(NULL, 0);
	return put(sink, parts, 4);
}

int
resp_send(struct resp *r, struct resp_sink *sink, int head_only)
{
	struct buf head = BUF_INIT;
	long long length = r->body_file ? r->body_len :
	    (long long)(r->body.len + r->spliced.len);
	int rc = 0;

	buf_puts(&head, "Status: ");
	buf_putnum(&head, r->status, 1);
	buf_putc(&head, ' ');
	buf_puts(&head, resp_reason(r->status));
	if (r->status == 304) {
		/* No body, so neither its type nor its length. */
		buf_puts(&head, "\r\n");
		head_only = 1;
	} else {
		buf_puts(&head, "\r\nContent-Type: ");
		buf_puts(&head, r->content_type);
		buf_puts(&head, "\r\nContent-Length: ");
		buf_putnum(&head, length, 1);
		buf_puts(&head, "\r\n");
	}
	buf_add(&head, r->headers.data, r->headers.len);
	buf_puts(&head, "Cache-Control: ");
	buf_puts(&head, cache_control(r));
	buf_puts(&head, "\r\n");
	/* On every answer: scripts only from the site itself (no inline
	 * script can run, whatever a post holds), no MIME sniffing. */
	buf_puts(&head, "Content-Security-Policy: " RESP_CSP);
	/* A page that embeds a video frames exactly its host, besides
	 * the site (schema/014). */
	if (r->frames != 0) {
		buf_puts(&head, "; frame-src 'self'");
		if (r->frames & PAGE_FRAME_YOUTUBE)
			buf_puts(&head, " https://www.youtube.com");
		if (r->frames & PAGE_FRAME_YOUTUBE_NOCOOKIE)
			buf_puts(&head, " https://www.youtube-nocookie.com");
		if (r->frames & PAGE_FRAME_VIMEO)
			buf_puts(&head, " https://player.vimeo.com");
	}
	buf_puts(&head, "\r\n"
	    "X-Content-Type-Options: nosniff\r\n"
	    "Referrer-Policy: strict-origin-when-cross-origin\r\n\r\n");
	if (r->body_file) {
		struct iovec v = part(head.data, head.len);

		if (put(sink, &v, 1) != 0 || (!head_only &&
		    send_file(r, sink) != 0))
			rc = -1;
	} else if (put_head_body(r, &head, head_only, sink) != 0)
		rc = -1;
	if (sink->req == NULL && fflush(stdout) != 0)
		rc = -1;
	buf_free(&head);
	return rc;
}
