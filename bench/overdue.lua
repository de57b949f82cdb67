-- A commune's list of overdue assignments, for a random commune of the national data set.
local token = os.getenv("TOKEN")
local lo, hi = tonumber(os.getenv("UNIT_LO")), tonumber(os.getenv("UNIT_HI"))
math.randomseed(57)
request = function()
  local unit = math.random(lo, hi)
  return wrk.format("GET", "/api/v1/assignments?status=overdue&unit_id=" .. unit, { ["Authorization"] = "Bearer " .. token })
end
