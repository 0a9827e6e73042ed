/* The floor for ecobench's sampler: the same reads a tick makes (RAPL energy_uj files,
 * /proc/stat, /proc/diskstats, /proc/net/dev, /proc/meminfo, a cgroup's cgroup.events, cgroup.procs and cpu.stat, and
 * /proc/PID/stat + /proc/PID/io of each member), each file kept open and re-read with pread
 * at offset 0, numbers parsed by hand, ticks on absolute CLOCK_MONOTONIC deadlines.
 * cgroup.procs is read every MEMBER_TICKS ticks, members' stat and io every DETAIL_TICKS
 * ticks (the schedule of ecobench's WorkloadProbe; 1 = every tick).
 * Prints the CPU time per tick of the sampling thread (CLOCK_THREAD_CPUTIME_ID).
 *
 * usage: floor HZ SECONDS CGROUP_DIR|- MEMBER_TICKS DETAIL_TICKS RAPL_FILE... (cc -O2 -o floor floor.c) */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAXPIDS 4096
static char buf[1 << 16];
static volatile long long sink;

static long long now_ns(clockid_t c) {
    struct timespec ts; clock_gettime(c, &ts);
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}
static int rd(int fd) { /* whole file into buf */
    ssize_t n = fd < 0 ? -1 : pread(fd, buf, sizeof buf - 1, 0);
    if (n < 0) n = 0;
    buf[n] = 0;
    return (int)n;
}
static const char *num(const char *p, long long *v) {
    while (*p == ' ' || *p == '\t') p++;
    long long x = 0; int any = 0;
    while (*p >= '0' && *p <= '9') { x = x * 10 + (*p++ - '0'); any = 1; }
    *v = any ? x : -1;
    return p;
}
static const char *eol(const char *p) { while (*p && *p != '\n') p++; return *p ? p + 1 : p; }

static int pids[MAXPIDS], statfd[MAXPIDS], iofd[MAXPIDS], npids;

static int follow(int procs_fd) { /* re-read members; open new ones (as ecobench does on change) */
    int n = rd(procs_fd), count = 0, newpids[MAXPIDS];
    const char *p = buf;
    while (p < buf + n && count < MAXPIDS) { long long v; p = num(p, &v); if (v > 0) newpids[count++] = (int)v; p = eol(p); }
    if (count == npids && memcmp(newpids, pids, sizeof(int) * count) == 0) return 0;
    for (int i = 0; i < npids; i++) { close(statfd[i]); close(iofd[i]); }
    char path[64];
    for (int i = 0; i < count; i++) {
        pids[i] = newpids[i];
        snprintf(path, sizeof path, "/proc/%d/stat", pids[i]); statfd[i] = open(path, O_RDONLY | O_CLOEXEC);
        snprintf(path, sizeof path, "/proc/%d/io", pids[i]); iofd[i] = open(path, O_RDONLY | O_CLOEXEC);
    }
    npids = count;
    return 1;
}

int main(int argc, char **argv) {
    if (argc < 6) {
        fprintf(stderr, "usage: floor HZ SECONDS CGROUP_DIR|- MEMBER_TICKS DETAIL_TICKS RAPL_FILE...\n");
        return 2;
    }
    double hz = atof(argv[1]), seconds = atof(argv[2]);
    long long members = atoll(argv[4]) > 0 ? atoll(argv[4]) : 1, detail = atoll(argv[5]) > 0 ? atoll(argv[5]) : 1;
    int nrapl = argc - 6 < 64 ? argc - 6 : 64, rapl[64];
    for (int i = 0; i < nrapl; i++) rapl[i] = open(argv[6 + i], O_RDONLY | O_CLOEXEC);
    int stat = open("/proc/stat", O_RDONLY | O_CLOEXEC), disk = open("/proc/diskstats", O_RDONLY | O_CLOEXEC);
    int net = open("/proc/net/dev", O_RDONLY | O_CLOEXEC), mem = open("/proc/meminfo", O_RDONLY | O_CLOEXEC);
    int procs = -1, cpu = -1, events = -1;
    char path[512];
    if (strcmp(argv[3], "-") != 0) {
        snprintf(path, sizeof path, "%s/cgroup.procs", argv[3]); procs = open(path, O_RDONLY | O_CLOEXEC);
        snprintf(path, sizeof path, "%s/cpu.stat", argv[3]); cpu = open(path, O_RDONLY | O_CLOEXEC);
        snprintf(path, sizeof path, "%s/cgroup.events", argv[3]); events = open(path, O_RDONLY | O_CLOEXEC);
    }
    long long interval = (long long)(1e9 / hz), start = now_ns(CLOCK_MONOTONIC), deadline = start;
    long long end = start + (long long)(seconds * 1e9), cpu0 = now_ns(CLOCK_THREAD_CPUTIME_ID), ticks = 0;
    while (now_ns(CLOCK_MONOTONIC) < end) {
        long long acc = 0, v;
        for (int i = 0; i < nrapl; i++) { rd(rapl[i]); num(buf, &v); acc += v; }
        rd(stat); { const char *p = buf + 3; for (int f = 0; f < 8; f++) { p = num(p, &v); acc += v; } }
        { int n = rd(disk); const char *p = buf;
          while (p < buf + n) { for (int f = 0; f < 2; f++) p = num(p, &v);
              while (*p == ' ') p++;
              while (*p && *p != ' ' && *p != '\n') p++;
              for (int f = 0; f < 7; f++) { p = num(p, &v); if (f == 2 || f == 6) acc += v; } p = eol(p); } }
        { int n = rd(net); const char *p = buf;
          while (p < buf + n) { const char *c = strchr(p, ':'), *e = strchr(p, '\n');
              if (c && (!e || c < e)) { p = c + 1; for (int f = 0; f < 9; f++) { p = num(p, &v); if (f == 0 || f == 8) acc += v; } }
              p = eol(p); } }
        rd(mem); { const char *p = strstr(buf, "MemTotal:"); if (p) { num(p + 9, &v); acc += v; }
                   p = strstr(buf, "MemAvailable:"); if (p) { num(p + 13, &v); acc += v; } }
        if (procs >= 0) {
            if (events >= 0) { rd(events); if (strstr(buf, "populated 0")) acc++; }
            if (ticks % members == 0) follow(procs);
            rd(cpu); { const char *p = strstr(buf, "usage_usec"); if (p) { num(p + 10, &v); acc += v; } }
            for (int i = 0; ticks % detail == 0 && i < npids; i++) {
                rd(statfd[i]); const char *p = strrchr(buf, ')');
                if (p) { p += 2; while (*p && *p != ' ') p++;
                    for (int f = 4; f <= 24; f++) { p = num(p, &v); if (f == 14 || f == 15 || f == 24) acc += v; } }
                rd(iofd[i]); p = strstr(buf, "read_bytes:"); if (p) { num(p + 11, &v); acc += v; }
                p = strstr(buf, "\nwrite_bytes:"); if (p) { num(p + 13, &v); acc += v; }
            }
        }
        sink = acc;
        ticks++;
        deadline += interval;
        struct timespec ts = { deadline / 1000000000LL, deadline % 1000000000LL };
        while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) != 0) {}
    }
    double cpus = (now_ns(CLOCK_THREAD_CPUTIME_ID) - cpu0) / 1e9, wall = (now_ns(CLOCK_MONOTONIC) - start) / 1e9;
    printf("floor hz=%.0f processes=%d ticks=%lld us_per_tick=%.1f cpu_share_of_one_core_pct=%.4f\n",
           hz, npids, ticks, cpus / ticks * 1e6, cpus / wall * 100);
    return 0;
}
