"""Facts reported as wrong from Slack ("Report a wrong fact"): kept with the fact's id and the
reporter, listed by `ukraine-bot facts --flagged` for whoever curates the sources.

A report holds no question text: what someone asked stays theirs. The same person reporting
the same fact twice is one report.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from knowledge.store.engine import Database, aware, utc_now
from knowledge.store.schema import FlagRow


@dataclass(frozen=True)
class Flag:
    """One report: the fact's id, who reported it (a Slack user id) in which team, and when."""

    fact_id: str
    reporter: str
    team_id: str | None
    reported_at: datetime


class FlagStore(Database):
    """The reports on facts of a database (the `Store` has them too)."""

    def flag_fact(self, fact_id: str, reporter: str, team_id: str | None = None) -> bool:
        """Records that `reporter` thinks the fact `fact_id` is wrong; False when they had
        already reported it."""
        with self._transaction() as session:
            known = session.scalar(
                select(FlagRow.id).where(FlagRow.fact_id == fact_id, FlagRow.reporter == reporter)
            )
            if known is not None:
                return False
            session.add(
                FlagRow(fact_id=fact_id, reporter=reporter, team_id=team_id, reported_at=utc_now())
            )
        return True

    def flags(self) -> list[Flag]:
        """Every report, oldest first."""
        with self._sessions() as session:
            rows = session.scalars(select(FlagRow).order_by(FlagRow.reported_at, FlagRow.id))
            return [
                Flag(row.fact_id, row.reporter, row.team_id, aware(row.reported_at)) for row in rows
            ]
