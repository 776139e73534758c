"""Plain, typed domain types and rules: no Qt, no SQL."""
