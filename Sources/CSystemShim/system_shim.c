#define _GNU_SOURCE
#include "system_shim.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/syscall.h>
#include <signal.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/prctl.h>
#endif

int ep_rename_exchange(const char *from, const char *to) {
#if defined(__linux__) && defined(SYS_renameat2)
    return (int)syscall(SYS_renameat2, AT_FDCWD, from, AT_FDCWD, to, 2 /* RENAME_EXCHANGE */);
#else
    (void)from;
    (void)to;
    errno = ENOSYS;
    return -1;
#endif
}

int ep_die_with_parent(int parent) {
#if defined(__linux__)
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) return -1;
    /* The parent may have died before the request took effect. */
    if (getppid() != parent) _exit(1);
    return 0;
#else
    (void)parent;
    return -1;
#endif
}

#ifndef EP_BUILD_COMMIT
#define EP_BUILD_COMMIT ""
#endif

const char *ep_build_commit(void) { return EP_BUILD_COMMIT; }

#include <malloc.h>

int ep_release_free_memory(void) {
    return malloc_trim(0);
}
