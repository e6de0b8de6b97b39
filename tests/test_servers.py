"""scripts/servers.py: the one way scripts, benchmarks and tests start a server."""

import socket
import sys

import pytest

from scripts import servers

PYTHON = sys.executable


def test_a_reserved_port_is_refused_to_others_and_served_by_the_server():
    with servers.reserve_port() as reservation:
        with socket.socket() as other, pytest.raises(OSError, match="in use"):
            other.bind(("127.0.0.1", reservation.port))
        command = [PYTHON, "-m", "http.server", "--bind", "127.0.0.1", str(reservation.port)]
        url = f"http://127.0.0.1:{reservation.port}/"
        with servers.running(command, url, seconds=30):
            assert servers.answers(url)
        assert not servers.answers(reservation.port)


def test_a_server_that_exits_reports_its_output():
    command = [PYTHON, "-c", "import sys; print('no such database'); sys.exit(3)"]
    with (
        servers.reserve_port() as reservation,
        pytest.raises(servers.ServerError, match=r"exited with 3(.|\n)*no such database"),
        servers.running(command, reservation.port, seconds=30),
    ):
        pass


def test_a_server_that_never_answers_is_stopped_with_a_clear_error():
    command = [PYTHON, "-c", "import time; print('starting', flush=True); time.sleep(600)"]
    with (
        servers.reserve_port() as reservation,
        pytest.raises(servers.ServerError, match=r"did not answer(.|\n)*starting"),
        servers.running(command, reservation.port, seconds=1, name="sleeper"),
    ):
        pass


def test_a_server_on_a_unix_socket_is_ready_once_it_listens(tmp_path):
    path = tmp_path / "server.sock"
    listen = (
        "import socket, sys, time; s = socket.socket(socket.AF_UNIX); time.sleep(0.5); "
        "s.bind(sys.argv[1]); s.listen(); time.sleep(600)"
    )
    with servers.running([PYTHON, "-c", listen, str(path)], path, seconds=30):
        assert servers.answers(path)
    assert not servers.answers(path)
