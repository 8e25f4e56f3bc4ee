"""Pagefind's indexer, run as `pagefind --service` and spoken to directly (acsdocs.search
decides what goes in the index; this module only hands the records to Pagefind)."""

from __future__ import annotations

import base64
import ctypes
import gzip
import itertools
import json
import shutil
import zlib
from pathlib import Path


def pagefind_binary() -> str:
    """Pagefind's binary: $PAGEFIND_BINARY_PATH, else the one the PyPI package
    `pagefind[extended]` (pagefind-bin-extended) or `pagefind-bin` ships, else one on PATH."""
    import importlib
    import os

    if os.environ.get("PAGEFIND_BINARY_PATH"):
        return os.environ["PAGEFIND_BINARY_PATH"]
    for module in ("pagefind_bin_extended", "pagefind_bin"):
        try:
            return str(importlib.import_module(module).get_executable())
        except ImportError:
            continue
    found = shutil.which("pagefind_extended") or shutil.which("pagefind")
    if not found:
        raise RuntimeError("Pagefind is not installed: pip install -r requirements.txt (pagefind[extended])")
    return found


# Word positions per index chunk (Pagefind's default: 20,000). Pagefind sorts the words and cuts
# them into chunks; a query fetches the chunk that holds each word it searches. Where a common
# syllable ('chuyen') is followed in its chunk by the pairs that begin with it ('chuyendoi', …),
# searching either fetches both: at 10,000 activities a query of three common syllables fetched
# 270-450 KB of chunks, 110-230 KB at 5,000 (docs/search-decision.md). Pagefind 1.5 reads the
# size from this variable, which it calls unstable: the version is pinned, and a test checks it.
CHUNK_POSITIONS = 5000
CHUNK_VARIABLE = "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE"


class Service:
    """`pagefind --service`, spoken to directly: the protocol of Pagefind's own Python API
    (base64 JSON messages ended by ','), without its 0.1 s pause per answer, which would make
    20,000 sections take over half an hour."""

    def __init__(self, chunk_positions: int = CHUNK_POSITIONS):
        import os
        import subprocess

        env = {**os.environ, CHUNK_VARIABLE: str(chunk_positions)}
        self.proc = subprocess.Popen([pagefind_binary(), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
        self.sent = 0
        self.buffer = b""
        self.expired = 0.0  # the deadline (seconds) that stopped a silent service, or 0

    @staticmethod
    def deadline(requests: int) -> float:
        """How long an answer may take: generous (a loaded machine, 10,000 activities), never unbounded."""
        import os

        return float(os.environ.get("ACSDOCS_INDEX_TIMEOUT", 0)) or 300.0 + 0.05 * requests

    def _expire(self, seconds: float) -> None:
        self.expired = seconds
        self.proc.kill()

    def send(self, payloads: list[dict]) -> list[dict]:
        """Send the requests (from a thread, so neither pipe fills up) and return the answers in order."""
        import threading

        first = self.sent + 1
        self.sent += len(payloads)

        def write():
            try:
                for number, payload in enumerate(payloads, first):
                    message = json.dumps({"message_id": number, "payload": payload}).encode("utf-8")
                    self.proc.stdin.write(base64.b64encode(message) + b",")
                self.proc.stdin.flush()
            except (BrokenPipeError, ValueError):  # the service stopped (or was stopped): the reader says so
                pass

        writer = threading.Thread(target=write, daemon=True)
        writer.start()
        seconds = self.deadline(len(payloads))
        watchdog = threading.Timer(seconds, self._expire, (seconds,))
        watchdog.daemon = True
        watchdog.start()
        try:
            answers = self._answers(len(payloads))
        finally:
            watchdog.cancel()
        writer.join()
        return [answers[n] for n in range(first, first + len(payloads))]

    def _answers(self, count: int) -> dict:
        answers: dict = {}
        pending = [self.buffer]  # the parts of an answer not yet ended by ',' (the files' answer is megabytes)
        while len(answers) < count:
            chunk = self.proc.stdout.read1(1 << 20)
            if not chunk and self.expired:
                raise RuntimeError(f"pagefind --service gave no answer for {self.expired:.0f} s and was stopped (ACSDOCS_INDEX_TIMEOUT sets the limit)")
            if not chunk:
                raise RuntimeError("pagefind --service stopped before answering every request")
            if b"," not in chunk:
                pending.append(chunk)
                continue
            *messages, rest = (b"".join(pending) + chunk).split(b",")
            pending = [rest]
            for message in messages:
                decoded = base64.b64decode(message)
                if not decoded.strip():
                    continue  # a stray separator or line break between answers
                try:
                    answer = json.loads(decoded)
                except ValueError:
                    raise RuntimeError(f"pagefind --service answered something that is not JSON: {decoded[:200]!r}") from None
                payload = answer.get("payload", {})
                if payload.get("type") == "Error":
                    raise RuntimeError(f"pagefind: {payload.get('message')}")
                answers[answer.get("message_id")] = payload
        self.buffer = b"".join(pending)
        return answers

    def kill(self):
        self.proc.kill()

    def close(self):
        try:
            self.proc.stdin.close()
        except OSError:  # killed: its pipe is already broken
            pass
        import subprocess

        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            raise RuntimeError("pagefind --service did not end within 60 s of its last request and was stopped") from None
        finally:
            self.proc.stdout.close()


BATCH = 200  # records sent at a time: the Python side never holds the whole site's records


def write_index(records, output: Path, started=None, chunk_positions: int = CHUNK_POSITIONS) -> None:
    """Index ``records``, (lang, record) pairs, sent in batches as they come; once all are sent,
    this process gives its freed memory back to the system before Pagefind builds the index (its
    peak), so that the two processes' peaks do not add up."""
    output = Path(output).resolve()
    pairs = iter(records)
    service = Service(chunk_positions)
    if started is not None:
        started(service)  # who may stop it (a preview's index that a newer save made out of date)
    try:
        (created,) = service.send([{"type": "NewIndex", "config": {"write_playground": False}}])
        index_id = created["index_id"]
        while batch := list(itertools.islice(pairs, BATCH)):
            service.send([{"type": "AddRecord", "index_id": index_id, "url": rec["url"], "content": rec["content"],
                           "language": lang, "meta": rec["meta"], "filters": rec.get("filters")} for lang, rec in batch])
        del batch
        give_back_memory()
        service.send([{"type": "WriteFiles", "index_id": index_id, "output_path": str(output)}])
        if not settled(output, lambda: service.proc.poll() is None):  # unfinished: the files are asked for and written here
            (bundle,) = service.send([{"type": "GetFiles", "index_id": index_id}])  # the whole bundle in memory: only then
            _write_files(bundle.get("files", []), output)
    finally:
        service.close()


def give_back_memory() -> None:
    """Hand the freed heap back to the system (glibc's malloc_trim; elsewhere freed memory is
    only reused). The records hold no reference cycles: they are freed as they go."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def settled(output: Path, running=lambda: True, seconds: float = 20.0) -> bool:
    """Whether every file of the bundle is whole, read again for a while with the service still
    running. Pagefind answers WriteFiles before its last writes reach the disk (tokio writes them
    in the background, unflushed) and ends at once when its input closes: closing it earlier
    left files empty (the entry file once, the WebAssembly once, in loaded test runs). Not
    ``running`` (stopped: a preview's index that a newer save made out of date), nothing more
    will land: no more waiting."""
    import time

    deadline = time.monotonic() + seconds
    waiting = [path for path in output.rglob("*") if path.is_file()]
    while True:
        waiting = [path for path in waiting if not whole(path)]
        if not waiting:
            return True
        if time.monotonic() > deadline or not running():
            return False
        time.sleep(0.05)


def whole(path: Path) -> bool:
    """Whether one of Pagefind's files is complete: its compressed files (the index, fragments,
    filters, metadata and WebAssembly) end with gzip's check, its entry file is JSON, and its
    scripts, written in one piece, are not empty."""
    try:
        data = path.read_bytes()
        if path.suffix == ".json":
            json.loads(data)
        elif path.suffix == ".pagefind" or path.suffix.startswith(".pf_"):
            gzip.decompress(data)
        return bool(data)
    except (OSError, ValueError, EOFError, gzip.BadGzipFile, zlib.error):
        return False


def _write_files(files: list[dict], output: Path) -> None:
    for file in files:
        target = (output / file["path"]).resolve()
        if not target.is_relative_to(output):
            raise RuntimeError(f"pagefind gave a file outside its folder: {file['path']!r}")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(base64.b64decode(file["content"]))
