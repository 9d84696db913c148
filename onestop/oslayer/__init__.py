"""What differs per operating system, kept small and in one room: the data folder's instance
lock, its file modes, and the stop signals a writer answers (process.py). Each module has a POSIX
branch (tested here on Linux) and a Windows branch (written, not yet run on Windows: see
docs/operations.md)."""
