-- wrk script for bench/IngestBench: signed Shopify webhook deliveries with a distinct event id on every request.
-- IngestBench copies this file and fills in the three settings below (wrk gives the main Lua state no arguments,
-- and whether `delay` exists must be known when the file loads).
local bodies_file = "@BODIES@"   -- Lua file returning { {body=..., hmac=..., id=...}, ... }: N distinct payloads, each signed
local tag = "@TAG@"              -- prefix of every event id in this run (phases never share an id)
local delay_ms = @DELAY@         -- per-connection pause between requests (0: as fast as the server answers)
local shop = "@SHOP@"

-- X-Shopify-Hmac-Sha256 covers the body only, so N precomputed bodies stay valid with any event id header.
local bodies
local counter = 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

function init(args)
  bodies = dofile(bodies_file)
end

if delay_ms > 0 then
  function delay() return delay_ms end
end

function request()
  counter = counter + 1
  local b = bodies[(counter % #bodies) + 1]
  local id = tag .. "-" .. tid .. "-" .. counter
  return wrk.format("POST", "/shopify/webhook", {
    ["Content-Type"] = "application/json",
    ["X-Shopify-Hmac-Sha256"] = b.hmac,
    ["X-Shopify-Topic"] = "products/update",
    ["X-Shopify-Shop-Domain"] = shop,
    ["X-Shopify-API-Version"] = "2026-01",
    ["X-Shopify-Webhook-Id"] = id,
    ["X-Shopify-Event-Id"] = id,
    ["X-Shopify-Triggered-At"] = b.at,
  }, b.body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests":%d,"duration_us":%d,"bytes":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,' ..
    '"p50_us":%d,"p90_us":%d,"p99_us":%d,"p999_us":%d,"max_us":%d,"mean_us":%.1f}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9), latency.max, latency.mean))
end
