"""The CrossGuard policy pack, as a package: ``policies`` in a checkout, ``lz_policies`` installed.

Modules import each other relatively (``from .framework import Rule``, in a rule
``from ...framework import Rule`` and ``from .._lib.net import is_anywhere``), so the same files work
under either name. The Pulumi CLI and ``lz check`` start ``__main__.py`` as a script; it loads this
directory as the package first (see there).
"""
