"""Home: the landing page for visitors and the starting page for signed-in users."""
