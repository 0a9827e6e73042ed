#ifndef ECOBENCH_CSPAWN_H
#define ECOBENCH_CSPAWN_H
#include <sys/types.h>

/*
 * Start `path` with `argv`/`envp` under a tiny supervisor, in a new process group.
 * ecobench forks the supervisor (async-signal-safe calls only, it never execs), which:
 *  - joins the cgroup whose `cgroup.procs` is open as `cgroup_procs_fd` (if >= 0),
 *    so the command and every later descendant is accounted there from its first instruction;
 *  - becomes leader of its own process group (so the group can be signalled as one);
 *  - redirects stdin to /dev/null (`devnull_fd`), stdout/stderr to the given fds (if >= 0);
 *  - forks the command, which sets PR_SET_PDEATHSIG=SIGKILL against the supervisor and
 *    checks getppid() right after (closing the race), then execs;
 *  - ignores SIGINT/SIGTERM/SIGHUP (they reach the command through the group), exits the way
 *    the command ended (same exit code or signal), and SIGKILLs its group when ecobench dies
 *    (the read end of a process-wide "lifeline" pipe sees EOF, kill -9 included).
 * PDEATHSIG is tied to the thread that forked; the supervisor is single-threaded, so it is
 * exact there, where ecobench's own spawning threads may come and go.
 * Returns 0 and stores the supervisor's pid (= the group id), or an errno value. An exec
 * failure is reported through a close-on-exec pipe, so the caller sees ENOENT/EACCES.
 */
int ecobench_spawn(const char *path, char *const argv[], char *const envp[],
                   int cgroup_procs_fd, int devnull_fd, int stdout_fd, int stderr_fd,
                   const char *workdir, pid_t *pid_out);

/*
 * Start `path` with `argv`/`envp` directly (posix_spawn, no supervisor, same process group): a
 * short-lived helper such as ipmitool or a credential plugin. stdin/stdout/stderr become the
 * given fds where >= 0 (else they are inherited); every other descriptor is closed in the child;
 * `workdir` (if not NULL) is its working directory. Foundation's Process is not used because on
 * Linux its run() over-reads /proc/self/fd entries and can crash the caller
 * (swift-corelibs-foundation PR #5472, Swift 6.3.1). Returns 0 and stores the pid, or an errno value.
 */
int ecobench_spawn_direct(const char *path, char *const argv[], char *const envp[],
                          int stdin_fd, int stdout_fd, int stderr_fd, const char *workdir, pid_t *pid_out);

/* A pidfd for `pid` (pidfd_open(2), Linux 5.3 and later): it polls readable (POLLIN) once the
 * process has ended, so a waiter blocks in poll() instead of asking waitpid() over and over.
 * Close-on-exec. Returns the descriptor, or -1 with errno set (e.g. ENOSYS on an older kernel). */
int ecobench_pidfd_open(pid_t pid);

/* Makes orphaned descendants of this process its children (PR_SET_CHILD_SUBREAPER), so a
 * workload that double-forks cannot escape teardown. Returns 0 or an errno value. */
int ecobench_become_subreaper(void);

#endif
