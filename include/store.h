/* store.h - where the content-addressed file store lives, for the
 * importer that fills it and the worker that serves from it.
 *
 * A site's files (page-bundle resources, static/) are kept beside the
 * database, not in it: for the database NAME.db the store is NAME.files/
 * (a name without the .db suffix gets .files appended whole), and the
 * file whose SHA-256 is the 64 lower-case hex digits HHREST lives at
 * NAME.files/HH/REST. Schema 015's file table maps URLs to hashes. */
#ifndef QUIRE_STORE_H
#define QUIRE_STORE_H

#include <stddef.h>

#define STORE_HASH_HEX 64	/* hex digits of a SHA-256 */

/* Writes the store folder for the database at db_path into out (size
 * outsz), without a trailing slash. Returns 0, or -1 when it does not
 * fit. */
int store_dir(const char *db_path, char *out, size_t outsz);

/* Writes DIR/HH/REST for the hash into out (size outsz). Returns 0, or
 * -1 when hash is not 64 lower-case hex digits or the path does not
 * fit: a damaged row never names a path outside the store. */
int store_path(const char *dir, const char *hash, char *out, size_t outsz);

#endif
