"""The reference central server: `onestop central` (docs/sync.md)."""
