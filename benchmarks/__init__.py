"""Benchmark and evaluation scripts for newsgen; run them as scripts, see README.md here."""
