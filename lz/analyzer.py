"""Drive a CrossGuard policy pack process over the Analyzer gRPC protocol, as the Pulumi CLI does.

Start ``python -u __main__.py`` in the pack dir, read the port from its first stdout line, then
GetAnalyzerInfo, Configure, Analyze (once per resource) and AnalyzeStack (once, every resource).
``AnalyzeStream`` sends each Analyze while the program is still registering, as the engine does.
"""

from __future__ import annotations

import contextlib
import os
import queue
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import grpc
import yaml
from google.protobuf import empty_pb2, json_format, struct_pb2
from pulumi.runtime import rpc
from pulumi.runtime.proto import analyzer_pb2, analyzer_pb2_grpc

from lz import interrupt
from lz.graph import ResourceRecord
from lz.policy_config import PolicyMeta, reconcile

LEVELS = {analyzer_pb2.ADVISORY: "advisory", analyzer_pb2.MANDATORY: "mandatory",
          analyzer_pb2.DISABLED: "disabled", analyzer_pb2.REMEDIATE: "remediate"}
LEVEL_VALUES = {v: k for k, v in LEVELS.items()}
SEVERITIES = {analyzer_pb2.POLICY_SEVERITY_LOW: "low", analyzer_pb2.POLICY_SEVERITY_MEDIUM: "medium",
              analyzer_pb2.POLICY_SEVERITY_HIGH: "high", analyzer_pb2.POLICY_SEVERITY_CRITICAL: "critical"}
IN_FLIGHT = 16  # the pack serves 4 threads; a window keeps them busy without queueing everything
#: lz's own finding when the pack answered Analyze (or AnalyzeStack) with an error: no verdict there.
ANALYZE_FAILED = "lz_analyze_failed"
#: gRPC codes meaning the pack process itself is gone or unreachable: no later call can succeed either.
_PACK_GONE = frozenset({grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.CANCELLED})


class AnalyzerError(RuntimeError):
    """The pack could not be started or broke the protocol; the message carries its stderr."""


@dataclass(frozen=True)
class Diagnostic:
    policy: str
    pack: str
    message: str
    urn: str
    enforcement_level: str
    severity: str | None
    description: str


@dataclass(frozen=True)
class PackInfo:
    name: str
    version: str
    policies: dict[str, PolicyMeta]


def _marshal_value(value: struct_pb2.Value) -> struct_pb2.Value | None:
    """``value`` as the engine marshals it for an analyzer, or None when that is ``value`` itself."""
    kind = value.WhichOneof("kind")
    if kind == "list_value":
        items = [_marshal_value(v) for v in value.list_value.values]
        if all(v is None for v in items):
            return None
        out = struct_pb2.Value()
        out.list_value.values.extend(new if new is not None else old
                                     for new, old in zip(items, value.list_value.values, strict=True))
        return out
    if kind != "struct_value":
        return None
    fields = value.struct_value.fields
    sig = fields[rpc._special_sig_key].string_value if rpc._special_sig_key in fields else None
    if sig == rpc._special_resource_sig:
        # KeepResources=false: a custom resource becomes its id (unknown while it has none), a
        # component its URN; the pack's SDK cannot unmarshal the reference itself.
        if "id" in fields:
            rid = fields["id"]
            if rid.WhichOneof("kind") == "string_value" and rid.string_value == "":
                return struct_pb2.Value(string_value=rpc.UNKNOWN)
            return _marshal_value(rid) or rid
        return struct_pb2.Value(string_value=fields["urn"].string_value)
    if sig == rpc._special_output_value_sig:
        # KeepOutputValues=false: the element, unknown when it is not known, a secret when secret.
        element = fields["value"] if "value" in fields else struct_pb2.Value(string_value=rpc.UNKNOWN)
        element = _marshal_value(element) or element
        if not ("secret" in fields and fields["secret"].bool_value):
            return element
        secret = struct_pb2.Value()
        secret.struct_value.fields[rpc._special_sig_key].string_value = rpc._special_secret_sig
        secret.struct_value.fields["value"].CopyFrom(element)
        return secret
    changed = _marshal_fields(value.struct_value)
    if changed is None:
        return None
    return struct_pb2.Value(struct_value=changed)


def _marshal_fields(struct: struct_pb2.Struct) -> struct_pb2.Struct | None:
    changes = {k: new for k, v in struct.fields.items() if (new := _marshal_value(v)) is not None}
    if not changes:
        return None
    out = struct_pb2.Struct()
    out.CopyFrom(struct)
    for key, new in changes.items():
        out.fields[key].CopyFrom(new)
    return out


def analyzer_properties(props: struct_pb2.Struct) -> struct_pb2.Struct:
    """A registration's properties as the CLI sends them to analyzers (MarshalProperties with
    KeepResources=false, KeepOutputValues=false, KeepUnknowns and KeepSecrets): resource references
    become the referenced resource's id (a component's URN), output values their element."""
    return _marshal_fields(props) or props


def stack_properties(record: ResourceRecord) -> struct_pb2.Struct:
    """Properties for AnalyzeStack: the inputs plus the resource's ``id`` (what bridged outputs carry),
    so stack rules can join a FlowLog's ``vpcId`` to its VPC."""
    props = struct_pb2.Struct()
    props.CopyFrom(analyzer_properties(record.raw_inputs))
    if record.id and "id" not in props.fields:
        props["id"] = record.id
    return props


def _options(record: ResourceRecord) -> analyzer_pb2.AnalyzerResourceOptions:
    return analyzer_pb2.AnalyzerResourceOptions(protect=record.protect, parent=record.parent or "")


def _provider(record: ResourceRecord) -> analyzer_pb2.AnalyzerProviderResource | None:
    """The resource's provider as the engine sends it (step_generator: URN, type, name and its inputs),
    so rules can see which account and region a resource lands in."""
    if record.provider_resource is not None:
        urn, inputs = record.provider_resource
    elif record.provider and "::" in record.provider:
        urn, inputs = record.provider.rsplit("::", 1)[0], None
    else:
        return None
    kind = urn.split("::")[-2].rsplit("$", 1)[-1] if urn.count("::") >= 3 else ""
    provider = analyzer_pb2.AnalyzerProviderResource(type=kind, urn=urn, name=urn.rsplit("::", 1)[-1])
    if inputs is not None:
        provider.properties.CopyFrom(inputs)
    return provider


def _declared_version(pack_dir: Path) -> str | None:
    try:
        data = yaml.safe_load((pack_dir / "PulumiPolicy.yaml").read_text())
    except (OSError, yaml.YAMLError):
        return None
    version = data.get("version") if isinstance(data, dict) else None
    return str(version) if version else None


def _pack_python(pack_dir: Path) -> str:
    """The interpreter the CLI would use: PulumiPolicy.yaml's runtime virtualenv when it exists."""
    venv_name = ".venv"
    with contextlib.suppress(OSError, yaml.YAMLError, AttributeError, TypeError):
        runtime = yaml.safe_load((pack_dir / "PulumiPolicy.yaml").read_text()).get("runtime")
        if isinstance(runtime, dict) and isinstance(runtime.get("options"), dict):
            venv_name = str(runtime["options"].get("virtualenv") or venv_name)
    venv = pack_dir / venv_name / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


class PolicyPackProcess:
    """A running pack. Use as a context manager: the process is always terminated."""

    def __init__(self, pack_dir: Path, *, pack_name: str | None = None, start_timeout: float = 60.0) -> None:
        self.pack_dir = Path(pack_dir).resolve()
        self.pack_name = pack_name
        self.start_timeout = start_timeout
        self._proc: subprocess.Popen[bytes] | None = None
        self._stderr_reader: threading.Thread | None = None
        self._stderr: list[bytes] = []
        self._channel: grpc.Channel | None = None
        self._stub: analyzer_pb2_grpc.AnalyzerStub | None = None
        self._info: PackInfo | None = None
        self._closed = False  # close() may come from another thread while connect() waits

    # -- process lifecycle -------------------------------------------------------------------
    def spawn(self) -> PolicyPackProcess:
        """Start the pack process without waiting for it (it boots while the caller does other work)."""
        if self._proc is not None:
            return self
        if self._closed:  # a sender thread connecting after the gate gave up must not start another
            raise AnalyzerError(f"policy pack {self.pack_dir} is closed")
        main = self.pack_dir / "__main__.py"
        if not main.is_file():
            raise AnalyzerError(f"{self.pack_dir}: not a policy pack (no __main__.py)")
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        if self.pack_name:
            env["LZ_POLICY_PACK"] = self.pack_name
        with interrupt.starting_child() as track:
            self._proc = subprocess.Popen(
                [_pack_python(self.pack_dir), "-u", "__main__.py"], cwd=self.pack_dir, env=env,
                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            )
            track(self._proc)
        return self

    def connect(self) -> PolicyPackProcess:
        """Spawn if needed, wait for the port and a ready channel; on any failure the process is closed."""
        if self._stub is not None:
            return self
        self.spawn()
        try:
            port = self._read_port()
            if self._closed:
                raise AnalyzerError(f"policy pack {self.pack_dir} was closed while starting")
            self._channel = grpc.insecure_channel(
                f"127.0.0.1:{port}", options=[("grpc.max_receive_message_length", 400 * 1024 * 1024)]
            )
            grpc.channel_ready_future(self._channel).result(timeout=self.start_timeout)
            self._stub = analyzer_pb2_grpc.AnalyzerStub(self._channel)
        except BaseException:
            self.close()
            raise
        return self

    def __enter__(self) -> PolicyPackProcess:
        return self.connect()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._closed = True
        if self._channel is not None:
            self._channel.close()
            self._channel = None
        proc, self._proc = self._proc, None
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if proc is not None:
            interrupt.untrack(proc)

    def stderr_text(self) -> str:
        return b"".join(self._stderr).decode(errors="replace").strip()

    def _read_port(self) -> int:
        assert self._proc is not None and self._proc.stdout is not None and self._proc.stderr is not None
        lines: queue.Queue[bytes] = queue.Queue()
        stdout, stderr = self._proc.stdout, self._proc.stderr

        def pump_stdout() -> None:
            for line in iter(stdout.readline, b""):
                lines.put(line)
            lines.put(b"")

        threading.Thread(target=pump_stdout, daemon=True).start()
        self._stderr_reader = threading.Thread(
            target=lambda: self._stderr.extend(iter(stderr.readline, b"")), daemon=True)
        self._stderr_reader.start()
        try:
            first = lines.get(timeout=self.start_timeout)
        except queue.Empty:
            raise AnalyzerError(self._failure(f"printed no port within {self.start_timeout:g}s")) from None
        text = first.decode(errors="replace").strip()
        if not text.isdigit():
            why = "exited before printing its port" if not text else f"printed {text!r} instead of a port"
            raise AnalyzerError(self._failure(why))
        return int(text)

    def _failure(self, why: str) -> str:
        if self._proc is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._proc.wait(timeout=2)
        if self._stderr_reader is not None:  # the process is gone: let the reader drain its last lines
            self._stderr_reader.join(timeout=2)
        code = self._proc.returncode if self._proc is not None else None
        status = f" (exit code {code})" if code is not None else ""
        stderr = self.stderr_text() or "(no stderr)"
        return f"policy pack {self.pack_dir} {why}{status}; its stderr:\n{stderr}"

    # -- protocol ----------------------------------------------------------------------------
    @property
    def stub(self) -> analyzer_pb2_grpc.AnalyzerStub:
        if self._stub is None:
            raise AnalyzerError("policy pack process is not running; use it as a context manager")
        return self._stub

    def _call(self, what: str, fn: Any, request: Any) -> Any:
        try:
            return fn(request)
        except grpc.RpcError as err:
            raise AnalyzerError(self._rpc_failure(what, err)) from err

    def _rpc_failure(self, what: str, err: grpc.RpcError) -> str:
        detail = err.details() if hasattr(err, "details") else str(err)
        return f"policy pack {self.pack_dir}: {what} failed: {detail}\n{self.stderr_text()}".rstrip()

    def info(self) -> PackInfo:
        if self._info is None:
            raw = self._call("GetAnalyzerInfo", self.stub.GetAnalyzerInfo, empty_pb2.Empty())
            policies = {
                p.name: PolicyMeta(
                    name=p.name, description=p.description, display_name=p.displayName,
                    enforcement_level=LEVELS.get(p.enforcementLevel, "advisory"),
                    severity=SEVERITIES.get(p.severity), tags=tuple(p.tags), remediation=p.remediation_steps,
                    kind="stack" if p.policy_type == analyzer_pb2.POLICY_TYPE_STACK else "resource",
                    config_schema=json_format.MessageToDict(p.configSchema.properties),
                    required=tuple(p.configSchema.required),
                )
                for p in raw.policies
            }
            # As the CLI does, PulumiPolicy.yaml's version wins over the SDK's placeholder 0.0.1.
            self._info = PackInfo(raw.name, _declared_version(self.pack_dir) or raw.version, policies)
        return self._info

    def plugin_version(self) -> str:
        return str(self._call("GetPluginInfo", self.stub.GetPluginInfo, empty_pb2.Empty()).version)

    def configure(self, policy_config: Mapping[str, Any] | None) -> dict[str, tuple[str, dict[str, Any]]]:
        """Validates the ``--policy-pack-config`` JSON against the pack, then sends it; returns it."""
        effective = reconcile(self.info().policies, policy_config or {})
        request = analyzer_pb2.ConfigureAnalyzerRequest()
        for name, (level, props) in effective.items():
            entry = request.policyConfig[name]
            entry.enforcementLevel = LEVEL_VALUES[level]
            entry.properties.update(props)
        self._call("Configure", self.stub.Configure, request)
        return effective

    def analyze(self, records: Sequence[ResourceRecord]) -> list[Diagnostic]:
        """One Analyze per resource, a bounded window of them in flight."""
        window = _AnalyzeWindow(self)
        for record in records:
            window.send(record)
        window.wait()
        return window.diagnostics(records)

    def analyze_stack(self, records: Iterable[ResourceRecord]) -> list[Diagnostic]:
        resources = [
            analyzer_pb2.AnalyzerResource(
                type=r.type, properties=stack_properties(r), urn=r.urn, name=r.name, options=_options(r),
                provider=_provider(r), parent=r.parent or "", dependencies=list(r.dependencies),
                propertyDependencies={k: analyzer_pb2.AnalyzerPropertyDependencies(urns=list(v))
                                      for k, v in r.property_dependencies.items()},
            )
            for r in records
        ]
        request = analyzer_pb2.AnalyzeStackRequest(resources=resources)
        try:
            response = self.stub.AnalyzeStack(request)
        except grpc.RpcError as err:
            if err.code() in _PACK_GONE:
                raise AnalyzerError(self._rpc_failure("AnalyzeStack", err)) from err
            # The per-resource verdicts stand; only the stack policies' are missing.
            return [self.failure("", "the stack policies", err)]
        return [_diagnostic(d, self.info().name, "") for d in response.diagnostics]

    def failure(self, urn: str, what: str, err: grpc.RpcError) -> Diagnostic:
        """lz's mandatory finding for a call the pack answered with an error: there is no verdict."""
        detail = (err.details() if hasattr(err, "details") else None) or str(err)
        return Diagnostic(
            policy=ANALYZE_FAILED, pack=self.info().name, urn=urn, enforcement_level="mandatory", severity="high",
            message=f"no policy verdict for {what}: the policy pack failed to analyze it: {detail}",
            description="The policy pack could not analyze this resource, so its verdict is missing",
        )


class _AnalyzeWindow:
    """Analyze calls in flight (at most IN_FLIGHT) and the answers so far, kept per record."""

    def __init__(self, pack: PolicyPackProcess) -> None:
        self._pack = pack
        self._name = pack.info().name
        self._pending: deque[tuple[ResourceRecord, Any]] = deque()
        self._answers: dict[int, list[Diagnostic]] = {}  # by id(record): records need not be hashable
        self._answered = 0  # calls the pack has answered, collected or not (counted on grpc's threads)
        self._count_lock = threading.Lock()

    def send(self, record: ResourceRecord) -> None:
        request = analyzer_pb2.AnalyzeRequest(
            type=record.type, properties=analyzer_properties(record.raw_inputs), urn=record.urn, name=record.name,
            options=_options(record), provider=_provider(record),
        )
        future = self._pack.stub.Analyze.future(request)
        future.add_done_callback(self._count)
        self._pending.append((record, future))
        self._drain(IN_FLIGHT)

    def _count(self, _future: Any) -> None:
        with self._count_lock:
            self._answered += 1

    def wait(self) -> None:
        self._drain(0)

    @property
    def answer_count(self) -> int:
        return self._answered

    def answered(self, record: ResourceRecord) -> bool:
        return id(record) in self._answers or any(r is record for r, _ in self._pending)

    def diagnostics(self, records: Iterable[ResourceRecord]) -> list[Diagnostic]:
        """The answers in the order of ``records``, whatever order they were sent in."""
        return [d for r in records for d in self._answers.get(id(r), [])]

    def _drain(self, upto: int) -> None:
        while len(self._pending) > upto:
            record, future = self._pending.popleft()
            try:
                response = future.result()
            except grpc.RpcError as err:
                if err.code() in _PACK_GONE:
                    raise AnalyzerError(self._pack._rpc_failure(f"Analyze {record.urn}", err)) from err
                # One resource the pack cannot read must not hide the verdicts on the others.
                self._answers[id(record)] = [self._pack.failure(record.urn, "this resource", err)]
                continue
            self._answers[id(record)] = [_diagnostic(d, self._name, record.urn) for d in response.diagnostics]


def _diagnostic(d: Any, pack: str, default_urn: str) -> Diagnostic:
    return Diagnostic(
        policy=d.policyName, pack=d.policyPackName or pack, message=d.message, urn=d.urn or default_urn,
        enforcement_level=LEVELS.get(d.enforcementLevel, "advisory"), severity=SEVERITIES.get(d.severity),
        description=d.description,
    )


@dataclass(frozen=True)
class Analysis:
    pack: PackInfo
    config: dict[str, tuple[str, dict[str, Any]]]
    diagnostics: list[Diagnostic]


def analyze_resources(
    pack_dir: Path,
    records: Sequence[ResourceRecord],
    *,
    policy_config: Mapping[str, Any] | None = None,
    pack_name: str | None = None,
    started: PolicyPackProcess | None = None,
) -> Analysis:
    """Start the pack (or use one already spawned), configure it, analyze every resource and the stack."""
    with started or PolicyPackProcess(pack_dir, pack_name=pack_name) as pack:
        config = pack.configure(policy_config)
        diagnostics = pack.analyze(records) + pack.analyze_stack(records)
        return Analysis(pack.info(), config, diagnostics)


class AnalyzeStream:
    """Analyze each resource as the program registers it, from a sender thread, as the engine does.

    ``submit`` only queues, so the program never waits on the pack; the thread connects to the
    (already spawned) pack, configures it and keeps up to IN_FLIGHT Analyze calls in flight, so the
    pack evaluates on the other core while the program runs. ``finish`` returns what
    ``analyze_resources`` would for the same records: answers in the order of the records given
    (not of registration), then AnalyzeStack. Errors of the thread (a pack that will not start, an
    invalid policy config) surface in ``finish``, after any error of the program itself, as before.
    """

    def __init__(self, pack: PolicyPackProcess, policy_config: Mapping[str, Any] | None = None) -> None:
        self._pack = pack
        self._policy_config = policy_config
        self._queue: queue.SimpleQueue[ResourceRecord | None] = queue.SimpleQueue()
        self._window: _AnalyzeWindow | None = None
        self._config: dict[str, tuple[str, dict[str, Any]]] = {}
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._send, name="lz-analyze-stream", daemon=True)

    def start(self) -> AnalyzeStream:
        self._thread.start()
        return self

    def submit(self, record: ResourceRecord) -> None:
        self._queue.put(record)

    @property
    def analyzed(self) -> int:
        """Resources the pack has answered for so far."""
        window = self._window
        return window.answer_count if window is not None else 0

    def _send(self) -> None:
        try:
            self._pack.connect()
            self._config = self._pack.configure(self._policy_config)
            self._window = _AnalyzeWindow(self._pack)
            while (record := self._queue.get()) is not None:
                self._window.send(record)
            self._window.wait()
        except BaseException as err:  # re-raised by finish(); the program keeps running meanwhile
            self._error = err

    def stop(self) -> None:
        """No more records (the program failed): let the thread end; closing the pack unblocks it."""
        self._queue.put(None)

    def finish(self, records: Sequence[ResourceRecord]) -> Analysis:
        self._queue.put(None)
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._window is not None
        for record in records:  # anything registered without going through submit
            if not self._window.answered(record):
                self._window.send(record)
        self._window.wait()
        diagnostics = self._window.diagnostics(records) + self._pack.analyze_stack(records)
        return Analysis(self._pack.info(), self._config, diagnostics)

