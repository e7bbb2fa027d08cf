"""The conversation threads the bot answered in, and the question it last answered in each: a
reply there without a new mention ("and Kushner?") is read in that question's context.

Kept in the database, so a follow-up reaching another replica, or coming after a restart, finds
its thread; kept for `THREAD_MEMORY` (older threads are forgotten as new ones are recorded, and
never found), so the table stays small.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError

from knowledge.store.engine import Database, aware, utc_now
from knowledge.store.schema import ThreadRow

THREAD_MEMORY = timedelta(days=7)
MAX_THREAD_QUESTION_CHARS = 500  # what an answer reads of a question (MAX_QUESTION_CHARS)


class ThreadStore(Database):
    """The threads the bot answered in (the `Store` has them too)."""

    def remember_thread(
        self, channel: str, thread_ts: str, question: str, team_id: str | None = None
    ) -> None:
        """Records that the bot answered `question` in `channel`'s thread `thread_ts` (the
        latest question answered there replaces the one before); forgets expired threads."""
        now = utc_now()
        question = question[:MAX_THREAD_QUESTION_CHARS]
        try:
            with self._transaction() as session:
                expired = ThreadRow.answered_at < now - THREAD_MEMORY
                session.execute(delete(ThreadRow).where(expired))
                row = session.get(ThreadRow, (channel, thread_ts))
                if row is None:
                    session.add(
                        ThreadRow(
                            channel=channel,
                            thread_ts=thread_ts,
                            question=question,
                            team_id=team_id,
                            answered_at=now,
                        )
                    )
                else:
                    row.question, row.answered_at = question, now
                    row.team_id = team_id or row.team_id
        except IntegrityError:  # another replica recorded the same thread at the same moment
            pass

    def thread_question(self, channel: str, thread_ts: str) -> str | None:
        """The question the bot last answered in that thread, unless it is older than
        `THREAD_MEMORY` or the bot never answered there."""
        with self._sessions() as session:
            row = session.get(ThreadRow, (channel, thread_ts))
            if row is None or aware(row.answered_at) < utc_now() - THREAD_MEMORY:
                return None
            return row.question

    def forget_threads(self, before: datetime) -> int:
        """Forgets the threads last answered in before `before`; returns how many."""
        with self._transaction() as session:
            result = session.execute(delete(ThreadRow).where(ThreadRow.answered_at < before))
            return int(getattr(result, "rowcount", 0) or 0)
