package dev.postline.tenantadmin.api;

import dev.postline.connectors.api.ConnectorFactory;
import dev.postline.connectors.api.FailureCause;
import dev.postline.connectors.api.VerifyResult;
import dev.postline.core.connector.ConnectorRegistry;
import dev.postline.core.connector.ConnectorSessions;
import dev.postline.core.connector.MailboxAddressSetting;
import dev.postline.core.connector.VerifySentence;
import dev.postline.core.security.Authenticated;
import dev.postline.core.security.Caller;
import dev.postline.core.security.Roles;
import dev.postline.core.touchpoint.ConnectorKind;
import dev.postline.core.touchpoint.TouchpointService;
import dev.postline.core.web.ApiException;
import dev.postline.core.web.InputCheck;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * "Test connection" over the API: logs in with settings not saved yet, or with a saved touchpoint's
 * own, under the installation's host policy (a refused host or port is never connected to). The
 * answer is 200 whether or not the login worked: {@code ok}, a machine-readable {@code cause}
 * ({@link FailureCause#code()}, e.g. {@code name-not-resolved}, {@code login-refused}) and a sentence.
 */
@Controller("/api/v1/touchpoints")
@Secured(Roles.ADMIN)
public class TouchpointVerifyController {

    /** Settings and password to try; nothing is stored. {@code address}: the touchpoint's address (default user name). */
    @Serdeable
    public record Candidate(String connector, @Nullable String address, @Nullable Map<String, String> settings,
                            @Nullable String password) {
        @Override
        public String toString() {
            return "Candidate[connector=" + connector + ", password=<redacted>]";
        }
    }

    /** One check; {@code cause} only when it failed. */
    @Serdeable
    public record CheckView(String name, boolean ok, @Nullable String cause, String message) {}

    /** {@code cause}: of the first failed check, null when everything passed. */
    @Serdeable
    public record VerifyView(boolean ok, @Nullable String cause, String message, List<CheckView> checks) {
        static VerifyView of(VerifyResult r) {
            return new VerifyView(r.ok(), r.firstFailure().flatMap(VerifyResult.Check::cause).map(FailureCause::code).orElse(null),
                    VerifySentence.of(r), r.checks().stream().map(c -> new CheckView(c.name(), c.ok(),
                            c.cause().map(FailureCause::code).orElse(null), c.detail())).toList());
        }
    }

    private final ConnectorRegistry connectors;
    private final ConnectorSessions sessions;
    private final MailboxAddressSetting mailboxSetting;
    private final TouchpointService touchpoints;

    public TouchpointVerifyController(ConnectorRegistry connectors, ConnectorSessions sessions, MailboxAddressSetting mailboxSetting,
                                      TouchpointService touchpoints) {
        this.connectors = connectors;
        this.sessions = sessions;
        this.mailboxSetting = mailboxSetting;
        this.touchpoints = touchpoints;
    }

    @Post("/verify")
    public VerifyView verifyCandidate(@Authenticated Caller caller, @Body Candidate candidate) {
        InputCheck in = InputCheck.start();
        ConnectorFactory factory = candidate.connector() == null ? null : connectors.find(candidate.connector()).orElse(null);
        in.check(factory != null, "connector", "no such connector is installed; installed: " + String.join(", ", connectors.kinds()));
        var email = candidate.address() == null ? null : in.email("address", candidate.address());
        String address = email == null ? null : email.value();
        in.check(candidate.password() == null || candidate.password().length() <= 1000, "password", "at most 1000 characters");
        in.orThrow();
        Map<String, String> settings = candidate.settings() == null ? Map.of() : candidate.settings();
        if (address != null) {
            // The user name / mailbox address filled in from the address, as on create.
            settings = mailboxSetting.apply(in, ConnectorKind.fromWire(factory.kind()), address, settings);
        }
        factory.validate(settings).errors().forEach((field, message) -> in.fail("settings." + field, message));
        in.orThrow();
        String password = candidate.password() == null ? "" : candidate.password();
        return VerifyView.of(sessions.verifyCandidate(caller.tenant(), factory.kind(), settings, password)
                .orElseThrow(() -> ApiException.notFound("connector")));
    }

    /** The saved touchpoint with its stored credential. */
    @Post("/{touchpointId}/verify")
    public VerifyView verifyStored(@Authenticated Caller caller, @PathVariable UUID touchpointId) {
        var touchpoint = touchpoints.get(caller.tenant(), touchpointId).touchpoint();
        return VerifyView.of(sessions.verifyStored(touchpoint)
                .orElseThrow(() -> ApiException.conflict("no connector for " + touchpoint.connectorKind().wireName() + " is installed")));
    }
}
