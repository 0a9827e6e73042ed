#ifndef ECOBENCH_CSENSORS_SHIM_H
#define ECOBENCH_CSENSORS_SHIM_H
/*
 * libsensors (lm-sensors, Debian: libsensors-dev). Only Collect/SensorsLibrary.swift imports it.
 * Swift 6 strict concurrency rejects C globals such as `libsensors_version`, and FILE handling
 * is simpler on this side, so both go through tiny functions here.
 */
#include <errno.h>
#include <stdio.h>
#include <sensors/sensors.h>
#include <sensors/error.h>

/* The library's version string, e.g. "3.6.0". */
static inline const char *ecobench_sensors_version(void) { return libsensors_version; }

/*
 * sensors_init with the configuration at `config_path`, or libsensors' default
 * (/etc/sensors3.conf, then /etc/sensors.d/) when `config_path` is NULL.
 * Returns sensors_init's result (0, or a negated SENSORS_ERR_* code, see sensors/error.h),
 * or -1 with errno in *open_errno (non-zero only then) when the file cannot be opened.
 */
static inline int ecobench_sensors_init(const char *config_path, int *open_errno) {
    *open_errno = 0;
    if (config_path == NULL) {
        return sensors_init(NULL);
    }
    FILE *config = fopen(config_path, "r");
    if (config == NULL) {
        *open_errno = errno;
        return -1;
    }
    int result = sensors_init(config);
    fclose(config);
    return result;
}

#endif
