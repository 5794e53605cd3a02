"""What ``build`` shows on stderr while it works: phase lines and the extraction's progress.

On a terminal the progress is one line redrawn in place (documents done of all, rate, time left);
on a pipe or in a log it is a new line every few seconds, so that a long build in CI shows it is
alive without flooding the log. ``--quiet`` shows nothing but warnings; ``--verbose`` adds how long
each phase took.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from typing import TextIO

import click

__all__ = ["BuildFeedback", "duration"]

PIPE_INTERVAL = float(os.environ.get("GRAPHMODEL_PROGRESS_INTERVAL", "5"))  # seconds between lines on a pipe
TERMINAL_INTERVAL = 0.2  # seconds between redraws on a terminal


class BuildFeedback:
    """A :class:`graphmodel.pipeline.BuildReport` that writes to ``stream`` (default stderr).

    Args:
        level: 0 quiet (nothing but warnings), 1 phases and progress, 2 also each phase's time.
        stream: where to write; a terminal gets a redrawn line, anything else a line per interval.
        clock: seconds, monotonic (tests pass their own).
    """

    def __init__(self, level: int = 1, stream: TextIO | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.level, self.stream, self.clock = level, stream or sys.stderr, clock
        self.terminal = self.stream.isatty()
        self.name, self.done = "", 0
        self.total: int | None = None
        self.started = self.shown = self.clock()
        self.redrawn = False  # a progress line is on the terminal, not yet ended
        self.noted: list[str] = []

    def phase(self, name: str, detail: str, total: int | None = None) -> None:
        self._finish()
        self.name, self.total, self.done = name, total, 0
        self.started = self.shown = self.clock()
        self._line(f"{name} {detail}")

    def advance(self) -> None:
        self.done += 1
        now = self.clock()
        complete = self.total is not None and self.done >= self.total
        interval = TERMINAL_INTERVAL if self.terminal else PIPE_INTERVAL
        if now - self.shown >= interval or (complete and self.terminal):
            self.shown = now
            self._progress(now)

    def note(self, text: str) -> None:
        """A line about the current phase: with a counted phase, added to its closing line."""
        if self.name and self.total is not None:
            self.noted.append(text)
        else:
            self._end_redrawn()
            self._line(text)

    def warn(self, message: str) -> None:
        """A warning, on a line of its own even while progress is drawn."""
        self._end_redrawn()
        click.echo(f"warning: {message}", file=self.stream)

    def close(self) -> None:
        """End the last phase (its time, with ``--verbose``)."""
        self._finish()

    def _progress(self, now: float) -> None:
        if self.level < 1:
            return
        elapsed = max(now - self.started, 1e-9)
        rate = self.done / elapsed
        text = f"{self.name}: {self.done:,}"
        if self.total is not None:
            text += f"/{self.total:,}"
        text += f" documents, {rate:.1f}/s"
        if self.total is not None and 0 < self.done < self.total and rate > 0:
            text += f", about {duration((self.total - self.done) / rate)} left"
        if self.terminal:
            click.echo(f"\r\033[K{text}", file=self.stream, nl=False)
            self.redrawn = True
        else:
            click.echo(text, file=self.stream)

    def _finish(self) -> None:
        self._end_redrawn()
        elapsed = self.clock() - self.started
        if self.name and self.total is not None and self.level >= 1:
            rate = f" ({self.done / elapsed:.1f}/s)" if elapsed > 0 else ""
            noted = "".join(f"; {text}" for text in self.noted)
            click.echo(f"{self.name}: {self.done:,} documents in {duration(elapsed)}{rate}{noted}", file=self.stream)
        elif self.name and self.level >= 2:
            click.echo(f"{self.name} took {duration(elapsed)}", file=self.stream)
        self.name, self.noted = "", []

    def _line(self, text: str) -> None:
        if self.level >= 1:
            click.echo(text, file=self.stream)

    def _end_redrawn(self) -> None:
        if self.redrawn:
            click.echo("", file=self.stream)
            self.redrawn = False


def duration(seconds: float) -> str:
    """A short human duration.

    >>> duration(0.42), duration(12.3), duration(75), duration(3725)
    ('0.4 s', '12 s', '1 min 15 s', '1 h 2 min')
    """
    if seconds < 10:
        return f"{seconds:.1f} s"
    if seconds < 60:
        return f"{seconds:.0f} s"
    minutes, secs = divmod(round(seconds), 60)
    if minutes < 60:
        return f"{minutes} min {secs} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min"
