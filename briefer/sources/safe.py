"""Opening article files safely, and showing their names safely.

A check on a path and a later open of that path can see two different files: between
them a symlink or a FIFO can be swapped in. So the file is opened first, never following
a final symlink and never blocking (a FIFO opens at once and is then refused), and the
checks are made on the opened descriptor: a regular file, with one name only (a hard
link to a file outside the folder is refused), that is the very file found at a path
resolved inside the sources folder (same device and inode). What is read is what was
checked.

File names come from whoever filled the folder: control characters, line breaks,
invisible format characters and bytes that are not UTF-8 are shown escaped (\\x1b, \\n,
\\u202e, \\xff), in the terminal and in the brief alike.
"""

from __future__ import annotations

import os
import stat
import unicodedata
from pathlib import Path

_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


class UnsafeFile(OSError):
    """A folder entry briefer refuses to read; str() is the reason, for the warning."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.strerror = reason

    def __str__(self) -> str:
        return self.strerror


def shown_name(name: str) -> str:
    """The name with every character a terminal or a page would act on, hide or garble escaped.

    Bytes that were not UTF-8 (kept by Python as lone surrogates) are shown as \\xNN; control
    characters, line and paragraph separators and format characters (bidi overrides,
    zero-width characters, tags) as \\xNN or \\uNNNN. Everything else is kept as written.
    """
    if name.isprintable() and name.isascii():
        return name
    out = []
    for char in name:
        code = ord(char)
        if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
            out.append(f"\\x{code - 0xDC00:02x}")
        elif char in _NAMED_ESCAPES:
            out.append(_NAMED_ESCAPES[char])
        elif unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
        else:
            out.append(char)
    return "".join(out)


def _inside(path: Path, root: Path) -> bool:
    return path == root or path.is_relative_to(root)


def open_checked(path: Path, root: Path) -> int:
    """A read-only descriptor for the regular file at `path`, or UnsafeFile saying why not.

    `path` is an entry of the folder `root` (already resolved). A symlink is followed only
    to a file inside `root`; the checks are made on what was opened, so a swap between
    looking and opening is caught, never read.
    """
    try:
        resolved = Path(os.path.realpath(path, strict=True))
    except (OSError, RuntimeError, ValueError):
        if os.path.islink(path):
            raise UnsafeFile("a broken symlink") from None
        raise UnsafeFile("cannot be read (it disappeared or cannot be looked up)") from None
    if not _inside(resolved, root):
        raise UnsafeFile("a symlink to a file outside the sources folder (not followed)")
    try:
        descriptor = os.open(resolved, _FLAGS)
    except OSError as exc:
        if exc.errno == getattr(os, "ELOOP", None) or (exc.errno and os.path.islink(resolved)):
            raise UnsafeFile("a symlink swapped in while reading (not followed)") from None
        raise UnsafeFile(f"cannot be read ({exc.strerror or exc})") from None
    try:
        _check_opened(descriptor, resolved, root)
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor


def _check_opened(descriptor: int, resolved: Path, root: Path) -> None:
    opened = os.fstat(descriptor)
    if stat.S_ISDIR(opened.st_mode):
        raise UnsafeFile("a folder, not a file")
    if not stat.S_ISREG(opened.st_mode):
        raise UnsafeFile("not a regular file")  # a FIFO or device could block the build forever
    if opened.st_nlink == 0:
        raise UnsafeFile("removed or swapped while reading (not read)")
    if opened.st_nlink != 1:
        raise UnsafeFile(f"a file with {opened.st_nlink} hard links (not read: the same file may sit outside"
                         " the sources folder)")
    # The opened file must be the one a path inside the folder names now.
    where = _descriptor_path(descriptor)
    if where is not None and not _inside(where, root):
        raise UnsafeFile("swapped for a file outside the sources folder while reading (not read)")
    try:
        named = os.stat(resolved, follow_symlinks=False)
    except OSError:
        raise UnsafeFile("swapped while reading (not read)") from None
    if (named.st_dev, named.st_ino) != (opened.st_dev, opened.st_ino):
        raise UnsafeFile("swapped for another file while reading (not read)")


def _descriptor_path(descriptor: int) -> Path | None:
    """Where the kernel says the opened file is (Linux), or None when it cannot say."""
    try:
        target = os.readlink(f"/proc/self/fd/{descriptor}")
    except OSError:
        return None
    return Path(target) if target.startswith("/") and not target.endswith(" (deleted)") else None


def read_descriptor(descriptor: int, limit: int) -> bytes | None:
    """At most limit + 1 bytes; None when there were more than `limit` (never reads further)."""
    chunks: list[bytes] = []
    remaining = limit + 1
    while remaining > 0:
        try:
            chunk = os.read(descriptor, min(remaining, 1 << 20))
        except BlockingIOError:
            raise UnsafeFile("not a regular file") from None
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    data = b"".join(chunks)
    return data if len(data) <= limit else None
