/* md-splice.c - importer-made HTML into a parsed Markdown document (see
 * md-splice.h). The nodes it makes are cmark-gfm's custom blocks and
 * inlines, which its HTML renderer writes as given, whatever
 * CMARK_OPT_UNSAFE says: the HTML is the importer's, not the author's;
 * and, for a stored code block, a node of quire's own extension that
 * writes the stored bytes where they lie (see verbatim_block()). */
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm-extension_api.h>
/* The renderer's output buffer, which an extension's HTML writer
 * appends to (cmark-gfm's own table extension does the same). */
#include <cmark-gfm/render.h>

#include "html.h"
#include "md-splice.h"

#define PREFIX MD_PLACEHOLDER_PREFIX
#define SUFFIX MD_PLACEHOLDER_SUFFIX

/* The extension whose one node type is a stored block of HTML: the
 * node holds a pointer to the md_fragment, not a copy, and its writer
 * puts the bytes straight into the output. A custom block would copy a
 * stored 80 KB of highlighted code twice (zeroed, then filled) before
 * cmark-gfm writes it; the fragment outlives the render (md_hooks). */
static cmark_syntax_extension *verbatim_ext;
static cmark_node_type verbatim_type;

static void
verbatim_html(cmark_syntax_extension *ext, cmark_html_renderer *renderer,
    cmark_node *node, cmark_event_type ev, int options)
{
	const struct md_fragment *f = cmark_node_get_user_data(node);

	cmark_strbuf *out = renderer->html;

	(void)ext;
	(void)options;
	/* As cmark-gfm writes a custom block: on a line of its own. */
	if (out->size > 0 && out->ptr[out->size - 1] != '\n')
		cmark_strbuf_putc(out, '\n');
	if (ev != CMARK_EVENT_ENTER || f == NULL)
		return;
	cmark_strbuf_put(out, (const unsigned char *)f->html,
	    (bufsize_t)f->len);
	if (out->size > 0 && out->ptr[out->size - 1] != '\n')
		cmark_strbuf_putc(out, '\n');
}

static cmark_node *
verbatim_block(const struct md_fragment *f, cmark_mem *mem)
{
	cmark_node *node;

	/* Once a process: the type and the extension live as long as it,
	 * as cmark-gfm's own registered extensions do. */
	if (verbatim_ext == NULL) {
		verbatim_ext = cmark_syntax_extension_new("quire-verbatim");
		verbatim_type = cmark_syntax_extension_add_node(0);
		cmark_syntax_extension_set_html_render_func(verbatim_ext,
		    verbatim_html);
	}
	node = cmark_node_new_with_mem_and_ext(verbatim_type, mem,
	    verbatim_ext);
	cmark_node_set_user_data(node, (void *)f);
	return node;
}

const struct md_fragment *
md_stored_block(cmark_node *node)
{
	if (verbatim_ext == NULL ||
	    cmark_node_get_type(node) != verbatim_type)
		return NULL;
	return cmark_node_get_user_data(node);
}

int
md_splice_code(cmark_node **codes, size_t n, const struct md_hooks *hooks,
    cmark_mem *mem)
{
	struct buf out = BUF_INIT;
	size_t i;
	int rc = 0;

	for (i = 0; i < n && rc == 0; i++) {
		const char *info = cmark_node_get_fence_info(codes[i]);
		const char *code = cmark_node_get_literal(codes[i]);
		cmark_node *block;

		if (hooks->code_block == NULL) {
			/* Stored HTML: straight into the node. */
			if (i >= hooks->ncode || hooks->code[i].len == 0)
				continue;
			block = verbatim_block(&hooks->code[i], mem);
			cmark_node_replace(codes[i], block);
			continue;
		}
		buf_reset(&out);
		rc = hooks->code_block(hooks->arg, i,
		    cmark_node_get_start_line(codes[i]), info ? info : "",
		    code ? code : "", code ? strlen(code) : 0, &out);
		if (rc == 1) {
			rc = 0;
			continue;
		}
		if (rc != 0)
			break;
		block = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_BLOCK, mem);
		cmark_node_set_on_enter(block, buf_cstr(&out));
		cmark_node_replace(codes[i], block);
	}
	buf_free(&out);
	return rc == 0 ? 0 : -1;
}

int
md_has_placeholder(const char *s, size_t n)
{
	return memmem(s, n, PREFIX, strlen(PREFIX)) != NULL;
}

/* Finds the next placeholder in s at or after from that names a
 * fragment of hooks: sets *start and *end around it and returns its
 * fragment, or NULL when there is none. */
static const struct md_fragment *
next_placeholder(const char *s, size_t from, const struct md_hooks *hooks,
    size_t *start, size_t *end)
{
	const char *p = s + from;

	while ((p = strstr(p, PREFIX)) != NULL) {
		const char *digits = p + strlen(PREFIX), *q = digits;
		size_t index = 0;

		while (*q >= '0' && *q <= '9' && q - digits < 9)
			index = index * 10 + (size_t)(*q++ - '0');
		if (q > digits && strncmp(q, SUFFIX, strlen(SUFFIX)) == 0 &&
		    index < hooks->nshortcodes) {
			*start = (size_t)(p - s);
			*end = (size_t)(q - s) + strlen(SUFFIX);
			return &hooks->shortcodes[index];
		}
		p = digits;
	}
	return NULL;
}

static cmark_node *
custom_node(cmark_node_type type, const struct md_fragment *f, cmark_mem *mem)
{
	cmark_node *node = cmark_node_new_with_mem(type, mem);
	char *html = xstrndup(f->html, f->len);

	cmark_node_set_on_enter(node, html);
	free(html);
	return node;
}

/* A paragraph that is one placeholder and nothing else is the fragment
 * alone, not wrapped in <p>, followed by the newline that followed the
 * paragraph's </p> (Hugo's replaceShortcodeTokens drops the tags only). */
static int
splice_paragraph(cmark_node *text, const struct md_hooks *hooks,
    cmark_mem *mem)
{
	cmark_node *para = cmark_node_parent(text);
	const char *lit = cmark_node_get_literal(text);
	const struct md_fragment *f;
	size_t start, end;

	if (para == NULL || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH ||
	    cmark_node_first_child(para) != text || cmark_node_next(text))
		return 0;
	f = next_placeholder(lit, 0, hooks, &start, &end);
	if (f == NULL || start != 0 || lit[end] != '\0')
		return 0;
	{
		struct md_fragment line;
		char *html = xmalloc(f->len + 2);

		memcpy(html, f->html, f->len);
		html[f->len] = '\n';
		html[f->len + 1] = '\0';
		line.html = html;
		line.len = f->len + 1;
		cmark_node_replace(para, custom_node(CMARK_NODE_CUSTOM_BLOCK,
		    &line, mem));
		free(html);
	}
	cmark_node_free(para);
	return 1;
}

static void
splice_text(cmark_node *text, const struct md_hooks *hooks, cmark_mem *mem)
{
	const char *lit = cmark_node_get_literal(text);
	const struct md_fragment *f;
	size_t start, end, from = 0;
	cmark_node *at = text;
	char *copy;

	if (lit == NULL || splice_paragraph(text, hooks, mem))
		return;
	copy = xstrdup(lit);
	while ((f = next_placeholder(copy, from, hooks, &start, &end)) != NULL) {
		cmark_node *frag = custom_node(CMARK_NODE_CUSTOM_INLINE, f, mem);

		if (start > from) {
			cmark_node *before = cmark_node_new_with_mem(
			    CMARK_NODE_TEXT, mem);

			copy[start] = '\0';
			cmark_node_set_literal(before, copy + from);
			cmark_node_insert_after(at, before);
			at = before;
		}
		cmark_node_insert_after(at, frag);
		at = frag;
		from = end;
	}
	if (at != text) {
		/* The text after the last placeholder stays in a node of its
		 * own; the original node, now emptied, goes. */
		if (copy[from] != '\0') {
			cmark_node *after = cmark_node_new_with_mem(
			    CMARK_NODE_TEXT, mem);

			cmark_node_set_literal(after, copy + from);
			cmark_node_insert_after(at, after);
		}
		cmark_node_unlink(text);
		cmark_node_free(text);
	}
	free(copy);
}

/* A placeholder in a code span or a code block cmark writes (indented,
 * or fenced and left to it) is the fragment as it is, as Hugo replaces
 * it in the rendered HTML: the node becomes the HTML cmark-gfm would
 * write for it, with the fragments in. */
static void
splice_code_literal(cmark_node *code, const struct md_hooks *hooks,
    cmark_mem *mem)
{
	const char *lit = cmark_node_get_literal(code);
	int block = cmark_node_get_type(code) == CMARK_NODE_CODE_BLOCK;
	const struct md_fragment *f;
	struct md_fragment whole;
	struct buf html = BUF_INIT;
	size_t start, end, from = 0;

	/* A fenced block the code hook wrote is no longer in the tree. */
	if (lit == NULL || cmark_node_parent(code) == NULL)
		return;
	if (block) {
		const char *info = cmark_node_get_fence_info(code);
		size_t len = info != NULL ? strcspn(info, " \t") : 0;

		buf_puts(&html, "<pre><code");
		if (len > 0) {
			buf_puts(&html, " class=\"language-");
			html_escape_refs(&html, info, len, &html_refs_cmark);
			buf_putc(&html, '"');
		}
		buf_putc(&html, '>');
	} else {
		buf_puts(&html, "<code>");
	}
	while ((f = next_placeholder(lit, from, hooks, &start, &end)) != NULL) {
		html_escape_refs(&html, lit + from, start - from,
		    &html_refs_cmark);
		buf_add(&html, f->html, f->len);
		from = end;
	}
	if (from > 0) {
		html_escape_refs(&html, lit + from, strlen(lit + from),
		    &html_refs_cmark);
		buf_puts(&html, block ? "</code></pre>" : "</code>");
		whole.html = html.data;
		whole.len = html.len;
		cmark_node_replace(code, custom_node(block ?
		    CMARK_NODE_CUSTOM_BLOCK : CMARK_NODE_CUSTOM_INLINE, &whole,
		    mem));
	}
	buf_free(&html);
}

/* Appends s to out with each placeholder naming a fragment of hooks
 * replaced by the fragment as it is; returns whether there was one. */
static int
fill_placeholders(const char *s, const struct md_hooks *hooks,
    struct buf *out)
{
	const struct md_fragment *f;
	size_t start, end, from = 0;

	while ((f = next_placeholder(s, from, hooks, &start, &end)) != NULL) {
		buf_add(out, s + from, start - from);
		buf_add(out, f->html, f->len);
		from = end;
	}
	buf_puts(out, s + from);
	return from > 0;
}

/* A placeholder in a link's or image's URL is the fragment's text (ref
 * and relref give URLs), as Hugo replaces it in the rendered href. */
static void
splice_url(cmark_node *link, const struct md_hooks *hooks)
{
	const char *url = cmark_node_get_url(link);
	struct buf out = BUF_INIT;

	if (url != NULL && fill_placeholders(url, hooks, &out))
		cmark_node_set_url(link, buf_cstr(&out));
	buf_free(&out);
}

/* A placeholder in raw HTML (a block, or a tag: an attribute's value) is
 * the fragment as it is, as Hugo replaces it in the rendered HTML. Raw
 * HTML is written only under markup.goldmark.renderer.unsafe; else
 * cmark-gfm omits the node whole, fragments and all, as Goldmark does. */
static void
splice_html_literal(cmark_node *node, const struct md_hooks *hooks)
{
	const char *lit = cmark_node_get_literal(node);
	struct buf html = BUF_INIT;

	if (lit != NULL && fill_placeholders(lit, hooks, &html))
		cmark_node_set_literal(node, buf_cstr(&html));
	buf_free(&html);
}

void
md_splice_shortcodes(cmark_node **texts, size_t ntexts, cmark_node **links,
    size_t nlinks, const struct md_hooks *hooks, cmark_mem *mem)
{
	size_t i;

	for (i = 0; i < nlinks; i++)
		splice_url(links[i], hooks);
	for (i = 0; i < ntexts; i++) {
		cmark_node_type type = cmark_node_get_type(texts[i]);

		if (type == CMARK_NODE_CODE || type == CMARK_NODE_CODE_BLOCK)
			splice_code_literal(texts[i], hooks, mem);
		else if (type == CMARK_NODE_HTML_BLOCK ||
		    type == CMARK_NODE_HTML_INLINE)
			splice_html_literal(texts[i], hooks);
		else
			splice_text(texts[i], hooks, mem);
	}
}

/* Appends the plain text of node's descendants (an image's alt). */
static void
plain_text(cmark_node *node, struct buf *out)
{
	cmark_iter *iter = cmark_iter_new(node);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(iter);
		const char *lit;

		if (ev != CMARK_EVENT_ENTER || n == node)
			continue;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
		case CMARK_NODE_HTML_INLINE:
			lit = cmark_node_get_literal(n);
			if (lit != NULL)
				buf_puts(out, lit);
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			buf_putc(out, ' ');
			break;
		default:
			break;
		}
	}
	cmark_iter_free(iter);
}

void
md_splice_images(cmark_node *doc, const struct md_hooks *hooks,
    cmark_mem *mem)
{
	cmark_iter *iter = cmark_iter_new(doc);
	cmark_event_type ev;
	cmark_node **found = NULL;
	size_t n = 0, cap = 0, i;
	struct buf alt = BUF_INIT;

	while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(iter);

		if (ev != CMARK_EVENT_ENTER ||
		    cmark_node_get_type(node) != CMARK_NODE_IMAGE)
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 8;
			found = xrealloc(found, cap * sizeof(*found));
		}
		found[n++] = node;
	}
	cmark_iter_free(iter);
	for (i = 0; i < n; i++) {
		const char *url = cmark_node_get_url(found[i]);
		const char *title = cmark_node_get_title(found[i]);

		if (hooks->image != NULL) {
			buf_reset(&alt);
			plain_text(found[i], &alt);
			hooks->image(hooks->image_arg, i, url ? url : "",
			    title ? title : "", buf_cstr(&alt));
		}
		if (i < hooks->nimages && hooks->images[i].len > 0) {
			cmark_node *img = custom_node(CMARK_NODE_CUSTOM_INLINE,
			    &hooks->images[i], mem);

			cmark_node_replace(found[i], img);
			cmark_node_free(found[i]);
		}
	}
	free(found);
	buf_free(&alt);
}
