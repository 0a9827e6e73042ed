# ecobench: `make run` sets everything up and measures a reference workload here;
# `make test` sets everything up and runs the tests. Both work on a fresh Debian 12 as root.

SHELL := /bin/bash
SWIFT ?= swift
# Package.swift's swift-tools-version; Debian has no Swift package (its `swift` is OpenStack's).
SWIFT_MIN_MAJOR := 6
SWIFT_MIN_MINOR := 0
# Checked before anything else (no apt-get, no venv) by every goal but clean, deps and
# python-deps: one line and a non-zero exit when there is no Swift toolchain or an old one.
SWIFT_TOOLCHAIN_PROBLEM := $(shell out=$$($(SWIFT) --version 2>/dev/null); \
	if [[ $$out =~ Swift\ version\ ([0-9]+)\.([0-9]+) ]]; then \
	  major=$${BASH_REMATCH[1]}; minor=$${BASH_REMATCH[2]}; \
	  (( major > $(SWIFT_MIN_MAJOR) || (major == $(SWIFT_MIN_MAJOR) && minor >= $(SWIFT_MIN_MINOR)) )) && exit 0; \
	  found="found Swift $$major.$$minor"; \
	else found="no '$(SWIFT)' on PATH"; fi; \
	echo "ecobench needs a Swift $(SWIFT_MIN_MAJOR).$(SWIFT_MIN_MINOR) or newer toolchain ($$found): install swift.org's Linux toolchain (https://www.swift.org/install/linux/) or swiftly (https://github.com/swiftlang/swiftly) and put its bin folder on PATH")
ifneq ($(filter-out clean deps python-deps,$(or $(MAKECMDGOALS),all)),)
ifneq ($(SWIFT_TOOLCHAIN_PROBLEM),)
$(error $(SWIFT_TOOLCHAIN_PROBLEM))
endif
endif
# System packages the build, the reference workloads and the tests need.
APT_PACKAGES := pkg-config libsqlite3-dev libsensors-dev libpci-dev pci.ids pciutils util-linux openssl \
	stress-ng nginx-light wrk hey procps iproute2 chromium redis-server redis-tools postgresql prometheus gcc prometheus-node-exporter \
	python3 python3-venv python3-jsonschema python3-yaml python3-cryptography \
	qemu-system-x86 linux-image-amd64 busybox-static poppler-utils
# Every Python tool lives in the project's virtual environment, made by `python3` on PATH
# (Debian's /usr/bin/python3 on a fresh Debian 12) with its site packages visible, so Debian's
# python3-jsonschema, python3-yaml and python3-cryptography serve; PyPI fills in the rest. Nothing is installed into the system Python
# (PEP 668). Tests and benchmarks find it through ECOBENCH_PYTHON.
BASE_PYTHON ?= python3
VENV := $(CURDIR)/.venv
PYTHON := $(VENV)/bin/python3
export ECOBENCH_PYTHON := $(PYTHON)
RUN_WORKLOAD ?= Workloads/cpu-stress.yaml
RUN_ARGS ?= --repetitions 2 --baseline 5 --idle 5 --load 10 --cooldown 5 --impacts all
OUT ?= ecobench-reports
# The device ECO:DIGIT's model prices the reference run's work with (docs/eco-digit.md).
ECO_DIGIT_DEVICE ?= Workloads/devices/example-server.yaml
export ECOBENCH_DB ?= $(CURDIR)/ecobench.db
# Pre-flight checks (docs/sources.md, "Pre-flight checks"): on a shared VM a parallel build keeps the CPU
# busy, so `make run` records the checks and warns instead of refusing to measure.
export ECOBENCH_CHECKS ?= warn-only

.PHONY: all deps python-deps build release run test check-targets bench fuzz libfuzz soak clean

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

# jsonschema validates reports, PyYAML reads the Impact Framework manifests in the tests,
# sushy-tools is the Redfish server the tests run on loopback, cryptography's Ed25519 checks signed
# reports independently of ecobench (Tests/tools/verify_signature.py).
# The interpreter's real file, so the environment outlives a symlink it was reached through.
$(PYTHON):
	@base=$$($(BASE_PYTHON) -c 'import os, sys; print(os.path.realpath(sys.executable))') && \
	$$base -m venv --system-site-packages $(VENV) || { rm -rf $(VENV); \
	  echo "could not make $(VENV) with $(BASE_PYTHON) (on Debian: apt-get install python3-venv)" >&2; exit 1; }

python-deps: deps $(PYTHON)
	@$(PYTHON) -c 'import jsonschema' 2>/dev/null || $(PYTHON) -m pip install --quiet jsonschema
	@$(PYTHON) -c 'import yaml' 2>/dev/null || $(PYTHON) -m pip install --quiet pyyaml
	@$(PYTHON) -c 'import sushy_tools' 2>/dev/null || $(PYTHON) -m pip install --quiet sushy-tools
	@$(PYTHON) -c 'import cryptography' 2>/dev/null || $(PYTHON) -m pip install --quiet cryptography

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

run: release python-deps
	.build/release/ecobench run $(RUN_WORKLOAD) $(RUN_ARGS) --out $(OUT)
	@latest=$$(ls -td $(OUT)/run-*/ | head -1); \
	$(PYTHON) Reports/validate_report.py $${latest}report.json && \
	id=$$($(PYTHON) -c 'import json, sys; print(json.load(open(sys.argv[1]))["run"]["id"])' $${latest}report.json) && \
	.build/release/ecobench report $$id --format blue-angel --out $${latest}blue-angel && \
	$(PYTHON) Reports/validate_report.py --schema blue-angel.schema.json $${latest}blue-angel/blue-angel.json && \
	.build/release/ecobench report $$id --format eco-digit --device $(ECO_DIGIT_DEVICE) --out $${latest}eco-digit && \
	$(PYTHON) Reports/validate_report.py --schema eco-digit.schema.json $${latest}eco-digit/eco-digit.json && \
	echo "report: $${latest}report.json  (HTML: $${latest}report.html; CSV: $${latest}phases.csv, applications.csv, samples.csv)" && \
	echo "Blue Angel (DE-UZ 215) measurement report: $${latest}blue-angel/blue-angel.html (JSON, samples CSV beside it)" && \
	echo "ECO:DIGIT score beside the measurement: $${latest}eco-digit/eco-digit.json"

# Suites that hold readings against the wall clock on a quiet machine run last, one at a time,
# so the other suites' CPU load does not blur them: the statistical comparison of two real runs
# (CompareTests: small differences in energy per unit), the agents against fixture counters
# advanced at known watts and scraped by a real Prometheus (AgentTests), and a real QEMU guest's
# CPU share of the host's energy (AgentVMTests).
QUIET_SUITES := CompareTests|\.AgentTests/|\.AgentVMTests/
test: deps python-deps
	$(SWIFT) build --build-tests $(IMPORT_CHECK)
	$(SWIFT) test --skip '$(QUIET_SUITES)'
	$(SWIFT) test --no-parallel --filter '$(QUIET_SUITES)'

# The stage targets bottom-up (docs/architecture.md): each built alone, and a file that imports a
# target its own target does not name in Package.swift fails the build.
STAGES := EcobenchModel EcobenchNet EcobenchCollect EcobenchCheck EcobenchStore EcobenchAttribute \
	EcobenchCluster EcobenchReport EcobenchSign EcobenchRun EcobenchAgent EcobenchKubernetes EcobenchServe EcobenchCore ecobench
IMPORT_CHECK := --explicit-target-dependency-import-check error
check-targets: deps
	@for t in $(STAGES); do \
	  echo "target $$t"; $(SWIFT) build --target $$t $(IMPORT_CHECK) 2>&1 | grep -E "error|warning: .*import" ; \
	  test $${PIPESTATUS[0]} -eq 0 || { echo "target $$t does not build alone"; exit 1; }; \
	done

# Fuzz every parser and wire decoder (workload YAML, /proc, IPMI, Redfish JSON, power profiles,
# canonical JSON, agent and Prometheus answers, kubeconfig, exec credentials, Kubernetes objects) for
# FUZZ_SECONDS each; prints inputs/s and any finding, leaves a crash input in fuzz-crash-<pid>.bin.
FUZZ_SECONDS ?= 30
fuzz: deps
	$(SWIFT) build -c release --product ecobench-fuzz
	.build/release/ecobench-fuzz --seconds $(FUZZ_SECONDS)

# The same targets under the toolchain's libFuzzer (coverage-guided), LIBFUZZ_SECONDS each
# (LIBFUZZ_TARGETS: a subset). Built with -sanitize=fuzzer into its own scratch path, so the
# normal build is untouched; prints inputs/s, coverage (cov/ft) and findings per target; crash
# inputs and logs in .build/libfuzz/artifacts (docs/reliability.md, "Fuzzing").
LIBFUZZ_SECONDS ?= 30
LIBFUZZ_TARGETS ?=
libfuzz: deps
	$(SWIFT) build -c debug --scratch-path .build/libfuzz --product ecobench-libfuzz \
	  -Xswiftc -sanitize=fuzzer -Xswiftc -DECOBENCH_LIBFUZZER
	Tests/EcobenchLibFuzz/run.sh .build/libfuzz/debug/ecobench-libfuzz $(LIBFUZZ_SECONDS) $(LIBFUZZ_TARGETS)

# Sample at 100 Hz for SOAK_MINUTES against a RAPL fixture whose counter a background writer
# advances; checks flat memory, no descriptor growth, no drift of the tick schedule.
SOAK_MINUTES ?= 30
soak: deps
	$(SWIFT) build -c release --product ecobench-soak
	.build/release/ecobench-soak --minutes $(SOAK_MINUTES)

# Performance figures (release build): sampler cost vs a C floor, rate and jitter, SQLite
# ingest, analysis time and memory, CodeCarbon / node-exporter side by side (installs them), and
# `cluster-energy` over a backfilled Prometheus fleet of FLEET_NODES nodes (comma list).
FLEET_NODES ?= 100,1000
bench: release python-deps
	FLEET_NODES=$(FLEET_NODES) Benchmarks/run.sh

clean:
	rm -rf .build $(OUT) $(VENV)
