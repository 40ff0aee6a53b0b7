"""recover: a terminal coach for service recovery."""

__version__ = "0.1.0"
