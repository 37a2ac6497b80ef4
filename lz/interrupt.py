"""Ctrl-C and SIGTERM end an `lz` run, its pack processes and its stack workers, within a second.

Every child `lz` starts is tracked here. The handler kills them all (SIGKILL; a stack worker with its
whole process group, so its pack goes too), prints "interrupted" or "terminated" on a line of its own,
and raises ``Interrupted`` so that ``finally`` blocks run; ``handled()`` turns that, and any other
way out once a signal came, into exit code 130. Whatever the unwinding prints after that line (a
program error the interruption caused) is not news, so stderr goes to /dev/null. A watchdog ends the
process with ``os._exit(130)`` if the unwind has not finished within UNWIND_SECONDS. While the program
runs it never does: pulumi's ``run_pulumi_func`` catches BaseException from the program and first waits
for every outstanding RPC, which an interrupted program may never finish, and the program's own code
can swallow the exception. Only the standard library is imported, so the handlers can be in place
before the CLI's heavy imports.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from types import FrameType
from typing import NoReturn

EXIT_INTERRUPTED = 130
# The whole run must be gone within 2 s of the signal, and the handler itself can start late on a busy
# machine. The unwind only has to run finally blocks: the handler has already killed the children.
UNWIND_SECONDS = 0.5
MESSAGES = {signal.SIGINT: "interrupted", signal.SIGTERM: "terminated"}


class Interrupted(KeyboardInterrupt):
    """Raised in the main thread by the signal handler. A KeyboardInterrupt, which asyncio propagates out
    of the loop (any other exception in a task step stays on the task); so commands must catch it in
    ``handled()`` before click does, or click prints "Aborted!" and exits 1."""

    def __init__(self, signum: int) -> None:
        super().__init__(MESSAGES.get(signal.Signals(signum), "interrupted"))
        self.signum = signum


# Re-entrant: the handler runs in the main thread, possibly while that thread holds the lock.
_lock = threading.RLock()
_children: dict[int, tuple[subprocess.Popen[bytes], bool]] = {}  # pid -> (process, kill its group)
_starting = 0  # other threads between Popen and track: the handler waits for them
_main_starting = False  # the main thread is between Popen and track: the signal waits for it
_pending: int | None = None
_stopping = False
_installed = False
_open_line: Callable[[], bool] | None = None  # whether the program left a line open on stderr


@contextlib.contextmanager
def starting_child() -> Iterator[Callable[..., None]]:
    """Wrap starting a child: ``with starting_child() as track: proc = Popen(...); track(proc)``.

    A signal that arrives in between cannot lose the child: in the main thread it is handled once the
    child is tracked, and a child tracked after the handler ran is killed on the spot.
    """
    global _starting, _main_starting, _pending
    in_main = threading.current_thread() is threading.main_thread()
    with _lock:
        if _stopping:
            raise Interrupted(signal.SIGTERM)
        if in_main:
            _main_starting = True
        else:
            _starting += 1
    try:
        yield track
    finally:
        pending = None
        with _lock:
            if in_main:
                _main_starting = False
                pending, _pending = _pending, None
            else:
                _starting -= 1
        if pending is not None:
            _handle(pending, None)


def track(proc: subprocess.Popen[bytes], *, group: bool = False) -> None:
    """Kill ``proc`` (with its process group when ``group``) on a signal; at once if one came already."""
    with _lock:
        if not _stopping:
            _children[proc.pid] = (proc, group)
            return
    _kill(proc, group)


def untrack(proc: subprocess.Popen[bytes]) -> None:
    with _lock:
        _children.pop(proc.pid, None)


def _kill(proc: subprocess.Popen[bytes], group: bool) -> None:
    with contextlib.suppress(OSError):
        if group:
            os.killpg(proc.pid, signal.SIGKILL)
        else:
            proc.kill()
    with contextlib.suppress(subprocess.TimeoutExpired, OSError):
        proc.wait(timeout=0.5)  # reap it: no zombie outlives us


def kill_children() -> None:
    with _lock:
        children = list(_children.values())
        _children.clear()
    for proc, group in children:
        _kill(proc, group)


def exit_now(code: int = EXIT_INTERRUPTED) -> NoReturn:
    """Flush stdout and stderr and end the process without the interpreter's teardown.

    The teardown of pulumi_aws's module graph takes half a second, during which Python has put the
    default signal handlers back (a Ctrl-C then kills with -2, not 130): a finished command skips it too.
    """
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(code)


def _watchdog() -> None:
    time.sleep(UNWIND_SECONDS)
    exit_now()


def _handle(signum: int, _frame: FrameType | None) -> None:
    global _stopping, _pending
    with _lock:
        if _main_starting:
            _pending = signum
            return
        again, _stopping = _stopping, True
    if again:  # a second signal while unwinding: no more waiting
        kill_children()
        exit_now()
    with contextlib.suppress(Exception):
        lead = "\n" if _open_line is not None and _open_line() else ""
        sys.stderr.write(f"{lead}{MESSAGES.get(signal.Signals(signum), 'interrupted')}\n")
        sys.stderr.flush()
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)
    threading.Thread(target=_watchdog, name="lz-exit-watchdog", daemon=True).start()
    deadline = time.monotonic() + 0.5
    while _starting and time.monotonic() < deadline:  # other threads mid-Popen: they kill on track
        time.sleep(0.005)
    kill_children()
    raise Interrupted(signum)


def install(open_line: Callable[[], bool] | None = None) -> None:
    """SIGINT and SIGTERM handlers for this process (main thread only; idempotent)."""
    global _installed, _open_line
    if open_line is not None:
        _open_line = open_line
    if _installed or threading.current_thread() is not threading.main_thread():
        return
    for signum in MESSAGES:
        signal.signal(signum, _handle)
    _installed = True


@contextlib.contextmanager
def handled(open_line: Callable[[], bool] | None = None) -> Iterator[None]:
    """Install the handlers; once a signal came, leaving this block in any way ends the process with 130."""
    install(open_line)
    try:
        yield
    except Interrupted:
        exit_now()
    finally:
        if _stopping:
            exit_now()
