-- A progress update: one item of a draft report, saved (one durable transaction with its audit entry).
local token = os.getenv("TOKEN")
local targets = {}
for line in io.lines(os.getenv("TARGETS")) do
  local report, assignment = line:match("(%d+) (%d+)")
  targets[#targets + 1] = { report, assignment }
end
math.randomseed(7)
request = function()
  local t = targets[math.random(1, #targets)]
  local body = '{"items":[{"assignment_id":' .. t[2] .. ',"progress_percent":' .. math.random(0, 100) ..
      ',"work_done":"Cập nhật tiến độ"}]}'
  return wrk.format("PUT", "/api/v1/reports/" .. t[1],
    { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }, body)
end
