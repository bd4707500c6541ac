"""One router per resource; ``api.v1`` mounts them."""
