"""cooptrack: Hong Kong's co-operation conferences with Mainland partners, read from Government
press releases into a faithful, searchable record."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("cooptrack")
except PackageNotFoundError:  # pragma: no cover - running from a source tree that is not installed
    __version__ = "0.0.0"
