// Linux system calls that Swift's Glibc module does not expose.
#ifndef EMBASSY_PACKETS_SYSTEM_SHIM_H
#define EMBASSY_PACKETS_SYSTEM_SHIM_H

/// Swaps two paths in one atomic step (renameat2 with RENAME_EXCHANGE). Returns 0, or -1 with
/// errno set (ENOSYS or EINVAL where the kernel or file system cannot).
int ep_rename_exchange(const char *from, const char *to);

/// Asks the kernel to kill this process when its parent dies (a rendering worker must not
/// outlive the run that started it). Returns 0, or -1 where it cannot.
int ep_die_with_parent(int parent);

/// The commit the binary was built from, as the build passed it (-Xcc -DEP_BUILD_COMMIT="..."),
/// or "" when it was not passed.
const char *ep_build_commit(void);

/// Hands memory the process has freed back to the kernel (glibc's malloc_trim), so that a
/// run's peak while it renders is not the peak it had while it read. Returns 1 when some was.
int ep_release_free_memory(void);

#endif
