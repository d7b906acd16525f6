/* confine.c - seccomp filter for the worker, with libseccomp. The worker
 * only reads: the database is opened read-only and replaced by rename, so
 * none of what is forbidden here is ever needed after start-up. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>

#include <seccomp.h>

#include "confine.h"

/* Calls that kill the worker outright. */
static const int forbidden[] = {
	SCMP_SYS(execve), SCMP_SYS(execveat),
	SCMP_SYS(fork), SCMP_SYS(vfork), SCMP_SYS(clone), SCMP_SYS(clone3),
	SCMP_SYS(socket), SCMP_SYS(socketpair), SCMP_SYS(connect),
	SCMP_SYS(bind), SCMP_SYS(listen),
	SCMP_SYS(ptrace), SCMP_SYS(process_vm_writev),
	SCMP_SYS(mount), SCMP_SYS(umount2), SCMP_SYS(pivot_root),
	SCMP_SYS(chmod), SCMP_SYS(fchmod), SCMP_SYS(fchmodat),
	SCMP_SYS(chown), SCMP_SYS(fchown), SCMP_SYS(lchown),
	SCMP_SYS(fchownat),
	SCMP_SYS(unlink), SCMP_SYS(unlinkat), SCMP_SYS(rmdir),
	SCMP_SYS(rename), SCMP_SYS(renameat), SCMP_SYS(renameat2),
	SCMP_SYS(link), SCMP_SYS(linkat), SCMP_SYS(symlink),
	SCMP_SYS(symlinkat), SCMP_SYS(mkdir), SCMP_SYS(mkdirat),
	SCMP_SYS(mknod), SCMP_SYS(mknodat), SCMP_SYS(creat),
	SCMP_SYS(truncate), SCMP_SYS(ftruncate),
};

int
confine_worker(void)
{
	const char *env = getenv("QUIRE_SECCOMP");
	scmp_filter_ctx ctx;
	size_t i;
	int rc = 0;

	if (env != NULL && strcmp(env, "0") == 0)
		return 0;
	if ((ctx = seccomp_init(SCMP_ACT_ALLOW)) == NULL) {
		errno = ENOMEM;
		return -1;
	}
	for (i = 0; i < sizeof(forbidden) / sizeof(forbidden[0]) && rc == 0;
	    i++)
		rc = seccomp_rule_add(ctx, SCMP_ACT_KILL_PROCESS, forbidden[i], 0);
	/* open(2) and openat(2) only without O_CREAT, O_TRUNC or O_TMPFILE
	 * (O_TMPFILE includes O_DIRECTORY's bit: test its own bits). */
	if (rc == 0)
		rc = seccomp_rule_add(ctx, SCMP_ACT_KILL_PROCESS, SCMP_SYS(open),
		    1, SCMP_A1(SCMP_CMP_MASKED_EQ, O_CREAT, O_CREAT));
	if (rc == 0)
		rc = seccomp_rule_add(ctx, SCMP_ACT_KILL_PROCESS, SCMP_SYS(open),
		    1, SCMP_A1(SCMP_CMP_MASKED_EQ, O_TRUNC, O_TRUNC));
	if (rc == 0)
		rc = seccomp_rule_add(ctx, SCMP_ACT_KILL_PROCESS,
		    SCMP_SYS(openat), 1, SCMP_A2(SCMP_CMP_MASKED_EQ, O_CREAT,
		    O_CREAT));
	if (rc == 0)
		rc = seccomp_rule_add(ctx, SCMP_ACT_KILL_PROCESS,
		    SCMP_SYS(openat), 1, SCMP_A2(SCMP_CMP_MASKED_EQ, O_TRUNC,
		    O_TRUNC));
	if (rc == 0)
		rc = seccomp_rule_add(ctx, SCMP_ACT_KILL_PROCESS,
		    SCMP_SYS(openat), 1, SCMP_A2(SCMP_CMP_MASKED_EQ,
		    __O_TMPFILE, __O_TMPFILE));
	/* openat2(2) carries its flags in a struct the filter cannot read:
	 * refuse it with ENOSYS so that a caller falls back to openat(2). */
	if (rc == 0)
		rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS),
		    SCMP_SYS(openat2), 0);
	if (rc == 0)
		rc = seccomp_load(ctx);
	seccomp_release(ctx);
	if (rc != 0) {
		errno = -rc;
		return -1;
	}
	return 0;
}
