"""CodeCarbon as a peer: its OfflineEmissionsTracker (no network; grid intensity by country)
measuring every `measure_power_secs=1` second for SECONDS seconds, then stopped.

usage: python3 codecarbon_watch.py SECONDS
"""
import sys
import time

from codecarbon import OfflineEmissionsTracker

seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 60.0
tracker = OfflineEmissionsTracker(country_iso_code="USA", measure_power_secs=1, save_to_file=False,
                                  log_level="error", tracking_mode="machine")
tracker.start()
time.sleep(seconds)
emissions = tracker.stop()
print(f"codecarbon emissions_kg={emissions}")
