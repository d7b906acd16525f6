/* publish.c - the spare database, its recorded changes and the swap that
 * makes an import live (publish.h). */
#include <errno.h>
#include <fcntl.h>
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
#include "publish.h"

/* DB.changes: this header, then the changeset (sqlite3session). The
 * generations are 32 hex digits; bytes is the changeset's length, so
 * that a short file is refused rather than replayed in part. */
#define CHANGES_MAGIC	"quire changes 1\n"
#define BYTES_WIDTH	20

/* How long an import waits for a reader to end its request on the spare
 * (a request is far shorter: a search stops at 250 ms of CPU) before it
 * copies the live file instead. */
#define SPARE_WAIT_MS	3000

static int
fsync_path(const char *path, int dir)
{
	int fd = open(path, (dir ? O_RDONLY | O_DIRECTORY : O_RDONLY) |
	    O_CLOEXEC);
	int rc;

	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

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
	fsync_path(buf_cstr(&dir), 1);
	buf_free(&dir);
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

/* Reads DB.changes' header from f, leaving f at the changeset: 0 when it
 * is whole (the file holds exactly the bytes it announces). */
static int
read_header(FILE *f, char *from, char *to, size_t size)
{
	char magic[sizeof(CHANGES_MAGIC)], bytes[BYTES_WIDTH + 2], *end;
	struct stat st;
	long long n;
	long at;

	if (fgets(magic, sizeof(magic), f) == NULL ||
	    strcmp(magic, CHANGES_MAGIC) != 0 ||
	    header_line(f, "from", from, size) != 0 ||
	    header_line(f, "to", to, size) != 0 ||
	    header_line(f, "bytes", bytes, sizeof(bytes)) != 0)
		return -1;
	errno = 0;
	n = strtoll(bytes, &end, 10);
	if (errno != 0 || *end != '\0' || n < 0 || (at = ftell(f)) < 0 ||
	    fstat(fileno(f), &st) != 0 || st.st_size != at + n)
		return -1;
	return 0;
}

/* Writes DB.changes' header to f, bytes to be filled in by put_length. */
static int
write_header(FILE *f, const char *from, const char *to)
{
	return fprintf(f, "%sfrom %s\nto %s\nbytes %0*d\n", CHANGES_MAGIC,
	    from, to, BYTES_WIDTH, 0) < 0 ? -1 : 0;
}

/* Fills in the changeset's length in f's header, and syncs f. */
static int
put_length(FILE *f)
{
	long end, start;

	if (fflush(f) != 0 || (end = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0)
		return -1;
	/* The changeset starts after the header's four lines. */
	{
		int c, lines = 0;

		while (lines < 4 && (c = fgetc(f)) != EOF)
			if (c == '\n')
				lines++;
		if (lines < 4 || (start = ftell(f)) < 0)
			return -1;
	}
	if (fseek(f, start - 1 - BYTES_WIDTH, SEEK_SET) != 0 ||
	    fprintf(f, "%0*ld", BYTES_WIDTH, end - start) < 0 ||
	    fflush(f) != 0 || fsync(fileno(f)) != 0)
		return -1;
	return 0;
}

/* Writes DB.changes saying the spare is the live file's equal (both at
 * generation gen), with nothing to replay. */
static void
mark_equal(struct publish *pub, const char *gen)
{
	FILE *f;
	int fd;

	fd = open(pub->changes_tmp, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0600);
	f = fd >= 0 ? fdopen(fd, "w+b") : NULL;
	if (f == NULL) {
		if (fd >= 0)
			close(fd);
		return;
	}
	if (write_header(f, gen, gen) != 0 || put_length(f) != 0) {
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
	if (pub->spare_fd < 0)
		return "no spare";
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
	char from[40], to[40];
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
	if (dbw_generation(db, &gen, err) != 0)
		goto out;
	if (gen.len >= sizeof(pub->from)) {
		buf_printf(err, "%s: not a database quire wrote", db);
		goto out;
	}
	memcpy(pub->from, buf_cstr(&gen), gen.len + 1);

	/* Is the spare the database DB.changes starts from (or already the
	 * live one's equal)? */
	if ((f = fopen(pub->changes, "rb")) == NULL)
		reason = "";	/* none recorded: the usual first time */
	else if (read_header(f, from, to, sizeof(from)) != 0)
		reason = "its recorded changes are damaged";
	else if (*to == '\0' || strcmp(to, pub->from) != 0)
		reason = "";	/* recorded before the live file was
				 * replaced by other means */
	else if ((reason = lock_spare(pub)) != NULL)
		;
	else if (dbw_generation(pub->spare, &gen, &why) != 0)
		reason = "the spare cannot be read";
	else if (strcmp(buf_cstr(&gen), to) == 0)
		replay = 0;
	else if (*from != '\0' && strcmp(buf_cstr(&gen), from) == 0)
		replay = 1;
	else
		reason = "the spare is not the database its changes start "
		    "from";
	/* The spare is written from here on: it is trusted again only once
	 * a new DB.changes names it (publish_swap, publish_abandon). */
	if (unlink(pub->changes) == 0)
		sync_dir_of(db);
	pub->touched = 1;
	if (reason == NULL && replay && dbw_apply(pub->spare, f, &why) != 0)
		reason = buf_cstr(&why);
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
	    write_header(pub->out, pub->from, pub->gen) != 0) {
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
	if (pub->out == NULL)
		return 0;
	if (keep && put_length(pub->out) != 0)
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
		unlink(pub->changes);
		if ((errno != EINVAL && errno != ENOSYS &&
		    errno != EOPNOTSUPP) || rename(pub->spare, pub->live) != 0)
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
