"""Partnerships, their dated and sourced states, milestones and topics."""
