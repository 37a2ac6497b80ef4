"""Suite-wide: the order in which `./run tests` hands files to its workers.

`./run tests` distributes whole files (`--dist loadfile`): a file's module fixtures (a deployed dev
and prod, an organization, a built wheel, a generated SDK) are then built once, on one worker, instead
of once on each worker whose share of the file's tests needs them. Files go out in collection order
(`--no-loadscope-reorder`), and this hook puts the longest first, so that the two workers finish
together instead of one waiting on a long file handed out last (longest-processing-time first).
The list is by measured duration (`./run tests --durations=0`, summed per file); files not in it keep
their order after these.
"""

from __future__ import annotations

import pytest

# The offline engine first, before any test module imports pulumi_aws: it installs the loader that
# gives pulumi_aws postponed annotations (lz/import_cache.py), as in every lz process.
import lz.mock_engine  # noqa: F401

LONGEST_FIRST = (
    "tests/realengine/test_real_cli.py",
    "tests/realengine/test_real_organization.py",
    "tests/test_distribution.py",
    "tests/realengine/test_component_package.py",
    "tests/realengine/test_component_package_typescript.py",
    "tests/lz/test_report_outputs.py",
    "tests/corpus/test_corpus.py",
    "tests/realengine/test_component_package_components.py",
    "tests/lz/test_lz_signals.py",
    "tests/realengine/test_component_package_go.py",
    "tests/realengine/test_component_package_yaml.py",
    "tests/standin/test_real_engine.py",
    "tests/lz/test_organization_packs.py",
    "tests/lz/test_report_reading.py",
    "tests/lz/test_cross_stack_environments.py",
)
_RANK = {path: rank for rank, path in enumerate(LONGEST_FIRST)}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # A stable sort: inside a file, and among the files not listed, collection order stays.
    items.sort(key=lambda item: _RANK.get(item.nodeid.split("::", 1)[0], len(_RANK)))
