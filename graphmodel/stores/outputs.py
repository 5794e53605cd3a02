"""A build's output folder (``graph.json``, ``graph.html``, ``graph.db``), replaced as one set.

:func:`staged_outputs` takes the folder's lock, removes what killed builds left behind, and yields a
fresh staging folder inside the output folder; the caller writes every output there. When the
caller's block ends without an exception, each staged file is renamed into place (``os.replace``,
in the order given, the database first and ``graph.json`` last); on an exception nothing is renamed.

What this guarantees, on a POSIX filesystem:

- A build that stops before the swap (an error, Ctrl-C, ``kill -9``, a crash) leaves the previous
  set exactly as it was: the swap is the first change to the output files.
- The swap is one ``rename`` per file, microseconds apart, not one atomic step: a reader that opens
  the files during those microseconds may see a new file beside an old one, and a build killed inside
  them leaves such a mix. The staging folder holds a ``.complete`` mark before the swap starts, and
  the next build in the folder finishes an interrupted swap before it writes its own set.
- Each file is replaced atomically: a reader of ``graph.json`` sees the old or the new file, never part.
- Builds to one folder never interleave: the lock (``fcntl.flock`` on ``.graphmodel.lock``, released
  by the kernel when its process dies, even by ``kill -9``) is held from before staging until after
  the swap. A second build waits for it (at most ``timeout`` seconds, then fails with one line); as the
  lock covers only the writing, not extraction, the wait is short, and the last build to write wins.
  ``GRAPHMODEL_BUILD_WAIT`` sets the wait in seconds; 0 makes the second build fail at once.
- Leftovers of killed builds (``.staging-*``, ``.graph.db.build-*``, temporary ``.graph.json.*``
  files) are removed by the next build in the folder, under the lock.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from graphmodel.errors import StoreUnavailable
from graphmodel.stores.embedded.build import replace_database

__all__ = ["COMPLETE_MARK", "LOCK_NAME", "STAGING_PREFIX", "WAIT_VARIABLE", "remove_leftovers", "staged_outputs",
           "swap_in"]

WAIT_VARIABLE = "GRAPHMODEL_BUILD_WAIT"  # seconds a build waits for another one's lock; 0 fails at once
DEFAULT_WAIT = 600.0
LOCK_NAME = ".graphmodel.lock"
STAGING_PREFIX = ".staging-"
COMPLETE_MARK = ".complete"
_POLL = 0.05  # seconds between attempts to take the lock


@contextmanager
def staged_outputs(out: Path, names: Sequence[str], *, timeout: float | None = None) -> Iterator[Path]:
    """Lock ``out``, clean it, and yield a staging folder; swap ``names`` from it into ``out`` at the end.

    Args:
        out: the output folder; created if needed.
        names: the files the caller writes into the staging folder, in the order they are swapped in.
        timeout: seconds to wait for another build that holds the folder's lock; by default
            ``$GRAPHMODEL_BUILD_WAIT``, else 600.

    Raises:
        StoreUnavailable: another build kept the lock for ``timeout`` seconds, or one of ``names`` is
            a directory in ``out``.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    with _locked(out, _wait_seconds() if timeout is None else timeout):
        for name in names:
            if (out / name).is_dir():
                raise StoreUnavailable(f"{out / name} is a directory, not a file graphmodel wrote; "
                                       "remove it or build into another folder")
        remove_leftovers(out, names)
        staging = out / f"{STAGING_PREFIX}{os.getpid()}"
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir()
        try:
            yield staging
            swap_in(staging, out, names)
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def swap_in(staging: Path, out: Path, names: Sequence[str]) -> None:
    """Rename each of ``names`` from ``staging`` over the file of that name in ``out``.

    The files are flushed to disk first and ``staging`` is marked complete, so that a swap cut short
    can be finished by :func:`remove_leftovers`. A name already moved is skipped, which makes a
    repeated swap finish the first. Sidecars of a replaced database (``.wal``, ``.shadow``) move out
    with it, as :func:`~graphmodel.stores.embedded.build.replace_database` does.
    """
    for name in names:
        if (staging / name).exists():
            _fsync(staging / name)
    (staging / COMPLETE_MARK).touch()
    _fsync(staging)
    for name in names:
        if (staging / name).exists():
            replace_database(staging / name, out / name, staging)
    _fsync(out)


def remove_leftovers(out: Path, names: Sequence[str]) -> None:
    """Finish the swap of a complete staging folder and remove what killed builds left in ``out``.

    Call it only while holding the folder's lock: another build's staging folder is then not live.
    """
    for staging in sorted(out.glob(f"{STAGING_PREFIX}*")):
        if (staging / COMPLETE_MARK).exists():
            swap_in(staging, out, names)
        shutil.rmtree(staging, ignore_errors=True)
    for name in names:  # temporary files and folders of atomic writes: .graph.db.build-*, .graph.json.*
        for leftover in out.glob(f".{name}.*"):
            if leftover.is_dir():
                shutil.rmtree(leftover, ignore_errors=True)
            else:
                leftover.unlink(missing_ok=True)


@contextmanager
def _locked(out: Path, timeout: float) -> Iterator[None]:
    """Hold the exclusive lock of ``out``; the kernel releases it when the process ends, however it ends."""
    # The lock file stays: removing it would let two builds lock two different files of one name.
    with open(out / LOCK_NAME, "a+", encoding="utf-8") as handle:
        deadline = time.monotonic() + timeout
        while not _try_lock(handle):
            if time.monotonic() >= deadline:
                raise StoreUnavailable(f"another build is writing {out} ({_holder(handle)}); "
                                       "wait for it to finish or build into another folder with -o")
            time.sleep(_POLL)
        try:
            handle.seek(0)
            handle.truncate()
            handle.write(f"{os.getpid()}\n")
            handle.flush()
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _wait_seconds() -> float:
    text = os.environ.get(WAIT_VARIABLE, "").strip()
    try:
        seconds = float(text) if text else DEFAULT_WAIT
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds < float("inf"):
        raise StoreUnavailable(f"{WAIT_VARIABLE} must be a number of seconds (0 or more), not {text!r}")
    return seconds


def _try_lock(handle: IO[str]) -> bool:
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _holder(handle: IO[str]) -> str:
    handle.seek(0)
    pid = handle.read().strip()
    return f"pid {pid}" if pid.isdigit() else "pid unknown"


def _fsync(path: Path) -> None:
    """Flush a file or folder to disk, so that a power cut after the swap cannot empty a swapped-in file."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
