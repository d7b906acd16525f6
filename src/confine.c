/* confine.c - the worker's seccomp allow-list, with libseccomp: after
 * start-up only the calls below are allowed, and any other kills it. */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <seccomp.h>

#include "confine.h"

/* What the worker needs once confined, found with strace on every
 * integration suite (nginx + spawn-fcgi on a unix socket and on TCP,
 * Apache with mod_proxy_fcgi, mod_fcgid, mod_cgi and mod_cgid, plain CGI)
 * and on a replaced, a missing and a corrupt database, HEAD, POST and
 * SIGTERM. Where glibc picks one of several calls by architecture or
 * version (fstat or newfstatat, poll or ppoll), all of them are listed;
 * a name the architecture does not have matches nothing. */
static const int allowed[] = {
	/* The FastCGI connection (libfcgi), or CGI's stdin and stdout, and
	 * log lines on stderr. */
	SCMP_SYS(read), SCMP_SYS(readv), SCMP_SYS(write), SCMP_SYS(writev),
	SCMP_SYS(close), SCMP_SYS(shutdown),
	SCMP_SYS(poll), SCMP_SYS(ppoll), SCMP_SYS(ppoll_time64),
	SCMP_SYS(select), SCMP_SYS(_newselect), SCMP_SYS(pselect6),
	SCMP_SYS(pselect6_time64),
	/* The database: SQLite reads with pread, stats the file, resolves
	 * its path (lstat, readlink, getcwd for a relative one) and checks
	 * its pid; the worker stats the file to see it replaced. A stored
	 * file (files-serve.c) needs no more: an open read-only (below),
	 * fstat, pread, close; under nginx a stat. */
	SCMP_SYS(pread64), SCMP_SYS(preadv), SCMP_SYS(lseek), SCMP_SYS(_llseek),
	SCMP_SYS(stat), SCMP_SYS(lstat), SCMP_SYS(fstat), SCMP_SYS(newfstatat),
	SCMP_SYS(stat64), SCMP_SYS(lstat64), SCMP_SYS(fstat64),
	SCMP_SYS(fstatat64), SCMP_SYS(statx),
	SCMP_SYS(access), SCMP_SYS(faccessat), SCMP_SYS(faccessat2),
	SCMP_SYS(readlink), SCMP_SYS(readlinkat), SCMP_SYS(getcwd),
	SCMP_SYS(getpid),
	/* A request holds the database file shared (db_hold). */
	SCMP_SYS(flock),
	/* Memory (malloc, SQLite's page cache); mmap and mprotect below. */
	SCMP_SYS(brk), SCMP_SYS(munmap), SCMP_SYS(mremap),
	/* Clocks, when the vDSO cannot answer; SQLite's sleep. */
	SCMP_SYS(clock_gettime), SCMP_SYS(clock_gettime64),
	SCMP_SYS(gettimeofday), SCMP_SYS(time),
	SCMP_SYS(nanosleep), SCMP_SYS(clock_nanosleep),
	SCMP_SYS(clock_nanosleep_time64),
	/* Signals: libfcgi's SIGPIPE handler and our SIGTERM one return, a
	 * poll interrupted by one restarts; abort() blocks signals. */
	SCMP_SYS(rt_sigreturn), SCMP_SYS(sigreturn),
	SCMP_SYS(restart_syscall), SCMP_SYS(rt_sigprocmask), SCMP_SYS(gettid),
	/* glibc's qsort sizes its buffer by the memory installed; random
	 * numbers for SQLite or malloc. */
	SCMP_SYS(sysinfo), SCMP_SYS(getrandom),
	SCMP_SYS(exit), SCMP_SYS(exit_group),
	/* Not here though a libc may use them elsewhere: futex (one thread,
	 * no lock is ever contended), epoll (libfcgi polls one descriptor),
	 * sendmsg (write does), getpeername (libfcgi asks before the filter),
	 * rt_sigaction (handlers are set before it). */
};

/* The file-open flags refused: any write access, and creating or
 * truncating a file. O_TMPFILE includes O_DIRECTORY's bit: test its own
 * (write access is required with it anyway). */
#define OPEN_REFUSED	(O_ACCMODE | O_CREAT | O_TRUNC | __O_TMPFILE)

/* Adds rule ALLOW for call when argument arg, masked, equals value. */
static int
allow_masked(scmp_filter_ctx ctx, int call, unsigned arg,
    scmp_datum_t mask, scmp_datum_t value)
{
	return seccomp_rule_add(ctx, SCMP_ACT_ALLOW, call, 1,
	    SCMP_CMP(arg, SCMP_CMP_MASKED_EQ, mask, value));
}

/* Adds rule ALLOW for call when argument arg equals value. */
static int
allow_eq(scmp_filter_ctx ctx, int call, unsigned arg, scmp_datum_t value)
{
	return seccomp_rule_add(ctx, SCMP_ACT_ALLOW, call, 1,
	    SCMP_CMP(arg, SCMP_CMP_EQ, value));
}

/* Adds the rules that look at a call's arguments; 0 or -errno. */
static int
add_conditional(scmp_filter_ctx ctx)
{
	/* Commands of fcntl(2) that only read or set descriptor flags: the
	 * database is opened immutable=1, so SQLite takes no lock (the
	 * worker's own is a flock). */
	static const int fcntl_cmds[] = { F_GETFD, F_SETFD, F_GETFL, F_SETFL };
	/* Memory given back by malloc. */
	static const int advice[] = { MADV_DONTNEED, MADV_FREE };
	size_t i;
	int rc = 0;

	/* Only the inherited socket (fd 0) is accepted on; libfcgi turns
	 * off Nagle on a TCP connection. */
	if (rc == 0)
		rc = allow_eq(ctx, SCMP_SYS(accept), 0, 0);
	if (rc == 0)
		rc = allow_eq(ctx, SCMP_SYS(accept4), 0, 0);
	if (rc == 0)
		rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(setsockopt),
		    2, SCMP_A1(SCMP_CMP_EQ, IPPROTO_TCP),
		    SCMP_A2(SCMP_CMP_EQ, TCP_NODELAY));
	/* Opening a file read-only (a replaced database). */
	if (rc == 0)
		rc = allow_masked(ctx, SCMP_SYS(open), 1, OPEN_REFUSED, 0);
	if (rc == 0)
		rc = allow_masked(ctx, SCMP_SYS(openat), 2, OPEN_REFUSED, 0);
	/* openat2(2) carries its flags in a struct the filter cannot read:
	 * refuse it with ENOSYS so that a caller falls back to openat(2). */
	if (rc == 0)
		rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS),
		    SCMP_SYS(openat2), 0);
	/* No executable memory: nothing is loaded after start-up. */
	if (rc == 0)
		rc = allow_masked(ctx, SCMP_SYS(mmap), 2, PROT_EXEC, 0);
	if (rc == 0)
		rc = allow_masked(ctx, SCMP_SYS(mmap2), 2, PROT_EXEC, 0);
	if (rc == 0)
		rc = allow_masked(ctx, SCMP_SYS(mprotect), 2, PROT_EXEC, 0);
	for (i = 0; i < sizeof(advice) / sizeof(advice[0]) && rc == 0; i++)
		rc = allow_eq(ctx, SCMP_SYS(madvise), 2, advice[i]);
	for (i = 0; i < sizeof(fcntl_cmds) / sizeof(fcntl_cmds[0]) && rc == 0;
	    i++) {
		rc = allow_eq(ctx, SCMP_SYS(fcntl), 1, fcntl_cmds[i]);
		if (rc == 0)
			rc = allow_eq(ctx, SCMP_SYS(fcntl64), 1, fcntl_cmds[i]);
	}
	/* isatty(3), when stdio meets a terminal (CGI run by hand). */
	if (rc == 0)
		rc = allow_eq(ctx, SCMP_SYS(ioctl), 1, TCGETS);
	/* raise(3) and abort(3) signal the worker itself, nothing else. */
	if (rc == 0)
		rc = allow_eq(ctx, SCMP_SYS(tgkill), 0, (scmp_datum_t)getpid());
	return rc;
}

int
confine_worker(void)
{
	const char *env = getenv("QUIRE_SECCOMP");
	scmp_filter_ctx ctx;
	size_t i;
	int rc = 0;

	if (env != NULL && strcmp(env, "0") == 0)
		return 0;
	/* NULL when the kernel has no filters or no kill-process action
	 * (before Linux 4.14), or on no memory. */
	if ((ctx = seccomp_init(SCMP_ACT_KILL_PROCESS)) == NULL) {
		errno = EOPNOTSUPP;
		return -1;
	}
	/* A call made through another ABI (int 0x80 on x86_64) dies too. */
	rc = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH,
	    SCMP_ACT_KILL_PROCESS);
	for (i = 0; i < sizeof(allowed) / sizeof(allowed[0]) && rc == 0; i++)
		rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, allowed[i], 0);
	if (rc == 0)
		rc = add_conditional(ctx);
	if (rc == 0)
		rc = seccomp_load(ctx);
	seccomp_release(ctx);
	if (rc != 0) {
		errno = -rc;
		return -1;
	}
	return 0;
}
