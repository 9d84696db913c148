# Makes tests/ a package so test folders are imported as tests.queue, tests.hub, ...: without it
# a tests/queue/__init__.py would be imported as top-level `queue` and shadow the stdlib module.
