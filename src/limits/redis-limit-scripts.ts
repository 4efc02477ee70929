import { createHash } from 'node:crypto';

/**
 * Lua scripts for the Redis counter store, one per operation; Redis runs a script atomically, so
 * replicas racing on one counter see each other's reservations. Layout per counter:
 *   hash  {prefix}limits:{subject}:{metric}:{window id}   used, reserved, r:<reservation id> = amount
 *   zset  ...same key...:inflight                          reservation id scored by its expiry (ms)
 * A reservation whose replica died before settling expires out of `reserved` (purged on the next
 * reserve or usage read), so a crash cannot hold a long window's budget forever.
 * Amounts travel as the strings the client sent or Redis stored: Lua 5.1 prints large numbers in
 * exponent form, which HINCRBY would refuse.
 */
export interface LuaScript {
  source: string;
  sha: string;
}

const helpers = `
local function purgeExpired(hashKey, inflightKey, now)
  local expired = redis.call('ZRANGEBYSCORE', inflightKey, '-inf', now)
  if #expired == 0 then return end
  for _, expiredId in ipairs(expired) do
    local field = 'r:' .. expiredId
    local amount = redis.call('HGET', hashKey, field)
    if amount then
      redis.call('HINCRBY', hashKey, 'reserved', '-' .. amount)
      redis.call('HDEL', hashKey, field)
    end
  end
  redis.call('ZREMRANGEBYSCORE', inflightKey, '-inf', now)
end

local function dropReservation(hashKey, inflightKey, reservationId)
  local field = 'r:' .. reservationId
  local amount = redis.call('HGET', hashKey, field)
  if amount then
    redis.call('HINCRBY', hashKey, 'reserved', '-' .. amount)
    redis.call('HDEL', hashKey, field)
    redis.call('ZREM', inflightKey, reservationId)
  end
end

local function expireAt(hashKey, inflightKey, at)
  if at ~= '0' then
    redis.call('PEXPIREAT', hashKey, at)
    redis.call('PEXPIREAT', inflightKey, at)
  end
end
`;

/**
 * KEYS: hash, inflight per counter. ARGV: now, reservation id, reservation expiry, then per counter
 * amount, mode ('requests' | 'usage' | 'none'), block_at, key expiry ('0': never).
 * Returns the 1-based indexes of refusing counters; empty when the reservation was made.
 * The refusal rule is slotRefuses in counter-slots.ts.
 */
const reserveSource = `${helpers}
local now = ARGV[1]
local reservationId = ARGV[2]
local reservationExpiresAt = ARGV[3]
local counterCount = #KEYS / 2
local refused = {}
for index = 1, counterCount do
  local hashKey, inflightKey = KEYS[2 * index - 1], KEYS[2 * index]
  purgeExpired(hashKey, inflightKey, now)
  local base = 3 + (index - 1) * 4
  local mode = ARGV[base + 2]
  if mode ~= 'none' then
    local counter = redis.call('HMGET', hashKey, 'used', 'reserved')
    local usedSoFar = tonumber(counter[1] or '0') + tonumber(counter[2] or '0')
    local blockAt = tonumber(ARGV[base + 3])
    if mode == 'requests' then
      if usedSoFar + tonumber(ARGV[base + 1]) > blockAt then refused[#refused + 1] = index end
    elseif usedSoFar >= blockAt then
      refused[#refused + 1] = index
    end
  end
end
if #refused > 0 then return refused end
for index = 1, counterCount do
  local hashKey, inflightKey = KEYS[2 * index - 1], KEYS[2 * index]
  local base = 3 + (index - 1) * 4
  local amount = ARGV[base + 1]
  if amount ~= '0' then
    redis.call('HINCRBY', hashKey, 'reserved', amount)
    redis.call('HSET', hashKey, 'r:' .. reservationId, amount)
    redis.call('ZADD', inflightKey, reservationExpiresAt, reservationId)
  end
  expireAt(hashKey, inflightKey, ARGV[base + 4])
end
return refused
`;

/**
 * KEYS as for reserve. ARGV: reservation id, then per counter the actual amount and key expiry.
 * Returns each counter's `used` after the settlement; the caller subtracts its own amount to
 * get `used` before, which is exact because HINCRBY is atomic.
 */
const settleSource = `${helpers}
local reservationId = ARGV[1]
local usedAfter = {}
for index = 1, #KEYS / 2 do
  local hashKey, inflightKey = KEYS[2 * index - 1], KEYS[2 * index]
  local base = 1 + (index - 1) * 2
  dropReservation(hashKey, inflightKey, reservationId)
  local actual = ARGV[base + 1]
  if actual ~= '0' then
    usedAfter[index] = redis.call('HINCRBY', hashKey, 'used', actual)
    expireAt(hashKey, inflightKey, ARGV[base + 2])
  else
    usedAfter[index] = tonumber(redis.call('HGET', hashKey, 'used') or '0')
  end
end
return usedAfter
`;

/** KEYS as for reserve. ARGV: reservation id. Dropping a reservation twice changes nothing. */
const releaseSource = `${helpers}
for index = 1, #KEYS / 2 do
  dropReservation(KEYS[2 * index - 1], KEYS[2 * index], ARGV[1])
end
return 0
`;

/** KEYS as for reserve. ARGV: now. Returns used, reserved for each counter, flattened. */
const usageSource = `${helpers}
local readings = {}
for index = 1, #KEYS / 2 do
  local hashKey, inflightKey = KEYS[2 * index - 1], KEYS[2 * index]
  purgeExpired(hashKey, inflightKey, ARGV[1])
  local counter = redis.call('HMGET', hashKey, 'used', 'reserved')
  readings[2 * index - 1] = tonumber(counter[1] or '0')
  readings[2 * index] = tonumber(counter[2] or '0')
end
return readings
`;

function script(source: string): LuaScript {
  return { source, sha: createHash('sha1').update(source).digest('hex') };
}

export const limitScripts = {
  reserve: script(reserveSource),
  settle: script(settleSource),
  release: script(releaseSource),
  usage: script(usageSource),
};
