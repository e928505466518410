"""Writing files safely: atomic writes, batch writes of many files, the collector pause."""
