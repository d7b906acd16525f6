/* files.h - a site's own files at import (page-bundle resources, the
 * static folders): their list and URLs, the checks on their names, their
 * media types (/etc/mime.types), their SHA-256, writing them into the
 * content-addressed store (store.h) and removing the store's files no
 * database row names. Importer only. */
#ifndef QUIRE_FILES_H
#define QUIRE_FILES_H

#include <sys/stat.h>

#include "buf.h"
#include "store.h"

/* Where the Debian package media-types keeps the extension table. */
#define FILES_MIME_TYPES "/etc/mime.types"
#define FILES_DEFAULT_TYPE "application/octet-stream"

/* One file the import stores. Every string is owned by the entry. */
struct site_file {
	char *url;		/* route under the base path, decoded */
	char *source;		/* path under the site folder ("static/CNAME");
				 * absolute for quire's own files */
	char *fs_path;		/* its name in messages, as the walk found it */
	char *open_path;	/* where to open it: a link's target, or NULL */
	dev_t dev;		/* the regular file the walk vetted */
	ino_t ino;
	long long size, mtime;
	int rank;		/* of two files at one URL, the lower wins */
	char hash[STORE_HASH_HEX + 1];	/* "" until known */
};

struct site_files {
	struct site_file *f;
	size_t n, cap;
};

/* Adds a copy of the file at fs_path (vetted: st is the regular file
 * found, open_path its link's target or NULL) to l, at url, with source
 * and rank. */
void files_add(struct site_files *l, const char *url, const char *source,
	const char *fs_path, const char *open_path, const struct stat *st,
	int rank);
/* Frees every entry of l and empties it. */
void files_free(struct site_files *l);
/* Sorts l by URL then rank, and drops the later files of each URL,
 * calling clash(arg, winner, loser) for each one dropped (may be NULL). */
void files_dedupe(struct site_files *l,
	void (*clash)(void *arg, const struct site_file *kept,
	    const struct site_file *dropped), void *arg);

/* Is the folder entry name (one path component) one the store takes:
 * valid UTF-8, no control character (C0, DEL, C1), not "."/"..")? If
 * not, appends why to why and returns 0. */
int files_name_ok(const char *name, struct buf *why);

/* Appends s to out as a message shows it: each byte of a control
 * character or of invalid UTF-8 as \xHH. */
void files_shown(const char *s, struct buf *out);

/* The extension table of /etc/mime.types, loaded once per import. */
struct mime_types {
	char **ext;		/* lower case, sorted */
	char **type;		/* type[i] is ext[i]'s */
	size_t n;
};

/* Loads the table at path into m (empty when it cannot be read: every
 * file is then FILES_DEFAULT_TYPE). Returns 0, or -1 with errno set. */
int mime_load(struct mime_types *m, const char *path);
/* The media type of a file named name, by its extension without case;
 * FILES_DEFAULT_TYPE when unknown. Owned by m. */
const char *mime_type(const struct mime_types *m, const char *name);
void mime_free(struct mime_types *m);

/* Reads f (still the file the walk vetted, at most limit bytes, in
 * chunks) and sets f->hash; then, unless the store dir holds that hash
 * already, writes the bytes there: a temporary name in dir, fsync,
 * rename to HH/REST, fsync of the folder. Sets *written to 1 when it
 * wrote. Returns 0, or -1 with "FILE: why" appended to err. */
int files_put(const char *dir, struct site_file *f, long long limit,
	int *written, struct buf *err);

/* Does dir hold the file of hash (64 hex digits)? */
int files_stored(const char *dir, const char *hash);

/* Removes from the store dir every file whose hash keep() does not know
 * (keep(arg, hash) returns nonzero to keep it), every temporary file a
 * killed import left, and emptied HH folders; counts the files removed
 * in *removed. Returns 0, or -1 with why appended to err. */
int files_sweep(const char *dir, int (*keep)(void *arg, const char *hash),
	void *arg, long *removed, struct buf *err);

/* fsync(2)s the folder path: what was created, renamed or removed in it
 * is durable. 0, or -1 (errno). */
int files_sync_dir(const char *path);

#endif
