/* confine.h - the worker's seccomp filter (DESIGN.md, "Worker
 * confinement"): after start-up, no exec, no new process, no new socket,
 * no file created, truncated, removed, renamed or re-permissioned. */
#ifndef QUIRE_CONFINE_H
#define QUIRE_CONFINE_H

/* Installs the filter on the calling process: a forbidden call kills it
 * (SIGSYS). Reading files, and opening a replaced database read-only,
 * stay allowed. Returns 0, or -1 (with errno) if the kernel refused.
 * QUIRE_SECCOMP=0 in the environment skips it (valgrind, sanitizers). */
int confine_worker(void);

#endif
