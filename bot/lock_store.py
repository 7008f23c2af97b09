"""Rasa's Redis lock store, made safe for several Rasa replicas (endpoints.prod.yml:
`lock_store: type: bot.lock_store.AtomicRedisLockStore`).

Rasa 3.6's `RedisLockStore` keeps a conversation's queue of tickets as one Redis value and changes
it by read, change in Python, write (new ticket, finished ticket, expired tickets). Two replicas receiving messages of one conversation at the
same moment both read the same queue and the second write drops the first one's ticket: both
messages are then handled at once, each from the same stored conversation, and the tracker store
keeps only one of them (seen in tests/test_scaled.py: 19 of 20 messages stored). Here every change
of the queue is one Redis transaction (WATCH/MULTI/EXEC, retried when another replica changed the
queue in between); everything else is Rasa's.
"""
from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import TypeVar

import redis
from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

logger = logging.getLogger(__name__)
Result = TypeVar("Result")


class AtomicRedisLockStore(RedisLockStore):
    def __init__(self, endpoint_config: EndpointConfig) -> None:
        super().__init__(host=endpoint_config.url, **endpoint_config.kwargs)

    def lock(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME, wait_time_in_seconds: float = 0.05):
        """Rasa's lock, but a waiting message looks again every 50 ms, not every second: a burst of
        20 messages of one conversation took 16 s, most of it asleep."""
        return super().lock(conversation_id, lock_lifetime, wait_time_in_seconds)

    def _change(self, conversation_id: str, change: Callable[[TicketLock], Result]) -> Result:
        """Apply `change` to the conversation's lock in one transaction; an empty lock is deleted."""
        key = self.key_prefix + conversation_id
        with self.red.pipeline() as pipe:
            while True:
                try:
                    pipe.watch(key)
                    stored = pipe.get(key)
                    lock = TicketLock.from_dict(json.loads(stored)) if stored else self.create_lock(conversation_id)
                    result = change(lock)
                    pipe.multi()
                    if lock.is_someone_waiting():
                        pipe.set(key, lock.dumps())
                    else:
                        pipe.delete(key)
                    pipe.execute()
                    return result
                except redis.WatchError:
                    continue

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        try:
            return self._change(conversation_id, lambda lock: lock.issue_ticket(lock_lifetime))
        except redis.RedisError as error:
            raise LockError(f"Error while acquiring lock for conversation '{conversation_id}': {error}") from error

    def update_lock(self, conversation_id: str) -> None:
        """Called by a waiting message every second: drops expired tickets (Rasa's version could
        write back a ticket another replica had just removed, and the queue then waited for it)."""
        self._change(conversation_id, lambda lock: lock.remove_expired_tickets())

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        self._change(conversation_id, lambda lock: lock.remove_ticket_for(ticket_number))

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        self.finish_serving(conversation_id, ticket_number)  # an emptied lock is deleted in the same transaction
