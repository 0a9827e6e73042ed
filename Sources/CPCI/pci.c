#include "cpci.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The error handler jumps back to the innermost guarded call on this thread. */
static __thread jmp_buf *ecobench_pci_jump;
static __thread char ecobench_pci_message[256];

__attribute__((noreturn)) static void ecobench_pci_error(char *msg, ...) {
    va_list args;
    va_start(args, msg);
    vsnprintf(ecobench_pci_message, sizeof ecobench_pci_message, msg, args);
    va_end(args);
    if (ecobench_pci_jump != NULL) {
        longjmp(*ecobench_pci_jump, 1);
    }
    /* Not inside a guarded call: libpci requires that this never returns. */
    fprintf(stderr, "libpci: %s\n", ecobench_pci_message);
    abort();
}

static void ecobench_pci_quiet(char *msg, ...) { (void)msg; }

static void copy_message(char *err, size_t err_size) {
    if (err != NULL && err_size > 0) {
        snprintf(err, err_size, "%s", ecobench_pci_message);
    }
}

struct pci_access *ecobench_pci_open(char *err, size_t err_size) {
    struct pci_access *acc = pci_alloc();
    if (acc == NULL) {
        snprintf(err, err_size, "pci_alloc failed");
        return NULL;
    }
    acc->error = ecobench_pci_error;
    acc->warning = ecobench_pci_quiet;
    acc->debug = ecobench_pci_quiet;
    jmp_buf here;
    jmp_buf *outer = ecobench_pci_jump;
    ecobench_pci_jump = &here;
    if (setjmp(here) != 0) {
        ecobench_pci_jump = outer;
        copy_message(err, err_size);
        pci_cleanup(acc);
        return NULL;
    }
    pci_init(acc);
    pci_scan_bus(acc);
    ecobench_pci_jump = outer;
    return acc;
}

int ecobench_pci_fill(struct pci_access *acc, struct pci_dev *dev, char *err, size_t err_size) {
    (void)acc;
    jmp_buf here;
    jmp_buf *outer = ecobench_pci_jump;
    ecobench_pci_jump = &here;
    if (setjmp(here) != 0) {
        ecobench_pci_jump = outer;
        copy_message(err, err_size);
        return -1;
    }
    pci_fill_info(dev, PCI_FILL_IDENT | PCI_FILL_CLASS | PCI_FILL_CLASS_EXT | PCI_FILL_SUBSYS);
    ecobench_pci_jump = outer;
    return 0;
}

static void lookup(struct pci_access *acc, char *buf, size_t size, int flags,
                   unsigned a, unsigned b) {
    if (size == 0) return;
    buf[0] = '\0';
    if (pci_lookup_name(acc, buf, (int)size, flags | PCI_LOOKUP_NO_NUMBERS, a, b) == NULL) {
        buf[0] = '\0';
    }
}

int ecobench_pci_names(struct pci_access *acc, struct pci_dev *dev,
                       char *vendor, size_t vendor_size, char *device, size_t device_size,
                       char *class_, size_t class_size, char *err, size_t err_size) {
    jmp_buf here;
    jmp_buf *outer = ecobench_pci_jump;
    ecobench_pci_jump = &here;
    if (setjmp(here) != 0) {
        ecobench_pci_jump = outer;
        copy_message(err, err_size);
        return -1;
    }
    lookup(acc, vendor, vendor_size, PCI_LOOKUP_VENDOR, dev->vendor_id, 0);
    lookup(acc, device, device_size, PCI_LOOKUP_DEVICE, dev->vendor_id, dev->device_id);
    lookup(acc, class_, class_size, PCI_LOOKUP_CLASS, dev->device_class, 0);
    ecobench_pci_jump = outer;
    return 0;
}

void ecobench_pci_close(struct pci_access *acc) {
    if (acc != NULL) {
        pci_cleanup(acc);
    }
}
