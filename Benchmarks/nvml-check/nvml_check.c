/* nvml-check: confirms NVML's symbol names, units and struct layouts the way NVMLLibrary.swift
 * and NVMLLibrary+Processes.swift use them (dlopen("libnvidia-ml.so.1") + dlsym, no NVML
 * headers). Prints each GPU's name, UUID, total energy counter (mJ) and power (mW) twice, 1 s
 * apart, and the energy difference; then, per GPU, the per-process SM utilisation samples of
 * the last second (nvmlDeviceGetProcessUtilization) and the compute processes with their
 * memory (nvmlDeviceGetComputeRunningProcesses_v2, else the unversioned call), both with
 * NVML's two-call protocol (count with no buffer: NVML_ERROR_INSUFFICIENT_SIZE, then fill).
 * Compare the pids and MiB with `nvidia-smi --query-compute-apps=pid,used_memory --format=csv`
 * and the SM % with `nvidia-smi pmon -c 1` while a CUDA program runs.
 * Build: cc -O2 -o nvml_check nvml_check.c -ldl      Run: ./nvml_check
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/time.h>
#include <unistd.h>

typedef int (*init_fn)(void);
typedef int (*count_fn)(unsigned int *);
typedef int (*handle_fn)(unsigned int, void **);
typedef int (*text_fn)(void *, char *, unsigned int);
typedef int (*energy_fn)(void *, unsigned long long *);
typedef int (*power_fn)(void *, unsigned int *);
typedef const char *(*errstr_fn)(int);
/* nvmlProcessUtilizationSample_t: 32 bytes. */
typedef struct { unsigned int pid; unsigned long long timeStamp; unsigned int smUtil, memUtil, encUtil, decUtil; } sample_t;
/* nvmlProcessInfo_v2_t (24 bytes, _v2) and nvmlProcessInfo_v1_t (16 bytes, unversioned). */
typedef struct { unsigned int pid; unsigned long long usedGpuMemory; unsigned int gpuInstanceId, computeInstanceId; } info_v2_t;
typedef struct { unsigned int pid; unsigned long long usedGpuMemory; } info_v1_t;
typedef int (*util_fn)(void *, sample_t *, unsigned int *, unsigned long long);
typedef int (*procs_fn)(void *, unsigned int *, void *);

static void per_process(void *dev, unsigned int gpu, util_fn util, procs_fn procs, int v2, errstr_fn errstr) {
    struct timeval tv;
    gettimeofday(&tv, NULL);
    unsigned long long since = (unsigned long long)tv.tv_sec * 1000000ULL + tv.tv_usec - 1000000ULL;
    if (util) {
        unsigned int n = 0;
        int rc = util(dev, NULL, &n, since);
        printf("gpu%u nvmlDeviceGetProcessUtilization(count): rc %d (%s) count %u\n", gpu, rc, errstr ? errstr(rc) : "?", n);
        if (rc == 7) {  /* NVML_ERROR_INSUFFICIENT_SIZE */
            unsigned int cap = n + 4;
            sample_t *s = calloc(cap, sizeof *s);
            n = cap;
            rc = util(dev, s, &n, since);
            for (unsigned int i = 0; rc == 0 && i < n; i++)
                printf("gpu%u pid %u timeStamp_us %llu sm %u%% mem %u%% enc %u%% dec %u%%\n", gpu, s[i].pid,
                       s[i].timeStamp, s[i].smUtil, s[i].memUtil, s[i].encUtil, s[i].decUtil);
            free(s);
        }
    } else {
        printf("gpu%u: no nvmlDeviceGetProcessUtilization\n", gpu);
    }
    if (procs) {
        unsigned int n = 0;
        int rc = procs(dev, &n, NULL);
        printf("gpu%u running processes (%s, count): rc %d count %u\n", gpu, v2 ? "_v2" : "v1", rc, n);
        if (rc == 7) {
            unsigned int cap = n + 4;
            void *buf = calloc(cap, v2 ? sizeof(info_v2_t) : sizeof(info_v1_t));
            n = cap;
            rc = procs(dev, &n, buf);
            for (unsigned int i = 0; rc == 0 && i < n; i++) {
                unsigned int pid = v2 ? ((info_v2_t *)buf)[i].pid : ((info_v1_t *)buf)[i].pid;
                unsigned long long bytes = v2 ? ((info_v2_t *)buf)[i].usedGpuMemory : ((info_v1_t *)buf)[i].usedGpuMemory;
                printf("gpu%u pid %u usedGpuMemory_bytes %llu (%.1f MiB)\n", gpu, pid, bytes, bytes / 1048576.0);
            }
            free(buf);
        }
    } else {
        printf("gpu%u: no nvmlDeviceGetComputeRunningProcesses(_v2)\n", gpu);
    }
}

int main(void) {
    void *lib = dlopen("libnvidia-ml.so.1", RTLD_NOW | RTLD_LOCAL);
    if (!lib) { printf("NVML not available: libnvidia-ml.so.1 not found (%s)\n", dlerror()); return 2; }
    init_fn init = (init_fn)dlsym(lib, "nvmlInit_v2");
    init_fn shutdown = (init_fn)dlsym(lib, "nvmlShutdown");
    count_fn count = (count_fn)dlsym(lib, "nvmlDeviceGetCount_v2");
    handle_fn handle = (handle_fn)dlsym(lib, "nvmlDeviceGetHandleByIndex_v2");
    text_fn name = (text_fn)dlsym(lib, "nvmlDeviceGetName");
    text_fn uuid = (text_fn)dlsym(lib, "nvmlDeviceGetUUID");
    energy_fn energy = (energy_fn)dlsym(lib, "nvmlDeviceGetTotalEnergyConsumption");
    power_fn power = (power_fn)dlsym(lib, "nvmlDeviceGetPowerUsage");
    errstr_fn errstr = (errstr_fn)dlsym(lib, "nvmlErrorString");
    util_fn util = (util_fn)dlsym(lib, "nvmlDeviceGetProcessUtilization");
    procs_fn procs = (procs_fn)dlsym(lib, "nvmlDeviceGetComputeRunningProcesses_v2");
    int v2 = procs != NULL;
    if (!procs) procs = (procs_fn)dlsym(lib, "nvmlDeviceGetComputeRunningProcesses");
    if (!init || !shutdown || !count || !handle || !name || !uuid) { printf("missing a required symbol\n"); return 3; }
    int rc = init();
    if (rc != 0) { printf("nvmlInit_v2: %d (%s)\n", rc, errstr ? errstr(rc) : "?"); return 4; }
    unsigned int n = 0;
    count(&n);
    printf("GPUs: %u\n", n);
    unsigned long long first[64] = {0};
    for (int round = 0; round < 2; round++) {
        for (unsigned int i = 0; i < n && i < 64; i++) {
            void *dev = NULL;
            char nm[128] = "", id[128] = "";
            unsigned long long mj = 0;
            unsigned int mw = 0;
            handle(i, &dev);
            name(dev, nm, sizeof nm);
            uuid(dev, id, sizeof id);
            int erc = energy ? energy(dev, &mj) : -1;
            int prc = power ? power(dev, &mw) : -1;
            printf("round %d gpu%u %s %s energy_mJ=%llu (rc %d) power_mW=%u (rc %d)", round, i, nm, id, mj, erc, mw, prc);
            if (round == 0) first[i] = mj; else printf(" delta_J=%.3f", (double)(mj - first[i]) / 1000.0);
            printf("\n");
        }
        if (round == 0) sleep(1);
    }
    for (unsigned int i = 0; i < n; i++) {
        void *dev = NULL;
        handle(i, &dev);
        per_process(dev, i, util, procs, v2, errstr);
    }
    shutdown();
    return 0;
}
