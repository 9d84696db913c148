"""Domain of the ward queue: plain Python, clock passed in."""
