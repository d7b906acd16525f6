/* cover.c - PaperMod's cover image: front matter, rules and markup
 * (cover.h). */
#include <ctype.h>
#include <fnmatch.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cover.h"
#include "dbw.h"
#include "frontmatter.h"
#include "html.h"
#include "lang.h"
#include "markdown.h"
#include "responsive.h"
#include "url.h"

/* "true" 1, "false" 0, anything else -1 (YAML, TOML and JSON booleans
 * arrive as these words). */
static int
boolean(const char *v)
{
	if (v == NULL)
		return -1;
	if (strcmp(v, "true") == 0)
		return 1;
	if (strcmp(v, "false") == 0)
		return 0;
	return -1;
}

static char *
param(const char *text, size_t n, const char *key)
{
	struct buf out = BUF_INIT;

	if (!fm_param(text, n, key, &out)) {
		buf_free(&out);
		return NULL;
	}
	buf_cstr(&out);
	return out.data;
}

static int
param_bool(const char *text, size_t n, const char *key)
{
	char *v = param(text, n, key);
	int b = boolean(v);

	free(v);
	return b;
}

int
cover_read(const char *text, size_t n, struct cover_fm *c)
{
	memset(c, 0, sizeof(*c));
	c->image = param(text, n, "cover.image");
	if (c->image == NULL || *c->image == '\0') {
		free(c->image);
		c->image = NULL;
		return 0;
	}
	c->alt = param(text, n, "cover.alt");
	c->caption = param(text, n, "cover.caption");
	c->relative = param_bool(text, n, "cover.relative");
	c->hidden = param_bool(text, n, "cover.hidden");
	c->hidden_in_list = param_bool(text, n, "cover.hiddenInList");
	c->hidden_in_single = param_bool(text, n, "cover.hiddenInSingle");
	c->responsive = param_bool(text, n, "cover.responsiveImages");
	return 1;
}

void
cover_fm_free(struct cover_fm *c)
{
	free(c->image);
	free(c->alt);
	free(c->caption);
	memset(c, 0, sizeof(*c));
}

/* The site's params.KEY (dotted, lower case) as a boolean, -1 unset. */
static int
site_bool(const struct site *s, const char *key)
{
	const char *p = s->site_params;
	size_t len = strlen(key), k;

	for (; p != NULL && *p != '\0'; p += k + (p[k] != '\0')) {
		k = strcspn(p, "\x1e");
		if (k > len && strncasecmp(p, key, len) == 0 &&
		    p[len] == '\x1f') {
			if (k - len - 1 == 4 && strncmp(p + len + 1, "true", 4)
			    == 0)
				return 1;
			if (k - len - 1 == 5 && strncmp(p + len + 1, "false", 5)
			    == 0)
				return 0;
			return -1;
		}
	}
	return -1;
}

/* Hugo's .Param: the page's own value, else the site's. */
static int
param_of(int page, const struct site *s, const char *key)
{
	return page >= 0 ? page : site_bool(s, key);
}

void
cover_settle(const struct cover_fm *fm, const char *page_url,
    const struct site *s, struct cover_view *v)
{
	int list = param_of(fm->hidden_in_list, s, "cover.hiddeninlist");
	int single = param_of(fm->hidden_in_single, s, "cover.hiddeninsingle");
	int hidden = param_of(fm->hidden, s, "cover.hidden");

	memset(v, 0, sizeof(*v));
	v->fm = fm;
	v->page_url = page_url;
	/* Hugo's default keeps a boolean, false too: a hiddenInList of
	 * false wins over a hidden of true. */
	v->hidden_in_list = list >= 0 ? list : hidden > 0;
	v->hidden_in_single = single >= 0 ? single : hidden > 0;
	/* .Params.cover.responsiveImages | default
	 * site.Params.cover.responsiveImages | default true */
	v->responsive = fm->responsive >= 0 ? fm->responsive :
	    site_bool(s, "cover.responsiveimages") != 0;
	v->link_full = site_bool(s, "cover.linkfullimages") > 0;
}

int
cover_glob(const char *image, const char *name)
{
	struct buf pat = BUF_INIT;
	int rc;

	buf_printf(&pat, "*%s*", image);
	rc = fnmatch(buf_cstr(&pat), name, FNM_PATHNAME | FNM_CASEFOLD);
	buf_free(&pat);
	return rc == 0;
}

void
cover_abs_url(struct buf *out, const struct site *s, const char *in)
{
	size_t k = url_scheme_len(in);

	/* html/template lets http(s) and mailto through a src or href;
	 * anything else becomes "#ZgotmplZ" (Hugo 0.111.3 writes
	 * src="mailto:a@b.c" and src="#ZgotmplZ" for ftp:). */
	if (k > 0 && !(k == 4 && strncasecmp(in, "http", 4) == 0) &&
	    !(k == 5 && strncasecmp(in, "https", 5) == 0) &&
	    !(k == 6 && strncasecmp(in, "mailto", 6) == 0)) {
		buf_puts(out, "#ZgotmplZ");
		return;
	}
	url_abs(out, s->base_url, in);
}

void
cover_path_join(struct buf *out, const char *route, const char *value)
{
	struct buf all = BUF_INIT;
	const char *p, *seg[256];
	size_t len[256], n = 0, i, k;

	buf_printf(&all, "%s/%s", route, value);
	for (p = buf_cstr(&all); *p != '\0'; p += k) {
		while (*p == '/')
			p++;
		k = strcspn(p, "/");
		if (k == 0 || (k == 1 && p[0] == '.'))
			continue;
		if (k == 2 && p[0] == '.' && p[1] == '.') {
			if (n > 0)
				n--;
			continue;
		}
		if (n < sizeof(seg) / sizeof(seg[0])) {
			seg[n] = p;
			len[n++] = k;
		}
	}
	for (i = 0; i < n; i++) {
		buf_putc(out, '/');
		buf_add(out, seg[i], len[i]);
	}
	if (n == 0)
		buf_putc(out, '/');
	buf_free(&all);
}

void
cover_img_free(struct cover_img *img)
{
	for (size_t i = 0; i < img->n; i++) {
		free(img->own[i]);
		free(img->webps[i]);
	}
	memset(img, 0, sizeof(*img));
}

void
cover_plainify(struct buf *out, const char *text)
{
	const char *p;

	/* Hugo's StripHTML: newlines to spaces first, then the tags go. */
	for (p = text; *p != '\0'; p++) {
		if (*p == '<') {
			const char *end = strchr(p, '>');

			if (end != NULL) {
				p = end;
				continue;
			}
		}
		buf_putc(out, *p == '\n' ? ' ' : *p);
	}
}

int
cover_markdownify(struct buf *out, const struct site *s, const char *text)
{
	return md_markdownify(out, text, site_md_flags(s) & ~(unsigned)MD_EMOJI);
}

/* Appends the URL of a site route under baseURL, as .Permalink. */
static void
permalink(struct buf *b, const struct site *s, const char *route)
{
	html_abs_url(b, s->base_url, route);
}

/* One srcset URL, as style writes it. */
static void
srcset_url(struct buf *b, const struct site *s, const char *route,
    enum cover_srcset_style style)
{
	if (style == SRCSET_PAPERMOD)
		permalink(b, s, route);
	else
		html_href(b, s->base_path, route);
}

void
cover_srcset(struct buf *b, const struct site *s, const struct cover_img *img,
    int webp, enum cover_srcset_style style)
{
	const char *sep = style == SRCSET_PAPERMOD ? " ," : ", ";
	int first = 1;

	for (size_t i = 0; i < img->n; i++) {
		const char *u = webp ? img->webps[i] : img->own[i];

		if (u == NULL)
			continue;
		if (!first)
			html(b, sep);
		srcset_url(b, s, u, style);
		html(b, " ");
		html_int(b, img->widths[i]);
		html(b, "w");
		first = 0;
	}
	if (!webp) {
		if (!first)
			html(b, sep);
		srcset_url(b, s, img->url, style);
		html(b, " ");
		html_int(b, img->width);
		html(b, "w");
	}
}

static void
attr_url(struct buf *b, const struct buf *url)
{
	html_attr(b, buf_cstr((struct buf *)url));
}

void
cover_figure(struct buf *b, const struct site *s, const struct cover_view *v,
    const struct cover_img *img, const char *caption_html, int single)
{
	const struct cover_fm *fm = v->fm;
	const char *loading = single ? "eager" : "lazy";
	struct buf url = BUF_INIT, alt = BUF_INIT, joined = BUF_INIT;
	int link = v->link_full && single;

	if (fm->image == NULL || (single ? v->hidden_in_single :
	    v->hidden_in_list))
		return;
	cover_plainify(&alt, fm->alt != NULL && *fm->alt != '\0' ? fm->alt :
	    fm->caption != NULL ? fm->caption : "");
	html(b, "<figure class=\"entry-cover\">");
	if (img != NULL) {
		cover_path_join(&joined, v->page_url, fm->image);
		/* .RelPermalink joined with the value, then absURL: under
		 * the site's base path. */
		buf_puts(&url, s->base_url);
		buf_puts(&url, buf_cstr(&joined) + 1);
		if (link) {
			html(b, "<a href=\"");
			attr_url(b, &url);
			html(b, "\" target=\"_blank\"\n            rel=\"noopener "
			    "noreferrer\">");
		}
		html(b, "\n        ");
		if (img->processable && v->responsive && img->width > 0) {
			int pic = !img->webp && img->n > 0 &&
			    img->webps[0] != NULL;

			if (pic) {
				html(b, "<picture><source type=\"image/webp\" "
				    "srcset=\"");
				cover_srcset(b, s, img, 1, SRCSET_PAPERMOD);
				html(b, "\" sizes=\"(min-width: 768px) 720px, "
				    "100vw\">");
			}
			html(b, "<img loading=\"");
			html(b, loading);
			html(b, "\" srcset=\"");
			cover_srcset(b, s, img, 0, SRCSET_PAPERMOD);
			html(b, "\" \n            sizes=\"(min-width: 768px) "
			    "720px, 100vw\" src=\"");
			permalink(b, s, img->url);
			html(b, "\" alt=\"");
			html_attr(b, buf_cstr(&alt));
			html(b, "\" \n            width=\"");
			html_int(b, img->width);
			html(b, "\" height=\"");
			html_int(b, img->height);
			html(b, "\">");
			if (pic)
				html(b, "</picture>");
		} else {
			html(b, "<img loading=\"");
			html(b, loading);
			html(b, "\" src=\"");
			attr_url(b, &url);
			html(b, "\" alt=\"");
			html_attr(b, buf_cstr(&alt));
			html(b, "\">");
		}
	} else {
		cover_abs_url(&url, s, fm->image);
		if (link) {
			html(b, "<a href=\"");
			attr_url(b, &url);
			html(b, "\" target=\"_blank\"\n            rel=\"noopener "
			    "noreferrer\">");
		}
		html(b, "<img loading=\"");
		html(b, loading);
		html(b, "\" src=\"");
		attr_url(b, &url);
		html(b, "\" alt=\"");
		html_attr(b, buf_cstr(&alt));
		html(b, "\">");
	}
	if (link)
		html(b, "</a>");
	if (single) {
		html(b, "\n        ");
		if (caption_html != NULL && *caption_html != '\0') {
			html(b, "<p>");
			/* markdownify's output: rendered in safe mode, or
			 * as the site trusts raw HTML. */
			buf_puts(b, caption_html);
			html(b, "</p>");
		}
	}
	html(b, "\n</figure>\n");
	buf_free(&url);
	buf_free(&alt);
	buf_free(&joined);
}

void
cover_og_image(struct buf *out, const struct site *s,
    const struct cover_view *v)
{
	struct buf joined = BUF_INIT;

	if (v->fm->relative == 1) {
		cover_path_join(&joined, v->page_url, v->fm->image);
		/* .RelPermalink carries the base path; absURL of a path from
		 * the root adds the host alone. */
		buf_puts(out, s->base_url);
		buf_puts(out, buf_cstr(&joined) + 1);
	} else {
		/* A <meta> content is no URL to html/template: any
		 * scheme stays. */
		url_abs(out, s->base_url, v->fm->image);
	}
	buf_free(&joined);
}

/* The import's pass (cover_import()). */

/* A bundle file that may be the cover, owned. */
struct candidate {
	char *url, *source, *hash, *media_type, *rel;
	long long size, mtime;
};

struct bundle {
	const char *source_prefix, *url_prefix;
	int branch;		/* a branch bundle: its folder's files only */
	struct candidate *c;
	size_t n, cap;
};

static void
add_candidate(void *arg, const struct dbw_file *f)
{
	struct bundle *b = arg;
	const char *rel = f->url + strlen(b->url_prefix);
	struct candidate *c;

	/* The page's own copy of a file of its folder, an image: Hugo's
	 * .Resources.ByType "image". */
	if (strncmp(f->media_type, "image/", 6) != 0 ||
	    strcmp(f->source + strlen(b->source_prefix), rel) != 0 ||
	    (b->branch && strchr(rel, '/') != NULL))
		return;
	if (b->n == b->cap) {
		b->cap = b->cap ? 2 * b->cap : 8;
		b->c = xrealloc(b->c, b->cap * sizeof(*b->c));
	}
	c = &b->c[b->n++];
	c->url = xstrdup(f->url);
	c->source = xstrdup(f->source);
	c->hash = xstrdup(f->hash);
	c->media_type = xstrdup(f->media_type);
	c->rel = c->url + strlen(b->url_prefix);
	c->size = f->size;
	c->mtime = f->mtime;
}

static void
free_bundle(struct bundle *b)
{
	for (size_t i = 0; i < b->n; i++) {
		free(b->c[i].url);
		free(b->c[i].source);
		free(b->c[i].hash);
		free(b->c[i].media_type);
	}
	free(b->c);
}

static int
cmp_rel(const void *a, const void *b)
{
	return strcmp(((const struct candidate *)a)->rel,
	    ((const struct candidate *)b)->rel);
}

/* The images of the bundle whose page is at source (under content/)
 * and url, into b, in Hugo's order of a bundle's resources: a leaf's
 * (index.*) whole folder, a branch's (_index.*) own files, under the
 * page's URL (an ugly URL's without its extension); none for a page that
 * is no bundle. src and base hold b's prefixes. Returns 0 or -1. */
static int
bundle_images(struct cover_pass *p, const char *source, const char *url,
    struct bundle *b, struct buf *src, struct buf *base, struct buf *err)
{
	const char *name = strrchr(source, '/');
	size_t folder = name != NULL ? (size_t)(name - source) + 1 : 0;
	const char *slash = strrchr(url, '/');
	const char *dot = slash != NULL ? strrchr(slash, '.') : NULL;

	memset(b, 0, sizeof(*b));
	name = name != NULL ? name + 1 : source;
	if (strncmp(name, "index.", 6) != 0 && strncmp(name, "_index.", 7) != 0)
		return 0;
	b->branch = name[0] == '_';
	/* Its files' sources are their paths under the site folder: a
	 * contentDir beside content/ ("../content-de/") is its own. */
	lang_site_path(src, source, folder);
	if (slash != NULL && slash[1] == '\0')
		buf_puts(base, url);
	else {
		buf_add(base, url, dot != NULL ? (size_t)(dot - url) :
		    strlen(url));
		buf_putc(base, '/');
	}
	b->source_prefix = buf_cstr(src);
	b->url_prefix = buf_cstr(base);
	if (dbw_files_under(p->w, b->source_prefix, b->url_prefix,
	    add_candidate, b, err) != 0)
		return -1;
	if (b->n > 1)
		qsort(b->c, b->n, sizeof(*b->c), cmp_rel);
	return 0;
}

struct pass_ctx {
	struct cover_pass *p;
	struct responsive r;
	struct buf *err;
};

/* What assets_match() looks for under assets/. */
static const char *asset_image;
static struct buf *asset_found;
static size_t asset_root;

static int
asset_visit(const char *path, const struct stat *st, int type,
    struct FTW *ftw)
{
	static const char *const exts[] = { ".jpg", ".jpeg", ".png", ".gif",
	    ".webp", ".svg", ".bmp", ".tif", ".tiff" };
	const char *rel = path + asset_root, *dot = strrchr(path, '.');
	size_t i;

	(void)st;
	(void)ftw;
	if (type != FTW_F || dot == NULL)
		return 0;
	for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++)
		if (strcasecmp(dot, exts[i]) == 0)
			break;
	if (i == sizeof(exts) / sizeof(exts[0]) ||
	    !cover_glob(asset_image, rel))
		return 0;
	buf_puts(asset_found, rel);
	return 1;
}

/* Does an image under the site's assets/ (Hugo's global resources,
 * which quire does not import) match image? Its path under assets/ is
 * appended to found. */
static int
assets_match(const char *site_dir, const char *image, struct buf *found)
{
	struct buf dir = BUF_INIT;
	int rc;

	buf_printf(&dir, "%s/assets", site_dir);
	asset_image = image;
	asset_found = found;
	asset_root = dir.len + 1;
	rc = nftw(buf_cstr(&dir), asset_visit, 16, FTW_PHYS) == 1;
	buf_free(&dir);
	return rc;
}

/* Warns that the cover of the page at source names only a global
 * resource: FILE:LINE (the line that gives the image). */
static void
warn_assets(struct cover_pass *p, const char *source, const char *image,
    const char *asset)
{
	struct buf path = BUF_INIT, line = BUF_INIT;
	char text[8192];
	size_t n = 0;
	int at = 1;
	FILE *f;

	buf_printf(&path, "%s/", p->site_dir);
	lang_site_path(&path, source, strlen(source));
	if ((f = fopen(buf_cstr(&path), "r")) != NULL) {
		n = fread(text, 1, sizeof(text) - 1, f);
		fclose(f);
	}
	text[n] = '\0';
	{
		const char *hit = strstr(text, image), *c;

		for (c = text; hit != NULL && c < hit; c++)
			at += *c == '\n';
	}
	buf_printf(&line, "warning: content/%s:%d: cover image '%s' matches "
	    "assets/%s, one of Hugo's global resources, which quire does "
	    "not import: the cover is the URL as written\n", source, at,
	    image, asset);
	p->warn(p->arg, buf_cstr(&line));
	buf_free(&path);
	buf_free(&line);
}

/* Makes and stores one page's cover. */
static int
one_cover(void *arg, const struct dbw_cover_row *row)
{
	struct pass_ctx *ctx = arg;
	struct cover_pass *p = ctx->p;
	const struct site *s = p->site;
	struct buf src = BUF_INIT, base = BUF_INIT, list = BUF_INIT;
	struct buf single = BUF_INIT, og = BUF_INIT, caption = BUF_INIT;
	struct bundle b;
	struct cover_view v;
	struct cover_img img;
	const struct candidate *found = NULL;
	int rc = -1, have = 0;

	memset(&img, 0, sizeof(img));
	p->covers++;
	cover_settle(&row->fm, row->url, s, &v);
	if (bundle_images(p, row->source, row->url, &b, &src, &base,
	    ctx->err) != 0)
		goto out;
	for (size_t i = 0; i < b.n && found == NULL; i++)
		if (cover_glob(row->fm.image, b.c[i].rel))
			found = &b.c[i];
	/* PaperMod's next try, (resources.ByType "image").GetMatch: the
	 * site's assets/, which quire leaves out. */
	if (found == NULL && p->site_dir != NULL && url_scheme_len(row->fm.image)
	    == 0 && row->fm.image[0] != '/') {
		struct buf asset = BUF_INIT;

		if (assets_match(p->site_dir, row->fm.image, &asset))
			warn_assets(p, row->source, row->fm.image,
			    buf_cstr(&asset));
		buf_free(&asset);
	}
	if (found != NULL) {
		struct dbw_file f = { found->url, found->source, found->hash,
		    found->media_type, found->size, found->mtime };

		/* Copies only where PaperMod's responsive branch shows
		 * them; the size is known for width and height either way. */
		if (responsive_image(&ctx->r, &f, 1, &img, ctx->err) != 0)
			goto out;
		have = 1;
	}
	cover_figure(&list, s, &v, have ? &img : NULL, NULL, 0);
	if (row->fm.caption != NULL && cover_markdownify(&caption, s,
	    row->fm.caption) != 0) {
		buf_printf(ctx->err, "%s: cannot render the cover's caption",
		    row->source);
		goto out;
	}
	cover_figure(&single, s, &v, have ? &img : NULL, buf_cstr(&caption),
	    1);
	cover_og_image(&og, s, &v);
	if (dbw_cover_set(p->w, row->page_id, buf_cstr(&list),
	    buf_cstr(&single), buf_cstr(&og), ctx->err) != 0)
		goto out;
	rc = 0;
out:
	cover_img_free(&img);
	free_bundle(&b);
	buf_free(&src);
	buf_free(&base);
	buf_free(&list);
	buf_free(&single);
	buf_free(&og);
	buf_free(&caption);
	return rc;
}

/* PaperMod's image of a page with neither a cover nor front-matter
 * images: its bundle's (.Resources.ByType "image").GetMatch "*feature*",
 * else GetMatch "{*cover*,*thumbnail*}" (the first resource either
 * matches). */
static int
one_og(void *arg, long long page_id, const char *source, const char *url,
    const char *stored)
{
	struct pass_ctx *ctx = arg;
	struct buf src = BUF_INIT, base = BUF_INIT;
	struct bundle b;
	const struct candidate *found = NULL;
	size_t i;
	int rc = -1;

	if (bundle_images(ctx->p, source, url, &b, &src, &base, ctx->err) != 0)
		goto out;
	for (i = 0; i < b.n && found == NULL; i++)
		if (cover_glob("feature", b.c[i].rel))
			found = &b.c[i];
	for (i = 0; i < b.n && found == NULL; i++)
		if (cover_glob("cover", b.c[i].rel) ||
		    cover_glob("thumbnail", b.c[i].rel))
			found = &b.c[i];
	/* Written only when it changes. */
	rc = 0;
	if (found == NULL ? stored != NULL : stored == NULL ||
	    strcmp(stored, found->url) != 0)
		rc = dbw_og_resource_set(ctx->p->w, page_id, found != NULL ?
		    found->url : NULL, ctx->err);
out:
	free_bundle(&b);
	buf_free(&src);
	buf_free(&base);
	return rc;
}

int
cover_import(struct cover_pass *p, struct buf *err)
{
	struct pass_ctx ctx;
	int rc;

	memset(&ctx, 0, sizeof(ctx));
	ctx.p = p;
	ctx.err = err;
	ctx.r.w = p->w;
	ctx.r.store = p->store;
	ctx.r.warn = p->warn;
	ctx.r.arg = p->arg;
	rc = dbw_covers(p->w, one_cover, &ctx, err);
	if (rc == 0)
		rc = dbw_og_pages(p->w, one_og, &ctx, err);
	if (rc == 0)
		rc = responsive_bodies(&ctx.r, p->site, err);
	p->images = ctx.r.images;
	p->made = ctx.r.made;
	p->reused = ctx.r.reused;
	if (rc == 0)
		rc = dbw_images_prune(p->w, err);
	return rc != 0 ? -1 : 0;
}
