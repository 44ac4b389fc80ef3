"""cooptrack."""
