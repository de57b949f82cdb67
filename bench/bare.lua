-- The bare reference's list: the 50 rows of a random one of its 2,000 units.
math.randomseed(57)
request = function()
  return wrk.format("GET", "/rows?unit=" .. math.random(1, 2000))
end
