"""The app's kernel websocket connection: a tab closed mid-handshake no longer keeps its kernel (issue 22.7).

jupyter_server 2.x counts a page's websocket connections per kernel; the cull skips a kernel whose
count is not 0 (``cull_connected=False``, ``app.CULL``). When a student closes a tab while its
websocket is still being set up (a slow, loaded server: measured in tests/e2e/test_app_service.py),
tornado calls ``on_close`` before ``open``: the connection's ``disconnect()`` un-counts a connection
that ``connect()`` never counted, the count becomes -1, ``not -1`` is False, and the kernel is never
culled. :class:`CountedOnceConnection` un-counts only what it counted, once (``disconnect()`` may
also run twice: a kernel that died, then the socket's close).
"""

from __future__ import annotations

from typing import Any

from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection


class CountedOnceConnection(ZMQChannelsWebsocketConnection):
    """Voilà's connection class (``app.COUNTED_ONCE``) with a connection count that cannot go below 0."""

    _counted = False

    def connect(self) -> Any:
        """Count this connection (jupyter_server's ``connect`` calls ``notify_connect`` first)."""
        self._counted = True
        return super().connect()

    def disconnect(self) -> None:
        """Close; un-count the connection only if :meth:`connect` counted it and it is not un-counted yet."""
        counted, self._counted = self._counted, False
        if counted:
            super().disconnect()
            return
        # Never counted: also never connected, so there is nothing to buffer for a reconnect (jupyter_server
        # would start buffering here once the count reads 0, and the same handshake then "restores" an
        # empty buffer and fails with the kernel counted as connected for good: measured under load).
        if self._open_sessions.get(self.session_key) is self.websocket_handler:
            self._open_sessions.pop(self.session_key)
        if self.kernel_info_channel is not None and not self.kernel_info_channel.closed():
            self.kernel_info_channel.close()
        self.kernel_info_channel = None
        for stream in self.channels.values():
            if stream is not None and not stream.closed():
                stream.on_recv(None)
                stream.close()
        self.channels = {}
