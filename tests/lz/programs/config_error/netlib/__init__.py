"""Same package name as the basic program's: proves the engine purges program modules."""

import pulumi


class InvalidStackConfig(pulumi.RunError):
    def __init__(self, errors: list[str]) -> None:
        super().__init__(f"{len(errors)} configuration errors")
        self.errors = errors


MARKER = "config_error"
