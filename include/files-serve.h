/* files-serve.h - answering a request for one of the site's stored files
 * (page-bundle resources, static/) from the content-addressed store. */
#ifndef QUIRE_FILES_SERVE_H
#define QUIRE_FILES_SERVE_H

#include "buf.h"
#include "page.h"

enum files_rc {
	FILES_NONE,		/* no file has the route: route it as a page */
	FILES_OK,		/* ctx->resp holds the answer */
	FILES_DAMAGED,		/* answer 503: the row or its store file is
				 * damaged (a bad hash, a missing file, the
				 * wrong size); the reason is in why */
	FILES_DB_ERROR,		/* answer 503, reopen the database */
};

/* Answers ctx->req when its decoded route is a file's URL (schema/015),
 * from the store beside the database at db_path (store.h): 200 with the
 * file's validators and Cache-Control, 304 on If-None-Match or (without
 * it) If-Modified-Since, and for a GET one Range as 206 or 416 (If-Range
 * with the ETag or the date). With ctx->req->accel_prefix (nginx) the
 * body is nginx's to send: the answer names the store file in
 * X-Accel-Redirect; else ctx->resp owns the open file and streams it.
 * Writes a line for the log into why (the caller's) on FILES_DAMAGED. */
enum files_rc files_answer(struct ctx *ctx, const char *db_path,
	struct buf *why);

/* As files_answer(), for a path ending in '/' that no page answers: the
 * stored file PATHindex.html, as a static server (and so Hugo's build)
 * serves a folder of static/ holding one. FILES_NONE for any other path.
 * Same ownership as files_answer(). */
enum files_rc files_answer_index(struct ctx *ctx, const char *db_path,
	struct buf *why);

/* The Cache-Control of a file of media_type (response.h's
 * RESP_CACHE_FILE_*); variant 1 for a resized copy quire made (struct
 * db_file's variant), which is immutable. */
const char *files_cache_control(const char *media_type, int variant);

#endif
