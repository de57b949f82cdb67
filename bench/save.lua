-- Report saves at many connections, as the form's autosave does: one line of a draft report saved with the
-- version the editor holds (`PUT /reports/{id}`). TARGETS lists "report assignment version" per line; each wrk
-- thread takes its share and keeps a queue of its reports not in flight, so that no two connections save the
-- same report at once (each save is a real one, never a version conflict). Like the form's autosave, it asks for the
-- short answer (`Prefer: return=minimal`: id, version, state, updated_at), which gives the new version.
local threads = {}
function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end
function init(args)
  local n = tonumber(os.getenv("THREADS") or "2")
  token = os.getenv("TOKEN")
  free, reports, k, head, tail = {}, {}, 0, 1, 0
  local i = 0
  for line in io.lines(os.getenv("TARGETS")) do
    local report, assignment, version = line:match("(%d+) (%d+) (%d+)")
    if i % n == tid then
      reports[report] = { assignment = assignment, version = tonumber(version) }
      tail = tail + 1
      free[tail] = report
    end
    i = i + 1
  end
end
request = function()
  local id = free[head]
  free[head] = nil
  head = head + 1
  k = k + 1
  local r = reports[id]
  local body = '{"version":' .. r.version .. ',"items":[{"assignment_id":' .. r.assignment .. ',"progress_percent":' ..
      (k % 101) .. ',"work_done":"Cập nhật tiến độ"}]}'
  return wrk.format("PUT", "/api/v1/reports/" .. id,
    { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json", ["Prefer"] = "return=minimal" },
    body)
end
response = function(status, headers, body)
  if status ~= 200 then return end  -- counted by wrk as non-2xx; that report leaves the queue
  local id = body:match('^{"id":(%d+)')
  local version = body:match('"version":(%d+)')
  if id and version and reports[id] then
    reports[id].version = tonumber(version)
    tail = tail + 1
    free[tail] = id
  end
end
