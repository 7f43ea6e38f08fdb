"""Who edits what: editors' homes (memberships), invitations of new homes, their submissions."""
