"""Build feedback: phase lines, progress every few seconds on a pipe, a redrawn line on a terminal."""

from __future__ import annotations

import io

from graphmodel.cli.progress import PIPE_INTERVAL, BuildFeedback


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _extract(feedback: BuildFeedback, clock: _Clock, documents: int, seconds_each: float) -> None:
    feedback.phase("extracting", f"{documents} documents", total=documents)
    for _ in range(documents):
        clock.now += seconds_each
        feedback.advance()


def test_a_pipe_gets_phase_lines_and_a_progress_line_per_interval_with_rate_and_time_left() -> None:
    stream, clock = io.StringIO(), _Clock()
    feedback = BuildFeedback(stream=stream, clock=clock)
    feedback.phase("reading", "20 files")
    _extract(feedback, clock, 20, PIPE_INTERVAL / 4)  # a progress line every fourth document
    feedback.phase("writing", "to out")
    feedback.close()
    lines = stream.getvalue().splitlines()
    assert lines[:2] == ["reading 20 files", "extracting 20 documents"]
    progress = [line for line in lines if line.startswith("extracting: ") and "/20" in line]
    assert len(progress) == 5
    assert progress[0] == f"extracting: 4/20 documents, {4 / PIPE_INTERVAL:.1f}/s, about {PIPE_INTERVAL * 4:.0f} s left"
    assert lines[-2:] == [f"extracting: 20 documents in {PIPE_INTERVAL * 5:.0f} s ({4 / PIPE_INTERVAL:.1f}/s)",
                          "writing to out"]
    assert "\r" not in stream.getvalue()


def test_a_terminal_gets_one_redrawn_line_ended_before_a_warning() -> None:
    stream, clock = _Terminal(), _Clock()
    feedback = BuildFeedback(stream=stream, clock=clock)
    feedback.phase("extracting", "3 documents", total=3)
    clock.now += 1
    feedback.advance()
    feedback.warn("skipped a.txt: it is empty")
    clock.now += 1
    feedback.advance()
    clock.now += 1
    feedback.advance()
    feedback.close()
    text = stream.getvalue()
    assert "\r\033[Kextracting: 1/3 documents, 1.0/s, about 2.0 s left\nwarning: skipped a.txt: it is empty\n" in text
    assert text.endswith("\r\033[Kextracting: 3/3 documents, 1.0/s\nextracting: 3 documents in 3.0 s (1.0/s)\n")


def test_quiet_prints_only_warnings_and_verbose_adds_phase_times() -> None:
    quiet, loud, clock = io.StringIO(), io.StringIO(), _Clock()
    for stream, level in ((quiet, 0), (loud, 2)):
        feedback = BuildFeedback(level=level, stream=stream, clock=clock)
        feedback.phase("resolving", "12 entities of 2 documents")
        clock.now += 2.5
        feedback.warn("skipped b.txt: it is empty")
        feedback.close()
    assert quiet.getvalue() == "warning: skipped b.txt: it is empty\n"
    assert loud.getvalue().splitlines() == ["resolving 12 entities of 2 documents",
                                            "warning: skipped b.txt: it is empty",
                                            "resolving took 2.5 s"]
