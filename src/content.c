/* content.c - a stored page body to HTML by its markup: Markdown through
 * markdown.c, an HTML content file's body as written. */
#include <string.h>

#include "content.h"

int
content_render(enum page_markup markup, const char *body, size_t n,
    unsigned md_flags, const struct md_hooks *hooks, struct md_result *res)
{
	if (markup != MARKUP_HTML)
		return md_render(body, n, md_flags, hooks, res);
	memset(res, 0, sizeof(*res));
	res->summary_len = (size_t)-1;
	buf_add(&res->html, body, n);
	return 0;
}
