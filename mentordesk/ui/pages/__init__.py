"""MentorDesk UI: pages."""
