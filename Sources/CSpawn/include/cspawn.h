#ifndef ECOBENCH_CSPAWN_H
#define ECOBENCH_CSPAWN_H
#include <sys/types.h>

/*
 * Start `path` with `argv`/`envp` in a new process group.
 * Between fork and exec the child only makes async-signal-safe calls:
 *  - joins the cgroup whose `cgroup.procs` is open as `cgroup_procs_fd` (if >= 0),
 *    so every later descendant is accounted there from its first instruction;
 *  - becomes leader of its own process group (so the group can be signalled as one);
 *  - redirects stdin to /dev/null (`devnull_fd`), stdout/stderr to the given fds (if >= 0);
 *  - optionally asks for SIGKILL when the parent thread dies (`deathsig_parent` = getpid()
 *    of the parent, or 0 for none).
 * Returns 0 and stores the pid, or an errno value. An exec failure in the child is
 * reported through a close-on-exec pipe, so the caller sees ENOENT/EACCES as a return value.
 */
int ecobench_spawn(const char *path, char *const argv[], char *const envp[],
                   int cgroup_procs_fd, int devnull_fd, int stdout_fd, int stderr_fd,
                   const char *workdir, pid_t *pid_out);

/* Makes orphaned descendants of this process its children (PR_SET_CHILD_SUBREAPER), so a
 * workload that double-forks cannot escape teardown. Returns 0 or an errno value. */
int ecobench_become_subreaper(void);

#endif
