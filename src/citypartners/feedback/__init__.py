"""Feedback from the public: reports of barriers on the site (BITV 2.0 feedback mechanism)."""
