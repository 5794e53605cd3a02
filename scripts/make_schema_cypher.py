"""Write cypher/schema.cypher from graphmodel/schema.py (the constraints and indexes a load creates).

    python scripts/make_schema_cypher.py

tests/unit/test_schema.py fails when the file and the schema differ.
"""

from __future__ import annotations

from pathlib import Path

from graphmodel.stores.cypher import schema_file_text

OUT = Path(__file__).resolve().parents[1] / "cypher" / "schema.cypher"

if __name__ == "__main__":
    OUT.write_text(schema_file_text(), encoding="utf-8")
    print(f"wrote {OUT}")
