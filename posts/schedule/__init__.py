"""Times as people write them (parse_when, show_time) and posting slots: no store, no config."""
