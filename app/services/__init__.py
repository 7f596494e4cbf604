"""Use cases: one transaction, one audit entry and one permission check each."""
