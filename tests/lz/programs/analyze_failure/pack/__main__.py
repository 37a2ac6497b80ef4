"""A pack whose rule cannot read one resource (it raises), as a rule meeting an unexpected shape does."""

from pulumi_policy import EnforcementLevel, PolicyPack, ResourceValidationPolicy, StackValidationPolicy


def no_public_ssh(args, report_violation):  # type: ignore[no-untyped-def]
    if args.name == "poison":
        raise ValueError("cannot read ingress of poison")
    for rule in args.props.get("ingress") or []:
        if rule.get("fromPort") == 22 and "0.0.0.0/0" in (rule.get("cidrBlocks") or []):
            report_violation("ingress from 0.0.0.0/0 reaches port 22")


def inventory(args, report_violation):  # type: ignore[no-untyped-def]
    if any(r.name == "poison" for r in args.resources):
        raise ValueError("cannot read the stack's inventory")


PolicyPack(
    name="fragile",
    enforcement_level=EnforcementLevel.MANDATORY,
    policies=[ResourceValidationPolicy(name="no_public_ssh", description="no public ssh", validate=no_public_ssh),
              StackValidationPolicy(name="inventory", description="stack inventory", validate=inventory)],
)
