"""What differs per operating system, kept small and in one room: the data folder's instance
lock and file modes. Each module has a POSIX branch (tested here on Linux) and a Windows branch
(written, not yet run on Windows: see docs/operations.md)."""
