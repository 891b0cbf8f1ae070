// Integration tests wait on real servers (worker restarts, durable timers): give them room.
jest.setTimeout(120_000);
