"""Reading a cypher-shell script the way cypher-shell does, for the export tests."""

from __future__ import annotations

from collections.abc import Iterator

__all__ = ["split_script"]


def split_script(text: str) -> Iterator[tuple[str, str]]:
    """Yield ("param", argument) and ("cypher", statement) as cypher-shell reads them: a ``:param`` runs to
    the end of its line, a statement to the ``;`` that ends a line; ``//`` lines are comments."""
    statement: list[str] = []
    for line in text.splitlines():
        if not statement and (not line.strip() or line.startswith("//")):
            continue
        if not statement and line.startswith(":param "):
            yield "param", line.removeprefix(":param ")
            continue
        statement.append(line)
        if line.rstrip().endswith(";"):
            yield "cypher", "\n".join(statement).rstrip().removesuffix(";")
            statement = []
    assert not statement, f"unterminated statement: {statement}"
