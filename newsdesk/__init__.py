"""newsdesk: news articles to open data."""
