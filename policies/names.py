"""The pack names this directory serves (``$LZ_POLICY_PACK``; packs.py builds each), standard library only.

lz reads this file from the pack directory it runs, as it reads wire.py, so ``lz check --pack-name``
refuses an unknown name before the program runs; a test keeps it equal to ``packs.PACKS``.
"""

DEFAULT_PACK = "aws-landing-zone"
PACK_NAMES = (DEFAULT_PACK, "aws-workloads", "aws-landing-zone-advisory", "aws-organization",
              "aws-organization-member")
