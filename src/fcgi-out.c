/* fcgi-out.c - STDOUT records written whole (see fcgi-out.h). */
#include <errno.h>
#include <sys/uio.h>

#include "fcgi-out.h"

#define FCGI_VERSION_1 1
#define FCGI_STDOUT 6

/* Records a batch holds before it is written: 16 records are 1 MiB. */
#define BATCH_RECORDS 16
/* A batch's iovecs: each record's header, the parts it spans and its
 * padding. */
#define BATCH_IOVS 256
_Static_assert(BATCH_IOVS >= FCGI_OUT_MAX_PARTS + 2, "a record fits");

/* Writes cnt iovecs whole, retrying short writes and EINTR; 0 or -1.
 * iov is consumed. */
static int
write_all(int fd, struct iovec *iov, int cnt)
{
	while (cnt > 0) {
		ssize_t w = writev(fd, iov, cnt);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		while (cnt > 0 && (size_t)w >= iov->iov_len) {
			w -= (ssize_t)iov->iov_len;
			iov++;
			cnt--;
		}
		if (cnt > 0) {
			iov->iov_base = (char *)iov->iov_base + w;
			iov->iov_len -= (size_t)w;
		}
	}
	return 0;
}

static void
put_header(unsigned char h[8], int request_id, size_t len, size_t pad)
{
	h[0] = FCGI_VERSION_1;
	h[1] = FCGI_STDOUT;
	h[2] = (unsigned char)((request_id >> 8) & 0xff);
	h[3] = (unsigned char)(request_id & 0xff);
	h[4] = (unsigned char)((len >> 8) & 0xff);
	h[5] = (unsigned char)(len & 0xff);
	h[6] = (unsigned char)pad;
	h[7] = 0;
}

int
fcgi_out_write(int fd, int request_id, const struct iovec *parts, size_t n)
{
	static const unsigned char zeros[8];
	unsigned char headers[BATCH_RECORDS][8];
	struct iovec iov[BATCH_IOVS];
	size_t left = 0, i, part = 0, off = 0;
	int cnt = 0, nrec = 0;

	if (n > FCGI_OUT_MAX_PARTS) {
		errno = EINVAL;
		return -1;
	}
	for (i = 0; i < n; i++)
		left += parts[i].iov_len;
	while (left > 0) {
		size_t len = left < FCGI_OUT_RECORD ? left : FCGI_OUT_RECORD;
		size_t pad = (8 - len % 8) % 8, want = len;

		/* A full batch, or one without room for this record's
		 * iovecs at their most, is written first. */
		if (nrec == BATCH_RECORDS || cnt + 2 + (int)(n - part) >
		    BATCH_IOVS) {
			if (write_all(fd, iov, cnt) != 0)
				return -1;
			cnt = nrec = 0;
		}
		put_header(headers[nrec], request_id, len, pad);
		iov[cnt].iov_base = headers[nrec++];
		iov[cnt++].iov_len = 8;
		while (want > 0) {
			size_t take = parts[part].iov_len - off;

			if (take == 0) {
				part++;
				off = 0;
				continue;
			}
			if (take > want)
				take = want;
			iov[cnt].iov_base = (char *)parts[part].iov_base + off;
			iov[cnt++].iov_len = take;
			off += take;
			want -= take;
		}
		if (pad > 0) {
			iov[cnt].iov_base = (void *)zeros;
			iov[cnt++].iov_len = pad;
		}
		left -= len;
	}
	return write_all(fd, iov, cnt);
}
