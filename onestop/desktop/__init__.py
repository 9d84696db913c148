"""PySide6 stations. They talk to a hub only over the network (HTTP + WebSocket)."""
