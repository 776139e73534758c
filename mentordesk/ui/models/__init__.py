"""MentorDesk UI: models."""
