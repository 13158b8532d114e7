-- Preview permissions (issue 8): which roles may read the content of a touchpoint's conversations
-- that are not assigned to them (queue preview). Stored as the roles REFUSED, one row each, so
-- that a touchpoint without rows — every existing one — keeps today's rule: every role previews.
-- A touchpoint on which no role may preview has one row per role.
CREATE TABLE touchpoint_preview_denial (
    id             UUID PRIMARY KEY,
    tenant_id      UUID NOT NULL REFERENCES tenant (id),
    touchpoint_id  UUID NOT NULL REFERENCES touchpoint (id) ON DELETE CASCADE,
    role           VARCHAR(20) NOT NULL,
    CONSTRAINT touchpoint_preview_denial_unique UNIQUE (touchpoint_id, role)
);

CREATE INDEX touchpoint_preview_denial_tenant_idx ON touchpoint_preview_denial (tenant_id, touchpoint_id);
