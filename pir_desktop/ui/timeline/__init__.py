"""Parts of the Timeline tab: event table, filters, metrics, import and chart."""
