"""sarkit's version, as installed (light: the command line's `--version` imports only this)."""

from importlib.metadata import PackageNotFoundError, version


def sarkit_version() -> str:
    try:
        return version("sarkit")
    except PackageNotFoundError:
        return "dev"
