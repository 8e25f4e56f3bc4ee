"""Read and load a YAML file into plain Python values, remembering where every value stands.

Plan files are plain data typed by people, so this loader is strict where YAML is lax and
bounded where YAML can be abused. No input makes it raise, recurse or run away: every
refusal is a ``Problem`` shaped ``what is wrong; expected ...; example ...``.

- ``read_text_file``: the bytes must be readable UTF-8 text (a byte-order mark is dropped) without
  NUL bytes, at most ``MAX_FILE_BYTES``; the problem names the line, column and the fix.
- One document per file. No tags (``!include``, ``!!python/...``): an unknown tag used to
  be dropped silently. No merge keys (``<<``). No duplicate keys (PyYAML keeps the last).
- Aliases (``*name``) are expanded ``MAX_ALIAS_VALUES`` values at most in all: a 456-byte
  "billion laughs" file would otherwise grow past gigabytes. Nesting is at most
  ``MAX_DEPTH`` levels; whole numbers at most 2**53 in size (what JSON readers hold
  exactly); one text value at most ``MAX_TEXT`` characters.
- Unquoted dates stay the strings the maintainer wrote; every string (keys included) is
  normalised to NFC, so a term typed with combining accents matches one typed precomposed.

The file is parsed event by event with an explicit stack (no recursion, acsdocs.yamlevents),
so no nesting can overflow the stack and the limits apply before anything large is built.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path as FilePath

import yaml

from .problems import Problem
from .yamlevents import _UNSET, CONTROL, MAX_ALIAS_VALUES, MAX_DEPTH, MAX_TEXT, Path, _Builder, _Stop  # noqa: F401 (the limits are this module's interface)

try:  # libyaml is several times faster on large plan folders
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

MAX_FILE_BYTES = 16 * 1024 * 1024  # the shipped plans are 0.2 MB; 10,000 activities are ~17 MB in 100 files
@dataclass
class Loaded:
    """The data of one file plus the line and column (1-based) of each path."""

    path: str
    data: object
    marks: dict = field(default_factory=dict)
    key_marks: dict = field(default_factory=dict)

    def where(self, path: Path, key: bool = False) -> tuple[int, int]:
        """Line and column of a path, or of the nearest enclosing value that has one."""
        table = self.key_marks if key else self.marks
        while path:
            if path in table:
                return table[path]
            if path in self.marks:
                return self.marks[path]
            path = path[:-1]
        return self.marks.get((), (1, 1))


# --------------------------------------------------------------------------- reading bytes

def _line_col(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    return raw.count(b"\n", 0, offset) + 1, len(raw[line_start:offset].decode("utf-8", "replace")) + 1


SAVE_AS_UTF8 = "example: in the editor choose Save with Encoding (or Save As) > UTF-8"
BOM = f"the file starts with a byte-order mark (BOM); expected UTF-8 without BOM; {SAVE_AS_UTF8} (without BOM)"
NUL = f"the file contains a NUL byte, so it is not text; expected UTF-8 text; {SAVE_AS_UTF8}, or remove a binary file"


def read_text_file(path: FilePath, shown: str) -> tuple[str | None, list[Problem]]:
    """The text of a UTF-8 file, or None when it cannot be used; problems (code "file") name the fix.

    A byte-order mark is removed, as every other tool of the stack does."""
    def problem(message: str, line: int = 1, column: int = 1) -> list[Problem]:
        return [Problem(shown, line, column, message, code="file")]

    raw, found = _read_bytes(FilePath(path), problem)
    if raw is None:
        return None, found
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, problem(f"the file is saved as UTF-16; expected UTF-8 text; {SAVE_AS_UTF8}")
    if raw.startswith(b"\xef\xbb\xbf"):  # as Windows editors save UTF-8: every tool of the stack reads it
        raw = raw[3:]
    nul = raw.find(b"\x00")
    if nul >= 0:
        return None, problem(NUL, *_line_col(raw, nul))
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        try:
            raw.decode("cp1252")
            guess = " (it looks like Latin-1 or Windows-1252)"
        except UnicodeDecodeError:
            guess = ""
        return None, problem(f"the file is not UTF-8: byte 0x{raw[exc.start]:02x} cannot be read{guess}; "
                             f"expected UTF-8 text; {SAVE_AS_UTF8}", *_line_col(raw, exc.start))


def _read_bytes(path: FilePath, problem) -> tuple[bytes | None, list[Problem]]:
    """The file's bytes, or None and why: not a regular readable file, or too large."""
    try:
        if path.is_symlink() and not path.exists():
            return None, problem("the file is a symbolic link to a file that does not exist; expected a readable file; "
                                 "example: restore the file it points to, or delete the link")
        if path.is_dir():
            return None, problem("this is a folder named like a file; expected a file; example: rename the folder")
        if path.exists() and not path.is_file():  # a pipe would block the read forever
            return None, problem("this is not a regular file (a pipe or a device); expected a text file; "
                                 "example: replace it with an ordinary file")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, problem(f"the file is {size:,} bytes; expected at most {MAX_FILE_BYTES:,} bytes in one file; "
                                 "example: split it into several files in the same folder")
        with open(path, "rb") as handle:
            return handle.read(MAX_FILE_BYTES + 1), []
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return None, problem(f"the file cannot be read ({reason}); expected a file you may read; "
                             "example: check its permissions (chmod u+r) and that it still exists")


def load_file(path: FilePath, shown: str) -> tuple[Loaded | None, list[Problem]]:
    """``read_text_file`` then ``load_text``: the one call for a plan file on disk."""
    text, problems = read_text_file(path, shown)
    if text is None:
        return None, problems
    loaded, found = load_text(text, shown)
    return loaded, problems + found


# --------------------------------------------------------------------------- parsing

def _reader_position(text: str, exc: yaml.YAMLError) -> tuple[int, int]:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark is not None:
        return mark.line + 1, mark.column + 1
    position = getattr(exc, "position", None)
    if isinstance(position, int):
        raw = text.encode("utf-8", "replace")
        return _line_col(raw, min(position, len(raw)))
    return 1, 1


def load_text(text: str, path: str, first_line: int = 1) -> tuple[Loaded | None, list[Problem]]:
    """Parse ``text``; return the loaded file (None if it cannot be used) and its problems.
    ``first_line``: the file's line number of the text's first line (front matter)."""
    shift = first_line - 1
    loaded = Loaded(path, None, {(): (first_line, 1)})
    problems: list[Problem] = []
    if text.startswith("\ufeff"):  # read_text_file removes it; a caller that read the file itself may not
        text = text[1:]
    if "\x00" in text:
        line, col = _line_col(text.encode("utf-8"), text.encode("utf-8").find(b"\x00"))
        return None, problems + [Problem(path, line + shift, col, NUL, code="file")]
    builder = _Builder(loaded, problems, shift)
    parser = _Loader(text)
    try:
        builder.run(iter(parser.get_event, None))
    except _Stop:
        return None, problems
    except yaml.MarkedYAMLError as exc:
        line, col = _reader_position(text, exc)
        line += shift
        what = exc.problem or "invalid YAML"
        problems.append(Problem(path, line, col, f"YAML syntax error: {what}; check indentation, colons and quotes around this line", code="syntax"))
        return None, problems
    except yaml.YAMLError as exc:  # a character YAML does not allow
        line, col = _reader_position(text, exc)
        line += shift
        reason = getattr(exc, "reason", None) or "unreadable text"
        problems.append(Problem(path, line, col, f"the file contains a character YAML does not allow ({reason}); "
                                                 "expected printable text; example: delete the character and retype it"))
        return None, problems
    except UnicodeError:  # an escape such as "\ud800" that is no character
        problems.append(Problem(path, first_line, 1, "the file contains an escape that is not a character (such as \\ud800); "
                                            "expected real characters; example: write the character itself"))
        return None, problems
    finally:
        parser.dispose()
    if builder.unusable:
        return None, problems
    loaded.data = {} if builder.root is _UNSET else builder.root
    return loaded, problems
