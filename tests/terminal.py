"""One way to run trilat on a real pseudo-terminal: what a person's terminal receives."""

from __future__ import annotations

import os
import select
import subprocess
import sys

# Settings that would change what trilat shows; a test names the ones it wants.
AMBIENT = ("PAGER", "TRILAT_PAGER", "FORCE_COLOR", "NO_COLOR", "COLUMNS", "LINES")


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
    environment = {k: v for k, v in os.environ.items() if k not in AMBIENT}
    environment |= {"TERM": "xterm-256color", **(env or {})}
    process = subprocess.Popen(
        [sys.executable, "-m", "trilat_cli", *args],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=environment,
        close_fds=True,
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
