#ifndef ECOBENCH_CPCI_H
#define ECOBENCH_CPCI_H
/*
 * libpci (pciutils, Debian: libpci-dev; names from the pci.ids package). Only
 * Collect/PCIInventory.swift imports this module.
 *
 * libpci reports fatal errors through `pci_access.error`, which must not return (its default
 * calls exit). These functions install a handler that longjmps back into C here, so an error
 * becomes a return value and never crosses Swift frames. `pci_lookup_name` is variadic, which
 * Swift cannot call, hence ecobench_pci_names.
 */
#include <stddef.h>
#include <pci/pci.h>

/* Allocates, initialises and scans the bus. NULL on failure, with a message in `err`. */
struct pci_access *ecobench_pci_open(char *err, size_t err_size);

/* Fills identity, class, prog_if/revision and subsystem ids of `dev`. 0, or -1 with `err`. */
int ecobench_pci_fill(struct pci_access *acc, struct pci_dev *dev, char *err, size_t err_size);

/*
 * Vendor, device and class names from the ID database ("" where unknown).
 * 0, or -1 with a message in `err`.
 */
int ecobench_pci_names(struct pci_access *acc, struct pci_dev *dev,
                       char *vendor, size_t vendor_size, char *device, size_t device_size,
                       char *class_, size_t class_size, char *err, size_t err_size);

/* pci_cleanup; NULL is allowed. */
void ecobench_pci_close(struct pci_access *acc);

#endif
