"""Cards → .apkg: reqdrill's note types, notes with stable GUIDs, the version lock and the package writer."""
