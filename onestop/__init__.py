"""onestop: offline-capable counter-queue system for a ward one-stop centre."""

__version__ = "0.1.0"
