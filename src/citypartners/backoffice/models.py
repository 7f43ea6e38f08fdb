"""No models of its own: the back office is the admin configuration and roles."""
