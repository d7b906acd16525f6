/* test-confine.c - the worker's seccomp allow-list: a call outside it kills
 * the process, what the worker does (reading files, reopening a replaced
 * database, memory, clocks, signals) still works. Each case runs in a
 * child process, which confines itself. Without a filter (QUIRE_SECCOMP=0,
 * or a kernel without seccomp) the cases that need one are skipped. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/seccomp.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "confine.h"
#include "db.h"

static char dir[] = "/tmp/quire-confine.XXXXXX";
static pid_t parent;		/* the test process, outside the filter */

/* Why the filter cannot be tested here, or NULL; set by setup(). */
static const char *no_filter;

/* Skips the calling test when there is no filter to test. */
static void
need_filter(void)
{
	if (no_filter != NULL) {
		printf("# %s\n", no_filter);
		skip();
	}
}

/* Runs fn in a confined child; returns its wait status. */
static int
confined(void (*fn)(void))
{
	pid_t pid = fork();
	int status;

	assert_true(pid >= 0);
	if (pid == 0) {
		if (confine_worker() != 0)
			_exit(99);
		fn();
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return status;
}

/* dir/name, in a static buffer. */
static const char *
in_dir(const char *name)
{
	static char path[128];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return path;
}

static void do_exec(void) { execl("/bin/true", "true", (char *)NULL); }
static void do_socket(void) { (void)socket(AF_INET, SOCK_STREAM, 0); }
static void do_fork(void) { (void)fork(); }
static void do_create(void) { (void)open(in_dir("new-file"), O_WRONLY | O_CREAT, 0644); }
static void do_truncate(void) { (void)open(in_dir("a.db"), O_WRONLY | O_TRUNC); }
static void do_unlink(void) { (void)unlink(in_dir("a.db")); }
static void do_chmod(void) { (void)chmod(in_dir("a.db"), 0777); }
static void
do_rename(void)
{
	char a[128];

	snprintf(a, sizeof(a), "%s", in_dir("a.db"));
	(void)rename(a, in_dir("b.db"));
}
/* Calls on no list at all, before or after: the allow-list's point. */
static void do_getppid(void) { (void)syscall(SYS_getppid); }
static void do_uname(void) { (void)syscall(SYS_uname, NULL); }
static void do_io_uring(void) { (void)syscall(SYS_io_uring_setup, 1, NULL); }
static void do_ptrace(void) { (void)ptrace(PTRACE_TRACEME, 0, NULL, NULL); }
static void do_seccomp(void) { (void)prctl(PR_SET_SECCOMP, SECCOMP_MODE_STRICT); }
static void do_kill(void) { (void)kill(parent, 0); }
static void do_tgkill(void) { (void)syscall(SYS_tgkill, parent, parent, 0); }
/* Allowed calls with arguments outside their rule. */
static void do_rdwr(void) { (void)open(in_dir("a.db"), O_RDWR); }
static void do_append(void) { (void)open(in_dir("a.db"), O_WRONLY | O_APPEND); }
static void do_tmpfile(void) { (void)open(dir, O_TMPFILE | O_RDWR, 0600); }
static void
do_exec_map(void)
{
	(void)mmap(NULL, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE |
	    MAP_ANONYMOUS, -1, 0);
}
static void
do_exec_protect(void)
{
	void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE |
	    MAP_ANONYMOUS, -1, 0);

	if (p != MAP_FAILED)
		(void)mprotect(p, 4096, PROT_READ | PROT_EXEC);
}
static void do_lock(void)
{
	struct flock fl = { .l_type = F_RDLCK, .l_whence = SEEK_SET };
	int fd = open(in_dir("a.db"), O_RDONLY);

	(void)fcntl(fd, F_SETLK, &fl);
}
static void do_tiocsti(void) { char c = 'x'; (void)ioctl(0, TIOCSTI, &c); }
static void do_accept_other(void) { (void)accept(5, NULL, NULL); }
static void
do_sockopt(void)
{
	int one = 1;

	(void)setsockopt(0, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
}

static const struct {
	const char *name;
	void (*fn)(void);
} forbidden[] = {
	{ "execve", do_exec }, { "socket", do_socket }, { "fork", do_fork },
	{ "open O_CREAT", do_create }, { "open O_TRUNC", do_truncate },
	{ "unlink", do_unlink }, { "rename", do_rename }, { "chmod", do_chmod },
	{ "getppid", do_getppid }, { "uname", do_uname },
	{ "io_uring_setup", do_io_uring }, { "ptrace", do_ptrace },
	{ "prctl PR_SET_SECCOMP", do_seccomp }, { "kill", do_kill },
	{ "tgkill of another process", do_tgkill },
	{ "open O_RDWR", do_rdwr }, { "open O_WRONLY|O_APPEND", do_append },
	{ "open O_TMPFILE", do_tmpfile },
	{ "mmap PROT_EXEC", do_exec_map },
	{ "mprotect PROT_EXEC", do_exec_protect },
	{ "fcntl F_SETLK", do_lock }, { "ioctl TIOCSTI", do_tiocsti },
	{ "accept on another fd", do_accept_other },
	{ "setsockopt SO_REUSEADDR", do_sockopt },
};

static void
test_forbidden(void **state)
{
	char missed[1024] = "";
	size_t i, n = 0;
	int st;

	(void)state;
	need_filter();
	for (i = 0; i < sizeof(forbidden) / sizeof(forbidden[0]); i++) {
		st = confined(forbidden[i].fn);
		if (WIFSIGNALED(st) && WTERMSIG(st) == SIGSYS)
			continue;
		n += snprintf(missed + n, n < sizeof(missed) ? sizeof(missed) -
		    n : 0, " [%s: %s %d]", forbidden[i].name, WIFSIGNALED(st) ?
		    "signal" : "exit", WIFSIGNALED(st) ? WTERMSIG(st) :
		    WEXITSTATUS(st));
	}
	if (*missed != '\0')
		fail_msg("not killed by SIGSYS:%s", missed);
}

static volatile sig_atomic_t got_usr1;

static void
on_usr1(int sig)
{
	(void)sig;
	got_usr1 = 1;
}

/* Returns 1 when /proc/self/status says a seccomp filter is on. */
static int
filtered(void)
{
	char text[4096];
	ssize_t n;
	int fd = open("/proc/self/status", O_RDONLY);

	if (fd < 0 || (n = read(fd, text, sizeof(text) - 1)) <= 0)
		return 0;
	close(fd);
	text[n] = '\0';
	return strstr(text, "\nSeccomp:\t2\n") != NULL;
}

/* What the worker does, under the filter; exits with the number of the
 * step that failed, 0 when all worked. */
static void
do_allowed(void)
{
	struct stat st;
	struct timespec ts;
	struct timeval tv;
	struct pollfd pfd;
	char text[16], c;
	unsigned char rnd[16];
	int fd, pipefd[2];
	char *p;

	if (pipe(pipefd) != 0)
		_exit(90);
	if (confine_worker() != 0)
		_exit(99);
	if (!filtered())
		_exit(1);
	/* A file read as SQLite reads the database. */
	if ((fd = open(in_dir("text"), O_RDONLY | O_CLOEXEC)) < 0)
		_exit(2);
	if (read(fd, text, 5) != 5 || memcmp(text, "hello", 5) != 0)
		_exit(3);
	if (pread(fd, text, 5, 6) != 5 || memcmp(text, "world", 5) != 0)
		_exit(4);
	if (fstat(fd, &st) != 0 || st.st_size != 12 ||
	    stat(in_dir("text"), &st) != 0 || lstat(in_dir("text"), &st) != 0)
		_exit(5);
	if (lseek(fd, 0, SEEK_SET) != 0 || fcntl(fd, F_GETFL) < 0 ||
	    fcntl(fd, F_SETFD, FD_CLOEXEC) != 0)
		_exit(6);
	if (isatty(fd) || errno != ENOTTY)
		_exit(7);
	close(fd);
	/* Memory: brk, mmap, mremap, munmap, mprotect without PROT_EXEC. */
	if ((p = malloc(1 << 20)) == NULL || (p = realloc(p, 8 << 20)) == NULL)
		_exit(8);
	p[(8 << 20) - 1] = 1;
	free(p);
	p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE |
	    MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED || mprotect(p, 4096, PROT_READ) != 0 ||
	    madvise(p, 8192, MADV_DONTNEED) != 0 || munmap(p, 8192) != 0)
		_exit(9);
	/* The clocks, through the kernel rather than the vDSO. */
	if (syscall(SYS_clock_gettime, CLOCK_REALTIME, &ts) != 0 ||
	    syscall(SYS_gettimeofday, &tv, NULL) != 0 || usleep(1000) != 0)
		_exit(10);
	if (syscall(SYS_getrandom, rnd, sizeof(rnd), 0) != sizeof(rnd))
		_exit(11);
	/* A signal to itself, handled and returned from. */
	if (raise(SIGUSR1) != 0 || !got_usr1)
		_exit(12);
	/* A descriptor it holds: written, polled, read. */
	if (write(pipefd[1], "x", 1) != 1)
		_exit(13);
	pfd.fd = pipefd[0];
	pfd.events = POLLIN;
	if (poll(&pfd, 1, 1000) != 1 || read(pipefd[0], &c, 1) != 1 ||
	    close(pipefd[0]) != 0 || shutdown(pipefd[1], SHUT_WR) != -1)
		_exit(14);
#ifdef SYS_openat2
	/* openat2 says ENOSYS: glibc falls back to openat. */
	if (syscall(SYS_openat2, AT_FDCWD, in_dir("text"), NULL, 0) != -1 ||
	    errno != ENOSYS)
		_exit(15);
#endif
	_exit(0);
}

static void
test_allowed(void **state)
{
	struct sigaction sa;
	pid_t pid;
	int status;

	(void)state;
	need_filter();
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_usr1;
		sigemptyset(&sa.sa_mask);
		sigaction(SIGUSR1, &sa, NULL);
		do_allowed();
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	if (WIFSIGNALED(status))
		fail_msg("killed by signal %d", WTERMSIG(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

/* Makes dir/NAME a database with ./quire import whose site title is
 * title (the tests run from the top of the tree, after make all). */
static void
make_db(const char *name, const char *title)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), "mkdir -p '%s/%s.site/content/posts' && "
	    "printf 'title: %s\\nbaseURL: http://example.org/\\n' > "
	    "'%s/%s.site/hugo.yaml' && printf -- '---\\ntitle: P\\n---\\nx\\n' "
	    "> '%s/%s.site/content/posts/p.md' && ./quire import -q --db "
	    "'%s/%s' '%s/%s.site/content'", dir, name, title, dir, name, dir,
	    name, dir, name, dir, name);
	assert_int_equal(system(cmd), 0);
}

/* Under the filter: open the database and read its title, let the parent
 * replace the file (as the importer does, by rename), notice, reopen and
 * read the new title. Exits non-zero at the step that failed. */
static void
do_reopen(void)
{
	char live[64], flag[64];
	struct buf err = BUF_INIT;
	struct db *db;
	int i;

	snprintf(live, sizeof(live), "%s/live.db", dir);
	snprintf(flag, sizeof(flag), "%s/replaced", dir);
	if ((db = db_open(live, &err)) == NULL)
		_exit(10);
	if (strcmp(db_site(db)->title, "old") != 0)
		_exit(11);
	for (i = 0; i < 200 && access(flag, F_OK) != 0; i++)
		usleep(20000);
	if (!db_replaced(db, live))
		_exit(12);
	db_close(db);
	if ((db = db_open(live, &err)) == NULL)
		_exit(13);
	if (strcmp(db_site(db)->title, "new") != 0)
		_exit(14);
	db_close(db);
	buf_free(&err);
}

static void
test_reopen(void **state)
{
	char live[64], next[64], flag[64];
	pid_t pid;
	int status, fd;

	(void)state;
	need_filter();
	make_db("live.db", "old");
	make_db("next.db", "new");
	snprintf(live, sizeof(live), "%s/live.db", dir);
	snprintf(next, sizeof(next), "%s/next.db", dir);
	snprintf(flag, sizeof(flag), "%s/replaced", dir);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		if (confine_worker() != 0)
			_exit(99);
		do_reopen();
		_exit(0);
	}
	usleep(200000);
	assert_int_equal(rename(next, live), 0);
	fd = open(flag, O_WRONLY | O_CREAT, 0644);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	if (WIFSIGNALED(status))
		fail_msg("killed by signal %d", WTERMSIG(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

/* Without a filter: fork works, and /proc says no filter. */
static void
do_unfiltered(void)
{
	pid_t pid = fork();

	if (pid < 0 || filtered())
		_exit(1);
	if (pid == 0)
		_exit(0);
	waitpid(pid, NULL, 0);
}

static void
test_off_switch(void **state)
{
	const char *was = getenv("QUIRE_SECCOMP");
	int st;

	(void)state;
	/* QUIRE_SECCOMP=0 (valgrind, sanitizers): no filter, fork works. */
	setenv("QUIRE_SECCOMP", "0", 1);
	st = confined(do_unfiltered);
	if (was == NULL)
		unsetenv("QUIRE_SECCOMP");
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);
}

static int
setup(void **state)
{
	const char *env = getenv("QUIRE_SECCOMP");
	int fd;

	(void)state;
	parent = getpid();
	/* The sanitizers' own threads would meet the filter: the sanitized
	 * pass runs with QUIRE_SECCOMP=0. A kernel with seccomp filters
	 * answers EFAULT to a NULL filter, one without EINVAL. */
	if (env != NULL && strcmp(env, "0") == 0)
		no_filter = "QUIRE_SECCOMP=0: the filter is off";
	else if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, NULL) == 0 ||
	    errno != EFAULT)
		no_filter = "this kernel has no seccomp filters";
	if (mkdtemp(dir) == NULL)
		return -1;
	fd = open(in_dir("a.db"), O_WRONLY | O_CREAT, 0644);
	if (fd < 0)
		return -1;
	close(fd);
	fd = open(in_dir("text"), O_WRONLY | O_CREAT, 0644);
	if (fd < 0 || write(fd, "hello world\n", 12) != 12)
		return -1;
	close(fd);
	return 0;
}

static int
teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_forbidden),
		cmocka_unit_test(test_allowed),
		cmocka_unit_test(test_reopen),
		cmocka_unit_test(test_off_switch),
	};

	return cmocka_run_group_tests_name("confine", tests, setup, teardown);
}
