"""Writers that turn reviews into files for other tools: Jira, calendars, wikis."""
