"""recover: a terminal coach for service recovery."""

__version__ = "0.2.0"
