"""Store-and-forward sync: the hub's outbox pusher and catalogue puller (client side) and the
reference central server (`onestop.sync.central`). The wire contract is `protocol.py`,
documented in docs/sync.md; both client sides reach central through `transport.py`."""
