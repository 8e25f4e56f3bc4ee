"""The event builder of acsdocs.yamlfile: PyYAML's events turned into plain values with an
explicit stack, each value's place remembered, every limit applied before anything large is
built. ``yamlfile.load_text`` is the way in."""

from __future__ import annotations

import math
import re
import unicodedata

import yaml
from yaml.resolver import Resolver

from .problems import Problem

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


# C0 but tab and line breaks, DEL, C1, and the non-characters XML and HTML refuse (U+FFFE, U+FFFF, U+FDD0-FDEF)
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")


def kind_of(char: str) -> str:
    """How a message names a character CONTROL finds."""
    return f"the {'control character' if ord(char) < 0xA0 else 'non-character'} U+{ord(char):04X}"


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
    def __init__(self, loaded, problems: list[Problem], shift: int = 0):  # loaded: a yamlfile.Loaded
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
            self.problem(event, f"this text holds {kind_of(control.group(0))}; text may hold tab and line "
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
