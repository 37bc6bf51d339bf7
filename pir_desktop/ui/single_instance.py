"""One window per library file, across processes, through a local socket per file.

The window showing a library listens on a QLocalServer whose name is derived
from a SHA-256 of the file's resolved path and the user's id. Opening the same
file again, in this process or another, first connects to that name: if a
window answers, it raises itself and the new request opens nothing.

NOTE: two processes that open the same file at the same instant can both
miss the other's server and both open the file. The store's version counters
still detect conflicting edits between them.
"""

import hashlib
import logging
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_MS = 500
ACTIVATE = "activate"


def server_name(path: Path) -> str:
    """Return the local socket name for a library file, unique per user and path."""
    resolved = str(Path(path).resolve()).encode("utf-8")
    digest = hashlib.sha256(resolved).hexdigest()[:24]
    user = os.getuid() if hasattr(os, "getuid") else os.environ.get("USERNAME", "")
    return f"pir-desktop-{user}-{digest}"


def ask_owner_to_activate(path: Path, review: str | None = None) -> bool:
    """Ask the window showing `path` to come forward, and return whether one did."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(path))
    if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
        return False
    message = f"{ACTIVATE}\t{review}" if review else ACTIVATE
    socket.write((message + "\n").encode("utf-8"))
    socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
    socket.disconnectFromServer()
    log.info("Asked the window that has %s open to show itself", path)
    return True


class FileOwnership(QObject):
    """A local server that exists while its window shows one library file.

    `activate` is called with the requested review reference, or None, each
    time another open request for the same file arrives.
    """

    def __init__(
        self, path: Path, activate: Callable[[str | None], None], parent: QObject
    ) -> None:
        super().__init__(parent)
        self.path = path
        self.activate = activate
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)
        self.listening = self._listen(server_name(path))

    def _listen(self, name: str) -> bool:
        if self.server.listen(name):
            return True
        # A process that crashed leaves its socket file behind. The caller has
        # already found that no server answers on it, so it is safe to remove.
        QLocalServer.removeServer(name)
        if self.server.listen(name):
            return True
        log.warning(
            "Single-window check for %s unavailable: %s",
            self.path,
            self.server.errorString(),
        )
        return False

    def _accept(self) -> None:
        while (socket := self.server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        while socket.canReadLine():
            line = bytes(socket.readLine().data()).decode("utf-8", "replace")
            command, _, review = line.rstrip("\n").partition("\t")
            if command == ACTIVATE:
                self.activate(review or None)

    def close(self) -> None:
        self.server.close()
