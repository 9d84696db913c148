"""The command line's handlers, one module per command family, wired by name in the COMMANDS
table of onestop/cli.py (a module is imported only when its command runs).

A handler takes (args, settings) and returns an exit code; CliError is anything the user can
fix. Handlers compose what they run from onestop/compose.py and the rooms below it; nothing
below imports this package (the layers contract in pyproject.toml, docs/architecture.md).
"""
