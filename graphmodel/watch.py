"""Keep a build's outputs current while its documents change (``graphmodel build --watch``).

The watching process stays loaded (spaCy, the relation model), and the extraction cache
(:mod:`graphmodel.extract.cache`) holds the record of every document already extracted, so a change
costs the changed documents' extraction, resolution and the writing of the outputs, not a start-up.
Changes are the operating system's file events (through watchfiles), grouped until the folder has
been quiet for a moment, so that copying ten files in rebuilds once. A rebuild that fails (the folder
emptied, say) is reported and leaves the previous outputs as they were; watching goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from graphmodel.documents.read import readable
from graphmodel.errors import DocumentError, GraphModelError

__all__ = ["Change", "DocumentChanges", "watch_outputs"]

_TICK_MS = 200  # how often the watcher wakes when nothing changes, to see a stop request


class _Event(Protocol):
    def is_set(self) -> bool: ...


@dataclass(frozen=True, slots=True)
class Change:
    """What happened to one document file: ``added``, ``modified`` or ``deleted``."""

    kind: str
    path: Path


class DocumentChanges:
    """The watch filter: a change counts when it is to a file a build reads (by suffix), not hidden
    and not inside the output folder (whose graph.html is itself a readable document).

    >>> changes = DocumentChanges(Path("/corpus/out"))
    >>> from watchfiles import Change as Kind
    >>> changes(Kind.added, "/corpus/new.md"), changes(Kind.added, "/corpus/out/graph.html")
    (True, False)
    >>> changes(Kind.modified, "/corpus/.new.md.swp"), changes(Kind.added, "/corpus/notes.xlsx")
    (False, False)
    """

    def __init__(self, out: Path) -> None:
        self.out = Path(out).resolve()

    def __call__(self, _kind: object, path: str) -> bool:
        file = Path(path)
        return (readable(file.name) and not file.name.startswith(".")
                and self.out not in file.resolve().parents)


def watch_outputs(paths: Sequence[Path], out: Path, build: Callable[[Sequence[Change]], object], *,
                  on_error: Callable[[str], None] | None = None, on_idle: Callable[[], None] | None = None,
                  stop_event: _Event | None = None, quiet_ms: int = 50) -> int:
    """Call ``build`` now (with no changes) and again after each group of changes to the documents
    under ``paths``, until ``stop_event`` is set or the process is interrupted (Ctrl-C); return how
    many builds succeeded.

    ``build`` writes the outputs into ``out`` (:func:`graphmodel.pipeline.build_outputs` with
    ``reuse``); it gets the changes that caused it. A :class:`GraphModelError` or ``OSError`` from it
    goes to ``on_error`` (default: a logged warning) and watching goes on. ``on_idle`` is called each
    time watching resumes. Changes are grouped until none has come for ``quiet_ms`` milliseconds.

    Raises:
        DocumentError: a path does not exist.
    """
    import watchfiles

    missing = [str(path) for path in paths if not Path(path).exists()]
    if missing:
        raise DocumentError(f"cannot watch {', '.join(missing)}: no such file or folder")
    report = on_error or logging.getLogger(__name__).warning
    kinds = {watchfiles.Change.added: "added", watchfiles.Change.modified: "modified",
             watchfiles.Change.deleted: "deleted"}
    groups = watchfiles.watch(*paths, watch_filter=DocumentChanges(out), step=quiet_ms, rust_timeout=_TICK_MS,
                              yield_on_timeout=True, stop_event=stop_event, raise_interrupt=False)
    # The watcher starts on the first step, before the first build: a change made while a build runs is
    # kept and causes the next one.
    if next(groups, None) is None:
        return 0
    built = _attempt(build, (), report)
    if on_idle is not None:
        on_idle()
    for group in groups:
        if not group:
            continue  # a tick: nothing changed
        changes = sorted((Change(kinds[kind], Path(path)) for kind, path in group), key=lambda c: str(c.path))
        built += _attempt(build, changes, report)
        if on_idle is not None:
            on_idle()
    return built


def _attempt(build: Callable[[Sequence[Change]], object], changes: Sequence[Change],
             report: Callable[[str], None]) -> int:
    try:
        build(changes)
    except (GraphModelError, OSError) as error:
        report(f"the outputs were left as they were: {error}")
        return 0
    return 1
