"""Qt user interface: the main window, its tabs, dialogs and undo commands."""
