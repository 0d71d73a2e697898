"""Sources at a storage URL (s3://, gcs://, file://, memory://...): listed and read through fsspec.

The folder's rules hold: entries in name order, hidden ones (".name") left out, only regular
objects read (a "folder" under the prefix, a symlink or a device is skipped with its reason),
never more than the size limit read, and an object that cannot be read is a skipped file with
its reason, never a failed run. Each entry names its object by URL, so a Dask worker reads it
itself (credentials, as for any fsspec use, come from the worker's environment).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from briefer.core.errors import InputError
from briefer.core.locations import StorageURL


@dataclass(frozen=True)
class StoredObject:
    """One entry listed under a storage URL."""

    url: str  # the object's own URL, protocol included
    name: str  # its name under the listed prefix: the article's path, as a file's name is
    size: int | None
    kind: str  # "file", "directory", "link" (a symlink under file://) or another fsspec type


def _filesystem(location: StorageURL):
    import fsspec

    return fsspec.core.url_to_fs(location.url)


def list_objects(location: StorageURL) -> list[StoredObject]:
    """Every entry under the URL in name order but hidden ones; InputError when it cannot be
    listed or is not a folder of objects."""
    try:
        filesystem, path = _filesystem(location)
        info = filesystem.info(path)
        if info.get("type") != "directory":
            raise InputError(f"sources: {location} is not a folder of objects (it is a {info.get('type', 'file')})")
        entries = filesystem.ls(path, detail=True)
    except InputError:
        raise
    except FileNotFoundError:
        raise InputError(f"sources not found: {location}") from None
    except Exception as exc:  # each storage's client raises its own errors (botocore, aiohttp, google-auth)
        raise InputError(f"cannot list the sources {location}: {exc}") from None
    found = []
    listed = str(path).rstrip("/")
    for entry in entries:
        full = str(entry["name"]).rstrip("/")
        name = posixpath.basename(full)
        if not name or name.startswith(".") or full == listed:  # a store may list the prefix's own marker
            continue
        kind = "link" if entry.get("islink") else str(entry.get("type", "other"))
        size = entry.get("size")
        found.append(StoredObject(filesystem.unstrip_protocol(str(entry["name"])), name,
                                  int(size) if isinstance(size, (int, float)) else None, kind))
    return sorted(found, key=lambda entry: entry.name)


def unreadable_reason(entry: StoredObject) -> str | None:
    """Why an entry is not an object briefer may read (as ingest.unreadable_reason for files)."""
    if entry.kind == "directory":
        return "a folder, not a file"
    if entry.kind == "link":
        return "a symlink (not followed at a storage URL)"
    if entry.kind != "file":
        return "not a regular file"
    return None


def read_object(entry: StoredObject, limit: int) -> bytes | None:
    """The object's bytes, or None when it is larger than the limit (never reads more than
    limit + 1 bytes). Any failure of the storage is an OSError naming it."""
    import fsspec

    if entry.size is not None and entry.size > limit:
        return None
    try:
        with fsspec.open(entry.url, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError:
        raise
    except Exception as exc:  # each storage's client raises its own errors (botocore, aiohttp, google-auth)
        raise OSError(f"{type(exc).__name__}: {exc}") from None
    return None if len(data) > limit else data
