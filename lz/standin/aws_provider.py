"""A stand-in `pulumi-resource-aws` for the real Pulumi engine's tests and offline runs. Never for deploying:
it talks to no AWS API and creates nothing; it answers every resource and function call from lz's own mock
code (lz.aws_mocks.create_resource, lz.aws_invokes.INVOKES), so the real engine records the state lz's
offline engine reports for the same program.

It speaks the ResourceProvider gRPC protocol the way the engine drives providers (pkg/v3 resource/plugin
provider_plugin.go): started as `pulumi-resource-aws [flags] <engine-address>`, it prints its port on the
first line of stdout, then serves Handshake, GetPluginInfo, GetSchema, CheckConfig, DiffConfig, Configure,
Check, Diff, Create, Read, Update, Delete, Invoke, Cancel and Attach; Construct, Call, Parameterize, List
and the mapping calls stay unimplemented (the engine tolerates that for a provider of custom resources).
It exits when sent SIGINT (what the engine sends on close) or SIGTERM, or when its stdin pipe closes.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import stat
import sys
import threading
from concurrent import futures
from importlib import resources
from typing import Any

import grpc
from google.protobuf import empty_pb2
from pulumi.runtime.proto import plugin_pb2, provider_pb2, provider_pb2_grpc

from lz.aws_invokes import InvokeContext
from lz.aws_mocks import provider_context
from lz.aws_tables import DEFAULT_ACCOUNT_ID, REPLACE_ON_CHANGE
from lz.standin import answers, wire
from lz.standin.diff import diff_properties

# Overrides the account the answers are for (lz's engine takes it as account_id).
ACCOUNT_ENV = "LZ_STANDIN_ACCOUNT_ID"
_DEFAULT_REGION = "us-east-1"  # as lz's engine when the stack sets no aws:region


def plugin_version() -> str:
    """The version of the AWS provider the installed pulumi_aws SDK asks for (its pulumi-plugin.json)."""
    text = resources.files("pulumi_aws").joinpath("pulumi-plugin.json").read_text()
    return str(json.loads(text)["version"])


def _name(request: Any) -> str:
    return request.name or request.urn.rsplit("::", 1)[-1]


def _type(request: Any) -> str:
    return request.type or request.urn.split("::")[2].rsplit("$", 1)[-1]


class AwsStandIn(provider_pb2_grpc.ResourceProviderServicer):
    """The ResourceProvider service. One process serves one provider instance (one region)."""

    def __init__(self, account_id: str | None = None) -> None:
        self.account_id = account_id or os.environ.get(ACCOUNT_ENV) or DEFAULT_ACCOUNT_ID
        self.context = InvokeContext(self.account_id, _DEFAULT_REGION)
        self.engine_address = ""
        # Ids handed out by this process, so two resources of one type and name (different parents)
        # get different ids, as under lz's mocks. Creates arrive on several threads.
        self._used_ids: set[str] = set()
        self._lock = threading.Lock()

    # -- plugin and configuration -----------------------------------------------------------------

    def Handshake(self, request: Any, context: Any) -> Any:
        self.engine_address = request.engine_address
        return provider_pb2.ProviderHandshakeResponse(
            accept_secrets=True, accept_resources=True, accept_outputs=False,
            supports_autonaming_configuration=False, accepts_byte_string=False,
        )

    def GetPluginInfo(self, request: Any, context: Any) -> Any:
        return plugin_pb2.PluginInfo(version=plugin_version())

    def Attach(self, request: Any, context: Any) -> Any:
        self.engine_address = request.address
        return empty_pb2.Empty()

    def GetSchema(self, request: Any, context: Any) -> Any:
        # Preview, up, refresh and destroy never ask; codegen does, and a stand-in has no schema to give.
        return provider_pb2.GetSchemaResponse(schema=json.dumps({"name": "aws", "version": plugin_version()}))

    def CheckConfig(self, request: Any, context: Any) -> Any:
        return provider_pb2.CheckResponse(inputs=request.news)

    def DiffConfig(self, request: Any, context: Any) -> Any:
        olds = wire.from_struct(request.old_inputs) if request.HasField("old_inputs") else wire.from_struct(
            request.olds)
        return diff_properties(olds, wire.from_struct(request.news), ignore_changes=request.ignoreChanges)

    def Configure(self, request: Any, context: Any) -> Any:
        args = wire.plain(wire.from_struct(request.args))
        region = args.get("region") or request.variables.get("aws:config:region") or request.variables.get(
            "aws:region")
        # An explicit provider that assumes a role answers for that role's account, as lz's mocks do.
        self.context = provider_context(args, InvokeContext(self.account_id, str(region or _DEFAULT_REGION)))
        return provider_pb2.ConfigureResponse(
            acceptSecrets=True, supportsPreview=True, acceptResources=True, acceptOutputs=False,
        )

    def Cancel(self, request: Any, context: Any) -> Any:
        return empty_pb2.Empty()

    # -- resources ----------------------------------------------------------------------------------

    def Check(self, request: Any, context: Any) -> Any:
        # No validation and no autonaming here: names are chosen where lz's mocks choose them (Create).
        return provider_pb2.CheckResponse(inputs=request.news)

    def Diff(self, request: Any, context: Any) -> Any:
        has_old_inputs = request.HasField("old_inputs")
        olds = wire.from_struct(request.old_inputs if has_old_inputs else request.olds)
        return diff_properties(
            olds, wire.from_struct(request.news),
            replace_on_change=REPLACE_ON_CHANGE.get(_type(request), ()),
            ignore_changes=request.ignoreChanges,
            deletions=has_old_inputs,
        )

    def Create(self, request: Any, context: Any) -> Any:
        with self._lock:
            rid, outputs = answers.create(
                self.context, _type(request), _name(request), wire.from_struct(request.properties),
                preview=request.preview, used_ids=self._used_ids,
            )
        return provider_pb2.CreateResponse(id=rid, properties=wire.to_struct(outputs))

    def Read(self, request: Any, context: Any) -> Any:
        outputs, inputs = answers.read(
            self.context, _type(request), _name(request), request.id,
            wire.from_struct(request.inputs), wire.from_struct(request.properties),
        )
        return provider_pb2.ReadResponse(id=request.id, properties=wire.to_struct(outputs),
                                         inputs=wire.to_struct(inputs))

    def Update(self, request: Any, context: Any) -> Any:
        outputs = answers.update(
            self.context, _type(request), _name(request), request.id,
            wire.from_struct(request.old_inputs), wire.from_struct(request.olds), wire.from_struct(request.news),
            preview=request.preview,
        )
        return provider_pb2.UpdateResponse(properties=wire.to_struct(outputs))

    def Delete(self, request: Any, context: Any) -> Any:
        return empty_pb2.Empty()

    # -- functions ----------------------------------------------------------------------------------

    def Invoke(self, request: Any, context: Any) -> Any:
        try:
            result = answers.invoke(self.context, request.tok, wire.from_struct(request.args))
        except answers.UnknownInvoke as exc:
            return provider_pb2.InvokeResponse(failures=[provider_pb2.CheckFailure(property="", reason=str(exc))])
        return provider_pb2.InvokeResponse(**{"return": wire.to_struct(result)})


def serve(address: str = "127.0.0.1:0", *, servicer: AwsStandIn | None = None) -> tuple[grpc.Server, int]:
    """Start the service on `address`; returns the server and the port it listens on."""
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=8), options=[
        ("grpc.max_receive_message_length", 400 * 1024 * 1024),  # the engine's own limit
        ("grpc.max_send_message_length", 400 * 1024 * 1024),
    ])
    provider_pb2_grpc.add_ResourceProviderServicer_to_server(servicer or AwsStandIn(), server)
    port = server.add_insecure_port(address)
    server.start()
    return server, port


def _watch_stdin(stop: threading.Event) -> None:
    # The engine holds our stdin pipe open for as long as it needs us; EOF means it has gone.
    try:
        while os.read(sys.stdin.fileno(), 65536):
            pass
    except (OSError, ValueError):
        pass
    stop.set()


def _stdin_is_pipe() -> bool:
    # A terminal or /dev/null (someone debugging by hand, PULUMI_DEBUG_PROVIDERS) is no parent's pipe.
    try:
        return stat.S_ISFIFO(os.fstat(sys.stdin.fileno()).st_mode)
    except (AttributeError, OSError, ValueError):
        return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="pulumi-resource-aws",
        description="A stand-in AWS provider for the real Pulumi engine's tests and offline runs; never for deploying.",
    )
    parser.add_argument("engine_address", nargs="?", default="", help="the engine's gRPC address")
    parser.add_argument("--tracing", help="ignored: the stand-in sends no traces")
    parser.add_argument("--logtostderr", action="store_true", help="ignored")
    args, _verbosity = parser.parse_known_args(argv)  # -v=N and the like: nothing to log at a level

    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    servicer = AwsStandIn()
    servicer.engine_address = args.engine_address
    server, port = serve(servicer=servicer)
    print(port, flush=True)
    if _stdin_is_pipe():
        threading.Thread(target=_watch_stdin, args=(stop,), daemon=True, name="stdin-watch").start()
    while not stop.wait(0.5):
        pass
    server.stop(grace=1).wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
