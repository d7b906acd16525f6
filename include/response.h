/* response.h - a response buffered whole (status, headers, body) and then
 * sent with Content-Length, over FastCGI or as CGI. */
#ifndef QUIRE_RESPONSE_H
#define QUIRE_RESPONSE_H

#include <fcgiapp.h>

#include "buf.h"

struct resp {
	int status;
	const char *content_type;	/* literal, e.g. "text/html; charset=utf-8" */
	struct buf headers;		/* extra "Name: value\r\n" lines */
	struct buf body;
	/* A large part of the body kept apart rather than copied in (an
	 * article's rendered HTML, 100 KB with code): sent at body offset
	 * spliced_at (resp_body_splice()). */
	struct buf spliced;
	size_t spliced_at;
	int stable;			/* a 301 that depends on the request
					 * alone (cached long) */
	unsigned frames;		/* schema.h's PAGE_FRAME_*: the hosts
					 * the page's frame-src allows */
	/* A stored file's body, streamed by resp_send() in chunks instead
	 * of body (the one exception to "buffer the whole response": its
	 * length is known before the first byte), when body_file is set
	 * (a zeroed struct resp has none); resp_reset() and resp_free()
	 * close it. */
	int body_file;
	int body_fd;
	long long body_off, body_len;
	const char *cache;		/* Cache-Control; NULL: by status */
	struct buf type;		/* content_type when it is data (a
					 * stored file's media type) */
};

/* Where a response goes: a FastCGI request, or stdout as CGI. */
struct resp_sink {
	FCGX_Request *req;	/* NULL: write to stdout; else its records
				 * are written by fcgi-out.h, before
				 * FCGX_Finish_r() ends them */
};

/* Cache-Control for what depends on the content: caches keep it a second,
 * then revalidate with our ETag (see README, "Caching"). */
#define RESP_CACHE_CONTENT "public, max-age=1"
/* For answers that depend on the request alone (301 to add a slash, 400,
 * 405, 414). */
#define RESP_CACHE_STABLE "public, max-age=3600"
/* For failures that must not be kept (500, 503). */
#define RESP_CACHE_NONE "no-store"

/* The Content-Security-Policy of every page: the stylesheet and the theme
 * script come from the site; images may come from anywhere on https (posts
 * link them); nothing inline runs; no plugins, no framing elsewhere. */
#define RESP_CSP "default-src 'self'; script-src 'self'; style-src 'self'; " \
	"img-src 'self' https: data:; object-src 'none'; base-uri 'self'; " \
	"form-action 'self'; frame-ancestors 'self'"

/* Cache-Control for a site's stored files (files-serve.c), which keep
 * their URL when they change: caches may keep one a while, then must
 * revalidate with its ETag (a 304 costs no body). Text the pages depend
 * on (a stylesheet, a script) follows the pages' second; pictures, audio,
 * video, fonts and documents, large and rarely replaced, five minutes. */
#define RESP_CACHE_FILE_TEXT "public, max-age=1"
#define RESP_CACHE_FILE_MEDIA "public, max-age=300"
/* The resized copies of a site's images the importer makes: their URL
 * holds the original's hash and the width, so other bytes come at
 * another URL, and caches may keep them for good. */
#define RESP_CACHE_FILE_IMMUTABLE "public, max-age=31536000, immutable"

/* Prepares r for a new response (keeps its memory). */
void resp_reset(struct resp *r);
void resp_free(struct resp *r);
/* Makes r an error answer with status (400, 404, 405, 414, 500, 503):
 * drops its headers and body, and adds the headers the status calls for
 * (Allow for 405, Retry-After for 503). The caller writes the page. */
void resp_fail(struct resp *r, int status);
/* Makes r a 301 to location (an escaped URL): drops its body, adds the
 * Location header. The caller may write a short page. */
void resp_moved(struct resp *r, const char *location);
/* Adds a header; value must not hold CR or LF (dropped if it does). */
void resp_header(struct resp *r, const char *name, const char *value);
/* Sets ETag and Last-Modified from the content state: what every page
 * shows depends only on the database's content version and on the
 * instant the set of visible pages last changed (unix seconds). When the
 * request's If-None-Match or (without it) If-Modified-Since says the
 * client's copy is current (either may be NULL), makes r a 304 and
 * returns 1; else returns 0. An If-None-Match of "*" is left to
 * resp_exists(), after routing. */
int resp_conditional(struct resp *r, const char *if_none_match,
	const char *if_modified_since, long long version, long long changed);
/* Does an If-None-Match value hold "*" (any current representation)? */
int resp_etag_any(const char *list);
/* Answers If-None-Match: * once the page is known: makes a 200 a 304
 * (returns 1); a 404 or a redirect stays as it is. */
int resp_exists(struct resp *r, const char *if_none_match);
/* Sends r with the Cache-Control its status calls for (RESP_CACHE_*,
 * or r->cache) and the security headers every answer carries; without
 * its body when head_only (HEAD). A file body goes in chunks of
 * RESP_CHUNK bytes read with pread(2): never the whole file in memory.
 * Returns 0, or -1 when writing failed or the file gave fewer bytes
 * than promised (the answer is then cut short: the client sees fewer
 * bytes than its Content-Length). */
#define RESP_CHUNK (64 * 1024)
int resp_send(struct resp *r, struct resp_sink *sink, int head_only);
/* Appends t (unix seconds) as an HTTP date: "Sun, 06 Nov 1994 08:49:37
 * GMT". */
void resp_http_date(struct buf *b, long long t);
/* Parses an HTTP date (IMF-fixdate); returns unix seconds, or -1. */
long long resp_parse_http_date(const char *s);
/* Does an If-None-Match header value (a list, "*", weak tags) match
 * etag (quoted)? */
int resp_etag_listed(const char *list, const char *etag);
/* Sets r's Content-Type to the data media_type (copied), or to
 * application/octet-stream when it is empty or not a plain header
 * value. */
void resp_set_type(struct resp *r, const char *media_type);
/* Appends part to r's body without copying its bytes: r takes part's
 * memory and leaves it empty. What is appended to the body afterwards
 * follows it. */
void resp_body_splice(struct resp *r, struct buf *part);
/* Makes r's body the len bytes of the open file fd from off, which r
 * now owns (closed by resp_reset() or resp_free()). */
void resp_body_file(struct resp *r, int fd, long long off, long long len);
/* The reason phrase of a status code. */
const char *resp_reason(int status);

#endif
