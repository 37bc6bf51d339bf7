"""Qt views of the diagram geometry computed in `pir_desktop.domain.diagrams`."""
