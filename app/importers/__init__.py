"""Excel/CSV readers that return validated rows plus a list of errors."""
