/* confine.h - the worker's seccomp allow-list (DESIGN.md, "Worker
 * confinement"): after start-up it may accept on its inherited socket,
 * read and stat files, open them read-only, write to the descriptors it
 * holds, and exit; nothing else. */
#ifndef QUIRE_CONFINE_H
#define QUIRE_CONFINE_H

/* Installs the filter on the calling process, which must be single-
 * threaded: any call not on the list (exec, fork, socket, io_uring, an
 * open for writing, creating or truncating, executable memory, ...) kills
 * the process (SIGSYS); openat2 fails with ENOSYS. Reading and reopening
 * a replaced database, and answering requests, stay allowed. Returns 0,
 * or -1 (with errno) if the filter could not be built or the kernel
 * refused it. QUIRE_SECCOMP=0 in the environment skips it (valgrind,
 * sanitizers) and returns 0. */
int confine_worker(void);

#endif
