"""Run any Pulumi Python program offline under Pulumi's own mock runtime and capture what it registers.

The program runs the way the Python language host runs it (`run_in_stack` around `runpy.run_path`),
against a MockMonitor that records every RegisterResource request unchanged, so what we capture is
what the engine (and a policy pack behind it) would receive.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import gc
import logging
import os
import runpy
import sys
import threading
import traceback
import types
import warnings
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pulumi
from google.protobuf import empty_pb2, struct_pb2
from pulumi.runtime import config as pulumi_config
from pulumi.runtime import rpc
from pulumi.runtime import settings as pulumi_settings
from pulumi.runtime.mocks import MockEngine, MockMonitor, Mocks, MockSettings
from pulumi.runtime.proto import resource_pb2
from pulumi.runtime.rpc_manager import RPCManager
from pulumi.runtime.stack import run_in_stack

from lz import import_cache, remote
from lz.analyzer import analyzer_properties
from lz.aws_mocks import AwsMocks
from lz.graph import (
    SECRET,
    STACK_TYPE,
    UNKNOWN,
    RemoteComponent,
    ResourceGraph,
    ResourceRecord,
    SourceFrame,
    UnansweredInvoke,
    dependency_order,
    source_frames,
    wire_to_plain,
)
from lz.project import (
    Project,
    ProjectFileError,
    UnknownStackError,
    list_stacks,
    load_project,
    load_stack_config,
    stack_file,
)
from lz.provider_config import unknown_provider_keys

# Before a program imports pulumi_aws (none of the modules above does): its root module finds every
# submodule's spec when it loads, so the finder must already be there.
import_cache.install()

__all__ = [
    "MissingStackError",
    "ProgramConfigError",
    "ProgramError",
    "Project",
    "ProjectFileError",
    "ResourceGraph",
    "ResourceRecord",
    "UnknownStackError",
    "list_stacks",
    "load_project",
    "load_stack_config",
    "run_function",
    "run_program",
]


class ProgramConfigError(Exception):
    """The program rejected its configuration (it raised pulumi.RunError); `errors` lists each problem."""

    def __init__(self, message: str, errors: list[str], registered: int) -> None:
        super().__init__(message)
        self.errors = errors
        self.registered = registered


class ProgramError(Exception):
    """The program crashed; `traceback_text` is the formatted traceback of the original exception."""

    def __init__(self, message: str, traceback_text: str) -> None:
        super().__init__(message)
        self.traceback_text = traceback_text


@contextlib.contextmanager
def _own_rpcs() -> Iterator[None]:
    """The monitor's calls run on the executor thread, where MockMonitor deserializes the request with
    a loop of that thread's own: a resource reference among the inputs (``function=fn``) becomes a
    resource whose `getResource` RPC is a task of that loop. In the program's RPC manager, the main
    loop's ``wait_for_rpcs`` could pop it while still pending ("got Future attached to a different
    loop": the program crashed, at random, under load). Those RPCs go to a manager of this call's own
    (the manager is a context variable; each monitor call runs in a copy of the program's context),
    and this thread's loop finishes them before the call returns."""
    previous = pulumi_settings.SETTINGS.rpc_manager
    if previous is None:  # not a program's call (setting it would change the SDK's default for all)
        yield
        return
    own = RPCManager()
    pulumi_settings.SETTINGS.rpc_manager = own
    try:
        yield
    finally:
        pending = [task for task in own.rpcs if isinstance(task, asyncio.Future) and not task.done()]
        if pending:
            loop = _current_loop()
            if loop is not None and not loop.is_running() and not loop.is_closed():
                loop.run_until_complete(asyncio.wait(pending, timeout=30))
        pulumi_settings.SETTINGS.rpc_manager = previous


class CapturingMonitor(MockMonitor):
    """The stock MockMonitor, plus a record of each registration and of the stack's outputs.

    ``on_register`` is called with each record as it registers (on the runtime's executor thread,
    in registration order), the way the engine hands each resource to its analyzers: it must return
    quickly and not raise, or the program waits or fails with it.
    """

    def __init__(self, mocks: Mocks, on_register: Callable[[ResourceRecord], None] | None = None,
                 config: dict[str, str] | None = None) -> None:
        super().__init__(mocks)
        self.records: list[ResourceRecord] = []
        self._config = dict(config or {})
        self._provider_inputs: dict[str, struct_pb2.Struct] = {}  # explicit provider URN -> its inputs
        self.remote_components: list[RemoteComponent] = []
        self.stack_outputs: dict[str, Any] = {}
        self._lock = threading.Lock()
        self._on_register = on_register

    def make_urn(self, parent: str, type_: str, name: str) -> str:
        # As the real engine builds it: the parent's whole qualified type, except the root stack's.
        # (MockMonitor keeps only the parent's last type and prefixes the stack's.)
        if parent:
            parent_type = parent.split("::")[2]
            if parent_type != STACK_TYPE:
                type_ = f"{parent_type}${type_}"
        return f"urn:pulumi:{pulumi.get_stack()}::{pulumi.get_project()}::{type_}::{name}"

    def RegisterResource(self, request: Any) -> Any:
        if request.remote and request.type != STACK_TYPE:
            return self._construct_remote(request)
        with _own_rpcs():
            response = super().RegisterResource(request)
        if request.type == STACK_TYPE:
            return response
        self._record(request, response)
        return response

    def _construct_remote(self, request: Any) -> Any:
        """Answer for a multi-language component as its provider would (see lz.remote)."""
        urn = self.make_urn(request.parent, request.type, request.name)
        # The component itself: not custom, so the mocks echo its inputs; the record keeps them.
        self._record(request, super().RegisterResource(request))
        inputs = _plain_inputs(request.object)

        def register(type_: str, name: str, parent: str, props: dict[str, Any]) -> remote.Child:
            child = resource_pb2.RegisterResourceRequest(
                type=type_, name=name, parent=parent, custom=not _is_component(type_),
                object=_to_struct(props), sourcePosition=request.sourcePosition, stackTrace=request.stackTrace,
            )
            answer = self.RegisterResource(child)
            return remote.Child(answer.urn, type_, name, answer.id or None, wire_to_plain(answer.object))

        outputs, expanded = remote.construct(request.type, request.name, urn, inputs, register,
                                             getattr(self.mocks, "region", "us-east-1"))
        with self._lock:
            self.remote_components.append(RemoteComponent(urn, request.type, expanded))
        return resource_pb2.RegisterResourceResponse(urn=urn, object=_to_struct(outputs))

    def _record(self, request: Any, response: Any) -> None:
        raw = type(request.object)()
        raw.CopyFrom(request.object)
        record = ResourceRecord(
            urn=response.urn,
            type=request.type,
            name=request.name,
            parent=request.parent or None,
            custom=bool(request.custom),
            protect=bool(request.protect),
            retain_on_delete=bool(request.retainOnDelete),
            dependencies=tuple(sorted(request.dependencies)),
            provider=request.provider,
            inputs=wire_to_plain(request.object),
            outputs=wire_to_plain(response.object),
            id=response.id or None,
            raw_inputs=raw,
            property_dependencies={k: tuple(sorted(v.urns)) for k, v in request.propertyDependencies.items()
                                   if v.urns},
            # The SDK sends both unasked (no monitor feature gates them); the runner's frames are cut off.
            source=source_frames(request.sourcePosition, request.stackTrace, stop_at=_MACHINERY),
            provider_resource=self._provider_resource(request, response.urn, raw),
        )
        with self._lock:
            self.records.append(record)
        if self._on_register is not None:
            self._on_register(record)

    def _provider_resource(
        self, request: Any, urn: str, raw: struct_pb2.Struct
    ) -> tuple[str, struct_pb2.Struct] | None:
        """The provider the engine sends analyzers with this resource: an explicit one with its inputs, or
        the default provider it makes for the package (`default_<version>`, inputs from `<pkg>:*` config)."""
        if request.type.startswith("pulumi:providers:"):
            with self._lock:
                self._provider_inputs[urn] = raw
            return None
        if not request.custom:
            return None
        if request.provider:
            provider_urn = request.provider.rsplit("::", 1)[0]
            with self._lock:
                inputs = self._provider_inputs.get(provider_urn)
            return (provider_urn, inputs) if inputs is not None else None
        package = request.type.split(":", 1)[0]
        props = struct_pb2.Struct()
        prefix = f"{package}:"
        for key, value in sorted(self._config.items()):
            if key.startswith(prefix) and ":" not in key[len(prefix):]:
                props[key[len(prefix):]] = value
        name = "default"
        if request.version:
            props["version"] = request.version
            name = "default_" + request.version.replace(".", "_").replace("-", "_")
        return f"urn:pulumi:{pulumi.get_stack()}::{pulumi.get_project()}::pulumi:providers:{package}::{name}", props

    def Invoke(self, request: Any) -> Any:
        # The engine declines an invoke whose arguments are not known yet (a preview): the result is
        # wholly unknown. The SDK checks only part of this itself (an unknown inside a list gets
        # through), so a lookup on another stack's output would reach the mocks as an Unknown.
        if _struct_has_unknown(request.args):
            return resource_pb2.ResourceInvokeResponse(unknown=True)
        with _own_rpcs():
            return super().Invoke(request)

    def RegisterResourceOutputs(self, request: Any) -> Any:
        if request.urn.split("::")[2:3] == [STACK_TYPE]:
            self.stack_outputs = wire_to_plain(request.outputs)
        return empty_pb2.Empty()


def _is_component(type_: str) -> bool:
    return type_.count(":") == 2 and "/" not in type_  # awsx:ecs:FargateTaskDefinition, not aws:ec2/vpc:Vpc


def _plain_inputs(props: struct_pb2.Struct) -> dict[str, Any]:
    """A component's inputs as JSON-able Python, references as the ids a provider would read."""
    plain = wire_to_plain(analyzer_properties(props))
    return plain if isinstance(plain, dict) else {}


def _wire(value: Any) -> Any:
    """Plain values back on the wire: unknowns as the sentinel, secrets (their value is gone) still secret."""
    if value == UNKNOWN:
        return rpc.UNKNOWN
    if value == SECRET:
        return {rpc._special_sig_key: rpc._special_secret_sig, "value": SECRET}
    if isinstance(value, dict):
        return {k: _wire(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_wire(v) for v in value]
    return value


def _to_struct(props: dict[str, Any]) -> struct_pb2.Struct:
    out = struct_pb2.Struct()
    out.update(_wire(props))
    return out


# -- where the program called each invoke ---------------------------------------------------------
# The SDK sends no source position with an invoke, and ``invoke_output`` calls the monitor from a
# task, after the program's frame is gone: the call site is taken when the program calls the SDK.
_INVOKE_SITES: contextvars.ContextVar[list[tuple[str, tuple[SourceFrame, ...]]] | None] = contextvars.ContextVar(
    "lz_invoke_sites", default=None)
_INVOKE_ENTRY_POINTS = ("invoke", "invoke_single", "invoke_output", "invoke_output_single", "invoke_async")
_invoke_sites_installed = False


def _caller_frames() -> tuple[SourceFrame, ...]:
    """The calling stack, innermost first, without the runner's frames (no source lines are read)."""
    frames = []
    frame: types.FrameType | None = sys._getframe(2)
    while frame is not None:
        file = frame.f_code.co_filename
        if frame.f_lineno and not file.startswith(_MACHINERY):
            frames.append(SourceFrame(file, frame.f_lineno))
        frame = frame.f_back
    return tuple(frames)


def _install_invoke_sites() -> None:
    """Wrap the SDK's invoke entry points once; outside a run (no recorder) they only pass through."""
    global _invoke_sites_installed
    if _invoke_sites_installed:
        return
    for name in _INVOKE_ENTRY_POINTS:
        original = getattr(pulumi.runtime, name)

        def wrapper(tok: str, *args: Any, __original: Any = original, **kwargs: Any) -> Any:
            sites = _INVOKE_SITES.get()
            if sites is not None:
                sites.append((tok, _caller_frames()))
            return __original(tok, *args, **kwargs)

        setattr(pulumi.runtime, name, wrapper)
    _invoke_sites_installed = True


def unanswered_invokes(unmocked: list[str], sites: list[tuple[str, tuple[SourceFrame, ...]]]) -> list[UnansweredInvoke]:
    """Each unanswered invoke with the program line that called it, one per distinct call site."""
    by_token: dict[str, list[tuple[SourceFrame, ...]]] = {}
    for token, frames in sites:
        by_token.setdefault(token, []).append(frames)
    found: list[UnansweredInvoke] = []
    for token in dict.fromkeys(unmocked):
        calls = unmocked.count(token)
        frames_seen = by_token.get(token, [])[:calls]
        for frames in dict.fromkeys(frames_seen) or [()]:
            found.append(UnansweredInvoke(token, frames))
    return found


class _ListHandler(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.messages: list[tuple[str, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append((record.levelname.lower(), record.getMessage()))


@contextlib.contextmanager
def _program_environment(program_dir: Path) -> Iterator[None]:
    """sys.path, cwd and sys.modules as the language host sets them up, restored afterwards."""
    before = set(sys.modules)
    old_cwd = os.getcwd()
    old_path = list(sys.path)
    sys.path.insert(0, str(program_dir))
    os.chdir(program_dir)
    try:
        yield
    finally:
        os.chdir(old_cwd)
        sys.path[:] = old_path
        prefix = str(program_dir) + os.sep
        for name in set(sys.modules) - before:
            module_file = getattr(sys.modules.get(name), "__file__", None) or ""
            # Installed packages (a venv inside the program dir) stay: providers register once per process.
            if module_file.startswith(prefix) and "site-packages" not in module_file:
                del sys.modules[name]


def _run(
    body: Callable[[], Any],
    *,
    project: str,
    stack: str,
    preview: bool,
    config: dict[str, str],
    secret_keys: list[str],
    mocks: AwsMocks,
    on_register: Callable[[ResourceRecord], None] | None = None,
) -> ResourceGraph:
    monitor = CapturingMonitor(mocks, on_register, config)
    _install_invoke_sites()
    sites: list[tuple[str, tuple[SourceFrame, ...]]] = []
    logger = logging.getLogger(f"lz.engine.{id(monitor)}")
    logger.propagate = False
    handler = _ListHandler()
    logger.addHandler(handler)

    def in_context() -> None:
        # Like set_mocks, minus the root Stack it creates: run_in_stack makes the only one.
        pulumi_settings.ROOT.set(None)
        settings = MockSettings(
            monitor=monitor,
            monitor_features=set(monitor.GetDeploymentInfo(empty_pb2.Empty()).supportedFeatures),
            engine=MockEngine(logger),
            project=project,
            stack=stack,
            dry_run=preview,
            organization="organization",
            callbacks=None,
        )
        pulumi_settings.configure(settings)
        _INVOKE_SITES.set(sites)
        pulumi_config.set_all_config(config, secret_keys)
        loop = asyncio.new_event_loop()
        # One worker keeps registration order (and so the graph) deterministic run to run.
        loop.set_default_executor(ThreadPoolExecutor(max_workers=1))
        loop.set_exception_handler(lambda _loop, _ctx: None)
        previous = _current_loop()
        asyncio.set_event_loop(loop)
        try:
            loop.run_until_complete(run_in_stack(body))
        finally:
            probe = getattr(mocks, "needed_stack", None) is not None
            with warnings.catch_warnings():
                if probe:
                    # A probe run (see _run_stack): what waited on the reference is dropped without a word.
                    warnings.filterwarnings("ignore", message="coroutine .* was never awaited",
                                            category=RuntimeWarning)
                for task in asyncio.all_tasks(loop):
                    task.cancel()
                    # The task is torn down after the real error, which is what we report.
                    with contextlib.suppress(BaseException):
                        loop.run_until_complete(task)
                # The executor thread's own loop (MockMonitor makes one to deserialize with) is closed
                # on that thread: left to the garbage collector, its __del__ could find its self-pipe
                # already gone and print an ignored ValueError.
                with contextlib.suppress(BaseException):
                    loop.run_until_complete(loop.run_in_executor(None, _close_thread_loop))
                loop.close()
                if probe:
                    gc.collect()
            asyncio.set_event_loop(previous)

    try:
        contextvars.copy_context().run(in_context)
    except pulumi.RunError as exc:
        errors = getattr(exc, "errors", None)
        errors = [str(e) for e in errors] if isinstance(errors, (list, tuple)) and errors else [str(exc)]
        raise ProgramConfigError(str(exc), errors=errors, registered=len(monitor.records)) from exc
    except Exception as exc:
        raise ProgramError(f"{type(exc).__name__}: {exc}", program_traceback(exc)) from exc
    finally:
        logger.removeHandler(handler)
        sys.stdout.flush()
        sys.stderr.flush()
    return ResourceGraph(
        project=project,
        stack=stack,
        resources=dependency_order(monitor.records),
        outputs=monitor.stack_outputs,
        unmocked_calls=list(mocks.unmocked_calls),
        unanswered_invokes=unanswered_invokes(list(mocks.unmocked_calls), sites),
        remote_components=list(monitor.remote_components),
        logs=handler.messages,
    )


def _struct_has_unknown(value: Any) -> bool:
    if isinstance(value, struct_pb2.Struct):
        return any(_struct_has_unknown(v) for v in value.fields.values())
    if isinstance(value, struct_pb2.ListValue):
        return any(_struct_has_unknown(v) for v in value.values)
    if isinstance(value, struct_pb2.Value):
        kind = value.WhichOneof("kind")
        if kind == "string_value":
            return value.string_value == rpc.UNKNOWN
        if kind in ("struct_value", "list_value"):
            return _struct_has_unknown(getattr(value, kind))
    return False


_MACHINERY = (
    str(Path(__file__).resolve()),
    str(Path(asyncio.__file__).resolve().parent),
    str(Path(runpy.__file__).resolve()),
    str(Path(run_in_stack.__code__.co_filename).resolve()),
    "<frozen runpy>",
)


def program_traceback(exc: BaseException) -> str:
    """The traceback without the leading engine frames (this module, asyncio, runpy, pulumi's stack)."""
    summary = traceback.TracebackException.from_exception(exc)
    frames = list(summary.stack)
    skip = 0
    while skip < len(frames) and frames[skip].filename.startswith(_MACHINERY):
        skip += 1
    if skip < len(frames):
        summary.stack = traceback.StackSummary.from_list(frames[skip:])
    return "".join(summary.format())


def _close_thread_loop() -> None:
    """Close this thread's loop, first those of its executor's threads (a getResource the monitor
    thread runs calls the monitor from a thread of that loop's executor, which makes a loop too)."""
    thread_loop = _current_loop()
    if thread_loop is not None and not thread_loop.is_running() and not thread_loop.is_closed():
        if getattr(thread_loop, "_default_executor", None) is not None:  # never start one only to close it
            with contextlib.suppress(BaseException):
                thread_loop.run_until_complete(thread_loop.run_in_executor(None, _close_thread_loop))
        thread_loop.close()
    asyncio.set_event_loop(None)


def _current_loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_event_loop_policy().get_event_loop()
    except RuntimeError:
        return None


class MissingStackError(ProjectFileError):
    """A program reads (pulumi.StackReference) a stack of its own project that has no stack file."""


def local_stack_of(project: str) -> Callable[[str], str | None]:
    """The stack of `project` a StackReference name means (`org`, `<org>/org`, `<org>/<project>/org`), or
    None for another project's stack (which lz cannot evaluate offline)."""

    def resolve(ref: str) -> str | None:
        parts = ref.split("/")
        if len(parts) == 1:
            return parts[0]
        if len(parts) == 2:
            return parts[1]
        if len(parts) == 3 and parts[1] == project:
            return parts[2]
        return None

    return resolve


def _unless_probe(
    on_register: Callable[[ResourceRecord], None] | None, mocks: AwsMocks
) -> Callable[[ResourceRecord], None] | None:
    """What registers after the run became a probe is not streamed (it registers again in the real run).
    A program that registers resources before its StackReference streams those twice; answers are kept
    per record, so the verdicts are the real run's either way."""
    if on_register is None:
        return None
    callback = on_register

    def forward(record: ResourceRecord) -> None:
        if mocks.needed_stack is None:
            callback(record)

    return forward


def run_program(
    program_dir: Path,
    stack: str,
    *,
    preview: bool = True,
    account_id: str = "123456789012",
    on_register: Callable[[ResourceRecord], None] | None = None,
    stack_outputs: dict[str, dict[str, Any]] | None = None,
) -> ResourceGraph:
    """Run the Pulumi Python program in program_dir for `stack` under AWS-shaped mocks.

    ``on_register`` sees each resource as it registers (see CapturingMonitor), before the program ends.
    A stack of the same project that the program reads through ``pulumi.StackReference`` is evaluated
    first (same program, its own stack file) and its outputs answer the reference, as the engine reads
    them from that stack's state; ``stack_outputs`` gives such outputs instead of evaluating them.
    """
    program_dir = Path(program_dir).resolve()
    return _run_stack(program_dir, stack, preview, account_id, on_register, dict(stack_outputs or {}), ())


def _run_stack(
    program_dir: Path,
    stack: str,
    preview: bool,
    account_id: str,
    on_register: Callable[[ResourceRecord], None] | None,
    outputs: dict[str, dict[str, Any]],
    chain: tuple[str, ...],
) -> ResourceGraph:
    project = load_project(program_dir)
    config, secret_keys = load_stack_config(program_dir, project.name, stack)
    if not project.main.is_file():
        raise ProjectFileError(f"{program_dir / 'Pulumi.yaml'}: main program {project.main} does not exist")
    for warning in unknown_provider_keys(config, project.name, str(stack_file(Path(program_dir).resolve(), stack))):
        sys.stderr.write(warning + "\n")
    main_file = str(project.main)
    while True:
        mocks = AwsMocks(account_id=account_id, region=config.get("aws:region", "us-east-1"),
                         stack_outputs=outputs, local_stack=local_stack_of(project.name))
        forward = _unless_probe(on_register, mocks)
        try:
            with _program_environment(program_dir):
                graph = _run(
                    lambda: runpy.run_path(main_file, run_name="__main__"),
                    project=project.name,
                    stack=stack,
                    preview=preview,
                    config=config,
                    secret_keys=secret_keys,
                    mocks=mocks,
                    on_register=forward,
                )
        except (ProgramError, ProgramConfigError):
            if mocks.needed_stack is None:
                raise
        else:
            if mocks.needed_stack is None:
                return graph
        # The SDK may carry on past a failed read (its outputs stay unknown): either way this run was a probe.
        needed = mocks.needed_stack
        # The run stopped at the reference (nothing after it registered); evaluate that stack, run again.
        where = stack_file(program_dir, stack)
        if needed == stack or needed in chain:
            cycle = " -> ".join((*chain, stack, needed))
            raise ProjectFileError(f"{where}: stacks read each other's outputs in a cycle: {cycle}")
        existing = list_stacks(program_dir)
        if needed not in existing:
            raise MissingStackError(
                f"{where}: the program reads stack {needed!r} (pulumi.StackReference), which does not exist: "
                f"no Pulumi.{needed}.yaml in {program_dir} (stacks: {', '.join(existing) or 'none'})")
        try:
            referenced = _run_stack(program_dir, needed, preview, account_id, None, outputs, (*chain, stack))
        except ProgramConfigError as exc:
            errors = [f"stack {needed} (read by {stack}): {e}" for e in exc.errors]
            raise ProgramConfigError(f"stack {needed}, read by {stack}: {exc}", errors, 0) from exc
        outputs[needed] = referenced.outputs


def run_function(
    fn: Callable[[], None],
    *,
    project: str = "fixtures",
    stack: str = "test",
    config: dict[str, str] | None = None,
    preview: bool = True,
    account_id: str = "123456789012",
    on_register: Callable[[ResourceRecord], None] | None = None,
) -> ResourceGraph:
    """Run a callable that declares resources, capturing exactly what the engine would receive."""
    config = dict(config or {})
    mocks = AwsMocks(account_id=account_id, region=config.get("aws:region", "us-east-1"))
    return _run(fn, project=project, stack=stack, preview=preview, config=config, secret_keys=[], mocks=mocks,
                on_register=on_register)
