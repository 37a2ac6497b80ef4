"""Policy rules, one per file under ``rules/<domain>/<rule_id>.py``; see README.md."""
