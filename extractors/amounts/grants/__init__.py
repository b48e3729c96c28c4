"""Which money amounts are grants, and their funder, recipient, scheme and fiscal year."""
