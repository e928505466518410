"""What is studied: the card list, seeded drill sheets and their exercises, the framework diagram."""
