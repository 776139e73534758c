"""MentorDesk UI: dialogs."""
