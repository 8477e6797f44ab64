"""duban.cache.RedisCache against the machine's Redis (skipped when none answers)."""

import socket
import threading
import uuid

import pytest

from duban.cache import RedisCache

REDIS_URL = "redis://127.0.0.1:6379/13"


@pytest.fixture
def redis_cache():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        pytest.skip("no Redis on 127.0.0.1:6379 (production and `make bench --redis` use one)")
    cache = RedisCache(REDIS_URL, {"KEY_PREFIX": f"test-{uuid.uuid4().hex}"})
    yield cache
    cache.clear()


def test_set_get_add_delete_and_one_client_per_pool(redis_cache):
    redis_cache.set("page", ("text/html", "<p>进展</p>"), 30)
    assert redis_cache.get("page") == ("text/html", "<p>进展</p>")
    assert redis_cache.add("lock", 1, 30) is True and redis_cache.add("lock", 1, 30) is False
    redis_cache.delete("lock")
    assert redis_cache.get("lock") is None
    client = redis_cache._cache
    assert client.get_client() is client.get_client()


def test_threads_share_the_client_safely(redis_cache):
    errors = []

    def work(n):
        try:
            for i in range(50):
                redis_cache.set(f"k{n}-{i}", i, 30)
                assert redis_cache.get(f"k{n}-{i}") == i
        except Exception as exc:  # reported below: a failing thread must fail the test
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
