/* readfile.h - how the importer reads a file it was given or found: a
 * regular file only, opened without blocking, so that a FIFO or a device
 * named like a post or a config file is refused instead of hanging the
 * import while it holds the lock. */
#ifndef QUIRE_READFILE_H
#define QUIRE_READFILE_H

#include <stddef.h>
#include <sys/stat.h>

#include "buf.h"

enum readfile_rc {
	READFILE_OK,
	READFILE_ERRNO,		/* open or read failed: see errno */
	READFILE_NOT_REGULAR,	/* not a regular file, or not the one in want */
	READFILE_TOO_BIG,	/* more than max bytes */
};

/* Appends the contents of the regular file at path to out, at most max
 * bytes. With nofollow, a symbolic link at the last step is refused (the
 * caller vetted the path already); with want, the file must be that one
 * (same device and inode as the caller's lstat saw). On failure out is
 * as it was. */
enum readfile_rc readfile_regular(const char *path, int nofollow,
	const struct stat *want, size_t max, struct buf *out);

#endif
