/* response.c - status, headers and body, sent once, whole. */
#include <stdio.h>
#include <string.h>

#include "response.h"

void
resp_reset(struct resp *r)
{
	r->status = 200;
	r->content_type = "text/html; charset=utf-8";
	buf_reset(&r->headers);
	buf_reset(&r->body);
}

void
resp_free(struct resp *r)
{
	buf_free(&r->headers);
	buf_free(&r->body);
}

void
resp_header(struct resp *r, const char *name, const char *value)
{
	if (strpbrk(value, "\r\n") != NULL)
		return;
	buf_printf(&r->headers, "%s: %s\r\n", name, value);
}

const char *
resp_reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 301: return "Moved Permanently";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 414: return "URI Too Long";
	case 500: return "Internal Server Error";
	case 503: return "Service Unavailable";
	default: return "Unknown";
	}
}

int
resp_send(struct resp *r, struct resp_sink *sink, int head_only)
{
	struct buf head = BUF_INIT;
	int rc = 0;

	buf_printf(&head, "Status: %d %s\r\nContent-Type: %s\r\n"
	    "Content-Length: %zu\r\n", r->status, resp_reason(r->status),
	    r->content_type, r->body.len);
	buf_add(&head, r->headers.data, r->headers.len);
	buf_puts(&head, "\r\n");
	if (sink->out != NULL) {
		if (FCGX_PutStr(head.data, (int)head.len, sink->out) !=
		    (int)head.len || (!head_only && r->body.len > 0 &&
		    FCGX_PutStr(r->body.data, (int)r->body.len, sink->out) !=
		    (int)r->body.len))
			rc = -1;
	} else {
		if (fwrite(head.data, 1, head.len, stdout) != head.len ||
		    (!head_only && r->body.len > 0 && fwrite(r->body.data, 1,
		    r->body.len, stdout) != r->body.len) || fflush(stdout) != 0)
			rc = -1;
	}
	buf_free(&head);
	return rc;
}
