"""Isolation domain: a GuardDuty finding on an instance moves it to its island's quarantine SG (row 15)."""
