"""Data, not code: level scales, frameworks and the output record schema, as YAML / JSON files."""

from pathlib import Path

SCHEMAS_DIR = Path(__file__).resolve().parent
