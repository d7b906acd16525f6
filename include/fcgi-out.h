/* fcgi-out.h - a response's bytes written to nginx as FastCGI STDOUT
 * records of up to 64 KiB, all of them with one writev(2).
 *
 * Why not libfcgi's FCGX_PutStr: its output stream is an 8 KiB buffer,
 * written as one record and one write(2) each time it fills. A code
 * article's 105 KB then costs 13 writes, and nginx wakes for each; the
 * page's transport cost twice the worker CPU of the same bytes sent in
 * two records (bench/run.sh, the code article). libfcgi still accepts
 * the connection, reads the parameters and, at FCGX_Finish_r(), ends
 * the stream and the request: this module writes only the records in
 * between, so nothing may be put into the request's libfcgi out stream
 * before it (its buffer would be written after ours).
 *
 * The record layout is the FastCGI specification's (1996, section 3.3):
 * an 8-byte header (version 1, type 6 FCGI_STDOUT, request id and
 * content length big-endian, padding length, a reserved byte), the
 * content, and padding to a multiple of 8 bytes as libfcgi writes it. */
#ifndef QUIRE_FCGI_OUT_H
#define QUIRE_FCGI_OUT_H

#include <stddef.h>
#include <sys/uio.h>

/* The largest content a record carries: the 16-bit length's maximum
 * rounded down to a multiple of 8, so only the last record is padded. */
#define FCGI_OUT_RECORD 65528u

/* The most parts one call takes (a response has four: its head, the body
 * before its spliced part, that part, and the rest). */
#define FCGI_OUT_MAX_PARTS 64

/* Writes the n parts (at most FCGI_OUT_MAX_PARTS), in order, to fd as the STDOUT records of request
 * request_id, retrying short writes and EINTR. Empty parts are skipped
 * and an empty whole writes nothing (an empty STDOUT record would end
 * the stream). Returns 0, or -1 with errno: EINVAL for too many parts,
 * or a failed write's (nginx went away: the answer is cut short). */
int fcgi_out_write(int fd, int request_id, const struct iovec *parts,
    size_t n);

#endif
