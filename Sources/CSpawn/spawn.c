#define _GNU_SOURCE
#include "cspawn.h"
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

static void child_fail(int pipe_w, int err) {
    (void)!write(pipe_w, &err, sizeof err);
    _exit(127);
}

int ecobench_spawn(const char *path, char *const argv[], char *const envp[],
                   int cgroup_procs_fd, int devnull_fd, int stdout_fd, int stderr_fd,
                   const char *workdir, pid_t *pid_out) {
    int status_pipe[2];
    if (pipe2(status_pipe, O_CLOEXEC) != 0) return errno;

    pid_t pid = fork();
    if (pid < 0) {
        int err = errno;
        close(status_pipe[0]);
        close(status_pipe[1]);
        return err;
    }
    if (pid == 0) {
        /* Child: async-signal-safe calls only. */
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        signal(SIGPIPE, SIG_DFL);
        signal(SIGINT, SIG_DFL);
        signal(SIGTERM, SIG_DFL);
        if (cgroup_procs_fd >= 0) {
            /* Writing "0" moves the writing process itself (cgroup v1 and v2). */
            if (write(cgroup_procs_fd, "0", 1) != 1) child_fail(status_pipe[1], errno);
        }
        if (setpgid(0, 0) != 0) child_fail(status_pipe[1], errno);
        if (devnull_fd >= 0 && dup2(devnull_fd, 0) < 0) child_fail(status_pipe[1], errno);
        if (stdout_fd >= 0 && dup2(stdout_fd, 1) < 0) child_fail(status_pipe[1], errno);
        if (stderr_fd >= 0 && dup2(stderr_fd, 2) < 0) child_fail(status_pipe[1], errno);
        if (workdir && chdir(workdir) != 0) child_fail(status_pipe[1], errno);
        execve(path, argv, envp);
        child_fail(status_pipe[1], errno);
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
