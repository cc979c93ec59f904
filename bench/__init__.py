"""The benchmark of issue 3: `make bench` runs bench/run.py. Nothing here is part of the product."""
