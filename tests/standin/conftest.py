"""The stand-in AWS provider as the engine runs it: a subprocess that prints its port, spoken to over gRPC."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import grpc
import pytest
from pulumi.runtime.proto import provider_pb2, provider_pb2_grpc

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

LAUNCHER = REPO / "lz" / "standin" / "pulumi-resource-aws"
REGION = "eu-west-1"
ACCOUNT = "210987654321"


@dataclass
class RunningProvider:
    process: subprocess.Popen[bytes]
    port: int
    stub: provider_pb2_grpc.ResourceProviderStub
    channel: grpc.Channel

    def close(self) -> None:
        self.channel.close()
        if self.process.poll() is None:
            assert self.process.stdin is not None
            self.process.stdin.close()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_provider(executable: Path = LAUNCHER, *, account: str = ACCOUNT) -> RunningProvider:
    """Start it as plugin.go does: `<binary> <engine-address>`, stdin a pipe, the port on stdout's first line."""
    process = subprocess.Popen(
        [str(executable), "127.0.0.1:1"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={"PATH": "/usr/bin:/bin", "LZ_STANDIN_ACCOUNT_ID": account},
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    if not line.strip().isdigit():
        process.kill()
        _, err = process.communicate()
        raise AssertionError(f"provider wrote {line!r} instead of its port; stderr:\n{err.decode()}")
    port = int(line)
    channel = grpc.insecure_channel(f"127.0.0.1:{port}")
    grpc.channel_ready_future(channel).result(timeout=10)
    return RunningProvider(process, port, provider_pb2_grpc.ResourceProviderStub(channel), channel)


def configure(stub: provider_pb2_grpc.ResourceProviderStub, region: str = REGION) -> provider_pb2.ConfigureResponse:
    """What the engine sends a default provider for a stack with `aws:region` set."""
    stub.Handshake(provider_pb2.ProviderHandshakeRequest(engine_address="127.0.0.1:1", configure_with_urn=True))
    request = provider_pb2.ConfigureRequest(
        variables={"aws:config:region": region}, acceptSecrets=True, acceptResources=True,
        type="pulumi:providers:aws", name="default_7_51_1",
    )
    request.args.update({"region": region, "version": "7.51.1"})
    return stub.Configure(request)


@pytest.fixture(scope="module")
def provider() -> Iterator[provider_pb2_grpc.ResourceProviderStub]:
    """A configured stand-in (region eu-west-1, account 210987654321), shared by a module's tests."""
    running = start_provider()
    configure(running.stub)
    yield running.stub
    running.close()
