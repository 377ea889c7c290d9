-- wrk script for the Crosscheck benchmarks: sends the requests listed in a file, spread over wrk's threads.
--
--   wrk -t2 -c16 -d10s --latency -s bench/requests.lua URL -- FILE MODE THREADS [ACKS]
--
-- FILE has one request a line: METHOD <tab> PATH <tab> COOKIE <tab> BODY (BODY may be empty; a form body is
-- sent as application/x-www-form-urlencoded). Thread n takes lines n, n+THREADS, n+2*THREADS, ... (every
-- thread takes every line of a list shorter than THREADS).
-- MODE "cycle" starts the list again at its end (reads); MODE "once" sends each line once (answers: every
-- request is a new answer) and counts requests wanted after the end in `exhausted` instead of repeating one.
-- With ACKS, each thread writes "STATUS LOCATION" for every response to ACKS<n>.txt, so the answers the
-- server acknowledged can be checked against the database afterwards.
-- done() prints one line, "BENCH key=value ...", with the figures in microseconds.

local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local function split(line)
  local fields = {}
  for field in (line .. "\t"):gmatch("([^\t]*)\t") do
    table.insert(fields, field)
  end
  return fields
end

function init(args)
  local path, threads_total, acks = args[1], tonumber(args[3]), args[4]
  mode = args[2]
  requests = {}
  exhausted = 0
  index = 0
  local lines = {}
  for line in io.lines(path) do
    if line ~= "" then
      table.insert(lines, line)
    end
  end
  for n, line in ipairs(lines) do
    -- A list shorter than the thread count (one report page) is sent by every thread.
    if (n - 1) % threads_total == id or #lines < threads_total then
      local f = split(line)
      local headers = {}
      if f[3] ~= nil and f[3] ~= "" then
        headers["Cookie"] = f[3]
      end
      local body = nil
      if f[4] ~= nil and f[4] ~= "" then
        body = f[4]
        headers["Content-Type"] = "application/x-www-form-urlencoded"
      end
      table.insert(requests, wrk.format(f[1], f[2], headers, body))
    end
  end
  spare = wrk.format("GET", "/health/bare", {}, nil)
  if acks ~= nil and acks ~= "" then
    ack_file = io.open(acks .. id .. ".txt", "w")
    ack_file:setvbuf("line")
    response = function(status, headers, body)
      ack_file:write(status, " ", headers["Location"] or "", "\n")
    end
  end
end

function request()
  index = index + 1
  if index > #requests then
    if mode == "cycle" then
      index = 1
    else
      exhausted = exhausted + 1
      return spare
    end
  end
  return requests[index]
end

function done(summary, latency, requests_stats)
  local wasted = 0
  for _, thread in ipairs(threads) do
    wasted = wasted + (thread:get("exhausted") or 0)
  end
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d p50_us=%d p95_us=%d p99_us=%d max_us=%d errors_status=%d "
      .. "errors_socket=%d exhausted=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, e.status, e.connect + e.read + e.write + e.timeout, wasted))
end
