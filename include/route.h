/* route.h - the one table of every URL the worker answers (route.c). */
#ifndef QUIRE_ROUTE_H
#define QUIRE_ROUTE_H

#include "page.h"

/* Answers ctx->req, whose req_parse() verdict was REQ_OK or
 * REQ_ADD_SLASH: the slash and "/page/1/" redirects, the fixed routes,
 * then stored pages by URL (by layout), then aliases. Fills ctx->resp,
 * or says which error to answer. */
enum page_rc route_dispatch(struct ctx *ctx, enum req_verdict verdict);

/* For a REQ_OK path without its trailing slash that nothing answered (its
 * last segment holds a dot, so req_parse() sent no redirect: a file name's
 * look): a 301 to the path with the slash when a visible page is stored
 * there ("/blog/devguide-0.6.0"), as a static server redirects to a folder
 * of Hugo's build. Returns PAGE_OK with ctx->resp filled, PAGE_NOT_FOUND,
 * or PAGE_DB_ERROR. */
enum page_rc route_page_slash(struct ctx *ctx);

#endif
