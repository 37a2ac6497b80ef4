"""What the language-host stand-ins (lz/python_langhost.py, lz/nodejs_langhost.py, lz/go_langhost.py) share.

Each stand-in answers `pulumirpc.LanguageRuntime` for one language; what is the same for all three lives
here: the child-process bookkeeping (a cancelled call terminates its child, the host's exit terminates
them all), Handshake and GetPluginInfo, running a program and mapping its exit code to a RunResponse,
GeneratePackage through `lz-codegen` (scripts/build-codegen), and serving: a free local port printed
for the CLI, exit when the CLI that started the host is gone. What differs per language (the command a
program runs with, dependencies, Link) stays in the language's module.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from concurrent import futures
from typing import Any

import grpc
from google.protobuf import json_format
from pulumi.runtime.proto import language_pb2, language_pb2_grpc, plugin_pb2

# Exit code the language SDKs' program runners (pulumi-language-python-exec, @pulumi/pulumi's cmd/run,
# pulumi.Run in Go) use after they have shown the user an actionable message.
USER_ACTIONABLE_EXIT = 32


def pulumi_version() -> str:
    from importlib.metadata import version

    return version("pulumi")


def options(info: Any) -> dict[str, Any]:
    """The project's `runtime.options` (Pulumi.yaml), as a dict."""
    return json_format.MessageToDict(info.options) if info is not None and info.HasField("options") else {}


def root_and_program(info: Any, pwd: str) -> tuple[str, str, str]:
    """(root directory, program directory, entry point) from the ProgramInfo, else `pwd` for both."""
    if info is not None and info.root_directory:
        return info.root_directory, info.program_directory or info.root_directory, info.entry_point or "."
    return pwd, pwd, "."


def codegen() -> str:
    """The `lz-codegen` command (Pulumi's pkg/v3 code generators, scripts/build-codegen)."""
    override = os.environ.get("LZ_CODEGEN")
    if override:
        return override
    found = shutil.which("lz-codegen")
    if found:
        return found
    raise FileNotFoundError("lz-codegen is not on $PATH and LZ_CODEGEN is not set "
                            "(build it with scripts/build-codegen)")


def flags(*pairs: tuple[str, str]) -> list[str]:
    """`--name value` for each pair whose value is set, in order (how the Go hosts pass a Run's settings)."""
    return [arg for name, value in pairs if value for arg in (f"--{name}", value)]


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


class LanguageHostBase(language_pb2_grpc.LanguageRuntimeServicer):
    """The parts of a stand-in language host that do not depend on the language."""

    #: The language name lz-codegen's GeneratePackage takes ("go", "nodejs"); None: not implemented.
    codegen_language: str | None = None

    def __init__(self, engine_address: str) -> None:
        self.engine_address = engine_address
        self._children: set[subprocess.Popen[bytes]] = set()
        self._lock = threading.Lock()

    # -- bookkeeping -------------------------------------------------------------------------
    def _track(self, proc: subprocess.Popen[bytes]) -> None:
        with self._lock:
            self._children.add(proc)

    def _untrack(self, proc: subprocess.Popen[bytes]) -> None:
        with self._lock:
            self._children.discard(proc)

    def kill_children(self) -> None:
        with self._lock:
            children = list(self._children)
        for proc in children:
            if proc.poll() is None:
                proc.terminate()

    # -- plugin basics -----------------------------------------------------------------------
    def Handshake(self, request: Any, context: Any) -> Any:
        if request.engine_address:
            self.engine_address = request.engine_address
        return language_pb2.LanguageHandshakeResponse()

    def GetPluginInfo(self, request: Any, context: Any) -> Any:
        return plugin_pb2.PluginInfo(version=pulumi_version())

    # -- dependencies ------------------------------------------------------------------------
    def _install_steps(self, steps: list[list[str]], *, cwd: str, context: Any, where: str = "") -> Iterator[Any]:
        """InstallDependencies' answer: each command's output, in turn; a failing command ends the call
        with an error naming it (and `where`, e.g. " in <directory>")."""
        for argv in steps:
            done = subprocess.run(argv, capture_output=True, cwd=cwd)
            yield language_pb2.InstallDependenciesResponse(stdout=done.stdout, stderr=done.stderr)
            if done.returncode != 0:
                context.abort(grpc.StatusCode.UNKNOWN, f"{' '.join(argv)}{where} exited with {done.returncode}")

    # -- running programs --------------------------------------------------------------------
    def _run_program(self, argv: list[str], *, cwd: str, env: dict[str, str], context: Any) -> Any:
        """Run the program to its end, its output on the host's own stdout and stderr (which the CLI
        reads; the port line is long written), and answer Run with its exit code."""
        sys.stdout.flush()
        proc = subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                stdout=sys.stdout.fileno(), stderr=sys.stderr.fileno())
        self._track(proc)
        context.add_callback(proc.terminate)  # the engine cancelled the update
        try:
            code = proc.wait()
        finally:
            self._untrack(proc)
        if code == 0:
            return language_pb2.RunResponse()
        if code == USER_ACTIONABLE_EXIT:
            return language_pb2.RunResponse(bail=True)
        return language_pb2.RunResponse(error=f"Program exited with non-zero exit code: {code}")

    # -- SDKs ----------------------------------------------------------------------------------
    def GeneratePackage(self, request: Any, context: Any) -> Any:
        if self.codegen_language is None:
            return super().GeneratePackage(request, context)
        payload = json.dumps({
            "language": self.codegen_language, "directory": request.directory, "schema": request.schema,
            "extraFiles": {k: b64(v) for k, v in request.extra_files.items()},
            "localDependencies": dict(request.local_dependencies), "local": request.local,
            "loaderTarget": request.loader_target,
        })
        done = subprocess.run([codegen()], input=payload.encode(), capture_output=True)
        if done.returncode != 0:
            context.abort(grpc.StatusCode.UNKNOWN, done.stderr.decode(errors="replace").strip()
                          or f"lz-codegen exited with {done.returncode}")
        return language_pb2.GeneratePackageResponse()


def serve(host: LanguageHostBase) -> None:
    """Serve `host` on a free local port, print the port (the CLI reads it), exit when the CLI is gone."""
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=16),
                         options=[("grpc.max_receive_message_length", 400 * 1024 * 1024)])
    language_pb2_grpc.add_LanguageRuntimeServicer_to_server(host, server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()

    def stop(signum: int, _frame: Any) -> None:
        host.kill_children()
        server.stop(0)
        os._exit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    parent = os.getppid()

    def watch_parent() -> None:
        # The CLI starts plugins in their own process group; if it dies without stopping us, exit.
        while os.getppid() == parent:
            threading.Event().wait(1.0)
        stop(signal.SIGTERM, None)

    threading.Thread(target=watch_parent, daemon=True).start()
    sys.stdout.write(f"{port}\n")
    sys.stdout.flush()
    server.wait_for_termination()


def main_for(host_class: type[LanguageHostBase], argv: list[str] | None = None) -> None:
    """Started by the CLI as `pulumi-language-<lang> <engine-address>`."""
    argv = sys.argv[1:] if argv is None else argv
    positional = [a for a in argv if not a.startswith("-")]
    serve(host_class(positional[-1] if positional else ""))
