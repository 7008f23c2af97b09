"""Benchmarks (`make bench` / `python -m bench.run [section...]`); results go to bench/RESULTS.md."""
