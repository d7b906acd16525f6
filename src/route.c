/* route.c - every URL the worker answers, in one table: the fixed
 * routes, the stored pages by layout, the aliases, and the redirects
 * ("/page/1/", a missing trailing slash). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "route.h"
#include "url.h"

/* How a row matches the request's decoded segments. */
enum route_match {
	MATCH_PATH,	/* pattern: literal segments, "$taxonomy" (one the
			 * site declares), "*" (a term), "**" (first only:
			 * one or more segments, a nested section's path)
			 * or "#" (a page number) */
	MATCH_STORED,	/* a stored page at the route whose layout is
			 * pattern (NULL: any layout) */
	MATCH_LISTED,	/* a section listed at its _index.md's url (schema
			 * 017): pattern is what follows that url, and the
			 * section is the term of the row's taxonomy */
	MATCH_ALIAS,	/* an alias a stored page declares: 301 to it */
};

enum route_flag {
	ROUTE_PAGED = 1 << 0,	/* ends in "page/#": page 1 answers 301
				 * to the listing itself */
	ROUTE_TERM = 1 << 1,	/* "*" names a term of the row's taxonomy
				 * with a visible page, else the row does
				 * not match */
	ROUTE_ATOM = 1 << 2,	/* a feed as Atom (else RSS) */
	ROUTE_JSON = 1 << 3,	/* a feed as JSON Feed (else RSS) */
	ROUTE_SECTION = 1 << 4,	/* MATCH_STORED: the row for a section's
				 * own page (PAGE_SECTION), which no other
				 * row matches */
	ROUTE_SITE = 1 << 5,	/* of the site, not of a language: answers
				 * at the root when every language lives in
				 * its folder (defaultContentLanguageInSubdir) */
	ROUTE_LIST = 1 << 6,	/* a list page: under uglyURLs (url.h's
				 * url_list_is_ugly()) it answers at
				 * "/NAME.html" for "/NAME/", and not at
				 * "/NAME/" */
};

/* The request's segments, and the same with ".html" cut from the last
 * one when it ends so (an ugly list URL), which the handler may point
 * into. */
struct route_segs {
	char **ugly;
	size_t n;
	int is_ugly;
	struct buf path;	/* a "**" term, joined */
	struct buf list;	/* the list's route, "/a/b/" */
};

struct route {
	enum route_match match;
	const char *pattern;
	enum page_rc (*handler)(struct ctx *);
	const char *taxonomy;	/* the taxonomy of "*" (TAXONOMY_SECTIONS);
				 * NULL: the one "$taxonomy" matched */
	int flags;
	const char *kinds;	/* Hugo's kinds of page the row serves,
				 * space-separated: disableKinds naming one
				 * of them turns the row off; NULL: quire's
				 * own */
};

static enum page_rc alias_redirect(struct ctx *ctx);

/* First match wins: the fixed routes, the config's taxonomies, the
 * sections, then stored pages, then aliases; nothing matched is a 404. */
static const struct route routes[] = {
	{ MATCH_PATH, "", page_home, NULL, 0, "home" },
	{ MATCH_PATH, "page/#", page_home, NULL, ROUTE_PAGED | ROUTE_LIST,
	    "home" },
	{ MATCH_PATH, "index.xml", page_feed_site, NULL, 0, "home rss" },
	{ MATCH_PATH, "atom.xml", page_feed_site, NULL, ROUTE_ATOM,
	    "home rss" },
	{ MATCH_PATH, "feed.json", page_feed_site, NULL, ROUTE_JSON,
	    "home rss" },
	{ MATCH_PATH, "sitemap.xml", page_sitemap, NULL, ROUTE_SITE,
	    "sitemap" },
	{ MATCH_PATH, "robots.txt", page_robots, NULL, ROUTE_SITE,
	    "robotstxt" },
	{ MATCH_PATH, "archives", page_archives, NULL, 0, NULL },
	{ MATCH_PATH, "search", page_search, NULL, 0, NULL },
	{ MATCH_PATH, "$taxonomy", page_terms, NULL, ROUTE_LIST, "taxonomy" },
	{ MATCH_PATH, "$taxonomy/index.xml", page_feed_terms, NULL, 0,
	    "taxonomy rss" },
	{ MATCH_PATH, "$taxonomy/atom.xml", page_feed_terms, NULL,
	    ROUTE_ATOM, "taxonomy rss" },
	{ MATCH_PATH, "$taxonomy/feed.json", page_feed_terms, NULL,
	    ROUTE_JSON, "taxonomy rss" },
	{ MATCH_PATH, "$taxonomy/*", page_term, NULL, ROUTE_TERM | ROUTE_LIST,
	    "term" },
	{ MATCH_PATH, "$taxonomy/*/page/#", page_term, NULL,
	    ROUTE_PAGED | ROUTE_TERM | ROUTE_LIST, "term" },
	{ MATCH_PATH, "$taxonomy/*/index.xml", page_feed_term, NULL,
	    ROUTE_TERM, "term rss" },
	{ MATCH_PATH, "$taxonomy/*/atom.xml", page_feed_term, NULL,
	    ROUTE_TERM | ROUTE_ATOM, "term rss" },
	{ MATCH_PATH, "$taxonomy/*/feed.json", page_feed_term, NULL,
	    ROUTE_TERM | ROUTE_JSON, "term rss" },
	/* A section whose _index.md gives a url is there alone, as Hugo
	 * 0.111 writes it ("/blog/" for content/post/). */
	{ MATCH_LISTED, "", page_section, TAXONOMY_SECTIONS,
	    ROUTE_TERM, "section" },
	{ MATCH_LISTED, "page/#", page_section, TAXONOMY_SECTIONS,
	    ROUTE_PAGED | ROUTE_TERM, "section" },
	{ MATCH_LISTED, "index.xml", page_feed_section, TAXONOMY_SECTIONS,
	    ROUTE_TERM, "section rss" },
	{ MATCH_LISTED, "atom.xml", page_feed_section, TAXONOMY_SECTIONS,
	    ROUTE_TERM | ROUTE_ATOM, "section rss" },
	{ MATCH_LISTED, "feed.json", page_feed_section, TAXONOMY_SECTIONS,
	    ROUTE_TERM | ROUTE_JSON, "section rss" },
	/* A section is a term of TAXONOMY_SECTIONS (schema.h), nested ones
	 * ("essays/2023") too, at its route unless its url moves it. */
	{ MATCH_PATH, "**", page_section, TAXONOMY_SECTIONS,
	    ROUTE_TERM | ROUTE_LIST, "section" },
	{ MATCH_PATH, "**/page/#", page_section, TAXONOMY_SECTIONS,
	    ROUTE_PAGED | ROUTE_TERM | ROUTE_LIST, "section" },
	{ MATCH_PATH, "**/index.xml", page_feed_section, TAXONOMY_SECTIONS,
	    ROUTE_TERM, "section rss" },
	{ MATCH_PATH, "**/atom.xml", page_feed_section, TAXONOMY_SECTIONS,
	    ROUTE_TERM | ROUTE_ATOM, "section rss" },
	{ MATCH_PATH, "**/feed.json", page_feed_section, TAXONOMY_SECTIONS,
	    ROUTE_TERM | ROUTE_JSON, "section rss" },
	/* PaperMod's content/archives.md and search.md: quire's own pages
	 * under the stored page's title. */
	{ MATCH_STORED, "archives", page_archives, NULL, 0, "page" },
	{ MATCH_STORED, "search", page_search, NULL, 0, "page" },
	/* A section's _index.md while none of its pages is visible. */
	{ MATCH_STORED, NULL, page_section, NULL, ROUTE_SECTION, "section" },
	{ MATCH_STORED, NULL, page_article, NULL, 0, "page" },
	{ MATCH_ALIAS, NULL, alias_redirect, NULL, 0, "page" },
};

/* Matches the request's segments after the first skip (a language's
 * "fr") against a MATCH_PATH pattern; sets ctx->page, ctx->term and
 * (for "$taxonomy") ctx->taxonomy. A "**" term is joined in path, which
 * ctx->term then points into. Returns 1, 0 (no match), or -1 for a page
 * number that cannot exist. */
static int
match_path(struct ctx *ctx, const char *pattern, size_t skip,
    char *const *segs, size_t nsegs, struct buf *path)
{
	const char *p = pattern;
	size_t i = skip;

	ctx->page = 1;
	ctx->term = NULL;
	while (*p != '\0') {
		size_t len = strcspn(p, "/");

		if (i >= nsegs)
			return 0;
		if (len == 2 && p[0] == '*' && p[1] == '*') {
			size_t tail = 0, end;
			const char *q;

			/* The segments the rest of the pattern leaves. */
			for (q = p + 2; *q != '\0'; q++)
				tail += *q == '/';
			if (nsegs - i <= tail)
				return 0;
			end = nsegs - tail;
			buf_reset(path);
			for (; i < end; i++)
				buf_printf(path, "%s%s", path->len ? "/" : "",
				    segs[i]);
			ctx->term = buf_cstr(path);
			p += len;
			if (*p == '/')
				p++;
			continue;
		}
		if (len == 1 && *p == '#') {
			ctx->page = req_page_number(segs[i]);
			if (ctx->page == 0)
				return -1;
		} else if (len == 1 && *p == '*') {
			ctx->term = segs[i];
		} else if (len == 9 && strncmp(p, "$taxonomy", 9) == 0) {
			int t = site_taxonomy(ctx->site, segs[i],
			    strlen(segs[i]));

			if (t < 0)
				return 0;
			ctx->taxonomy = ctx->site->taxonomy_plurals[t];
		} else if (strlen(segs[i]) != len ||
		    strncmp(segs[i], p, len) != 0) {
			return 0;
		}
		i++;
		p += len;
		if (*p == '/')
			p++;
	}
	return i == nsegs;
}

/* A section with an _index.md but no page of its own (only sections,
 * or none) has its listing, feeds and pages as Hugo writes them: its
 * term is then term id -1, which no page has. Returns DB_ROW (term set
 * from ctx->term), DB_DONE or DB_ERROR. */
static enum db_rc
pageless_section(struct ctx *ctx, struct db_term *term)
{
	struct buf route = BUF_INIT;
	const char *title, *description, *body;
	enum page_markup markup;
	enum db_rc rc;

	buf_add(&route, ctx->site->lang_root,
	    strlen(ctx->site->lang_root) - 1);
	buf_printf(&route, "/%s/", ctx->term);
	rc = db_section_page(ctx->db, ctx->now, buf_cstr(&route), &title,
	    &description, &body, &markup, NULL);
	buf_free(&route);
	if (rc == DB_ROW) {
		term->id = -1;
		term->slug = ctx->term;
		term->name = ctx->term;
		term->count = 0;
	}
	return rc;
}

/* Does disableKinds name one of the space-separated kinds? */
static int
kinds_off(const struct site *s, const char *kinds)
{
	char kind[16];
	const char *p;

	/* Most sites disable nothing: each route row asks this. */
	if (s->disabled_kinds == NULL || *s->disabled_kinds == '\0')
		return 0;
	for (p = kinds; p != NULL && *p != '\0'; p += *p == ' ') {
		size_t n = strcspn(p, " ");

		snprintf(kind, sizeof(kind), "%.*s", (int)n, p);
		if (site_kind_off(s, kind))
			return 1;
		p += n;
	}
	return 0;
}

/* A path that is no page's URL may be one of Hugo's aliases: 301 to the
 * page it names. */
static enum page_rc
alias_redirect(struct ctx *ctx)
{
	struct buf url = BUF_INIT;
	enum db_rc rc = db_alias(ctx->db, ctx->now, ctx->req->decoded, &url);

	if (rc == DB_ROW)
		page_redirect(ctx, buf_cstr(&url));
	buf_free(&url);
	return rc == DB_ROW ? PAGE_OK : rc == DB_DONE ? PAGE_NOT_FOUND :
	    PAGE_DB_ERROR;
}

/* 301 from ".../page/1/" to the listing: the route less its last two
 * segments. */
static void
redirect_first_page(struct ctx *ctx, const struct route_segs *rs)
{
	struct buf route = BUF_INIT, target = BUF_INIT;
	size_t k;

	buf_putc(&route, '/');
	for (k = 0; k + 2 < rs->n; k++)
		buf_printf(&route, "%s/", rs->ugly[k]);
	url_list(&target, ctx->site, buf_cstr(&route));
	page_redirect(ctx, buf_cstr(&target));
	buf_free(&route);
	buf_free(&target);
}

/* 301 to the path as routes are written: a "//" made one slash (the
 * request's decoded path is that already), and a trailing slash added
 * where its last segment names no file. The answer depends on the
 * request alone, so caches may keep it long. */
static void
redirect_canonical(struct ctx *ctx)
{
	const struct req *r = ctx->req;
	struct buf target = BUF_INIT;

	buf_puts(&target, r->decoded);
	if ((target.len == 0 || target.data[target.len - 1] != '/') &&
	    (r->nsegs == 0 || strchr(r->segs[r->nsegs - 1], '.') == NULL))
		buf_putc(&target, '/');
	page_redirect(ctx, buf_cstr(&target));
	ctx->resp->stable = 1;
	buf_free(&target);
}

/* The language the route names by its first segment, as Hugo lays a
 * multilingual site out: sets *skip to 1 and returns the language
 * when the route begins with one whose pages are under /CODE/;
 * returns the default language otherwise. */
static const struct site_lang *
route_lang(struct ctx *ctx, size_t *skip)
{
	const struct site *s = ctx->site;
	const struct site_lang *l;

	*skip = 0;
	if (!site_multilingual(s))
		return NULL;
	if (ctx->req->nsegs > 0 &&
	    (l = site_lang_find(s, ctx->req->segs[0])) != NULL &&
	    strcmp(l->root, "/") != 0) {
		*skip = 1;
		return l;
	}
	return site_lang_find(s, s->default_lang);
}

/* Shows the request in language l (NULL: the site's default): the
 * site's settings as l gives them, and l's pages. */
static void
use_lang(struct ctx *ctx, const struct site *site, struct site *view,
    const char *lang)
{
	site_lang_view(site, lang != NULL ? lang : site->default_lang, view);
	ctx->site = view;
	db_set_lang(ctx->db, view->lang);
}

/* The section listed at the route's first k segments by its _index.md's
 * url, for the largest k a MATCH_LISTED row can follow (the route
 * itself, "index.xml", "page/N"): sets *k, its route ("/post/") and its
 * language. Returns DB_ROW, DB_DONE (none) or DB_ERROR. */
static enum db_rc
listed_section(struct ctx *ctx, size_t *k, struct buf *route,
    struct buf *lang)
{
	const struct req *r = ctx->req;
	struct buf url = BUF_INIT;
	enum db_rc rc = DB_DONE;
	size_t back, i;

	for (back = 0; back <= 2 && back < r->nsegs && rc == DB_DONE;
	    back++) {
		buf_reset(&url);
		buf_putc(&url, '/');
		for (i = 0; i + back < r->nsegs; i++)
			buf_printf(&url, "%s/", r->segs[i]);
		*k = r->nsegs - back;
		rc = db_section_at(ctx->db, ctx->now, buf_cstr(&url), route,
		    lang);
	}
	buf_free(&url);
	return rc;
}

/* Is the section at route ("/post/", under the language's lang_root)
 * listed elsewhere by its _index.md's url? 1, 0, or -1 on a database
 * error. */
static int
section_moved(struct ctx *ctx, const char *route)
{
	struct buf url = BUF_INIT;
	enum db_rc rc = db_section_list_url(ctx->db, ctx->now, route, &url);

	buf_free(&url);
	return rc == DB_ERROR ? -1 : rc == DB_ROW;
}

static enum page_rc
dispatch(struct ctx *ctx, enum req_verdict verdict, struct route_segs *rs)
{
	const struct site *site = ctx->site;
	const struct site_lang *lang;
	struct site view;
	struct db_page stored;
	struct db_term term;
	enum page_rc prc;
	int looked_up = 0, via_list = 0, listed = 0;
	struct buf listed_route = BUF_INIT, listed_lang = BUF_INIT;
	size_t i, skip, listed_k = 0;

	if (verdict == REQ_ADD_SLASH || verdict == REQ_MERGE_SLASHES) {
		redirect_canonical(ctx);
		return PAGE_OK;
	}
	lang = route_lang(ctx, &skip);
	use_lang(ctx, site, &view, lang ? lang->code : NULL);
	ctx->lang_path = skip > 0;
	if (site_multilingual(site) && ctx->req->nsegs >= 1 &&
	    !site->lang_in_subdir &&
	    strcmp(ctx->req->segs[0], site->default_lang) == 0) {
		/* Hugo writes /en/ (a redirect home) and /en/sitemap.xml
		 * for the default language at the root. */
		if (ctx->req->nsegs == 1) {
			page_redirect(ctx, "/");
			return PAGE_OK;
		}
		if (ctx->req->nsegs == 2 &&
		    strcmp(ctx->req->segs[1], "sitemap.xml") == 0) {
			ctx->lang_path = 1;
			ctx->canonical = ctx->req->decoded;
			return page_sitemap(ctx);
		}
	}
	if (site_multilingual(site) && site->lang_in_subdir && skip == 0 &&
	    ctx->req->nsegs == 0) {
		/* Hugo's / is a redirect to the default language's home. */
		page_redirect(ctx, ctx->site->lang_root);
		return PAGE_OK;
	}
	for (i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
		const struct route *rt = &routes[i];

		/* Hugo builds no page of a kind disableKinds names. */
		if (kinds_off(ctx->site, rt->kinds))
			continue;

		ctx->page = 1;
		ctx->term = NULL;
		ctx->taxonomy = rt->taxonomy;
		if (rt->match == MATCH_LISTED) {
			enum db_rc rc;
			size_t root;

			if (listed == 0) {
				rc = listed_section(ctx, &listed_k,
				    &listed_route, &listed_lang);
				if (rc == DB_ERROR) {
					prc = PAGE_DB_ERROR;
					goto out;
				}
				listed = rc == DB_ROW ? 1 : -1;
			}
			if (listed < 0 || match_path(ctx, rt->pattern,
			    listed_k, ctx->req->segs, ctx->req->nsegs,
			    &rs->path) <= 0)
				continue;
			/* The section is in its _index.md's language. */
			if (site_multilingual(site))
				use_lang(ctx, site, &view,
				    buf_cstr(&listed_lang));
			root = strlen(ctx->site->lang_root);
			buf_reset(&rs->path);
			if (strncmp(buf_cstr(&listed_route),
			    ctx->site->lang_root, root) == 0 &&
			    listed_route.len > root)
				buf_add(&rs->path, listed_route.data + root,
				    listed_route.len - root - 1);
			ctx->term = buf_cstr(&rs->path);
			rc = db_term_by_slug(ctx->db, ctx->now, ctx->taxonomy,
			    ctx->term, &term);
			if (rc == DB_DONE)
				rc = pageless_section(ctx, &term);
			if (rc == DB_ERROR) {
				prc = PAGE_DB_ERROR;
				goto out;
			}
			if (rc == DB_DONE)
				continue;
			ctx->found = &term;
			/* To its url as given, uglyURLs or not. */
			if ((rt->flags & ROUTE_PAGED) && ctx->page == 1) {
				struct buf target = BUF_INIT;
				size_t j;

				ctx->found = NULL;
				buf_putc(&target, '/');
				for (j = 0; j < listed_k; j++)
					buf_printf(&target, "%s/",
					    ctx->req->segs[j]);
				page_redirect(ctx, buf_cstr(&target));
				buf_free(&target);
				prc = PAGE_OK;
				goto out;
			}
		} else if (rt->match == MATCH_PATH) {
			int m;

			/* In a subdir layout only the site's own rows (the
			 * sitemap index, robots.txt) are outside every
			 * language. */
			if (site_multilingual(site) && site->lang_in_subdir &&
			    skip == 0 && !(rt->flags & ROUTE_SITE))
				continue;
			/* A list answers at its ugly URL alone when Hugo
			 * writes it there, at its own otherwise. */
			if (rs->is_ugly && !(rt->flags & ROUTE_LIST))
				m = match_path(ctx, rt->pattern, skip,
				    ctx->req->segs, ctx->req->nsegs, &rs->path);
			else
				m = match_path(ctx, rt->pattern, skip,
				    rs->ugly, rs->n, &rs->path);

			/* A page number that cannot exist (-1) is no match
			 * either: the path may still be a stored page's or
			 * an alias ("/docs/page/intro/"); else a 404. */
			if (m <= 0)
				continue;
			if ((rt->flags & ROUTE_LIST) && url_list_is_ugly(
			    ctx->site, buf_cstr(&rs->list)) != rs->is_ugly)
				continue;
			if (rt->flags & ROUTE_TERM) {
				enum db_rc rc = db_term_by_slug(ctx->db,
				    ctx->now, ctx->taxonomy, ctx->term, &term);

				/* (A bare section path is left to the
				 * stored row: an article's path need not
				 * pay this second look-up.) */
				if (rc == DB_DONE && strcmp(ctx->taxonomy,
				    TAXONOMY_SECTIONS) == 0 &&
				    strcmp(rt->pattern, "**") != 0)
					rc = pageless_section(ctx, &term);
				if (rc == DB_ERROR) {
					prc = PAGE_DB_ERROR;
					goto out;
				}
				/* No such term: the path may still be a
				 * stored page's or an alias (Hugo allows
				 * either anywhere). */
				if (rc == DB_DONE)
					continue;
				/* A section its url lists elsewhere is not
				 * at its route (MATCH_LISTED). */
				if (strcmp(ctx->taxonomy,
				    TAXONOMY_SECTIONS) == 0) {
					struct buf route = BUF_INIT;
					int moved;

					buf_add(&route, ctx->site->lang_root,
					    strlen(ctx->site->lang_root) - 1);
					buf_printf(&route, "/%s/", ctx->term);
					moved = section_moved(ctx,
					    buf_cstr(&route));
					buf_free(&route);
					if (moved < 0) {
						prc = PAGE_DB_ERROR;
						goto out;
					}
					if (moved)
						continue;
				}
				ctx->found = &term;
			}
			if ((rt->flags & ROUTE_PAGED) && ctx->page == 1) {
				ctx->found = NULL;
				redirect_first_page(ctx, rs);
				prc = PAGE_OK;
				goto out;
			}
		} else if (rt->match == MATCH_STORED) {
			if (!looked_up) {
				enum db_rc rc = db_page_by_url(ctx->db,
				    ctx->now, ctx->req->decoded, &stored);

				/* A section's own page, at the ugly URL of
				 * its list. */
				if (rc == DB_DONE && rs->is_ugly) {
					rc = db_page_by_url(ctx->db, ctx->now,
					    buf_cstr(&rs->list), &stored);
					via_list = 1;
				}
				if (rc == DB_ERROR) {
					prc = PAGE_DB_ERROR;
					goto out;
				}
				looked_up = rc == DB_ROW ? 1 : -1;
				/* A page shows in its own language. */
				if (rc == DB_ROW && site_multilingual(site))
					use_lang(ctx, site, &view, stored.lang);
			}
			if (looked_up < 0 || (rt->pattern != NULL &&
			    strcmp(stored.layout, rt->pattern) != 0) ||
			    (stored.kind == PAGE_SECTION) !=
			    ((rt->flags & ROUTE_SECTION) != 0))
				continue;
			/* The home page's _index.md is no section's. */
			if (stored.kind == PAGE_SECTION &&
			    strcmp(stored.url, ctx->site->lang_root) == 0)
				continue;
			/* A section's list is at one of its URLs, and not
			 * at its route when its url lists it elsewhere. */
			if (stored.kind == PAGE_SECTION ? url_list_is_ugly(
			    ctx->site, stored.url) != via_list : via_list)
				continue;
			if (stored.kind == PAGE_SECTION) {
				/* (stored.url is its card's: the list's.) */
				int moved = section_moved(ctx,
				    buf_cstr(&rs->list));

				if (moved < 0) {
					prc = PAGE_DB_ERROR;
					goto out;
				}
				if (moved)
					continue;
			}
			ctx->stored = &stored;
			if (rt->pattern != NULL)
				ctx->title = stored.title;
		}
		ctx->format = (rt->flags & ROUTE_ATOM) ? FORMAT_ATOM :
		    (rt->flags & ROUTE_JSON) ? FORMAT_JSON : FORMAT_RSS;
		ctx->canonical = ctx->req->decoded;
		prc = rt->handler(ctx);
		ctx->stored = NULL;	/* the rows live in this frame */
		ctx->found = NULL;
		goto out;
	}
	prc = PAGE_NOT_FOUND;
out:
	buf_free(&listed_route);
	buf_free(&listed_lang);
	return prc;
}

enum page_rc
route_page_slash(struct ctx *ctx)
{
	const struct req *r = ctx->req;
	struct buf url = BUF_INIT;
	struct db_page stored;
	enum db_rc rc;

	if (r->slash || r->nsegs == 0)
		return PAGE_NOT_FOUND;
	buf_printf(&url, "%s/", r->decoded);
	rc = db_page_by_url(ctx->db, ctx->now, buf_cstr(&url), &stored);
	if (rc == DB_ROW) {
		/* (Not "stable" as the slash redirect is: the page may go.) */
		resp_reset(ctx->resp);
		page_redirect(ctx, buf_cstr(&url));
	}
	buf_free(&url);
	return rc == DB_ROW ? PAGE_OK : rc == DB_ERROR ? PAGE_DB_ERROR :
	    PAGE_NOT_FOUND;
}

enum page_rc
route_dispatch(struct ctx *ctx, enum req_verdict verdict)
{
	const struct site *site = ctx->site;
	const struct req *r = ctx->req;
	struct route_segs rs;
	enum page_rc rc;
	size_t i, k;

	/* The segments of the list an ugly URL names: "/tags/go.html" is
	 * the list "/tags/go/". */
	memset(&rs, 0, sizeof(rs));
	rs.n = r->nsegs;
	rs.ugly = xmalloc((r->nsegs + 1) * sizeof(*rs.ugly));
	for (i = 0; i < r->nsegs; i++) {
		k = strlen(r->segs[i]);
		if (i + 1 == r->nsegs && k > 5 &&
		    strcmp(r->segs[i] + k - 5, ".html") == 0) {
			rs.ugly[i] = xstrndup(r->segs[i], k - 5);
			rs.is_ugly = 1;
		} else {
			rs.ugly[i] = xstrdup(r->segs[i]);
		}
	}
	buf_putc(&rs.list, '/');
	for (i = 0; i < rs.n; i++)
		buf_printf(&rs.list, "%s/", rs.ugly[i]);
	rc = dispatch(ctx, verdict, &rs);
	/* The language's view lived in dispatch()'s frame. */
	ctx->site = site;
	for (i = 0; i < rs.n; i++)
		free(rs.ugly[i]);
	free(rs.ugly);
	buf_free(&rs.path);
	buf_free(&rs.list);
	return rc;
}
