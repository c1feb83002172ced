from quizcnn.cli import main

raise SystemExit(main())
