/* publish.c - the spare database, its recorded changes and the swap that
 * makes an import live (publish.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "dbw.h"
#include "files.h"
#include "publish.h"

/* DB.changes: this header, then the changeset (sqlite3session):
 *   from G	the generation the changes start from (the spare's)
 *   to G	the generation they make (the live file's)
 *   spare ID	the spare file's identity, and
 *   live ID	the live file's (file_identity): a file changed by other
 *		means than an import (sqlite3, an older quire, a restored
 *		backup) no longer matches, and is copied rather than trusted
 *   bytes N	the changeset's length: a short file is refused rather than
 *		replayed in part
 * The live and bytes lines are filled in once the import committed. */
#define CHANGES_MAGIC	"quire changes 2\n"
#define ID_WIDTH	73	/* file_identity()'s, fixed */
#define BYTES_WIDTH	20

/* How long an import waits for a reader to end its request on the spare
 * (a request is far shorter: a search stops at 250 ms of CPU) before it
 * copies the live file instead. */
#define SPARE_WAIT_MS	3000

/* Makes what was renamed or removed in path's folder durable. */
static void
sync_dir_of(const char *path)
{
	struct buf dir = BUF_INIT;
	char *slash;

	buf_puts(&dir, path);
	slash = strrchr(dir.data, '/');
	if (slash == NULL)
		buf_reset(&dir), buf_puts(&dir, ".");
	else
		*(slash == dir.data ? slash + 1 : slash) = '\0';
	files_sync_dir(buf_cstr(&dir));
	buf_free(&dir);
}

/* A file's identity: device, inode, size, and SQLite's file change
 * counter (bytes 24-27 of its header, bumped by every transaction that
 * writes it), in ID_WIDTH characters. */
static int
file_identity(int fd, char *out, size_t size)
{
	unsigned char c[4];
	struct stat st;

	if (fstat(fd, &st) != 0 || pread(fd, c, sizeof(c), 24) != 4)
		return -1;
	snprintf(out, size, "%020ju:%020ju:%020jd:%010lu",
	    (uintmax_t)st.st_dev, (uintmax_t)st.st_ino, (intmax_t)st.st_size,
	    (unsigned long)c[0] << 24 | (unsigned long)c[1] << 16 |
	    (unsigned long)c[2] << 8 | (unsigned long)c[3]);
	return 0;
}

static int
path_identity(const char *path, char *out, size_t size)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC), rc;

	if (fd < 0)
		return -1;
	rc = file_identity(fd, out, size);
	close(fd);
	return rc;
}

static char *
name(const char *db, const char *suffix)
{
	struct buf b = BUF_INIT;

	buf_printf(&b, "%s%s", db, suffix);
	return buf_detach(&b);
}

/* A new generation: 128 random bits in hex. */
static int
new_generation(char *out, size_t size)
{
	unsigned char r[16];
	size_t i, got = 0;
	ssize_t n;

	while (got < sizeof(r)) {
		n = getrandom(r + got, sizeof(r) - got, 0);
		if (n < 0 && errno != EINTR)
			return -1;
		if (n > 0)
			got += (size_t)n;
	}
	for (i = 0; i < sizeof(r) && 2 * i + 2 < size; i++)
		snprintf(out + 2 * i, 3, "%02x", r[i]);
	return 0;
}

/* Reads a header line "KEY VALUE\n" into value (at most size-1 bytes). */
static int
header_line(FILE *f, const char *key, char *value, size_t size)
{
	char line[96];
	size_t n = strlen(key), len;

	if (fgets(line, sizeof(line), f) == NULL ||
	    strncmp(line, key, n) != 0 || line[n] != ' ')
		return -1;
	len = strlen(line + n + 1);
	if (len < 2 || line[n + len] != '\n' || len > size)
		return -1;
	memcpy(value, line + n + 1, len - 1);
	value[len - 1] = '\0';
	return 0;
}

/* DB.changes' header. */
struct header {
	char from[40], to[40];
	char spare[ID_WIDTH + 1], live[ID_WIDTH + 1];
};

/* Reads DB.changes' header from f, leaving f at the changeset: 0 when it
 * is whole (the file holds exactly the bytes it announces). */
static int
read_header(FILE *f, struct header *h)
{
	char magic[sizeof(CHANGES_MAGIC)], bytes[BYTES_WIDTH + 2], *end;
	struct stat st;
	long long n;
	long at;

	if (fgets(magic, sizeof(magic), f) == NULL ||
	    strcmp(magic, CHANGES_MAGIC) != 0 ||
	    header_line(f, "from", h->from, sizeof(h->from)) != 0 ||
	    header_line(f, "to", h->to, sizeof(h->to)) != 0 ||
	    header_line(f, "spare", h->spare, sizeof(h->spare)) != 0 ||
	    header_line(f, "live", h->live, sizeof(h->live)) != 0 ||
	    header_line(f, "bytes", bytes, sizeof(bytes)) != 0)
		return -1;
	errno = 0;
	n = strtoll(bytes, &end, 10);
	if (errno != 0 || *end != '\0' || n < 0 || (at = ftell(f)) < 0 ||
	    fstat(fileno(f), &st) != 0 || st.st_size != at + n)
		return -1;
	return 0;
}

/* Writes DB.changes' header to f; live and bytes are filled in by
 * finish_header(). */
static int
write_header(FILE *f, const char *from, const char *to, const char *spare)
{
	return fprintf(f, "%sfrom %s\nto %s\nspare %s\nlive %*s\nbytes %0*d\n",
	    CHANGES_MAGIC, from, to, spare, ID_WIDTH, "", BYTES_WIDTH, 0) < 0 ?
	    -1 : 0;
}

/* Fills in the live file's identity and the changeset's length in f's
 * header, and syncs f. */
static int
finish_header(FILE *f, const char *live)
{
	long end, start;
	int c, lines = 0;

	if (fflush(f) != 0 || (end = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0)
		return -1;
	/* The changeset starts after the header's six lines. */
	while (lines < 6 && (c = fgetc(f)) != EOF)
		if (c == '\n')
			lines++;
	if (lines < 6 || (start = ftell(f)) < 0)
		return -1;
	if (fseek(f, start - 1 - BYTES_WIDTH - 7 - ID_WIDTH, SEEK_SET) != 0 ||
	    fprintf(f, "%-*s\nbytes %0*ld", ID_WIDTH, live, BYTES_WIDTH,
	    end - start) < 0 || fflush(f) != 0 || fsync(fileno(f)) != 0)
		return -1;
	return 0;
}

/* Writes DB.changes saying the spare is the live file's equal (both at
 * generation gen), with nothing to replay. */
static void
mark_equal(struct publish *pub, const char *gen)
{
	char spare[ID_WIDTH + 1], live[ID_WIDTH + 1];
	FILE *f;
	int fd;

	/* Durable before it is said to be. */
	if (pub->spare_fd < 0 || fsync(pub->spare_fd) != 0 ||
	    file_identity(pub->spare_fd, spare, sizeof(spare)) != 0 ||
	    path_identity(pub->live, live, sizeof(live)) != 0)
		return;
	fd = open(pub->changes_tmp, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0600);
	f = fd >= 0 ? fdopen(fd, "w+b") : NULL;
	if (f == NULL) {
		if (fd >= 0)
			close(fd);
		return;
	}
	if (write_header(f, gen, gen, spare) != 0 ||
	    finish_header(f, live) != 0) {
		fclose(f);
		unlink(pub->changes_tmp);
	} else if (fclose(f) != 0 ||
	    rename(pub->changes_tmp, pub->changes) != 0) {
		unlink(pub->changes_tmp);
	}
}

/* Opens and locks the spare for writing; NULL, or why not. */
static const char *
lock_spare(struct publish *pub)
{
	struct stat st, live;
	struct timespec pause = { 0, 10 * 1000000 };
	int waited;

	pub->spare_fd = open(pub->spare, O_RDWR | O_NOFOLLOW | O_NONBLOCK |
	    O_CLOEXEC);
	if (pub->spare_fd < 0) {
		snprintf(pub->why, sizeof(pub->why), "the spare: %s",
		    strerror(errno));
		return pub->why;
	}
	if (fstat(pub->spare_fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    stat(pub->live, &live) != 0 || (st.st_ino == live.st_ino &&
	    st.st_dev == live.st_dev))
		return "the spare is not a file of its own";
	for (waited = 0; flock(pub->spare_fd, LOCK_EX | LOCK_NB) != 0;
	    waited += 10) {
		if (errno != EWOULDBLOCK || waited >= SPARE_WAIT_MS)
			return "a reader kept the spare open";
		nanosleep(&pause, NULL);
	}
	return NULL;
}

/* Replaces the spare with a new file, a copy of the live one if any. */
static int
fresh_spare(struct publish *pub, FILE *log, struct buf *err)
{
	if (pub->spare_fd >= 0)
		close(pub->spare_fd);
	unlink(pub->spare);
	/* Private before SQLite writes a draft into it. */
	pub->spare_fd = open(pub->spare, O_RDWR | O_CREAT | O_EXCL |
	    O_CLOEXEC, 0600);
	if (pub->spare_fd < 0 || flock(pub->spare_fd, LOCK_EX) != 0) {
		buf_printf(err, "%s: %s", pub->spare, strerror(errno));
		return -1;
	}
	pub->touched = 1;
	if (pub->has_live && dbw_copy(pub->live, pub->spare, log) != 0) {
		buf_printf(err, "%s: cannot copy the live database",
		    pub->live);
		return -1;
	}
	return 0;
}

int
publish_prepare(struct publish *pub, const char *db, int verbose,
    FILE *log, struct buf *err)
{
	char spare_id[ID_WIDTH + 1];
	struct header h;
	struct buf gen = BUF_INIT, why = BUF_INIT;
	const char *reason = NULL;
	struct stat st;
	FILE *f = NULL;
	int replay = 0, rc = -1;

	memset(pub, 0, sizeof(*pub));
	pub->spare_fd = -1;
	pub->live = xstrdup(db);
	pub->log = log;
	pub->spare = name(db, ".spare");
	pub->changes = name(db, ".changes");
	pub->changes_tmp = name(db, ".changes-tmp");
	if (new_generation(pub->gen, sizeof(pub->gen)) != 0) {
		buf_printf(err, "no random numbers: %s", strerror(errno));
		goto out;
	}
	unlink(pub->changes_tmp);
	pub->has_live = stat(db, &st) == 0;
	if (!pub->has_live) {
		unlink(pub->changes);
		rc = fresh_spare(pub, log, err);
		goto out;
	}
	/* A live file quire did not write (an empty file made ready for
	 * it, an older quire's) has no generation: it is copied, and the
	 * copy says what is wrong with it if anything is. */
	if (path_identity(db, pub->live_id, sizeof(pub->live_id)) != 0 ||
	    dbw_generation(db, &gen, &why) != 0 || gen.len >= sizeof(pub->from))
		buf_reset(&gen);
	memcpy(pub->from, buf_cstr(&gen), gen.len + 1);

	/* Is the spare the database DB.changes starts from (or already the
	 * live one's equal), and the live file the one it made? */
	if ((f = fopen(pub->changes, "rb")) == NULL)
		reason = "";	/* none recorded: the usual first time */
	else if (read_header(f, &h) != 0)
		reason = "its recorded changes are damaged";
	else if (*pub->from == '\0' || strcmp(h.to, pub->from) != 0 ||
	    strcmp(h.live, pub->live_id) != 0)
		reason = "";	/* the live file was replaced or changed by
				 * other means since */
	else if ((reason = lock_spare(pub)) != NULL)
		;
	else if (file_identity(pub->spare_fd, spare_id, sizeof(spare_id)) !=
	    0 || strcmp(spare_id, h.spare) != 0)
		reason = "the spare was changed by other means";
	else if (dbw_generation(pub->spare, &gen, &why) != 0)
		reason = "the spare cannot be read";
	else if (strcmp(buf_cstr(&gen), h.to) == 0)
		replay = 0;
	else if (*h.from != '\0' && strcmp(buf_cstr(&gen), h.from) == 0)
		replay = 1;
	else
		reason = "the spare is not the database its changes start "
		    "from";
	/* The spare is written from here on: it is trusted again only once
	 * a new DB.changes names it (publish_swap, mark_equal). */
	if (unlink(pub->changes) == 0)
		sync_dir_of(db);
	pub->touched = 1;
	if (reason == NULL && replay) {
		buf_reset(&why);
		if (dbw_apply(pub->spare, f, &why) != 0)
			reason = buf_cstr(&why);
	}
	if (reason == NULL) {
		pub->in_place = 1;
		rc = 0;
		goto out;
	}
	if (verbose && *reason != '\0')
		fprintf(log, "quire: %s: copying the live database (%s)\n", db,
		    reason);
	rc = fresh_spare(pub, log, err);
out:
	if (f != NULL)
		fclose(f);
	buf_free(&gen);
	buf_free(&why);
	return rc;
}

FILE *
publish_changes(struct publish *pub, struct buf *err)
{
	int fd;

	if (!pub->has_live || *pub->from == '\0')
		return NULL;
	/* It holds drafts, as the database does. */
	fd = open(pub->changes_tmp, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0600);
	if (fd < 0 || (pub->out = fdopen(fd, "w+b")) == NULL ||
	    write_header(pub->out, pub->from, pub->gen, pub->live_id) != 0) {
		buf_printf(err, "%s: %s", pub->changes_tmp, strerror(errno));
		if (pub->out == NULL && fd >= 0)
			close(fd);
		return NULL;
	}
	return pub->out;
}

/* Closes DB.changes-tmp: kept (1) when whole and synced, else removed. */
static int
close_changes(struct publish *pub, int keep)
{
	char live[ID_WIDTH + 1];

	if (pub->out == NULL)
		return 0;
	/* The spare, committed, is the next live file. */
	if (keep && (pub->spare_fd < 0 ||
	    file_identity(pub->spare_fd, live, sizeof(live)) != 0 ||
	    finish_header(pub->out, live) != 0))
		keep = 0;
	if (fclose(pub->out) != 0)
		keep = 0;
	pub->out = NULL;
	if (!keep)
		unlink(pub->changes_tmp);
	return keep;
}

int
publish_swap(struct publish *pub, int recorded, struct buf *err)
{
	struct buf why = BUF_INIT;

	recorded = close_changes(pub, recorded);
	if (fsync(pub->spare_fd) != 0) {
		buf_printf(err, "%s: %s", pub->spare, strerror(errno));
		return -1;
	}
	/* Unlocked first: from the swap on, readers may take it. */
	close(pub->spare_fd);
	pub->spare_fd = -1;
	if (recorded && rename(pub->changes_tmp, pub->changes) != 0)
		unlink(pub->changes_tmp);
	if (!pub->has_live) {
		if (rename(pub->spare, pub->live) != 0)
			goto fail;
		sync_dir_of(pub->live);
		/* A first import: the next one wants a spare. Copied now,
		 * once the new file is live, so that the first edit
		 * published costs what changes, as every later one. */
		pub->has_live = 1;
		if (fresh_spare(pub, pub->log, &why) == 0)
			mark_equal(pub, pub->gen);
		else
			unlink(pub->spare);
		buf_free(&why);
		return 0;
	} else if (renameat2(AT_FDCWD, pub->spare, AT_FDCWD, pub->live,
	    RENAME_EXCHANGE) != 0) {
		/* A file system without the exchange: the old file goes,
		 * and the next import copies. */
		int e = errno;

		unlink(pub->changes);
		errno = e;
		if ((e != EINVAL && e != ENOSYS && e != EOPNOTSUPP) ||
		    rename(pub->spare, pub->live) != 0)
			goto fail;
	}
	sync_dir_of(pub->live);
	return 0;
fail:
	buf_printf(err, "%s: cannot replace: %s", pub->live, strerror(errno));
	return -1;
}

void
publish_abandon(struct publish *pub, int clean)
{
	close_changes(pub, 0);
	if (pub->live == NULL)
		return;
	/* The spare holds the live file's content again (brought up to
	 * date or copied, the import rolled back): say so. */
	if (!pub->has_live)
		unlink(pub->spare);
	else if (clean && pub->touched && *pub->from != '\0')
		mark_equal(pub, pub->from);
	if (pub->spare_fd >= 0) {
		close(pub->spare_fd);
		pub->spare_fd = -1;
	}
}

void
publish_free(struct publish *pub)
{
	if (pub->spare_fd >= 0)
		close(pub->spare_fd);
	if (pub->out != NULL)
		fclose(pub->out);
	free(pub->live);
	free(pub->spare);
	free(pub->changes);
	free(pub->changes_tmp);
	memset(pub, 0, sizeof(*pub));
	pub->spare_fd = -1;
}
