"""Keep the driver's own log messages to one line, and silent while graphmodel asks for notifications.

The driver logs a warning before it retries a transaction (a deadlock, a leader switch); Neo4j's
deadlock message carries a multi-line dump of the lock wait list, which would spill over the
terminal. :func:`install` makes every such record one line. :func:`quiet_notifications` drops the
driver's notification log records while :func:`~graphmodel.stores.neo4j.errors.check_plan` reads
them from the plan's summary itself.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import neo4j.exceptions as nx4

__all__ = ["install", "one_line", "quiet_notifications"]

_QUIET: ContextVar[bool] = ContextVar("graphmodel_quiet_notifications", default=False)
_LOGGERS = ("neo4j.session", "neo4j.notifications")


def one_line(value: object) -> object:
    """A log argument on one line: a server error as its code and the first line of its message.

    >>> one_line("can't acquire ExclusiveLock on NODE(4)\\n Wait list: ...")
    "can't acquire ExclusiveLock on NODE(4)"
    >>> one_line(0.98)
    0.98
    """
    if isinstance(value, nx4.Neo4jError):
        return f"{value.code}: {_first_line(value.message)}"
    if isinstance(value, str | Exception):
        return _first_line(str(value))
    return value


class _DriverLogFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.name == "neo4j.notifications" and _QUIET.get():
            return False
        if isinstance(record.args, tuple):
            record.args = tuple(one_line(arg) for arg in record.args)
        record.msg = _first_line(str(record.msg))
        return True


_FILTER = _DriverLogFilter()


def install() -> None:
    """Attach the filter to the driver's loggers (once, however often it is called)."""
    for name in _LOGGERS:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)


@contextmanager
def quiet_notifications() -> Iterator[None]:
    """Drop the driver's notification log records inside the block (this thread or task only)."""
    token = _QUIET.set(True)
    try:
        yield
    finally:
        _QUIET.reset(token)


def _first_line(message: str | None) -> str:
    lines = [line.strip() for line in (message or "").splitlines() if line.strip()]
    return lines[0] if lines else ""
