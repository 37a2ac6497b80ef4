import sys
from pathlib import Path

# gate_corpus is a sibling module, shared with regen.py; tests/corpus is no package (programs live in it).
sys.path.insert(0, str(Path(__file__).resolve().parent))
