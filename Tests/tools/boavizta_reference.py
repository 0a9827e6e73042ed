#!/usr/bin/env python3
"""Reference embodied impacts from BoaviztAPI's own Python model classes (no server).

Writes Tests/EcobenchCoreTests/testdata/boavizta/reference.json: for a few server
configurations, the whole-life embedded GWP (kg CO2e), PE (MJ) and ADPe (kg Sb eq) of each
component and their total, computed by BoaviztAPI with its own defaults for everything the
configuration does not state, and the min and max BoaviztAPI states beside each value (from
the min/max of each defaulted parameter: RAM/SSD density, SSD capacity, power supply unit
weight, case type, CPU die size among CPUs with the given core count); the totals' min and max
are the sums. ecobench's EmbodiedComponentDefaults is tested against it (1 % per component,
5 % in total, for the values and for the min and max).

Also writes the CPU die-area data ecobench uses (BoaviztAPI's completion of die_size from
core_units: the mean total_die_size of cpu_specs.csv rows with that core count, else a linear
fit over all rows) so the table in BoaviztaCPUDieArea.swift can be checked against the source.

Run:  .venv/bin/python3 -m pip install boaviztapi==2.5.0   (or any Python with boaviztapi 2.5.0)
      .venv/bin/python3 Tests/tools/boavizta_reference.py > Tests/EcobenchCoreTests/testdata/boavizta/reference.json
"""
import json
import sys
from importlib.metadata import version

import pandas as pd

import boaviztapi
from boaviztapi import data_dir
from boaviztapi.compute.impacts_computation import compute_single_impact
from boaviztapi.utils.roundit import round_to_sigfig
from boaviztapi.models.component import (ComponentAssembly, ComponentCase, ComponentCPU, ComponentGPU,
                                         ComponentMotherboard, ComponentPowerSupply, ComponentRAM, ComponentSSD)

CRITERIA = {"gwp": "gwp_kg_co2e", "pe": "primary_energy_mj", "adp": "adpe_kg_sb_eq"}


def embedded(component):
    """Whole-life embedded impacts: duration = the component's own lifetime (no allocation)."""
    if component.usage.hours_life_time.value is None:  # motherboard, assembly: no lifetime of their own
        component.usage.hours_life_time.set_input(26280)
    life = component.usage.hours_life_time.value
    out = {"value": {}, "min": {}, "max": {}}
    for criterion, key in CRITERIA.items():
        impact = compute_single_impact(component, "embedded", criterion, duration=life)
        out["value"][key] = impact.value
        out["min"][key] = impact.min
        out["max"][key] = impact.max
    return out


def server(name, sockets, cores, ram_modules, ram_module_gb, ssds, gpus):
    parts = {}
    cpu = ComponentCPU()
    cpu.units.set_input(sockets)
    cpu.core_units.set_input(cores)
    parts["cpu"] = (embedded(cpu), {"units": sockets, "core_units": cores, "die_size_mm2": cpu.die_size.value})
    ram = ComponentRAM()
    ram.units.set_input(ram_modules)
    ram.capacity.set_input(ram_module_gb)
    parts["ram"] = (embedded(ram), {"units": ram_modules, "capacity_gb": ram_module_gb, "density_gb_per_cm2": ram.density.value})
    if ssds:
        ssd = ComponentSSD()
        ssd.units.set_input(ssds)
        parts["ssd"] = (embedded(ssd), {"units": ssds, "capacity_gb": ssd.capacity.value, "density_gb_per_cm2": ssd.density.value})
    if gpus:
        gpu = ComponentGPU()
        gpu.units.set_input(gpus)
        parts["gpu"] = (embedded(gpu), {"units": gpus, "gpu_surface_mm2": gpu.gpu_surface.value,
                                        "vram_surface_mm2": gpu.vram_surface.value, "weight_kg": gpu.weight.value})
    psu = ComponentPowerSupply()
    psu.units.set_input(2)
    parts["power_supply"] = (embedded(psu), {"units": 2, "unit_weight_kg": psu.unit_weight.value})
    parts["case"] = (embedded(ComponentCase()), {"case_type": "rack"})
    parts["motherboard"] = (embedded(ComponentMotherboard()), {})
    parts["assembly"] = (embedded(ComponentAssembly()), {})
    def total(which):
        return {key: sum(p[0][which][key] for p in parts.values()) for key in CRITERIA.values()}
    return {"name": name,
            "inputs": {"sockets": sockets, "cores_per_socket": cores, "memory_gb": ram_modules * ram_module_gb,
                       "nvme_ssds": ssds, "gpus": gpus},
            "components": {k: {"impacts": v[0]["value"], "min": v[0]["min"], "max": v[0]["max"], "completed": v[1]}
                           for k, v in parts.items()},
            "total": total("value"), "total_min": total("min"), "total_max": total("max")}


def die_areas():
    specs = pd.read_csv(f"{data_dir}/crowdsourcing/cpu_specs.csv")
    specs = specs[specs["total_die_size"].notna() & specs["cores"].notna()]
    by_cores = specs.groupby("cores")["total_die_size"]
    means = by_cores.mean()
    x, y = specs["cores"].values, specs["total_die_size"].values
    slope = ((x - x.mean()) * (y - y.mean())).sum() / ((x - x.mean()) ** 2).sum()
    return {"mean_total_die_size_mm2_by_cores": {str(int(c)): float(m) for c, m in means.items()},
            # BoaviztAPI's die_size min and max for a given core count (3 significant figures, as it rounds)
            "min_total_die_size_mm2_by_cores": {str(int(c)): round_to_sigfig(float(m), 3)
                                                for c, m in by_cores.min().items()},
            "max_total_die_size_mm2_by_cores": {str(int(c)): round_to_sigfig(float(m), 3)
                                                for c, m in by_cores.max().items()},
            "linear_fit_mm2": {"intercept": float(y.mean() - slope * x.mean()), "slope_per_core": float(slope)}}


def main():
    configurations = [
        server("2x16 cores, 64 GB (2x32), 1 NVMe SSD", 2, 16, 2, 32, 1, 0),
        server("1x24 cores, 256 GB (8x32), 2 NVMe SSD, 1 GPU", 1, 24, 8, 32, 2, 1),
        server("2x30 cores (linear fit), 512 GB (16x32), 4 NVMe SSD, 8 GPU", 2, 30, 16, 32, 4, 8),
    ]
    json.dump({"tool": "boaviztapi", "version": version("boaviztapi"),
               "script": "Tests/tools/boavizta_reference.py",
               "note": "whole-life embedded impacts, BoaviztAPI defaults for everything not in inputs",
               "configurations": configurations, "cpu_die_area": die_areas()},
              sys.stdout, indent=2, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
