"""One build at a time in a checkout. A build (or a preview's rebuild) holds an exclusive lock
on `.cache/build.lock` from the moment it stages its pages until the built site is in place;
a second one waits for it, saying so, and stops with a clear message after a while. The lock
is the operating system's (flock): it ends with its process, so none is ever left behind."""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path

WAIT_SECONDS = 600.0  # ACSDOCS_LOCK_WAIT overrides it


class Busy(RuntimeError):
    pass


class BuildLock:
    Busy = Busy

    def __init__(self):
        self.handle = None

    def acquire(self, root: Path, say, wait: float | None = None) -> None:
        """Take the lock of the checkout at ``root``, waiting up to ``wait`` seconds; ``say`` is
        told once when it waits."""
        wait = float(os.environ.get("ACSDOCS_LOCK_WAIT", WAIT_SECONDS)) if wait is None else wait
        path = Path(root) / ".cache" / "build.lock"
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 (held until release)
        deadline, told = time.monotonic() + wait, False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = self._holder(handle)
                if time.monotonic() >= deadline:
                    handle.close()
                    raise Busy(f"another build or preview ({holder}) is using this checkout; wait for it to end or stop it, then run again") from None
                if not told:
                    say(f"Another build or preview ({holder}) is using this checkout; waiting for it (up to {wait:.0f} s)…")
                    told = True
                time.sleep(0.2)
        handle.seek(0)
        handle.truncate()
        handle.write(f"process {os.getpid()}\n")
        handle.flush()
        self.handle = handle

    def release(self) -> None:
        if self.handle is not None:
            fcntl.flock(self.handle, fcntl.LOCK_UN)
            self.handle.close()
            self.handle = None

    @staticmethod
    def _holder(handle) -> str:
        handle.seek(0)
        return handle.read().strip() or "a process"
