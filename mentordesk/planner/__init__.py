"""Time zones and recurrence: plain Python with zoneinfo, no Qt, no SQL."""
