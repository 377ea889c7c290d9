"""Accounts: sign-up with a join code, sign-in with a rate limit, passwords, admin user management."""
