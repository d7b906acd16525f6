/* shortcodes-builtin.c - the shortcodes quire renders (see
 * shortcodes-builtin.h). Hugo's built-ins and PaperMod's write the bytes
 * their templates write in Hugo 0.111.3 (tests/hugo/shortcodes/ holds the
 * golden output), escaped as html/template escapes them; a site's own
 * families get quire's markup, styled in static/css/quire.css. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "highlight.h"
#include "html.h"
#include "markdown.h"
#include "metrics.h"
#include "shortcodes-builtin.h"
#include "site.h"

enum scb_kind {
	K_FIGURE, K_YOUTUBE, K_VIMEO, K_CARD, K_HIGHLIGHT, K_PARAM, K_REF,
	K_RELREF, K_RAWHTML, K_DIR, K_INTEXTIMG, K_DETAILS, K_ADMONITION,
};

struct scb {
	const char *name;
	enum scb_kind kind;
	int inner;		/* reads its inner content */
};

/* Every name quire knows; sorted by nothing, looked up by strcmp. */
static const struct scb builtins[] = {
	/* Hugo 0.111.3's own (figure as PaperMod overrides it). */
	{ "figure", K_FIGURE, 0 },
	{ "youtube", K_YOUTUBE, 0 },
	{ "vimeo", K_VIMEO, 0 },
	{ "highlight", K_HIGHLIGHT, 1 },
	{ "param", K_PARAM, 0 },
	{ "ref", K_REF, 0 },
	{ "relref", K_RELREF, 0 },
	/* Those that fetch from another site when Hugo builds: a link. */
	{ "vimeo_simple", K_CARD, 0 },
	{ "tweet", K_CARD, 0 },
	{ "twitter", K_CARD, 0 },
	{ "twitter_simple", K_CARD, 0 },
	{ "x", K_CARD, 0 },
	{ "instagram", K_CARD, 0 },
	{ "instagram_simple", K_CARD, 0 },
	{ "gist", K_CARD, 0 },
	/* PaperMod's. */
	{ "rawhtml", K_RAWHTML, 1 },
	{ "ltr", K_DIR, 1 },
	{ "rtl", K_DIR, 1 },
	{ "inTextImg", K_INTEXTIMG, 0 },
	{ "collapse", K_DETAILS, 1 },
	/* The families sites define (research: shortcodes.md). */
	{ "details", K_DETAILS, 1 },
	{ "expand", K_DETAILS, 1 },
	{ "collapsible", K_DETAILS, 1 },
	{ "spoiler", K_DETAILS, 1 },
	{ "notice", K_ADMONITION, 1 },
	{ "admonition", K_ADMONITION, 1 },
	{ "callout", K_ADMONITION, 1 },
	{ "alert", K_ADMONITION, 1 },
	{ "hint", K_ADMONITION, 1 },
	{ "note", K_ADMONITION, 1 },
	{ "tip", K_ADMONITION, 1 },
	{ "info", K_ADMONITION, 1 },
	{ "warning", K_ADMONITION, 1 },
	{ "warn", K_ADMONITION, 1 },
	{ "example", K_ADMONITION, 1 },
	{ "quote", K_ADMONITION, 1 },
	{ "important", K_ADMONITION, 1 },
	{ "caution", K_ADMONITION, 1 },
	{ "danger", K_ADMONITION, 1 },
	{ "error", K_ADMONITION, 1 },
	{ "success", K_ADMONITION, 1 },
	{ "question", K_ADMONITION, 1 },
};

/* The name a site's params.quire.shortcodes maps name onto ("box=note
 * aside=admonition"), copied to out; else name itself. */
static void
mapped_name(const struct site *site, const char *name, struct buf *out)
{
	const char *p = site != NULL ? site->shortcode_map : NULL;
	size_t len = strlen(name);

	buf_reset(out);
	while (p != NULL && *p != '\0') {
		size_t w;

		p += strspn(p, " ,\t\n");
		w = strcspn(p, " ,\t\n");
		if (w > len + 1 && strncmp(p, name, len) == 0 && p[len] == '=') {
			buf_add(out, p + len + 1, w - len - 1);
			return;
		}
		p += w;
	}
	buf_puts(out, name);
}

static const struct scb *
find(const struct site *site, const char *name, struct buf *scratch)
{
	size_t i;

	mapped_name(site, name, scratch);
	for (i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++)
		if (strcmp(builtins[i].name, buf_cstr(scratch)) == 0)
			return &builtins[i];
	return NULL;
}

int
scb_takes_inner(void *arg, const char *name)
{
	struct buf scratch = BUF_INIT;
	const struct scb *b = find(arg, name, &scratch);

	buf_free(&scratch);
	return b != NULL ? b->inner : -1;
}

/* A parameter's value, or NULL; "" counts as absent, as Hugo's with and
 * if take an empty string as false. */
static const char *
get(const struct sc_item *call, const char *name, int pos)
{
	const struct sc_param *q = sc_get(call, name, pos);

	return q != NULL && q->value != NULL && q->value[0] != '\0' ?
	    q->value : NULL;
}

/* Hugo's markdownify: s rendered as Markdown, the paragraph around a
 * single paragraph dropped. */
static void
markdownify(struct buf *out, const char *s, const struct sc_ctx *ctx)
{
	if (s != NULL)
		md_markdownify(out, s, ctx->site != NULL && ctx->site->unsafe ?
		    MD_UNSAFE : 0);
}

static const char yt_style[] = "style=\"position: relative; "
    "padding-bottom: 56.25%; height: 0; overflow: hidden;\"";
static const char frame_style[] = "style=\"position: absolute; top: 0; "
    "left: 0; width: 100%; height: 100%; border:0;\" ";

/* Hugo 0.111.3's youtube.html; a link when privacy.youtube.disable. */
static void
youtube(const struct sc_item *call, struct sc_ctx *ctx, struct buf *o)
{
	const char *id = get(call, "id", 0);
	const char *cls = get(call, "class", 1);
	const char *title = get(call, "title", -1);
	const struct sc_param *ap = sc_get(call, "autoplay", -1);
	int priv = ctx->site != NULL && ctx->site->youtube_private;

	if (ctx->site != NULL && ctx->site->youtube_disable) {
		/* Hugo writes nothing; quire links to the video. */
		html(o, "<p class=\"embed-card\"><a href=\""
		    "https://www.youtube.com/watch?v=");
		html_gotmpl_url(o, id ? id : "", 0);
		html(o, "\">");
		html_gotmpl(o, title ? title : "YouTube Video");
		html(o, "</a></p>\n");
		return;
	}
	ctx->frames |= priv ? PAGE_FRAME_YOUTUBE_NOCOOKIE : PAGE_FRAME_YOUTUBE;
	html(o, "\n<div ");
	if (cls != NULL) {
		html(o, "class=\"");
		html_gotmpl(o, cls);
		html(o, "\"");
	} else {
		html(o, yt_style);
	}
	html(o, ">\n  <iframe src=\"https://");
	html(o, priv ? "www.youtube-nocookie.com" : "www.youtube.com");
	html(o, "/embed/");
	html_gotmpl_url(o, id ? id : "", 0);
	if (ap != NULL && ap->quoted && strcmp(ap->value, "true") == 0)
		html(o, "?autoplay=1");
	html(o, "\" ");
	if (cls == NULL)
		html(o, frame_style);
	html(o, "allowfullscreen title=\"");
	html_gotmpl(o, title ? title : "YouTube Video");
	html(o, "\"></iframe>\n</div>\n");
}

/* Hugo 0.111.3's vimeo.html; a link when privacy.vimeo.disable. */
static void
vimeo(const struct sc_item *call, struct sc_ctx *ctx, struct buf *o)
{
	const char *id = call->named ? get(call, "id", -1) : get(call, NULL, 0);
	const char *cls = call->named ? get(call, "class", -1) :
	    get(call, NULL, 1);
	const char *title = call->named ? get(call, "title", -1) :
	    call->nparams == 3 ? get(call, NULL, 2) : NULL;
	int dnt = ctx->site != NULL && ctx->site->vimeo_dnt;

	if (ctx->site != NULL && ctx->site->vimeo_disable) {
		html(o, "<p class=\"embed-card\"><a href=\"https://vimeo.com/");
		html_gotmpl_url(o, id ? id : "", 0);
		html(o, "\">");
		html_gotmpl(o, title ? title : "vimeo video");
		html(o, "</a></p>\n");
		return;
	}
	ctx->frames |= PAGE_FRAME_VIMEO;
	if (!call->named)
		html(o, "\n");
	html(o, "<div ");
	if (call->named ? cls != NULL : call->nparams > 1) {
		html(o, "class=\"");
		html_gotmpl(o, cls ? cls : "");
		html(o, "\"");
	} else {
		html(o, yt_style);
	}
	html(o, ">\n  <iframe src=\"https://player.vimeo.com/video/");
	html_gotmpl_url(o, id ? id : "", 0);
	if (dnt)
		html(o, "?dnt=1");
	html(o, "\" ");
	if (call->named ? cls == NULL : call->nparams == 1)
		html(o, frame_style);
	html(o, "title=\"");
	html_gotmpl(o, title ? title : "vimeo video");
	html(o, "\" webkitallowfullscreen mozallowfullscreen allowfullscreen>"
	    "</iframe>\n</div>");
	if (!call->named)
		html(o, "\n");
}

/* PaperMod's figure.html (87df659c), which overrides Hugo's. */
static void
figure(const struct sc_item *call, struct sc_ctx *ctx, struct buf *o)
{
	const char *src = get(call, "src", -1), *link = get(call, "link", -1);
	const char *cls = get(call, "class", -1), *align = get(call, "align", -1);
	const char *alt = get(call, "alt", -1), *cap = get(call, "caption", -1);
	const char *title = get(call, "title", -1), *attr = get(call, "attr", -1);
	const char *attrlink = get(call, "attrlink", -1);
	const char *v;
	int center = align != NULL && strcmp(align, "center") == 0;

	html(o, "<figure");
	if (cls != NULL || center) {
		html(o, " class=\"");
		if (center)
			html(o, "align-center ");
		if (cls != NULL)
			html_gotmpl(o, cls);
		html(o, "\"");
	}
	html(o, ">");
	if (link != NULL) {
		html(o, "<a href=\"");
		html_gotmpl_url(o, link, 1);
		html(o, "\"");
		if ((v = get(call, "target", -1)) != NULL) {
			html(o, " target=\"");
			html_gotmpl(o, v);
			html(o, "\"");
		}
		if ((v = get(call, "rel", -1)) != NULL) {
			html(o, " rel=\"");
			html_gotmpl(o, v);
			html(o, "\"");
		}
		html(o, ">");
	}
	html(o, "\n    <img loading=\"lazy\" src=\"");
	html_gotmpl_url(o, src ? src : "", 1);
	if (center)
		html(o, "#center");
	html(o, "\"");
	if (alt != NULL || cap != NULL) {
		html(o, "\n         alt=\"");
		if (alt != NULL) {
			html_gotmpl(o, alt);
		} else {
			struct buf md = BUF_INIT, plain = BUF_INIT;

			markdownify(&md, cap, ctx);
			metrics_plain(&plain, md.data ? md.data : "", md.len);
			html_gotmpl(o, buf_cstr(&plain));
			buf_free(&md);
			buf_free(&plain);
		}
		html(o, "\"");
	}
	if ((v = get(call, "width", -1)) != NULL) {
		html(o, " width=\"");
		html_gotmpl(o, v);
		html(o, "\"");
	}
	if ((v = get(call, "height", -1)) != NULL) {
		html(o, " height=\"");
		html_gotmpl(o, v);
		html(o, "\"");
	}
	html(o, "/> ");
	if (link != NULL)
		html(o, "</a>");
	if (title != NULL || cap != NULL || attr != NULL) {
		html(o, "<figcaption>\n            ");
		if (title != NULL)
			html_gotmpl(o, title);
		if (cap != NULL || attr != NULL) {
			html(o, "<p>");
			markdownify(o, cap, ctx);
			if (attrlink != NULL) {
				html(o, "\n                    <a href=\"");
				html_gotmpl_url(o, attrlink, 1);
				html(o, "\">");
			}
			markdownify(o, attr, ctx);
			if (attrlink != NULL)
				html(o, "</a>");
			html(o, "</p>");
		}
		html(o, "\n        </figcaption>");
	}
	html(o, "\n</figure>\n");
}

/* PaperMod's inTextImg.html. */
static void
intextimg(const struct sc_item *call, struct buf *o)
{
	const char *url = get(call, "url", -1), *h = get(call, "height", -1);
	const char *alt = get(call, "alt", -1);

	html(o, "\n\n<img class=\"in-text\" height=\"");
	html_gotmpl(o, h ? h : "15");
	html(o, "\" src=\"");
	html_gotmpl_url(o, url ? url : "", 1);
	html(o, "\" alt=\"");
	html_gotmpl(o, alt ? alt : "");
	html(o, "\">\n");
}

/* quire's link to what Hugo fetches from another site (tweet,
 * instagram, vimeo_simple) or loads with its script (gist). */
static void
card(const struct sc_item *call, const char *name, struct buf *o)
{
	struct buf url = BUF_INIT, label = BUF_INIT;
	const char *id, *user;

	if (strcmp(name, "gist") == 0) {
		const char *file = get(call, NULL, 2);

		user = get(call, NULL, 0);
		id = get(call, NULL, 1);
		buf_printf(&url, "https://gist.github.com/%s/%s",
		    user ? user : "", id ? id : "");
		buf_printf(&label, "Gist %s/%s%s%s", user ? user : "",
		    id ? id : "", file ? ": " : "", file ? file : "");
	} else if (strncmp(name, "instagram", 9) == 0) {
		id = get(call, "id", 0);
		buf_printf(&url, "https://www.instagram.com/p/%s/", id ? id : "");
		buf_puts(&label, "Instagram post");
	} else if (strcmp(name, "vimeo_simple") == 0) {
		id = get(call, "id", 0);
		buf_printf(&url, "https://vimeo.com/%s", id ? id : "");
		buf_puts(&label, "Vimeo video");
	} else {
		/* tweet, twitter, twitter_simple, x: user and id, or an id. */
		user = get(call, "user", call->nparams > 1 ? 0 : -1);
		id = get(call, "id", call->nparams > 1 ? 1 : 0);
		buf_printf(&url, "https://x.com/%s/status/%s",
		    user ? user : "i", id ? id : "");
		if (user != NULL)
			buf_printf(&label, "Post by @%s on X", user);
		else
			buf_puts(&label, "Post on X");
	}
	html(o, "<p class=\"embed-card\"><a href=\"");
	html_gotmpl_url(o, buf_cstr(&url), 1);
	html(o, "\" rel=\"noopener\">");
	html_gotmpl(o, buf_cstr(&label));
	html(o, "</a></p>\n");
	buf_free(&url);
	buf_free(&label);
}

/* An admonition's type as a class: [a-z0-9-] only, else "note". */
static void
type_class(struct buf *o, const char *type)
{
	size_t start = o->len;

	for (; type != NULL && *type != '\0'; type++) {
		char c = (char)tolower((unsigned char)*type);

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-')
			buf_putc(o, c);
	}
	if (o->len == start)
		buf_puts(o, "note");
}

/* quire's admonition: every site's notice, note, tip, warning,
 * admonition, callout, alert... as one box; its title is the title
 * parameter, else the type capitalised (a word, as in the themes). */
static void
admonition(const struct sc_item *call, const char *name, struct scb_out *out)
{
	/* Names that carry the type in their first parameter. */
	int typed = strcmp(name, "notice") == 0 ||
	    strcmp(name, "admonition") == 0 || strcmp(name, "callout") == 0 ||
	    strcmp(name, "alert") == 0 || strcmp(name, "hint") == 0;
	const char *type = typed ? get(call, "type", 0) : name;
	const char *title = get(call, "title", typed ? 1 : 0);
	struct buf cls = BUF_INIT;

	if (type == NULL)
		type = strcmp(name, "hint") == 0 ? "hint" : "note";
	type_class(&cls, type);
	html(&out->open, "<div class=\"admonition ");
	html_gotmpl(&out->open, buf_cstr(&cls));
	html(&out->open, "\">\n<p class=\"admonition-title\">");
	if (title != NULL) {
		html_gotmpl(&out->open, title);
	} else {
		cls.data[0] = (char)toupper((unsigned char)cls.data[0]);
		html_gotmpl(&out->open, buf_cstr(&cls));
	}
	html(&out->open, "</p>\n");
	html(&out->close, "</div>\n");
	out->shape = SCB_WRAP;
	buf_free(&cls);
}

/* PaperMod's collapse and the details, expand, collapsible families as
 * <details>: the summary (markdownified) is the summary parameter, or
 * title, or the first positional one. */
static void
details(const struct sc_item *call, const char *name, struct sc_ctx *ctx,
    struct scb_out *out)
{
	const char *sum = get(call, "summary", 0);
	const struct sc_param *open = sc_get(call, "openByDefault", -1);
	int is_open;

	if (sum == NULL)
		sum = get(call, "title", -1);
	if (sum == NULL)
		sum = strcmp(name, "expand") == 0 ? "Expand" : "Details";
	if (open == NULL)
		open = sc_get(call, "open", 1);
	/* PaperMod opens on an unquoted true only (eq ... true). */
	is_open = open != NULL && open->value != NULL &&
	    (strcmp(open->value, "true") == 0 ||
	    strcmp(open->value, "open") == 0) &&
	    (!open->quoted || strcmp(name, "collapse") != 0);
	html(&out->open, is_open ? "<details open>" : "<details>");
	html(&out->open, "\n  <summary markdown=\"span\">");
	markdownify(&out->open, sum, ctx);
	html(&out->open, "</summary>\n");
	html(&out->close, "</details>\n");
	out->shape = SCB_WRAP;
}

/* ref and relref: Hugo's .Ref/.RelRef of the target (positional, or
 * path=), resolved by ctx; a missing one is REF_NOT_FOUND, an error or
 * (refLinksErrorLevel WARNING) a warning and refLinksNotFoundURL. */
static int
ref(const struct sc_item *call, int rel, struct sc_ctx *ctx,
    struct buf *o, struct buf *err)
{
	const char *target = call->named ? get(call, "path", -1) :
	    get(call, NULL, 0);
	const char *fmt = get(call, "outputFormat", -1);
	const char *lang = call->named ? get(call, "lang", -1) : NULL;
	const struct site *s = ctx->site;
	struct buf url = BUF_INIT, why = BUF_INIT;
	const char *hash;
	int found;

	ctx->uses_refs = 1;
	if (target == NULL) {
		buf_printf(err, "%s:%d: failed to render shortcode \"%s\": "
		    "error calling %s: invalid number of arguments to %s",
		    ctx->file, call->line, call->name, rel ? "relref" : "ref",
		    rel ? "relref" : "ref");
		return -1;
	}
	if (fmt != NULL && strcasecmp(fmt, "html") != 0) {
		buf_printf(err, "%s:%d: REF_NOT_FOUND: Ref \"%s\": output "
		    "format \"%s\" is not one quire writes", ctx->file,
		    call->line, target, fmt);
		return -1;
	}
	if (ctx->resolve == NULL)
		return 0;	/* the page's URLs are not all known yet */
	hash = strchr(target, '#');
	if (hash == target) {
		/* "#anchor" alone: Hugo writes it as given. */
		buf_puts(o, target);
		return 0;
	} else {
		char *path = xstrndup(target, hash ? (size_t)(hash - target) :
		    strlen(target));

		found = ctx->resolve(ctx->resolve_arg, path, lang, &url, &why);
		free(path);
		if (found < 0) {
			buf_printf(err, "%s:%d: REF_NOT_FOUND: Ref \"%s\": %s",
			    ctx->file, call->line, target, buf_cstr(&why));
			buf_free(&why);
			buf_free(&url);
			return -1;
		}
	}
	if (!found) {
		const char *nf = s != NULL && s->ref_not_found != NULL ?
		    s->ref_not_found : "";
		const char *reason = why.len > 0 ? buf_cstr(&why) :
		    "page not found";

		buf_free(&url);
		if (!ctx->draft && (s == NULL || s->ref_level == NULL ||
		    strcasecmp(s->ref_level, "WARNING") != 0)) {
			buf_printf(err, "%s:%d: REF_NOT_FOUND: Ref \"%s\": %s",
			    ctx->file, call->line, target, reason);
			buf_free(&why);
			return -1;
		}
		buf_printf(&ctx->warn, "%s:%d: REF_NOT_FOUND: Ref \"%s\": %s; "
		    "it links to \"%s\" (refLinksNotFoundURL)\n",
		    ctx->file, call->line, target, reason, nf);
		buf_puts(o, nf);
		buf_free(&why);
		return 0;
	}
	buf_free(&why);
	/* The route less its '/', under the site's base URL or path. */
	if (s != NULL)
		buf_puts(o, rel ? s->base_path : s->base_url);
	else
		buf_putc(o, '/');
	buf_puts(o, buf_cstr(&url) + (url.len > 0 && url.data[0] == '/'));
	if (hash != NULL)
		buf_puts(o, hash);
	buf_free(&url);
	return 0;
}

int
scb_render(const struct sc_item *call, const char *inner, size_t n,
    struct sc_ctx *ctx, struct scb_out *out, struct buf *err)
{
	struct buf name = BUF_INIT;
	const struct scb *b = find(ctx->site, call->name, &name);
	const char *v;
	int rc = 0;

	out->shape = SCB_HTML;
	if (b == NULL) {
		buf_free(&name);
		return 1;
	}
	switch (b->kind) {
	case K_FIGURE:
		/* A site's or theme's own figure may take other names
		 * (img=, image=): quire renders PaperMod's, whose image is
		 * src, and says so rather than showing an empty one. */
		if (get(call, "src", -1) == NULL)
			buf_printf(&ctx->warn, "%s:%d: figure has no src: "
			    "quire renders PaperMod's figure, whose image is "
			    "src; a site's own figure with other parameters "
			    "shows no image here\n", ctx->file, call->line);
		figure(call, ctx, &out->open);
		break;
	case K_YOUTUBE:
		youtube(call, ctx, &out->open);
		break;
	case K_VIMEO:
		vimeo(call, ctx, &out->open);
		break;
	case K_CARD:
		card(call, buf_cstr(&name), &out->open);
		break;
	case K_INTEXTIMG:
		intextimg(call, &out->open);
		break;
	case K_HIGHLIGHT: {
		/* Hugo trims the inner's leading and trailing newlines. */
		struct buf herr = BUF_INIT, hwarn = BUF_INIT;

		while (n > 0 && (*inner == '\n' || *inner == '\r'))
			inner++, n--;
		while (n > 0 && (inner[n - 1] == '\n' || inner[n - 1] == '\r'))
			n--;
		if (hl_code_warn(&out->open, get(call, NULL, 0) ?
		    get(call, NULL, 0) : "", get(call, NULL, 1), inner, n,
		    ctx->site, &herr, &hwarn) != 0) {
			buf_printf(err, "%s:%d: %s", ctx->file, call->line,
			    buf_cstr(&herr));
			rc = -1;
		} else if (hwarn.len > 0) {
			/* A language shown plain, a block past the bound. */
			buf_printf(&ctx->warn, "%s:%d: %s\n", ctx->file,
			    call->line, buf_cstr(&hwarn));
		}
		buf_free(&herr);
		buf_free(&hwarn);
		break;
	}
	case K_PARAM:
		out->shape = SCB_TEXT;
		v = get(call, NULL, 0);
		if (v == NULL) {
			buf_printf(err, "%s:%d: Missing param key", ctx->file,
			    call->line);
			rc = -1;
		} else if (ctx->param == NULL ||
		    !ctx->param(ctx->param_arg, v, &out->open)) {
			buf_printf(err, "%s:%d: Param \"%s\" not found",
			    ctx->file, call->line, v);
			rc = -1;
		}
		break;
	case K_REF:
	case K_RELREF:
		out->shape = SCB_TEXT;
		rc = ref(call, b->kind == K_RELREF, ctx, &out->open, err);
		break;
	case K_RAWHTML:
		if (ctx->site != NULL && ctx->site->unsafe) {
			buf_add(&out->open, inner, n);
		} else {
			/* The inner as Markdown in safe mode: its text shows,
			 * its tags are omitted, as the site asks. */
			out->shape = SCB_WRAP;
			buf_printf(&ctx->warn, "%s:%d: shortcode \"%s\" writes "
			    "raw HTML, which markup.goldmark.renderer.unsafe: "
			    "false omits\n", ctx->file, call->line, call->name);
		}
		break;
	case K_DIR:
		out->shape = SCB_WRAP;
		html(&out->open, strcmp(buf_cstr(&name), "rtl") == 0 ?
		    "<div dir=\"rtl\">\n" : "<div dir=\"ltr\">\n");
		html(&out->close, "</div>\n");
		break;
	case K_DETAILS:
		details(call, buf_cstr(&name), ctx, out);
		break;
	case K_ADMONITION:
		admonition(call, buf_cstr(&name), out);
		break;
	}
	buf_free(&name);
	return rc;
}
