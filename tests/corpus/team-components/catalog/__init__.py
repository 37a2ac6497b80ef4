from catalog.bucket import ServiceBucket
from catalog.queue import QueueWithDeadLetter

__all__ = ["QueueWithDeadLetter", "ServiceBucket"]
