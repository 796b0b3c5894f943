"""Small helpers every layer may use: atomic file writes, pydantic error lines, the clock."""
