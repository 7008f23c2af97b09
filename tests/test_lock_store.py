"""The Redis lock store of the scaled setup (bot/lock_store.py) against the machine's real Redis
(127.0.0.1:6379, database 1, a key prefix of its own per test): ticket numbers never reused, a late
finish_serving harmless, no write while a message waits, a bounded wait ending in LockError, and
a lifetime never shorter than the action timeout. The end-to-end order check through Rasa is in
tests/test_channel_limits.py."""
from __future__ import annotations

import asyncio
import threading
import uuid

import pytest
import redis
from rasa.core.lock_store import LockError
from rasa.utils.endpoints import EndpointConfig

from bot import settings
from bot.lock_store import AtomicRedisLockStore


@pytest.fixture
def store() -> AtomicRedisLockStore:
    prefix = f"t{uuid.uuid4().hex[:12]}"
    made = AtomicRedisLockStore(EndpointConfig(url="127.0.0.1", port=6379, db=1, key_prefix=prefix))
    yield made
    for key in made.red.scan_iter(f"{prefix}*"):
        made.red.delete(key)


def test_ticket_numbers_are_never_reused_and_a_late_finish_removes_nothing(store):
    first = store.issue_ticket("c")
    store.cleanup("c", first)
    assert store.get_lock("c") is None  # the queue emptied and its key is gone
    second = store.issue_ticket("c")
    assert second > first
    store.finish_serving("c", first)  # the late finish of the earlier turn
    assert [t.number for t in store.get_lock("c").tickets] == [second]
    store.cleanup("c", second)


def test_a_waiting_message_does_not_write_at_every_poll(store):
    """A holder keeps the lock while a second message polls (every 50 ms) for about a second: Redis
    sees the waiter's ticket added and removed, and no other write of the conversation's key."""
    key = store.key_prefix + "c"
    stop = f"stop-{uuid.uuid4()}"
    writes: list[str] = []
    monitoring = threading.Event()

    def monitor() -> None:
        with store.red.monitor() as watched:
            monitoring.set()
            for command in watched.listen():
                if stop in command["command"]:
                    return
                if key in command["command"] and command["command"].split()[0].upper() in ("SET", "DEL"):
                    writes.append(command["command"])

    watcher = threading.Thread(target=monitor, daemon=True)
    watcher.start()
    monitoring.wait(10)
    polls = []

    async def scenario() -> None:
        async with store.lock("c"):
            async def second() -> None:
                async with store.lock("c"):
                    pass
            waiter = asyncio.create_task(second())
            for _ in range(20):  # the waiter polls meanwhile
                polls.append(store.get_lock("c") is not None)
                await asyncio.sleep(0.05)
            assert len(store.get_lock("c").tickets) == 2
        await waiter

    asyncio.run(scenario())
    redis.Redis(host="127.0.0.1", port=6379, db=1).echo(stop)
    watcher.join(10)
    assert not watcher.is_alive()
    # holder's ticket (SET), waiter's ticket (SET), holder done (SET), waiter done (DEL): 4, whatever the polls
    assert len(writes) == 4, writes
    assert store.get_lock("c") is None


def test_a_message_waits_a_bounded_time_then_gives_up(store):
    stuck = store.issue_ticket("c", 3600)  # a turn that never finishes (a replica killed mid-turn)
    store.max_wait = 0.5

    async def wait() -> None:
        async with store.lock("c"):
            pass

    with pytest.raises(LockError, match="verrouillée depuis plus de"):
        asyncio.run(asyncio.wait_for(wait(), 60))  # 60 s: only a guard against a hang
    assert [t.number for t in store.get_lock("c").tickets] == [stuck]  # the waiter's ticket is gone


def test_the_lifetime_is_never_shorter_than_the_action_timeout():
    short = AtomicRedisLockStore(EndpointConfig(url="127.0.0.1", port=6379, db=1, key_prefix="tshort",
                                                lock_lifetime=2))
    assert short.lifetime == settings.ACTION_TIMEOUT + settings.LOCK_MARGIN
    assert short.max_wait > short.lifetime
    long = AtomicRedisLockStore(EndpointConfig(url="127.0.0.1", port=6379, db=1, key_prefix="tlong",
                                               lock_lifetime=settings.ACTION_TIMEOUT + 100))
    assert long.lifetime == settings.ACTION_TIMEOUT + 100
