package dev.postline.core.touchpoint;

import dev.postline.core.common.EmailAddress;
import dev.postline.core.connector.ConnectorRegistry;
import dev.postline.core.connector.MailboxAddressSetting;
import dev.postline.core.conversation.ConversationRepository;
import dev.postline.core.db.TenantTransactions;
import dev.postline.core.ingest.InboundPolicy;
import dev.postline.core.lifecycle.PasswordExpiryPolicy;
import dev.postline.core.ringgroup.RingGroupRepository;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.vault.SecretStore;
import dev.postline.core.web.ApiException;
import dev.postline.core.web.InputCheck;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Touchpoints: identity, direction, routing links, settings, credential, and what their
 * conversations carry for other systems (data-source key/values, report service name).
 */
@Singleton
public class TouchpointService {

    /** The vault field that holds a touchpoint's password. */
    public static final String PASSWORD_FIELD = "password";

    /**
     * A new touchpoint. {@code dataSource}: the key/values stamped on every conversation it starts, in
     * order (see {@link DataSource} for the limits); {@code reportServiceName}: what reports count its
     * conversations under (absent or blank: the display name).
     */
    @Serdeable
    public record NewTouchpoint(String address, String displayName, String connector, Direction direction,
                                @Nullable Boolean enabled, @Nullable List<UUID> ringGroupIds,
                                @Nullable Map<String, String> settings, @Nullable List<DataSourcePair> dataSource,
                                @Nullable String reportServiceName) {

        @Creator
        public NewTouchpoint {
        }

        /** Without data-source key/values or report service name. */
        public NewTouchpoint(String address, String displayName, String connector, Direction direction, @Nullable Boolean enabled,
                             @Nullable List<UUID> ringGroupIds, @Nullable Map<String, String> settings) {
            this(address, displayName, connector, direction, enabled, ringGroupIds, settings, null, null);
        }
    }

    /**
     * Changes to a touchpoint; an absent (null) field stays as it is. {@code dataSource} replaces the
     * whole list ({@code []} removes every pair); {@code reportServiceName} "" goes back to the display name.
     * Conversations created before the change keep the values they were created with.
     */
    @Serdeable
    public record TouchpointChanges(@Nullable String displayName, @Nullable Direction direction, @Nullable Boolean enabled,
                                    @Nullable List<UUID> ringGroupIds, @Nullable Map<String, String> settings,
                                    @Nullable List<DataSourcePair> dataSource, @Nullable String reportServiceName) {

        @Creator
        public TouchpointChanges {
        }

        /** Leaves the data-source key/values and the report service name as they are. */
        public TouchpointChanges(@Nullable String displayName, @Nullable Direction direction, @Nullable Boolean enabled,
                                 @Nullable List<UUID> ringGroupIds, @Nullable Map<String, String> settings) {
            this(displayName, direction, enabled, ringGroupIds, settings, null, null);
        }
    }

    @Serdeable
    public record CredentialUpdate(String password) {
        @Override
        public String toString() {
            return "CredentialUpdate[password=<redacted>]";
        }
    }

    /** A touchpoint with its links and what is known of its credential (never the credential). */
    public record TouchpointDetails(Touchpoint touchpoint, List<UUID> ringGroupIds, Map<String, String> settings,
                                    Optional<Instant> passwordSetAt) {}

    private final TouchpointRepository touchpoints;
    private final TouchpointRingGroupRepository links;
    private final RingGroupRepository groups;
    private final TouchpointSettingsCodec settingsCodec;
    private final SecretStore secrets;
    private final ConnectorRegistry connectors;
    private final ConversationRepository conversations;
    private final ConnectionStates states;
    private final MailboxAddressSetting mailboxSetting;
    private final TenantTransactions tx;
    private final ApplicationEventPublisher<TouchpointDeleting> deleting;
    private final SameMailbox sameMailbox;
    private final ChangedLogin changedLogin;
    private final Clock clock;

    public TouchpointService(TouchpointRepository touchpoints, TouchpointRingGroupRepository links, RingGroupRepository groups,
                             TouchpointSettingsCodec settingsCodec, SecretStore secrets, ConnectorRegistry connectors,
                             ConversationRepository conversations, ConnectionStates states, MailboxAddressSetting mailboxSetting,
                             TenantTransactions tx, ApplicationEventPublisher<TouchpointDeleting> deleting, SameMailbox sameMailbox,
                             ChangedLogin changedLogin, Clock clock) {
        this.touchpoints = touchpoints;
        this.links = links;
        this.groups = groups;
        this.settingsCodec = settingsCodec;
        this.secrets = secrets;
        this.connectors = connectors;
        this.conversations = conversations;
        this.states = states;
        this.mailboxSetting = mailboxSetting;
        this.tx = tx;
        this.deleting = deleting;
        this.sameMailbox = sameMailbox;
        this.changedLogin = changedLogin;
        this.clock = clock;
    }

    public List<TouchpointDetails> list(TenantId tenant) {
        return tx.read(tenant, () -> touchpoints.findByTenantIdOrderByNameKey(tenant.value()).stream()
                .map(t -> details(tenant, t)).toList());
    }

    public TouchpointDetails get(TenantId tenant, UUID id) {
        return tx.read(tenant, () -> details(tenant, find(tenant, id)));
    }

    public TouchpointDetails create(TenantId tenant, NewTouchpoint request) {
        InputCheck in = InputCheck.start();
        EmailAddress address = in.email("address", request.address());
        String name = in.text("displayName", request.displayName(), 200);
        ConnectorKind kind = connectorKind(in, request.connector());
        Direction direction = in.require("direction", request.direction());
        Map<String, String> given = settingsCodec.check(in, request.settings() == null ? Map.of() : request.settings());
        Map<String, String> settings = kind != null && address != null ? mailboxSetting.apply(in, kind, address.value(), given) : given;
        Set<UUID> groupIds = distinct(in, request.ringGroupIds());
        DataSource dataSource = DataSource.check(in, "dataSource", request.dataSource());
        String reportServiceName = ReportServiceName.check(in, "reportServiceName", request.reportServiceName());
        if (kind != null && in.ok()) {
            checkWithConnector(in, kind, settings, direction, null);
        }
        in.orThrow();
        boolean enabled = request.enabled() == null || request.enabled();
        Instant now = clock.instant();
        return tx.write(tenant, () -> {
            requireUniqueName(tenant, name, null);
            sameMailbox.refuseDuplicate(tenant, kind, settings, null);
            Touchpoint created = touchpoints.save(new Touchpoint(UUID.randomUUID(), tenant.value(), address.value(), name,
                    key(name), kind, direction, enabled, settingsCodec.write(settings),
                    enabled ? ConnectionState.PENDING : ConnectionState.DISABLED, now, now,
                    dataSource == null ? DataSource.EMPTY : dataSource, reportServiceName));
            replaceLinks(tenant, created.id(), groupIds);
            return details(tenant, created);
        });
    }

    /**
     * Refuses (409, field {@code mailbox}) settings that read a mailbox another touchpoint of the tenant
     * already reads; lets a form say so before the last step. Settings are completed as on create.
     */
    public void refuseSameMailbox(TenantId tenant, String connector, String address, Map<String, String> settings) {
        ConnectorKind kind = ConnectorKind.fromWire(connector);
        Map<String, String> filled = mailboxSetting.forSession(kind, address, settings);
        tx.read(tenant, () -> {
            sameMailbox.refuseDuplicate(tenant, kind, filled, null);
            return null;
        });
    }

    public TouchpointDetails update(TenantId tenant, UUID id, TouchpointChanges changes) {
        return update(tenant, id, changes, null);
    }

    /** @param actor the admin making the change, recorded in the touchpoint's history */
    public TouchpointDetails update(TenantId tenant, UUID id, TouchpointChanges changes, @Nullable UUID actor) {
        return update(tenant, id, changes, null, actor);
    }

    /**
     * Changes a touchpoint and, when {@code newPassword} is given, its password, together. A new
     * password, or a change of server, port, security, user or folder of a touchpoint that has a
     * credential, is first tried with the provider (as re-authentication does): a login that fails is
     * refused with its cause and nothing is saved, so a wrong password never shows as Connected.
     *
     * @param actor the admin making the change, recorded in the touchpoint's history
     */
    public TouchpointDetails update(TenantId tenant, UUID id, TouchpointChanges changes, @Nullable String newPassword,
                                    @Nullable UUID actor) {
        InputCheck in = InputCheck.start();
        if (newPassword != null) {
            checkPassword(in, newPassword);
        }
        String name = in.optionalText("displayName", changes.displayName(), 200);
        in.check(changes.displayName() == null || !changes.displayName().isBlank(), "displayName", "must not be blank");
        Map<String, String> settings = changes.settings() == null ? null : settingsCodec.check(in, changes.settings());
        Set<UUID> groupIds = changes.ringGroupIds() == null ? null : distinct(in, changes.ringGroupIds());
        DataSource dataSource = DataSource.check(in, "dataSource", changes.dataSource());
        String reportServiceName = ReportServiceName.check(in, "reportServiceName", changes.reportServiceName());
        in.orThrow();
        Touchpoint before = tx.read(tenant, () -> find(tenant, id));
        Map<String, String> checked = settings == null ? null : checkedSettings(before, settings,
                changes.direction() != null ? changes.direction() : before.direction());
        if (checked == null && changes.direction() != null) {
            checkedSettings(before, settingsCodec.read(before.settings()), changes.direction()); // sending needs an outgoing server
        }
        changedLogin.refuseIfRejected(before, checked, newPassword);
        return tx.write(tenant, () -> {
            Touchpoint current = find(tenant, id);
            Map<String, String> newSettings = checked;
            if (newSettings != null) {
                sameMailbox.refuseDuplicate(tenant, current.connectorKind(), newSettings, id);
            }
            String newName = name != null ? name : current.displayName();
            requireUniqueName(tenant, newName, id);
            boolean enabled = changes.enabled() != null ? changes.enabled() : current.enabled();
            Touchpoint updated = touchpoints.update(new Touchpoint(current.id(), current.tenantId(), current.address(), newName,
                    key(newName), current.connectorKind(),
                    changes.direction() != null ? changes.direction() : current.direction(), enabled,
                    newSettings != null ? settingsCodec.write(newSettings) : current.settings(), current.connectionState(),
                    current.createdAt(), clock.instant(), dataSource != null ? dataSource : current.dataSource(),
                    changes.reportServiceName() != null ? reportServiceName : current.reportServiceName()));
            if (!enabled) {
                updated = states.adminMove(tenant, updated, ConnectionState.DISABLED, actor, "deactivated by an admin");
            } else if (current.connectionState() == ConnectionState.DISABLED) {
                updated = states.adminMove(tenant, updated, ConnectionState.PENDING, actor, "activated by an admin");
            }
            if (groupIds != null) {
                replaceLinks(tenant, id, groupIds);
            }
            if (newPassword != null) {
                updated = storePassword(tenant, updated, newPassword, actor);
            }
            return details(tenant, updated);
        });
    }

    /** Refused while conversations belong to the touchpoint: deactivating keeps their history reachable. */
    public void delete(TenantId tenant, UUID id) {
        tx.read(tenant, () -> requireDeletable(tenant, id));
        // Outside the transaction (listeners may call the provider) and while the credential still exists.
        deleting.publishEvent(new TouchpointDeleting(tenant, id));
        tx.write(tenant, () -> {
            requireDeletable(tenant, id);
            links.deleteByTenantIdAndTouchpointId(tenant.value(), id);
            touchpoints.deleteByTenantIdAndId(tenant.value(), id);
            secrets.deleteAll(tenant, id);
        });
    }

    private boolean requireDeletable(TenantId tenant, UUID id) {
        find(tenant, id);
        if (conversations.existsByTenantIdAndTouchpointId(tenant.value(), id)) {
            throw ApiException.conflict("the touchpoint has conversations; deactivate it instead (enabled: false)");
        }
        return true;
    }

    public void setPassword(TenantId tenant, UUID id, CredentialUpdate update) {
        setPassword(tenant, id, update, null);
    }

    /** @param actor the admin setting it, recorded in the touchpoint's history */
    public void setPassword(TenantId tenant, UUID id, CredentialUpdate update, @Nullable UUID actor) {
        InputCheck in = InputCheck.start();
        checkPassword(in, update.password());
        in.orThrow();
        tx.write(tenant, () -> storePassword(tenant, find(tenant, id), update.password(), actor));
    }

    private static void checkPassword(InputCheck in, @Nullable String password) {
        in.check(password != null && !password.isEmpty() && password.length() <= 1000,
                "password", "is required (at most 1000 characters)");
    }

    private Touchpoint storePassword(TenantId tenant, Touchpoint t, String password, @Nullable UUID actor) {
        secrets.put(tenant, t.id(), PASSWORD_FIELD, password);
        if (t.connectionState() == ConnectionState.EXPIRED) {
            // Re-authentication: a new credential lets the sync try again from its stored cursor.
            return states.adminMove(tenant, t, ConnectionState.PENDING, actor, "a new password was set");
        }
        return t;
    }

    /** Edited settings as they will be saved (mailbox setting filled in), checked by Postline's policies and the connector. */
    private Map<String, String> checkedSettings(Touchpoint current, Map<String, String> settings, Direction direction) {
        InputCheck in = InputCheck.start();
        Map<String, String> filled = mailboxSetting.apply(in, current.connectorKind(), current.address(), settings);
        checkWithConnector(in, current.connectorKind(), filled, direction, settingsCodec.read(current.settings()));
        in.orThrow();
        return filled;
    }

    private TouchpointDetails details(TenantId tenant, Touchpoint t) {
        List<UUID> groupIds = links.findByTenantIdAndTouchpointId(tenant.value(), t.id()).stream()
                .map(TouchpointRingGroup::ringGroupId).toList();
        return new TouchpointDetails(t, groupIds, settingsCodec.read(t.settings()), secrets.updatedAt(tenant, t.id(), PASSWORD_FIELD));
    }

    private void replaceLinks(TenantId tenant, UUID touchpointId, Set<UUID> groupIds) {
        for (UUID groupId : groupIds) {
            if (groups.findByTenantIdAndId(tenant.value(), groupId).isEmpty()) {
                throw ApiException.invalid("ringGroupIds", "ring group " + groupId + " does not exist");
            }
        }
        links.deleteByTenantIdAndTouchpointId(tenant.value(), touchpointId);
        for (UUID groupId : groupIds) {
            links.save(new TouchpointRingGroup(UUID.randomUUID(), tenant.value(), touchpointId, groupId));
        }
    }

    private Touchpoint find(TenantId tenant, UUID id) {
        return touchpoints.findByTenantIdAndId(tenant.value(), id).orElseThrow(() -> ApiException.notFound("touchpoint"));
    }

    private void requireUniqueName(TenantId tenant, String name, @Nullable UUID self) {
        touchpoints.findByTenantIdAndNameKey(tenant.value(), key(name))
                .filter(other -> !other.id().equals(self))
                .ifPresent(other -> {
                    throw ApiException.conflict("a touchpoint with this name already exists");
                });
    }

    /** A kind whose connector is installed: a touchpoint nothing can sync would stay PENDING forever. */
    @Nullable
    private ConnectorKind connectorKind(InputCheck in, @Nullable String text) {
        if (text == null) {
            return in.fail("connector", "is required");
        }
        String installed = String.join(", ", connectors.kinds());
        if (connectors.find(text).isEmpty()) {
            return in.fail("connector", "no connector \"" + text + "\" is installed; installed: " + installed);
        }
        try {
            return ConnectorKind.fromWire(text);
        } catch (IllegalArgumentException e) {
            return in.fail("connector", "unknown connector kind; installed: " + installed);
        }
    }

    private static Set<UUID> distinct(InputCheck in, @Nullable List<UUID> ids) {
        if (ids == null) {
            return Set.of();
        }
        in.check(ids.stream().noneMatch(java.util.Objects::isNull), "ringGroupIds", "must not contain null");
        Set<UUID> set = new LinkedHashSet<>(ids);
        set.remove(null);
        return set;
    }

    /**
     * The connector judges its own settings (host, port, preset, header filter…), field by field, and
     * what sending needs when the touchpoint sends. {@code before}: the stored settings of an edit.
     */
    private void checkWithConnector(InputCheck in, ConnectorKind kind, Map<String, String> settings, @Nullable Direction direction,
                                    @Nullable Map<String, String> before) {
        InboundPolicy.check(in, settings);
        dev.postline.core.ingest.AuthservTrust.check(in, settings);
        PasswordExpiryPolicy.check(in, settings);
        dev.postline.core.outbound.OutboundPolicy.check(in, settings);
        dev.postline.core.workflow.WorkflowPolicy.check(in, settings);
        ImapOAuthRefusal.check(in, kind, settings, before);
        connectors.find(kind.wireName()).ifPresent(factory -> {
            factory.validate(settings).errors().forEach((field, message) -> in.fail("settings." + field, message));
            if (direction != null && direction.sends() && in.ok()) {
                factory.validateSending(settings).errors().forEach((field, message) -> in.fail("settings." + field, message));
            }
        });
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
