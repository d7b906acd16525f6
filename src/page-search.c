/* page-search.c - /search/?q=WORDS: full-text search with SQLite FTS5,
 * ranked by bm25, with highlighted snippets, paginated. Works without
 * JavaScript; any query gets a normal page. */
#include <string.h>

#include "html.h"
#include "render.h"

/* Appends the href of the search page of the language s shows. */
static void
search_href(struct buf *b, const struct site *s)
{
	struct buf route = BUF_INIT;

	render_lang_prefix(&route, s);
	buf_puts(&route, "/search/");
	render_href(b, s, buf_cstr(&route));
	buf_free(&route);
}

static void
search_form(struct buf *b, const struct site *s, const char *q)
{
	html(b, "<form class=\"search-form\" role=\"search\" method=\"get\" "
	    "action=\"");
	search_href(b, s);
	html(b, "\">\n<input id=\"searchInput\" type=\"search\" name=\"q\" "
	    "maxlength=\"256\" placeholder=\"Search\" aria-label=\"search\" "
	    "value=\"");
	html_attr(b, q);
	html(b, "\">\n<button type=\"submit\">Search</button>\n</form>\n");
}

/* The href of page n of the results for the words arg. */
static void
results_href(struct buf *b, const struct site *s, long n, const void *arg)
{
	search_href(b, s);
	html(b, "?q=");
	html_url_arg(b, arg);
	if (n > 1) {
		html(b, "&amp;page=");
		html_int(b, n);
	}
}

enum page_rc
page_search(struct ctx *ctx)
{
	const char *title = ctx->title != NULL ? ctx->title : "Search";
	struct buf *b = &ctx->resp->body;
	const struct site *s = ctx->site;
	const struct req_value *qv = &ctx->req->args[REQ_ARG_Q];
	const struct req_value *pv = &ctx->req->args[REQ_ARG_PAGE];
	const char *q = qv->state == REQ_ARG_VALID ? qv->text : "";
	struct buf match = BUF_INIT;
	struct db_hits hits = { 0, NULL, 0 };
	struct db_cursor cur;
	struct db_page p;
	const char *snippet, *problem = NULL;
	long pages, per = s->paginate;
	size_t mark;
	long page = pv->state == REQ_ARG_VALID ? pv->number : 1;
	enum page_rc prc = PAGE_OK;
	enum db_rc rc;

	if (pv->state != REQ_ARG_VALID && pv->state != REQ_ARG_ABSENT)
		return PAGE_NOT_FOUND;
	if (qv->state == REQ_ARG_INVALID)
		problem = "This query holds characters that cannot be searched.";
	else if (qv->state == REQ_ARG_TOO_LONG)
		problem = "This query is too long: 256 characters at most.";

	render_begin(ctx, title, "list");
	render_page_header(b, ctx->site, title, NULL, 0);
	search_form(b, s, q);
	if (problem != NULL) {
		html(b, "<p class=\"search-count\">");
		html_text(b, problem);
		html(b, "</p>\n");
	}
	if (db_fts_query(&match, q) == 0) {
		if (*q != '\0' && problem == NULL)
			html(b, "<p class=\"search-count\">Nothing to search "
			    "for: type a word.</p>\n");
		goto done;
	}
	/* A search too costly for its budget (db.h's DB_SEARCH_MS) stops:
	 * what it wrote is taken back and the page says so. */
	mark = b->len;
	if (db_search_hits(ctx->db, ctx->now, buf_cstr(&match), per,
	    (page - 1) * per, &hits) != DB_ROW)
		goto stopped;
	pages = hits.count > 0 ? (hits.count + per - 1) / per : 1;
	if (page > pages) {
		prc = PAGE_NOT_FOUND;
		goto out;
	}
	html(b, "<p class=\"search-count\">");
	html_int(b, hits.count);
	html(b, hits.count == 1 ? " result for “" : " results for “");
	html_text(b, q);
	html(b, "”</p>\n");
	for (rc = db_search(ctx->db, &cur, buf_cstr(&match), &hits, &p,
	    &snippet); rc == DB_ROW; rc = db_search_next(&cur, &p, &snippet))
		render_entry(ctx, &p, snippet);
	db_cursor_end(&cur);
	if (rc == DB_ERROR)
		goto stopped;
	render_pagination(ctx, page, page < pages, results_href, q);
	goto done;
stopped:
	if (!db_search_spent(ctx->db)) {
		prc = PAGE_DB_ERROR;
		goto out;
	}
	/* 200, as for a query too long: this query's answer is a normal
	 * page; the worker logs the note. */
	ctx->note = "search stopped: it spent its CPU time (QUIRE_SEARCH_MS)";
	b->len = mark;
	b->data[mark] = '\0';
	html(b, "<p class=\"search-count\">This search takes too long to "
	    "answer: refine your search with fewer or rarer words.</p>\n");
done:
	/* The page's other queries run without the search's budget. */
	db_search_end(ctx->db);
	render_end(ctx);
out:
	db_search_end(ctx->db);
	db_hits_free(&hits);
	buf_free(&match);
	return prc;
}
