"""Static files of the hub's browser pages, read with importlib.resources (works when frozen)."""
