/* request.h - a request's method and path, validated before any handler
 * runs: handlers see decoded segments and parsed numbers only. */
#ifndef QUIRE_REQUEST_H
#define QUIRE_REQUEST_H

#include <stddef.h>

#include "buf.h"

#define REQ_MAX_URI 8192	/* longer request URIs answer 414 */
#define REQ_MAX_SEGS 32		/* deeper paths answer 404 */
#define REQ_MAX_QUERY 256	/* search words, in bytes after decoding */

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
	REQ_MERGE_SLASHES,	/* 301 to the path with each "//" made "/",
				 * as a static server reads it */
};

/* The query parameters quire reads, each checked against its row of one
 * table (request.c) by req_parse(), as kcgi's kvalid does: handlers see
 * the parsed value and its state, never the raw query. */
enum req_arg {
	REQ_ARG_Q,		/* search words: text, REQ_MAX_QUERY bytes */
	REQ_ARG_PAGE,		/* a page of search results: a page number */
	REQ_ARG__MAX
};

enum req_arg_state {
	REQ_ARG_ABSENT,
	REQ_ARG_VALID,
	REQ_ARG_INVALID,	/* a bad escape, a control byte, invalid
				 * UTF-8, or not a page number */
	REQ_ARG_TOO_LONG,
};

/* A Range header as parsed (RFC 9110, 14.2): one byte range is served
 * as 206; several may be answered whole (200), as is a header quire
 * cannot read (another unit, bad syntax), which RFC 9110 says to
 * ignore. */
enum req_range_kind {
	REQ_RANGE_NONE,		/* absent or ignored */
	REQ_RANGE_ONE,		/* "bytes=a-b", "bytes=a-", "bytes=-n" */
	REQ_RANGE_MANY,		/* a list of ranges */
};

struct req_range {
	enum req_range_kind kind;
	long long first;	/* -1: a suffix range, "-n" */
	long long last;		/* -1: open ("a-"); the suffix's n when
				 * first is -1 */
};

/* A query parameter as parsed. */
struct req_value {
	enum req_arg_state state;
	char *text;		/* decoded value when VALID, else NULL */
	long number;		/* a page number when VALID, else 0 */
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
	struct req_value args[REQ_ARG__MAX];
	/* The request headers quire reads, each copied by its row of
	 * request.c's header table, or NULL. */
	char *if_none_match;
	char *if_modified_since;
	char *if_range;
	char *range_text;	/* Range as sent */
	struct req_range range;	/* Range as parsed */
	/* QUIRE_ACCEL_PREFIX, a FastCGI parameter the shipped nginx
	 * configurations set (a client's headers arrive as HTTP_*): the
	 * internal location over the file store, "/_quire_store/"; NULL
	 * when absent or not of the form "/.../". */
	char *accel_prefix;
};

/* Returns the value of name in a FastCGI or CGI environment (NULL-
 * terminated "NAME=value" strings; envp may be NULL), or NULL. The
 * pointer lives as long as the environment: the request, no longer. */
const char *req_param(char **envp, const char *name);

/* Parses method and request_uri (either may be NULL) for a site mounted
 * at base_path ("/" or "/blog/"), with the query's parameters checked
 * against quire's table. Fills r (free it with req_free()) and says what
 * to do. */
enum req_verdict req_parse(struct req *r, const char *method,
	const char *request_uri, const char *base_path);
/* req_parse() of the request in a FastCGI or CGI environment
 * (REQUEST_METHOD, REQUEST_URI), copying the headers and parameters of
 * request.c's table (If-None-Match, If-Modified-Since, If-Range, Range,
 * QUIRE_ACCEL_PREFIX) into r, the Range parsed. */
enum req_verdict req_parse_env(struct req *r, char **envp,
	const char *base_path);
void req_free(struct req *r);

/* Finds parameter name in a raw query string and appends its value,
 * decoded ('+' and %20 are spaces), to out. Returns 1 if found, 0 if not,
 * -1 when the value is malformed (a bad escape, control bytes, invalid
 * UTF-8). */
int req_query_param(const char *query, const char *name, struct buf *out);

/* Parses a Range header value (NULL: absent) into *out. */
void req_range_parse(const char *value, struct req_range *out);

/* What a range asks of a body of size bytes: 200 (the whole body: no
 * range, several, or one that covers it all is still 206), 206 with
 * *off and *len set, or 416 (unsatisfiable: it starts beyond the end,
 * or is the empty suffix "-0"). */
int req_range_resolve(const struct req_range *r, long long size,
	long long *off, long long *len);

/* Parses a page number segment: digits only, no leading zero, at most
 * 1e9. Returns it, or 0 when s is not such a number. */
long req_page_number(const char *s);

#endif
