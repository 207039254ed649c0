// Test-only helpers
