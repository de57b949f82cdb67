-- One authenticated GET of PATH_Q (for the dashboards).
local token = os.getenv("TOKEN")
local path = os.getenv("PATH_Q")
request = function()
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
end
