"""A tab closed before its websocket opened no longer keeps its kernel from the cull (issue 22.7)."""

from __future__ import annotations

from jupyter_client.manager import AsyncKernelManager
from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from jupyter_server.services.kernels.websocket import KernelWebsocketHandler

from ckm_course.frontends import app
from ckm_course.frontends.app_connection import CountedOnceConnection


def connection(cls):
    """A connection of ``cls`` to kernel "k1" of a fresh kernel manager (no kernel process needed)."""
    manager = AsyncMappingKernelManager()
    manager._kernel_connections["k1"] = 0
    handler = KernelWebsocketHandler.__new__(KernelWebsocketHandler)  # tornado's request is not needed here
    return manager, cls(parent=AsyncKernelManager(parent=manager, kernel_id="k1"), websocket_handler=handler)


def test_jupyter_servers_own_connection_counts_minus_one_when_closed_before_open():
    manager, plain = connection(ZMQChannelsWebsocketConnection)
    plain.disconnect()  # what tornado's on_close does when the tab closes during the handshake
    assert manager._kernel_connections["k1"] == -1  # `not -1` is False: the cull never takes this kernel


def test_a_connection_closed_before_open_leaves_the_count_at_zero():
    manager, counted = connection(CountedOnceConnection)
    counted.disconnect()
    counted.disconnect()
    assert manager._kernel_connections["k1"] == 0
    # and no buffering for a reconnect: the same handshake would "restore" an empty buffer and stay counted
    assert "k1" not in manager._kernel_buffers


def test_a_connected_connection_is_uncounted_once(monkeypatch):
    def first_line_of_connect(self):  # jupyter_server's connect() counts first, then opens the streams
        self.multi_kernel_manager.notify_connect(self.kernel_id)
    monkeypatch.setattr(ZMQChannelsWebsocketConnection, "connect", first_line_of_connect)
    manager, counted = connection(CountedOnceConnection)
    counted.connect()
    assert manager._kernel_connections["k1"] == 1
    counted.disconnect()
    counted.disconnect()  # a kernel that died, then the socket's close
    assert manager._kernel_connections["k1"] == 0


def test_the_app_server_uses_it():
    assert app.COUNTED_ONCE in app.voila_command("notebooks")
    assert app.COUNTED_ONCE.split("=")[1] == f"{CountedOnceConnection.__module__}.{CountedOnceConnection.__name__}"
