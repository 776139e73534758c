"""What lives outside the database: paths, the record of known files, keys, templates."""
