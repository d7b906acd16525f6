/* route.h - the one table of every URL the worker answers (route.c). */
#ifndef QUIRE_ROUTE_H
#define QUIRE_ROUTE_H

#include "page.h"

/* Answers ctx->req, whose req_parse() verdict was REQ_OK or
 * REQ_ADD_SLASH: the slash and "/page/1/" redirects, the fixed routes,
 * then stored pages by URL (by layout), then aliases. Fills ctx->resp,
 * or says which error to answer. */
enum page_rc route_dispatch(struct ctx *ctx, enum req_verdict verdict);

#endif
