"""Templates compiled once per process, not once per language.

mkdocs-static-i18n builds each language with a theme environment of its own, and Jinja compiles
every theme template again in each (lexing, parsing, generating and compiling Python: about half
of what the theme's templates cost a build of two languages). `Shared` is a Jinja bytecode cache
held in memory: a template whose name, file, source and compiling settings are those of one
already compiled gets its code object back. Nothing is written to disk, so a fresh clone builds
exactly as fast as any other build."""

from __future__ import annotations

from jinja2 import Environment
from jinja2.bccache import Bucket, BytecodeCache

# The settings that change what Jinja generates from a template's source.
SETTINGS = ("block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
            "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix",
            "trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "optimized",
            "is_async")


def compiling(environment: Environment) -> tuple:
    """What, besides the source, Jinja's compiler reads from ``environment``."""
    extensions = tuple(sorted(f"{type(e).__module__}.{type(e).__qualname__}" for e in environment.extensions.values()))
    autoescape = environment.autoescape if isinstance(environment.autoescape, bool) else id(environment.autoescape)
    finalize = id(environment.finalize) if environment.finalize else None
    return (type(environment).__qualname__, extensions, autoescape, finalize, *(getattr(environment, s, None) for s in SETTINGS))


class Shared(BytecodeCache):
    """Code objects by template (name, file and compiling settings), each with its source's checksum:
    an edited template (under `mkdocs serve`) is compiled again and replaces its old code."""

    def __init__(self):
        self.codes: dict[str, tuple[str, object]] = {}

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
        key = self.get_cache_key(f"{name}\0{compiling(environment)!r}", filename)
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        checksum, code = self.codes.get(bucket.key, (None, None))
        if checksum == bucket.checksum:
            bucket.code = code

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.codes[bucket.key] = (bucket.checksum, bucket.code)

    def clear(self) -> None:
        self.codes.clear()
