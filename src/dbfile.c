/* dbfile.c - a database file's mode from its header (see dbfile.h). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dbfile.h"

enum dbfile_mode
dbfile_mode(const char *path)
{
	static const char magic[16] = "SQLite format 3";
	unsigned char head[100];
	struct stat st;
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? DBFILE_MISSING : DBFILE_OTHER;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return DBFILE_OTHER;
	}
	n = pread(fd, head, sizeof(head), 0);
	close(fd);
	if (n != (ssize_t)sizeof(head) || memcmp(head, magic, 16) != 0)
		return DBFILE_OTHER;
	/* 1: legacy (rollback journal); 2: WAL. */
	if (head[18] == 2 && head[19] == 2)
		return DBFILE_WAL;
	if (head[18] == 1 && head[19] == 1)
		return DBFILE_ROLLBACK;
	return DBFILE_OTHER;
}

int
dbfile_companions(const char *path)
{
	static const char *const suffix[] = { "-wal", "-shm" };
	char name[PATH_MAX];
	struct stat st;
	size_t i;

	for (i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++) {
		if ((size_t)snprintf(name, sizeof(name), "%s%s", path,
		    suffix[i]) >= sizeof(name) || stat(name, &st) != 0 ||
		    !S_ISREG(st.st_mode))
			return 0;
	}
	return 1;
}
