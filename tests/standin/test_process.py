"""The stand-in's life as a plugin process: the port handshake on stdout, and a prompt exit when told."""

from __future__ import annotations

import signal
import subprocess

import grpc
import pytest
from google.protobuf import empty_pb2
from pulumi.runtime.proto import provider_pb2_grpc

from tests.standin.conftest import LAUNCHER, start_provider

PROMPTLY = 5  # seconds: the engine waits this long after SIGINT before it kills a plugin


def _ask_version(port: int) -> str:
    with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        stub = provider_pb2_grpc.ResourceProviderStub(channel)
        return str(stub.GetPluginInfo(empty_pb2.Empty(), timeout=10).version)


def test_it_exits_when_the_engine_closes_its_stdin() -> None:
    running = start_provider()
    assert running.process.stdin is not None and running.process.stdout is not None
    running.process.stdin.close()
    assert running.process.wait(PROMPTLY) == 0
    assert running.process.stdout.read() == b"", "after the port line, stdout stays quiet"


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_it_exits_on_the_engines_interrupt_and_on_sigterm(signum: int) -> None:
    running = start_provider()
    assert _ask_version(running.port)
    running.process.send_signal(signum)
    assert running.process.wait(PROMPTLY) == 0
    running.close()


def test_it_takes_the_flags_the_engine_may_pass_before_its_address() -> None:
    process = subprocess.Popen(
        [str(LAUNCHER), "--logtostderr", "-v=9", "--tracing", "http://127.0.0.1:1", "127.0.0.1:1"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stdin is not None
    port = int(process.stdout.readline())
    assert _ask_version(port)
    process.stdin.close()
    assert process.wait(PROMPTLY) == 0


def test_a_stdin_that_is_no_pipe_does_not_stop_it() -> None:
    # Started by hand (PULUMI_DEBUG_PROVIDERS=aws:<port>) stdin is a terminal or /dev/null: EOF means nothing.
    process = subprocess.Popen([str(LAUNCHER)], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE)
    assert process.stdout is not None
    port = int(process.stdout.readline())
    try:
        assert _ask_version(port)
        assert process.poll() is None
    finally:
        process.terminate()
        assert process.wait(PROMPTLY) == 0
