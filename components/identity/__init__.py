"""Identity domain: CIS password policy, job-function groups and MFA roles, support role, users."""
