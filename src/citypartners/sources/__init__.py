"""Sources and claims: every document the registry learned from and each fact it states."""
