"""The bundle's entry point: the same ``main`` as the ``mentordesk`` script."""

from mentordesk.__main__ import main

raise SystemExit(main())
