-- Revocable sessions (#13 item 10). Every token names the session version of its user at sign-in
-- (claim "sv"); a request whose token names an older version is refused. The version goes up on
-- sign-out, password change, role change and disabling (deleting removes the row, which ends every
-- session too), so each of these ends every session the user had, on every node: the database is
-- the truth, nodes cache a lookup for a few seconds at most (postline.security.session-check-cache).
ALTER TABLE user_account ADD COLUMN session_version BIGINT DEFAULT 0 NOT NULL;

-- The platform operator has no user row (it comes from configuration): its session version lives
-- here, one row per operator id, created at its first sign-out. Platform table: no tenant_id.
CREATE TABLE operator_session (
    operator_id      UUID PRIMARY KEY,
    session_version  BIGINT NOT NULL
);
