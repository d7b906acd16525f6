/* files-serve.c - a site's stored files answered from the content-
 * addressed store: validators, conditionals, one Range, and the body
 * streamed by the worker or handed to nginx (X-Accel-Redirect). */
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "files-serve.h"
#include "store.h"

const char *
files_cache_control(const char *media_type, int variant)
{
	static const char *const text[] = { "text/", "application/javascript",
	    "application/json", "application/xml", "application/manifest+json" };
	size_t i;

	if (variant)
		return RESP_CACHE_FILE_IMMUTABLE;
	for (i = 0; i < sizeof(text) / sizeof(text[0]); i++)
		if (strncasecmp(media_type, text[i], strlen(text[i])) == 0)
			return RESP_CACHE_FILE_TEXT;
	return RESP_CACHE_FILE_MEDIA;
}

/* Does If-Range (a strong ETag, or the date the file was last modified)
 * still name this file? A weak tag never does (RFC 9110, 13.1.5). */
static int
if_range_holds(const char *if_range, const char *etag, long long mtime)
{
	if (if_range[0] == '"')
		return strcmp(if_range, etag) == 0;
	if (strncmp(if_range, "W/", 2) == 0)
		return 0;
	return resp_parse_http_date(if_range) == mtime;
}

/* Is the client's copy current: If-None-Match holds the ETag (weak
 * comparison, or "*": the file exists), or, without If-None-Match,
 * If-Modified-Since is no earlier than the file? */
static int
fresh(const struct req *r, const char *etag, long long mtime)
{
	long long since;

	if (r->if_none_match != NULL)
		return resp_etag_listed(r->if_none_match, etag);
	if (r->if_modified_since == NULL)
		return 0;
	since = resp_parse_http_date(r->if_modified_since);
	return since >= 0 && mtime <= since;
}

/* The stored file at url (decoded, under the base path) as the answer. */
static enum files_rc
answer_url(struct ctx *ctx, const char *db_path, const char *url,
    struct buf *why)
{
	const struct req *r = ctx->req;
	struct resp *resp = ctx->resp;
	struct buf etag = BUF_INIT, value = BUF_INIT;
	char dir[PATH_MAX], path[PATH_MAX];
	struct db_file f;
	struct stat st;
	enum files_rc rc = FILES_OK;
	long long off, len;
	int fd = -1, status;

	switch (db_file_by_url(ctx->db, url, &f)) {
	case DB_DONE:
		return FILES_NONE;
	case DB_ERROR:
		return FILES_DB_ERROR;
	case DB_ROW:
		break;
	}
	if (store_dir(db_path, dir, sizeof(dir)) != 0 ||
	    store_path(dir, f.hash, path, sizeof(path)) != 0 || f.size < 0) {
		buf_printf(why, "file %.200s: its row is damaged (hash "
		    "\"%.70s\", size %lld)", url, f.hash, f.size);
		rc = FILES_DAMAGED;
		goto out;
	}
	/* Under nginx the worker only looks (nginx opens it); else it
	 * opens the file it will stream, and checks that one. */
	if (r->accel_prefix == NULL) {
		fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
		if (fd < 0 || fstat(fd, &st) != 0)
			st.st_mode = 0;
	} else if (stat(path, &st) != 0) {
		st.st_mode = 0;
	}
	if (!S_ISREG(st.st_mode) || (long long)st.st_size != f.size) {
		buf_printf(why, "file %.200s: its store file %.300s is %s",
		    url, path, !S_ISREG(st.st_mode) ? "missing" :
		    "not of the size the database says");
		rc = FILES_DAMAGED;
		goto out;
	}

	resp_reset(resp);
	resp_set_type(resp, f.media_type);
	resp->cache = files_cache_control(f.media_type, f.variant);
	buf_printf(&etag, "\"%s\"", f.hash);
	resp_header(resp, "ETag", buf_cstr(&etag));
	resp_http_date(&value, f.mtime);
	resp_header(resp, "Last-Modified", buf_cstr(&value));
	/* (nginx says it itself of the files it sends: once is enough.) */
	if (r->accel_prefix == NULL)
		resp_header(resp, "Accept-Ranges", "bytes");
	if (fresh(r, buf_cstr(&etag), f.mtime)) {
		resp->status = 304;
		goto out;
	}
	if (r->accel_prefix != NULL) {
		/* nginx sends the bytes, and answers Range and If-Range
		 * itself with these validators (nginx/quire.conf). */
		buf_reset(&value);
		buf_printf(&value, "%s%.2s/%s", r->accel_prefix, f.hash,
		    f.hash + 2);
		resp_header(resp, "X-Accel-Redirect", buf_cstr(&value));
		goto out;
	}
	/* Range is a GET's alone (RFC 9110, 14.2); HEAD gets the whole
	 * answer's head. */
	status = 200;
	off = 0;
	len = f.size;
	if (r->method == REQ_GET && (r->if_range == NULL ||
	    if_range_holds(r->if_range, buf_cstr(&etag), f.mtime)))
		status = req_range_resolve(&r->range, f.size, &off, &len);
	buf_reset(&value);
	if (status == 416) {
		resp->status = 416;
		buf_printf(&value, "bytes */%lld", f.size);
		resp_header(resp, "Content-Range", buf_cstr(&value));
		goto out;
	}
	if (status == 206) {
		buf_printf(&value, "bytes %lld-%lld/%lld", off, off + len - 1,
		    f.size);
		resp_header(resp, "Content-Range", buf_cstr(&value));
	}
	resp->status = status;
	resp_body_file(resp, fd, off, len);
	fd = -1;
out:
	if (fd >= 0)
		close(fd);
	buf_free(&etag);
	buf_free(&value);
	return rc;
}

enum files_rc
files_answer(struct ctx *ctx, const char *db_path, struct buf *why)
{
	return answer_url(ctx, db_path, ctx->req->decoded, why);
}

enum files_rc
files_answer_index(struct ctx *ctx, const char *db_path, struct buf *why)
{
	const char *url = ctx->req->decoded;
	struct buf index = BUF_INIT;
	enum files_rc rc;

	if (url[0] == '\0' || url[strlen(url) - 1] != '/')
		return FILES_NONE;
	buf_printf(&index, "%sindex.html", url);
	rc = answer_url(ctx, db_path, buf_cstr(&index), why);
	buf_free(&index);
	return rc;
}
