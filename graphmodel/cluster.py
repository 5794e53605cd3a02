"""Extraction across the machines of a Dask cluster, merged into the graph a local build writes.

Extracting a document is a pure function of the document and the extractor's configuration
(:func:`graphmodel.extract.corpus.extract_record`), so it runs on any worker. Here the documents are
read where ``graphmodel build`` runs, sent to the cluster's workers a few at a time, and their records
come back in corpus order; resolution and merging run here, and the outputs are byte-identical to a
local build's. Each worker process builds its extractor once (spaCy and the relation model).

Dask was chosen because it is pure Python from PyPI (no JVM, no separate runtime), its
``LocalCluster`` runs the same scheduler and worker processes as a real cluster (which is how the
tests run it), and its client offers the standard ``concurrent.futures`` executor the local
parallel build uses, so one code path serves both.

A cluster: ``dask scheduler`` on one machine, ``dask worker tcp://SCHEDULER:8786 --nthreads 1
--nworkers N`` on each (with this graphmodel version and its spaCy model installed), then
``graphmodel build DOCS --scheduler tcp://SCHEDULER:8786``.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from concurrent.futures import Executor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from graphmodel.errors import ClusterUnavailable
from graphmodel.version import __version__

__all__ = ["ClusterExecutor", "dask_executor"]

CONNECT_TIMEOUT = "20s"
WORKER_TIMEOUT = 60  # seconds to wait for the first worker of a cluster that is starting


@dataclass(frozen=True, slots=True)
class ClusterExecutor:
    """An executor on the cluster's workers, and the worker threads it has (documents in flight)."""

    executor: Executor
    threads: int


@contextmanager
def dask_executor(address: str | Any) -> Iterator[ClusterExecutor]:
    """Connect to the Dask scheduler at ``address`` (or a ``LocalCluster``) for one build.

    Raises:
        ClusterUnavailable: Dask is not installed, the scheduler does not answer, no worker joins
            within a minute, or a worker runs another graphmodel version.
    """
    try:
        distributed: Any = importlib.import_module("distributed")  # untyped: used through Any
    except ImportError as error:
        raise ClusterUnavailable("a build on a cluster needs Dask: pip install 'graphmodel[cluster]'") from error
    try:
        client = distributed.Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as error:
        raise ClusterUnavailable(f"cannot reach the Dask scheduler at {address}: {error}") from error
    with client:
        try:
            client.wait_for_workers(1, timeout=WORKER_TIMEOUT)
        except TimeoutError as error:
            raise ClusterUnavailable(f"the Dask scheduler at {address} has no worker; start one with "
                                     f"`dask worker {client.scheduler.address}`") from error
        _check_versions(client.run(_version))
        yield ClusterExecutor(client.get_executor(pure=False), sum(client.nthreads().values()))


def _version() -> str:
    return __version__


def _check_versions(versions: dict[str, str]) -> None:
    """Every worker must extract as this process would.

    >>> _check_versions({"tcp://w1:1": "9.9"})
    Traceback (most recent call last):
    ...
    graphmodel.errors.ClusterUnavailable: worker tcp://w1:1 runs graphmodel 9.9, ...
    """
    for worker, version in sorted(versions.items()):
        if version != __version__:
            raise ClusterUnavailable(f"worker {worker} runs graphmodel {version}, this build {__version__}; "
                                     "install the same version on every worker")
