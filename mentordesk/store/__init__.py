"""The SQLite store: connection, migrations and one repository per aggregate (no Qt)."""
