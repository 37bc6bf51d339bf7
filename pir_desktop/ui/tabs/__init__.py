"""One module per tab of the review view."""
