"""Data, not code: level scales, frameworks, layout cues and the output record schema, as YAML / JSON files."""

from pathlib import Path

SCHEMAS_DIR = Path(__file__).resolve().parent


def yaml_loader():
    """libyaml's safe loader where PyYAML was built with it (five to ten times the pure-Python one:
    the framework catalogue is read by every worker), else PyYAML's own."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)
