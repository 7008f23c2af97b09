"""Rasa's Redis lock store, made safe for several Rasa replicas (endpoints.prod.yml:
`lock_store: type: bot.lock_store.AtomicRedisLockStore`).

Rasa 3.6's `RedisLockStore` keeps a conversation's queue of tickets as one Redis value and changes
it by read, change in Python, write (new ticket, finished ticket, expired tickets). Two replicas receiving messages of one conversation at the
same moment both read the same queue and the second write drops the first one's ticket: both
messages are then handled at once, each from the same stored conversation, and the tracker store
keeps only one of them (seen in tests/test_scaled.py: 19 of 20 messages stored). Here every change
of the queue is one Redis transaction (WATCH/MULTI/EXEC, retried a bounded number of times when
another replica changed the queue in between). Also, unlike Rasa's:

* Lifetime. A ticket lives TICKET_LOCK_LIFETIME seconds (bot/settings.py), never less than the
  action timeout (ACTION_TIMEOUT) + 10 s: Rasa's 60 s default was shorter than its 300 s action
  timeout, so a slow turn's ticket expired and the next message of the conversation ran beside it.
* Ticket numbers come from one Redis counter (`<prefix>:tickets`, INCR) and are never reused, even
  after a conversation's queue empties (Rasa restarted at 0): a late `finish_serving(n)` of a turn
  whose ticket had expired cannot remove another message's ticket.
* A waiting message reads the queue every 50 ms and writes only when an expired ticket is in front
  of it (Rasa wrote the queue back at every poll).
* A waiting message gives up after one lifetime + 10 s with a LockError: bot.channels.guard then
  sends the French apology instead of leaving the candidate without an answer.
"""
from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Callable
from contextlib import asynccontextmanager
from typing import AsyncGenerator, Optional, TypeVar

import redis
from rasa.core.lock import Ticket, TicketLock
from rasa.core.lock_store import LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

from . import settings

logger = logging.getLogger(__name__)
Result = TypeVar("Result")
POLL_SECONDS = 0.05
MAX_TRANSACTION_RETRIES = 100  # another replica changed the queue each time: Redis is overloaded


class AtomicRedisLockStore(RedisLockStore):
    def __init__(self, endpoint_config: EndpointConfig) -> None:
        kwargs = dict(endpoint_config.kwargs)
        configured = kwargs.pop("lock_lifetime", None)
        super().__init__(host=endpoint_config.url, **kwargs)
        configured = settings.TICKET_LOCK_LIFETIME if configured is None else float(configured)
        self.lifetime = settings.ticket_lock_lifetime(configured)
        self.max_wait = self.lifetime + settings.LOCK_MARGIN
        self.counter_key = self.key_prefix.rstrip(":") + "-tickets"  # "offres:lock-tickets": no conversation's key
        if self.lifetime > configured:
            logger.warning(f"TICKET_LOCK_LIFETIME={configured:g} s est plus court que ACTION_TIMEOUT="
                           f"{settings.ACTION_TIMEOUT} s + {settings.LOCK_MARGIN} s : "
                           f"durée de vie des tickets portée à {self.lifetime:g} s")

    @asynccontextmanager
    async def lock(self, conversation_id: str, lock_lifetime: Optional[float] = None,
                   wait_time_in_seconds: float = POLL_SECONDS) -> AsyncGenerator[TicketLock, None]:
        """Rasa's `lock`, with this store's lifetime (Rasa passes its own default, or nothing)."""
        ticket = self.issue_ticket(conversation_id, self.lifetime)
        try:
            yield await self._acquire_lock(conversation_id, ticket, wait_time_in_seconds)
        finally:
            self.cleanup(conversation_id, ticket)

    async def _acquire_lock(self, conversation_id: str, ticket: int, wait_time_in_seconds: float) -> TicketLock:
        deadline = time.monotonic() + self.max_wait
        while True:
            stored = self.get_lock(conversation_id)
            if stored is not None and any(t.has_expired() for t in stored.tickets):
                self.update_lock(conversation_id)  # the only write of a waiting message
            lock = stored
            if lock is not None:
                lock.remove_expired_tickets()
            if lock is None or not any(t.number == ticket for t in lock.tickets):
                raise LockError(f"ticket {ticket} de la conversation '{conversation_id}' expiré avant son tour")
            if not lock.is_locked(ticket):
                return lock
            if time.monotonic() > deadline:
                raise LockError(f"conversation '{conversation_id}' verrouillée depuis plus de {self.max_wait:g} s")
            await asyncio.sleep(wait_time_in_seconds)

    def _change(self, conversation_id: str, change: Callable[[TicketLock], Result]) -> Result:
        """Apply `change` to the conversation's lock in one transaction; an empty lock is deleted,
        an unchanged one not written."""
        key = self.key_prefix + conversation_id
        with self.red.pipeline() as pipe:
            for _ in range(MAX_TRANSACTION_RETRIES):
                try:
                    pipe.watch(key)
                    stored = pipe.get(key)
                    lock = TicketLock.from_dict(json.loads(stored)) if stored else self.create_lock(conversation_id)
                    result = change(lock)
                    new = lock.dumps() if lock.is_someone_waiting() else None
                    if (new.encode() if new else None) == stored:
                        pipe.unwatch()
                        return result
                    pipe.multi()
                    if new:
                        pipe.set(key, new)
                    else:
                        pipe.delete(key)
                    pipe.execute()
                    return result
                except redis.WatchError:
                    continue
        raise LockError(f"file d'attente de la conversation '{conversation_id}' modifiée sans cesse : abandon")

    def issue_ticket(self, conversation_id: str, lock_lifetime: Optional[float] = None) -> int:
        lifetime = self.lifetime if lock_lifetime is None else lock_lifetime
        try:
            number = int(self.red.incr(self.counter_key))

            def add(lock: TicketLock) -> int:
                lock.remove_expired_tickets()
                lock.tickets.append(Ticket(number, time.time() + lifetime))
                return number

            return self._change(conversation_id, add)
        except redis.RedisError as error:
            raise LockError(f"Error while acquiring lock for conversation '{conversation_id}': {error}") from error

    def update_lock(self, conversation_id: str) -> None:
        """Drops expired tickets (Rasa's version could write back a ticket another replica had just
        removed, and the queue then waited for it)."""
        self._change(conversation_id, lambda lock: lock.remove_expired_tickets())

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        self._change(conversation_id, lambda lock: lock.remove_ticket_for(ticket_number))

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        self.finish_serving(conversation_id, ticket_number)  # an emptied lock is deleted in the same transaction
