"""PDF reports: plain data in, PDF out. No Qt."""
