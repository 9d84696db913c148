"""Operations: the checks of `onestop doctor` for a ward's IT person (the backup mechanism is
onestop/hub/backup.py; the commands are in onestop/commands/)."""
