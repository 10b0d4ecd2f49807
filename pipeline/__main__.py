"""`python -m pipeline` is the `tokki` command."""

import sys

from pipeline.cli import main

sys.exit(main())
