/* fake_nvml: a STAND-IN for NVIDIA's libnvidia-ml.so.1, because the machines the tests run on
 * have no NVIDIA GPU and no driver. The tests compile it (cc -shared -fPIC) into a temporary
 * directory as libnvidia-ml.so.1 and hand ecobench that path. It exports the NVML functions
 * NVMLLibrary.swift resolves, with NVML's C signatures, return codes and struct layouts (see
 * NVIDIA's nvml.h), and answers from a small text file beside the library, fake_nvml.conf,
 * re-read on every call so a test can change the answers while ecobench runs:
 *
 *   gpu <index> <idle_mW> <busy_mW>             one line per GPU (indexes 0..7); power is
 *                                               idle + (busy - idle) x min(1, sum of SM % / 100)
 *   no_energy <index>                           the GPU has no energy counter (NOT_SUPPORTED)
 *   proc <index> <pid|comm:NAME> <sm_%> <bytes> a process on the GPU, its SM utilisation and
 *                                               memory; comm:NAME is every live process of that
 *                                               name, a plain pid is taken as alive
 *   util_status <index> <nvml return code>      what nvmlDeviceGetProcessUtilization answers
 *   procs_status <index> <nvml return code>     what nvmlDeviceGetComputeRunningProcesses* answer
 *   samples <n>                                 utilisation samples returned per process (default 1)
 *   sample_every_ms <n>                         read at nvmlInit_v2: sample in a background thread
 *
 * Like the driver, it keeps a buffer of timestamped per-process samples (µs, wall clock): one
 * is taken at every utilisation query and, with sample_every_ms, in the background, so a
 * process that ended since the last query still has its last samples. A query returns, for
 * each process that used the SMs, its latest <n> samples newer than lastSeenTimeStamp.
 *
 * Every per-process call is appended to calls.log beside the library, one line each:
 *   <function> gpu=<i> buffer=<null|set> count_in=<n> last_seen=<us> rc=<code> count_out=<n>
 *
 * Variants (-D): FAKE_NVML_NO_PROCESS_API leaves out the per-process functions (an older
 * driver); FAKE_NVML_V1_ONLY exports only the unversioned nvmlDeviceGetComputeRunningProcesses
 * (16-byte nvmlProcessInfo_v1_t).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <dlfcn.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

enum { OK = 0, BAD_ARGUMENT = 2, NOT_SUPPORTED = 3, NOT_FOUND = 6, INSUFFICIENT_SIZE = 7 };
enum { MAX_GPUS = 8, MAX_PROCS = 64, BUFFER = 4096 };

typedef struct { unsigned int pid; unsigned long long timeStamp; unsigned int smUtil, memUtil, encUtil, decUtil; } sample_t;
typedef struct { unsigned int pid; unsigned long long usedGpuMemory; } info_v1_t;
typedef struct { unsigned int pid; unsigned long long usedGpuMemory; unsigned int gpuInstanceId, computeInstanceId; } info_v2_t;

typedef struct { unsigned int pid; unsigned int sm; unsigned long long bytes; } proc_t;
typedef struct {
    int present, no_energy, util_status, procs_status;
    unsigned int idle_mw, busy_mw;
    proc_t procs[MAX_PROCS];
    int proc_count;
} gpu_t;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static gpu_t gpus[MAX_GPUS];
static int gpu_count, samples_per_process = 1, sample_every_ms;
static sample_t buffer[MAX_GPUS][BUFFER];
static int buffered[MAX_GPUS], next_slot[MAX_GPUS];
static double energy_mj[MAX_GPUS], last_energy_s[MAX_GPUS];
static int sampler_running;
static char dir[PATH_MAX];

static void find_dir(void) {
    Dl_info info;
    if (dir[0] || !dladdr((void *)find_dir, &info) || !info.dli_fname) return;
    snprintf(dir, sizeof dir, "%s", info.dli_fname);
    char *slash = strrchr(dir, '/');
    if (slash) *slash = 0; else snprintf(dir, sizeof dir, ".");
}

/* Adds every live process named `name` (its /proc/PID/comm) to the GPU. */
static void add_by_comm(gpu_t *g, const char *name, unsigned int sm, unsigned long long bytes) {
    DIR *proc = opendir("/proc");
    if (!proc) return;
    struct dirent *entry;
    while ((entry = readdir(proc)) && g->proc_count < MAX_PROCS) {
        char *end;
        long pid = strtol(entry->d_name, &end, 10);
        if (*end || pid <= 0) continue;
        char path[64], comm[64] = "", state = 0;
        snprintf(path, sizeof path, "/proc/%ld/stat", pid);
        FILE *f = fopen(path, "r");
        if (!f) continue;
        /* pid (comm) state ...: a zombie has ended. */
        if (fscanf(f, "%*d (%63[^)]) %c", comm, &state) != 2) state = 0;
        fclose(f);
        if (state && state != 'Z' && strcmp(comm, name) == 0)
            g->procs[g->proc_count++] = (proc_t){(unsigned int)pid, sm, bytes};
    }
    closedir(proc);
}

static void load(void) {
    find_dir();
    memset(gpus, 0, sizeof gpus);
    gpu_count = 0;
    samples_per_process = 1;
    char path[PATH_MAX + 32], line[512];
    snprintf(path, sizeof path, "%s/fake_nvml.conf", dir);
    FILE *f = fopen(path, "r");
    if (!f) return;
    while (fgets(line, sizeof line, f)) {
        int i, n;
        unsigned int a, b;
        unsigned long long bytes;
        char who[128];
        if (sscanf(line, "gpu %d %u %u", &i, &a, &b) == 3 && i >= 0 && i < MAX_GPUS) {
            gpus[i].present = 1; gpus[i].idle_mw = a; gpus[i].busy_mw = b;
            if (i + 1 > gpu_count) gpu_count = i + 1;
        } else if (sscanf(line, "no_energy %d", &i) == 1 && i >= 0 && i < MAX_GPUS) {
            gpus[i].no_energy = 1;
        } else if (sscanf(line, "proc %d %127s %u %llu", &i, who, &a, &bytes) == 4 && i >= 0 && i < MAX_GPUS) {
            if (strncmp(who, "comm:", 5) == 0) add_by_comm(&gpus[i], who + 5, a, bytes);
            else if (gpus[i].proc_count < MAX_PROCS)
                gpus[i].procs[gpus[i].proc_count++] = (proc_t){(unsigned int)strtoul(who, NULL, 10), a, bytes};
        } else if (sscanf(line, "util_status %d %d", &i, &n) == 2 && i >= 0 && i < MAX_GPUS) {
            gpus[i].util_status = n;
        } else if (sscanf(line, "procs_status %d %d", &i, &n) == 2 && i >= 0 && i < MAX_GPUS) {
            gpus[i].procs_status = n;
        } else if (sscanf(line, "samples %d", &n) == 1 && n > 0) {
            samples_per_process = n;
        } else if (sscanf(line, "sample_every_ms %d", &n) == 1 && n > 0) {
            sample_every_ms = n;
        }
    }
    fclose(f);
}

__attribute__((unused)) static void log_call(const char *fn, int gpu, const void *out, unsigned int in,
                                             unsigned long long seen, int rc, unsigned int count) {
    char path[PATH_MAX + 32];
    snprintf(path, sizeof path, "%s/calls.log", dir);
    FILE *f = fopen(path, "a");
    if (!f) return;
    fprintf(f, "%s gpu=%d buffer=%s count_in=%u last_seen=%llu rc=%d count_out=%u\n", fn, gpu,
            out ? "set" : "null", in, seen, rc, count);
    fclose(f);
}

static int index_of(void *device) {
    long i = (long)((gpu_t *)device - gpus);
    return (device && i >= 0 && i < MAX_GPUS && gpus[i].present) ? (int)i : -1;
}

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static unsigned long long now_us(void) {
    struct timeval tv;
    gettimeofday(&tv, NULL);
    return (unsigned long long)tv.tv_sec * 1000000ULL + (unsigned long long)tv.tv_usec;
}

static unsigned int power_of(int i) {
    double sm = 0;
    for (int p = 0; p < gpus[i].proc_count; p++) sm += gpus[i].procs[p].sm;
    double busy = sm / 100 > 1 ? 1 : sm / 100;
    return (unsigned int)(gpus[i].idle_mw + ((double)gpus[i].busy_mw - gpus[i].idle_mw) * busy);
}

/* One sample of every process on every GPU that uses its SMs, at one microsecond. */
static void sample_all(void) {
    static unsigned long long last;
    unsigned long long stamp = now_us();
    if (stamp <= last) stamp = last + 1;
    last = stamp;
    for (int i = 0; i < gpu_count; i++)
        for (int p = 0; p < gpus[i].proc_count; p++) {
            if (gpus[i].procs[p].sm == 0) continue;
            buffer[i][next_slot[i]] = (sample_t){gpus[i].procs[p].pid, stamp, gpus[i].procs[p].sm, 7, 0, 0};
            next_slot[i] = (next_slot[i] + 1) % BUFFER;
            if (buffered[i] < BUFFER) buffered[i]++;
        }
}

static void *sampler(void *unused) {
    (void)unused;
    for (;;) {
        pthread_mutex_lock(&lock);
        int running = sampler_running, every = sample_every_ms;
        if (running) { load(); sample_all(); }
        pthread_mutex_unlock(&lock);
        if (!running) return NULL;
        usleep((useconds_t)every * 1000);
    }
}

int nvmlInit_v2(void) {
    pthread_mutex_lock(&lock);
    load();
    double now = now_s();
    for (int i = 0; i < MAX_GPUS; i++) { energy_mj[i] = 1000000.0 * (i + 1); last_energy_s[i] = now; }
    if (sample_every_ms > 0 && !sampler_running) {
        pthread_t thread;
        sampler_running = 1;
        if (pthread_create(&thread, NULL, sampler, NULL) == 0) pthread_detach(thread); else sampler_running = 0;
    }
    pthread_mutex_unlock(&lock);
    return OK;
}
int nvmlShutdown(void) {
    pthread_mutex_lock(&lock);
    sampler_running = 0;
    pthread_mutex_unlock(&lock);
    return OK;
}
const char *nvmlErrorString(int rc) {
    return rc == NOT_SUPPORTED ? "Not Supported" : rc == NOT_FOUND ? "Not Found" : rc == INSUFFICIENT_SIZE ? "Insufficient Size" : "fake NVML error";
}
int nvmlDeviceGetCount_v2(unsigned int *count) {
    pthread_mutex_lock(&lock);
    load();
    *count = (unsigned int)gpu_count;
    pthread_mutex_unlock(&lock);
    return OK;
}
int nvmlDeviceGetHandleByIndex_v2(unsigned int index, void **device) {
    pthread_mutex_lock(&lock);
    load();
    int rc = (index < MAX_GPUS && gpus[index].present) ? OK : BAD_ARGUMENT;
    if (rc == OK) *device = &gpus[index];
    pthread_mutex_unlock(&lock);
    return rc;
}
int nvmlDeviceGetName(void *device, char *name, unsigned int length) {
    snprintf(name, length, "Fake GPU %d", index_of(device));
    return OK;
}
int nvmlDeviceGetUUID(void *device, char *uuid, unsigned int length) {
    snprintf(uuid, length, "GPU-fake-%04d", index_of(device));
    return OK;
}
int nvmlDeviceGetPowerUsage(void *device, unsigned int *milliwatts) {
    pthread_mutex_lock(&lock);
    load();
    int i = index_of(device);
    if (i >= 0) *milliwatts = power_of(i);
    pthread_mutex_unlock(&lock);
    return i < 0 ? BAD_ARGUMENT : OK;
}
int nvmlDeviceGetTotalEnergyConsumption(void *device, unsigned long long *millijoules) {
    pthread_mutex_lock(&lock);
    load();
    int i = index_of(device), rc = OK;
    if (i < 0) rc = BAD_ARGUMENT;
    else if (gpus[i].no_energy) rc = NOT_SUPPORTED;
    else {
        double now = now_s();
        energy_mj[i] += power_of(i) * (now - last_energy_s[i]);
        last_energy_s[i] = now;
        *millijoules = (unsigned long long)energy_mj[i];
    }
    pthread_mutex_unlock(&lock);
    return rc;
}

#ifndef FAKE_NVML_NO_PROCESS_API
/* Fills `out` (or only counts, when NULL) with each process's latest samples newer than lastSeen. */
static unsigned int pick(int i, unsigned long long lastSeen, sample_t *out) {
    unsigned int n = 0, seen_pids[MAX_PROCS * 4];
    int pid_count = 0;
    for (int k = 0; k < buffered[i]; k++) {
        sample_t *s = &buffer[i][(next_slot[i] - 1 - k + BUFFER) % BUFFER];  /* newest first */
        int known = 0;
        for (int q = 0; q < pid_count; q++) known |= seen_pids[q] == s->pid;
        if (known || s->timeStamp <= lastSeen) continue;
        if (pid_count < MAX_PROCS * 4) seen_pids[pid_count++] = s->pid;
        int taken = 0;
        for (int m = k; m < buffered[i] && taken < samples_per_process; m++) {
            sample_t *t = &buffer[i][(next_slot[i] - 1 - m + BUFFER) % BUFFER];
            if (t->pid != s->pid || t->timeStamp <= lastSeen) continue;
            if (out) {
                /* Samples of one process vary around its figure (±5), so a reader must average them. */
                int wobble = samples_per_process > 1 && t->smUtil >= 5 ? (taken % 2 ? -5 : 5) : 0;
                out[n] = *t;
                out[n].smUtil = (unsigned int)((int)t->smUtil + wobble);
            }
            n++;
            taken++;
        }
    }
    return n;
}

int nvmlDeviceGetProcessUtilization(void *device, sample_t *utilization, unsigned int *count,
                                    unsigned long long lastSeen) {
    pthread_mutex_lock(&lock);
    load();
    int i = index_of(device), rc;
    if (i < 0 || !count) { pthread_mutex_unlock(&lock); return BAD_ARGUMENT; }
    unsigned int in = *count;
    rc = gpus[i].util_status;
    if (rc == OK) {
        if (!utilization) sample_all();  /* the driver samples on its own; here, at each count query */
        unsigned int needed = pick(i, lastSeen, NULL);
        if (needed == 0) { rc = NOT_FOUND; *count = 0; }
        else if (!utilization || in < needed) { rc = INSUFFICIENT_SIZE; *count = needed; }
        else { *count = pick(i, lastSeen, utilization); }
    }
    log_call("nvmlDeviceGetProcessUtilization", i, utilization, in, lastSeen, rc, *count);
    pthread_mutex_unlock(&lock);
    return rc;
}

/* The two-call protocol of the running-process queries, for either struct layout. */
static int running(const char *fn, void *device, unsigned int *count, void *infos, int v2) {
    pthread_mutex_lock(&lock);
    load();
    int i = index_of(device);
    if (i < 0 || !count) { pthread_mutex_unlock(&lock); return BAD_ARGUMENT; }
    unsigned int in = *count, needed = (unsigned int)gpus[i].proc_count;
    int rc = gpus[i].procs_status;
    if (rc == OK) {
        if (in < needed || (!infos && needed > 0)) {
            rc = INSUFFICIENT_SIZE;
        } else {
            for (unsigned int p = 0; p < needed; p++) {
                proc_t *q = &gpus[i].procs[p];
                if (v2) ((info_v2_t *)infos)[p] = (info_v2_t){q->pid, q->bytes, 0xFFFFFFFFu, 0xFFFFFFFFu};
                else ((info_v1_t *)infos)[p] = (info_v1_t){q->pid, q->bytes};
            }
        }
        *count = needed;
    }
    log_call(fn, i, infos, in, 0, rc, *count);
    pthread_mutex_unlock(&lock);
    return rc;
}

int nvmlDeviceGetComputeRunningProcesses(void *device, unsigned int *count, info_v1_t *infos) {
    return running("nvmlDeviceGetComputeRunningProcesses", device, count, infos, 0);
}
#ifndef FAKE_NVML_V1_ONLY
int nvmlDeviceGetComputeRunningProcesses_v2(void *device, unsigned int *count, info_v2_t *infos) {
    return running("nvmlDeviceGetComputeRunningProcesses_v2", device, count, infos, 1);
}
int nvmlDeviceGetComputeRunningProcesses_v3(void *device, unsigned int *count, info_v2_t *infos) {
    return running("nvmlDeviceGetComputeRunningProcesses_v3", device, count, infos, 1);
}
#endif
#endif
