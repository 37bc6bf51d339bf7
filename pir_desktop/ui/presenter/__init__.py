"""Presenter mode: the review meeting shown full-window on a shared screen."""
