import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
POLICIES = REPO_ROOT / "policies"

# Rules import ``framework`` and ``rules._lib`` as top-level modules, as in the pack; lz is at the root.
for path in (REPO_ROOT, POLICIES):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))
