/* fuzz-request.c - libFuzzer target for the request parser (request.c).
 * The input is METHOD \0 REQUEST_URI \0 QUERY \0 RANGE; each part may be
 * missing (a missing method or URI is passed as NULL, as the worker
 * would). RANGE is a Range header, resolved against a few sizes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "request.h"
#include "unicode.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	uni_init();
	return 0;
}

/* Splits the input into up to three NUL-terminated parts. */
static char *
part(const uint8_t **p, const uint8_t *end)
{
	const uint8_t *s = *p, *z;

	if (s >= end)
		return NULL;
	z = memchr(s, '\0', (size_t)(end - s));
	if (z == NULL)
		z = end;
	*p = z < end ? z + 1 : end;
	return xstrndup((const char *)s, (size_t)(z - s));
}

static void
check_page(const char *s)
{
	long n = req_page_number(s);

	if (n < 0 || n > 1000000000L)
		__builtin_trap();
	if (n > 0 && (s[0] < '1' || s[0] > '9'))
		__builtin_trap();
}

static void
query(const char *q, const char *name)
{
	struct buf out = BUF_INIT;
	int rc = req_query_param(q, name, &out);

	if (rc < -1 || rc > 1)
		__builtin_trap();
	if (rc == 1 && !uni_valid(buf_cstr(&out), out.len))
		__builtin_trap();	/* a value handlers see is valid text */
	if (rc == 1)
		check_page(buf_cstr(&out));
	buf_free(&out);
}

static void
parse(const char *method, const char *uri, const char *base)
{
	struct req r;
	enum req_verdict v = req_parse(&r, method, uri, base);
	size_t i;

	if (r.query == NULL)
		__builtin_trap();
	if (v == REQ_OK || v == REQ_ADD_SLASH || v == REQ_MERGE_SLASHES) {
		/* What handlers get: decoded, valid, no "." or ".." or '/' in
		 * a segment, no empty segment; a redirect's path starts with
		 * one slash, never two (a host). */
		if (r.decoded == NULL || (r.decoded[0] != '/' &&
		    !(v == REQ_ADD_SLASH && r.decoded[0] == '\0')) ||
		    !uni_valid(r.decoded, strlen(r.decoded)) ||
		    strstr(r.decoded, "//") != NULL)
			__builtin_trap();
		if (r.nsegs > REQ_MAX_SEGS)
			__builtin_trap();
		for (i = 0; i < r.nsegs; i++) {
			const char *s = r.segs[i];

			if (s == NULL || *s == '\0' || strchr(s, '/') != NULL ||
			    strcmp(s, ".") == 0 || strcmp(s, "..") == 0 ||
			    !uni_valid(s, strlen(s)))
				__builtin_trap();
			check_page(s);
		}
		if (v == REQ_OK && r.method == REQ_OTHER)
			__builtin_trap();
		query(r.query, "q");
		query(r.query, "page");
	}
	req_free(&r);
}

/* A range resolved is inside the body, never empty; 416 only for one
 * range. */
static void
check_range(const char *header)
{
	static const long long sizes[] = { 0, 1, 100, 1LL << 40 };
	struct req_range r;
	long long off, len;
	size_t i;

	req_range_parse(header, &r);
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		int code = req_range_resolve(&r, sizes[i], &off, &len);

		if (code == 206 && (off < 0 || len < 1 ||
		    off + len > sizes[i]))
			__builtin_trap();
		if (code == 200 && (off != 0 || len != sizes[i]))
			__builtin_trap();
		if (code == 416 && r.kind != REQ_RANGE_ONE)
			__builtin_trap();
		if (code != 200 && code != 206 && code != 416)
			__builtin_trap();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *p = data, *end = data + size;
	char *method = part(&p, end);
	char *uri = part(&p, end);
	char *q = part(&p, end);
	char *range = part(&p, end);

	parse(method, uri, "/");
	parse(method, uri, "/blog/");
	if (q != NULL) {
		query(q, "q");
		query(q, "page");
		query(q, "");
		check_page(q);
	}
	free(method);
	free(uri);
	free(q);
	check_range(range);
	free(range);
	return 0;
}
