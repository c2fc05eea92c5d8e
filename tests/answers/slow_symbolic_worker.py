"""A stand-in for symbolic_worker.py that says it is ready, then never answers (tests only)."""

import json
import os
import sys
import time

parent = os.getppid()
sys.stdout.write(json.dumps({"ready": True}) + "\n")
sys.stdout.flush()
for _line in sys.stdin:
    while os.getppid() == parent:  # busy for ever, but never outlive the test run
        time.sleep(0.2)
    break
