"""The parts of scripts/benchmark.py: corpus scale against raw spaCy, and the CPU profile."""
