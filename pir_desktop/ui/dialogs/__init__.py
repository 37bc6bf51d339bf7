"""Dialogs that edit one record each, built from the Designer files in forms/."""
