-- wrk: every request carries the bearer token from $TOKEN (set by queue-bench.sh).
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
