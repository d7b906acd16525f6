/* request.c - the request's parameters, its path and its query, parsed
 * and validated before routing. */
#include <stdlib.h>
#include <string.h>

#include "request.h"
#include "unicode.h"

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

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
			hi = hexval(s[i + 1]);
			lo = hexval(s[i + 2]);
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

	for (; envp != NULL && *envp != NULL; envp++)
		if (strncmp(*envp, name, n) == 0 && (*envp)[n] == '=')
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

enum req_verdict
req_parse_env(struct req *r, char **envp, const char *base_path)
{
	const char *inm = req_param(envp, "HTTP_IF_NONE_MATCH");
	const char *ims = req_param(envp, "HTTP_IF_MODIFIED_SINCE");
	enum req_verdict v;

	v = req_parse(r, req_param(envp, "REQUEST_METHOD"),
	    req_param(envp, "REQUEST_URI"), base_path);
	r->if_none_match = inm != NULL ? xstrdup(inm) : NULL;
	r->if_modified_since = ims != NULL ? xstrdup(ims) : NULL;
	return v;
}

enum req_verdict
req_parse(struct req *r, const char *method, const char *uri,
    const char *base_path)
{
	const char *q, *p;
	size_t blen = strlen(base_path);
	struct buf dec = BUF_INIT;

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
