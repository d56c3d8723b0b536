"""Start, watch and stop a local LanguageTool HTTP server.

The server is the real ``org.languagetool.server.HTTPServer`` run from the
installed jars. It listens on 127.0.0.1 only (LanguageTool's default without
``--public``), on a free port chosen at start, with a bounded heap. newslint
starts at most one per run and stops it when the run ends, at interpreter exit,
and (on Linux) when the Python process dies without cleaning up.

No ``--allow-origin``: it would let any web page open in a browser on the
same machine query the server through CORS, and newslint does not need it.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from types import TracebackType

from newslint.languagetool.client import Client
from newslint.languagetool.errors import LanguageToolError
from newslint.languagetool.installation import Installation
from newslint.languagetool.java import require_java

MAIN_CLASS = "org.languagetool.server.HTTPServer"
HOST = "127.0.0.1"
DEFAULT_HEAP = os.environ.get("NEWSLINT_LANGUAGETOOL_HEAP", "1g")
# Measured on 2 cores: ~4 s to listen. Generous because CI machines vary.
DEFAULT_START_TIMEOUT = 90.0
STOP_TIMEOUT = 5.0
PORT_ATTEMPTS = 3
# Server-side bound on one check, so a pathological paragraph cannot pin a core.
MAX_CHECK_MILLIS = 60_000
MAX_TEXT_LENGTH = 200_000


def free_port(host: str = HOST) -> int:
    """Return a TCP port that is free on ``host`` right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def _server_properties(threads: int) -> str:
    return "\n".join(
        [
            f"maxTextLength={MAX_TEXT_LENGTH}",
            f"maxCheckTimeMillis={MAX_CHECK_MILLIS}",
            f"maxCheckThreads={threads}",
            # LanguageTool's own per-sentence cache: cheap, and helps repeated boilerplate.
            "cacheSize=2000",
            "pipelineCaching=true",
            "",
        ]
    )


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    """Ask Linux to SIGTERM the server when the process that started it dies."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGTERM)
    except (OSError, AttributeError):
        pass


def last_error_line(log: str) -> str:
    """Return the most telling line of a server log (the root cause of a crash)."""
    lines = [line.strip() for line in log.splitlines() if line.strip()]
    for marker in ("Caused by:", "Exception", "Error"):
        hits = [line for line in lines if marker in line and not line.startswith("at ")]
        if hits:
            return hits[-1] if marker == "Caused by:" else hits[0]
    return lines[-1] if lines else "(no output)"


class LocalServer:
    """One LanguageTool server process started by this newslint run."""

    def __init__(
        self,
        installation: Installation,
        *,
        heap: str = DEFAULT_HEAP,
        start_timeout: float = DEFAULT_START_TIMEOUT,
        threads: int | None = None,
    ) -> None:
        self.installation = installation
        self.heap = heap
        self.start_timeout = start_timeout
        self.threads = threads or max(1, min(4, os.cpu_count() or 1))
        self.url: str | None = None
        self.process: subprocess.Popen[bytes] | None = None
        self.started_seconds: float | None = None
        self._workdir: Path | None = None
        self._owner_pid = os.getpid()
        self._lock = threading.Lock()

    # ------------------------------------------------------------ lifecycle

    def start(self) -> str:
        """Start the server and wait until it answers; return its base URL.

        Raises:
            LanguageToolError: no usable Java, the process exited, or it did
                not answer within ``start_timeout`` seconds.
        """
        with self._lock:
            if self.url is not None and self.alive():
                return self.url
            java = require_java()
            began = time.monotonic()
            deadline = began + self.start_timeout
            last: LanguageToolError | None = None
            for _ in range(PORT_ATTEMPTS):
                try:
                    self.url = self._start_once(java.executable, deadline)
                except _PortTaken as exc:
                    last = LanguageToolError(str(exc))
                    continue
                except BaseException:
                    self.stop()
                    raise
                self.started_seconds = time.monotonic() - began
                atexit.register(self.stop)
                return self.url
            self.stop()
            raise last or LanguageToolError("LanguageTool server could not find a free port")

    def _start_once(self, java: str, deadline: float) -> str:
        self._cleanup_files()
        workdir = Path(tempfile.mkdtemp(prefix="newslint-languagetool-"))
        self._workdir = workdir
        props = workdir / "server.properties"
        props.write_text(_server_properties(self.threads), encoding="utf-8")
        log_path = workdir / "server.log"
        port = free_port()
        command = [
            java,
            f"-Xmx{self.heap}",
            "-XX:+UseSerialGC",  # fewest GC threads and smallest footprint on 2 cores
            "-Djava.awt.headless=true",
            "-Dfile.encoding=UTF-8",
            "-cp",
            self.installation.classpath_arg(),
            MAIN_CLASS,
            "--port",
            str(port),
            "--config",
            str(props),
        ]
        use_pdeathsig = (
            sys.platform.startswith("linux")
            and threading.current_thread() is threading.main_thread()
        )
        with log_path.open("wb") as log_file:
            try:
                self.process = subprocess.Popen(
                    command,
                    stdin=subprocess.DEVNULL,
                    stdout=log_file,
                    stderr=subprocess.STDOUT,
                    cwd=workdir,
                    # Ctrl-C goes to newslint, which then stops the server cleanly.
                    start_new_session=True,
                    preexec_fn=_die_with_parent if use_pdeathsig else None,
                )
            except OSError as exc:
                raise LanguageToolError(
                    f"cannot run Java to start LanguageTool: {exc.strerror or exc}"
                ) from None
        url = f"http://{HOST}:{port}"
        client = Client(url, timeout=2.0)
        while True:
            code = self.process.poll()
            if code is not None:
                log = self.log_text()
                self.process = None
                if "BindException" in log or "Address already in use" in log:
                    raise _PortTaken(f"port {port} was taken while LanguageTool started")
                raise LanguageToolError(
                    f"LanguageTool server exited with code {code} while starting: "
                    f"{last_error_line(log)}"
                )
            try:
                client.languages(timeout=2.0)
                return url
            except LanguageToolError:
                pass
            if time.monotonic() >= deadline:
                self.stop()
                raise LanguageToolError(
                    "LanguageTool server did not answer within "
                    f"{self.start_timeout:g} s of starting"
                )
            time.sleep(0.1)

    def alive(self) -> bool:
        """Return True while the server process is running."""
        return self.process is not None and self.process.poll() is None

    def death_note(self, wait: float = 0.0) -> str | None:
        """Describe why the server is gone, or None while it runs (for error messages).

        ``wait`` gives a dying process time to be reaped: a connection reset
        can arrive before the kernel has finished killing the JVM.
        """
        if self.process is None:
            return "LanguageTool server is not running"
        try:
            code = self.process.wait(wait) if wait > 0 else self.process.poll()
        except subprocess.TimeoutExpired:
            code = None
        if code is None:
            return None
        how = f"was killed by signal {-code}" if code < 0 else f"exited with code {code}"
        return f"LanguageTool server (pid {self.process.pid}) {how} during the run"

    def log_text(self) -> str:
        """Return the server's output so far (empty when there is none)."""
        if self._workdir is None:
            return ""
        try:
            return (self._workdir / "server.log").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL) and remove its temporary files.

        Does nothing in a forked child: only the process that started the
        server may stop it.
        """
        if os.getpid() != self._owner_pid:
            return
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                process.kill()
                with contextlib.suppress(subprocess.TimeoutExpired):
                    process.wait(STOP_TIMEOUT)
        self.url = None
        self._cleanup_files()
        with contextlib.suppress(Exception):
            atexit.unregister(self.stop)

    def _cleanup_files(self) -> None:
        if self._workdir is not None:
            shutil.rmtree(self._workdir, ignore_errors=True)
            self._workdir = None

    def __enter__(self) -> LocalServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


class _PortTaken(LanguageToolError):
    """The chosen port was grabbed by another process between choice and bind."""
