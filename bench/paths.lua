-- wrk script: every request takes the next path from the file named by PATHS (one per line), so a run
-- covers every public page in every language instead of hammering one URL. With BUST=1 each request
-- gets a unique query string, which defeats the render cache and measures rendering itself.
local paths = {}
local counter = 0
local bust = os.getenv("BUST") == "1"

init = function(args)
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
    path = path .. sep .. "bench=" .. counter .. "-" .. math.random(1, 1000000000)
  end
  return wrk.format(nil, path)
end

-- wrk's --latency table stops at 50/75/90/99: the 95th percentile (issue 13's search target) is printed here
done = function(summary, latency, requests)
  io.write(string.format("p95 %.2fms\n", latency:percentile(95) / 1000))
end
