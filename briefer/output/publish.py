"""Publishing: write outputs so that readers see the old set or the new set, never a mix."""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import os
import shutil
import tempfile
from pathlib import Path


def write_atomically(path: Path, data: bytes) -> None:
    """Write beside the target, then rename over it: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def published_url(base: str, date: dt.date, audience: str) -> str:
    """Where out/<date>/<audience>/ is on the web when the output folder is published at
    `base` (config's publish_url, its trailing "/" already taken off): <base>/<date>/<audience>/."""
    return f"{base}/{date.isoformat()}/{audience}/"


# --- Publishing ------------------------------------------------------------------------
# out/<date>/<audience> is a symlink to a hidden sibling folder holding one complete set
# of outputs. A build writes a new hidden folder, then renames a new symlink over the old
# one: rename(2) is atomic, so at every instant the path shows the old set or the new set,
# never a mix or a partial file. Leftovers of a killed build are hidden (dot) entries,
# removed by the next build of that folder.


def _umask() -> int:
    """The process's umask, read without changing it where the system tells it (Linux): setting
    and restoring it is process-wide, and a file another thread creates meanwhile gets mode 0666."""
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _write_file(path: Path, data: bytes, mode: int) -> None:
    with open(path, "xb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())
    os.chmod(path, mode)


def fsync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


@contextlib.contextmanager
def _exclusive(lock_path: Path):
    """One build at a time publishes a given folder, so hidden leftovers are never in use."""
    with open(lock_path, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _point_link(link: Path, target: Path) -> None:
    """Make `link` a symlink to the sibling `target`, atomically replacing what was there."""
    temporary = link.with_name(f"{target.name}.link")
    temporary.unlink(missing_ok=True)
    os.symlink(target.name, temporary)
    if link.is_dir() and not link.is_symlink():
        # A folder from before symlinked outputs: set aside (hidden), removed once replaced.
        os.rename(link, link.with_name(f"{target.name}.replaced"))
    os.replace(temporary, link)


def _remove_leftovers(link: Path, keep: Path) -> None:
    """Hidden versions, links and set-aside folders of this output other than the live one."""
    for entry in link.parent.iterdir():
        if not entry.name.startswith(f".{link.name}.") or entry.name in (keep.name, f".{link.name}.lock"):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)


def _carry_over(previous: Path, version: Path, replaced: set[str]) -> None:
    """Files kept beside the old brief that this build does not write (a delivery record,
    a dry-run message) stay beside the new one."""
    for entry in previous.iterdir() if previous.is_dir() else ():
        if entry.name not in replaced and entry.is_file() and not entry.is_symlink():
            try:
                os.link(entry, version / entry.name)
            except OSError:
                shutil.copy2(entry, version / entry.name)


def publish(folder: Path, outputs: dict[str, bytes]) -> tuple[Path, ...]:
    """Make every output appear under `folder` at once, replacing any previous set whole."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    mask = _umask()
    with _exclusive(folder.parent / f".{folder.name}.lock"):
        version = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
        try:
            for name, data in outputs.items():
                _write_file(version / name, data, 0o666 & ~mask)
            _carry_over(folder, version, set(outputs))
            os.chmod(version, 0o777 & ~mask)
            fsync_folder(version)
            _point_link(folder, version)
        except BaseException:
            shutil.rmtree(version, ignore_errors=True)
            raise
        fsync_folder(folder.parent)
        _remove_leftovers(folder, version)
    return tuple(folder / name for name in outputs)
