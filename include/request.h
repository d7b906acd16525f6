/* request.h - a request's method and path, validated before any handler
 * runs: handlers see decoded segments and parsed numbers only. */
#ifndef QUIRE_REQUEST_H
#define QUIRE_REQUEST_H

#include <stddef.h>

#include "buf.h"

#define REQ_MAX_URI 8192	/* longer request URIs answer 414 */
#define REQ_MAX_SEGS 32		/* deeper paths answer 404 */

enum req_method {
	REQ_GET,
	REQ_HEAD,
	REQ_OTHER,
};

/* The outcome of req_parse(): go on routing, or answer at once. */
enum req_verdict {
	REQ_OK,
	REQ_BAD,		/* 400: malformed path */
	REQ_TOO_LONG,		/* 414 */
	REQ_NOT_FOUND,		/* 404: outside the site or not a route */
	REQ_METHOD,		/* 405 */
	REQ_ADD_SLASH,		/* 301 to the path with a trailing slash */
};

/* One request. Every string is owned by the request and freed by
 * req_free(); nothing points into the server's environment. */
struct req {
	enum req_method method;
	char *path;		/* raw path of REQUEST_URI */
	char *query;		/* raw query string without '?', or "" */
	char *route;		/* raw path less the base path, from '/' */
	char *decoded;		/* route percent-decoded (valid UTF-8) */
	char *segs[REQ_MAX_SEGS];	/* decoded segments of route */
	size_t nsegs;
	int slash;		/* route ends with '/' */
};

/* Parses method and request_uri (either may be NULL) for a site mounted
 * at base_path ("/" or "/blog/"). Fills r (free it with req_free()) and
 * says what to do. */
enum req_verdict req_parse(struct req *r, const char *method,
	const char *request_uri, const char *base_path);
void req_free(struct req *r);

/* Finds parameter name in a raw query string and appends its value,
 * decoded ('+' and %20 are spaces), to out. Returns 1 if found, 0 if not,
 * -1 when the value is malformed (a bad escape, control bytes, invalid
 * UTF-8). */
int req_query_param(const char *query, const char *name, struct buf *out);

/* Parses a page number segment: digits only, no leading zero, at most
 * 1e9. Returns it, or 0 when s is not such a number. */
long req_page_number(const char *s);

#endif
