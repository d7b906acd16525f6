/* render-fcgi.c - the render ceiling for `make bench`: a libfcgi responder
 * that renders one post's Markdown with cmark-gfm on each request, with
 * quire's extensions (table, strikethrough, autolink, tasklist) and options
 * (CMARK_OPT_SMART | CMARK_OPT_FOOTNOTES | CMARK_OPT_VALIDATE_UTF8, and
 * CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE as src/markdown.c sets it), and
 * sends the HTML as the worker sends a page (src/fcgi-out.c), keeping its
 * heap between requests as the worker does. Nothing else: no database,
 * no template.
 *
 *   render-fcgi POST.md [URI=POST.md[:PAGE] ...]
 *
 * A URI=FILE argument serves FILE at exactly that request URI; a bare
 * FILE is served at any other. Each file's YAML front matter (between the
 * first two `---` lines) is skipped. With :PAGE, the post is rendered as
 * ever and its HTML dropped, and PAGE's bytes are sent instead: the render
 * ceiling at the size of quire's page (a code article's highlighted page
 * is four times its bare render), which tells the cost of the work from
 * the cost of carrying the bytes. Run under spawn-fcgi. */
#include <fcgiapp.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>

#include "fcgi-out.h"

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

static const char *const extension_names[] = {
	"table", "strikethrough", "autolink", "tasklist",
};

/* One post to serve: its Markdown less the front matter, and the URI it
 * answers (NULL: any other). */
struct post {
	const char *uri;
	char *md;
	size_t len;
	char *page;	/* NULL, or the bytes sent in place of the render */
	size_t page_len;
};

/* Reads the whole of path into *out (NUL-terminated) and its length into
 * *len; returns 0, or 1 with a message. */
static int
slurp(const char *path, char **out, size_t *len)
{
	char *src = NULL;
	size_t cap = 0, n = 0, got;
	FILE *f = fopen(path, "rb");

	if (f == NULL) {
		perror(path);
		return 1;
	}
	do {
		if (n + 65536 > cap) {
			char *grown;

			cap = (n + 65536) * 2;
			if ((grown = realloc(src, cap + 1)) == NULL) {
				fclose(f);
				free(src);
				fputs("render-fcgi: out of memory\n", stderr);
				return 1;
			}
			src = grown;
		}
		got = fread(src + n, 1, cap - n, f);
		n += got;
	} while (got > 0);
	fclose(f);
	src[n] = '\0';
	*out = src;
	*len = n;
	return 0;
}

/* Reads the post at path into p, less its front matter; returns 0, or 1
 * with a message. */
static int
load(const char *path, struct post *p)
{
	char *src, *end;
	size_t n;

	if (slurp(path, &src, &n) != 0)
		return 1;
	p->md = src;
	if (strncmp(src, "---\n", 4) == 0 &&
	    (end = strstr(src + 4, "\n---\n")) != NULL)
		p->md = end + 5;
	p->len = n - (size_t)(p->md - src);
	return 0;
}

int
main(int argc, char **argv)
{
	const int options = CMARK_OPT_SMART | CMARK_OPT_FOOTNOTES |
	    CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE;
	struct post posts[8];
	int nposts = 0, i;
	FCGX_Request req;

	if (argc < 2 || argc > 9) {
		fputs("usage: render-fcgi POST.md [URI=POST.md[:PAGE] ...]\n",
		    stderr);
		return 2;
	}
	for (i = 1; i < argc; i++) {
		char *eq = argv[i][0] == '/' && strchr(argv[i], '=') ?
		    strchr(argv[i], '=') : NULL;
		char *colon = eq != NULL ? strchr(eq, ':') : NULL;
		struct post *p = &posts[nposts];

		p->uri = NULL;
		p->page = NULL;
		if (eq != NULL) {
			*eq = '\0';
			p->uri = argv[i];
		}
		if (colon != NULL) {
			*colon = '\0';
			if (slurp(colon + 1, &p->page, &p->page_len) != 0)
				return 1;
		}
		if (load(eq != NULL ? eq + 1 : argv[i], p) != 0)
			return 1;
		nposts++;
	}

	cmark_gfm_core_extensions_ensure_registered();
	/* The heap kept between requests, as src/worker.c keeps it. */
	mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
	mallopt(M_TRIM_THRESHOLD, 8 * 1024 * 1024);
	if (FCGX_Init() != 0 || FCGX_InitRequest(&req, 0, 0) != 0)
		return 1;
	while (FCGX_Accept_r(&req) >= 0) {
		cmark_parser *parser = cmark_parser_new(options);
		cmark_node *doc;
		char *html;
		size_t e, hlen;
		char head[160];
		int hd;
		struct iovec parts[2];
		const char *uri = FCGX_GetParam("REQUEST_URI", req.envp);
		const struct post *p = NULL;

		/* The post at this URI, else the one served at any. */
		for (i = 0; i < nposts; i++)
			if (posts[i].uri == NULL ? p == NULL :
			    uri != NULL && strcmp(uri, posts[i].uri) == 0)
				p = &posts[i];

		if (p == NULL)
			p = &posts[0];
		for (e = 0; e < sizeof(extension_names) /
		    sizeof(extension_names[0]); e++) {
			cmark_syntax_extension *ext =
			    cmark_find_syntax_extension(extension_names[e]);

			if (ext != NULL)
				cmark_parser_attach_syntax_extension(parser, ext);
		}
		cmark_parser_feed(parser, p->md, p->len);
		doc = cmark_parser_finish(parser);
		html = cmark_render_html(doc, options,
		    cmark_parser_get_syntax_extensions(parser));
		hlen = strlen(html);
		/* libfcgi's own printf knows no %zu. */
		hd = snprintf(head, sizeof(head), "Status: 200 OK\r\n"
		    "Content-Type: text/html; charset=utf-8\r\n"
		    "Content-Length: %zu\r\n\r\n",
		    p->page != NULL ? p->page_len : hlen);
		/* As the worker sends an answer (fcgi-out.h). */
		parts[0].iov_base = head;
		parts[0].iov_len = (size_t)hd;
		parts[1].iov_base = p->page != NULL ? p->page : html;
		parts[1].iov_len = p->page != NULL ? p->page_len : hlen;
		fcgi_out_write(req.ipcFd, req.requestId, parts, 2);
		free(html);
		cmark_node_free(doc);
		cmark_parser_free(parser);
		FCGX_Finish_r(&req);
	}
	return 0;
}
