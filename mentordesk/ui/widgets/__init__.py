"""MentorDesk UI: widgets."""
