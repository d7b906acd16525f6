/* test-confine.c - the worker's seccomp filter: forbidden calls kill the
 * process, reading and reopening a replaced database still work. Each case
 * runs in a child process, which confines itself. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include "confine.h"
#include "db.h"

static char dir[] = "/tmp/quire-confine.XXXXXX";

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

static void
killed_by_sigsys(int status)
{
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGSYS);
}

static void do_exec(void) { execl("/bin/true", "true", (char *)NULL); }
static void do_socket(void) { (void)socket(AF_INET, SOCK_STREAM, 0); }
static void do_fork(void) { (void)fork(); }
static void
do_create(void)
{
	char path[64];

	snprintf(path, sizeof(path), "%s/new-file", dir);
	(void)open(path, O_WRONLY | O_CREAT, 0644);
}
static void
do_truncate(void)
{
	char path[64];

	snprintf(path, sizeof(path), "%s/a.db", dir);
	(void)open(path, O_WRONLY | O_TRUNC);
}
static void
do_unlink(void)
{
	char path[64];

	snprintf(path, sizeof(path), "%s/a.db", dir);
	(void)unlink(path);
}
static void
do_rename(void)
{
	char a[64], b[64];

	snprintf(a, sizeof(a), "%s/a.db", dir);
	snprintf(b, sizeof(b), "%s/b.db", dir);
	(void)rename(a, b);
}
static void
do_chmod(void)
{
	char path[64];

	snprintf(path, sizeof(path), "%s/a.db", dir);
	(void)chmod(path, 0777);
}

static void
test_forbidden(void **state)
{
	(void)state;
	killed_by_sigsys(confined(do_exec));
	killed_by_sigsys(confined(do_socket));
	killed_by_sigsys(confined(do_fork));
	killed_by_sigsys(confined(do_create));
	killed_by_sigsys(confined(do_truncate));
	killed_by_sigsys(confined(do_unlink));
	killed_by_sigsys(confined(do_rename));
	killed_by_sigsys(confined(do_chmod));
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
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

static void
test_off_switch(void **state)
{
	(void)state;
	/* QUIRE_SECCOMP=0 (valgrind, sanitizers): no filter, fork works. */
	setenv("QUIRE_SECCOMP", "0", 1);
	assert_true(WIFEXITED(confined(do_fork)));
	unsetenv("QUIRE_SECCOMP");
}

static int
setup(void **state)
{
	int fd;
	char path[64];

	(void)state;
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/a.db", dir);
	fd = open(path, O_WRONLY | O_CREAT, 0644);
	if (fd < 0)
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
		cmocka_unit_test(test_reopen),
		cmocka_unit_test(test_off_switch),
	};

	/* The sanitizers' own threads would meet the filter: this test is
	 * for the plain build (make test runs the sanitized one with
	 * QUIRE_SECCOMP=0, where the filter is off anyway). */
	if (getenv("QUIRE_SECCOMP") != NULL && strcmp(getenv("QUIRE_SECCOMP"),
	    "0") == 0) {
		printf("[==========] 0 test(s) run.\n[  PASSED  ] 0 test(s).\n");
		return 0;
	}
	return cmocka_run_group_tests_name("confine", tests, setup, teardown);
}
