"""Who may read the data folder: only the user running onestop.

`hub.db` holds the central token in plain text and every ticket; its WAL/SHM, the backups,
the logs and the station token files are as sensitive. So:

* POSIX: the process's umask becomes 077 at start (everything it creates is 0600, folders
  0700), and :func:`secure_folder` tightens what is already there (an existing folder from an
  older onestop: ``hub.db`` 0644 becomes 0600). Permissions are only ever removed, never added,
  and symbolic links are not followed.
* Windows: the default data folder (``%LOCALAPPDATA%\\onestop``) inherits the user profile's ACL
  (the user, SYSTEM and Administrators), which is what we want. A folder elsewhere (``--data
  D:\\onestop``) gets that same ACL with ``icacls``: inheritance removed, full control for the
  user, SYSTEM and Administrators only. Written, not yet run on Windows (docs/security.md).

`onestop doctor` calls :func:`exposed` to warn when anything is readable by others.
"""

from __future__ import annotations

import contextlib
import logging
import os
import stat
import subprocess
import sys
from pathlib import Path

log = logging.getLogger(__name__)
PRIVATE_UMASK = 0o077
FILE_MODE, DIR_MODE = 0o600, 0o700
WINDOWS = sys.platform == "win32"


def private_umask() -> None:
    """From now on this process creates files 0600 and folders 0700 (POSIX; no-op on Windows,
    where new files inherit the folder's ACL)."""
    if not WINDOWS:
        os.umask(PRIVATE_UMASK)


def make_private(path: Path) -> None:
    """One file (0600) or folder (0700): group and others lose every permission."""
    if WINDOWS:
        return  # inherits the folder's ACL (see secure_folder)
    with contextlib.suppress(OSError):
        st = path.lstat()
        if stat.S_ISLNK(st.st_mode):
            return
        mode = stat.S_IMODE(st.st_mode)
        if mode & 0o077:
            os.chmod(path, mode & ~0o077)


def secure_folder(data_dir: Path) -> None:
    """Create the data folder private (0700) and make what is in it private: the umask for
    this process, then the folder, its files and subfolders (backups, logs, voice)."""
    private_umask()
    data_dir.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    if WINDOWS:
        _windows_acl(data_dir)
        return
    make_private(data_dir)
    for root, dirs, files in os.walk(data_dir):  # os.walk does not follow symlinks
        for name in dirs + files:
            make_private(Path(root) / name)


def exposed(data_dir: Path) -> list[Path] | None:
    """What in the data folder (itself included) others may read or enter; None when this
    cannot be told (Windows: ACLs are not read here)."""
    if WINDOWS:
        return None
    found = []
    if not data_dir.is_dir():
        return found
    candidates = [data_dir]
    for root, dirs, files in os.walk(data_dir):
        candidates += [Path(root) / name for name in dirs + files]
    for path in candidates:
        with contextlib.suppress(OSError):
            st = path.lstat()
            if not stat.S_ISLNK(st.st_mode) and st.st_mode & 0o077:
                found.append(path)
    return found


def _under_profile(path: Path) -> bool:
    profile = os.environ.get("USERPROFILE")
    if not profile:
        return False
    try:
        return path.resolve().is_relative_to(Path(profile).resolve())
    except OSError:
        return False


def _windows_acl(data_dir: Path) -> None:
    """Windows: a folder outside the user's profile gets the profile's kind of ACL."""
    if _under_profile(data_dir):
        return  # %LOCALAPPDATA% and the like: already the user, SYSTEM and Administrators
    user = os.environ.get("USERNAME")
    if not user:
        return
    domain = os.environ.get("USERDOMAIN")
    who = f"{domain}\\{user}" if domain else user
    command = ["icacls", str(data_dir), "/inheritance:r",
               "/grant:r", f"{who}:(OI)(CI)F",
               "/grant:r", "*S-1-5-18:(OI)(CI)F",       # SYSTEM
               "/grant:r", "*S-1-5-32-544:(OI)(CI)F",   # Administrators
               "/T", "/C", "/Q"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        log.warning("could not restrict the data folder's ACL (%s)", exc)
        return
    if done.returncode != 0:
        log.warning("icacls could not restrict %s: %s", data_dir,
                    (done.stderr or done.stdout).strip())
