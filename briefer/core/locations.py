"""Where the sources are: a folder (a plain path, as ever) or a storage URL read through fsspec.

A value with a protocol (`s3://bucket/day`, `gcs://bucket/day`, `file:///srv/news`,
`memory://day`) names sources in object storage or on a path every Dask worker sees; anything
else is a folder. fsspec (in the `dask` extra) is imported only when a URL is given, so a
plain folder needs nothing more than it did.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A protocol: a letter, then letters, digits, "+", "-" or "."; then "://" (RFC 3986's scheme).
_PROTOCOL = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")


@dataclass(frozen=True)
class StorageURL:
    """Sources at a storage URL, listed and read through fsspec."""

    url: str  # as given, without a trailing "/"

    @property
    def protocol(self) -> str:
        return _PROTOCOL.match(self.url).group(1).lower()

    def __str__(self) -> str:
        return self.url


def storage_url(value: str) -> StorageURL | None:
    """The value as a StorageURL when it has a protocol, else None (a folder)."""
    if not _PROTOCOL.match(value):
        return None
    protocol, path = value.split("://", 1)
    return StorageURL(f"{protocol}://{path.rstrip('/') or path}")


def storage_problem(location: StorageURL) -> str | None:
    """Why sources at this URL cannot be read here, or None: fsspec missing, a protocol fsspec
    does not know, or the package its protocol needs (s3fs, gcsfs) missing. Nothing is fetched."""
    try:
        import fsspec
    except ImportError:
        return f"{location.url} is a storage URL, which needs fsspec: pip install 'briefer[dask]'"
    try:
        fsspec.get_filesystem_class(location.protocol)
    except ValueError:
        return f"{location.url}: unknown storage protocol {location.protocol}:// (fsspec knows file, memory, s3, gcs, az, ...)"
    except ImportError as exc:
        return f"{location.url}: reading {location.protocol}:// needs a package not installed ({exc})"
    return None
