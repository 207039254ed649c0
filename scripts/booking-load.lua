-- wrk script for the booking API load test (scripts/bench-booking.sh).
-- Each thread takes every n-th line of the pairs file, so the two referrals that contend for one
-- slot (adjacent lines) are sent by different threads at about the same time.
-- Arguments after "--": TOKEN PAIRS_FILE THREADS.
local threads = {}
local next_id = 1

function setup(thread)
    thread:set("id", next_id)
    next_id = next_id + 1
    table.insert(threads, thread)
end

function init(args)
    token, stride = args[1], tonumber(args[3])
    lines = {}
    for line in io.lines(args[2]) do lines[#lines + 1] = line end
    index = id
    created, conflicts, other, exhausted = 0, 0, 0, 0
end

function request()
    local line = lines[index]
    if line == nil then
        exhausted = exhausted + 1
        line = lines[id]  -- ran out: repeat this thread's first pair (answers 409)
    end
    index = index + stride
    local referral, slot = line:match("(%S+) (%S+)")
    return wrk.format("POST", "/api/v1/bookings",
        { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" },
        '{"referralID":"' .. referral .. '","slotID":"' .. slot .. '","channel":"phone","shortNoticeAgreed":true}')
end

function response(status, headers, body)
    if status == 201 then created = created + 1
    elseif status == 409 then conflicts = conflicts + 1
    else
        other = other + 1
        if other <= 3 then io.stderr:write("unexpected " .. status .. ": " .. body .. "\n") end
    end
end

function done(summary, latency, requests)
    local c, k, o, e = 0, 0, 0, 0
    for _, t in ipairs(threads) do
        c, k, o, e = c + t:get("created"), k + t:get("conflicts"), o + t:get("other"), e + t:get("exhausted")
    end
    local seconds = summary.duration / 1e6
    io.write(string.format("RESULT requests=%d seconds=%.2f created=%d conflicts=%d other=%d exhausted=%d bookings_per_s=%.0f requests_per_s=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
        summary.requests, seconds, c, k, o, e, c / seconds, summary.requests / seconds,
        latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
