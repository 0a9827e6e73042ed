/* nvml-check: confirms NVML's symbol names and units the way NVMLLibrary.swift uses them
 * (dlopen("libnvidia-ml.so.1") + dlsym, no NVML headers). Prints each GPU's name, UUID,
 * total energy counter (mJ) and power (mW) twice, 1 s apart, and the energy difference.
 * Build: cc -O2 -o nvml_check nvml_check.c -ldl      Run: ./nvml_check
 */
#include <dlfcn.h>
#include <stdio.h>
#include <unistd.h>

typedef int (*init_fn)(void);
typedef int (*count_fn)(unsigned int *);
typedef int (*handle_fn)(unsigned int, void **);
typedef int (*text_fn)(void *, char *, unsigned int);
typedef int (*energy_fn)(void *, unsigned long long *);
typedef int (*power_fn)(void *, unsigned int *);
typedef const char *(*errstr_fn)(int);

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
    shutdown();
    return 0;
}
