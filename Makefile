# ecobench: `make run` sets everything up and measures a reference workload here;
# `make test` sets everything up and runs the tests. Both work on a fresh Debian 12 as root.

SHELL := /bin/bash
SWIFT ?= swift
# System packages the build, the reference workloads and the tests need.
APT_PACKAGES := pkg-config libsqlite3-dev libsensors-dev libpci-dev pci.ids pciutils util-linux openssl \
	stress-ng nginx-light wrk procps iproute2 chromium redis-server redis-tools postgresql prometheus gcc prometheus-node-exporter
RUN_WORKLOAD ?= Workloads/cpu-stress.yaml
RUN_ARGS ?= --repetitions 2 --baseline 5 --idle 5 --load 10 --cooldown 5 --impacts all
OUT ?= ecobench-reports
export ECOBENCH_DB ?= $(CURDIR)/ecobench.db
# Pre-flight checks (README, "Pre-flight checks"): on a shared VM a parallel build keeps the CPU
# busy, so `make run` records the checks and warns instead of refusing to measure.
export ECOBENCH_CHECKS ?= warn-only

.PHONY: all deps python-deps build release run test bench fuzz soak clean

all: build

# Installs only what is missing, so a prepared machine needs no network.
deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" != 0 ]; then echo "run as root (or install:$$missing)"; exit 1; fi; \
	  DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# jsonschema validates reports; sushy-tools is the Redfish server the tests run on loopback.
python-deps:
	@python3 -c 'import jsonschema' 2>/dev/null || python3 -m pip install --quiet jsonschema
	@command -v sushy-static >/dev/null 2>&1 || python3 -m pip install --quiet sushy-tools

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

run: release python-deps
	.build/release/ecobench run $(RUN_WORKLOAD) $(RUN_ARGS) --out $(OUT)
	@latest=$$(ls -td $(OUT)/run-*/ | head -1); \
	python3 Reports/validate_report.py $${latest}report.json && \
	echo "report: $${latest}report.json  (HTML: $${latest}report.html; CSV: $${latest}phases.csv, applications.csv, samples.csv)"

# The statistical comparison of two real runs (CompareTests) measures small differences in
# energy per unit: it runs last, alone, so the other suites' CPU load does not blur it.
test: deps python-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip CompareTests
	$(SWIFT) test --filter CompareTests

# Fuzz every parser (workload YAML, /proc, IPMI, Redfish JSON, power profiles) for
# FUZZ_SECONDS each; prints inputs/s and any finding, leaves a crash input in fuzz-crash-<pid>.bin.
FUZZ_SECONDS ?= 30
fuzz: deps
	$(SWIFT) build -c release --product ecobench-fuzz
	.build/release/ecobench-fuzz --seconds $(FUZZ_SECONDS)

# Sample at 100 Hz for SOAK_MINUTES against a RAPL fixture whose counter a background writer
# advances; checks flat memory, no descriptor growth, no drift of the tick schedule.
SOAK_MINUTES ?= 30
soak: deps
	$(SWIFT) build -c release --product ecobench-soak
	.build/release/ecobench-soak --minutes $(SOAK_MINUTES)

# Performance figures (release build): sampler cost vs a C floor, rate and jitter, SQLite
# ingest, analysis time and memory, and CodeCarbon / node-exporter side by side (installs them).
bench: release python-deps
	Benchmarks/run.sh

clean:
	rm -rf .build $(OUT)
