"""The installed distribution's version (``0.0.0`` in a source tree that is not installed)."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("conflictkg")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0"
