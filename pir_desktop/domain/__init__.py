"""Pure domain: pydantic entities and rules, free of Qt, SQL and PDF code."""
