"""The violation text format (policies/wire.py): what the pack's adapter writes, the gate reads back.

One module defines it; the adapter imports it, the gate loads it from the directory of the pack it
runs. Round trip: whatever the adapter composes, behind the description line the SDK adds, parses
back to the same message, property path and remediation.
"""

from pathlib import Path

from hypothesis import assume, given
from hypothesis import strategies as st

from lz.analyzer import Diagnostic
from lz.gate import DEFAULT_PACK_DIR, _clean_message, pack_wire
from policies import adapter, wire
from policies.framework import Violation
from policies.registry import discover

text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60)
one_line = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r"), min_size=1,
                   max_size=40)


@given(message=text, prop=st.none() | one_line, remediation=st.text(max_size=80), description=one_line)
def test_what_the_pack_composes_parses_back(message: str, prop: str | None, remediation: str,
                                            description: str) -> None:
    # The format's one limit: a message holds no "Remediation: " line; ours are single sentences.
    assume(message == message.strip() and wire.REMEDIATION not in message and "\n" not in message[-1:])
    assume(prop is None or "[property: " not in message)
    assume(prop is not None or wire.parse(f"{message}{wire.REMEDIATION}").property is None)
    sent = f"{description}\n{wire.compose(message, prop, remediation)}"  # as pulumi_policy reports it
    assert wire.parse(sent, description) == wire.ViolationText(message, prop, remediation)


def test_the_adapter_writes_and_the_gate_reads_the_same_module() -> None:
    assert pack_wire(DEFAULT_PACK_DIR.resolve()) is not None
    assert Path(pack_wire(DEFAULT_PACK_DIR.resolve()).__file__).resolve() == Path(wire.__file__).resolve()
    rule = discover()["sg_no_public_ssh"]
    violation = Violation("port 22 is open to 0.0.0.0/0", "ingress[0].cidrBlocks[0]")
    sent = f"{rule.title}\n{adapter.render(rule, violation)}"
    diagnostic = Diagnostic(policy=rule.id, pack="p", message=sent, urn="", enforcement_level="mandatory",
                            severity="high", description=rule.title)
    assert _clean_message(diagnostic, pack_wire(DEFAULT_PACK_DIR.resolve())) == (
        "port 22 is open to 0.0.0.0/0", "ingress[0].cidrBlocks[0]")


def test_a_pack_without_our_format_keeps_its_message_whole(tmp_path: Path) -> None:
    assert pack_wire(tmp_path) is None
    diagnostic = Diagnostic(policy="theirs", pack="p", message="Their rule\nbad thing [property: x]", urn="",
                            enforcement_level="advisory", severity="low", description="Their rule")
    assert _clean_message(diagnostic, None) == ("bad thing [property: x]", None)
