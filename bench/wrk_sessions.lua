-- wrk script for bench/run.py: each request carries one of the logged-in sessions' cookies
-- (read from the file named by the first script argument), in turn; any answer other than
-- 200 is counted; done() prints one JSON line with the figures run.py reads.
local threads = {}
local cookies = {}
local turn = 0
bad = 0

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(args[1]) do
    if line ~= "" then table.insert(cookies, line) end
  end
end

function request()
  turn = turn + 1
  if #cookies == 0 then return wrk.format("GET") end
  return wrk.format("GET", nil, {["Cookie"] = cookies[(turn % #cookies) + 1]})
end

function response(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end

function done(summary, latency, requests)
  local not_ok = 0
  for _, t in ipairs(threads) do not_ok = not_ok + t:get("bad") end
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "p50_ms": %.1f, "p95_ms": %.1f, "max_ms": %.1f, ' ..
    '"errors": %d, "not_ok": %d}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency.max / 1000,
    e.connect + e.read + e.write + e.timeout, not_ok))
end
