/* publish.h - how an import's database becomes the live one (import.c
 * drives it, db.c's readers cooperate).
 *
 * An import never writes the live file DB. It writes a second file,
 * DB.spare, then swaps the two names in one step (renameat2's
 * RENAME_EXCHANGE): a reader opens the old database or the new one,
 * never a mix, and the file that was live stays beside it as the next
 * import's spare.
 *
 * The spare is one import behind. Each import records its changes (a
 * SQLite session changeset) in DB.changes, headed by two generations:
 * the live file's before the import, and the one the import gave its
 * result. The next import replays them on the spare when the spare and
 * the live file are the databases that header names, and so starts from
 * a copy of the live file without copying it: publishing one post costs
 * what changes, not the whole file. A first import copies its new file
 * into a spare once it is live. Anything else (no spare, a schema
 * migration, an import too large to record, a crash while the spare was
 * being written, a database changed by other means, a file system
 * without the exchange) falls back to copying the live file, as every
 * import did before. Only for local file systems: the exchange and
 * flock(2) are what this rests on.
 *
 * The spare is trusted only while DB.changes names it: the importer
 * removes DB.changes before it writes the spare, and writes the next one
 * only once the spare is committed. A reader still on the previous file
 * holds a shared flock(2) on it for each request (db.c); the importer
 * takes it exclusive before writing the spare in place, so that request
 * ends on the file it began on. One importer at a time (DB.lock). */
#ifndef QUIRE_PUBLISH_H
#define QUIRE_PUBLISH_H

#include <stdio.h>

#include "buf.h"

struct publish {
	char *live;		/* DB */
	char *spare;		/* DB.spare: the import's working file */
	char *changes;		/* DB.changes */
	char *changes_tmp;	/* DB.changes-tmp, renamed to DB.changes */
	int spare_fd;		/* the spare, flock'ed exclusive, or -1 */
	int has_live;		/* DB exists */
	int in_place;		/* the spare was kept, not copied */
	int touched;		/* the spare has been written this import */
	char from[40];		/* the live file's generation ("" none) */
	char live_id[80];	/* its identity (publish.c) */
	char why[160];		/* a reason lock_spare() gives */
	char gen[40];		/* the generation this import gives */
	FILE *out;		/* DB.changes-tmp, open for dbw_commit() */
	FILE *log;		/* where dbw_copy() says why it failed */
};

/* Makes pub->spare a database equal to the live file DB (or a new empty
 * one when there is none), locked for this import: the spare brought up
 * to date, or a fresh copy. Says what it fell back on, and why, on log
 * when verbose. 0, or -1 with err. */
int publish_prepare(struct publish *pub, const char *db, int verbose,
	FILE *log, struct buf *err);
/* The file this import's changes are to be written to (header written),
 * or NULL when there is no live file to swap with. */
FILE *publish_changes(struct publish *pub, struct buf *err);
/* After the import committed in the spare (recorded: its changes were
 * written to publish_changes()'s file): makes the spare the live file.
 * 0, or -1 with err (the live file is then as it was). */
int publish_swap(struct publish *pub, int recorded, struct buf *err);
/* After a failed import: clean is 1 when the import's transaction was
 * rolled back whole, and the spare is still the live file's equal and
 * is kept for the next import. */
void publish_abandon(struct publish *pub, int clean);
void publish_free(struct publish *pub);

#endif
