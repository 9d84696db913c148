"""Operations: `onestop doctor`, `onestop backup` and `onestop restore` for a ward's IT person."""
