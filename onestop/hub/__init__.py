"""The hub: the only owner of the centre's database, its API and its event feed."""
