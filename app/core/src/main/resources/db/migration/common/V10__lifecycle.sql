-- Connection and token lifecycle (issue 6): every state change of a touchpoint with its reason and
-- cause, the counters the hysteresis needs, notifications for tenant admins and their email outbox.

-- One row per move of a touchpoint's connection state (or per admin action on it, e.g. a reconnect
-- request, where from_state = to_state). reason is safe text: never a secret.
CREATE TABLE touchpoint_state_change (
    id             UUID PRIMARY KEY,
    tenant_id      UUID NOT NULL REFERENCES tenant (id),
    touchpoint_id  UUID NOT NULL REFERENCES touchpoint (id) ON DELETE CASCADE,
    from_state     VARCHAR(30) NOT NULL,
    to_state       VARCHAR(30) NOT NULL,
    changed_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    reason         VARCHAR(1000) NOT NULL,
    cause          VARCHAR(20) NOT NULL,
    actor_user_id  UUID
);

CREATE INDEX touchpoint_state_change_idx ON touchpoint_state_change (tenant_id, touchpoint_id, changed_at);

-- What the state machine remembers between sync reports: since when it has been connected, since
-- when (and how often in a row) sync has failed, and the open incident (lost or expired) that a
-- "recovered" notice will close.
CREATE TABLE touchpoint_health (
    id                    UUID PRIMARY KEY,
    tenant_id             UUID NOT NULL REFERENCES tenant (id),
    touchpoint_id         UUID NOT NULL REFERENCES touchpoint (id) ON DELETE CASCADE,
    connected_since       TIMESTAMP WITH TIME ZONE,
    failing_since         TIMESTAMP WITH TIME ZONE,
    consecutive_failures  INT NOT NULL,
    incident_id           UUID,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT touchpoint_health_unique UNIQUE (tenant_id, touchpoint_id)
);

-- Something the platform tells a tenant's admins. dedupe_key makes "one per incident / per period"
-- a database fact: a second notice with the same key is never written.
CREATE TABLE notification (
    id             UUID PRIMARY KEY,
    tenant_id      UUID NOT NULL REFERENCES tenant (id),
    touchpoint_id  UUID NOT NULL REFERENCES touchpoint (id) ON DELETE CASCADE,
    kind           VARCHAR(30) NOT NULL,
    title          VARCHAR(400) NOT NULL,
    detail         VARCHAR(2000) NOT NULL,
    dedupe_key     VARCHAR(200) NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    read_at        TIMESTAMP WITH TIME ZONE,
    CONSTRAINT notification_dedupe_unique UNIQUE (tenant_id, dedupe_key)
);

CREATE INDEX notification_list_idx ON notification (tenant_id, created_at);

-- The durable outbox of notification mail: one row per admin recipient, written in the transaction
-- that writes the notification, worked by NotificationMailer with retries (a relay outage delays,
-- never loses).
CREATE TABLE notification_email (
    id               UUID PRIMARY KEY,
    tenant_id        UUID NOT NULL REFERENCES tenant (id),
    notification_id  UUID NOT NULL REFERENCES notification (id) ON DELETE CASCADE,
    recipient        VARCHAR(254) NOT NULL,
    status           VARCHAR(20) NOT NULL,
    attempts         INT NOT NULL,
    next_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    last_error       VARCHAR(1000),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX notification_email_due_idx ON notification_email (tenant_id, status, next_attempt_at);
