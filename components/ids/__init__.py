"""Intrusion detection: the Snort sensor fleet, its golden image and the HTTPS edge; templates under assets/."""
