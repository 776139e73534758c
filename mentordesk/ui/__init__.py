"""The Qt user interface. Talks to ``mentordesk.services`` only, never to the store."""
