/* readfile.c - reads regular files for the importer, never blocking on a
 * FIFO or a device (readfile.h). */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "readfile.h"

enum readfile_rc
readfile_regular(const char *path, int nofollow, const struct stat *want,
    size_t max, struct buf *out)
{
	char chunk[65536];
	struct stat st;
	enum readfile_rc rc = READFILE_ERRNO;
	ssize_t n;
	size_t start = out->len;
	int fd, saved;

	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC |
	    (nofollow ? O_NOFOLLOW : 0));
	if (fd < 0)
		return READFILE_ERRNO;
	if (fstat(fd, &st) != 0)
		goto out;
	if (!S_ISREG(st.st_mode) || (want != NULL &&
	    (st.st_dev != want->st_dev || st.st_ino != want->st_ino))) {
		rc = READFILE_NOT_REGULAR;
		goto out;
	}
	for (;;) {
		n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			goto out;
		if (n == 0)
			break;
		buf_add(out, chunk, (size_t)n);
		if (out->len - start > max) {
			rc = READFILE_TOO_BIG;
			goto out;
		}
	}
	rc = READFILE_OK;
out:
	saved = errno;
	if (rc != READFILE_OK && out->data != NULL) {
		out->len = start;	/* nothing half read is left */
		out->data[start] = '\0';
	}
	close(fd);
	errno = saved;
	return rc;
}
