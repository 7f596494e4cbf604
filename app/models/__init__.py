"""SQLAlchemy 2 typed ORM models and Alembic migrations (exact money type)."""
