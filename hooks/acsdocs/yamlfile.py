"""Read and load a YAML file into plain Python values, remembering where every value stands.

Plan files are plain data typed by people, so this loader is strict where YAML is lax and
bounded where YAML can be abused. No input makes it raise, recurse or run away: every
refusal is a ``Problem`` shaped ``what is wrong; expected ...; example ...``.

- ``read_text_file``: the bytes must be readable UTF-8 text without a byte-order mark or
  NUL bytes, at most ``MAX_FILE_BYTES``; the problem names the line, column and the fix.
- One document per file. No tags (``!include``, ``!!python/...``): an unknown tag used to
  be dropped silently. No merge keys (``<<``). No duplicate keys (PyYAML keeps the last).
- Aliases (``*name``) are expanded ``MAX_ALIAS_VALUES`` values at most in all: a 456-byte
  "billion laughs" file would otherwise grow past gigabytes. Nesting is at most
  ``MAX_DEPTH`` levels; whole numbers at most 2**53 in size (what JSON readers hold
  exactly); one text value at most ``MAX_TEXT`` characters.
- Unquoted dates stay the strings the maintainer wrote; every string (keys included) is
  normalised to NFC, so a term typed with combining accents matches one typed precomposed.

The file is parsed event by event with an explicit stack (no recursion), so no nesting can
overflow the stack and the limits apply before anything large is built.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path as FilePath

import yaml
from yaml.resolver import Resolver

from .problems import Problem

try:  # libyaml is several times faster on large plan folders
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

MAX_FILE_BYTES = 16 * 1024 * 1024  # the shipped plans are 0.2 MB; 10,000 activities are ~17 MB in 100 files
MAX_DEPTH = 32  # plan files need 5 (documents > items > title > one language)
MAX_ALIAS_VALUES = 10_000  # values produced by expanding aliases, per file
MAX_TEXT = 10_000  # characters in one value: about four printed pages
MAX_INT = 2**53  # larger whole numbers lose precision in JSON readers (JavaScript)

Path = tuple  # a path into the data: ("documents", 0, "items", 2, "id")

_RESOLVER = Resolver()
_YAML = "tag:yaml.org,2002:"
_SCALAR_TAGS = {"!"} | {f"{_YAML}{name}" for name in ("str", "int", "float", "bool", "null")}
_NEED_KEY = object()  # a mapping waits for its next key
_SKIP = object()  # the key was refused: drop its value
_UNSET = object()


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
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # C0 but tab and line breaks, DEL, C1
NUL = f"the file contains a NUL byte, so it is not text; expected UTF-8 text; {SAVE_AS_UTF8}, or remove a binary file"


def read_text_file(path: FilePath, shown: str) -> tuple[str | None, list[Problem]]:
    """The text of a UTF-8 file, or None when it cannot be used; problems (code "file") name the fix.

    A byte-order mark is removed, as every other tool of the stack does."""
    def problem(message: str, line: int = 1, column: int = 1) -> list[Problem]:
        return [Problem(shown, line, column, message, code="file")]

    path = FilePath(path)
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
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return None, problem(f"the file cannot be read ({reason}); expected a file you may read; "
                             "example: check its permissions (chmod u+r) and that it still exists")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, problem(f"the file is saved as UTF-16; expected UTF-8 text; {SAVE_AS_UTF8}")
    found: list[Problem] = []
    if raw.startswith(b"\xef\xbb\xbf"):  # as Windows editors save UTF-8: every tool of the stack reads it
        raw = raw[3:]
    nul = raw.find(b"\x00")
    if nul >= 0:
        return None, found + problem(NUL, *_line_col(raw, nul))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        try:
            raw.decode("cp1252")
            guess = " (it looks like Latin-1 or Windows-1252)"
        except UnicodeDecodeError:
            guess = ""
        return None, found + problem(f"the file is not UTF-8: byte 0x{raw[exc.start]:02x} cannot be read{guess}; "
                                     f"expected UTF-8 text; {SAVE_AS_UTF8}", *_line_col(raw, exc.start))
    return text, found


def load_file(path: FilePath, shown: str) -> tuple[Loaded | None, list[Problem]]:
    """``read_text_file`` then ``load_text``: the one call for a plan file on disk."""
    text, problems = read_text_file(path, shown)
    if text is None:
        return None, problems
    loaded, found = load_text(text, shown)
    return loaded, problems + found


# --------------------------------------------------------------------------- parsing

class _Stop(Exception):
    """Parsing cannot go on (a limit was reached); the problem is already recorded."""


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text):,} characters)"


def _tag_name(tag: str) -> str:
    return "!!" + tag[len(_YAML):] if tag.startswith(_YAML) else tag


def _number(value: str, tag: str) -> tuple[object, str | None]:
    """A resolved int or float scalar; with a message when it is too large for JSON."""
    too_large = (f"the number {_short(value)} is too large; expected a whole number of at most {MAX_INT:,} in size "
                 f"(2^53, what JSON readers hold exactly); example: if it is a code, quote it: \"{_short(value)}\"")
    text = value.replace("_", "")
    if tag.endswith(":float"):
        special = text.lower().lstrip("+-") in (".inf", ".nan")
        try:
            number = float(text)
        except ValueError:  # odd YAML 1.1 forms (1:30.5) stay text
            number = None
        if not special and (number is None or math.isfinite(number)):
            return (value if number is None else number), None
        return value, (f"the number {_short(value)} is not finite; expected a number JSON can hold, such as 2.5; "
                       f"example: if it is text, quote it: \"{_short(value)}\"")
    sign = -1 if text.startswith("-") else 1
    body = text.lstrip("+-")
    base = {"0x": 16, "0o": 8, "0b": 2}.get(body[:2].lower(), 10)
    body = body[2:] if base != 10 else body
    if len(body) > 60:
        return value, too_large
    try:
        number = sign * int(body, base)
    except ValueError:  # 1:30 (YAML 1.1 base 60) and other oddities stay text
        return value, None
    return (number, None) if abs(number) <= MAX_INT else (number, too_large)


def _scalar(event: yaml.ScalarEvent) -> tuple[object, str | None]:
    """The Python value of a scalar and, if it breaks a limit, the problem."""
    value = event.value
    if len(value) > MAX_TEXT:
        return value, (f"this value is {len(value):,} characters long; expected at most {MAX_TEXT:,} characters "
                       "in one value; example: shorten it and link to the full text with `url:`")
    tag = event.tag
    if tag is None and not event.implicit[0]:  # quoted text: the common case
        return unicodedata.normalize("NFC", value), None
    if tag is None or tag == "!":
        tag = _RESOLVER.resolve(yaml.ScalarNode, value, event.implicit)
    if tag.endswith((":int", ":float")):
        return _number(value, tag)
    if tag.endswith(":bool"):
        return value.lower() in ("true", "yes", "on"), None
    if tag.endswith(":null"):
        return None, None
    return unicodedata.normalize("NFC", value), None  # strings, and timestamps kept as written


class _Open:
    """A mapping or list being filled; ``path`` is None for one whose key was refused."""

    __slots__ = ("value", "path", "key")

    def __init__(self, value, path):
        self.value, self.path, self.key = value, path, _NEED_KEY


class _Builder:
    def __init__(self, loaded: Loaded, problems: list[Problem], shift: int = 0):
        self.loaded = loaded
        self.problems = problems
        self.shift = shift  # lines before the text in its file (front matter starts on line 2)
        self.stack: list[_Open] = []
        self.anchors: dict[str, list] = {}  # name -> the events of the anchored value
        self.recording: list[tuple[str, list, int]] = []  # anchors still open: name, events, depth
        self.expanded = 0
        self.origin = None
        self.documents = 0
        self.root = _UNSET
        self.unusable = False  # a value could not be read as written: the file is not used

    def problem(self, event, message: str, unusable: bool = False) -> None:
        mark = event.start_mark
        self.problems.append(Problem(self.loaded.path, mark.line + 1 + self.shift, mark.column + 1, message))
        self.unusable = self.unusable or unusable

    def stop(self, event, message: str):
        self.problem(event, message)
        raise _Stop

    def run(self, events) -> None:
        feeds = [iter(events)]  # the parser, then any aliases being expanded
        while feeds:
            event = next(feeds[-1], None)
            if event is None:
                feeds.pop()
                continue
            replayed = len(feeds) > 1
            if replayed:
                self.expanded += 1
                if self.expanded > MAX_ALIAS_VALUES:  # reported at the alias written in the file
                    self.stop(self.origin, f"aliases expand to more than {MAX_ALIAS_VALUES:,} values (an alias of aliases "
                                     "multiplies); expected each value written out, or a few aliases of small values; "
                                     "example: sources: *common, where common is one short list")
            else:
                for _, recorded, _ in self.recording:
                    recorded.append(event)
            if isinstance(event, yaml.AliasEvent):
                if not replayed:
                    self.origin = event  # the alias written in the file
                feeds.append(iter(self.alias(event)))
            elif isinstance(event, yaml.DocumentStartEvent):
                self.documents += 1
                if self.documents > 1:
                    self.problem(event, "a second YAML document starts here (---); expected one document per plan file; "
                                        "example: delete this --- line, or move what follows into a file of its own")
                    return
            elif isinstance(event, yaml.ScalarEvent):
                self.scalar(event, replayed)
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                self.start(event, replayed)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                self.stack.pop()
                done = [r for r in self.recording if r[2] > len(self.stack)]
                for name, recorded, _ in done:
                    self.anchors[name] = recorded
                self.recording = [r for r in self.recording if r[2] <= len(self.stack)]

    def alias(self, event) -> list:
        name = event.anchor
        if any(name == r[0] for r in self.recording):
            self.stop(event, f"the alias *{name} is inside the value it repeats, so it never ends; expected an alias "
                             f"after the end of &{name}; example: sources: &common [s001] on one record, "
                             "sources: *common on a later one")
        if name not in self.anchors:
            self.stop(event, f"the alias *{name} repeats nothing: no &{name} comes before it; expected an anchor "
                             f"defined earlier in this file; example: sources: &{name} [s001] then sources: *{name}")
        return self.anchors[name]

    def check_tag(self, event, allowed: set) -> None:
        if event.tag is not None and event.tag not in allowed:
            self.problem(event, f"the YAML tag {_tag_name(event.tag)} is not supported; expected plain data without tags "
                                "(a plan file cannot include other files or build objects); example: write the value "
                                "itself, as in url: https://asean.org/", unusable=True)

    def scalar(self, event, replayed: bool) -> None:
        self.check_tag(event, _SCALAR_TAGS)
        value, problem = _scalar(event)
        control = CONTROL.search(value) if isinstance(value, str) else None
        if control:  # written as an escape ("\x01", "\0"): feeds, calendars and pages cannot carry it
            self.problem(event, f"this text holds the control character U+{ord(control.group(0)):04X}; text may hold tab and line "
                                "breaks only; example: remove the escape (such as \"\\x01\") from the quoted text")
        if problem:  # a number JSON cannot hold is unusable; a long text is still text
            self.problem(event, problem, unusable=len(event.value) <= MAX_TEXT)
        if event.anchor and not replayed:
            self.anchors[event.anchor] = [event]
        if self.stack and self.stack[-1].key is _NEED_KEY and isinstance(self.stack[-1].value, dict):
            self.key(event, unicodedata.normalize("NFC", event.value))  # keys stay text as written
        else:
            self.add(event, value)

    def start(self, event, replayed: bool) -> None:
        mapping = isinstance(event, yaml.MappingStartEvent)
        self.check_tag(event, {"!", _YAML + ("map" if mapping else "seq")})
        if len(self.stack) >= MAX_DEPTH:
            self.stop(event, f"the data is nested more than {MAX_DEPTH} levels deep; expected at most {MAX_DEPTH} "
                             "(plan files need about 5); example: documents > items > title > one language")
        value: dict | list = {} if mapping else []
        parent = self.stack[-1] if self.stack else None
        if parent and parent.key is _NEED_KEY and isinstance(parent.value, dict):
            self.problem(event, "a key must be plain text; expected `name: value`; example: id: pa-2", unusable=True)
            parent.key, path = _SKIP, None
        else:
            path = self.add(event, value)
        self.stack.append(_Open(value, path))
        if event.anchor and not replayed:
            self.recording.append((event.anchor, [event], len(self.stack)))

    def key(self, event, key: str) -> None:
        top = self.stack[-1]
        top.key = _SKIP
        if top.path is None:
            return
        where = top.path + (key,)
        if not key.isprintable():
            self.problem(event, f"the key {key!r} contains a line break or a control character; expected a field "
                                "name on one line; example: id: pa-2", unusable=True)
        elif key == "<<":
            self.problem(event, "merge keys (<<) are not supported; expected every field written out in this mapping; "
                                "example: copy the fields of the anchored mapping here instead of <<: *name", unusable=True)
        elif key in top.value:
            first = self.loaded.key_marks[where][0]
            self.problem(event, f"duplicate key '{key}' (first at line {first}); YAML would silently keep only "
                                "the last one; remove or rename one")
        else:
            mark = event.start_mark
            self.loaded.key_marks[where] = (mark.line + 1 + self.shift, mark.column + 1)
            top.key = key

    def add(self, event, value) -> tuple | None:
        """Place a value in the open mapping or list (or as the root); return its path."""
        mark = event.start_mark
        if not self.stack:
            path: tuple | None = ()
            self.root = value
        else:
            top = self.stack[-1]
            if isinstance(top.value, list):
                path = None if top.path is None else top.path + (len(top.value),)
                top.value.append(value)
            else:
                key, top.key = top.key, _NEED_KEY
                if key is _SKIP or top.path is None:
                    return None
                path = top.path + (key,)
                top.value[key] = value
        if path is not None:
            self.loaded.marks[path] = (mark.line + 1 + self.shift, mark.column + 1)
        return path


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
