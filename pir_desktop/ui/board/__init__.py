"""The discussion board: observation cards with dots, groups and conversions."""
