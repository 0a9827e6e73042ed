#define _GNU_SOURCE
#include "cspawn.h"
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/*
 * Why a supervisor (see cspawn.h): PR_SET_PDEATHSIG fires when the *thread* that forked
 * exits, not the process, and ecobench spawns from whatever thread runs the step (tests run
 * on pool threads that come and go). So ecobench forks a tiny single-threaded supervisor
 * (no exec, async-signal-safe calls only); the supervisor forks the command. The command's
 * parent-death signal is then tied to the supervisor's only thread, which lives exactly as
 * long as the supervisor. The supervisor watches ecobench through the read end of a
 * "lifeline" pipe whose only write end ecobench holds: the kernel closes it when ecobench
 * dies, however it dies (kill -9 included), and the supervisor then SIGKILLs its process
 * group (the command and everything that stayed in the group).
 */

static int lifeline[2] = {-1, -1};
static pthread_once_t lifeline_once = PTHREAD_ONCE_INIT;

static void make_lifeline(void) {
    if (pipe2(lifeline, O_CLOEXEC) != 0) { lifeline[0] = -1; lifeline[1] = -1; }
}

static void child_fail(int pipe_w, int err) {
    (void)!write(pipe_w, &err, sizeof err);
    _exit(127);
}

/* Ends the supervisor the way the command ended, so the caller's waitpid sees the same status. */
static void exit_like(int status) {
    if (WIFSIGNALED(status)) {
        int sig = WTERMSIG(status);
        sigset_t one;
        sigemptyset(&one);
        sigaddset(&one, sig);
        signal(sig, SIG_DFL);
        prctl(PR_SET_DUMPABLE, 0, 0, 0, 0); /* no second core dump */
        sigprocmask(SIG_UNBLOCK, &one, NULL);
        kill(getpid(), sig);
        _exit(128 + sig);
    }
    _exit(WIFEXITED(status) ? WEXITSTATUS(status) : 127);
}

/* The supervisor's loop: returns never. */
static void supervise(pid_t command) {
    int life = lifeline[0];
    int pidfd = (int)syscall(SYS_pidfd_open, command, 0);
    for (;;) {
        struct pollfd fds[2] = {{life, POLLIN, 0}, {pidfd, POLLIN, 0}};
        int n = poll(fds, pidfd >= 0 ? 2 : 1, pidfd >= 0 ? 1000 : 100);
        int status = 0;
        pid_t r = waitpid(command, &status, WNOHANG);
        if (r == command) exit_like(status);
        if (r < 0 && errno == ECHILD) _exit(127);
        if (n > 0 && (fds[0].revents & (POLLIN | POLLHUP | POLLERR))) {
            /* ecobench is gone: nothing may outlive it. */
            kill(0, SIGKILL);
            _exit(137);
        }
    }
}

int ecobench_spawn(const char *path, char *const argv[], char *const envp[],
                   int cgroup_procs_fd, int devnull_fd, int stdout_fd, int stderr_fd,
                   const char *workdir, pid_t *pid_out) {
    pthread_once(&lifeline_once, make_lifeline);
    if (lifeline[0] < 0) return EMFILE;
    int status_pipe[2];
    if (pipe2(status_pipe, O_CLOEXEC) != 0) return errno;
    pid_t parent = getpid();

    pid_t pid = fork();
    if (pid < 0) {
        int err = errno;
        close(status_pipe[0]);
        close(status_pipe[1]);
        return err;
    }
    if (pid == 0) {
        /* Supervisor: async-signal-safe calls only (forked from a multi-threaded process). */
        close(lifeline[1]);
        close(status_pipe[0]);
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        signal(SIGPIPE, SIG_DFL);
        if (getppid() != parent) _exit(137); /* ecobench died before we got here */
        if (cgroup_procs_fd >= 0) {
            /* Writing "0" moves the writing process itself (cgroup v1 and v2); the command inherits it. */
            if (write(cgroup_procs_fd, "0", 1) != 1) child_fail(status_pipe[1], errno);
        }
        if (setpgid(0, 0) != 0) child_fail(status_pipe[1], errno);
        if (devnull_fd >= 0 && dup2(devnull_fd, 0) < 0) child_fail(status_pipe[1], errno);
        if (stdout_fd >= 0 && dup2(stdout_fd, 1) < 0) child_fail(status_pipe[1], errno);
        if (stderr_fd >= 0 && dup2(stderr_fd, 2) < 0) child_fail(status_pipe[1], errno);
        if (workdir && chdir(workdir) != 0) child_fail(status_pipe[1], errno);
        pid_t supervisor = getpid();
        pid_t command = fork();
        if (command < 0) child_fail(status_pipe[1], errno);
        if (command == 0) {
            /* The command: dies with its supervisor (single-threaded, so PDEATHSIG is exact). */
            if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0) child_fail(status_pipe[1], errno);
            if (getppid() != supervisor) _exit(137); /* the supervisor died before prctl */
            signal(SIGINT, SIG_DFL);
            signal(SIGTERM, SIG_DFL);
            signal(SIGHUP, SIG_DFL);
            execve(path, argv, envp);
            child_fail(status_pipe[1], errno);
        }
        /* Signals meant for the group reach the command; the supervisor waits for it to end. */
        signal(SIGINT, SIG_IGN);
        signal(SIGTERM, SIG_IGN);
        signal(SIGHUP, SIG_IGN);
        close(status_pipe[1]);
        /* Keep only the lifeline: ecobench's other descriptors (database, pipes) are not ours to hold. */
        if (lifeline[0] != 3) {
            if (dup2(lifeline[0], 3) < 0) _exit(127);
            lifeline[0] = 3;
        }
        syscall(SYS_close_range, 4, ~0U, 0);
        supervise(command);
    }

    /* Parent: the child also calls setpgid; doing it here too closes the race before exec. */
    setpgid(pid, pid);
    close(status_pipe[1]);
    int child_err = 0;
    ssize_t n;
    do {
        n = read(status_pipe[0], &child_err, sizeof child_err);
    } while (n < 0 && errno == EINTR);
    close(status_pipe[0]);
    if (n == (ssize_t)sizeof child_err) {
        int st;
        while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {}
        return child_err ? child_err : ECHILD;
    }
    *pid_out = pid;
    return 0;
}

int ecobench_become_subreaper(void) {
    return prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0 ? 0 : errno;
}

int ecobench_spawn_direct(const char *path, char *const argv[], char *const envp[],
                          int stdin_fd, int stdout_fd, int stderr_fd, const char *workdir, pid_t *pid_out) {
    posix_spawn_file_actions_t actions;
    int err = posix_spawn_file_actions_init(&actions);
    if (err != 0) return err;
    int fds[3] = {stdin_fd, stdout_fd, stderr_fd};
    for (int target = 0; target < 3 && err == 0; target++) {
        if (fds[target] >= 0) err = posix_spawn_file_actions_adddup2(&actions, fds[target], target);
    }
    if (err == 0) err = posix_spawn_file_actions_addclosefrom_np(&actions, 3);
    if (err == 0 && workdir) err = posix_spawn_file_actions_addchdir_np(&actions, workdir);
    posix_spawnattr_t attributes;
    if (err == 0) err = posix_spawnattr_init(&attributes);
    if (err == 0) {
        /* The child starts with default signal handling and an empty mask, whatever this thread blocks. */
        sigset_t all, none;
        sigfillset(&all);
        sigemptyset(&none);
        posix_spawnattr_setsigdefault(&attributes, &all);
        posix_spawnattr_setsigmask(&attributes, &none);
        posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
        err = posix_spawn(pid_out, path, &actions, &attributes, argv, envp);
        posix_spawnattr_destroy(&attributes);
    }
    posix_spawn_file_actions_destroy(&actions);
    return err;
}

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434 /* the same number on every architecture since Linux 5.3 */
#endif

int ecobench_pidfd_open(pid_t pid) {
    return (int)syscall(SYS_pidfd_open, pid, 0);
}
