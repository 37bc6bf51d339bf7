"""PIR Desktop: run a security post-incident review from timeline to sign-off."""

__version__ = "0.1.0"
