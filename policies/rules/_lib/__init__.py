"""Shared helpers for rule authors: network coverage, policy documents, rule families."""
