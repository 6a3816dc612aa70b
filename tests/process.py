"""One way to run trilat as a process in tests: piped, or on a real pseudo-terminal.

Use these wherever only a process shows the behaviour (exit status of a crash, a pipe
closed early, bytes on a stream, a pager); everything else runs in-process through
`invoke`/`invoke_json` in `conftest.py`. Both runners start from the caller's environment
without the settings that would change what trilat shows (`AMBIENT`); a test names the
ones it wants in `env`. tests/README.md lists these names: keep them stable.
"""

from __future__ import annotations

import os
import re
import select
import shutil
import struct
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

# Settings that would change what trilat shows; a test names the ones it wants.
AMBIENT = ("PAGER", "TRILAT_PAGER", "FORCE_COLOR", "NO_COLOR", "COLUMNS", "LINES")

MODULE = (sys.executable, "-m", "trilat_cli")  # `python -m trilat_cli`, this checkout's trilat
_script = Path(sys.executable).parent / "trilat"
# The installed console script (`[project.scripts]`), or None where it is not installed.
SCRIPT: tuple[str, ...] | None = (
    (str(_script),)
    if _script.exists()
    else ((found,) if (found := shutil.which("trilat")) else None)
)


def python(code: str) -> tuple[str, ...]:
    """A program that runs `code`, which reads trilat's arguments from `sys.argv[1:]`."""
    return (sys.executable, "-c", code)


def environment(env: dict[str, str] | None) -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in AMBIENT} | (env or {})


def piped(
    *args: str,
    env: dict[str, str] | None = None,
    program: Sequence[str] = MODULE,
    text: bool = True,
    timeout: float = 60,
    **streams: Any,
) -> subprocess.CompletedProcess:
    """Run `PROGRAM ARGS` with stdout and stderr piped, COLUMNS=100, and wait for it.

    `program` is `MODULE` (default), `SCRIPT` or `python(code)`; `streams` replaces a stream
    (`stdout=open("/dev/full", "w")`, `stdin=...`); `text=False` gives bytes.
    """
    return subprocess.run(
        [*program, *args],
        **{"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **streams},
        text=text,
        env=environment({"COLUMNS": "100", **(env or {})}),
        timeout=timeout,
        check=False,
    )


def spawn(
    *args: str, env: dict[str, str] | None = None, program: Sequence[str] = MODULE
) -> subprocess.Popen[bytes]:
    """Start `PROGRAM ARGS` with stdout and stderr piped (bytes) and return at once."""
    return subprocess.Popen(
        [*program, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment({"COLUMNS": "100", **(env or {})}),
    )


def at_terminal(
    *args: str,
    env: dict[str, str] | None = None,
    rows: int = 50,
    columns: int = 100,
    keys: tuple[bytes, bytes] | None = None,
) -> tuple[int, str]:
    """Run `python -m trilat_cli ARGS` with stdin, stdout and stderr on a rows x columns pty.

    Returns the exit code and everything the terminal received, escapes included. A run that
    goes quiet for 30 s (a pager waiting for a key, a hang) is killed rather than left blocking.
    `keys` = (shown, typed): once the terminal has received `shown`, the keys `typed` are sent.
    """
    import fcntl
    import pty
    import struct
    import termios

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    process = subprocess.Popen(
        [*MODULE, *args],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=environment({"TERM": "xterm-256color", **(env or {})}),
        close_fds=True,
        start_new_session=True,  # a process group of its own, as a shell gives each job
    )
    os.close(follower)
    chunks = []
    while True:
        ready, _, _ = select.select([leader], [], [], 30)
        if not ready:
            process.kill()
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the process is done
            break
        if not chunk:
            break
        chunks.append(chunk)
        if keys and keys[0] in b"".join(chunks):
            os.write(leader, keys[1])
            keys = None
    os.close(leader)
    return process.wait(timeout=30), b"".join(chunks).decode("utf-8", "replace")


def stderr_at_terminal(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """Run `python -m trilat_cli ARGS` with stdout in a pipe and stderr on a pseudo-terminal,
    as in `trilat search x | wc -l` typed at a prompt. Returns exit code, stdout, stderr."""
    import pty

    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [*MODULE, *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=follower,
        env=environment({"TERM": "xterm-256color", **(env or {})}),
    )
    os.close(follower)
    out = process.stdout.read() if process.stdout else b""
    chunks = []
    while select.select([leader], [], [], 5)[0]:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    error = b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")
    return process.wait(timeout=30), out.decode("utf-8"), error


SHELLS = {  # how to start each shell bare, and load trilat's completion into it
    "bash": (
        ["bash", "--norc", "--noprofile", "-i"],
        'PS1="PROMPT> "; eval "$(trilat --show-completion bash)"',
    ),
    "zsh": (
        ["zsh", "-f", "-i"],
        'PS1="PROMPT> "; autoload -Uz compinit && compinit -u; eval "$(trilat --show-completion zsh)"',
    ),
    "fish": (
        ["fish", "--no-config", "-i"],
        "function fish_prompt; echo 'PROMPT> '; end; trilat --show-completion fish | source",
    ),
}


def completed_in(shell: str, line: str, path: str, shown: str) -> list[str]:
    """Type `line` and TAB in a real interactive `shell` on a pseudo-terminal, then run the
    completed line with printf in front: the words the shell reads back from what
    completion inserted. `shown` is what the line should show once completed (a busy
    machine may take a while to answer)."""
    import fcntl
    import pty
    import termios
    import time

    command, setup = SHELLS[shell]
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 250, 0, 0))

    def controlling_terminal() -> None:  # fish will not run interactively without one
        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    settings = {"PATH": path, "TERM": "dumb", "HOME": os.environ.get("HOME", "/tmp")}
    process = subprocess.Popen(
        command,
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=environment(settings),
        close_fds=True,
        preexec_fn=controlling_terminal,  # noqa: PLW1509 (a pty's shell needs its session)
    )
    os.close(follower)

    def until_quiet(wanted: bytes = b"", limit: float = 10) -> bytes:
        """What the terminal shows until it holds `wanted` (or anything, if empty) and has
        been quiet for a moment."""
        seen, end = b"", time.monotonic() + limit
        while time.monotonic() < end:
            if select.select([leader], [], [], 0.3)[0]:
                try:
                    seen += os.read(leader, 65536)
                except OSError:
                    break
            elif seen and wanted in seen:
                break
        return seen

    try:
        until_quiet()
        os.write(leader, setup.encode() + b"\r")
        until_quiet(b"PROMPT> ")
        os.write(leader, line.encode())
        until_quiet()
        os.write(leader, b"\t")  # what completion inserts, once trilat has answered
        until_quiet(shown.encode())
        os.write(leader, b"\x01printf '<%s>\\n' \r")
        shown = until_quiet(b"PROMPT> ").decode("utf-8", "replace")
    finally:
        process.kill()
        process.wait(timeout=30)
        os.close(leader)
    return re.findall(r"^<(.*)>\r?$", shown.replace("\r\n", "\n"), re.M)
