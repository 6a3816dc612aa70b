"""One way to run trilat on a real pseudo-terminal: what a person's terminal receives."""

from __future__ import annotations

import os
import re
import select
import struct
import subprocess
import sys

# Settings that would change what trilat shows; a test names the ones it wants.
AMBIENT = ("PAGER", "TRILAT_PAGER", "FORCE_COLOR", "NO_COLOR", "COLUMNS", "LINES")


def at_terminal(
    *args: str, env: dict[str, str] | None = None, rows: int = 50, columns: int = 100
) -> tuple[int, str]:
    """Run `python -m trilat_cli ARGS` with stdin, stdout and stderr on a rows x columns pty.

    Returns the exit code and everything the terminal received, escapes included. A run that
    goes quiet for 30 s (a pager waiting for a key, a hang) is killed rather than left blocking.
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
    os.close(leader)
    return process.wait(timeout=30), b"".join(chunks).decode("utf-8", "replace")


def svg_text(root) -> str:
    """What a saved SVG picture shows, as lines of text: each word at its column (trilat
    places every word by itself; see present/picture.py)."""
    from trilat_cli.present.picture import BASELINE, CHAR_WIDTH, LINE_HEIGHT

    lines: dict[int, dict[int, str]] = {}
    for element in root.iter("{http://www.w3.org/2000/svg}text"):
        if "clip-path" not in element.attrib:  # the title bar
            continue
        row = round((float(element.attrib["y"]) - BASELINE) / LINE_HEIGHT)
        column = round(float(element.attrib["x"]) / CHAR_WIDTH)
        lines.setdefault(row, {})[column] = (element.text or "").replace("\xa0", " ")
    shown = []
    for row in sorted(lines):
        line = ""
        for column, word in sorted(lines[row].items()):
            line = line.ljust(column) + word
        shown.append(line)
    return "\n".join(shown)


def stderr_at_terminal(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """Run `python -m trilat_cli ARGS` with stdout in a pipe and stderr on a pseudo-terminal,
    as in `trilat search x | wc -l` typed at a prompt. Returns exit code, stdout, stderr."""
    import pty

    leader, follower = pty.openpty()
    environment = {k: v for k, v in os.environ.items() if k not in AMBIENT}
    process = subprocess.Popen(
        [sys.executable, "-m", "trilat_cli", *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=follower,
        env={**environment, "TERM": "xterm-256color", **(env or {})},
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

    environment = {k: v for k, v in os.environ.items() if k not in AMBIENT}
    environment |= {"PATH": path, "TERM": "dumb", "HOME": os.environ.get("HOME", "/tmp")}
    process = subprocess.Popen(
        command,
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=environment,
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
