-- wrk script: every request takes the next path from the file named by PATHS (one per line), so a run
-- covers every public page in every language instead of hammering one URL. With BUST=1 each request
-- gets a parameter value never asked before, which defeats the render cache and measures rendering itself;
-- the run then reports how many answers did not say MISS (none should).
local paths = {}
local counter = 0
local bust = os.getenv("BUST") == "1"
local threads = {}
local notmiss = 0

setup = function(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

init = function(args)
  -- wrk seeds every thread's generator alike: without this, threads and runs would repeat each other's
  -- "unique" query strings and find them cached
  math.randomseed(os.time() * 1000 + id * 7919 + math.floor(os.clock() * 1000000))
  for line in io.lines(os.getenv("PATHS")) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  counter = math.random(1, #paths)
end

request = function()
  counter = counter + 1
  local path = paths[(counter % #paths) + 1]
  if bust then
    local sep = string.find(path, "?", 1, true) and "&" or "?"
    -- feedback: a parameter pages read, so a new value cannot find the cached page; a value other than "thanks"
    -- is rendered and never stored (PageCache.READ_VALUES), so these renders do not crowd the real pages out
    path = path .. sep .. "feedback=bench-" .. id .. "-" .. counter .. "-" .. math.random(1, 1000000000)
  end
  return wrk.format(nil, path)
end

if bust then
  response = function(status, headers, body)
    if headers["X-Nightlight-Cache"] ~= "MISS" then notmiss = notmiss + 1 end
  end
end

-- wrk's --latency table stops at 50/75/90/99: the 95th percentile (issue 13's search target) is printed here
done = function(summary, latency, requests)
  io.write(string.format("p95 %.2fms\n", latency:percentile(95) / 1000))
  if bust then
    local total = 0
    for _, thread in ipairs(threads) do total = total + (thread:get("notmiss") or 0) end
    io.write(string.format("not rendered %d\n", total))
  end
end
