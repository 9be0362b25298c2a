"""Generators of test and benchmark data (synthetic persons, FEBRL, the monitor's known year).

Imported by tests and benchmarks only; runtime code never imports this package (the import
contract in pyproject.toml forbids it)."""
