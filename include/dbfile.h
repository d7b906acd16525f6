/* dbfile.h - the database file as the importer and the worker both see
 * it: whether SQLite's header says it is in WAL mode, which decides how
 * each opens it (see the README's "Publishing"). */
#ifndef QUIRE_DBFILE_H
#define QUIRE_DBFILE_H

enum dbfile_mode {
	DBFILE_MISSING,		/* no file at the path */
	DBFILE_ROLLBACK,	/* a rollback-journal database: the importer
				 * replaces it whole, readers open it
				 * immutable */
	DBFILE_WAL,		/* a WAL database: the importer writes it in
				 * place, readers take read locks on its -shm */
	DBFILE_OTHER,		/* not a regular file, empty, or not SQLite */
};

/* The mode of the database file at path, from its 100-byte header (the
 * file format's read and write versions, bytes 18 and 19). Opens nothing
 * for writing and never waits on a FIFO. */
enum dbfile_mode dbfile_mode(const char *path);
/* Does the WAL database at path have its -wal and -shm files, both
 * regular? A reader opens them read-only and cannot make them, and the
 * last read-write connection to close (sqlite3's shell, say) removes
 * them: without them the worker reads the file immutable and the
 * importer replaces it whole (which makes them) instead of writing it in
 * place under such a reader. 1 or 0. */
int dbfile_companions(const char *path);

#endif
