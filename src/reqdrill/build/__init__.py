"""`reqdrill build`: the plan of artifacts, producing them in parallel, the atomic commit and the manifest."""
