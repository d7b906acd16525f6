/* request.c - the request's parameters, its path and its query, parsed
 * and validated before routing. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "request.h"
#include "url.h"
#include "unicode.h"

/* Percent-decodes n bytes of s into out ('+' as a space when plus).
 * Returns -1 on a bad escape or a decoded control byte. */
static int
decode_as(struct buf *out, const char *s, size_t n, int plus)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '+' && plus) {
			c = ' ';
		} else if (c == '%') {
			int hi, lo;

			if (i + 2 >= n)
				return -1;
			hi = url_hex_digit(s[i + 1]);
			lo = url_hex_digit(s[i + 2]);
			if (hi < 0 || lo < 0)
				return -1;
			c = (unsigned char)(hi * 16 + lo);
			i += 2;
		}
		if (c < 0x20 || c == 0x7f)
			return -1;
		buf_putc(out, (char)c);
	}
	return 0;
}

static int
decode(struct buf *out, const char *s, size_t n)
{
	return decode_as(out, s, n, 0);
}

int
req_query_param(const char *query, const char *name, struct buf *out)
{
	size_t nlen = strlen(name);
	const char *p = query;

	while (p != NULL && *p != '\0') {
		size_t len = strcspn(p, "&;");

		if (len > nlen && strncmp(p, name, nlen) == 0 && p[nlen] == '=') {
			size_t start = out->len;

			if (decode_as(out, p + nlen + 1, len - nlen - 1, 1) != 0 ||
			    !uni_valid(out->data ? out->data + start : "",
			    out->len - start))
				return -1;
			return 1;
		}
		if (len == nlen && strncmp(p, name, nlen) == 0)
			return 1;	/* "?q" alone: an empty value */
		p += len;
		if (*p != '\0')
			p++;
	}
	return 0;
}

const char *
req_param(char **envp, const char *name)
{
	size_t n = strlen(name);

	/* Ten look-ups a request over some thirty parameters: the first
	 * byte rules out most without a call. */
	for (; envp != NULL && *envp != NULL; envp++)
		if ((*envp)[0] == name[0] && strncmp(*envp, name, n) == 0 &&
		    (*envp)[n] == '=')
			return *envp + n + 1;
	return NULL;
}

/* The kinds of value a query parameter may hold. */
enum req_type {
	REQ_TYPE_TEXT,		/* decoded, valid UTF-8, no control bytes */
	REQ_TYPE_PAGE,		/* req_page_number()'s form */
};

/* Every query parameter quire reads, by enum req_arg. */
static const struct req_field {
	const char *name;
	enum req_type type;
	size_t max;		/* text: most bytes after decoding */
} req_fields[REQ_ARG__MAX] = {
	[REQ_ARG_Q] = { "q", REQ_TYPE_TEXT, REQ_MAX_QUERY },
	[REQ_ARG_PAGE] = { "page", REQ_TYPE_PAGE, 10 },
};

/* Fills r->args from r->query by the table. */
static void
parse_args(struct req *r)
{
	size_t i;

	for (i = 0; i < REQ_ARG__MAX; i++) {
		const struct req_field *f = &req_fields[i];
		struct req_value *v = &r->args[i];
		struct buf val = BUF_INIT;
		int found = req_query_param(r->query, f->name, &val);

		v->state = found == 0 ? REQ_ARG_ABSENT : found < 0 ?
		    REQ_ARG_INVALID : val.len > f->max ? REQ_ARG_TOO_LONG :
		    REQ_ARG_VALID;
		if (v->state == REQ_ARG_VALID && f->type == REQ_TYPE_PAGE &&
		    (v->number = req_page_number(buf_cstr(&val))) == 0)
			v->state = REQ_ARG_INVALID;
		if (v->state == REQ_ARG_VALID)
			v->text = xstrdup(buf_cstr(&val));
		buf_free(&val);
	}
}

/* The request headers and server parameters quire reads, each copied
 * into its field of struct req when present and at most max bytes long
 * (a longer one is taken as absent: no valid value is that long). */
static const struct req_header {
	const char *param;	/* the FastCGI/CGI parameter */
	size_t field;		/* offsetof(struct req, ...), a char * */
	size_t max;
} req_headers[] = {
	{ "HTTP_IF_NONE_MATCH", offsetof(struct req, if_none_match), 4096 },
	{ "HTTP_IF_MODIFIED_SINCE", offsetof(struct req, if_modified_since),
	    64 },
	{ "HTTP_IF_RANGE", offsetof(struct req, if_range), 256 },
	{ "HTTP_RANGE", offsetof(struct req, range_text), 1024 },
	{ "QUIRE_ACCEL_PREFIX", offsetof(struct req, accel_prefix), 256 },
};

/* Is s an internal location's prefix: "/", then path bytes, then "/",
 * nothing that would need escaping in a header or a URI? */
static int
accel_prefix_ok(const char *s)
{
	size_t n = strlen(s), i;

	if (n < 2 || s[0] != '/' || s[n - 1] != '/')
		return 0;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] <= 0x20 || (unsigned char)s[i] >= 0x7f ||
		    s[i] == '?' || s[i] == '#' || s[i] == '%')
			return 0;
	return strstr(s, "/../") == NULL && strstr(s, "/./") == NULL;
}

enum req_verdict
req_parse_env(struct req *r, char **envp, const char *base_path)
{
	enum req_verdict v;
	size_t i;

	v = req_parse(r, req_param(envp, "REQUEST_METHOD"),
	    req_param(envp, "REQUEST_URI"), base_path);
	for (i = 0; i < sizeof(req_headers) / sizeof(req_headers[0]); i++) {
		const char *val = req_param(envp, req_headers[i].param);
		char **field = (char **)((char *)r + req_headers[i].field);

		if (val != NULL && strlen(val) <= req_headers[i].max)
			*field = xstrdup(val);
	}
	if (r->accel_prefix != NULL && !accel_prefix_ok(r->accel_prefix)) {
		free(r->accel_prefix);
		r->accel_prefix = NULL;
	}
	req_range_parse(r->range_text, &r->range);
	return v;
}

/* Reads a run of digits at *p into *out (at most 18 of them, so that it
 * fits); returns 0, or -1 when there is none or too many. */
static int
range_number(const char **p, long long *out)
{
	long long n = 0;
	int k = 0;

	while (**p >= '0' && **p <= '9') {
		if (++k > 18)
			return -1;
		n = n * 10 + (**p - '0');
		(*p)++;
	}
	*out = n;
	return k > 0 ? 0 : -1;
}

static const char *
skip_ows(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

void
req_range_parse(const char *value, struct req_range *out)
{
	const char *p = value;
	int n = 0;

	memset(out, 0, sizeof(*out));
	out->kind = REQ_RANGE_NONE;
	/* The unit is case-insensitive; quire knows bytes only. */
	if (p == NULL || strncasecmp(p, "bytes=", 6) != 0)
		return;
	p += 6;
	for (;;) {
		long long a = -1, b = -1;

		p = skip_ows(p);
		if (*p == ',') {	/* empty list elements are allowed */
			p++;
			continue;
		}
		if (*p == '\0')
			break;
		if (*p == '-') {
			p++;
			if (range_number(&p, &b) != 0)
				goto bad;
		} else {
			if (range_number(&p, &a) != 0 || *p++ != '-')
				goto bad;
			if (*p >= '0' && *p <= '9' && (range_number(&p, &b) != 0 ||
			    b < a))
				goto bad;
		}
		p = skip_ows(p);
		if (*p != ',' && *p != '\0')
			goto bad;
		if (++n == 1) {
			out->first = a;
			out->last = b;
		}
	}
	if (n == 0)
		goto bad;
	out->kind = n == 1 ? REQ_RANGE_ONE : REQ_RANGE_MANY;
	return;
bad:
	/* A header that does not parse is ignored (RFC 9110, 14.2). */
	memset(out, 0, sizeof(*out));
	out->kind = REQ_RANGE_NONE;
}

int
req_range_resolve(const struct req_range *r, long long size, long long *off,
    long long *len)
{
	*off = 0;
	*len = size;
	if (r->kind != REQ_RANGE_ONE)
		return 200;
	if (r->first < 0) {
		/* The last n bytes; all of them when n exceeds the size. */
		if (r->last == 0 || size == 0)
			return 416;
		*len = r->last < size ? r->last : size;
		*off = size - *len;
		return 206;
	}
	if (r->first >= size)
		return 416;
	*off = r->first;
	*len = (r->last < 0 || r->last >= size ? size - 1 : r->last) -
	    r->first + 1;
	return 206;
}

enum req_verdict
req_parse(struct req *r, const char *method, const char *uri,
    const char *base_path)
{
	const char *q, *p;
	size_t blen = strlen(base_path);
	struct buf dec = BUF_INIT;
	int merged = 0;

	memset(r, 0, sizeof(*r));
	r->query = xstrdup("");
	if (method != NULL && strcmp(method, "GET") == 0)
		r->method = REQ_GET;
	else if (method != NULL && strcmp(method, "HEAD") == 0)
		r->method = REQ_HEAD;
	else
		r->method = REQ_OTHER;
	if (uri == NULL || *uri == '\0')
		return REQ_BAD;
	if (strlen(uri) > REQ_MAX_URI)
		return REQ_TOO_LONG;
	for (p = uri; *p != '\0'; p++)
		if ((unsigned char)*p < 0x21 || (unsigned char)*p == 0x7f)
			return REQ_BAD;
	q = strchr(uri, '?');
	r->path = q ? xstrndup(uri, (size_t)(q - uri)) : xstrdup(uri);
	if (q != NULL) {
		free(r->query);
		r->query = xstrdup(q + 1);
		parse_args(r);
	}
	if (r->path[0] != '/')
		return REQ_BAD;
	/* A run of slashes is one, as nginx's merge_slashes and every
	 * static server serving Hugo's build read it: the path is the
	 * merged one, reached by a redirect (never to "//host": the
	 * merged path starts with one slash). */
	if (strstr(r->path, "//") != NULL) {
		char *to = r->path;

		for (p = r->path; *p != '\0'; p++)
			if (!(*p == '/' && p[1] == '/'))
				*to++ = *p;
		*to = '\0';
		merged = 1;
	}
	/* The site's own mount point without its slash: add it. */
	if (blen > 1 && strlen(r->path) == blen - 1 &&
	    strncmp(r->path, base_path, blen - 1) == 0) {
		r->route = xstrdup("");
		r->decoded = xstrdup("");
		return r->method == REQ_OTHER ? REQ_METHOD : REQ_ADD_SLASH;
	}
	if (strncmp(r->path, base_path, blen) != 0)
		return REQ_NOT_FOUND;
	r->route = xstrndup(r->path + blen - 1, strlen(r->path) - blen + 1);
	r->slash = r->route[strlen(r->route) - 1] == '/';

	/* Split into segments, each decoded on its own so "%2F" stays
	 * inside its segment. */
	for (p = r->route + 1; *p != '\0';) {
		size_t len = strcspn(p, "/"), start = dec.len;

		if (len == 0) {
			buf_free(&dec);
			return REQ_NOT_FOUND;	/* "//" */
		}
		if (r->nsegs == REQ_MAX_SEGS) {
			buf_free(&dec);
			return REQ_NOT_FOUND;
		}
		buf_putc(&dec, '/');
		if (decode(&dec, p, len) != 0 ||
		    !uni_valid(dec.data + start + 1, dec.len - start - 1)) {
			buf_free(&dec);
			return REQ_BAD;
		}
		r->segs[r->nsegs] = xstrndup(dec.data + start + 1,
		    dec.len - start - 1);
		if (strcmp(r->segs[r->nsegs], ".") == 0 ||
		    strcmp(r->segs[r->nsegs], "..") == 0 ||
		    strchr(r->segs[r->nsegs], '/') != NULL) {
			r->nsegs++;
			buf_free(&dec);
			return REQ_BAD;
		}
		r->nsegs++;
		p += len;
		if (*p == '/')
			p++;
	}
	if (r->slash || dec.len == 0)
		buf_putc(&dec, '/');
	r->decoded = buf_detach(&dec);
	if (r->method == REQ_OTHER)
		return REQ_METHOD;
	if (merged)
		return REQ_MERGE_SLASHES;
	if (!r->slash && r->nsegs > 0 &&
	    strchr(r->segs[r->nsegs - 1], '.') == NULL)
		return REQ_ADD_SLASH;
	return REQ_OK;
}

void
req_free(struct req *r)
{
	size_t i;

	free(r->path);
	free(r->query);
	free(r->route);
	free(r->decoded);
	for (i = 0; i < r->nsegs; i++)
		free(r->segs[i]);
	for (i = 0; i < REQ_ARG__MAX; i++)
		free(r->args[i].text);
	free(r->if_none_match);
	free(r->if_modified_since);
	free(r->if_range);
	free(r->range_text);
	free(r->accel_prefix);
	memset(r, 0, sizeof(*r));
}

long
req_page_number(const char *s)
{
	long n = 0;
	size_t i;

	if (s == NULL || s[0] < '1' || s[0] > '9')
		return 0;
	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] < '0' || s[i] > '9' || i >= 9)
			return 0;
		n = n * 10 + (s[i] - '0');
	}
	return n;
}
