"""The practice history (SQLite), progress, FSRS scheduling, adaptive focus and graded terminal drills."""
