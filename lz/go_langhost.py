"""A stand-in for `pulumi-language-go`, the Go language host the real Pulumi CLI starts.

Why it exists: the real host is the Go module `github.com/pulumi/pulumi/sdk/go/pulumi-language-go/v3`,
and the Go module proxy these machines reach refuses it (403 "not available", `@v/list` included), as
it refuses the Python and Node.js hosts. The program itself is built and run by Go and Pulumi's Go
SDK (`github.com/pulumi/pulumi/sdk/v3/go/pulumi`, served), the way the Go host does it:

- Run: `go build -o <temporary binary> .` in the program directory, then the binary with the
  environment `pulumi.Run` reads (PULUMI_MONITOR, PULUMI_ENGINE, PULUMI_ORGANIZATION, PULUMI_PROJECT,
  PULUMI_ROOT_DIRECTORY, PULUMI_STACK, PULUMI_CONFIG, PULUMI_CONFIG_SECRET_KEYS, PULUMI_DRY_RUN,
  PULUMI_PARALLEL); exit code 32 means the SDK already showed the error;
- GeneratePackage: Pulumi's Go code generator (`pkg/v3/codegen/go`) via `lz-codegen`
  (scripts/build-codegen), the same BindSpec + GeneratePackage calls;
- Link: the SDK's module required and replaced by its local path in the program's go.mod
  (`go mod edit`);
- InstallDependencies: `go mod tidy`.

Simplified: GetRequiredPlugins/Packages answer none (a consumer of our component package gets the
plugin from Pulumi.yaml `packages:`, and the AWS provider is requested by the plugin's own
registrations), no prebuilt `binary` option, no RunPlugin (Go plugins), no GenerateProgram/Pack.
Started as `pulumi-language-go <engine-address>`; prints its port, then serves.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import grpc
from pulumi.runtime.proto import language_pb2

from .langhost_base import LanguageHostBase, main_for


def _program_dir(info: Any, fallback: str) -> str:
    if info is not None and (info.program_directory or info.root_directory):
        return str(info.program_directory or info.root_directory)
    return fallback


def _module_path(directory: Path) -> str:
    for line in (directory / "go.mod").read_text().splitlines():
        if line.startswith("module "):
            return line.split()[1]
    raise ValueError(f"{directory / 'go.mod'} names no module")


class GoLanguageHost(LanguageHostBase):
    codegen_language = "go"

    def GetRequiredPlugins(self, request: Any, context: Any) -> Any:
        return language_pb2.GetRequiredPluginsResponse()

    def GetRequiredPackages(self, request: Any, context: Any) -> Any:
        return language_pb2.GetRequiredPackagesResponse()

    def GetProgramDependencies(self, request: Any, context: Any) -> Any:
        directory = _program_dir(request.info if request.HasField("info") else None, os.getcwd())
        done = subprocess.run(["go", "list", "-m", "-json", "all"], capture_output=True, text=True, cwd=directory)
        deps = []
        decoder, text = json.JSONDecoder(), done.stdout.strip() if done.returncode == 0 else ""
        while text:
            module, end = decoder.raw_decode(text)
            text = text[end:].lstrip()
            if not module.get("Main"):
                deps.append(language_pb2.DependencyInfo(name=module["Path"], version=module.get("Version", "")))
        return language_pb2.GetProgramDependenciesResponse(dependencies=deps)

    def About(self, request: Any, context: Any) -> Any:
        go = shutil.which("go") or "go"
        done = subprocess.run([go, "env", "GOVERSION"], capture_output=True, text=True)
        return language_pb2.AboutResponse(executable=go, version=done.stdout.strip().removeprefix("go"),
                                          metadata={"host": "landing-zone stand-in (lz.go_langhost)"})

    def InstallDependencies(self, request: Any, context: Any) -> Iterator[Any]:
        info = request.info if request.HasField("info") else None
        directory = _program_dir(info, request.directory)
        if not (Path(directory) / "go.mod").is_file():
            return
        yield from self._install_steps([["go", "mod", "tidy"]], cwd=directory, context=context,
                                       where=f" in {directory}")

    def Run(self, request: Any, context: Any) -> Any:
        info = request.info if request.HasField("info") else None
        directory = _program_dir(info, request.pwd)
        root = info.root_directory if info is not None and info.root_directory else directory
        with tempfile.TemporaryDirectory(prefix="pulumi-go.") as scratch:
            binary = Path(scratch) / "program"
            built = subprocess.run(["go", "build", "-o", str(binary), "."], capture_output=True, text=True,
                                   cwd=directory)
            if built.returncode != 0:
                return language_pb2.RunResponse(error=f"unable to build the Go program in {directory}:\n"
                                                      f"{built.stderr.strip()}")
            env = dict(os.environ)
            env.update({
                "PULUMI_MONITOR": request.monitor_address, "PULUMI_ENGINE": self.engine_address,
                "PULUMI_ORGANIZATION": request.organization, "PULUMI_PROJECT": request.project,
                "PULUMI_ROOT_DIRECTORY": root, "PULUMI_STACK": request.stack,
                "PULUMI_CONFIG": json.dumps(dict(request.config)),
                "PULUMI_CONFIG_SECRET_KEYS": json.dumps(list(request.configSecretKeys)),
                "PULUMI_DRY_RUN": "true" if request.dryRun else "false", "PULUMI_PARALLEL": str(request.parallel),
            })
            return self._run_program([str(binary), *request.args], cwd=directory, env=env, context=context)

    def Link(self, request: Any, context: Any) -> Any:
        directory = _program_dir(request.info, os.getcwd())
        imports = []
        for dep in request.packages:
            sdk = Path(dep.path) if os.path.isabs(dep.path) else Path(directory) / dep.path
            mods = sorted(sdk.rglob("go.mod"))
            if not mods:
                context.abort(grpc.StatusCode.FAILED_PRECONDITION, f"the generated SDK in {sdk} has no go.mod")
            module_dir = mods[0].parent
            module = _module_path(module_dir)
            relative = os.path.relpath(module_dir, directory)
            replace = relative if relative.startswith(".") else f"./{relative}"
            # No `go mod tidy` here: the program may not import the SDK yet, and tidy would drop it again.
            for argv in (["go", "mod", "edit", f"-require={module}@v0.0.0", f"-replace={module}={replace}"],):
                done = subprocess.run(argv, capture_output=True, text=True, cwd=directory)
                if done.returncode != 0:
                    context.abort(grpc.StatusCode.UNKNOWN, f"{' '.join(argv)} exited with {done.returncode}:\n"
                                                           f"{done.stderr[-3000:]}")
            packages = sorted({str(p.parent.relative_to(module_dir)) for p in module_dir.rglob("*.go")
                               if p.parent != module_dir})
            imports += [f'  "{module}/{p}"' for p in packages[:1]] or [f'  "{module}"']
        return language_pb2.LinkResponse(
            import_instructions="You can import the SDK in your Go code with:\n\n  import (\n"
                                + "\n".join(f"  {i}" for i in imports) + "\n  )\n")


def main(argv: list[str] | None = None) -> None:
    main_for(GoLanguageHost, argv)


if __name__ == "__main__":
    main()
