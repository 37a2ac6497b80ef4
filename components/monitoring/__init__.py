"""Monitoring domain: alerts topic, CIS 4.x alarms, finding rules, the environment dashboard."""
