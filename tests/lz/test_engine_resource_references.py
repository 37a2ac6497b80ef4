"""A resource passed as another's input (`function=fn`) reaches the mock monitor as a resource
reference, which MockMonitor deserializes on the executor thread into a resource whose `getResource`
RPC runs on that thread's own event loop. In the program's RPC manager, the main loop's
`wait_for_rpcs` could await it while pending and the run crashed ("got Future attached to a different
loop"), at random, under load: a corpus program (chat-websocket) did once in CI. lz.mock_engine gives
each monitor call an RPC manager of its own."""

from __future__ import annotations

import asyncio
import gc
import threading
from collections.abc import Callable
from typing import Any

import pulumi
import pulumi_aws as aws
import pytest
from pulumi.runtime.rpc_manager import RPCManager

from lz.mock_engine import run_function


def program() -> None:
    role = aws.iam.Role("role", assume_role_policy="{}")
    fn = aws.lambda_.Function("fn", role=role.arn, runtime="python3.12", handler="h.handler",
                              code=pulumi.AssetArchive({"h.py": pulumi.StringAsset("def handler(e, c): pass")}))
    aws.lambda_.Permission("invoke", function=fn, action="lambda:InvokeFunction", principal="s3.amazonaws.com")
    aws.lambda_.FunctionUrl("url", function_name=fn, authorization_type="AWS_IAM")


def test_rpcs_started_on_the_monitor_thread_never_reach_the_programs_manager(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[int, bool, str]] = []
    original = RPCManager.do_rpc

    def do_rpc(self: RPCManager, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        wrapped = original(self, name, fn)

        async def recorded(*args: Any, **kwargs: Any) -> Any:
            calls.append((id(self), threading.current_thread() is threading.main_thread(), name))
            return await wrapped(*args, **kwargs)

        return recorded

    monkeypatch.setattr(RPCManager, "do_rpc", do_rpc)
    graph = run_function(program)
    permission = next(r for r in graph.resources if r.type == "aws:lambda/permission:Permission")
    assert permission.outputs["function"] == next(r.urn for r in graph.resources if r.name == "fn")
    program_managers = {manager for manager, on_main, _ in calls if on_main}
    on_monitor_thread = [(manager, name) for manager, on_main, name in calls if not on_main]
    assert any(name == "get resource" for _, name in on_monitor_thread), calls  # the path this guards
    assert not {manager for manager, _ in on_monitor_thread} & program_managers


def test_a_run_leaves_no_event_loop_for_the_garbage_collector_to_close() -> None:
    """MockMonitor makes a loop on each thread it runs on (the executor's, and that loop's executor's
    for a getResource). Collected unclosed, such a loop's __del__ once found its self-pipe already gone
    and pytest reported the ignored ValueError; lz closes them on their threads."""

    def unclosed() -> set[int]:
        gc.collect()
        return {id(o) for o in gc.get_objects() if isinstance(o, asyncio.BaseEventLoop) and not o.is_closed()}

    before = unclosed()
    run_function(program)
    assert unclosed() <= before
