"""The newsletter: double opt-in sign-up with proof of consent, editions, and their delivery."""
